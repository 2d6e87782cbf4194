"""score-shots-stated: a score whose shot count is unknown says why (its own note or its block's)."""

from ..facts import iter_scores
from .base import Finding, Rule


def check(entry, context):
    for loc, block, score in iter_scores(entry.record):
        if score.shots is None and not (score.note or block.note):
            yield Finding(
                (*loc, "shots"),
                "shots is null: add a note (here or on the scores block) saying the source does not state it",
            )


RULE = Rule("score-shots-stated", "record", "unknown shot counts are explained", check)
