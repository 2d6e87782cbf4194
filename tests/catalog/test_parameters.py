"""The parameter formula against counts that sources state exactly."""

from slm_atlas.catalog.parameters import compute_parameters, relative_gap
from tests.conftest import edit, entry_from


def arch(text):
    return entry_from(text).record.architecture


def test_llama_style_tied_gqa(base_record):
    # SmolLM-135M: 49,152 x 576 tied embedding; 30 layers of GQA (9/3) + SwiGLU 1536 + 2 RMSNorms
    count = compute_parameters(arch(base_record))
    assert (count.embedding, count.non_embedding, count.total) == (28_311_552, 106_203_456, 134_515_008)


def pythia_160m(base_record):
    text = base_record
    for old, new in [
        ("layers: {value: 30, survey_reported: 30}", "layers: 12"),
        ("hidden_size: {value: 576, survey_reported: 576}", "hidden_size: 768"),
        ("attention_heads: {value: 9, survey_reported: 9}", "attention_heads: 12"),
        ("  kv_heads: 3\n", "  kv_heads: 12\n"),
        ("attention_kind: {value: GQA, survey_reported: GQA}", "attention_kind: MHA"),
        ("  ffn_kind: gated\n", "  ffn_kind: standard\n"),
        ("  intermediate_size: 1536\n", "  intermediate_size: 3072\n"),
        ("  norm: RMSNorm\n", "  norm: LayerNorm\n"),
        ("vocab_size: {value: 49152, survey_reported: 49152}", "vocab_size: 50304"),
        ("  tied_embeddings: true\n", "  tied_embeddings: false\n"),
        ("  linear_bias: none\n", "  linear_bias: all\n"),
    ]:
        text = edit(text, old, new)
    return text


def test_gpt_neox_untied_with_biases_matches_the_pythia_card(base_record):
    # the Pythia card: 162,322,944 total and 85,056,000 non-embedding parameters
    count = compute_parameters(arch(pythia_160m(base_record)))
    assert (count.total, count.non_embedding) == (162_322_944, 85_056_000)


def test_learned_positions_and_projections_count_as_embedding(base_record):
    text = edit(pythia_160m(base_record), "  position_encoding: RoPE\n", "  position_encoding: learned\n")
    text = edit(text, "  linear_bias: all\n", "  linear_bias: all\n  embedding_dim: 512\n")
    count = compute_parameters(arch(text))
    # 50,304 x 512 x 2 untied + 2 x 512 x 768 projections + 2,048 positions x 768
    assert count.embedding == 50_304 * 512 * 2 + 2 * 512 * 768 + 2048 * 768
    assert count.non_embedding == 85_056_000


def test_shared_ffn_is_counted_once(base_record):
    plain = compute_parameters(arch(base_record))
    shared = compute_parameters(
        arch(edit(base_record, "  linear_bias: none\n", "  linear_bias: none\n  parameter_sharing: shared-ffn\n"))
    )
    assert plain.non_embedding - shared.non_embedding == 29 * 3 * 576 * 1536


def test_qk_norm_adds_two_head_width_norms_per_layer(base_record):
    plain = compute_parameters(arch(base_record))
    normed = compute_parameters(
        arch(edit(base_record, "  linear_bias: none\n", "  linear_bias: none\n  qk_norm: true\n"))
    )
    assert normed.total - plain.total == 30 * 2 * 64


def test_mla_attention(base_record):
    text = edit(base_record, "attention_kind: {value: GQA, survey_reported: GQA}", "attention_kind: MLA")
    text = edit(
        text,
        "  notes: >-\n    Deep",
        "  mla:\n    q_lora_rank: 96\n    kv_lora_rank: 32\n    qk_nope_head_dim: 64\n    qk_rope_head_dim: 32\n    "
        "v_head_dim: 64\n  notes: >-\n    Deep",
    )
    count = compute_parameters(arch(text))
    q = 576 * 96 + 96 + 96 * 9 * (64 + 32)
    kv = 576 * (32 + 32) + 32 + 32 * 9 * (64 + 64)
    attention = q + kv + 9 * 64 * 576
    assert count.non_embedding == 576 + 30 * (attention + 3 * 576 * 1536 + 2 * 576)


def test_unknown_size_gives_no_count(base_record):
    text = edit(base_record, "  kv_heads: 3\n", "  kv_heads: {value: null, status: undisclosed, note: x}\n")
    assert compute_parameters(arch(text)) is None


def test_relative_gap():
    assert relative_gap(103, 100) == 0.03


def with_extra(base, extra, layers=2):
    text = edit(base, "  linear_bias: none\n", "  linear_bias: none\n" + extra)
    return arch(edit(text, "layers: {value: 30, survey_reported: 30}", f"layers: {layers}"))


D, HEADS, KV, HD, F, VOCAB = 576, 9, 3, 64, 1536, 49_152
ATTENTION = 2 * D * HEADS * HD + 2 * D * KV * HD
FFN = 3 * D * F
LAYER_NORMS = 2 * D


def test_conv_layers_pay_for_projections_and_kernel(base_record):
    # LFM2's gated short convolution: in_proj d x 3d, depthwise conv d x kernel, out_proj d x d
    count = compute_parameters(with_extra(base_record, "  layer_types: [conv, full-attention]\n  conv: {kernel: 3}\n"))
    conv = 3 * D * D + D * 3 + D * D
    assert count.non_embedding == D + (conv + FFN + LAYER_NORMS) + (ATTENTION + FFN + LAYER_NORMS)
    assert count.embedding == VOCAB * D


def test_mamba2_layers(base_record):
    ssm = "  ssm: {kind: mamba2, inner_size: 1152, state_size: 64, conv_kernel: 4, heads: 18, groups: 1}\n"
    count = compute_parameters(with_extra(base_record, "  layer_types: [ssm, full-attention+ssm]\n" + ssm))
    projected = 2 * 1152 + 2 * 64 + 18
    mamba = D * projected + (1152 + 2 * 64) * 5 + 3 * 18 + 1152 + 1152 * D
    assert count.non_embedding == D + (mamba + FFN + LAYER_NORMS) + (ATTENTION + mamba + FFN + LAYER_NORMS)


def test_mamba1_layers(base_record):
    ssm = "  ssm: {kind: mamba, inner_size: 1152, state_size: 16, conv_kernel: 4, dt_rank: 36}\n"
    count = compute_parameters(with_extra(base_record, "  layer_types: [ssm, ssm]\n" + ssm))
    mamba = D * 2304 + 1152 * 5 + 1152 * (36 + 32) + 36 * 1152 + 1152 + 1152 * 16 + 1152 + 1152 * D
    assert count.non_embedding == D + 2 * (mamba + FFN + LAYER_NORMS)


def test_recurrent_layers_are_not_modelled(base_record):
    assert compute_parameters(with_extra(base_record, "  layer_types: [recurrent, full-attention]\n")) is None


def test_experts_count_in_total_and_only_active_ones_in_active(base_record):
    moe = (
        "  moe: {experts: 8, active_experts: 2, expert_intermediate_size: 256, shared_experts: 1,"
        " shared_expert_intermediate_size: 512, dense_layers: [0]}\n"
    )
    count = compute_parameters(with_extra(base_record, moe))
    expert = 3 * D * 256
    moe_layer = 8 * expert + D * 8 + 3 * D * 512
    assert count.non_embedding == D + (ATTENTION + FFN + LAYER_NORMS) + (ATTENTION + moe_layer + LAYER_NORMS)
    assert count.total - count.active == 6 * expert


def test_per_layer_inputs_add_a_table_and_projections(base_record):
    plain = compute_parameters(with_extra(base_record, ""))
    ple = compute_parameters(with_extra(base_record, "  per_layer_inputs: {width: 32, vocab_size: 1000}\n"))
    assert ple.embedding - plain.embedding == 1000 * 2 * 32
    assert ple.non_embedding - plain.non_embedding == D * 64 + 32 + 2 * (2 * D * 32 + D)


def test_each_mtp_module_is_a_layer_and_a_projection(base_record):
    plain = compute_parameters(with_extra(base_record, ""))
    mtp = compute_parameters(with_extra(base_record, "  mtp_modules: 1\n"))
    assert mtp.non_embedding - plain.non_embedding == (ATTENTION + FFN + LAYER_NORMS) + 2 * D * D + LAYER_NORMS
