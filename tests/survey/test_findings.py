"""The survey's findings: each real finding on fixture databases built so its verdict is known
(one where it holds, one where it does not), the scopes, the rule engine, validation errors at
file:line:col, and the `findings` command's formats."""

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from slm_atlas.cli import main
from slm_atlas.db.ddl import table_statements, view_files
from slm_atlas.survey.finding_files import load_findings
from slm_atlas.survey.findings import FAILS, HOLDS, UNKNOWN, evaluate, evaluate_all
from tests.conftest import REPO

FINDINGS = REPO / "survey" / "findings"


# --- fixture databases: the real DDL and views, rows inserted by hand ----------------------------


class Atlas:
    """An in-memory database with the atlas's tables and views, and helpers that insert rows."""

    def __init__(self, path: str = ":memory:"):
        self.con = duckdb.connect(path)
        for statement in table_statements():
            self.con.execute(statement)
        for _, sql in view_files():
            self.con.execute(sql)
        self.count = 0

    def model(
        self,
        year: int | None = 2024,
        *,
        survey: bool = True,
        parameters: float = 1e9,
        attention: str = "GQA",
        ffn: str = "gated",
        activation: str = "SiLU",
        ratio: float = 2.75,
        norm: str = "RMSNorm",
        vocab: int = 32000,
        tokens: float | None = 2e12,
        openness: str = "open",
        model_id: str | None = None,
    ) -> str:
        self.count += 1
        model_id = model_id or f"m{self.count:03d}"
        self.con.execute(
            "INSERT INTO models (id, name, family, organization, hub_repo, kind, released, parameters, survey_group) "
            "VALUES (?, ?, 'f', 'o', ?, 'base', ?, ?, ?)",
            [
                model_id,
                model_id.upper(),
                f"o/{model_id}",
                None if year is None else f"{year}-06-01",
                int(parameters),
                "survey-v1" if survey else None,
            ],
        )
        self.con.execute(
            "INSERT INTO architecture (model_id, attention_kind, ffn_kind, activation, ffn_ratio, norm, vocab_size) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [model_id, attention, ffn, activation, ratio, norm, vocab],
        )
        self.con.execute(
            "INSERT INTO training (model_id, tokens, data_openness) VALUES (?, ?, ?)",
            [model_id, None if tokens is None else int(tokens), openness],
        )
        return model_id

    def models(self, n: int, year: int | None, **kwargs) -> list[str]:
        return [self.model(year, **kwargs) for _ in range(n)]

    def score(self, model_id: str, benchmark: str, value: float, shots: int | None = 0) -> None:
        self.con.execute(
            "INSERT INTO scores (model_id, benchmark, value, shots) VALUES (?, ?, ?, ?)",
            [model_id, benchmark, value, shots],
        )

    def capabilities(
        self, model_id: str, commonsense: float, problem: float | None = None, math: float | None = None
    ) -> None:
        self.score(model_id, "survey-commonsense", commonsense)
        if problem is not None:
            self.score(model_id, "survey-problem-solving", problem)
        if math is not None:
            self.score(model_id, "survey-math", math)

    def dataset(self, model_id: str, dataset_id: str) -> None:
        self.con.execute("INSERT INTO model_datasets VALUES (?, ?, 'pre-training')", [model_id, dataset_id])

    def technique(self, model_id: str, technique_id: str) -> None:
        self.con.execute("INSERT INTO model_techniques VALUES (?, ?)", [model_id, technique_id])

    def run(
        self,
        model_id: str,
        prefill: float,
        decode: float,
        *,
        dtype: str = "bf16",
        device: str = "cpu",
        machine: str = "Test CPU",
        memory: float | None = None,
    ) -> None:
        self.count += 1
        self.con.execute(
            "INSERT INTO measurements (model_id, run_id, measured_at, model_revision, machine, device, backend, "
            "backend_version, dtype,"
            " batch_size, prompt_tokens, generated_tokens, prefill_ms, decode_ms_per_token, peak_memory_bytes, status) "
            "VALUES (?, ?, '2026-01-01 00:00:00+00', 'r', ?, ?, 'torch', '2', ?, 1, 64, 16, ?, ?, ?, 'ok')",
            [
                model_id,
                f"run{self.count}",
                machine,
                device,
                dtype,
                [prefill, prefill],
                [decode, decode],
                None if memory is None else int(memory),
            ],
        )


@pytest.fixture(scope="module")
def findings():
    items, problems = load_findings(FINDINGS)
    assert problems == []
    return {item.finding.id: item for item in items}


def verdict(findings, atlas: Atlas, finding_id: str, scope: str = "all"):
    outcome = evaluate(atlas.con, findings[finding_id], scope)
    return outcome.verdict, outcome.metrics


def architecture(kind: str, holds: bool) -> Atlas:
    """Six 2022 models in the old style and six 2024 models in the new style (or still the old one)."""
    atlas = Atlas()
    old = dict(attention="MHA", ffn="standard", activation="GELU", ratio=4.0, norm="LayerNorm", vocab=50257)
    new = dict(attention="GQA", ffn="gated", activation="SiLU", ratio=2.75, norm="RMSNorm", vocab=151936)
    atlas.models(6, 2022, **old)
    if holds:
        atlas.models(6, 2024, **new)
    elif kind == "ffn":
        atlas.models(6, 2024, **{**new, "ratio": 10.0})  # gated and SiLU, but far outside 2-8
    else:
        atlas.models(6, 2024, **old)
    return atlas


@pytest.mark.parametrize(
    ("finding_id", "holds", "expected"),
    [
        ("attention-gqa-shift", True, {"gqa_latest": 1.0, "mha_before_2024": 1.0, "latest_year": 2024}),
        ("attention-gqa-shift", False, {"gqa_latest": 0.0, "mha_latest": 1.0}),
        ("ffn-gated-silu", True, {"gated_latest": 1.0, "silu_latest": 1.0, "ratio_2_to_8_latest": 1.0}),
        ("ffn-gated-silu", False, {"gated_latest": 1.0, "ratio_2_to_8_latest": 0.0, "median_ratio_latest": 10.0}),
        ("rmsnorm", True, {"rmsnorm_latest": 1.0, "rmsnorm_before_2024": 0.0}),
        ("rmsnorm", False, {"rmsnorm_latest": 0.0}),
        ("vocabulary-growth", True, {"median_vocab_latest": 151936, "median_vocab_before_2024": 50257}),
        ("vocabulary-growth", False, {"median_vocab_latest": 50257}),
    ],
)
def test_architecture_findings(findings, finding_id, holds, expected):
    kind = "ffn" if finding_id == "ffn-gated-silu" else "other"
    result, metrics = verdict(findings, architecture(kind, holds), finding_id)
    assert result == (HOLDS if holds else FAILS)
    assert {key: metrics[key] for key in expected} == expected


def test_post_survey_models_can_overturn_a_finding(findings):
    """Surveyed models show the shift; six 2025 models back on MHA reverse it for the whole catalog."""
    atlas = architecture("other", True)
    atlas.models(6, 2025, survey=False, attention="MHA")
    assert verdict(findings, atlas, "attention-gqa-shift", "surveyed")[0] == HOLDS
    result, metrics = verdict(findings, atlas, "attention-gqa-shift", "all")
    assert (result, metrics["latest_year"], metrics["gqa_latest"], metrics["mha_latest"]) == (FAILS, 2025, 0.0, 1.0)


def test_every_finding_on_an_empty_database_has_not_enough_data(findings):
    atlas = Atlas()
    assert {fid: verdict(findings, atlas, fid)[0] for fid in findings} == {fid: UNKNOWN for fid in findings}


@pytest.mark.parametrize(("tokens", "expected"), [(2e12, HOLDS), (3e11, FAILS)])
def test_training_tokens_beyond_chinchilla(findings, tokens, expected):
    atlas = Atlas()
    atlas.models(6, 2024, parameters=1e9, tokens=tokens)
    result, metrics = verdict(findings, atlas, "training-tokens-beyond-chinchilla")
    assert (result, metrics["median_tokens_latest"], metrics["median_tokens_per_parameter_latest"]) == (
        expected,
        tokens,
        tokens / 1e9,
    )


@pytest.mark.parametrize("holds", [True, False])
def test_datasets_pile_then_newer(findings, holds):
    atlas = Atlas()
    for model_id in atlas.models(6, 2022):
        atlas.dataset(model_id, "the-pile")
    late = atlas.models(6, 2024)
    for index, model_id in enumerate(late):
        atlas.dataset(model_id, ("refinedweb" if index < 3 else "the-pile-deduplicated") if holds else "fineweb")
    result, metrics = verdict(findings, atlas, "datasets-pile-then-newer")
    assert result == (HOLDS if holds else FAILS)
    assert (metrics["pile_models"], metrics["runner_up_models"], metrics["newer_latest"]) == (
        (9, 3, 0.5) if holds else (6, 6, 0.0)
    )


@pytest.mark.parametrize("holds", [True, False])
def test_training_techniques_spread(findings, holds):
    atlas = Atlas()
    atlas.models(6, 2022)
    late = atlas.models(6, 2024)
    if holds:
        for model_id, technique in zip(late, ("mup", "knowledge-distillation", "two-stage-pretraining"), strict=False):
            atlas.technique(model_id, technique)
    result, metrics = verdict(findings, atlas, "training-techniques-spread")
    assert (result, metrics["any_latest"], metrics["techniques_grown"]) == (
        (HOLDS, 0.5, 3) if holds else (FAILS, 0.0, 0)
    )


@pytest.mark.parametrize("holds", [True, False])
def test_capability_gains(findings, holds):
    atlas = Atlas()
    for model_id in atlas.models(3, 2022):
        atlas.capabilities(model_id, 0.40, 0.30, 0.02)
    for model_id in atlas.models(5, 2024):
        atlas.capabilities(model_id, *((0.60, 0.60, 0.40) if holds else (0.42, 0.31, 0.02)))
    result, metrics = verdict(findings, atlas, "capability-gains")
    assert (result, metrics["best_commonsense_latest"]) == ((HOLDS, 0.60) if holds else (FAILS, 0.42))


@pytest.mark.parametrize(("reference", "expected"), [(0.68, HOLDS), (0.80, FAILS), (None, UNKNOWN)])
def test_best_slms_near_7b(findings, reference, expected):
    atlas = Atlas()
    for model_id in atlas.models(5, 2024):
        atlas.capabilities(model_id, 0.66)
    if reference is not None:
        atlas.capabilities(atlas.model(2024, parameters=7e9, survey=False), reference)
    result, metrics = verdict(findings, atlas, "best-slms-near-7b", "surveyed")
    assert (result, metrics["best_small_commonsense"], metrics["best_7b_commonsense"]) == (expected, 0.66, reference)


@pytest.mark.parametrize("holds", [True, False])
def test_open_data_closing_gap(findings, holds):
    atlas = Atlas()
    early_open, late_open = (0.45, 0.62) if holds else (0.58, 0.45)
    for year, open_score, closed_score in ((2023, early_open, 0.60), (2024, late_open, 0.65)):
        for model_id in atlas.models(3, year, openness="open"):
            atlas.capabilities(model_id, open_score)
        for model_id in atlas.models(3, year, openness="closed"):
            atlas.capabilities(model_id, closed_score)
    result, metrics = verdict(findings, atlas, "open-data-closing-gap")
    assert result == (HOLDS if holds else FAILS)
    assert (round(metrics["gap_before_2024"], 3), round(metrics["gap_latest"], 3)) == (
        (0.15, 0.03) if holds else (0.02, 0.2)
    )


@pytest.mark.parametrize("holds", [True, False])
def test_icl_larger_gain_more(findings, holds):
    atlas = Atlas()
    for index in range(8):
        model_id = atlas.model(2024, parameters=(index + 1) * 5e8)
        atlas.score(model_id, "survey-icl-gain", 0.01 * (index + 1 if holds else 8 - index), shots=5)
    result, metrics = verdict(findings, atlas, "icl-larger-gain-more")
    assert (result, metrics["models"], round(metrics["correlation"], 2) > 0) == (HOLDS if holds else FAILS, 8, holds)


@pytest.mark.parametrize("holds", [True, False])
def test_latency_beyond_parameters(findings, holds):
    """Ten models on one setting: one phase follows size exactly, the other deviates by 1.5x either way."""
    atlas = Atlas()
    for index in range(10):
        parameters = (index + 1) * 3e8
        model_id = atlas.model(2024, parameters=parameters)
        noisy = parameters / 1e7 * (1.5 if index % 2 else 1 / 1.5)
        exact = parameters / 1e7
        atlas.run(model_id, prefill=noisy if holds else exact, decode=(exact if holds else noisy) / 10)
    result, metrics = verdict(findings, atlas, "latency-beyond-parameters")
    assert result == (HOLDS if holds else FAILS)
    noisy_side, exact_side = ("prefill", "decode") if holds else ("decode", "prefill")
    assert (round(metrics[f"{noisy_side}_deviation"], 1), round(metrics[f"{exact_side}_deviation"], 3)) == (0.5, 0.0)


@pytest.mark.parametrize("holds", [True, False])
def test_memory_linear_in_parameters(findings, holds):
    atlas = Atlas()
    for index in range(10):
        parameters = (index + 1) * 3e8
        large_vocab, mha = index in (2, 7), index % 2 == 0
        model_id = atlas.model(
            2024, parameters=parameters, vocab=256000 if large_vocab else 32000, attention="MHA" if mha else "GQA"
        )
        factor = (1.2 if large_vocab else 1.0) * (1.05 if mha else 1.0) if holds else (0.8 if large_vocab else 1.0)
        atlas.run(model_id, 10.0, 1.0, memory=(2 * parameters + 5e8) * factor)
    result, metrics = verdict(findings, atlas, "memory-linear-in-parameters")
    assert (result, metrics["runs"], metrics["large_vocab_runs"], metrics["r2"] >= 0.9) == (
        HOLDS if holds else FAILS,
        10,
        2,
        True,
    )


@pytest.mark.parametrize("holds", [True, False])
def test_quantization_decode_more(findings, holds):
    atlas = Atlas()
    for model_id in atlas.models(5, 2024):
        atlas.run(model_id, prefill=100.0, decode=20.0, dtype="bf16")
        atlas.run(model_id, prefill=100 / (1.2 if holds else 2.0), decode=20 / (2.0 if holds else 1.1), dtype="int8")
    result, metrics = verdict(findings, atlas, "quantization-decode-more")
    assert (result, metrics["pairs"], round(metrics["decode_speedup"], 2)) == (
        HOLDS if holds else FAILS,
        5,
        2.0 if holds else 1.1,
    )


@pytest.mark.parametrize(("holds", "gpu"), [(True, True), (False, True), (None, False)])
def test_accelerator_prefill_more(findings, holds, gpu):
    atlas = Atlas()
    for model_id in atlas.models(3, 2024):
        atlas.run(model_id, prefill=1000.0, decode=50.0)
        if gpu:
            atlas.run(
                model_id,
                prefill=1000 / (10 if holds else 2),
                decode=50 / (2 if holds else 10),
                device="cuda",
                machine="Test GPU",
            )
    result, metrics = verdict(findings, atlas, "accelerator-prefill-more")
    expected = {True: (HOLDS, 3, 10.0), False: (FAILS, 3, 2.0), None: (UNKNOWN, 0, None)}[holds]
    assert (result, metrics["pairs"], metrics["prefill_speedup"]) == expected


def test_every_finding_is_tested_here(findings):
    tested = {
        "attention-gqa-shift",
        "ffn-gated-silu",
        "rmsnorm",
        "vocabulary-growth",
        "training-tokens-beyond-chinchilla",
        "datasets-pile-then-newer",
        "training-techniques-spread",
        "capability-gains",
        "best-slms-near-7b",
        "open-data-closing-gap",
        "icl-larger-gain-more",
        "latency-beyond-parameters",
        "memory-linear-in-parameters",
        "quantization-decode-more",
        "accelerator-prefill-more",
    }
    assert set(findings) == tested
    assert {item.finding.section for item in findings.values()} == {
        "architecture",
        "datasets",
        "training",
        "capabilities",
        "in-context learning",
        "runtime",
        "quantization and hardware",
    }


# --- validation: errors at file:line:col ---------------------------------------------------------

GOOD = (FINDINGS / "rmsnorm.yaml").read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems_in(tmp_path, name: str, text: str, monkeypatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    _, problems = load_findings(write(Path("findings"), name, text))
    return [p.text() for p in sorted(problems)]


def test_a_valid_finding_loads(tmp_path, monkeypatch):
    assert problems_in(tmp_path, "rmsnorm.yaml", GOOD, monkeypatch) == []


def test_unknown_key_and_bad_operator_are_placed(tmp_path, monkeypatch):
    text = GOOD.replace("section: architecture", "sectoin: architecture").replace(
        'op: ">", than: rmsnorm_before_2024', 'op: "=>", than: rmsnorm_before_2024'
    )
    assert problems_in(tmp_path, "rmsnorm.yaml", text, monkeypatch) == [
        "findings/rmsnorm.yaml:2:1: error[section]: required field 'section' is missing; one of 'architecture', "
        "'datasets',"
        " 'training', 'capabilities', 'in-context learning', 'runtime', 'quantization and hardware'",
        "findings/rmsnorm.yaml:7:1: error[sectoin]: unknown field 'sectoin'\n  hint: did you mean 'section'?",
        "findings/rmsnorm.yaml:35:36: error[rule.holds[0].op]: must be one of '>', '>=', '<' or '<=' (got '=>')",
    ]


def test_rule_naming_an_undeclared_metric_and_a_wrong_id(tmp_path, monkeypatch):
    text = GOOD.replace('{metric: rmsnorm_latest, op: ">=", than: 0.5}', '{metric: rmsnorm_2030, op: ">=", than: 0.5}')
    assert problems_in(tmp_path, "norms.yaml", text, monkeypatch) == [
        "findings/norms.yaml:2:5: error[id]: id 'rmsnorm' must match the file name 'norms'",
        "findings/norms.yaml:36:16: error[rule.holds[1].metric]: 'rmsnorm_2030' is not one of the metrics (latest_year,"
        " models_before_2024, models_latest, rmsnorm_before_2024, rmsnorm_latest)",
    ]


def test_yaml_syntax_error_is_placed(tmp_path, monkeypatch):
    assert problems_in(tmp_path, "broken.yaml", "id: broken\nclaim: [unclosed\n", monkeypatch) == [
        "findings/broken.yaml:3:1: error[yaml]: did not find expected ',' or ']' (while parsing a flow sequence)",
    ]


def test_a_failing_query_is_reported_at_its_sql(tmp_path, monkeypatch, findings):
    monkeypatch.chdir(tmp_path)
    folder = write(Path("findings"), "rmsnorm.yaml", GOOD.replace("FROM known AS k, latest AS l", "FROM no_such_table"))

    items, problems = load_findings(folder)
    assert problems == []
    results, failed = evaluate_all(Atlas().con, items)
    assert results == []
    assert [f.text().split(": Catalog Error")[0] for f in failed] == [
        "findings/rmsnorm.yaml:13:6: error[sql]: the query failed on scope surveyed"
    ]


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def database(tmp_path) -> Path:
    """A database file where the RMSNorm finding holds (surveyed and all)."""
    path = tmp_path / "atlas.duckdb"
    atlas = Atlas(str(path))
    atlas.models(6, 2022, norm="LayerNorm")
    atlas.models(6, 2024, norm="RMSNorm")
    atlas.con.close()
    return path


def command(capsys, database: Path, folder: Path, fmt: str) -> tuple[int, str]:
    code = main(
        [
            "findings",
            "--catalog",
            str(database.parent / "no-catalog"),
            "--db",
            str(database),
            "--findings",
            str(folder),
            "--format",
            fmt,
        ]
    )
    return code, capsys.readouterr().out


def test_findings_command_text(tmp_path, capsys, database):
    folder = write(tmp_path / "findings", "rmsnorm.yaml", GOOD)
    code, out = command(capsys, database, folder, "text")
    assert code == 0
    assert out.splitlines()[:9] == [
        "rmsnorm [architecture; §2.1 Model architecture, figure 2 (normalisation by year)]",
        "  claim: Small models normalise with RMSNorm, which drops LayerNorm's mean subtraction and bias, instead of "
        "LayerNorm.",
        "  surveyed: holds",
        "    [yes] latest year with five models: 2024 (needs at least 2024)",
        "    [yes] models before 2024: 6 (needs at least 5)",
        "    [yes] models in the latest year: 6 (needs at least 5)",
        "    [yes] RMSNorm share in the latest year (100.0%) > RMSNorm share before 2024 (0.0%)",
        "    [yes] RMSNorm share in the latest year (100.0%) >= 50.0%",
        "  all: holds",
    ]
    assert (
        out.splitlines()[-1]
        == "1 of 1 findings hold on today's data (every model in the catalog); 0 have not enough data"
    )


def test_findings_command_csv_and_json(tmp_path, capsys, database):
    folder = write(tmp_path / "findings", "rmsnorm.yaml", GOOD)
    code, out = command(capsys, database, folder, "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id,section,survey_reference,scope,verdict,metric,label,value"
    assert (
        lines[5] == 'rmsnorm,architecture,"§2.1 Model architecture, figure 2 (normalisation by '
        'year)",surveyed,holds,rmsnorm_latest,RMSNorm share in the latest year,1'
    )
    assert len(lines) == 1 + 2 * 5
    code, out = command(capsys, database, folder, "json")
    records = json.loads(out)
    assert code == 0
    assert [(r["id"], r["verdict"], [s["scope"] for s in r["scopes"]]) for r in records] == [
        ("rmsnorm", "holds", ["surveyed", "all"])
    ]
    assert records[0]["scopes"][1]["metrics"] == {
        "latest_year": 2024,
        "models_before_2024": 6,
        "models_latest": 6,
        "rmsnorm_before_2024": 0.0,
        "rmsnorm_latest": 1.0,
    }
    assert records[0]["scopes"][0]["checks"][0] == {
        "text": "latest year with five models: 2024 (needs at least 2024)",
        "passed": True,
    }


def test_findings_command_reports_invalid_files(tmp_path, capsys, database):
    folder = write(
        tmp_path / "findings",
        "rmsnorm.yaml",
        GOOD.replace("  at_least: 5}", "  at_least: 0}", 1).replace("at_least: 5}", "at_least: 0}", 1),
    )
    code, out = command(capsys, database, folder, "text")
    assert code == 1
    assert out.splitlines()[-1] == "failed: 1 error in 1 file (schema 1); checked the findings"
    assert "rmsnorm.yaml:32:46: error[rule.enough[1].at_least]: must be >= 1 (got 0)" in out


def test_findings_command_builds_a_missing_database(catalog_dir, capsys):
    db = catalog_dir.parent / "build" / "atlas.duckdb"
    code = main(
        [
            "findings",
            "--catalog",
            str(catalog_dir),
            "--db",
            str(db),
            "--export",
            str(catalog_dir.parent / "build" / "export"),
            "--findings",
            str(FINDINGS),
            "--format",
            "csv",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and db.exists()
    rows = list(csv.reader(out.splitlines()[1:]))
    assert {row[0] for row in rows} == {p.stem for p in FINDINGS.glob("*.yaml")}
    assert {row[4] for row in rows} == {UNKNOWN}  # one fixture model supports no verdict


def test_findings_command_without_a_findings_folder(tmp_path, capsys, database):
    code = main(["findings", "--db", str(database), "--findings", str(tmp_path / "nowhere")])
    assert code == 2
    assert (
        capsys.readouterr().err
        == f"error: no findings folder at {tmp_path / 'nowhere'}; run this from the repository root or pass --findings "
        f"DIR\n"
    )


def test_real_findings_copy_cleanly(tmp_path):
    """The findings folder holds only findings (a stray file would be read as one)."""
    shutil.copytree(FINDINGS, tmp_path / "findings")
    assert sorted(p.suffix for p in (tmp_path / "findings").iterdir()) == [".yaml"] * len(list(FINDINGS.glob("*.yaml")))


# --- hostile SQL: a finding's query is one SELECT, run as written, with no access to other files ---

ESCAPE = (
    "SELECT 1 AS x) AS a; COPY (SELECT 1 AS pwned) TO '{target}' (FORMAT csv); SELECT * FROM (SELECT 1 AS latest_year,"
    " 1 AS models_before_2024, 1 AS models_latest, 1 AS rmsnorm_before_2024, 1 AS rmsnorm_latest"
)


def hostile(tmp_path, sql: str) -> Path:
    text = GOOD.split("sql: |")[0] + "sql: " + json.dumps(sql) + "\nmetrics:" + GOOD.split("\nmetrics:")[1]
    return write(tmp_path / "findings", "rmsnorm.yaml", text)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (ESCAPE, "the query is not SQL DuckDB can parse"),
        ("SELECT 1 AS latest_year; SELECT 2 AS models_latest", "the query must be exactly one SQL statement (found 2)"),
        ("COPY (SELECT 1) TO '{target}'", "the query must be a SELECT query (found a COPY statement)"),
        (
            "SELECT * FROM read_text('/etc/hostname')",
            "the query failed on scope surveyed: Permission Error: Cannot access file",
        ),
        (
            "SELECT * FROM read_csv('/etc/passwd')",
            "the query failed on scope surveyed: Permission Error: Cannot access file",
        ),
    ],
)
def test_finding_sql_cannot_leave_its_select(tmp_path, capsys, database, sql, message):
    target = tmp_path / "pwned.csv"
    folder = hostile(tmp_path, sql.format(target=target))
    code, out = command(capsys, database, folder, "text")
    assert code == 1
    assert not target.exists()
    first = out.splitlines()[0]
    assert first.startswith(f"{folder / 'rmsnorm.yaml'}:"), first
    assert "error[sql]: " + message in first, first
