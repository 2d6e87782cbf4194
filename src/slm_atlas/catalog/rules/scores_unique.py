"""scores-unique: one score per benchmark, shot count and source in a record (across its blocks)."""

from ..facts import iter_scores
from .base import Finding, Rule


def _where(loc) -> str:
    return f"block {loc[1]}, entry {loc[3]}"


def check(entry, context):
    seen: dict[tuple, tuple] = {}
    for loc, block, score in iter_scores(entry.record):
        key = (score.benchmark, score.shots, score.source or block.source)
        if key in seen:
            shots = "unknown" if score.shots is None else score.shots
            yield Finding(
                loc,
                f"duplicate score for {score.benchmark} ({shots} shots, source {key[2]}); the first is "
                f"{_where(seen[key])}",
            )
        seen.setdefault(key, loc)


RULE = Rule("scores-unique", "record", "no duplicate scores", check)
