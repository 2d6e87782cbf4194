from slm_atlas.catalog.rules import value_or_reason
from tests.conftest import edit, entry_from


def check(text, context):
    return list(value_or_reason.check(entry_from(text), context))


def test_values_everywhere_pass(base_record, context):
    assert check(base_record, context) == []


def test_null_without_status(base_record, context):
    [finding] = check(edit(base_record, "  kv_heads: 3\n", "  kv_heads: null\n"), context)
    assert finding.loc == ("architecture", "kv_heads")
    assert finding.message.startswith("no value: give one, or set status undisclosed")


def test_undisclosed_needs_a_note(base_record, context):
    [finding] = check(edit(base_record, "  kv_heads: 3\n", "  kv_heads: {value: null, status: undisclosed}\n"), context)
    assert finding.message == "status undisclosed needs a note saying why (and where you looked)"


def test_undisclosed_with_a_note_passes(base_record, context):
    text = edit(
        base_record, "  kv_heads: 3\n", "  kv_heads: {value: null, status: undisclosed, note: config not public}\n"
    )
    assert check(text, context) == []


def test_not_applicable_with_a_value(base_record, context):
    [finding] = check(
        edit(base_record, "  kv_heads: 3\n", "  kv_heads: {value: 3, status: not_applicable, note: x}\n"), context
    )
    assert finding.message == "status not_applicable means there is no value, but value is 3"


def test_estimate_needs_a_note(base_record, context):
    [finding] = check(edit(base_record, "  kv_heads: 3\n", "  kv_heads: {value: 3, status: estimated}\n"), context)
    assert finding.message == "an estimated value needs a note saying how it was estimated"


def test_derived_ffn_ratio_may_omit_its_value(base_record, context):
    assert "ffn_ratio: {survey_reported: 2.6667}" in base_record
    assert check(base_record, context) == []
