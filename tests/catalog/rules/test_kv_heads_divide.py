from slm_atlas.catalog.rules import kv_heads_divide
from tests.conftest import edit, entry_from


def test_three_divides_nine(base_record, context):
    assert list(kv_heads_divide.check(entry_from(base_record), context)) == []


def test_four_does_not_divide_nine(base_record, context):
    [finding] = kv_heads_divide.check(entry_from(edit(base_record, "  kv_heads: 3\n", "  kv_heads: 4\n")), context)
    assert finding.loc == ("architecture", "kv_heads")
    assert finding.message == "must divide attention_heads (got 4 for 9 heads)"


def test_more_kv_heads_than_heads(base_record, context):
    [finding] = kv_heads_divide.check(entry_from(edit(base_record, "  kv_heads: 3\n", "  kv_heads: 18\n")), context)
    assert finding.message == "must divide attention_heads (got 18 for 9 heads)"
