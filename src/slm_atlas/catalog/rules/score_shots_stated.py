"""score-shots-stated: a score whose shot count is unknown says why (its own note or the block's)."""

from .base import Finding, Rule


def check(entry, context):
    scores = entry.record.scores
    if scores is None:
        return
    for index, score in enumerate(scores.results):
        if score.shots is None and not (score.note or scores.note):
            yield Finding(
                ("scores", "results", index, "shots"),
                "shots is null: add a note (here or on `scores`) saying the source does not state it",
            )


RULE = Rule("score-shots-stated", "record", "unknown shot counts are explained", check)
