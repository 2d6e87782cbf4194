"""Questions about the models' structure: what a field's annotation really is, what keys a place allows.

Used by error messages ("did you mean ...") and by the generators of DDL and docs, so that none
of them keeps its own copy of the field list.
"""

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .fact import Fact


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip Annotated and Optional: (inner annotation, whether None is allowed)."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def fact_inner(annotation: Any) -> Any | None:
    """For `Fact[T]` (possibly optional), T; otherwise None."""
    inner, _ = unwrap(annotation)
    if isinstance(inner, type) and issubclass(inner, Fact) and inner is not Fact:
        for cls in inner.__mro__:  # a subclass of Fact[T] (DatasetsFact) keeps T on its base
            args = getattr(cls, "__pydantic_generic_metadata__", {}).get("args")
            if args:
                return args[0]
    return None


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`, or None when loc leaves the models."""
    current: Any = model
    for part in loc:
        inner, _ = unwrap(current)
        if get_origin(inner) is list and isinstance(part, int):
            current = get_args(inner)[0]
            continue
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)) or part not in inner.model_fields:
            return None
        current = inner.model_fields[part].annotation
    inner, _ = unwrap(current)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
