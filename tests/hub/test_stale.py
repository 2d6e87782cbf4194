"""`slm-atlas stale`: which records to re-check, from the Hub snapshots."""

import json
import shutil
from datetime import UTC, datetime

import duckdb

from slm_atlas.cli import main
from slm_atlas.db.build import build
from slm_atlas.schema.machine import HubSnapshot
from tests.conftest import FIXTURES


def catalog_with(tmp_path, snapshot: HubSnapshot):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    hub = tmp_path / "catalog" / "hub"
    hub.mkdir()
    (hub / "smollm-135m.json").write_text(json.dumps(snapshot.model_dump(mode="json")), encoding="utf-8")
    return tmp_path / "catalog"


def snapshot(last_modified: datetime, **values) -> HubSnapshot:
    when = datetime(2026, 11, 29, tzinfo=UTC)
    return HubSnapshot(
        model_id="smollm-135m",
        hub_repo="HuggingFaceTB/SmolLM-135M",
        endpoint="http://127.0.0.1:9",
        checked_at=when,
        fetched_at=when,
        sha="abc",
        last_modified=last_modified,
        **values,
    )


def rows(catalog, tmp_path):
    build(catalog, tmp_path / "db.duckdb", None)
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    return con.execute("SELECT model_id, reason, detail, sources_read FROM stale_records").fetchall()


def test_a_repository_changed_after_the_sources_were_read_and_a_config_that_disagrees(tmp_path):
    config = {"num_hidden_layers": 31, "hidden_size": 576}
    catalog = catalog_with(tmp_path, snapshot(datetime(2026, 11, 29, 8, tzinfo=UTC), status="ok", config=config))
    assert rows(catalog, tmp_path) == [
        (
            "smollm-135m",
            "hub-changed",
            "the repository changed on 2026-11-29, after the sources were last read on 2026-11-28",
            "2026-11-28",
        ),
        ("smollm-135m", "hub-disagrees", "1 value(s) differ: architecture.layers", "2026-11-28"),
    ]


def test_an_unchanged_agreeing_repository_is_not_stale_but_a_gone_one_is(tmp_path):
    config = {"num_hidden_layers": 30, "hidden_size": 576}
    catalog = catalog_with(tmp_path, snapshot(datetime(2026, 11, 2, tzinfo=UTC), status="ok", config=config))
    assert rows(catalog, tmp_path) == []
    gone = snapshot(datetime(2026, 11, 2, tzinfo=UTC), status="not_found", status_detail="404: renamed?")
    (catalog / "hub" / "smollm-135m.json").write_text(json.dumps(gone.model_dump(mode="json")), encoding="utf-8")
    assert rows(catalog, tmp_path / "again") == [
        ("smollm-135m", "hub-unreachable", "the last refresh got not_found: 404: renamed?", "2026-11-28")
    ]


def test_the_command_lists_them_and_check_fails(tmp_path, capsys):
    catalog = catalog_with(tmp_path, snapshot(datetime(2026, 11, 29, tzinfo=UTC), status="ok"))
    args = [
        "stale",
        "--catalog",
        str(catalog),
        "--db",
        str(tmp_path / "db.duckdb"),
        "--export",
        str(tmp_path / "export"),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "smollm-135m  hub-changed" in out
    assert out.rstrip().endswith(
        "1 record(s) to re-check; 1 model(s) have a Hub snapshot (`slm-atlas hub refresh` adds more)"
    )
    assert main([*args, "--check", "--format", "csv"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "model_id,reason,detail"
