from slm_atlas.catalog.rules import scores_unique
from tests.conftest import edit, entry_from


def test_distinct_scores_pass(base_record, context):
    assert list(scores_unique.check(entry_from(base_record), context)) == []


def test_same_benchmark_with_other_shots_passes(base_record, context):
    text = edit(
        base_record,
        "      - {benchmark: piqa, value: 0.6887921654, shots: null}\n",
        "      - {benchmark: piqa, value: 0.6887921654, shots: null}\n      - {benchmark: piqa, value: 0.7, shots: "
        "5}\n",
    )
    assert list(scores_unique.check(entry_from(text), context)) == []


def test_repeat_is_reported_at_the_second_entry(base_record, context):
    text = edit(
        base_record,
        "      - {benchmark: piqa, value: 0.6887921654, shots: null}\n",
        "      - {benchmark: piqa, value: 0.6887921654, shots: null}\n      - {benchmark: piqa, value: 0.7, shots: "
        "null}\n",
    )
    [finding] = scores_unique.check(entry_from(text), context)
    assert finding.loc == ("scores", 0, "results", 5)
    assert (
        finding.message
        == "duplicate score for piqa (unknown shots, source slm-survey-task-scores); the first is block 0, entry 4"
    )
