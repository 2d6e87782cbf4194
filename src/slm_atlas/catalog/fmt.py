"""`slm-atlas fmt`: the canonical layout of catalog files, with comments kept.

Canonical means: keys in the schema's field order (a fact's keys as `value, source, status,
survey_reported, note`; a score's as `benchmark, value, shots, source, status, note`), unknown
keys last in their written order; two-space indentation, lists indented under their key; `null`
written out; no trailing spaces; one newline at the end. Everything else (flow or block style,
quoting, folded notes, number spelling such as 1.5T or 494_032_768, comments) is kept as written.
Formatting a canonical file changes nothing (idempotent), and it never changes a value.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..files import read_limited, remove_stale, write_text
from ..schema.fact import Fact
from ..schema.introspect import unwrap
from ..schema.lists import CATALOG_FILES
from ..schema.model import ModelRecord, Score
from .diagnostics import display_path
from .writer import dump, round_trip
from .yaml_reader import MAX_BYTES

FACT_ORDER = ("value", "source", "status", "survey_reported", "note")
SCORE_ORDER = ("benchmark", "value", "shots", "source", "status", "note")


class FormatError(Exception):
    """A file that is not YAML the formatter can read; the message names it, with line and column."""


def canonical_order(cls: type[BaseModel]) -> tuple[str, ...]:
    if issubclass(cls, Score):
        return SCORE_ORDER
    if issubclass(cls, Fact):
        return FACT_ORDER
    return tuple(cls.model_fields)


def _child(cls: type[BaseModel], key: str) -> tuple[type[BaseModel] | None, bool]:
    """The model class a key's value is (or holds a list of), and whether it is a list."""
    field = cls.model_fields.get(key)
    if field is None:
        return None, False
    inner, _ = unwrap(field.annotation)
    many = getattr(inner, "__origin__", None) is list
    if many:
        inner, _ = unwrap(inner.__args__[0])
    return (inner, many) if isinstance(inner, type) and issubclass(inner, BaseModel) else (None, many)


def reorder(node: Any, cls: type[BaseModel]) -> None:
    """Put a mapping's keys in `cls`'s canonical order, in place, and recurse into nested models."""
    if not isinstance(node, dict):
        return  # a fact's short form, or a value the validator will reject
    order = canonical_order(cls)
    known = [k for k in order if k in node]
    for key in known + [k for k in list(node) if k not in order]:
        node.move_to_end(key)  # type: ignore[attr-defined]  # ruamel's CommentedMap (an ordered mapping)
    for key, value in node.items():
        child, many = _child(cls, key)
        if child is None:
            continue
        for item in value if many and isinstance(value, list) else [value]:
            reorder(item, child)


def model_for(path: Path, catalog_dir: Path) -> type[BaseModel] | None:
    """The file model a catalog file is read with (None for files fmt does not know)."""
    if path.parent.name == "models" and path.suffix == ".yaml":
        return ModelRecord
    for relative, model, _ in CATALOG_FILES:
        if os.path.realpath(catalog_dir / relative) == os.path.realpath(path):
            return model
    return None


def canonical(text: str, path: Path, model: type[BaseModel]) -> str:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = round_trip().load(text)
        reorder(data, model)
        formatted = dump(data)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise FormatError(
            f"{display_path(path)}{where}: not valid YAML ({exc.problem}); fix it, then run fmt"
        ) from None
    except YAMLError as exc:
        raise FormatError(f"{display_path(path)}: not valid YAML ({exc}); fix it, then run fmt") from None
    except RecursionError:
        raise FormatError(
            f"{display_path(path)}: nested too deeply to format (no catalog file nests more than a few levels)"
        ) from None
    return formatted


@dataclass
class FmtResult:
    changed: list[Path]
    checked: int


def catalog_files(catalog_dir: Path) -> list[Path]:
    lists = [Path(os.path.realpath(catalog_dir / relative)) for relative, _, _ in CATALOG_FILES]
    return sorted((catalog_dir / "models").glob("*.yaml")) + [p for p in lists if p.exists()]


def _read(path: Path) -> str:
    try:
        raw = read_limited(path, MAX_BYTES)
    except OSError as exc:
        raise FormatError(f"{display_path(path)}: cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"{display_path(path)}:{line}: not UTF-8 text (a binary file?); catalog files are UTF-8 YAML"
        ) from None


def fmt(catalog_dir: Path, paths: list[Path] | None, check: bool) -> FmtResult:
    """Format `paths` (default: every catalog file); with `check`, only report what would change."""
    files: list[Path] = []
    for path in paths or catalog_files(catalog_dir):
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    changed = []
    for folder in set() if check else {path.parent for path in files}:
        remove_stale(folder)  # temporary files a killed fmt or new left behind (--check changes nothing)
    for path in files:
        if not os.path.lexists(path):
            raise FormatError(f"{display_path(path)}: no such file")
        model = model_for(path, catalog_dir)
        if model is None:
            raise FormatError(f"{display_path(path)}: not a catalog file (a model in catalog/models/ or a shared list)")
        text = _read(path)
        formatted = canonical(text, path, model)
        if formatted == text:
            continue
        changed.append(path)
        if not check:
            write_text(path, formatted)
    return FmtResult(changed, len(files))
