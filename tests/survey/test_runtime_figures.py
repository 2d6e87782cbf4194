"""`slm-atlas survey import-runtime`: the survey's figure values become reference measurements,
bad rows are reported at their line, and the database keeps the survey's rows apart from ours."""

import json

import duckdb
import pytest

from slm_atlas.cli import main
from slm_atlas.db.build import build
from slm_atlas.db.ddl import view_files
from slm_atlas.survey.runtime_figures import COLUMNS, ImportFailed, import_runtime, load
from tests.conftest import REPO, make_catalog

HEADER = ",".join(COLUMNS)
SETUP = "jetson-orin-nx-16gb,llama.cpp,q4_k_m"
DATA = f"""# the survey's figures (a small sample)
{HEADER}
7a,SmolLM-135M,smollm-135m,{SETUP},prefill_ms,23.73,ms,,,2048,fig7,model;metric;unit,device;engine;format;context_tokens
7b,SmolLM-135M,smollm-135m,{SETUP},decode_ms_per_token,12.87,ms/token,,,2048,fig7,model;metric;unit,device;engine;format;context_tokens
7c,SmolLM-135M,smollm-135m,{SETUP},memory_total_mib,275.06,MiB,,,2048,fig7,model;metric,device;engine;format;context_tokens;unit
11b,SmolLM-135M,smollm-135m,{SETUP},memory_weights_mib,98.87,MiB,,,2048,fig7,model;metric,device;engine;format;context_tokens;unit
11b,SmolLM-135M,smollm-135m,{SETUP},memory_kv_cache_mib,45,MiB,,,2048,fig7,model;metric,device;engine;format;context_tokens;unit
11b,SmolLM-135M,smollm-135m,{SETUP},memory_compute_buffer_mib,97.12,MiB,,,2048,fig7,model;metric,device;engine;format;context_tokens;unit
11b,SmolLM-135M,smollm-135m,{SETUP},memory_total_mib,275.06,MiB,,,2048,fig7,model;metric,device;engine;format;context_tokens;unit

8a,Q4_K_M,,{SETUP},prefill_ms,38.12,ms,8,,,fig8-9,format;unit,device;engine;metric;prompt_tokens
9a,Meizu 18 Pro,,meizu-18-pro,llama.cpp,q4_k_m,prefill_ms,465.56,ms,11,,,fig8-9,device;unit,engine;format;metric;prompt_tokens
"""
RESULT = "jetson-orin-nx-16gb/smollm-135m__llama.cpp__q4_k_m__slm-survey-fig7.json"
MIB = 2**20


@pytest.fixture
def repo(tmp_path):
    """A repository-shaped folder: the fixture catalog, its survey/ lists, the data file, measure/."""
    catalog = make_catalog(tmp_path)
    (tmp_path / "survey" / "runtime").mkdir()
    data = tmp_path / "survey" / "runtime" / "values.csv"
    data.write_text(DATA, encoding="utf-8")
    return catalog, data, tmp_path / "measure"


def test_rows_of_one_run_become_one_measurement_with_exact_values(repo):
    catalog, data, root = repo
    report = import_runtime(data, catalog, root)
    assert sorted(p.relative_to(root).as_posix() for p in report.written) == [
        "hardware/jetson-orin-nx-16gb.yaml",
        "hardware/meizu-18-pro.yaml",
        f"results/{RESULT}",
    ]
    assert report.unnamed == 2  # figures 8 and 9 name no model: the CSV keeps them, no record is made
    record = json.loads((root / "results" / RESULT).read_text())
    assert {
        k: record[k] for k in ("model_id", "run_id", "machine", "device", "backend", "dtype", "hardware", "source")
    } == {
        "model_id": "smollm-135m",
        "run_id": "slm-survey-fig7",
        "machine": "Jetson Orin NX 16GB",
        "device": "cuda",
        "backend": "llama.cpp",
        "dtype": "q4_k_m",
        "hardware": "jetson-orin-nx-16gb",
        "source": "slm-survey",
    }
    assert (record["prefill_ms"], record["decode_ms_per_token"]) == ([23.73], [12.87])  # one value per point
    assert record["peak_memory_bytes"] == round(275.06 * MIB) == 288_421_315
    assert (record["weight_bytes"], record["kv_cache_bytes"]) == (round(98.87 * MIB), 45 * MIB)
    assert (record["prompt_tokens"], record["generated_tokens"], record["threads"], record["batch_size"]) == (
        None,
        None,
        None,
        1,
    )
    assert (record["model_revision"], record["backend_version"], record["weights"]) == (
        "unknown (survey)",
        "unknown (survey)",
        "hub",
    )
    assert record["measured_at"] == "2024-09-23T02:24:32Z" and record["environment"] == {"context_tokens": "2048"}
    assert record["decode_floor_ms"] is None and record["bandwidth_bytes_per_s"] is None
    assert record["inferred"] == [
        "backend",
        "batch_size",
        "device",
        "dtype",
        "environment.context_tokens",
        "hardware",
        "kv_cache_bytes",
        "machine",
        "measured_at",
        "peak_memory_bytes",
        "weight_bytes",
        "weights",
    ]
    assert record["source_detail"].startswith(
        "Figures 7a, 7b, 7c, 11b of the survey (vector PDFs in UbiquitousLearning/SLM_Survey@6fb9db9, figs/), read "
        "from the"
        " drawing data by survey/runtime/extract_figures.py into survey/runtime/values.csv: 7a prefill_ms 23.73 ms "
        "(line 3);"
        " 7b decode_ms_per_token 12.87 ms/token (line 4);"
    )
    assert (
        "7c memory_total_mib 275.06 MiB (line 5; also 11b, line 9);" in record["source_detail"]
    )  # plotted twice: one value
    profile = (root / "hardware" / "meizu-18-pro.yaml").read_text()
    assert profile.startswith(
        "cpu: null\ncores: null\nmemory_bytes: null\ngpu: null\ngpu_driver: null\nos: null\n"
        "name: Meizu 18 Pro\nsource: slm-survey\nstated: Its name, in the legends of figures 9a and 9b.\n"
    )


def test_a_second_import_changes_nothing_and_a_dropped_row_removes_its_file(repo):
    catalog, data, root = repo
    import_runtime(data, catalog, root)
    again = import_runtime(data, catalog, root)
    assert (again.written, again.removed, len(again.unchanged)) == ([], [], 3)
    data.write_text("\n".join(line for line in DATA.splitlines() if "smollm-135m" not in line) + "\n")
    check = import_runtime(data, catalog, root, check=True)
    assert [p.name for p in check.removed] == [RESULT.split("/")[1]] and (root / "results" / RESULT).exists()
    done = import_runtime(data, catalog, root)
    assert [p.name for p in done.removed] == [RESULT.split("/")[1]] and not (root / "results" / RESULT).exists()


def test_bad_rows_are_reported_at_their_line_and_nothing_is_written(repo):
    catalog, data, root = repo
    lines = DATA.splitlines()
    lines[2] = lines[2].replace(",smollm-135m,", ",smollm-999m,")
    lines[3] = lines[3].replace(",12.87,ms/token,", ",fast,ms/token,")
    lines[6] = lines[6].replace(",45,MiB,", ",45,MB,")
    lines[8] = lines[8].replace(",275.06,", ",275.6,")
    lines[10] = lines[10].replace(",8,,,fig8-9,", ",8.5,,,fig8-9,").replace("format;unit,", "format;unit;metric,")
    data.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFailed) as failed:
        load(data, catalog)
    assert [d.text() for d in failed.value.diagnostics] == [
        f"{data}:3:16: error[model]: 'smollm-999m' is not a model in the catalog (catalog/models/<id>.yaml)",
        f"{data}:4:85: error[value]: value must be a positive number, found 'fast'",
        f"{data}:7:89: error[unit]: memory_kv_cache_mib is in MiB, found 'MB'",
        f"{data}:9:83: error[value]: smollm-135m memory_total_mib in run fig7 is 275.6 here but 275.06 at line 5",
        f"{data}:11:69: error[prompt_tokens]: prompt_tokens must be a whole number of tokens above 0, or blank when not"
        " known; found '8.5'",
        f"{data}:11:101: error[inferred]: metric cannot be both stated and inferred",
    ]
    assert not root.exists()


def test_the_command_prints_file_line_errors_and_exits_1(repo, capsys, monkeypatch):
    _catalog, data, _root = repo
    monkeypatch.chdir(data.parents[2])
    data.write_text(
        DATA.replace(
            "jetson-orin-nx-16gb,llama.cpp,q4_k_m,prefill_ms,23.73", "jetson-nano,llama.cpp,q4_k_m,prefill_ms,23.73"
        )
    )
    code = main(["survey", "import-runtime", "--catalog", "catalog", "--root", "measure"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        "survey/runtime/values.csv:3:28: error[device]: unknown device 'jetson-nano' (known: jetson-orin-nx-16gb, "
        "meizu-18-pro)",
        "failed: 1 error in 1 file (survey-runtime 1); checked survey/runtime/values.csv; nothing was written",
    ]
    data.write_text(DATA)
    assert main(["survey", "import-runtime", "--catalog", "catalog", "--root", "measure"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "3 wrote, 0 unchanged, 0 removed; 2 values whose figure names no model stay in survey/runtime/values.csv only"
    )
    assert main(["survey", "import-runtime", "--check"]) == 0


def ours(decode: list[float]) -> dict:
    return {
        "model_id": "smollm-135m",
        "run_id": "ours",
        "measured_at": "2026-11-02T08:00:00Z",
        "model_revision": "random-weights",
        "machine": "Test CPU",
        "device": "cpu",
        "backend": "torch",
        "backend_version": "2.13.0",
        "dtype": "bf16",
        "threads": 2,
        "batch_size": 1,
        "prompt_tokens": 64,
        "generated_tokens": 16,
        "prefill_ms": [40.0, 44.0, 42.0],
        "decode_ms_per_token": decode,
        "weights": "random",
        "decode_floor_ms": 5.0,
        "prefill_floor_ms": 20.0,
    }


def test_the_build_keeps_survey_rows_apart_and_computes_no_floors_for_them(repo, tmp_path):
    catalog, data, root = repo
    import_runtime(data, catalog, root)
    (root / "results" / "test-cpu").mkdir()
    (root / "results" / "test-cpu" / "smollm-135m__torch__bf16.json").write_text(json.dumps(ours([10.0, 12.0, 11.0])))
    build(catalog, tmp_path / "db.duckdb", None)
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    rows = con.execute(
        "select source, machine, samples, prefill_ms_median, decode_ms_per_token_median, decode_over_floor,"
        " prefill_over_floor, decode_cv is null, prompt_tokens, len(inferred) from runtime"
    ).fetchall()
    assert rows == [
        (None, "Test CPU", 3, 42.0, 11.0, 2.2, 2.1, False, 64, 0),
        ("slm-survey", "Jetson Orin NX 16GB", 1, 23.73, 12.87, None, None, True, None, 12),
    ]
    # one shared model: too few to rank
    assert con.execute("select count(*) from runtime_rank_agreement").fetchone() == (0,)


def test_rank_agreement_is_spearman_with_mean_ranks_for_ties():
    con = duckdb.connect()
    con.execute(
        "create table runtime (model_id varchar, source varchar, hardware varchar, machine varchar, backend varchar,"
        " dtype varchar, prompt_tokens integer, generated_tokens integer, decode_ms_per_token_median double,"
        " prefill_ms_median double)"
    )
    ours_ = {"a": 10.0, "b": 20.0, "c": 20.0, "d": 40.0}  # b and c tie: ranks 2.5 and 2.5
    theirs = {"a": 1.0, "b": 3.0, "c": 2.0, "d": 4.0, "e": 5.0}  # e: not measured by us, left out
    for model, value in ours_.items():
        con.execute(
            "insert into runtime values (?, null, 'cpu-2c', 'CPU', 'torch', 'bf16', 64, 16, ?, null)", [model, value]
        )
    for model, value in theirs.items():
        con.execute(
            "insert into runtime values (?, 'slm-survey', 'jetson', 'Jetson', 'llama.cpp', 'q4_k_m', null, null, ?, ?)",
            [model, value, value],
        )
    [(_, sql)] = [(name, sql) for name, sql in view_files() if name == "runtime_rank_agreement"]
    con.execute(sql)
    rows = con.execute(
        "select metric, our_dtype, reference, reference_dtype, models, round(spearman, 6),"
        " models_by_reference_rank from runtime_rank_agreement"
    ).fetchall()
    # ranks ours (1, 2.5, 2.5, 4) against theirs (1, 3, 2, 4): Pearson of the ranks = 4.5 / sqrt(4.5 * 5)
    assert rows == [
        ("decode", "bf16", "slm-survey", "q4_k_m", 4, round(4.5 / (4.5 * 5) ** 0.5, 6), ["a", "c", "b", "d"])
    ]


def test_the_committed_data_file_imports_into_the_committed_results():
    imported = load(REPO / "survey" / "runtime" / "values.csv", REPO / "catalog")
    assert (len(imported.results), imported.unnamed, sorted(imported.profiles)) == (
        22,
        691,
        ["jetson-orin-nx-16gb", "meizu-18-pro"],
    )
    phi2 = imported.results["jetson-orin-nx-16gb/phi-2__llama.cpp__q4_k_m__slm-survey-fig7.json"]
    assert (phi2.prefill_ms, phi2.decode_ms_per_token, phi2.peak_memory_bytes) == (
        [148.58],
        [72.29],
        round(2456.62 * MIB),
    )
    assert (phi2.weight_bytes, phi2.kv_cache_bytes) == (1620 * MIB, 640 * MIB)
    qwen = imported.results["jetson-orin-nx-16gb/qwen-1.8b__llama.cpp__q4_k_m__slm-survey-fig7.json"]  # figure 11 only
    assert (qwen.prefill_ms, qwen.decode_ms_per_token, qwen.peak_memory_bytes) == ([], [], round(1872.64 * MIB))
    report = import_runtime(REPO / "survey" / "runtime" / "values.csv", REPO / "catalog", REPO / "measure", check=True)
    assert (report.written, report.removed) == ([], [])
