"""`slm-atlas fmt`: the canonical layout of catalog files, with comments kept.

Canonical means: keys in the schema's field order (a fact's keys as `value, source, status,
survey_reported, note`; a score's as `benchmark, value, shots, source, status, note`), unknown
keys last in their written order; two-space indentation, lists indented under their key; `null`
written out; no trailing spaces; one newline at the end. Everything else (flow or block style,
quoting, folded notes, number spelling such as 1.5T or 494_032_768, comments) is kept as written.
Formatting a canonical file changes nothing (idempotent), and it never changes a value.
"""

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..schema.fact import Fact
from ..schema.introspect import unwrap
from ..schema.lists import CATALOG_FILES
from ..schema.model import ModelRecord, Score
from .diagnostics import display_path

FACT_ORDER = ("value", "source", "status", "survey_reported", "note")
SCORE_ORDER = ("benchmark", "value", "shots", "source", "status", "note")


class FormatError(Exception):
    """A file that is not YAML the formatter can read; the message names it, with line and column."""


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap: folded notes keep the lines their authors wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _order(cls: type[BaseModel]) -> tuple[str, ...]:
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
    order = _order(cls)
    known = [k for k in order if k in node]
    for key in known + [k for k in list(node) if k not in order]:
        node.move_to_end(key)
    for key, value in node.items():
        child, many = _child(cls, key)
        if child is None:
            continue
        for item in (value if many and isinstance(value, list) else [value]):
            reorder(item, child)


def model_for(path: Path, catalog_dir: Path) -> type[BaseModel] | None:
    """The file model a catalog file is read with (None for files fmt does not know)."""
    if path.parent.name == "models" and path.suffix == ".yaml":
        return ModelRecord
    for relative, model, _ in CATALOG_FILES:
        if (catalog_dir / relative).resolve() == path.resolve():
            return model
    return None


def canonical(text: str, path: Path, model: type[BaseModel]) -> str:
    from ruamel.yaml.error import MarkedYAMLError

    yaml = _yaml()
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise FormatError(f"{display_path(path)}{where}: not valid YAML ({exc.problem}); fix it, then run fmt") from None
    reorder(data, model)
    out = io.StringIO()
    yaml.dump(data, out)
    return re.sub(r"[ \t]+$", "", out.getvalue(), flags=re.M).rstrip("\n") + "\n"


@dataclass
class FmtResult:
    changed: list[Path]
    checked: int


def catalog_files(catalog_dir: Path) -> list[Path]:
    lists = [(catalog_dir / relative).resolve() for relative, _, _ in CATALOG_FILES]
    return sorted((catalog_dir / "models").glob("*.yaml")) + [p for p in lists if p.exists()]


def fmt(catalog_dir: Path, paths: list[Path] | None, check: bool) -> FmtResult:
    """Format `paths` (default: every catalog file); with `check`, only report what would change."""
    files: list[Path] = []
    for path in paths or catalog_files(catalog_dir):
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    changed = []
    for path in files:
        if not path.exists():
            raise FormatError(f"{display_path(path)}: no such file")
        model = model_for(path, catalog_dir)
        if model is None:
            raise FormatError(f"{display_path(path)}: not a catalog file (a model in catalog/models/ or a shared list)")
        text = path.read_text(encoding="utf-8")
        formatted = canonical(text, path, model)
        if formatted == text:
            continue
        changed.append(path)
        if not check:
            temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            temporary.write_text(formatted, encoding="utf-8")
            os.replace(temporary, path)
    return FmtResult(changed, len(files))
