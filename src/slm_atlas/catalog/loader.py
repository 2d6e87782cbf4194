"""Load the catalog: the shared lists and every model record, collecting errors instead of raising.

A catalog directory holds `models/*.yaml` and the list files named in `CATALOG_FILES`
(references live beside it in `../survey/references.yaml`). Each file is read with positions
(yaml_reader) and validated by its Pydantic model; problems become Diagnostics.
"""

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from ..files import is_temporary
from ..schema.lists import CATALOG_FILES
from ..schema.model import ModelRecord
from .diagnostics import Diagnostic, display_path
from .facts import Located, iter_facts
from .messages import diagnostics_from
from .parallel import read_many, read_one
from .yaml_reader import Document, YamlError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry:
    """A validated record and the document it came from (for positions)."""

    record: ModelRecord
    doc: Document

    @cached_property
    def facts(self) -> list[Located]:
        """Every fact with its effective provenance, computed once for all rules."""
        return list(iter_facts(self.record))


@dataclass
class Catalog:
    directory: Path
    entries: list[Entry] = field(default_factory=list)
    lists: dict[str, list[Any]] = field(default_factory=dict)  # list key -> its entries (Organization, Dataset, ...)
    list_docs: dict[str, Document] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    model_files: int = 0

    # ids of list entries that are present but invalid: their own errors are reported, so records
    # that cite them are not reported as well (one bad reference URL is one error, not a thousand)
    broken: dict[str, set[str]] = field(default_factory=dict)
    # for a list with invalid entries left out: the file index of each kept entry (rules' positions)
    list_indices: dict[str, list[int]] = field(default_factory=dict)

    def ids(self, key: str) -> set[str]:
        """Ids of one shared list (organizations, datasets, ...), its invalid entries included."""
        return {item.id for item in self.lists.get(key, [])} | self.broken.get(key, set())


def read_validated(
    path: Path, outcome: Document | YamlError | OSError, model: type[M], diagnostics: list[Diagnostic]
) -> tuple[M, Document] | None:
    """The validated model and its document, or None with the problems added to `diagnostics`."""
    if isinstance(outcome, YamlError):
        diagnostics.append(
            Diagnostic(display_path(path), outcome.mark.line, outcome.mark.col, "", outcome.message, outcome.code)
        )
        return None
    if isinstance(outcome, OSError):
        diagnostics.append(Diagnostic(display_path(path), 1, 1, "", f"cannot read file: {outcome.strerror}", "file"))
        return None
    doc = outcome
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        diagnostics.extend(diagnostics_from(exc, doc, model))
        return None


def _real(path: Path) -> str:
    return os.path.realpath(path)  # unlike Path.resolve(), never raises on a loop of links


def stray_files(folder: Path) -> list[Diagnostic]:
    """Entries of catalog/models/ that are not records: another suffix (.yml, .YAML, none) or a folder.
    They are reported rather than skipped, so a record saved under the wrong name is never silently left out."""
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if (path.suffix == ".yaml" and not path.is_dir()) or is_temporary(path.name):
            continue  # a record, or a write in progress (or left by a killed command: the next write removes it)
        if path.name.startswith("."):
            what = (
                "a hidden file; records are <id>.yaml (a temporary file left by an interrupted command can be deleted)"
            )
        elif path.is_dir():
            what = "a folder; catalog/models/ holds only record files, <id>.yaml"
        else:
            what = (
                f"not a record file: records end in .yaml; rename it to {path.stem}.yaml"
                " or move it out of catalog/models/"
            )
        found.append(Diagnostic(display_path(path), 1, 1, "", what, "file"))
    return found


def model_files(directory: Path, paths: list[Path] | None) -> list[Path]:
    """The catalog's model files, plus any files or folders named on the command line."""
    found = {_real(p): p for p in sorted((directory / "models").glob("*.yaml")) if not p.name.startswith(".")}
    for path in paths or []:
        candidates = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for candidate in candidates:
            found.setdefault(_real(candidate), candidate)
    return list(found.values())


def _keep_valid_items(catalog: Catalog, doc: Document, file_model: type[BaseModel], key: str) -> None:
    """A list file with invalid entries: keep the valid ones (their errors were reported with the file)."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return
    item_model = get_args(file_model.model_fields[key].annotation)[0]
    kept, indices = [], []
    for index, item in enumerate(items):
        try:
            kept.append(item_model.model_validate(item))
            indices.append(index)
        except ValidationError:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                catalog.broken.setdefault(key, set()).add(item["id"])
    catalog.lists[key] = kept
    catalog.list_indices[key] = indices
    catalog.list_docs[key] = doc


def load_catalog(directory: Path, paths: list[Path] | None = None) -> Catalog:
    """Read every list and model file; a file that fails contributes diagnostics, not an entry."""
    catalog = Catalog(directory=directory)
    for name, file_model, key in CATALOG_FILES:
        path = directory / name
        if not path.exists():
            catalog.diagnostics.append(Diagnostic(display_path(path), 1, 1, "", "file not found", "file"))
            continue
        outcome = read_one(path)
        read = read_validated(path, outcome, file_model, catalog.diagnostics)
        if read:
            catalog.lists[key] = getattr(read[0], key)
            catalog.list_docs[key] = read[1]
        elif isinstance(outcome, Document):
            _keep_valid_items(catalog, outcome, file_model, key)
    files = model_files(directory, paths)
    catalog.diagnostics += stray_files(directory / "models")
    catalog.model_files = len(files)
    for path, outcome in read_many(files):
        if isinstance(outcome, FileNotFoundError):
            catalog.diagnostics.append(Diagnostic(display_path(path), 1, 1, "", "file not found", "file"))
            continue
        read = read_validated(path, outcome, ModelRecord, catalog.diagnostics)
        if read:
            catalog.entries.append(Entry(record=read[0], doc=read[1]))
    return catalog
