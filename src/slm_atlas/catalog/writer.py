"""The one YAML writer of catalog files: ruamel.yaml in round-trip mode.

`fmt` reorders files through it (comments, quoting and number spellings kept), `new` writes its
drafts and adds references entries with it, and `dump_record` writes a validated record back to
YAML that the reader loads to an equal record (the round-trip property tests use it).

Facts whose only content is a value are written in the short form (`layers: 30`), short facts and
lists in flow style (`{value: 8, note: ...}`, `[a, b]`), fields left at their defaults omitted.
"""

import io
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..files import InputError, read_limited, write_text
from ..schema.fact import PROVENANCE_FIELDS, Fact, Provenance
from ..schema.model import ModelRecord
from .yaml_reader import resolve_plain

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/model.schema.json\n"
MAX_BYTES = 10_000_000  # a shared list is far smaller; refuse to rewrite anything larger


class WriteError(Exception):
    """A file the writer cannot update (unreadable, not YAML, not the expected shape); nothing was written."""


def round_trip():
    """The ruamel.yaml instance every catalog file is read and written with."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap: folded notes keep the lines their authors wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    yaml.representer.add_representer(str, _text)
    return yaml


def _text(representer, text: str):
    """Quote a string the catalog's reader would read as something else ('0E0', '1_000', 'null') or trim."""
    if resolve_plain(text) != text or text != text.strip():
        return representer.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return representer.represent_str(text)


_FLOW_INDICATORS = re.compile(r"^[-?:!&*#|>'\"%@`]|[\[\]{},#]|: ")


def _in_flow(value: Any) -> Any:
    """A string inside a flow collection, double-quoted when a flow indicator could end or open something."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and type(value) is str and _FLOW_INDICATORS.search(value):
        return DoubleQuotedScalarString(value)
    return value


def dump(node: Any) -> str:
    """YAML text of `node` (plain data or ruamel nodes), without trailing spaces, one newline at the end."""
    out = io.StringIO()
    round_trip().dump(node, out)
    return re.sub(r"[ \t]+$", "", out.getvalue(), flags=re.M).rstrip("\n") + "\n"


def flow_facts(node: Any) -> Any:
    """Plain data as ruamel nodes: lists and short facts (a value and at most two scalars) in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, dict):
        flow = "value" in node and len(node) <= 3 and not any(isinstance(v, (dict, list)) for v in node.values())
        mapping = CommentedMap((k, _in_flow(v) if flow else flow_facts(v)) for k, v in node.items())
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(node, list):
        flow = not any(isinstance(v, (dict, list)) for v in node)
        seq = CommentedSeq(_in_flow(v) if flow else flow_facts(v) for v in node)
        if flow:
            seq.fa.set_flow_style()
        return seq
    return node


def record_text(data: dict[str, Any]) -> str:
    """A record (plain data in canonical key order) as a catalog file."""
    return SCHEMA_LINE + dump(flow_facts(data))


def _field_order(model: type[BaseModel]) -> list[str]:
    """Field names, with a value's provenance (source, status, note) after the value itself."""
    names = list(model.model_fields)
    if issubclass(model, Provenance):
        names = [n for n in names if n not in PROVENANCE_FIELDS] + list(PROVENANCE_FIELDS)
    return names


def plain(value: Any) -> Any:
    """A validated model as the data a contributor would write: short-form facts, no defaults."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        out = {}
        for name in _field_order(type(value)):
            item, info = getattr(value, name), fields[name]
            if item is None and not info.is_required():
                continue
            if not info.is_required() and name not in value.model_fields_set and item == info.default:
                continue
            out[name] = plain(item)
        if isinstance(value, Fact) and set(out) <= {"value"}:
            return out.get("value")
        return out
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def dump_record(record: ModelRecord) -> str:
    return record_text(plain(record))


def add_list_entry(path: Path, key: str, entry: dict[str, Any]) -> bool:
    """Append `entry` to the list under `key` in the YAML file at `path` (created when missing), unless an
    entry with its id is there already; True when it was added. Comments and layout are kept."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    yaml = round_trip()
    if path.exists():
        try:
            data = yaml.load(read_limited(path, MAX_BYTES).decode("utf-8"))
        except (InputError, UnicodeDecodeError, YAMLError, RecursionError) as exc:
            raise WriteError(f"{path}: cannot be read as YAML to add '{entry.get('id')}' ({exc})") from None
    else:
        data = CommentedMap({key: []})
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise WriteError(f"{path}: has no list under '{key}:' to add '{entry.get('id')}' to")
    if any(isinstance(item, dict) and item.get("id") == entry.get("id") for item in items):
        return False
    items.append(CommentedMap(entry))
    out = io.StringIO()
    yaml.dump(data, out)
    write_text(path, out.getvalue())
    return True
