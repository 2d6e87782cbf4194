"""scores-unique: one score per benchmark, shot count and source in a record."""

from .base import Finding, Rule


def check(entry, context):
    scores = entry.record.scores
    if scores is None:
        return
    seen: dict[tuple, int] = {}
    for index, score in enumerate(scores.results):
        key = (score.benchmark, score.shots, score.source or scores.source)
        if key in seen:
            yield Finding(
                ("scores", "results", index),
                f"duplicate score for {score.benchmark} ({'unknown' if score.shots is None else score.shots} shots,"
                f" source {key[2]}); the first is entry {seen[key]}",
            )
        seen.setdefault(key, index)


RULE = Rule("scores-unique", "record", "no duplicate scores", check)
