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


def test_survey_dataset_names_go_through_aliases(base_record, context):
    text = edit(
        base_record,
        "survey_reported: [FineWeb-Edu, Python-Edu, Cosmopedia v3]",
        "survey_reported: [FineWeb-Edu, Python-Edu, Cosmopedia v2]",
    )
    text = text.replace(
        '    note: >-\n      The survey\'s data writes "Cosmopedia v3"', "    notes_removed: >-\n      x", 1
    )
    text = edit(text, "    notes_removed: >-\n      x", "    note: >-\n      x")
    assert check(text, context) == []
