from slm_atlas.catalog.rules import ffn_ratio_derived
from tests.conftest import edit, entry_from


def test_omitted_value_passes(base_record, context):
    assert list(ffn_ratio_derived.check(entry_from(base_record), context)) == []


def test_matching_value_passes(base_record, context):
    text = edit(base_record, "ffn_ratio: {survey_reported: 2.6667}", "ffn_ratio: {value: 2.6667, source: derived}")
    assert list(ffn_ratio_derived.check(entry_from(text), context)) == []


def test_wrong_value(base_record, context):
    text = edit(base_record, "ffn_ratio: {survey_reported: 2.6667}", "ffn_ratio: {value: 5.33, source: derived}")
    [finding] = ffn_ratio_derived.check(entry_from(text), context)
    assert finding.message == "ffn_ratio is derived as intermediate_size / hidden_size = 2.667, not 5.33"
