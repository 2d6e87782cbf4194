"""The field reference, the described views and the views the site reads."""

import duckdb
import pytest

from slm_atlas.db.build import build
from slm_atlas.db.ddl import view_comments, view_files
from slm_atlas.db.fields import field_rows, label_of
from tests.conftest import FIXTURES, edit


@pytest.fixture
def con(catalog_dir, tmp_path, base_record):
    twin = edit(edit(base_record, "id: smollm-135m", "id: twin"), "name: SmolLM-135M", "name: Twin")
    twin = edit(
        edit(twin, "hub_repo: HuggingFaceTB/SmolLM-135M", "hub_repo: example/twin"), "kind: base", "kind: instruct"
    )
    far = edit(edit(base_record, "id: smollm-135m", "id: far"), "name: SmolLM-135M", "name: Far")
    far = edit(far, "hub_repo: HuggingFaceTB/SmolLM-135M", "hub_repo: example/far")
    far = edit(far, "  norm: RMSNorm", "  norm: LayerNorm")
    (catalog_dir / "models" / "twin.yaml").write_text(twin)
    (catalog_dir / "models" / "far.yaml").write_text(far)
    out = tmp_path / "atlas.duckdb"
    build(catalog_dir, out, None)
    return duckdb.connect(str(out), read_only=True)


def test_field_reference_follows_the_schema_order():
    rows = field_rows()
    assert [r.field for r in rows[:6]] == [
        "released",
        "license",
        "license_at_release",
        "parameters",
        "active_parameters",
        "architecture.layers",
    ]
    kv = next(r for r in rows if r.field == "architecture.kv_heads")
    assert (kv.section, kv.label) == ("architecture", "KV heads")
    assert kv.description.startswith("Key/value heads per layer")
    assert [r.ordinal for r in rows] == list(range(len(rows)))


def test_labels_name_units_and_acronyms():
    assert [
        label_of("context_length_tokens"),
        label_of("kv_heads"),
        label_of("fine_tuning_tokens"),
        label_of("vocab_size"),
    ] == ["Context length (tokens)", "KV heads", "Fine-tuning tokens", "Vocabulary size"]


def test_fields_table_covers_every_provenance_field(con):
    unknown = con.execute(
        "SELECT DISTINCT field FROM provenance WHERE field NOT IN (SELECT field FROM fields)"
    ).fetchall()
    assert unknown == []


def test_every_view_and_view_column_is_described(con):
    views = con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    assert {name for name, _ in views} == {name for name, _ in view_files()}
    assert all(comment for _, comment in views)
    bare = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE comment IS NULL AND table_name IN "
        "(SELECT view_name FROM duckdb_views() WHERE NOT internal)"
    ).fetchall()
    assert bare == []
    size = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'model_overview' AND column_name = 'size_class'"
    ).fetchone()
    assert size[0].startswith("Size bucket by total parameters")


def test_view_comment_parser_reads_as_and_plain_columns():
    description, columns = view_comments(
        "v",
        "-- First line\n-- second.\nCREATE VIEW v AS\nSELECT\n    a.x,  -- The x.\n    count(*) AS n  -- How "
        "many.\nFROM t;\n",
    )
    assert description == "First line second."
    assert columns == {"x": "The x.", "n": "How many."}


def test_nearest_models_rank_the_identical_design_first(con):
    rows = con.execute(
        "SELECT neighbour_id, shared_choices, distance, rank FROM nearest_models WHERE model_id = 'smollm-135m'"
    ).fetchall()
    assert rows == [("twin", 5, 0.0, 1), ("far", 4, 0.5, 2)]


def test_size_class_buckets(con):
    assert con.execute("SELECT DISTINCT size_class FROM model_overview").fetchall() == [("0.1-0.5B",)]


def test_fixture_catalog_is_unchanged():
    # the fixture lists are frozen: the tests above rely on the one fixture model being SmolLM-135M
    assert sorted(p.name for p in (FIXTURES / "catalog" / "models").iterdir()) == ["smollm-135m.yaml"]


def test_provenance_values_are_typed(con):
    rows = dict(
        ((f, k), (t, n, b, lst))
        for f, k, t, n, b, lst in con.execute(
            "select field, value_kind, value_text, value_number, value_boolean, value_list from provenance_values "
            "where model_id = 'smollm-135m'"
        ).fetchall()
    )
    assert rows[("architecture.kv_heads", "number")] == ("3", 3.0, None, None)
    assert rows[("architecture.activation", "text")] == ("SiLU", None, None, None)
    assert rows[("architecture.tied_embeddings", "boolean")] == ("true", None, True, None)
    assert rows[("training.datasets", "list")] == (
        None,
        None,
        None,
        ["fineweb-edu-dedup", "cosmopedia-v2", "python-edu"],
    )
