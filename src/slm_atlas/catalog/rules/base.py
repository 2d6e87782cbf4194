"""What a rule is: a name, a scope, and a pure `check` that yields findings.

- record rules: `check(entry, context)` looks at one record;
- catalog rules: `check(entries, context)` looks across records and yields (entry, finding).
A finding names a place in the record (`loc`, as attribute names and list indices) and a
message; the runner turns it into a positioned Diagnostic.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ..compare import DatasetNames
from ..loader import Catalog

Loc = tuple[str | int, ...]


TO_FILL = "TO FILL"  # a draft's note on a value still to research (`slm-atlas new` writes them)
PLACEHOLDER_ID = "to-fill"  # a draft's organization before a person picks one


def to_fill(fact) -> bool:
    """Whether a fact is a draft's placeholder (reported by the to-fill rule, not as a missing value)."""
    return bool(getattr(fact, "note", None)) and fact.note.startswith(TO_FILL)


class Finding(NamedTuple):
    loc: Loc
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Context:
    """What rules may consult besides the record: the shared lists' ids."""

    organizations: frozenset[str]
    datasets: frozenset[str]
    techniques: frozenset[str]
    licenses: frozenset[str]
    benchmarks: frozenset[str]
    references: frozenset[str]
    dataset_names: DatasetNames = field(default_factory=lambda: DatasetNames({}, frozenset()))
    benchmark_kinds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> "Context":
        lists = ("organizations", "datasets", "techniques", "licenses", "benchmarks", "references")
        ids = {name: frozenset(catalog.ids(name)) for name in lists}
        kinds = {b.id: b.kind for b in catalog.lists.get("benchmarks", [])}
        return cls(**ids, dataset_names=DatasetNames.of(catalog.lists.get("datasets", [])), benchmark_kinds=kinds)


@dataclass(frozen=True)
class Rule:
    name: str
    scope: Literal["record", "catalog", "lists"]
    summary: str
    check: Callable[..., Iterable]
