"""`slm-atlas hub refresh` against a fake Hub on 127.0.0.1: every fault, and nothing lost."""

import json
import os

import duckdb

from slm_atlas.catalog.yaml_reader import read_yaml
from slm_atlas.cli import main
from slm_atlas.db.build import build
from tests.hub.conftest import CONFIG, REPO, SHA, model_info, twin


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(catalog_dir, model_id="smollm-135m") -> dict:
    return json.loads((catalog_dir / "hub" / f"{model_id}.json").read_text())


def test_success_writes_a_validated_snapshot_with_config(catalog_dir, hub, capsys):
    hub.serve()
    code, out, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 0
    assert out.splitlines()[-1] == f"1 of 1 snapshots refreshed from {hub.endpoint}; 0 failed"
    data = snapshot(catalog_dir)
    assert (data["status"], data["sha"], data["downloads"], data["likes"], data["license"]) == (
        "ok",
        SHA,
        183_212,
        212,
        "apache-2.0",
    )
    assert (data["safetensors_parameters"], data["library_name"], data["pipeline_tag"], data["gated"]) == (
        134_515_008,
        "transformers",
        "text-generation",
        None,
    )
    assert data["created_at"] == "2024-07-14T20:38:52Z" and data["fetched_at"] == data["checked_at"]
    assert data["config"] == CONFIG and data["endpoint"] == hub.endpoint
    assert next(r.args.getlist("expand") for r in hub.requests_to(f"/api/models/{REPO}"))[:3] == [
        "sha",
        "createdAt",
        "lastModified",
    ]
    assert not [p for p in (catalog_dir / "hub").iterdir() if p.name.startswith(".")]


def test_429_is_retried_after_the_time_the_hub_asks(catalog_dir, hub, capsys):
    hub.fail(REPO, 429, times=2, headers={"Retry-After": "7"})
    hub.serve()
    code, _out, _ = run(capsys, "hub", "refresh", "smollm-135m", "--endpoint", hub.endpoint)
    assert code == 0 and snapshot(catalog_dir)["status"] == "ok"
    assert hub.slept == [7.0, 7.0]
    assert len(hub.requests_to(f"/api/models/{REPO}")) == 3


def test_5xx_until_retries_run_out_keeps_the_previous_snapshot(catalog_dir, hub, capsys):
    hub.serve()
    assert run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)[0] == 0
    before = snapshot(catalog_dir)
    hub.server.clear()
    hub.fail(REPO, 503, times=5)
    code, out, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--attempts", "5")
    assert code == 1
    assert "smollm-135m  error   HTTP 503 after retries; previous snapshot kept" in out
    assert out.splitlines()[-1].endswith("0 of 1 snapshots refreshed from " + hub.endpoint + "; 1 failed")
    after = snapshot(catalog_dir)
    assert (after["status"], after["status_detail"]) == ("error", "HTTP 503 after retries")
    assert {k: v for k, v in after.items() if k not in ("status", "status_detail", "checked_at")} == {
        k: v for k, v in before.items() if k not in ("status", "status_detail", "checked_at")
    }
    assert hub.slept == [1.0, 2.0, 4.0, 8.0]


def test_timeout_is_retried_then_recorded(catalog_dir, hub, capsys):
    import time

    calls = []
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_handler(
        lambda request: (calls.append(1), time.sleep(1.5))[0]
    )
    code, _out, _ = run(
        capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--attempts", "2", "--timeout", "0.3"
    )
    assert code == 1
    data = snapshot(catalog_dir)
    assert (data["status"], data["status_detail"], data["fetched_at"], data["sha"]) == (
        "error",
        "timed out after retries",
        None,
        None,
    )
    deadline = time.time() + 5
    while len(calls) < 2 and time.time() < deadline:  # the server answers one request at a time
        time.sleep(0.05)
    assert len(calls) == 2


def test_404_and_gated_are_statuses_not_crashes(catalog_dir, hub, capsys, base_record):
    (catalog_dir / "models" / "gone.yaml").write_text(twin(base_record, "gone", "acme/gone"))
    (catalog_dir / "models" / "locked.yaml").write_text(twin(base_record, "locked", "acme/locked"))
    hub.serve()
    hub.fail("acme/gone", 404, headers={"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"})
    hub.fail(
        "acme/locked",
        401,
        headers={"X-Error-Code": "GatedRepo", "X-Error-Message": "Access to model acme/locked is restricted."},
    )
    code, out, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    assert [line.split()[:2] for line in out.splitlines()[2:5]] == [
        ["gone", "not_found"],
        ["locked", "gated"],
        ["smollm-135m", "ok"],
    ]
    assert snapshot(catalog_dir, "gone")["status_detail"] == "repository not found (404): renamed, removed or private"
    assert snapshot(catalog_dir, "locked")["status_detail"] == "gated repository (401): access not granted"
    assert len(hub.requests_to("/api/models/acme/gone")) == 1  # a 404 is final: no retry


def test_malformed_answer_fails_that_model_only(catalog_dir, hub, capsys, base_record):
    (catalog_dir / "models" / "broken.yaml").write_text(twin(base_record, "broken", "acme/broken"))
    hub.serve()
    hub.fail("acme/broken", 200, body="<html>not json</html>")
    hub.server.expect_request("/api/models/acme/broken").respond_with_data(
        "<html>not json</html>", content_type="text/html"
    )
    code, _out, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    broken = snapshot(catalog_dir, "broken")
    assert broken["status"] == "error" and broken["status_detail"].startswith("malformed answer:")
    assert snapshot(catalog_dir)["status"] == "ok"


def test_invalid_field_in_an_answer_is_an_error_for_that_model(catalog_dir, hub, capsys):
    info = model_info()
    info["downloads"] = -5
    hub.serve(info=info)
    code, _, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    assert snapshot(catalog_dir)["status_detail"] == "malformed answer: 1 invalid fields"


def test_a_disagreeing_config_reaches_the_build_and_the_audit(catalog_dir, hub, capsys, tmp_path):
    hub.serve(
        config={**CONFIG, "num_key_value_heads": 9, "max_position_embeddings": 8192}, info=model_info(total=162_000_000)
    )
    assert run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)[0] == 0
    out = tmp_path / "db.duckdb"
    build(catalog_dir, out, None)
    rows = (
        duckdb.connect(str(out), read_only=True)
        .execute('select "check", field, hub_key, record_value, hub_value, revision from hub_disagreements')
        .fetchall()
    )
    assert rows == [
        ("config", "architecture.context_length_tokens", "max_position_embeddings", "2048", "8192", SHA),
        ("config", "architecture.kv_heads", "num_key_value_heads", "3", "9", SHA),
        ("parameters", "parameters", "safetensors.total", "134515008", "162000000", SHA),
    ]
    code, out_text, _ = run(capsys, "audit")
    assert code == 0
    assert "  architecture.kv_heads: Hub config.json num_key_value_heads 9 at 1d461723; atlas 3" in out_text


def test_token_comes_from_the_environment_and_is_never_written(catalog_dir, hub, capsys, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_secretTOKEN123")
    hub.serve()
    code, out, err = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 0
    assert {r.headers.get("Authorization") for r, _ in hub.server.log} == {"Bearer hf_secretTOKEN123"}
    written = "".join(p.read_text() for p in (catalog_dir / "hub").iterdir())
    assert "secret" not in written and "secret" not in out + err


def test_endpoint_comes_from_hf_endpoint(catalog_dir, hub, capsys, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint + "/")
    hub.serve()
    assert run(capsys, "hub", "refresh", "--all")[0] == 0
    assert snapshot(catalog_dir)["endpoint"] == hub.endpoint


def test_offline_mode_refuses_and_writes_nothing(catalog_dir, hub, capsys, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    code, _, err = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert (code, err) == (1, "error: HF_HUB_OFFLINE is set: the Hub may not be asked; unset it to refresh\n")
    assert not (catalog_dir / "hub").exists()


def test_usage_errors(catalog_dir, hub, capsys):
    assert run(capsys, "hub", "refresh")[0] == 2
    assert run(capsys, "hub", "refresh", "nope", "--endpoint", hub.endpoint)[2] == "error: not in the catalog: nope\n"


def test_an_interrupted_run_leaves_only_whole_files(catalog_dir, hub, base_record):
    import signal
    import subprocess
    import sys
    import time

    for i in range(6):
        repo = f"acme/m{i}"
        (catalog_dir / "models" / f"m{i}.yaml").write_text(twin(base_record, f"m{i}", repo))
        hub.server.expect_request(f"/api/models/{repo}").respond_with_handler(
            lambda request, repo=repo: (
                time.sleep(0.4),
                Response(json.dumps(model_info(repo)), content_type="application/json"),
            )[1]
        )
        hub.server.expect_request(f"/{repo}/resolve/{SHA}/config.json").respond_with_json(CONFIG)
    hub.serve()
    env = {**os.environ, "HF_HUB_OFFLINE": "0", "HF_HUB_DISABLE_TELEMETRY": "1"}
    # a shell starts background jobs with SIGINT ignored, and a child keeps that: restore Python's
    # handler so that the test means the same however the test run itself was started
    start = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv[0] = 'slm-atlas'; runpy.run_module('slm_atlas', run_name='__main__')"
    )
    command = [sys.executable, "-c", start, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--workers", "1"]
    child = subprocess.Popen(
        command, cwd=catalog_dir.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.time() + 20
    while time.time() < deadline and len(list((catalog_dir / "hub").glob("*.json"))) < 2:
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=20)
    assert child.returncode == 130
    assert err.strip().splitlines()[-1] == "interrupted: nothing half-written was left; run the command again to finish"
    files = sorted((catalog_dir / "hub").iterdir())
    assert 2 <= len(files) < 7
    assert all(not p.name.startswith(".") for p in files)
    assert all(json.loads(p.read_text())["status"] == "ok" for p in files)


from werkzeug import Response  # noqa: E402  (used by the interrupted-run handler above)


def test_new_from_hub_drafts_from_the_served_config(catalog_dir, hub, capsys):
    hub.serve()
    code, out, _ = run(capsys, "new", "--from-hub", REPO, "--id", "smollm-135m-draft", "--endpoint", hub.endpoint)
    assert code == 0
    assert (
        out.splitlines()[0]
        == "wrote catalog/models/smollm-135m-draft.yaml (architecture from config.json; parameters 134,515,008)"
    )
    entries = read_yaml(catalog_dir.parent / "survey" / "references.yaml").data["references"]
    assert entries[-1]["id"] == "smollm-135m-draft-config"
    assert entries[-1]["url"] == f"https://huggingface.co/{REPO}/blob/{SHA}/config.json"  # pinned to the revision read
    assert "  kv_heads: 3\n" in (catalog_dir / "models" / "smollm-135m-draft.yaml").read_text()
