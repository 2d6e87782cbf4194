from slm_atlas.catalog.rules import attention_kind
from tests.conftest import edit, entry_from


def test_gqa_label_matches_9_heads_3_kv(base_record, context):
    assert list(attention_kind.check(entry_from(base_record), context)) == []


def test_implied_kind_table():
    assert [attention_kind.implied_kind(h, k) for h, k in [(8, 8), (8, 1), (8, 2), (1, 1)]] == [
        "MHA",
        "MQA",
        "GQA",
        "MHA",
    ]


def test_wrong_label_names_the_implied_kind(base_record, context):
    text = edit(base_record, "attention_kind: {value: GQA, survey_reported: GQA}", "attention_kind: MQA")
    [finding] = attention_kind.check(entry_from(text), context)
    assert finding.loc == ("architecture", "attention_kind")
    assert finding.message == "declared MQA, but 9 heads with 3 KV heads is GQA"


def test_per_layer_heads_are_checked_layer_by_layer(base_record, context):
    text = edit(
        base_record,
        "  notes: >-\n    Deep",
        "  per_layer:\n    attention_heads: [9, 9]\n    kv_heads: [3, 9]\n    intermediate_size: [1536, 1536]\n  "
        "notes: >-\n    Deep",
    )
    text = edit(text, "layers: {value: 30, survey_reported: 30}", "layers: 2")
    [finding] = attention_kind.check(entry_from(text), context)
    assert finding.message == "declared GQA, but 9 heads with 9 KV heads is MHA (layer 1)"
