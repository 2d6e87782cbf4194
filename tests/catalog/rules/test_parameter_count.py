from slm_atlas.catalog.rules import parameter_count
from tests.conftest import edit, entry_from


def test_exact_count_passes(base_record, context):
    assert list(parameter_count.check(entry_from(base_record), context)) == []


def test_within_three_percent_passes(base_record, context):
    text = edit(base_record, "value: 134_515_008", "value: 138_000_000")  # 2.5% above
    assert list(parameter_count.check(entry_from(text), context)) == []


def test_mismatch_reports_both_counts_and_the_split(base_record, context):
    [finding] = parameter_count.check(entry_from(edit(base_record, "value: 134_515_008", "value: 140_000_000")), context)
    assert finding.loc == ("parameters",)
    assert finding.message == (
        "declared 140,000,000 but the architecture gives 134,515,008 (28,311,552 embedding + 106,203,456"
        " non-embedding), 3.9% apart; the limit is 3%"
    )


def test_exemption_allows_a_mismatch(base_record, context):
    text = edit(base_record, "value: 134_515_008", "value: 140_000_000")
    text = edit(text, "survey:\n", "parameter_check_exemption: recurrent blocks\nsurvey:\n")
    assert list(parameter_count.check(entry_from(text), context)) == []


def test_needless_exemption_is_an_error(base_record, context):
    text = edit(base_record, "survey:\n", "parameter_check_exemption: recurrent blocks\nsurvey:\n")
    [finding] = parameter_count.check(entry_from(text), context)
    assert finding.loc == ("parameter_check_exemption",)
    assert finding.hint == "remove parameter_check_exemption"
