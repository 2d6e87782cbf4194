"""Record -> DuckDB rows -> export gives back the record's values, for any valid record."""

import json

import duckdb
from hypothesis import HealthCheck, assume, given, settings

from slm_atlas.catalog.writer import dump_record
from slm_atlas.db.build import build
from tests.conftest import make_catalog
from tests.strategies import records


def flattened(block: dict, prefix: str = "") -> dict:
    """A block of the record as the database spells it, worked out from the record's own data (not from the
    builder's column list): a fact's value under its field name, a nested block's facts under `block_field`."""
    out = {}
    for name, item in block.items():
        if name in ("source", "notes") and not prefix:
            continue
        if isinstance(item, dict) and "value" in item:
            out[prefix + name] = item["value"]
        elif isinstance(item, dict):
            out |= flattened({k: v for k, v in item.items() if k != "source"}, f"{prefix}{name}_")
    return out


LINKED = ("datasets", "fine_tuning_datasets", "techniques")  # lists of ids: rows of model_datasets / model_techniques


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(record=records())
def test_record_survives_the_database_and_the_export(record, tmp_path_factory):
    assume(record.id != "smollm-135m")
    root = tmp_path_factory.mktemp("db")
    # beside the fixture record, which cites every fixture reference
    catalog = make_catalog(root, {f"{record.id}.yaml": dump_record(record)})
    out = root / "atlas.duckdb"
    build(catalog, out, root / "export")
    con = duckdb.connect(str(out), read_only=True)
    for table in ("architecture", "training"):
        expected = {k: v for k, v in flattened(getattr(record, table).model_dump()).items() if k not in LINKED}
        if table == "architecture":
            expected["ffn_ratio"] = record.architecture.intermediate_size.value / record.architecture.hidden_size.value
        cursor = con.execute(f"select * from {table} where model_id = ?", [record.id])
        stored = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        missing = sorted(set(expected) - set(stored))
        assert missing == [], missing  # every value of the record has its column
        assert {k: stored[k] for k in expected} == expected
    linked = con.execute(
        "select dataset_id from model_datasets where model_id = ? and role = 'pre-training' order by 1", [record.id]
    ).fetchall()
    assert [d for (d,) in linked] == sorted(record.training.datasets.value or [])
    techniques = con.execute(
        "select technique_id from model_techniques where model_id = ? order by 1", [record.id]
    ).fetchall()
    assert [t for (t,) in techniques] == sorted(record.training.techniques.value or [])
    exported = json.loads((root / "export" / "models.json").read_text())
    [item] = [e for e in exported if e["id"] == record.id]
    assert (item["id"], item["parameters"], item["released"], item["training_tokens"]) == (
        record.id,
        record.parameters.value,
        record.released.value,
        record.training.tokens.value,
    )
    scores = con.execute(
        "select benchmark, shots, value from scores where model_id = ? order by benchmark, shots", [record.id]
    ).fetchall()
    assert scores == sorted((s.benchmark, s.shots, s.value) for block in record.scores for s in block.results)
