"""provenance-complete: every value has a source, its own or its block's."""

from .base import Finding, Rule, to_fill


def check(entry, context):
    for located in entry.facts:
        if (
            located.source is None
            and located.status not in ("undisclosed", "not_applicable")
            and not to_fill(located.fact)
        ):
            if located.loc == ("architecture", "ffn_ratio"):
                continue
            yield Finding(
                located.loc,
                "no source: give `source:` here or on the enclosing block",
                "a source is a key in survey/references.yaml, a URL, or derived/measured",
            )


RULE = Rule("provenance-complete", "record", "every value has a source", check)
