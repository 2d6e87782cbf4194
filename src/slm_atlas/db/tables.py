"""The DuckDB tables: which Pydantic models each is made of, its key, and where its rows come from.

Columns come from `columns.columns_of`, so a field added to a Pydantic model appears in the DDL,
the rows and `schema/tables.sql` with no other edit. Shapes that exist only in the database
(link tables, the provenance table, derived counts) are Pydantic models here, for the same reason.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from ..catalog import compare
from ..catalog.facts import iter_facts
from ..catalog.parameters import compute_parameters
from ..schema.enums import DatasetRole, ReleaseEvent, Status
from ..schema.fact import Fact, Strict
from ..schema.lists import Benchmark, Dataset, License, Organization, Reference, Technique
from ..schema.machine import HubSnapshot, Measurement
from ..schema.model import Architecture, ModelRecord, Score, Training
from ..schema.types import Id
from .columns import Column, columns_of
from .fields import FieldRow, field_rows
from .hub_checks import HubCheck, hub_checks


class ModelKey(Strict):
    model_id: Id = Field(description="The model (models.id).")


class DerivedCounts(Strict):
    parameters_computed: int | None = Field(description="Total parameters computed from the architecture (derived).")
    parameters_embedding: int | None = Field(
        description="Embedding parameters: input table, untied head, learned positions."
    )
    parameters_non_embedding: int | None = Field(description="Parameters outside the embeddings (derived).")
    parameters_active_computed: int | None = Field(
        description="Parameters a token uses, computed from the architecture (equal to the total but for "
        "mixture-of-experts models)."
    )


class RecordDetails(Strict):
    released_event: ReleaseEvent | None = Field(
        description="Which event the release date marks: weights-on-hub, weights-release-post or announcement."
    )
    license_changed: str | None = Field(
        description="When the licence changed to today's (license_at_release.changed); null when it never did."
    )


class ModelDataset(Strict):
    model_id: Id = Field(description="The model (models.id).")
    dataset_id: Id = Field(description="The dataset (datasets.id).")
    role: DatasetRole = Field(description="pre-training or fine-tuning.")


class ModelTechnique(Strict):
    model_id: Id = Field(description="The model (models.id).")
    technique_id: Id = Field(description="The technique (techniques.id).")


class BenchmarkComponent(Strict):
    benchmark_id: Id = Field(description="The aggregate (benchmarks.id).")
    component_id: Id = Field(description="One task it averages (benchmarks.id).")


class BuildInput(Strict):
    path: str = Field(
        description="An input file, relative to the repository root (or `(builder)`: the code that builds)."
    )
    sha256: str = Field(description="SHA-256 of its bytes when the database was built.")


class ProvenanceRow(Strict):
    model_id: Id = Field(description="The model (models.id).")
    field: str = Field(description="Dotted path of the value in the record, e.g. architecture.kv_heads.")
    value: str | None = Field(description="The atlas's value, as JSON text.")
    survey_reported: str | None = Field(description="The survey's value when recorded, as JSON text.")
    survey_differs: bool | None = Field(
        description="Whether survey_reported differs from value beyond rounding (null when the survey value is not "
        "recorded)."
    )
    source: str | None = Field(description="Effective source: a references key, a URL, derived or measured.")
    status: Status | None = Field(
        description="Effective status (reported, derived, measured, estimated, undisclosed, not_applicable)."
    )
    note: str | None = Field(description="The record's note on this value.")


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    parts: tuple[tuple[type[BaseModel], frozenset[str]], ...]
    key: tuple[str, ...]
    rows: Callable[[Any], Iterable[tuple[Any, ...]]] | None = None

    @property
    def columns(self) -> list[Column]:
        return [c for model, exclude in self.parts for c in columns_of(model, exclude)]


def with_derived(record: ModelRecord) -> ModelRecord:
    """The record with derived values filled in (today: ffn_ratio), keeping any survey value and note."""
    arch = record.architecture
    ratio, old = compare.ffn_ratio(arch), arch.ffn_ratio
    if ratio is None and old is None:
        return record
    fact = Fact[float](
        value=ratio,
        source="derived",
        status="derived" if ratio is not None else "not_applicable",
        survey_reported=old.survey_reported if old else None,
        note=old.note if old else "intermediate_size / hidden_size",
    )
    return record.model_copy(update={"architecture": arch.model_copy(update={"ffn_ratio": fact})})


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if obj is None:
            return None
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    if isinstance(obj, Fact):
        return obj.value
    if isinstance(obj, BaseModel):
        return obj.model_dump()
    return obj


def row(table: Table, *objects: Any) -> tuple[Any, ...]:
    """One row: each part's columns read from the matching object (free-form JSON as its text)."""
    values: list[Any] = []
    for (model, exclude), obj in zip(table.parts, objects, strict=True):
        columns = columns_of(model, exclude)
        part = [_get(obj, c.path) for c in columns]
        for index in _json_columns(model, exclude):  # empty for all but hub_snapshots
            part[index] = _json(part[index])
        values += part
    return tuple(values)


@cache
def _json_columns(model: type[BaseModel], exclude: frozenset[str]) -> tuple[int, ...]:
    """Positions of the columns that hold free-form JSON (a dict stored as VARCHAR text)."""
    columns = columns_of(model, exclude)
    return tuple(i for i, c in enumerate(columns) if c.sql_type == "VARCHAR" and c.json_text)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))


def model_rows(record: ModelRecord, datasets: compare.DatasetNames) -> dict[str, list[tuple]]:
    """Rows of every model-derived table for one record (`datasets` maps survey names to ids)."""
    record = with_derived(record)
    key = {"model_id": record.id}
    counts = compute_parameters(record.architecture)
    derived = {
        "parameters_computed": counts.total if counts else None,
        "parameters_embedding": counts.embedding if counts else None,
        "parameters_non_embedding": counts.non_embedding if counts else None,
        "parameters_active_computed": counts.active if counts else None,
    }
    out: dict[str, list[tuple]] = {
        "models": [
            row(
                TABLES["models"],
                record,
                derived,
                {
                    "released_event": record.released.event,
                    "license_changed": record.license_at_release.changed if record.license_at_release else None,
                },
            )
        ],
        "architecture": [row(TABLES["architecture"], key, record.architecture)],
        "training": [row(TABLES["training"], key, record.training)],
        "model_datasets": [],
        "model_techniques": [],
        "scores": [],
        "provenance": [],
    }
    training = record.training
    for name, role in (("datasets", "pre-training"), ("fine_tuning_datasets", "fine-tuning")):
        fact = getattr(training, name)
        for dataset in (fact.value or []) if fact else []:
            out["model_datasets"].append(
                row(TABLES["model_datasets"], {"model_id": record.id, "dataset_id": dataset, "role": role})
            )
    for technique in training.techniques.value or []:
        out["model_techniques"].append(
            row(TABLES["model_techniques"], {"model_id": record.id, "technique_id": technique})
        )
    for located in iter_facts(record):
        item = located.fact
        effective = {"source": located.source, "status": located.status}
        if isinstance(item, Score):
            block = record.scores[int(located.loc[1])]
            score = {**item.model_dump(), **effective, "note": item.note or block.note}
            out["scores"].append(row(TABLES["scores"], key, score))
        elif isinstance(item, Fact):
            survey = item.survey_reported
            out["provenance"].append(
                row(
                    TABLES["provenance"],
                    {
                        **effective,
                        "model_id": record.id,
                        "field": located.field,
                        "value": _json(item.value),
                        "survey_reported": _json(survey),
                        "survey_differs": None
                        if survey is None
                        else compare.differs(located.loc, item.value, survey, datasets),
                        "note": item.note,
                    },
                )
            )
    return out


def list_rows(catalog: Any) -> dict[str, list[tuple]]:
    """Rows of the shared-list tables."""
    out = {name: [row(TABLES[name], item) for item in catalog.lists.get(key, [])] for name, key in LIST_TABLES.items()}
    out["benchmark_components"] = [
        row(TABLES["benchmark_components"], {"benchmark_id": b.id, "component_id": c})
        for b in catalog.lists.get("benchmarks", [])
        for c in b.components
    ]
    out["fields"] = [row(TABLES["fields"], f) for f in field_rows()]
    return out


def hub_check_rows(catalog: Any, snapshots: list[HubSnapshot]) -> list[tuple]:
    """Rows of hub_checks: each snapshot compared with its record."""
    records = {entry.record.id: entry.record for entry in catalog.entries}
    return [row(TABLES["hub_checks"], check) for s in snapshots for check in hub_checks(records[s.model_id], s)]


def _iter_tables() -> Iterator[Table]:
    none: frozenset[str] = frozenset()
    yield Table(
        "models",
        "One row per model: identity, release, licence, declared and computed parameters, survey membership.",
        (
            (ModelRecord, frozenset({"source", "architecture", "training", "scores"})),
            (DerivedCounts, none),
            (RecordDetails, none),
        ),
        ("id",),
    )
    yield Table(
        "architecture",
        "One row per model: the network's shape (per-layer lists and MLA sizes flattened).",
        ((ModelKey, none), (Architecture, frozenset({"source"}))),
        ("model_id",),
    )
    yield Table(
        "training",
        "One row per model: tokens, data openness, base model of fine-tunes.",
        ((ModelKey, none), (Training, frozenset({"source", "datasets", "fine_tuning_datasets", "techniques"}))),
        ("model_id",),
    )
    yield Table(
        "model_datasets",
        "Which datasets each model was trained on, and in which role.",
        ((ModelDataset, none),),
        ("model_id", "dataset_id", "role"),
    )
    yield Table(
        "model_techniques",
        "Which techniques each model's training used.",
        ((ModelTechnique, none),),
        ("model_id", "technique_id"),
    )
    # no primary key: shots may be null; the scores-unique rule keeps (benchmark, shots, source) unique
    yield Table(
        "scores", "Benchmark results with their shot count and provenance.", ((ModelKey, none), (Score, none)), ()
    )
    yield Table(
        "provenance",
        "Every value's source, status and note, and the survey's value where recorded.",
        ((ProvenanceRow, none),),
        ("model_id", "field"),
    )
    yield Table("organizations", "Makers of models.", ((Organization, none),), ("id",))
    yield Table("datasets", "Training corpora.", ((Dataset, none),), ("id",))
    yield Table("techniques", "Training and architecture techniques.", ((Technique, none),), ("id",))
    yield Table("licenses", "Licences of weights.", ((License, none),), ("id",))
    yield Table("benchmarks", "Benchmark tasks and aggregates.", ((Benchmark, frozenset({"components"})),), ("id",))
    yield Table(
        "benchmark_components",
        "The tasks each aggregate benchmark averages.",
        ((BenchmarkComponent, none),),
        ("benchmark_id", "component_id"),
    )
    yield Table("sources", "Documents that values cite by key (survey/references.yaml).", ((Reference, none),), ("id",))
    yield Table(
        "fields",
        "The field reference: every sourced field of a record, in schema order, with a label and its meaning.",
        ((FieldRow, none),),
        ("field",),
    )
    yield Table(
        "hub_snapshots",
        "Hugging Face Hub metadata and config.json, one row per model (written by `slm-atlas hub refresh`).",
        ((HubSnapshot, none),),
        ("model_id",),
    )
    yield Table(
        "hub_checks",
        "Each Hub snapshot checked against its record: safetensors parameters, card licence, config.json fields.",
        ((HubCheck, none),),
        (),
    )
    # no primary key: a published run's lengths may be null (not stated); result file paths keep runs apart
    yield Table(
        "build_inputs",
        "Every file this database was built from, with its hash: a build whose inputs differ (a record"
        " added, changed or removed) is stale.",
        ((BuildInput, none),),
        ("path",),
    )
    yield Table(
        "measurements",
        "Latency and memory runs with raw samples (written by `slm-atlas measure`), and the survey's"
        " own numbers read from its figures (`source` slm-survey).",
        ((Measurement, none),),
        (),
    )


TABLES: dict[str, Table] = {t.name: t for t in _iter_tables()}
LIST_TABLES = {
    "organizations": "organizations",
    "datasets": "datasets",
    "techniques": "techniques",
    "licenses": "licenses",
    "benchmarks": "benchmarks",
    "sources": "references",
}
