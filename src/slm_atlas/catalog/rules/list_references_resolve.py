"""list-references-resolve: the shared lists' own references resolve.

Dataset/technique/benchmark `reference` keys exist in survey/references.yaml; an aggregate
benchmark lists at least two components, each a task in catalog/benchmarks.yaml; a gain lists
exactly one, a task or an aggregate; a task lists none. A reference that is a copy names, in
`copy_of`, another listed reference (the official document it mirrors), never itself.
"""

from .base import Finding, Rule
from .references_resolve import is_reference_key


def check(catalog, context):
    for key in ("datasets", "techniques", "benchmarks"):
        for index, item in enumerate(catalog.lists.get(key, [])):
            if item.reference and is_reference_key(item.reference) and item.reference not in context.references:
                yield key, Finding((key, index, "reference"), f"'{item.reference}' is not in survey/references.yaml")
    for index, ref in enumerate(catalog.lists.get("references", [])):
        if ref.copy_of is None:
            continue
        if ref.copy_of == ref.id:
            yield (
                "references",
                Finding(("references", index, "copy_of"), "a copy names the official document it mirrors, not itself"),
            )
        elif ref.copy_of not in context.references:
            yield (
                "references",
                Finding(("references", index, "copy_of"), f"'{ref.copy_of}' is not in survey/references.yaml"),
            )
    benchmarks = catalog.lists.get("benchmarks", [])
    tasks = {b.id for b in benchmarks if b.kind == "task"}
    measurable = tasks | {b.id for b in benchmarks if b.kind == "aggregate"}
    for index, bench in enumerate(benchmarks):
        if bench.kind == "gain" and (len(bench.components) != 1 or bench.components[0] not in measurable):
            yield (
                "benchmarks",
                Finding(("benchmarks", index, "components"), "a gain names exactly one task or aggregate it measures"),
            )
        if bench.kind == "task" and bench.components:
            yield "benchmarks", Finding(("benchmarks", index, "components"), "a task has no components")
        if bench.kind == "aggregate":
            if len(bench.components) < 2:
                yield (
                    "benchmarks",
                    Finding(("benchmarks", index, "components"), "an aggregate needs at least two components"),
                )
            for c, component in enumerate(bench.components):
                if component not in tasks:
                    yield (
                        "benchmarks",
                        Finding(
                            ("benchmarks", index, "components", c),
                            f"'{component}' is not a task in catalog/benchmarks.yaml",
                        ),
                    )


RULE = Rule("list-references-resolve", "lists", "shared lists reference what exists", check)
