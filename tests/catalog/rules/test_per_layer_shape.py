from slm_atlas.catalog.rules import per_layer_shape
from tests.conftest import edit, entry_from

PER_LAYER = (
    "  per_layer:\n    attention_heads: [9, 9]\n    kv_heads: [3, 3]\n    intermediate_size: {}\n  notes: >-\n    Deep"
)


def record(base, layers, sizes):
    text = edit(base, "  notes: >-\n    Deep", PER_LAYER.format(sizes))
    return edit(text, "layers: {value: 30, survey_reported: 30}", f"layers: {layers}")


def test_lists_of_layer_length_pass(base_record, context):
    assert list(per_layer_shape.check(entry_from(record(base_record, 2, "[1536, 1536]")), context)) == []


def test_short_list(base_record, context):
    [finding] = per_layer_shape.check(entry_from(record(base_record, 2, "[1536]")), context)
    assert finding.loc == ("architecture", "per_layer", "intermediate_size")
    assert finding.message == "has 1 entries for 2 layers"
