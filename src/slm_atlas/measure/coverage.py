"""What is measured and what is missing: result files per model, backend and format (needs no torch)."""

from pathlib import Path
from typing import Any


def missing(
    records: list[Any], root: Path, formats: list[str], backend: str = "torch"
) -> list[tuple[str, str, str, int]]:
    """(model, backend, format, result files) for `measure list`: what each model has on any machine."""
    files = list((root / "results").rglob("*.json"))
    rows = []
    for record in records:
        for fmt in formats:
            prefix = f"{record.id}__{backend}__{fmt}__"
            rows.append((record.id, backend, fmt, sum(1 for f in files if f.name.startswith(prefix))))
    return rows
