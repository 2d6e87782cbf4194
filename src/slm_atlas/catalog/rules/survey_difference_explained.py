"""survey-difference-explained: where the survey's value differs from the atlas's, a note says why."""

from ...schema.fact import Fact
from ..compare import atlas_value, differs
from .base import Finding, Rule


def check(entry, context):
    for located in entry.facts:
        fact = located.fact
        if not isinstance(fact, Fact) or fact.survey_reported is None:
            continue
        value = atlas_value(entry.record, located.loc, fact)
        if differs(located.loc, value, fact.survey_reported, context.dataset_names) and not fact.note:
            yield Finding(
                located.loc,
                f"the survey reports {fact.survey_reported!r} but the atlas uses {value!r}: add a note saying why",
            )


RULE = Rule("survey-difference-explained", "record", "survey differences carry a note", check)
