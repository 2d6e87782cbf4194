"""value-or-reason: a fact has a value, or says why not; statuses match values.

- no value: status must be undisclosed or not_applicable, with a note;
- undisclosed / not_applicable: no value;
- estimated: a note saying how.
The derived `ffn_ratio` may omit its value (the build computes it).
"""

from ...schema.enums import NULL_STATUSES
from ...schema.fact import Fact
from .base import Finding, Rule, to_fill

DERIVED_FIELDS = {("architecture", "ffn_ratio")}


def check(entry, context):
    for located in entry.facts:
        fact, status = located.fact, located.fact.status
        if not isinstance(fact, Fact) or to_fill(fact):
            continue
        if fact.value is None and located.loc not in DERIVED_FIELDS:
            if status not in NULL_STATUSES:
                yield Finding(
                    located.loc,
                    "no value: give one, or set status undisclosed (nobody states it) or not_applicable, with a note",
                )
            elif not fact.note:
                yield Finding(located.loc, f"status {status} needs a note saying why (and where you looked)")
        elif fact.value is not None and status in NULL_STATUSES:
            yield Finding(located.loc, f"status {status} means there is no value, but value is {fact.value!r}")
        if status == "estimated" and not fact.note:
            yield Finding(located.loc, "an estimated value needs a note saying how it was estimated")


RULE = Rule("value-or-reason", "record", "null values carry a status and a reason", check)
