from slm_atlas.catalog.rules import id_matches_file
from tests.conftest import entry_from


def test_matching_file_passes(base_record, context):
    assert list(id_matches_file.check(entry_from(base_record), context)) == []


def test_other_file_name_is_reported_with_both_fixes(base_record, context):
    [finding] = id_matches_file.check(entry_from(base_record, "smollm.yaml"), context)
    assert finding.loc == ("id",)
    assert finding.message == "id 'smollm-135m' does not match the file name 'smollm.yaml'"
    assert finding.hint == "rename the file to smollm-135m.yaml or set id: smollm"
