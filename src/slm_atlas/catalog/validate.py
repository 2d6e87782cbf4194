"""Validate a catalog: load it, run every rule, and return positioned diagnostics."""

from dataclasses import dataclass
from pathlib import Path

from ..schema.lists import CATALOG_FILES
from .diagnostics import Diagnostic, display_path, dotted
from .loader import Catalog, load_catalog
from .rules import RULES, Context, Finding
from .yaml_reader import Document


@dataclass
class Result:
    catalog: Catalog
    diagnostics: list[Diagnostic]

    @property
    def checked(self) -> str:
        files, valid = self.catalog.model_files, len(self.catalog.entries)
        return f"{files} model file{'s' if files != 1 else ''} ({valid} valid) and {len(self.catalog.lists)} lists"


def file_path(doc: Document, loc: tuple) -> tuple:
    """Map a record path to the file's path: a fact written in full form gains its `value` step."""
    data, out = doc.data, []
    for part in loc:
        if isinstance(data, dict) and part not in data and "value" in data and part != "value":
            out.append("value")
            data = data["value"]
        out.append(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
    return tuple(out)


def positioned(doc: Document, finding: Finding, code: str) -> Diagnostic:
    _, mark = doc.locate(file_path(doc, finding.loc))
    return Diagnostic(
        display_path(doc.path), mark.line, mark.col, dotted(finding.loc), finding.message, code, finding.hint
    )


def _in_file(catalog: Catalog, key: str, finding: Finding) -> Finding:
    """A list rule's finding at the entry's index in the file (invalid entries were left out of the list)."""
    indices, loc = catalog.list_indices.get(key), finding.loc
    if indices is None or len(loc) < 2 or loc[0] != key or not isinstance(loc[1], int):
        return finding
    return Finding((key, indices[loc[1]], *loc[2:]), finding.message, finding.hint)


def run_rules(catalog: Catalog) -> list[Diagnostic]:
    """Every rule's findings over the loaded catalog."""
    context = Context.of(catalog)
    out: list[Diagnostic] = []
    for rule in RULES:
        if rule.scope == "record":
            for entry in catalog.entries:
                out += [positioned(entry.doc, f, rule.name) for f in rule.check(entry, context)]
        elif rule.scope == "catalog":
            out += [positioned(entry.doc, f, rule.name) for entry, f in rule.check(catalog.entries, context)]
        else:
            out += [
                positioned(catalog.list_docs[key], _in_file(catalog, key, f), rule.name)
                for key, f in rule.check(catalog, context)
            ]
    return out


def validate(directory: Path, paths: list[Path] | None = None) -> Result:
    """Load and check the catalog; when `paths` are given, report only on those files (and the lists)."""
    catalog = load_catalog(directory, paths)
    diagnostics = catalog.diagnostics + run_rules(catalog)
    if paths:
        wanted = {display_path(p) for p in paths if not p.is_dir()}
        wanted |= {display_path(f) for p in paths if p.is_dir() for f in p.glob("*.yaml")}
        lists = {display_path(directory / name) for name, _, _ in CATALOG_FILES}
        diagnostics = [d for d in diagnostics if d.path in wanted | lists]
    return Result(catalog, diagnostics)
