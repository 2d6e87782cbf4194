"""The survey's findings as files: survey/findings/<id>.yaml loaded, validated and positioned.

A finding is validated by `schema.findings.Finding`, then checked for what the schema cannot say:
the id is the file name, metrics are unique and every rule names a declared metric. Problems are
Diagnostics at `file:line:col`, like a bad record.
"""

from dataclasses import dataclass
from pathlib import Path

from ..catalog.diagnostics import Diagnostic, display_path, dotted
from ..catalog.loader import read_validated
from ..catalog.parallel import read_one
from ..catalog.yaml_reader import Document
from ..schema.findings import SECTIONS, Finding


@dataclass
class Loaded:
    """A validated finding and the document it came from (for positions)."""

    finding: Finding
    doc: Document

    def where(self, *loc: str | int) -> tuple[int, int]:
        _, mark = self.doc.locate(loc)
        return mark.line, mark.col

    def diagnostic(self, loc: tuple[str | int, ...], message: str) -> Diagnostic:
        line, col = self.where(*loc)
        return Diagnostic(display_path(self.doc.path), line, col, dotted(loc), message, "findings")


def _declared_problems(item: Loaded) -> list[Diagnostic]:
    """Checks beyond the schema: the id is the file name, metrics are unique and every rule names one."""
    finding, out = item.finding, []
    if finding.id != item.doc.path.stem:
        out.append(item.diagnostic(("id",), f"id '{finding.id}' must match the file name '{item.doc.path.stem}'"))
    names = [m.name for m in finding.metrics]
    for index, name in enumerate(names):
        if name in names[:index]:
            out.append(item.diagnostic(("metrics", index, "name"), f"metric '{name}' is declared twice"))
    declared = set(names)
    for index, sample in enumerate(finding.rule.enough):
        if sample.metric not in declared:
            out.append(
                item.diagnostic(
                    ("rule", "enough", index, "metric"),
                    f"'{sample.metric}' is not one of the metrics ({', '.join(names)})",
                )
            )
    for index, condition in enumerate(finding.rule.holds):
        if condition.metric not in declared:
            out.append(
                item.diagnostic(
                    ("rule", "holds", index, "metric"),
                    f"'{condition.metric}' is not one of the metrics ({', '.join(names)})",
                )
            )
        if isinstance(condition.than, str) and condition.than not in declared:
            out.append(
                item.diagnostic(
                    ("rule", "holds", index, "than"),
                    f"'{condition.than}' is not one of the metrics ({', '.join(names)})",
                )
            )
    if len(set(finding.scopes)) != len(finding.scopes):
        out.append(item.diagnostic(("scopes",), "a scope is listed twice"))
    return out


def load_findings(directory: Path) -> tuple[list[Loaded], list[Diagnostic]]:
    """Every survey/findings/*.yaml validated, in page order (section, then file name), and the problems."""
    loaded: list[Loaded] = []
    problems: list[Diagnostic] = []
    for path in sorted(directory.glob("*.yaml")):
        read = read_validated(path, read_one(path), Finding, problems)
        if read is None:
            continue
        item = Loaded(*read)
        found = _declared_problems(item)
        problems += found
        if not found:
            loaded.append(item)
    loaded.sort(key=lambda item: (SECTIONS.index(item.finding.section), item.finding.id))
    return loaded, problems
