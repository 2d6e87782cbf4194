"""to-fill: a draft written by `slm-atlas new` still has values to research.

Reports each placeholder once, at its line, with what to put there: a fact whose note starts
"TO FILL", a family or notes text that does, and the placeholder organization `to-fill`. The
other rules leave these places alone, so the first `validate` of a draft lists exactly what is left.
"""

from .base import PLACEHOLDER_ID, TO_FILL, Finding, Rule, to_fill


def _what(note: str) -> str:
    return note.removeprefix(TO_FILL).lstrip(": ").rstrip(".")


def check(entry, context):
    record = entry.record
    for name in ("family", "notes"):
        text = getattr(record, name) or ""
        if text.startswith(TO_FILL):
            yield Finding((name,), f"still to fill: {_what(text)}")
    if record.organization == PLACEHOLDER_ID:
        yield Finding(("organization",), "still to fill: the maker, an id in catalog/organizations.yaml")
    for located in entry.facts:
        if to_fill(located.fact):
            yield Finding(located.loc, f"still to fill: {_what(located.fact.note)}")


RULE = Rule("to-fill", "record", "a draft's placeholders are all filled", check)
