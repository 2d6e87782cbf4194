"""score-range: scores are fractions in [0, 1]; only a gain (a difference of two scores) may be negative.

A gain also needs a shot count: it is the rise from 0 shots to that many.
"""

from ..facts import iter_scores
from .base import Finding, Rule


def check(entry, context):
    for loc, _, score in iter_scores(entry.record):
        gain = context.benchmark_kinds.get(score.benchmark) == "gain"
        if not gain and score.value < 0:
            yield Finding((*loc, "value"), f"must be in [0, 1] for {score.benchmark} (got {score.value})")
        if gain and not score.shots:
            yield Finding((*loc, "shots"), "a gain needs the shot count it rises to (e.g. 5)")


RULE = Rule("score-range", "record", "scores are in range; gains state their shots", check)
