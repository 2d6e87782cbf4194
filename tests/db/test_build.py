import json
import os

import duckdb
import pytest

from slm_atlas.db.build import BLOCK_SIZE, BuildError, build
from slm_atlas.db.tables import TABLES
from tests.conftest import edit


@pytest.fixture
def built(catalog_dir, tmp_path):
    out = tmp_path / "build" / "slm-atlas.duckdb"
    report = build(catalog_dir, out, tmp_path / "build" / "export")
    return report, out


def test_every_table_exists_and_model_tables_hold_the_record(built):
    report, out = built
    con = duckdb.connect(str(out), read_only=True)
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert tables == set(TABLES)
    assert report.rows["models"] == 1 and report.rows["scores"] == 13 and report.rows["hub_snapshots"] == 0
    row = con.execute(
        "select m.name, a.attention_kind, m.parameters, m.parameters_computed, a.ffn_ratio "
        "from models m join architecture a on a.model_id = m.id"
    ).fetchone()
    assert row == ("SmolLM-135M", "GQA", 134_515_008, 134_515_008, pytest.approx(576 * 8 / 3 / 576))


def test_provenance_resolves_sources_and_marks_survey_differences(built):
    _, out = built
    con = duckdb.connect(str(out), read_only=True)
    rows = dict(
        (
            (field, (source, status, differs))
            for field, source, status, differs in con.execute(
                "select field, source, status, survey_differs from provenance where model_id = 'smollm-135m'"
            ).fetchall()
        )
    )
    assert rows["architecture.kv_heads"] == ("smollm-135m-config", "reported", None)
    assert rows["architecture.ffn_ratio"] == ("derived", "derived", False)
    assert rows["training.datasets"] == ("smollm-blog", "reported", True)  # the survey's "Cosmopedia v3"
    assert rows["parameters"] == ("derived", "derived", False)
    [(field, survey, _atlas)] = con.execute(
        "select field, survey_reported, atlas_value from survey_differences"
    ).fetchall()
    assert (field, json.loads(survey)) == ("training.datasets", ["FineWeb-Edu", "Python-Edu", "Cosmopedia v3"])


def test_views_answer_site_queries(built):
    _, out = built
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("select name, year, attention_kind, tokens_per_parameter from model_overview").fetchall() == [
        ("SmolLM-135M", 2024, "GQA", 4460.5)
    ]
    assert con.execute("select year, models, share_gqa from architecture_by_year").fetchall() == [(2024, 1, 1.0)]
    usage = con.execute("select id, models from dataset_usage order by id").fetchall()
    assert usage == [("cosmopedia-v2", 1), ("fineweb-edu-dedup", 1), ("python-edu", 1)]


def test_file_is_readable_by_duckdb_1_4(built):
    _, out = built
    con = duckdb.connect(str(out), read_only=True)
    [(tags,)] = con.execute("select tags from duckdb_databases() where database_name = current_database()").fetchall()
    assert tags == {"storage_version": "v1.4.0+"}
    assert con.execute("select block_size from pragma_database_size()").fetchone()[0] == BLOCK_SIZE


def test_exports_hold_the_overview(built, tmp_path):
    report, _out = built
    names = sorted(p.name for p in report.exports)
    assert names == ["models.csv", "models.json", "models.parquet"]
    data = json.loads((tmp_path / "build" / "export" / "models.json").read_text())
    assert [d["id"] for d in data] == ["smollm-135m"] and data[0]["parameters"] == 134_515_008
    header = (tmp_path / "build" / "export" / "models.csv").read_text().splitlines()[0]
    assert header.startswith("id,name,family,organization,kind,released,year,parameters")
    parquet = duckdb.sql(f"select id, vocab_size from '{tmp_path / 'build' / 'export' / 'models.parquet'}'").fetchall()
    assert parquet == [("smollm-135m", 49152)]


def test_failed_build_leaves_the_previous_file_untouched(catalog_dir, tmp_path, base_record):
    out = tmp_path / "build" / "slm-atlas.duckdb"
    build(catalog_dir, out, None)
    before = out.read_bytes()
    (catalog_dir / "models" / "smollm-135m.yaml").write_text(edit(base_record, "  kv_heads: 3\n", "  kv_heads: 4\n"))
    with pytest.raises(BuildError) as err:
        build(catalog_dir, out, None)
    assert [d.code for d in err.value.diagnostics] == ["kv-heads-divide"]
    assert out.read_bytes() == before
    # the unit: a link, the pointer it goes through, the lock, and exactly one version (nothing left over)
    assert sorted(os.listdir(out.parent)) == [
        ".slm-atlas.duckdb.current",
        ".slm-atlas.duckdb.lock",
        ".slm-atlas.duckdb.versions",
        "slm-atlas.duckdb",
    ]
    assert len(os.listdir(out.parent / ".slm-atlas.duckdb.versions")) == 1


def test_crash_while_writing_removes_the_temporary_file(catalog_dir, tmp_path, monkeypatch):
    import slm_atlas.db.build as build_module

    def explode(path, rows):
        path.write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "write_database", explode)
    out = tmp_path / "build" / "slm-atlas.duckdb"
    with pytest.raises(RuntimeError, match="disk full"):
        build(catalog_dir, out, None)
    assert not os.path.lexists(out)
    assert os.listdir(out.parent / ".slm-atlas.duckdb.versions") == []  # the partial version was removed


def test_machine_files_are_loaded_and_checked(catalog_dir, tmp_path):
    hub = catalog_dir / "hub"
    hub.mkdir()
    (hub / "smollm-135m.json").write_text(
        json.dumps(
            {
                "model_id": "smollm-135m",
                "hub_repo": "HuggingFaceTB/SmolLM-135M",
                "endpoint": "http://127.0.0.1:9",
                "status": "ok",
                "checked_at": "2026-11-28T12:00:00Z",
                "fetched_at": "2026-11-28T12:00:00Z",
                "sha": "abc123",
                "downloads": 1234,
                "tags": ["llama"],
                "license": "apache-2.0",
                "safetensors_parameters": 134_515_008,
                "config": {
                    "architectures": ["LlamaForCausalLM"],
                    "num_hidden_layers": 30,
                    "hidden_size": 576,
                    "num_attention_heads": 9,
                    "num_key_value_heads": 3,
                    "intermediate_size": 1536,
                    "vocab_size": 49152,
                    "max_position_embeddings": 2048,
                    "tie_word_embeddings": True,
                    "hidden_act": "silu",
                    "rms_norm_eps": 1e-05,
                },
            }
        )
    )
    results = tmp_path / "measure" / "results" / "run1"
    results.mkdir(parents=True)
    (results / "m.json").write_text(
        json.dumps(
            {
                "model_id": "smollm-135m",
                "run_id": "run1",
                "measured_at": "2026-11-28T12:00:00Z",
                "model_revision": "abc",
                "machine": "test cpu",
                "device": "cpu",
                "backend": "transformers",
                "backend_version": "4.0",
                "dtype": "float32",
                "threads": 2,
                "batch_size": 1,
                "prompt_tokens": 64,
                "generated_tokens": 32,
                "prefill_ms": [10.5, 11.0],
                "decode_ms_per_token": [5.0, 5.5],
                "peak_memory_bytes": 1000,
                "environment": {"python": "3.11"},
            }
        )
    )
    out = tmp_path / "db.duckdb"
    report = build(catalog_dir, out, None)
    assert (report.rows["hub_snapshots"], report.rows["measurements"]) == (1, 1)
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("select downloads, tags, config::JSON->>'hidden_act' from hub_snapshots").fetchone() == (
        1234,
        ["llama"],
        "silu",
    )
    checks = con.execute("select field, hub_key, hub_value, agrees from hub_checks order by field").fetchall()
    assert len(checks) == 13 and all(agrees for *_, agrees in checks)
    assert ("architecture.kv_heads", "num_key_value_heads", "3", True) in checks
    assert ("architecture.head_dim", "hidden_size / num_attention_heads", "64", True) in checks
    assert con.execute("select count(*) from hub_disagreements").fetchone() == (0,)
    assert con.execute("select prefill_ms, environment['python'] from measurements").fetchone() == (
        [10.5, 11.0],
        "3.11",
    )


def test_machine_file_for_an_unknown_model_is_an_error(catalog_dir, tmp_path):
    hub = catalog_dir / "hub"
    hub.mkdir()
    (hub / "x.json").write_text(
        '{\n  "model_id": "nope",\n  "hub_repo": "a/b",\n  "endpoint": "http://127.0.0.1:9",\n'
        '  "status": "ok",\n  "checked_at": "2026-11-28T12:00:00Z"\n}\n'
    )
    with pytest.raises(BuildError) as err:
        build(catalog_dir, tmp_path / "db.duckdb", None)
    [d] = err.value.diagnostics
    assert d.text() == "catalog/hub/x.json:2:15: error[model_id]: 'nope' is not a model in the catalog"


def test_two_builds_of_the_real_catalog_give_byte_identical_exports(tmp_path):
    from tests.conftest import REPO

    first = build(REPO / "catalog", tmp_path / "a" / "atlas.duckdb", tmp_path / "a" / "export")
    second = build(REPO / "catalog", tmp_path / "b" / "atlas.duckdb", tmp_path / "b" / "export")
    names = [p.name for p in first.exports]
    assert names == ["models.parquet", "models.csv", "models.json"] == [p.name for p in second.exports]
    for a, b in zip(first.exports, second.exports, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    # the database file itself differs in its header (see the README); its content does not
    tables = [
        name
        for (name,) in duckdb.connect(str(first.database), read_only=True)
        .execute("select table_name from duckdb_tables() where schema_name = 'main' order by 1")
        .fetchall()
    ]
    cons = [duckdb.connect(str(r.database), read_only=True) for r in (first, second)]
    for table in tables:
        query = f"select * from {table} order by all"
        assert cons[0].execute(query).fetchall() == cons[1].execute(query).fetchall(), table
