"""`hub refresh` against a Hub that drips, floods, loops or stalls: each finishes within its stated
limits, ends as a status for that model, keeps the previous snapshot, and saves nothing oversize."""

import json
import time

from werkzeug import Response

from slm_atlas.cli import main
from tests.hub.conftest import REPO, model_info


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(catalog_dir, model_id="smollm-135m") -> dict:
    return json.loads((catalog_dir / "hub" / f"{model_id}.json").read_text())


def good_first(catalog_dir, hub, capsys) -> dict:
    hub.serve()
    assert run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)[0] == 0
    hub.server.clear()
    return snapshot(catalog_dir)


def kept(before: dict, after: dict) -> bool:
    volatile = ("status", "status_detail", "checked_at")
    return {k: v for k, v in after.items() if k not in volatile} == {
        k: v for k, v in before.items() if k not in volatile
    }


def test_a_dripping_answer_is_cut_at_the_request_deadline(catalog_dir, hub, capsys):
    before = good_first(catalog_dir, hub, capsys)

    def drip(request):
        def body():
            yield b'{"id": "'
            for _ in range(200):
                time.sleep(0.25)
                yield b"x"

        return Response(body(), status=200, content_type="application/json")

    hub.server.expect_request(f"/api/models/{REPO}").respond_with_handler(drip)
    started = time.monotonic()
    code, _out, _ = run(
        capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--timeout", "1.5", "--attempts", "2"
    )
    elapsed = time.monotonic() - started
    assert code == 1
    assert elapsed < 2 * 1.5 + 2.0, elapsed  # two tries of 1.5 s each (waits are recorded, not slept), plus start-up
    after = snapshot(catalog_dir)
    assert (after["status"], after["status_detail"]) == ("error", "timed out after retries")
    assert kept(before, after)


def test_a_stalled_server_is_a_timeout(catalog_dir, hub, capsys):
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_handler(
        lambda request: (time.sleep(2), Response("{}"))[1]
    )
    started = time.monotonic()
    code, _, _ = run(
        capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--timeout", "0.5", "--attempts", "1"
    )
    assert code == 1 and time.monotonic() - started < 2.5
    assert snapshot(catalog_dir)["status_detail"] == "timed out after retries"


def test_a_flood_is_refused_before_it_is_kept(catalog_dir, hub, capsys):
    before = good_first(catalog_dir, hub, capsys)
    info = model_info()
    info["tags"] = ["t" * 100] * 500_000  # a 50 MB tags list
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_json(info)
    code, _out, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    after = snapshot(catalog_dir)
    assert after["status_detail"].startswith("answer too large: ") and after["status_detail"].endswith("; not saved")
    assert "over the 1,000,000-byte limit" in after["status_detail"]
    assert kept(before, after)
    assert (catalog_dir / "hub" / "smollm-135m.json").stat().st_size < 10_000


def test_a_chunked_flood_without_a_length_is_cut_as_it_arrives(catalog_dir, hub, capsys):
    sent = []

    def flood(request):
        def body():
            for _ in range(100):  # 100 MB if nothing stops it
                sent.append(1)
                yield b" " * 1_000_000

        return Response(body(), status=200, content_type="application/json")

    hub.server.expect_request(f"/api/models/{REPO}").respond_with_handler(flood)
    code, _, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    assert snapshot(catalog_dir)["status_detail"] == "answer too large: over the 1,000,000-byte limit; not saved"
    assert len(sent) < 10


def test_a_config_too_big_for_the_build_is_not_saved(catalog_dir, hub, capsys):
    hub.serve(config={"model_type": "llama", "padding": "x" * 600_000})
    code, _, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1
    assert (
        snapshot(catalog_dir)["status_detail"]
        == "answer too large: 600,048 bytes, over the 500,000-byte limit; not saved"
    )
    assert main(["build"]) == 0  # the snapshot on disk still loads


def test_a_redirect_loop_is_a_status_not_a_traceback(catalog_dir, hub, capsys):
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_response(
        Response("", status=302, headers={"Location": f"/api/models/{REPO}"})
    )
    code, _out, err = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1 and "Traceback" not in err
    assert snapshot(catalog_dir)["status_detail"] == "redirect loop: more than 5 redirects"
    assert len(hub.requests_to(f"/api/models/{REPO}")) == 6


def test_a_huge_retry_after_is_not_waited_for(catalog_dir, hub, capsys):
    hub.fail(REPO, 429, times=1, headers={"Retry-After": "3600"})
    code, _, _ = run(capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint)
    assert code == 1 and hub.slept == []
    assert snapshot(catalog_dir)["status_detail"] == "the Hub asked to wait 3600 s (over the 30 s cap); try again later"


def test_the_model_deadline_ends_its_retries(catalog_dir, hub, capsys):
    hub.fail(REPO, 503, times=10)
    code, _, _ = run(
        capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--attempts", "10", "--model-deadline", "5"
    )
    assert code == 1
    assert hub.slept == [1.0, 2.0, 4.0]  # the next wait, 8 s, would pass the 5 s deadline
    assert snapshot(catalog_dir)["status_detail"] == "HTTP 503; gave up at the model's 5 s deadline"


def test_the_runs_retry_budget_is_shared_and_reported(catalog_dir, hub, capsys, base_record):
    from tests.hub.conftest import twin

    for name in ("one", "two"):
        (catalog_dir / "models" / f"{name}.yaml").write_text(twin(base_record, name, f"acme/{name}"))
        hub.fail(f"acme/{name}", 503, times=5)
    hub.fail(REPO, 503, times=5)
    code, out, _ = run(
        capsys, "hub", "refresh", "--all", "--endpoint", hub.endpoint, "--workers", "1", "--max-retries", "3"
    )
    assert code == 1
    assert len(hub.slept) == 3
    lines = out.splitlines()
    assert lines[-2] == "retries: 3 of the run's 3 (all used: later failures were not retried)"
    details = [snapshot(catalog_dir, m)["status_detail"] for m in ("one", "two", "smollm-135m")]
    assert sum(d == "HTTP 503; the run's 3 retries are used up" for d in details) >= 2


def test_bad_limits_are_usage_errors(catalog_dir, capsys):
    code, _, err = run(capsys, "hub", "refresh", "--all", "--timeout", "0", "--max-retries", "-1")
    assert code == 2
    assert err.strip() == "error: --timeout must be positive (got 0.0); --max-retries must be 0 or more (got -1)"
