from slm_atlas.catalog.rules import score_shots_stated
from tests.conftest import edit, entry_from

BLOCK_NOTE = "    note: The survey's data does not state shot counts or the harness settings of these runs.\n"


def test_block_note_explains_unknown_shots(base_record, context):
    assert list(score_shots_stated.check(entry_from(base_record), context)) == []


def test_unknown_shots_without_note(base_record, context):
    findings = list(score_shots_stated.check(entry_from(edit(base_record, BLOCK_NOTE, "")), context))
    # 12 of the 13 results have shots null and no note; the last (survey-math) has its own note
    assert len(findings) == 12
    assert findings[0].loc == ("scores", 0, "results", 0, "shots")


def test_a_score_of_its_own_note(base_record, context):
    text = edit(base_record, BLOCK_NOTE, "")
    head, tail = text.rsplit("shots: null", 1)
    text = head.replace("shots: null", "shots: 0") + "shots: null" + tail
    # only the last result (survey-math) keeps shots null, and it has a note of its own
    assert list(score_shots_stated.check(entry_from(text), context)) == []
