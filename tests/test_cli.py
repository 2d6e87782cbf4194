"""The CLI as a user runs it: output, exit codes, formats."""

import subprocess
import sys

import pytest

from slm_atlas.cli import main
from tests.conftest import edit


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


COMMANDS = [
    "validate",
    "build",
    "audit",
    "new",
    "fmt",
    "schema",
    "site",
    "findings",
    "stale",
    "tables",
    "sql",
    "hub",
    "measure",
    "survey",
]
ACTIONS = [("hub", "refresh"), ("measure", "list"), ("measure", "run"), ("survey", "import-runtime")]


def test_help_lists_every_command_with_its_whole_summary():
    result = subprocess.run([sys.executable, "-m", "slm_atlas", "--help"], capture_output=True, text=True, check=True)
    listed = " ".join(result.stdout.split())  # argparse wraps the summaries: compare words
    for command in COMMANDS:
        assert f" {command} " in listed, command
    # a summary spanning two docstring lines is shown whole, not cut at the first line break
    assert (
        "audit List every value the survey's data reports differently from the atlas, with the reason, and every"
        " value a Hub snapshot (config.json, safetensors count, card licence) disagrees with."
    ) in listed


@pytest.mark.parametrize(
    "argv", [[c] for c in COMMANDS if c not in ("hub", "measure", "survey")] + [list(a) for a in ACTIONS]
)
def test_every_command_has_help(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: slm-atlas {' '.join(argv)} ")


def test_bad_flag_exits_2(capsys):
    with pytest.raises(SystemExit) as err:
        main(["validate", "--format", "xml"])
    assert err.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_validate_ok(catalog_dir, capsys):
    assert run(capsys, "validate") == (0, "ok: 1 model file (1 valid) and 6 lists, no errors\n", "")


def test_validate_github_format(catalog_dir, capsys, base_record):
    (catalog_dir / "models" / "smollm-135m.yaml").write_text(edit(base_record, "  kv_heads: 3\n", "  kv_heads: 4\n"))
    code, out, err = run(capsys, "validate", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=catalog/models/smollm-135m.yaml,line=32,col=13,title=architecture.kv_heads::"
        "must divide attention_heads (got 4 for 9 heads)\n"
    )
    assert err.startswith("failed: 1 error in 1 file (kv-heads-divide 1)")


def test_validate_named_files_reports_only_them(catalog_dir, capsys, base_record):
    bad = edit(base_record, "id: smollm-135m", "id: other").replace("  kv_heads: 3\n", "  kv_heads: 4\n")
    bad = edit(bad, "hub_repo: HuggingFaceTB/SmolLM-135M", "hub_repo: example/other")
    (catalog_dir / "models" / "other.yaml").write_text(bad)
    code, out, _ = run(capsys, "validate", "catalog/models/smollm-135m.yaml")
    assert (code, out) == (0, "ok: 2 model files (2 valid) and 6 lists, no errors\n")
    code, out, _ = run(capsys, "validate", "catalog/models/other.yaml")
    assert code == 1 and out.startswith("catalog/models/other.yaml:32:13: error[architecture.kv_heads]")


def test_build_then_sql(catalog_dir, capsys):
    code, out, _ = run(capsys, "build")
    assert code == 0
    assert out.splitlines()[0].startswith("wrote build/slm-atlas.duckdb (models 1, architecture 1,")
    code, out, _ = run(capsys, "sql", "select name, attention_kind, parameters from model_overview")
    assert (code, out) == (
        0,
        "name         attention_kind  parameters\n-----------  --------------  ----------\nSmolLM-135M  GQA            "
        "  134515008\n(1 row)\n",
    )
    code, out, _ = run(
        capsys, "sql", "select id, kv_heads from architecture a join models m on m.id = a.model_id", "--format", "csv"
    )
    assert out == "id,kv_heads\nsmollm-135m,3\n"


def test_build_refuses_an_invalid_catalog(catalog_dir, capsys, base_record):
    (catalog_dir / "models" / "smollm-135m.yaml").write_text(
        edit(base_record, "family: SmolLM", "family: SmolLM\nfamily: x")
    )
    code, out, _ = run(capsys, "build")
    assert code == 1
    assert out.splitlines()[-1] == "failed: 1 error in 1 file (yaml 1); checked the catalog; nothing was written"
    assert not (catalog_dir.parent / "build").exists()


def test_sql_errors_are_one_line_without_traceback(catalog_dir, capsys):
    code, _, err = run(capsys, "sql", "select 1")
    assert (code, err) == (1, "error: build/slm-atlas.duckdb does not exist; run `slm-atlas build` first\n")
    run(capsys, "build")
    code, _, err = run(capsys, "sql", "select nope from models")
    assert code == 1
    assert err.startswith('error: Binder Error: Referenced column "nope" not found')


def test_schema_check_detects_a_stale_file(tmp_path, capsys):
    assert run(capsys, "schema", "--root", str(tmp_path))[0] == 0
    assert run(capsys, "schema", "--check", "--root", str(tmp_path)) == (0, "ok: 0 stale generated file(s)\n", "")
    (tmp_path / "schema" / "tables.sql").write_text("-- edited by hand\n")
    code, out, _ = run(capsys, "schema", "--check", "--root", str(tmp_path))
    assert (code, out) == (
        1,
        "schema/tables.sql: stale or missing; run `slm-atlas schema`\nfailed: 1 stale generated file(s)\n",
    )


def test_audit_groups_differences_by_model(catalog_dir, capsys):
    code, out, _ = run(capsys, "audit")
    assert code == 0
    assert out.splitlines()[:2] == [
        "smollm-135m",
        "  training.datasets: survey FineWeb-Edu, Python-Edu, Cosmopedia v3; atlas fineweb-edu-dedup, cosmopedia-v2, "
        "python-edu (smollm-blog)",
    ]
    assert out.splitlines()[-1] == (
        "1 value in 1 model differs from the survey's data (training.datasets 1); "
        "2 of 2 survey averages equal the mean of their published task scores"
    )


def test_audit_filters_and_csv(catalog_dir, capsys):
    code, out, _ = run(capsys, "audit", "--field", "architecture", "--format", "csv")
    assert (code, out) == (0, "model_id,field,survey_reported,atlas_value,atlas_source,reason\n")


def test_audit_refuses_an_invalid_catalog(catalog_dir, capsys, base_record):
    (catalog_dir / "models" / "smollm-135m.yaml").write_text(edit(base_record, "  kv_heads: 3\n", "  kv_heads: 4\n"))
    code, out, _ = run(capsys, "audit")
    assert code == 1 and out.splitlines()[-1].endswith("; fix these before auditing")


def test_every_command_loads_without_the_optional_extras(catalog_dir):
    # the CLI imports every command module, and they import no optional extra until a command needs it:
    # validate runs on the core install (duckdb is a core dependency), with no hub client, torch, site or engine
    extras = (
        "huggingface_hub",
        "httpx2",
        "torch",
        "transformers",
        "altair",
        "jinja2",
        "markupsafe",
        "mkdocs",
        "vl_convert",
        "llama_cpp",
        "gguf",
        "numpy",
        "tqdm",
    )
    code = (
        "import sys; from slm_atlas.cli import main; rc = main(['validate']); "
        f"print(rc, sorted(m for m in {extras!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=catalog_dir.parent
    )
    assert out.stdout.splitlines()[-1] == "0 []"


def test_validate_reports_a_missing_path_as_a_usage_error(catalog_dir, capsys):
    code, out, err = run(capsys, "validate", "catalog/models/nope.yaml")
    assert (code, out, err) == (2, "", "error: no such file or folder: catalog/models/nope.yaml\n")


def test_commands_outside_the_repository_say_where_they_looked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for command in ("validate", "audit"):
        code, out, err = run(capsys, command)
        assert (code, out) == (2, "")
        assert (
            err == f"error: no catalog folder at {tmp_path / 'catalog'}; run this from the repository root or pass "
            f"--catalog DIR\n"
        )


def test_audit_filters_that_match_nothing_are_usage_errors(catalog_dir, capsys):
    code, out, err = run(capsys, "audit", "--model", "smollm-999m")
    assert (code, out, err) == (
        2,
        "",
        "error: no model 'smollm-999m' in the catalog; --model takes one of: smollm-135m\n",
    )
    code, out, err = run(capsys, "audit", "--field", "archtecture")
    assert (code, out) == (2, "")
    assert err.startswith(
        "error: no field starts with 'archtecture'; --field takes a section (architecture, scores, training) "
        "or the start of one of: architecture.activation, architecture.attention_heads,"
    )
    assert run(capsys, "audit", "--field", "architecture.kv")[0] == 0


def test_tables_lists_tables_and_views_with_descriptions(catalog_dir, capsys):
    code, _, err = run(capsys, "tables")
    assert (code, err) == (
        1,
        f"error: no database at {catalog_dir.parent / 'build' / 'slm-atlas.duckdb'}; "
        "run `slm-atlas build` first, or pass --db FILE\n",
    )
    run(capsys, "build")
    code, out, _ = run(capsys, "tables", "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "name,kind,description"
    assert (
        'models,table,"One row per model: identity, release, licence, declared and computed parameters, survey '
        'membership."' in lines
    )
    assert any(
        line.startswith('provenance_values,view,"Every value of the provenance table in typed columns')
        for line in lines
    )


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as err:
        main(["--version"])
    assert err.value.code == 0
    assert capsys.readouterr().out == f"slm-atlas {version('slm-atlas')}\n"


def test_measure_takes_dtype_and_quant_beside_formats(capsys, catalog_dir):
    code, out, _ = run(
        capsys,
        "measure",
        "list",
        "smollm-135m",
        "--backend",
        "llamacpp",
        "--dtype",
        "f16",
        "--quant",
        "q4_k_m,q6_k",
        "--catalog",
        str(catalog_dir),
        "--root",
        str(catalog_dir.parent / "measure"),
    )
    assert code == 0
    assert [line.split()[2] for line in out.splitlines()[2:5]] == ["f16", "q4_k_m", "q6_k"]
    assert out.splitlines()[-1] == "0 of 3 model x format pairs have results (llamacpp)"
    code, _, err = run(capsys, "measure", "list", "smollm-135m", "--dtype", "int8", "--catalog", str(catalog_dir))
    assert code == 2 and err.startswith(
        "error: --dtype int8: --dtype takes unquantized formats (torch: fp32, bf16, fp16;"
    )


def test_a_full_disk_or_read_only_folder_is_a_message(catalog_dir, capsys, monkeypatch):
    import errno

    import slm_atlas.db.build as build_module

    def full(path, rows):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    assert main(["build", "--out", "/proc/atlas.duckdb", "--no-export"]) == 1  # /proc takes no new files
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: /proc/") and err.endswith("; nothing half-written was left")
    assert "Traceback" not in err
    monkeypatch.setattr(build_module, "write_database", full)
    assert main(["build"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "No space left on device; nothing half-written was left" in err
    assert not (catalog_dir.parent / "build" / "slm-atlas.duckdb").exists()
