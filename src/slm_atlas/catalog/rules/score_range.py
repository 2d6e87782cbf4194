"""score-range: scores are fractions in [0, 1]; only a gain (a difference of two scores) may be negative.

A gain also needs a shot count: it is the rise from 0 shots to that many.
"""

from .base import Finding, Rule


def check(entry, context):
    scores = entry.record.scores
    if scores is None:
        return
    for index, score in enumerate(scores.results):
        gain = context.benchmark_kinds.get(score.benchmark) == "gain"
        if not gain and score.value < 0:
            yield Finding(("scores", "results", index, "value"), f"must be in [0, 1] for {score.benchmark} (got {score.value})")
        if gain and not score.shots:
            yield Finding(("scores", "results", index, "shots"), "a gain needs the shot count it rises to (e.g. 5)")


RULE = Rule("score-range", "record", "scores are in range; gains state their shots", check)
