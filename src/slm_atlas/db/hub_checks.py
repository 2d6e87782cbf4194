"""Cross-checks of a Hub snapshot against its record: parameters, licence, and config.json.

Each check is one row: what was compared, the record's value, the Hub's value, the config key it
was read from, and whether they agree. The build stores them in `hub_checks`; `slm-atlas audit`
and the model pages show the disagreements.
"""

import json
from typing import Any

from pydantic import Field

from ..schema.config_map import read_config
from ..schema.fact import Strict
from ..schema.machine import HubSnapshot
from ..schema.model import ModelRecord
from ..schema.types import Id
from .machine_files import load_machine_files

PARAMETER_TOLERANCE = 0.03  # as the catalog's own parameter check


class HubCheck(Strict):
    model_id: Id = Field(description="The model (models.id).")
    check: str = Field(description="parameters (safetensors count), license (card tag) or config (config.json).")
    field: str = Field(description="The record field compared (provenance.field).")
    hub_key: str = Field(
        description="Where the Hub's value comes from: a config.json key, safetensors, or cardData.license."
    )
    record_value: str | None = Field(description="The record's value, as JSON text.")
    hub_value: str | None = Field(description="The Hub's value, as JSON text.")
    agrees: bool = Field(description="Whether they agree (parameters within 3%; licences compared case-insensitively).")
    revision: str | None = Field(description="The repository commit the Hub's value was read at.")


def _record_value(record: ModelRecord, field: str) -> Any:
    obj: Any = record
    for part in field.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return getattr(obj, "value", obj)


def _text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def hub_checks(record: ModelRecord, snapshot: HubSnapshot) -> list[HubCheck]:
    """Every comparison the snapshot allows (none for a snapshot that never fetched data)."""
    out = []

    def add(check: str, field: str, key: str, mine: Any, theirs: Any, agrees: bool) -> None:
        out.append(
            HubCheck(
                model_id=record.id,
                check=check,
                field=field,
                hub_key=key,
                record_value=_text(mine),
                hub_value=_text(theirs),
                agrees=agrees,
                revision=snapshot.sha,
            )
        )

    declared = record.parameters.value
    if snapshot.safetensors_parameters and declared:
        off = abs(snapshot.safetensors_parameters - declared) / declared
        add(
            "parameters",
            "parameters",
            "safetensors.total",
            declared,
            snapshot.safetensors_parameters,
            off <= PARAMETER_TOLERANCE,
        )
    if snapshot.license and snapshot.license.lower() != "other" and record.license.value:
        # a card that says only "other" names no licence to compare with
        add(
            "license",
            "license",
            "cardData.license",
            record.license.value,
            snapshot.license,
            _licence_key(snapshot.license) == _licence_key(record.license.value),
        )
    for field, found in read_config(snapshot.config or {}).items():
        mine = _record_value(record, field)
        if mine is not None:
            add("config", field, found.key, mine, found.value, mine == found.value)
    return out


def _licence_key(licence: str) -> str:
    """Card tags are lower-case SPDX ids (apache-2.0) or the Hub's own slugs (llama3.2); records use
    SPDX case or other:<slug>. Compared lower-case, without the `other:` prefix."""
    return licence.lower().removeprefix("other:")


SOURCES = {"config": "config.json", "parameters": "safetensors", "license": "card"}


def disagreements(catalog, catalog_dir) -> tuple[list[HubCheck], int]:
    """Every check that fails across the catalog's snapshots, and how many snapshots were read
    (unreadable snapshot files are the build's to report)."""
    records = {entry.record.id: entry.record for entry in catalog.entries}
    items, _ = load_machine_files(catalog_dir, set(records))
    snapshots = items["hub_snapshots"]
    failing = [c for s in snapshots for c in hub_checks(records[s.model_id], s) if not c.agrees]
    return failing, len(snapshots)


def report_lines(failing: list[HubCheck], snapshots: int) -> list[str]:
    """The audit's Hub section: disagreements grouped by model, then a count."""
    lines: list[str] = []
    current = None
    for check in failing:
        if check.model_id != current:
            current = check.model_id
            lines.append(f"{current} (Hub)")
        where = f" {check.hub_key}" if check.check == "config" else ""
        revision = f" at {check.revision[:8]}" if check.revision else ""
        lines.append(
            f"  {check.field}: Hub {SOURCES[check.check]}{where} {check.hub_value}{revision}; atlas "
            f"{check.record_value}"
        )
    models = len({c.model_id for c in failing})
    lines.append(
        f"{len(failing)} values in {models} models disagree with their Hub snapshot ({snapshots} snapshots read)"
    )
    return lines
