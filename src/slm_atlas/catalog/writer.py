"""Write a model record back to YAML that the reader loads to an equal record.

Facts whose only content is a value are written in the short form (`layers: 30`); fields left at
their defaults are omitted, so a written record is as small as the one a contributor would write.
"""

from typing import Any

import yaml
from pydantic import BaseModel

from ..schema.fact import PROVENANCE_FIELDS, Fact, Provenance
from ..schema.model import ModelRecord
from .yaml_reader import resolve_plain

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/model.schema.json\n"


def _field_order(model: type[BaseModel]) -> list[str]:
    """Field names, with a value's provenance (source, status, note) after the value itself."""
    names = list(model.model_fields)
    if issubclass(model, Provenance):
        names = [n for n in names if n not in PROVENANCE_FIELDS] + list(PROVENANCE_FIELDS)
    return names


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        out = {}
        for name in _field_order(type(value)):
            item, info = getattr(value, name), fields[name]
            if item is None and not info.is_required():
                continue
            if not info.is_required() and name not in value.model_fields_set and item == info.default:
                continue
            out[name] = _plain(item)
        if isinstance(value, Fact) and set(out) <= {"value"}:
            return out.get("value")
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Block style, keys in field order, long text folded by the emitter."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # Quote any string the reader's own core schema would turn into something else ('0E0', 'null').
    style = '"' if resolve_plain(text) != text or text != text.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def dump_record(record: ModelRecord) -> str:
    body = yaml.dump(_plain(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return SCHEMA_LINE + body
