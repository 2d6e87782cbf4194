"""`--weights hub`: the record's repository downloaded from a (fake, local) Hub at its current
commit, config.json and safetensors only."""

import hashlib
import json
from types import SimpleNamespace

import pytest
from werkzeug import Response

from tests.hub.conftest import REPO, SHA, model_info

CONFIG = json.dumps({"model_type": "llama", "hidden_size": 64}).encode()
WEIGHTS = bytes(range(256)) * 64
FILES = {"config.json": CONFIG, "model.safetensors": WEIGHTS, "README.md": b"# card\n", "tokenizer.json": b"{}"}


def serve_repository(hub) -> None:
    info = {**model_info(), "siblings": [{"rfilename": name} for name in FILES]}
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_json(info)
    hub.server.expect_request(f"/api/models/{REPO}/revision/{SHA}").respond_with_json(info)
    tree = [
        {"type": "file", "path": name, "size": len(body), "oid": hashlib.sha1(body).hexdigest()}
        for name, body in FILES.items()
    ]
    hub.server.expect_request(f"/api/models/{REPO}/tree/{SHA}").respond_with_json(tree)
    for name, body in FILES.items():
        etag = hashlib.sha256(body).hexdigest() if name.endswith(".safetensors") else hashlib.sha1(body).hexdigest()
        headers = {"ETag": f'"{etag}"', "X-Repo-Commit": SHA, "Content-Length": str(len(body))}
        hub.server.expect_request(f"/{REPO}/resolve/{SHA}/{name}").respond_with_response(
            Response(body, headers=headers, content_type="application/octet-stream")
        )


def test_hub_weights_are_the_repositorys_checkpoint_files_at_its_commit(hub, tmp_path, monkeypatch):
    from huggingface_hub import constants

    from slm_atlas.measure.weights import choose

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "cache"))
    serve_repository(hub)
    [(model_id, weights)] = choose(
        "hub", [SimpleNamespace(id="smollm-135m", hub_repo=REPO)], "torch", hub.endpoint
    ).items()
    assert (model_id, weights.kind, weights.revision, weights.suffix) == ("smollm-135m", "hub", SHA, "__hub")
    assert sorted(p.name for p in weights.path.iterdir()) == ["config.json", "model.safetensors"]
    assert (weights.path / "model.safetensors").read_bytes() == WEIGHTS
    assert (
        hub.requests_to(f"/{REPO}/resolve/{SHA}/README.md") == []
        and len(hub.requests_to(f"/{REPO}/resolve/{SHA}/config.json")) >= 1
    )


def test_a_missing_repository_stops_the_sweep_with_the_hubs_answer(hub):
    from slm_atlas.measure.weights import WeightsError, choose

    hub.server.expect_request("/api/models/org/gone").respond_with_response(
        Response(
            json.dumps({"error": "Repository not found"}),
            status=404,
            headers={"X-Error-Code": "RepoNotFound"},
            content_type="application/json",
        )
    )
    with pytest.raises(WeightsError) as caught:
        choose("hub", [SimpleNamespace(id="gone", hub_repo="org/gone")], "torch", hub.endpoint)
    assert str(caught.value) == "--weights hub: org/gone: repository not found (404): renamed, removed or private"


def test_a_download_that_fails_after_the_info_is_an_error_not_a_traceback(hub, tmp_path, monkeypatch):
    from huggingface_hub import constants

    from slm_atlas.measure.weights import WeightsError, choose

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "cache"))
    info = {**model_info(), "siblings": [{"rfilename": "config.json"}]}
    hub.server.expect_request(f"/api/models/{REPO}").respond_with_json(info)
    hub.server.expect_request(f"/api/models/{REPO}/tree/{SHA}").respond_with_response(Response("no", status=403))
    with pytest.raises(WeightsError, match=rf"^--weights hub: {REPO}: download failed: "):
        choose("hub", [SimpleNamespace(id="smollm-135m", hub_repo=REPO)], "torch", hub.endpoint)
