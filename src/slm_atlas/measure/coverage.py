"""What is measured and what is missing: result files per model and format (needs no torch)."""

from pathlib import Path
from typing import Any

BACKEND = "torch"


def missing(records: list[Any], root: Path, formats: list[str]) -> list[tuple[str, str, int]]:
    """(model, format, result files) for `measure list`: what each model has on any machine."""
    files = list((root / "results").rglob("*.json"))
    rows = []
    for record in records:
        for fmt in formats:
            rows.append((record.id, fmt, sum(1 for f in files if f.name.startswith(f"{record.id}__{BACKEND}__{fmt}__"))))
    return rows
