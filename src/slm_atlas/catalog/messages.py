"""Pydantic's validation errors in a contributor's words, placed at their YAML line and column.

A small message map keyed by Pydantic's error type; anything not in the map keeps Pydantic's own
message, which is already readable. The field label is the path as the YAML file writes it: a fact
given in the short form (`layers: 30`) is labelled `architecture.layers`, not `...layers.value`.
"""

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..schema.introspect import model_at
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
        return f"must be {words[kind]} {ctx[next(iter(ctx))]} (got {_show(got)})", None
    if kind == "string_pattern_mismatch":
        return f"{_show(got)} does not match the pattern {ctx['pattern']}", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        return f"expected {_expected(kind)} (got {_show(got)})", None
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)", None
    return error["msg"], None


def _unknown_key(model: type[BaseModel], loc: tuple, key: str) -> tuple[str, str | None]:
    allowed = model_at(model, loc[:-1])
    names = list(allowed.model_fields) if allowed else []
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
        elif error["type"] == "missing" and loc[:-1]:
            found, mark = doc.locate(loc[:-1], at_key=True)  # the key of the mapping that lacks it
            message, hint = _message(error)
        else:
            found, mark = doc.locate(loc)
            message, hint = _message(error)
        out.append(
            Diagnostic(display_path(doc.path), mark.line, mark.col, _label(doc, loc, found), message, "schema", hint)
        )
    return out
