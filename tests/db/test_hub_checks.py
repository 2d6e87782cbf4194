"""The mapping from config.json keys to record fields, and the checks built on it."""

from datetime import UTC, datetime

from slm_atlas.db.hub_checks import hub_checks
from slm_atlas.schema.config_map import TABLE, read_config
from slm_atlas.schema.machine import HubSnapshot
from tests.conftest import entry_from


def test_gpt2_style_config_reads_through_its_own_keys():
    config = {
        "architectures": ["GPT2LMHeadModel"],
        "n_layer": 12,
        "n_embd": 768,
        "n_head": 12,
        "n_inner": None,
        "n_positions": 1024,
        "vocab_size": 50257,
        "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5,
    }
    read = {field: (v.value, v.key) for field, v in read_config(config).items()}
    assert read == {
        "architecture.layers": (12, "n_layer"),
        "architecture.hidden_size": (768, "n_embd"),
        "architecture.attention_heads": (12, "n_head"),
        "architecture.kv_heads": (12, "n_head (no key-value heads key: MHA)"),
        "architecture.head_dim": (64, "n_embd / n_head"),
        "architecture.intermediate_size": (3072, "n_inner null: 4 x n_embd"),
        "architecture.vocab_size": (50257, "vocab_size"),
        "architecture.context_length_tokens": (1024, "n_positions"),
        "architecture.tied_embeddings": (True, "tie_word_embeddings absent (the config default, true)"),
        "architecture.activation": ("GELU-tanh", "activation_function"),
        "architecture.norm": ("LayerNorm", "layer_norm_epsilon"),
    }


def test_multi_query_and_unknown_activation():
    read = read_config({"num_attention_heads": 16, "hidden_size": 2048, "multi_query": True, "hidden_act": "mystery"})
    assert read["architecture.kv_heads"].value == 1 and "architecture.activation" not in read


def test_every_field_the_audit_names_is_mapped():
    assert [m.field.split(".")[1] for m in TABLE] == [
        "layers",
        "hidden_size",
        "attention_heads",
        "kv_heads",
        "head_dim",
        "intermediate_size",
        "vocab_size",
        "context_length_tokens",
        "tied_embeddings",
        "activation",
        "norm",
    ]


def snapshot(**values) -> HubSnapshot:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    return HubSnapshot(
        model_id="smollm-135m",
        hub_repo="HuggingFaceTB/SmolLM-135M",
        endpoint="http://127.0.0.1:9",
        status="ok",
        checked_at=when,
        fetched_at=when,
        sha="abc",
        **values,
    )


def test_parameters_within_three_percent_and_licences_case_blind(base_record):
    record = entry_from(base_record).record
    checks = {
        c.check: c.agrees
        for c in hub_checks(record, snapshot(safetensors_parameters=138_000_000, license="apache-2.0"))
    }
    assert checks == {"parameters": True, "license": True}
    checks = {
        c.check: c.agrees for c in hub_checks(record, snapshot(safetensors_parameters=139_000_000, license="mit"))
    }
    assert checks == {"parameters": False, "license": False}
    assert hub_checks(record, snapshot(license="other")) == []


def test_a_status_only_snapshot_checks_nothing(base_record):
    record = entry_from(base_record).record
    when = datetime(2026, 11, 1, tzinfo=UTC)
    empty = HubSnapshot(model_id="smollm-135m", hub_repo="x/y", endpoint="e", status="not_found", checked_at=when)
    assert hub_checks(record, empty) == []
