"""Pydantic fields -> DuckDB columns: the one map from annotations to SQL types.

A model's fields become columns by these rules:
- `Fact[T]` becomes a column of T's type holding the fact's value (provenance goes to the
  provenance table);
- a nested model (not a list) is flattened with its field name as prefix (`mla_kv_lora_rank`);
- `list[scalar]` becomes an SQL list (`BIGINT[]`); a list of models is a child table, skipped;
- a `Literal` becomes VARCHAR with a CHECK constraint listing the allowed words;
- provenance fields (source, status, note) come after the fields they describe;
- a nested block's `source` is skipped (it is a default, resolved into the provenance table);
  top-level tables exclude theirs by name.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..schema.fact import PROVENANCE_FIELDS
from ..schema.introspect import fact_inner, unwrap

SQL_TYPES: dict[Any, str] = {
    int: "BIGINT",
    float: "DOUBLE",
    str: "VARCHAR",
    bool: "BOOLEAN",
    datetime: "TIMESTAMPTZ",
    date: "DATE",
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    nullable: bool
    description: str
    path: tuple[str, ...]
    check: str | None = None
    json_text: bool = False  # a free-form mapping stored as its JSON text

    @property
    def quoted(self) -> str:
        """The name as an SQL identifier (quoted: field names such as `references` are keywords)."""
        return f'"{self.name}"'

    def ddl(self) -> str:
        parts = [f"{self.quoted} {self.sql_type}"]
        if not self.nullable:
            parts.append("NOT NULL")
        if self.check:
            parts.append(f"CHECK ({self.quoted} {self.check})")
        return " ".join(parts)


def sql_type(annotation: Any) -> tuple[str, str | None]:
    """(SQL type, CHECK clause or None) for a scalar, Literal or list annotation."""
    inner, _ = unwrap(annotation)
    origin = get_origin(inner)
    if origin is Literal:
        words = ", ".join("'" + str(w).replace("'", "''") + "'" for w in get_args(inner))
        return "VARCHAR", f"IN ({words})"
    if origin is list:
        item, _ = sql_type(get_args(inner)[0])
        return f"{item}[]", None
    if origin is dict and get_args(inner)[1] is Any:
        return "VARCHAR", None  # free-form JSON (a config.json) is stored as its text
    if origin is dict:
        return "MAP(VARCHAR, VARCHAR)", None
    if inner in SQL_TYPES:
        return SQL_TYPES[inner], None
    raise TypeError(f"no SQL type for {annotation!r}")


@cache
def columns_of(
    model: type[BaseModel],
    exclude: frozenset[str] = frozenset(),
    prefix: tuple[str, ...] = (),
    optional_parent: bool = False,
) -> list[Column]:
    """The columns a model's fields become (see the module rules); under an optional block all are nullable.

    Cached: the field list of a class never changes while the program runs, and rows ask for it
    once per row.
    """
    out: list[Column] = []
    fields = sorted(model.model_fields.items(), key=lambda item: item[0] in PROVENANCE_FIELDS)
    for name, info in fields:
        if name in exclude or (prefix and name == "source"):
            continue
        annotation = info.annotation
        path = (*prefix, name)
        column = "_".join(path)
        inner = fact_inner(annotation)
        base, optional = unwrap(annotation)
        nullable = optional_parent or optional or not info.is_required()
        if inner is not None:
            kind, check = sql_type(inner)
            out.append(Column(column, kind, True, info.description or "", path, check))
        elif isinstance(base, type) and issubclass(base, BaseModel):
            out += columns_of(base, frozenset(), path, nullable)
        elif get_origin(base) is list and _is_model(get_args(base)[0]):
            continue
        else:
            kind, check = sql_type(annotation)
            free = get_origin(base) is dict and get_args(base)[1] is Any
            out.append(Column(column, kind, nullable, info.description or "", path, check, json_text=free))
    return out


def _is_model(annotation: Any) -> bool:
    inner, _ = unwrap(annotation)
    return isinstance(inner, type) and issubclass(inner, BaseModel)
