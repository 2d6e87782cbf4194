"""Read the machine-written files: catalog/hub/<id>.json and measure/results/**/*.json.

They are JSON, which the YAML reader parses with positions, so a broken file is reported at its
line and column like any catalog file. Each must name a model the catalog has.
"""

from pathlib import Path
from typing import TypedDict

from ..catalog.diagnostics import Diagnostic, display_path
from ..catalog.loader import read_validated
from ..catalog.parallel import read_one
from ..schema.machine import HubSnapshot, Measurement


def machine_paths(catalog_dir: Path) -> list[tuple[str, type[HubSnapshot] | type[Measurement], Path]]:
    hub = sorted((catalog_dir / "hub").glob("*.json"))
    results = sorted((catalog_dir.parent / "measure" / "results").rglob("*.json"))
    return [("hub_snapshots", HubSnapshot, p) for p in hub] + [("measurements", Measurement, p) for p in results]


class MachineFiles(TypedDict):
    hub_snapshots: list[HubSnapshot]
    measurements: list[Measurement]


def load_machine_files(catalog_dir: Path, model_ids: set[str]) -> tuple[MachineFiles, list[Diagnostic]]:
    """The validated hub snapshots and measurements (by table), and the problems found reading them."""
    items: MachineFiles = {"hub_snapshots": [], "measurements": []}
    problems: list[Diagnostic] = []
    for table, model, path in machine_paths(catalog_dir):
        read = read_validated(path, read_one(path), model, problems)
        if read is None:
            continue
        item, doc = read
        if item.model_id not in model_ids:
            mark = doc.values.get(("model_id",))
            line, col = (mark.line, mark.col) if mark else (1, 1)
            problems.append(
                Diagnostic(
                    display_path(path),
                    line,
                    col,
                    "model_id",
                    f"'{item.model_id}' is not a model in the catalog",
                    "references-resolve",
                )
            )
            continue
        items[table].append(item)  # type: ignore[literal-required]  # table names a key of MachineFiles
    return items, problems
