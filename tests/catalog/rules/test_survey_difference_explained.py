from slm_atlas.catalog.rules import survey_difference_explained
from tests.conftest import edit, entry_from


def check(text, context):
    return list(survey_difference_explained.check(entry_from(text), context))


def test_agreeing_and_explained_values_pass(base_record, context):
    assert check(base_record, context) == []


def test_unexplained_difference(base_record, context):
    [finding] = check(
        edit(
            base_record,
            "vocab_size: {value: 49152, survey_reported: 49152}",
            "vocab_size: {value: 49152, survey_reported: 32000}",
        ),
        context,
    )
    assert finding.loc == ("architecture", "vocab_size")
    assert finding.message == "the survey reports 32000 but the atlas uses 49152: add a note saying why"


def test_rounded_survey_sizes_are_not_differences(base_record, context):
    # 135M vs 134,515,008 (0.4%) and 600B tokens agree within the 5% rounding allowance
    assert "survey_reported: 135_000_000" in base_record
    assert check(base_record, context) == []


def test_ffn_ratio_is_compared_with_the_derived_value(base_record, context):
    [finding] = check(
        edit(base_record, "ffn_ratio: {survey_reported: 2.6667}", "ffn_ratio: {survey_reported: 5.3333}"), context
    )
    assert finding.message == "the survey reports 5.3333 but the atlas uses 2.6666666666666665: add a note saying why"


NOTE = (
    "    note: >-\n"
    '      The survey\'s data writes "Cosmopedia v3" (its 360M and 1.7B rows say v3 and v4, a spreadsheet\n'
    "      fill-down); SmolLM-Corpus holds Cosmopedia v2. The released nanotron configs also mix in small\n"
    "      shares of open-web-math and StackOverflow, which the blog does not name.\n"
)


def test_survey_dataset_names_go_through_aliases(base_record, context):
    """The survey's own spellings are compared through the datasets' aliases: without any note, no finding where they
    name the same corpora ("Cosmopedia v2" is cosmopedia-v2's alias), and one where they do not."""
    unexplained = edit(base_record, NOTE, "")
    same = edit(
        unexplained,
        "survey_reported: [FineWeb-Edu, Python-Edu, Cosmopedia v3]",
        "survey_reported: [FineWeb-Edu, Python-Edu, Cosmopedia v2]",
    )
    assert check(same, context) == []
    [finding] = check(unexplained, context)  # v3 is no alias: the same record without its note is a finding
    assert finding.loc == ("training", "datasets")
    assert finding.message.startswith("the survey reports ")
