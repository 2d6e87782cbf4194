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
    shared = compute_parameters(arch(edit(base_record, "  linear_bias: none\n", "  linear_bias: none\n  parameter_sharing: shared-ffn\n")))
    assert plain.non_embedding - shared.non_embedding == 29 * 3 * 576 * 1536


def test_qk_norm_adds_two_head_width_norms_per_layer(base_record):
    plain = compute_parameters(arch(base_record))
    normed = compute_parameters(arch(edit(base_record, "  linear_bias: none\n", "  linear_bias: none\n  qk_norm: true\n")))
    assert normed.total - plain.total == 30 * 2 * 64


def test_mla_attention(base_record):
    text = edit(base_record, "attention_kind: {value: GQA, survey_reported: GQA}", "attention_kind: MLA")
    text = edit(text, "  notes: >-\n    Deep", "  mla:\n    q_lora_rank: 96\n    kv_lora_rank: 32\n    qk_nope_head_dim: 64\n    qk_rope_head_dim: 32\n    v_head_dim: 64\n  notes: >-\n    Deep")
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
