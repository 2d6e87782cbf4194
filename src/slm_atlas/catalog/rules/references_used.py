"""references-used: every entry of survey/references.yaml is cited by a record or a shared list.

A reference nobody cites is either dead weight or a document a record should list under
`references` (its notes may name it, but notes are not machine-readable).
"""

from .base import Finding, Rule
from .references_resolve import cited_keys


def check(catalog, context):
    if len(catalog.entries) < catalog.model_files:
        return  # a record that failed to load may cite what looks unused: report only on a whole catalog
    used: set[str] = set()
    for entry in catalog.entries:
        used |= cited_keys(entry)
    for key in ("datasets", "techniques", "benchmarks"):
        used |= {item.reference for item in catalog.lists.get(key, []) if item.reference}
    for index, reference in enumerate(catalog.lists.get("references", [])):
        if reference.id not in used:
            yield "references", Finding(
                ("references", index, "id"),
                f"'{reference.id}' is cited by no record or list",
                "cite it in a `source`, list it under a record's `references`, or remove it",
            )


RULE = Rule("references-used", "lists", "every reference is cited", check)
