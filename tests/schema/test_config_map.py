"""The config.json vocabulary: what a config's keys (and its model_type) say about a record's fields."""

from slm_atlas.schema.config_map import read_config


def test_qwen_1_counts_both_gated_branches_in_its_intermediate_size():
    """Qwen (v1) writes the fused width of its two gated branches: Qwen-1.8B's config has 11008, and its record (from
    the modeling code: `intermediate_size // 2` per branch) has 5504."""
    config = {
        "model_type": "qwen",
        "hidden_size": 2048,
        "num_attention_heads": 16,
        "num_hidden_layers": 24,
        "intermediate_size": 11008,
        "vocab_size": 151936,
        "seq_length": 8192,
    }
    found = read_config(config)["architecture.intermediate_size"]
    assert (found.value, found.key) == (5504, "intermediate_size / 2 (both gated branches)")
    assert read_config({**config, "model_type": "qwen2"})["architecture.intermediate_size"].value == 11008


def test_kv_heads_default_to_the_query_heads_or_one_for_multi_query():
    base = {"model_type": "gpt_neox", "hidden_size": 2048, "num_attention_heads": 16}
    assert read_config(base)["architecture.kv_heads"].value == 16
    assert read_config({**base, "multi_query": True})["architecture.kv_heads"].value == 1
    assert read_config({**base, "num_key_value_heads": 4})["architecture.kv_heads"].value == 4
    assert read_config(base)["architecture.head_dim"].value == 128  # 2048 / 16
