"""Walk a record's facts with their effective provenance (inherited source, inferred status).

A fact without `source` inherits the nearest enclosing block's `source` (per_layer/mla ->
architecture -> record). A fact without `status` gets `derived` for source `derived`, `measured`
for source `measured`, `reported` for any other source, and stays None when it has no value (a
rule then asks for undisclosed/not_applicable and a note).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..schema.fact import Fact, Provenance

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """A fact (or a score) at its place in the record, with the provenance that applies to it."""

    loc: Loc
    fact: Provenance
    source: str | None
    status: str | None

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.loc if isinstance(p, str))


def infer_status(item: Provenance, source: str | None) -> str | None:
    """The written status, else the one the source implies; None for a value-less fact without one."""
    if item.status:
        return item.status
    if isinstance(item, Fact) and item.value is None:
        return None
    if source in ("derived", "measured"):
        return source
    return "reported" if source else None


def _walk(model: BaseModel, loc: Loc, inherited: str | None) -> Iterator[Located]:
    default = getattr(model, "source", None) or inherited
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        if isinstance(value, Fact):
            source = value.source or default
            yield Located(here, value, source, infer_status(value, source))
        elif isinstance(value, BaseModel) and not isinstance(value, Provenance):
            yield from _walk(value, here, default)
        elif isinstance(value, list) and value and isinstance(value[0], Provenance):
            for index, item in enumerate(value):
                source = item.source or default
                yield Located((*here, index), item, source, infer_status(item, source))
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for index, block in enumerate(value):
                yield from _walk(block, (*here, index), default)


def iter_facts(record: BaseModel) -> Iterator[Located]:
    """Every fact and score in `record`, in field order."""
    yield from _walk(record, (), None)


def iter_scores(record: Any) -> Iterator[tuple[Loc, Any, Any]]:
    """(loc, block, score) for every score of every block, loc as ("scores", block, "results", index)."""
    for b, block in enumerate(record.scores):
        for i, score in enumerate(block.results):
            yield ("scores", b, "results", i), block, score
