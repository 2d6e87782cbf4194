"""Load the catalog: the shared lists and every model record, collecting errors instead of raising.

A catalog directory holds `models/*.yaml` and the list files named in `CATALOG_FILES`
(references live beside it in `../survey/references.yaml`). Each file is read with positions
(yaml_reader) and validated by its Pydantic model; problems become Diagnostics.
"""

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..schema.lists import CATALOG_FILES
from ..schema.model import ModelRecord
from .diagnostics import Diagnostic, display_path
from .messages import diagnostics_from
from .yaml_reader import Document, YamlError, read_yaml


@dataclass(frozen=True)
class Entry:
    """A validated record and the document it came from (for positions)."""

    record: ModelRecord
    doc: Document


@dataclass
class Catalog:
    directory: Path
    entries: list[Entry] = field(default_factory=list)
    lists: dict[str, list[BaseModel]] = field(default_factory=dict)
    list_docs: dict[str, Document] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    model_files: int = 0

    def ids(self, key: str) -> set[str]:
        """Ids of one shared list (organizations, datasets, ...)."""
        return {item.id for item in self.lists.get(key, [])}


def _read(path: Path, model: type[BaseModel], diagnostics: list[Diagnostic]) -> tuple[BaseModel, Document] | None:
    try:
        doc = read_yaml(path)
    except YamlError as err:
        diagnostics.append(Diagnostic(display_path(err.path), err.mark.line, err.mark.col, "", err.message, err.code))
        return None
    except OSError as err:
        diagnostics.append(Diagnostic(display_path(path), 1, 1, "", f"cannot read file: {err.strerror}", "file"))
        return None
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        diagnostics.extend(diagnostics_from(exc, doc, model))
        return None


def model_files(directory: Path, paths: list[Path] | None) -> list[Path]:
    """The catalog's model files, plus any files or folders named on the command line."""
    found = {p.resolve(): p for p in sorted((directory / "models").glob("*.yaml"))}
    for path in paths or []:
        candidates = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def load_catalog(directory: Path, paths: list[Path] | None = None) -> Catalog:
    """Read every list and model file; a file that fails contributes diagnostics, not an entry."""
    catalog = Catalog(directory=directory)
    for name, file_model, key in CATALOG_FILES:
        path = directory / name
        if not path.exists():
            catalog.diagnostics.append(Diagnostic(display_path(path), 1, 1, "", "file not found", "file"))
            continue
        read = _read(path, file_model, catalog.diagnostics)
        if read:
            catalog.lists[key] = getattr(read[0], key)
            catalog.list_docs[key] = read[1]
    for path in model_files(directory, paths):
        catalog.model_files += 1
        if not path.exists():
            catalog.diagnostics.append(Diagnostic(display_path(path), 1, 1, "", "file not found", "file"))
            continue
        read = _read(path, ModelRecord, catalog.diagnostics)
        if read:
            catalog.entries.append(Entry(record=read[0], doc=read[1]))
    return catalog
