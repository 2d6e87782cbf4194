from slm_atlas.catalog.rules import parameter_count
from tests.conftest import edit, entry_from


def test_exact_count_passes(base_record, context):
    assert list(parameter_count.check(entry_from(base_record), context)) == []


def test_within_three_percent_passes(base_record, context):
    text = edit(base_record, "value: 134_515_008", "value: 138_000_000")  # 2.5% above
    assert list(parameter_count.check(entry_from(text), context)) == []


def test_mismatch_reports_both_counts_and_the_split(base_record, context):
    [finding] = parameter_count.check(
        entry_from(edit(base_record, "value: 134_515_008", "value: 140_000_000")), context
    )
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


def test_active_parameters_are_checked_against_the_routed_share(base_record, context):
    moe = "  linear_bias: none\n  moe: {experts: 4, active_experts: 1, expert_intermediate_size: 1536}\n"
    text = edit(base_record, "  linear_bias: none\n", moe)
    text = edit(text, "architecture:\n", "active_parameters: 100_000_000\narchitecture:\n")
    text = edit(text, "value: 134_515_008", "value: 373_462_848")
    found = [(f.loc, f.message) for f in parameter_count.check_both(entry_from(text), context)]
    # total 373,462,848; a token leaves out 30 layers x 3 experts x 3 x 576 x 1,536 = 238,878,720
    assert found == [
        (
            ("active_parameters",),
            "declared 100,000,000 active but the architecture gives 134,584,128 (34.6% apart); the limit is 3%",
        )
    ]


def test_an_uncountable_architecture_needs_an_exemption(base_record, context):
    text = edit(
        base_record,
        "vocab_size: {value: 49152, survey_reported: 49152}",
        "vocab_size: {value: null, status: undisclosed, note: not found}",
    )
    [finding] = parameter_count.check(entry_from(text), context)
    assert finding.message == (
        "declared 134,515,008 but the architecture cannot be counted: a size the formula needs is null,"
        " or a layer kind it does not model"
    )
    exempt = edit(text, "survey:\n", "parameter_check_exemption: the vocabulary is undisclosed\nsurvey:\n")
    assert list(parameter_count.check(entry_from(exempt), context)) == []
