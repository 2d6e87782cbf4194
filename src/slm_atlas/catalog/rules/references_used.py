"""references-used: every entry of survey/references.yaml is cited by a record or a shared list.

A reference nobody cites is either dead weight or a document a record should list under
`references` (its notes may name it, but notes are not machine-readable). An official document
counts as cited when a cited copy names it in `copy_of`. The official document
a cited copy mirrors (`copy_of`) counts as cited through its copy.
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
    # a copy the atlas read cites the official document it mirrors (survey/scope.md, "Licences and copies")
    used |= {ref.copy_of for ref in catalog.lists.get("references", []) if ref.copy_of and ref.id in used}
    references = catalog.lists.get("references", [])
    used |= {r.copy_of for r in references if r.copy_of and r.id in used}
    for index, reference in enumerate(references):
        if reference.id not in used:
            yield (
                "references",
                Finding(
                    ("references", index, "id"),
                    f"'{reference.id}' is cited by no record or list",
                    "cite it in a `source`, list it under a record's `references`, or remove it",
                ),
            )


RULE = Rule("references-used", "lists", "every reference is cited", check)
