from slm_atlas.catalog.rules import Context, score_range
from tests.conftest import edit, entry_from

GAIN = "      - {benchmark: hellaswag, value: 0.2847042422, shots: null}\n"


def context_with_gain(context):
    return Context(**{**context.__dict__, "benchmark_kinds": {**context.benchmark_kinds, "icl-gain": "gain"}})


def test_fixture_scores_pass(base_record, context):
    assert list(score_range.check(entry_from(base_record), context)) == []


def test_negative_accuracy(base_record, context):
    text = edit(base_record, "{benchmark: openbookqa, value: 0.226,", "{benchmark: openbookqa, value: -0.2,")
    [finding] = score_range.check(entry_from(text), context)
    assert finding.loc == ("scores", 0, "results", 5, "value")
    assert finding.message == "must be in [0, 1] for openbookqa (got -0.2)"


def test_negative_gain_is_allowed_with_shots(base_record, context):
    text = edit(
        base_record,
        "{benchmark: openbookqa, value: 0.226, shots: null}",
        "{benchmark: icl-gain, value: -0.02, shots: 5}",
    )
    assert list(score_range.check(entry_from(text), context_with_gain(context))) == []


def test_gain_without_shots(base_record, context):
    text = edit(
        base_record,
        "{benchmark: openbookqa, value: 0.226, shots: null}",
        "{benchmark: icl-gain, value: 0.02, shots: null}",
    )
    [finding] = score_range.check(entry_from(text), context_with_gain(context))
    assert finding.message == "a gain needs the shot count it rises to (e.g. 5)"
