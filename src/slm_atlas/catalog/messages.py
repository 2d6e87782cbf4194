"""Pydantic's validation errors in a contributor's words, placed at their YAML line and column.

A small message map keyed by Pydantic's error type; anything not in the map keeps Pydantic's own
message, which is already readable. The field label is the path as the YAML file writes it: a fact
given in the short form (`layers: 30`) is labelled `architecture.layers`, not `...layers.value`.
"""

import difflib
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..schema.config_map import TABLE as CONFIG_TABLE
from ..schema.introspect import fact_inner, model_at, unwrap
from .diagnostics import Diagnostic, display_path, dotted
from .yaml_reader import Document

_TYPE_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "list": "a list",
    "dict": "a mapping",
    "model": "a mapping",
}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _expected(kind: str) -> str:
    return _TYPE_WORDS.get(kind.split("_")[0], kind)


def _message(error: ErrorDetails) -> tuple[str, str | None]:
    """(message, hint) for one Pydantic error."""
    kind, ctx, got = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "missing":
        return "required field is missing", None
    if kind == "literal_error":
        return f"must be one of {ctx['expected']} (got {_show(got)})", None
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<", "less_than_equal": "<="}
        bound = ctx[next(iter(ctx))]
        shown = f"{bound:,}" if isinstance(bound, int) and abs(bound) >= 10_000 else bound
        return f"must be {words[kind]} {shown} (got {_show(got)})", None
    if kind == "finite_number":
        return f"must be a finite number (got {_show(got)})", None
    if kind == "string_pattern_mismatch":
        return f"{_show(got)} does not match the pattern {ctx['pattern']}", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        return f"expected {_expected(kind)} (got {_show(got)})", None
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)", None
    return error["msg"], None


_KINDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def describe(annotation: Any) -> str | None:
    """What a field takes, in words: the allowed values of a Literal, else its type."""
    inner, _ = unwrap(fact_inner(annotation) or annotation)
    if get_origin(inner) is Literal:
        return "one of " + ", ".join(repr(v) for v in get_args(inner))
    if get_origin(inner) is list:
        return "a list"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "a mapping"
    return _KINDS.get(inner) if isinstance(inner, type) else None


def _missing(model: type[BaseModel], loc: tuple) -> str:
    parent, name = model_at(model, loc[:-1]), loc[-1]
    field = parent.model_fields.get(name) if parent and isinstance(name, str) else None
    wanted = describe(field.annotation) if field else None
    return f"required field '{name}' is missing" + (f"; {wanted}" if wanted else "")


# config.json keys (the Hub mapping table) -> the record field that holds the value
_CONFIG_KEYS = {key: m.field for m in CONFIG_TABLE for key in m.keys}


def _unknown_key(model: type[BaseModel], loc: tuple, key: str) -> tuple[str, str | None]:
    allowed = model_at(model, loc[:-1])
    names = list(allowed.model_fields) if allowed else []
    mapped = _CONFIG_KEYS.get(key)
    if mapped and mapped.rsplit(".", 1)[-1] != key:
        where = ".".join(str(p) for p in loc[:-1])
        field = mapped.rsplit(".", 1)[-1] if where == mapped.rsplit(".", 1)[0] else mapped
        return f"unknown field '{key}'", f"'{key}' is a config.json key; the record calls it '{field}'"
    close = difflib.get_close_matches(key, names, n=1)
    hint = f"did you mean '{close[0]}'?" if close else (f"allowed here: {', '.join(names)}" if names else None)
    return f"unknown field '{key}'", hint


def _label(doc: Document, loc: tuple, found: tuple) -> str:
    """The dotted field path as the file writes it."""
    shown = loc
    if loc[-1:] == ("value",) and found == loc[:-1] and not isinstance(_get(doc.data, found), dict):
        shown = loc[:-1]
    return dotted(shown)


def _get(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def diagnostics_from(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Diagnostic]:
    """One Diagnostic per Pydantic error, positioned in `doc`."""
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            found, mark = doc.locate(loc, at_key=True)
            message, hint = _unknown_key(model, loc, str(loc[-1]))
        elif error["type"] == "missing":
            found, mark = doc.locate(loc[:-1], at_key=True)  # the key of the mapping that lacks it
            message, hint = _missing(model, loc), None
        else:
            found, mark = doc.locate(loc)
            message, hint = _message(error)
        out.append(
            Diagnostic(display_path(doc.path), mark.line, mark.col, _label(doc, loc, found), message, "schema", hint)
        )
    return out
