"""A fake Hugging Face Hub on 127.0.0.1 (pytest-httpserver) that speaks the two routes the
atlas uses, with payloads shaped like the real ones: model info (`/api/models/<repo>`) and file
resolution (`/<repo>/resolve/<revision>/config.json`)."""

import json

import pytest
from werkzeug import Response

from tests.conftest import edit

SHA = "1d461723eec654e65efdc40cf49301c89c0c92f4"
REPO = "HuggingFaceTB/SmolLM-135M"
# SmolLM-135M's config.json as published (the keys the audit reads, and a few it ignores)
CONFIG = {
    "architectures": ["LlamaForCausalLM"],
    "attention_bias": False,
    "bos_token_id": 0,
    "eos_token_id": 0,
    "hidden_act": "silu",
    "hidden_size": 576,
    "initializer_range": 0.02,
    "intermediate_size": 1536,
    "max_position_embeddings": 2048,
    "model_type": "llama",
    "num_attention_heads": 9,
    "num_hidden_layers": 30,
    "num_key_value_heads": 3,
    "pretraining_tp": 1,
    "rms_norm_eps": 1e-05,
    "rope_scaling": None,
    "rope_theta": 10000.0,
    "tie_word_embeddings": True,
    "torch_dtype": "float32",
    "transformers_version": "4.42.3",
    "use_cache": True,
    "vocab_size": 49152,
}


def model_info(repo: str = REPO, sha: str = SHA, total: int = 134_515_008) -> dict:
    owner, _name = repo.split("/")
    return {
        "_id": "6687de7c2a3b4c5d6e7f8091",
        "id": repo,
        "modelId": repo,
        "author": owner,
        "sha": sha,
        "lastModified": "2024-08-15T09:21:44.000Z",
        "createdAt": "2024-07-14T20:38:52.000Z",
        "private": False,
        "gated": False,
        "disabled": False,
        "downloads": 183_212,
        "likes": 212,
        "library_name": "transformers",
        "tags": [
            "transformers",
            "safetensors",
            "llama",
            "text-generation",
            "en",
            "dataset:HuggingFaceTB/smollm-corpus",
            "license:apache-2.0",
            "autotrain_compatible",
            "text-generation-inference",
            "endpoints_compatible",
            "region:us",
        ],
        "pipeline_tag": "text-generation",
        "cardData": {
            "library_name": "transformers",
            "license": "apache-2.0",
            "language": ["en"],
            "datasets": ["HuggingFaceTB/smollm-corpus"],
        },
        "safetensors": {"parameters": {"F32": total}, "total": total},
    }


class FakeHub:
    """Routes for one or more repositories; `fail` queues error answers before the good one."""

    def __init__(self, server):
        self.server = server

    @property
    def endpoint(self) -> str:
        return self.server.url_for("").rstrip("/")

    def serve(self, repo: str = REPO, info: dict | None = None, config: dict | None = CONFIG, sha: str = SHA) -> None:
        self.server.expect_request(f"/api/models/{repo}").respond_with_json(info or model_info(repo, sha))
        if config is not None:
            self.server.expect_request(f"/{repo}/resolve/{sha}/config.json").respond_with_json(config)
        else:
            self.server.expect_request(f"/{repo}/resolve/{sha}/config.json").respond_with_response(
                Response("Entry not found", status=404, headers={"X-Error-Code": "EntryNotFound"})
            )

    def fail(self, repo: str, status: int, times: int = 1, headers: dict | None = None, body: str = "") -> None:
        for _ in range(times):
            self.server.expect_oneshot_request(f"/api/models/{repo}").respond_with_response(
                Response(
                    body or json.dumps({"error": f"status {status}"}),
                    status=status,
                    headers=headers or {},
                    content_type="application/json",
                )
            )

    def requests_to(self, path: str) -> list:
        return [request for request, _ in self.server.log if request.path == path]


@pytest.fixture
def hub(httpserver, monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # the suite sets HF_HUB_OFFLINE=1 for everything else
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.setattr("slm_atlas.hub.client.pause", lambda seconds: hub.slept.append(seconds))
    hub = FakeHub(httpserver)
    hub.slept = []
    return hub


def twin(base_record: str, model_id: str, repo: str) -> str:
    """The fixture record under another id and repository, trained on a token count of its own
    (records identical in architecture and training are an error)."""
    text = edit(base_record, "id: smollm-135m", f"id: {model_id}")
    tokens = 1000 + sum(ord(c) * (i + 1) for i, c in enumerate(model_id)) % 9000
    text = edit(
        text,
        "tokens: {value: 600B, survey_reported: 600B}",
        f"tokens: {{value: {tokens}B, survey_reported: {tokens}B}}",
    )
    return edit(text, "hub_repo: HuggingFaceTB/SmolLM-135M", f"hub_repo: {repo}")
