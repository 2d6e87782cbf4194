from slm_atlas.catalog.rules import layer_design
from tests.conftest import edit, entry_from

ANCHOR = "  linear_bias: none\n"
TWO = "layers: {value: 30, survey_reported: 30}"


def findings(base, extra, layers=2, top=""):
    text = edit(edit(base, ANCHOR, ANCHOR + extra), TWO, f"layers: {layers}")
    if top:
        text = edit(text, "architecture:\n", top + "architecture:\n")
    return [(f.loc, f.message) for f in layer_design.check(entry_from(text), None)]


def test_conv_layers_with_their_block_pass(base_record):
    extra = "  layer_types: [conv, full-attention]\n  conv: {kernel: 3}\n"
    assert findings(base_record, extra) == []


def test_layer_types_length_and_missing_blocks(base_record):
    got = findings(base_record, "  layer_types: [ssm, sliding-attention, conv]\n")
    assert got == [
        (("architecture", "layer_types"), "has 3 entries for 2 layers"),
        (("architecture", "layer_types"), "ssm layers need the `ssm` block with their sizes"),
        (("architecture", "layer_types"), "conv layers need the `conv` block with their sizes"),
        (("architecture", "layer_types"), "sliding-attention layers need attention_window_tokens"),
    ]


def test_a_mixer_block_without_its_layers(base_record):
    got = findings(base_record, "  conv: {kernel: 3}\n")
    assert got == [(("architecture", "conv"), "the `conv` block applies only when layer_types has conv layers")]


def test_parallel_ssm_counts_as_ssm_layers(base_record):
    extra = "  layer_types: [full-attention+ssm, full-attention+ssm]\n"
    assert findings(base_record, extra) == [
        (("architecture", "layer_types"), "ssm layers need the `ssm` block with their sizes")
    ]


def test_nope_layers_name_existing_layers_once(base_record):
    got = findings(base_record, "  nope_layers: [1, 1, 5]\n")
    assert got == [
        (("architecture", "nope_layers"), "names a layer more than once"),
        (("architecture", "nope_layers", 2), "layer 5 does not exist (layers are numbered 0 to 1)"),
    ]


MOE = "  moe: {experts: 4, active_experts: 6, expert_intermediate_size: 512, shared_experts: 1}\n"


def test_moe_needs_active_parameters_and_sane_sizes(base_record):
    assert findings(base_record, MOE) == [
        (("architecture", "moe"), "a mixture-of-experts model gives active_parameters (parameters a token uses)"),
        (("architecture", "moe", "active_experts"), "6 active experts but only 4 experts"),
        (("architecture", "moe", "shared_experts"), "shared experts need shared_expert_intermediate_size"),
    ]


def test_active_parameters_only_with_moe(base_record):
    got = findings(base_record, "", top="active_parameters: 100000000\n")
    assert got == [
        (("active_parameters",), "active_parameters applies only to mixture-of-experts models (architecture.moe)")
    ]
