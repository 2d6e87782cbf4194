from slm_atlas.catalog.rules import mla_sizes
from tests.conftest import edit, entry_from

MLA = """  mla:
    q_lora_rank: 768
    kv_lora_rank: 256
    qk_nope_head_dim: 64
    qk_rope_head_dim: 32
    v_head_dim: 64
  notes: >-
    Deep"""


def test_gqa_without_block_passes(base_record, context):
    assert list(mla_sizes.check(entry_from(base_record), context)) == []


def test_mla_with_block_passes(base_record, context):
    text = edit(base_record, "attention_kind: {value: GQA, survey_reported: GQA}", "attention_kind: MLA")
    text = edit(text, "  notes: >-\n    Deep", MLA)
    assert list(mla_sizes.check(entry_from(text), context)) == []


def test_block_without_mla(base_record, context):
    [finding] = mla_sizes.check(entry_from(edit(base_record, "  notes: >-\n    Deep", MLA)), context)
    assert finding.message == "the `mla` block applies only to attention_kind MLA (got GQA)"
