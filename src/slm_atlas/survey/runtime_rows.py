"""The survey's runtime data file (survey/runtime/values.csv), one validated row per plotted value.

Each CSV row is checked by `FigureRow` (a Pydantic model: every problem of a row at once, each at
its `file:line:col`), then against the catalog (the model must exist). Comment lines (#) and blank
lines are skipped; the header must be exactly `COLUMNS`.
"""

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from ..catalog.diagnostics import Diagnostic, display_path
from ..files import read_limited
from ..schema.fact import Strict

COLUMNS = (
    "figure",
    "label",
    "model",
    "device",
    "engine",
    "format",
    "metric",
    "value",
    "unit",
    "prompt_tokens",
    "generated_tokens",
    "context_tokens",
    "run",
    "stated",
    "inferred",
)
METRICS = {  # metric -> (unit, the Measurement field it fills)
    "prefill_ms": ("ms", "prefill_ms"),
    "decode_ms_per_token": ("ms/token", "decode_ms_per_token"),
    "memory_total_mib": ("MiB", "peak_memory_bytes"),
    "memory_weights_mib": ("MiB", "weight_bytes"),
    "memory_kv_cache_mib": ("MiB", "kv_cache_bytes"),
    "memory_compute_buffer_mib": ("MiB", None),  # llama.cpp's compute buffer: no Measurement field
    "memory_other_mib": ("MiB", None),
}
ITEMS = ("model", "device", "engine", "format", "metric", "unit", "prompt_tokens", "generated_tokens", "context_tokens")
DEVICE_IDS = ("jetson-orin-nx-16gb", "meizu-18-pro")
MAX_BYTES = 5_000_000


class FigureRow(Strict):
    """One value of one runtime figure, with the setup items the figure states or that are inferred."""

    figure: str = Field(min_length=1)
    label: str = Field(min_length=1)
    model: str | None
    device: str
    engine: str = Field(min_length=1)
    format: str
    metric: str
    value: float
    unit: str
    prompt_tokens: int | None
    generated_tokens: int | None
    context_tokens: int | None
    run: str = Field(min_length=1)
    stated: tuple[str, ...]
    inferred: tuple[str, ...]

    @field_validator("figure", "label", "engine", "run", mode="before")
    @classmethod
    def _present(cls, value: str, info: Any) -> str:
        if not value:
            raise ValueError(f"{info.field_name} is empty")
        return value

    @field_validator("device", mode="before")
    @classmethod
    def _device(cls, value: str) -> str:
        if not value:
            raise ValueError("device is empty")
        if value not in DEVICE_IDS:
            raise ValueError(f"unknown device '{value}' (known: {', '.join(DEVICE_IDS)})")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format(cls, value: str) -> str:
        if not value:
            raise ValueError("format is empty")
        if not re.fullmatch(r"[a-z0-9_.]+", value):
            raise ValueError(f"format '{value}' must be lower-case, e.g. q4_k_m or fp16")
        return value

    @field_validator("metric", mode="before")
    @classmethod
    def _metric(cls, value: str) -> str:
        if not value:
            raise ValueError("metric is empty")
        if value not in METRICS:
            raise ValueError(f"unknown metric '{value}' (known: {', '.join(METRICS)})")
        return value

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and number > 0):
            raise ValueError(f"value must be a positive number, found '{value}'")
        return number

    @field_validator("model", "prompt_tokens", "generated_tokens", "context_tokens", mode="before")
    @classmethod
    def _optional(cls, value: str, info: Any) -> Any:
        if value == "":
            return None
        if info.field_name != "model" and not re.fullmatch(r"[1-9][0-9]*", value):
            raise ValueError(
                f"{info.field_name} must be a whole number of tokens above 0, or blank when not known; found '{value}'"
            )
        return value

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str, info: Any) -> str:
        metric = info.data.get("metric")  # validated before unit: the columns' order
        if metric and value != METRICS[metric][0]:
            raise ValueError(f"{metric} is in {METRICS[metric][0]}, found '{value}'")
        return value

    @field_validator("stated", "inferred", mode="before")
    @classmethod
    def _items(cls, value: str, info: Any) -> tuple[str, ...]:
        items = tuple(i for i in value.split(";") if i)
        unknown = [i for i in items if i not in ITEMS]
        if unknown:
            raise ValueError(f"unknown setup item(s) {', '.join(unknown)} (known: {', '.join(ITEMS)})")
        both = sorted(set(items) & set(info.data.get("stated", ()))) if info.field_name == "inferred" else []
        if both:
            raise ValueError(f"{', '.join(both)} cannot be both stated and inferred")
        return items


@dataclass
class Row:
    """A valid row: its text values as written (what result files quote) and where it stands in the file."""

    line: int
    raw: str
    values: dict[str, str]
    row: FigureRow

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @property
    def stated(self) -> tuple[str, ...]:
        return self.row.stated

    @property
    def inferred(self) -> tuple[str, ...]:
        return self.row.inferred

    @property
    def group(self) -> tuple:
        v = self.values
        return (
            v["run"],
            v["model"],
            v["device"],
            v["engine"],
            v["format"],
            v["prompt_tokens"],
            v["generated_tokens"],
            v["context_tokens"],
        )


def column(raw: str, index: int) -> int:
    """1-based column where the `index`-th comma-separated value of a raw line starts."""
    if '"' in raw:
        return 1
    return 1 + sum(len(part) + 1 for part in raw.split(",")[:index])


def _row_problems(exc: ValidationError, shown: str, number: int, raw: str) -> list[Diagnostic]:
    out = []
    for error in exc.errors(include_url=False):
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        name = str(error["loc"][0])
        out.append(Diagnostic(shown, number, column(raw, COLUMNS.index(name)), name, message, "survey-runtime"))
    return out


def read_values(path: Path, model_ids: set[str]) -> tuple[list[Row], list[Diagnostic]]:
    """The rows of the data file (comments and blank lines skipped) and every problem in them."""
    shown = display_path(path)
    try:
        lines = read_limited(path, MAX_BYTES).decode("utf-8").splitlines()
    except OSError as exc:
        return [], [Diagnostic(shown, 1, 1, "", f"cannot read the data file: {exc.strerror}", "file")]
    except UnicodeDecodeError:
        return [], [Diagnostic(shown, 1, 1, "", "the data file is not UTF-8 text", "file")]
    rows: list[Row] = []
    problems: list[Diagnostic] = []
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        [cells] = list(csv.reader([raw]))
        if not header_seen:
            header_seen = True
            if tuple(cells) != COLUMNS:
                return [], [
                    Diagnostic(shown, number, 1, "", f"the header must be {','.join(COLUMNS)}", "survey-runtime")
                ]
            continue
        if len(cells) != len(COLUMNS):
            problems.append(
                Diagnostic(
                    shown,
                    number,
                    1,
                    "",
                    f"expected {len(COLUMNS)} comma-separated values, found {len(cells)}",
                    "survey-runtime",
                )
            )
            continue
        values = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
        found = []
        if values["model"] and values["model"] not in model_ids:
            found.append(
                Diagnostic(
                    shown,
                    number,
                    column(raw, COLUMNS.index("model")),
                    "model",
                    f"'{values['model']}' is not a model in the catalog (catalog/models/<id>.yaml)",
                    "survey-runtime",
                )
            )
        try:
            row = FigureRow.model_validate(values)
        except ValidationError as exc:
            found += _row_problems(exc, shown, number, raw)
        problems += sorted(found)
        if not found:
            rows.append(Row(number, raw, values, row))
    if not header_seen:
        problems.append(
            Diagnostic(
                shown,
                1,
                1,
                "",
                f"no header: the file must start (after # comments) with {','.join(COLUMNS)}",
                "survey-runtime",
            )
        )
    return rows, problems
