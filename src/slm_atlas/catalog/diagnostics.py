"""Validation errors: one `Diagnostic` per problem, printed as `path:line:col: error[field]: message`.

Output formats:
- `text`:   `catalog/models/x.yaml:14:3: error[architecture.kv_heads]: must divide ...` and an
            indented `hint:` line when there is one;
- `github`: `::error file=...,line=...,col=...,title=...::message`, which GitHub Actions shows
            on the pull request's line.
"""

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `code` names what found it: file, yaml, schema or a rule."""

    path: str
    line: int
    col: int
    field: str
    message: str
    code: str
    hint: str | None = None

    def text(self) -> str:
        label = self.field or self.code
        head = f"{self.path}:{self.line}:{self.col}: error[{label}]: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def github(self) -> str:
        title = _escape_property(self.field or self.code)
        message = self.message + (f" (hint: {self.hint})" if self.hint else "")
        return (
            f"::error file={_escape_property(self.path)},line={self.line},col={self.col},"
            f"title={title}::{_escape_data(message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def dotted(loc: tuple) -> str:
    """A record path as users read it: `scores[0].results[3].value`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    absolute, here = os.path.abspath(path), os.getcwd()  # not resolve(): the path may be a link, even a loop
    if absolute.startswith(here + os.sep):
        return os.path.relpath(absolute, here)
    return os.path.normpath(path)


def summary(diagnostics: list[Diagnostic], checked: str) -> str:
    """One closing line: counts by file and by what found them."""
    if not diagnostics:
        return f"ok: {checked}, no errors"
    files = len({d.path for d in diagnostics})
    by_code = Counter(d.code for d in diagnostics)
    kinds = ", ".join(f"{code} {n}" for code, n in sorted(by_code.items()))
    noun = "error" if len(diagnostics) == 1 else "errors"
    return f"failed: {len(diagnostics)} {noun} in {files} file{'s' if files != 1 else ''} ({kinds}); checked {checked}"


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    """All diagnostics, sorted by file and position, in the chosen format."""
    ordered = sorted(diagnostics)
    lines = [d.github() if fmt == "github" else d.text() for d in ordered]
    return "\n".join(lines)
