"""Record -> DuckDB rows -> export gives back the record's values, for any valid record."""

import json

import duckdb
from hypothesis import HealthCheck, assume, given, settings

from slm_atlas.catalog.writer import dump_record
from slm_atlas.db.build import build
from slm_atlas.db.tables import TABLES
from tests.conftest import make_catalog
from tests.strategies import records


def expected_value(record, column):
    obj = record
    for part in column.path:
        obj = getattr(obj, part) if obj is not None else None
    return getattr(obj, "value", obj)


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
        columns = [c for c in TABLES[table].columns if c.name != "model_id"]
        names = ", ".join(c.name for c in columns)
        row = con.execute(f"select {names} from {table} where model_id = ?", [record.id]).fetchone()
        source = getattr(record, table)
        for column, value in zip(columns, row, strict=True):
            want = (
                expected_value(source, column)
                if column.name != "ffn_ratio"
                else (record.architecture.intermediate_size.value / record.architecture.hidden_size.value)
            )
            assert value == want, column.name
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
