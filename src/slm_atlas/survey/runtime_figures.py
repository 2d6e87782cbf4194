"""`slm-atlas survey import-runtime`: the survey's own runtime numbers as reference measurements.

survey/runtime/values.csv holds one row per value the survey plotted in its runtime figures, read
from the PDFs' drawing data by survey/runtime/extract_figures.py, with the setup items each figure
states and those that are inferred. This module checks every row (all problems at once, as
`file:line:col`), groups the rows of one run of one model (same run, model, device, engine,
format and lengths) into one `Measurement` with `source: slm-survey`, and writes it atomically to
measure/results/<device>/<model>__<engine>__<format>__slm-survey-<run>.json, beside a profile
measure/hardware/<device>.yaml per device with what the survey says about it.

The survey gives one value per point, so each sample list holds that single value. Rows whose
figure names no model (figures 8 and 9) stay in the data file only: a measurement needs a model.
Result files this command wrote before and no longer produces are removed, so the results always
equal the data file; `check` compares without writing.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..catalog.diagnostics import Diagnostic, display_path
from ..files import json_text, write_text
from ..schema.machine import Measurement
from .runtime_rows import COLUMNS, METRICS, Row, column, read_values

SOURCE = "slm-survey"
REPOSITORY = "UbiquitousLearning/SLM_Survey@6fb9db9"
# Figures 7 and 11 do not say when the runs were made: the figures' commit to the authors'
# repository (784743c, "figs upload") is the latest they can have been.
MEASURED_BY = datetime(2024, 9, 23, 2, 24, 32, tzinfo=UTC)
UNKNOWN = "unknown (survey)"
# Always inferred: the survey states none of these for any figure.
ALWAYS_INFERRED = ("measured_at", "batch_size", "weights")


@dataclass(frozen=True)
class Device:
    name: str  # as the survey's legends print it
    kind: str  # Measurement.device
    stated: str
    inferred: str


DEVICES = {
    "jetson-orin-nx-16gb": Device(
        "Jetson Orin NX 16GB",
        "cuda",
        stated="Its name, in the legends of figures 9a and 9b (beside the Meizu 18 Pro).",
        inferred="That the runs used its GPU (figure 10b breaks the latency into CUDA kernels of llama.cpp's ggml:"
        " mul_mat_vec_q, quantize_q8_1, cpy_f32_f16), and that figures 7, 8 and 11 ran on it (figure 9's Jetson"
        " series is figure 8's Q4_K_M series; figure 7's decode times lie in that range).",
    ),
    "meizu-18-pro": Device(
        "Meizu 18 Pro",
        "cpu",
        stated="Its name, in the legends of figures 9a and 9b.",
        inferred="That the runs used its CPU: prefill grows by about 40 ms per prompt token (figure 9a), which no GPU "
        "path"
        " of llama.cpp on this phone shows; the phone's SoC and thread count are not stated.",
    ),
}


@dataclass
class Imported:
    """What the data file makes: result files (path relative to the results folder -> record),
    device profiles (slug -> mapping), and the rows left in the data file only."""

    results: dict[str, Measurement] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    unnamed: int = 0


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    unnamed: int = 0


class ImportFailed(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def _inferred_fields(rows: list[Row]) -> list[str]:
    """The Measurement fields whose values come from inferred setup items of these rows."""
    out: set[str] = set(ALWAYS_INFERRED)
    for row in rows:
        target = METRICS[row["metric"]][1]
        for item in row.inferred:
            if item == "device":
                out |= {"machine", "device", "hardware"}
            elif item == "engine":
                out.add("backend")
            elif item == "format":
                out.add("dtype")
            elif item in ("metric", "unit") and target:
                out.add(target)
            elif item in ("prompt_tokens", "generated_tokens"):
                out.add(item)
            elif item == "context_tokens":
                out.add("environment.context_tokens")
        if row["metric"] == "memory_total_mib":
            out.add("peak_memory_bytes")  # the survey's "memory usage" read as the run's peak
    return sorted(out)


def _detail(rows: list[Row], again: dict[int, list[Row]], data: Path) -> str:
    figures = sorted(
        {r["figure"] for r in rows + [a for more in again.values() for a in more]},
        key=lambda f: (int(re.sub(r"\D.*", "", f) or 0), f),
    )
    metrics = "; ".join(
        f"{r['figure']} {r['metric']} {r['value']} {r['unit']} (line {r.line}"
        + "".join(f"; also {a['figure']}, line {a.line}" for a in again.get(r.line, []))
        + ")"
        for r in rows
    )
    return (
        f"Figure{'s' if len(figures) > 1 else ''} {', '.join(figures)} of the survey (vector PDFs in {REPOSITORY}, "
        f"figs/),"
        f" read from the drawing data by survey/runtime/extract_figures.py into survey/runtime/{data.name}: {metrics}."
        " The survey gives one value per point, so each sample list holds that single value; llama.cpp's compute"
        " buffer and other memory (figure 11b) have no field here."
    )


def build_records(rows: list[Row], data: Path) -> tuple[Imported, list[Diagnostic]]:
    """Group the rows into measurements and profiles; a metric given twice in one run with
    different values is a problem (given twice with the same value, e.g. plotted in two figures,
    it is one value)."""
    shown = display_path(data)
    out, problems = Imported(), []
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        if not row["model"]:
            out.unnamed += 1
            continue
        groups.setdefault(row.group, []).append(row)
    for slug in sorted({r["device"] for r in rows}):
        device = DEVICES[slug]
        out.profiles[slug] = {
            "cpu": None,
            "cores": None,
            "memory_bytes": None,
            "gpu": None,
            "gpu_driver": None,
            "os": None,
            "name": device.name,
            "source": SOURCE,
            "stated": device.stated,
            "inferred": device.inferred,
            "note": "Written by slm-atlas survey import-runtime from survey/runtime/values.csv; the survey"
            " states nothing else about this device (null: not stated).",
        }
    for key, members in groups.items():
        run, model, slug, engine, fmt, prompt, generated, context = key
        seen: dict[str, Row] = {}
        kept: list[Row] = []
        again: dict[int, list[Row]] = {}
        for row in members:
            first = seen.get(row["metric"])
            if first is None:
                seen[row["metric"]] = row
                kept.append(row)
            elif float(first["value"]) == float(row["value"]):
                again.setdefault(first.line, []).append(row)
            else:
                problems.append(
                    Diagnostic(
                        shown,
                        row.line,
                        column(row.raw, COLUMNS.index("value")),
                        "value",
                        f"{model} {row['metric']} in run {run} is {row['value']} here but {first['value']}"
                        f" at line {first.line}",
                        "survey-runtime",
                    )
                )
        values = {METRICS[r["metric"]][1]: float(r["value"]) for r in kept if METRICS[r["metric"]][1]}
        if not values:
            continue
        mib = {
            name: round(values[name] * 2**20)
            for name in ("peak_memory_bytes", "weight_bytes", "kv_cache_bytes")
            if name in values
        }
        try:
            record = Measurement(
                model_id=model,
                run_id=f"{SOURCE}-{run}",
                measured_at=MEASURED_BY,
                model_revision=UNKNOWN,
                machine=DEVICES[slug].name,
                device=DEVICES[slug].kind,
                backend=engine,
                backend_version=UNKNOWN,
                dtype=fmt,
                threads=None,
                batch_size=1,
                prompt_tokens=int(prompt) if prompt else None,
                generated_tokens=int(generated) if generated else None,
                prefill_ms=[values["prefill_ms"]] if "prefill_ms" in values else [],
                decode_ms_per_token=[values["decode_ms_per_token"]] if "decode_ms_per_token" in values else [],
                environment={"context_tokens": context} if context else {},
                status="ok",
                hardware=slug,
                weights="hub",
                source=SOURCE,
                source_detail=_detail(kept, again, data),
                inferred=_inferred_fields(kept),
                **mib,
            )
        except ValidationError as exc:  # pragma: no cover - the row checks above keep every field valid
            problems.append(Diagnostic(shown, members[0].line, 1, "", str(exc), "schema"))
            continue
        lengths = "".join(f"__{tag}{n}" for tag, n in (("p", prompt), ("g", generated)) if n)
        out.results[f"{slug}/{model}__{engine}__{fmt}__{SOURCE}-{run}{lengths}.json"] = record
    return out, problems


def _reference_ids(survey_dir: Path) -> set[str]:
    try:
        data = yaml.safe_load((survey_dir / "references.yaml").read_text(encoding="utf-8")) or {}
    except OSError:
        return set()
    return {str(r["id"]) for r in data.get("references", []) if isinstance(r, dict) and "id" in r}


def load(data: Path, catalog_dir: Path) -> Imported:
    """Read and check the data file against the catalog; raises ImportFailed with every problem."""
    model_ids = {p.stem for p in (catalog_dir / "models").glob("*.yaml")}
    rows, problems = read_values(data, model_ids)
    imported, more = build_records(rows, data)
    problems += more
    if SOURCE not in _reference_ids(catalog_dir.parent / "survey"):
        problems.append(
            Diagnostic(
                display_path(catalog_dir.parent / "survey" / "references.yaml"),
                1,
                1,
                "references",
                f"no reference '{SOURCE}' for the measurements to cite",
                "survey-runtime",
            )
        )
    if problems:
        raise ImportFailed(sorted(problems))
    return imported


def record_text(record: Measurement) -> str:
    return json_text(record.model_dump(mode="json"))


def profile_text(profile: dict[str, Any]) -> str:
    return yaml.safe_dump(profile, sort_keys=False, allow_unicode=True, width=100)


def _ours(root: Path) -> set[Path]:
    """Result files an earlier import wrote (their names carry the survey's key)."""
    return set((root / "results").glob(f"*/*__{SOURCE}-*.json"))


def import_runtime(data: Path, catalog_dir: Path, root: Path, check: bool = False) -> Report:
    """Write (or, with `check`, only compare) the survey's measurements and device profiles under
    `root` (measure/); raises ImportFailed when the data file has problems."""
    imported = load(data, catalog_dir)
    report = Report(unnamed=imported.unnamed)
    wanted = {root / "results" / rel: record_text(rec) for rel, rec in imported.results.items()}
    wanted |= {root / "hardware" / f"{slug}.yaml": profile_text(p) for slug, p in imported.profiles.items()}
    for path, text in sorted(wanted.items()):
        if path.exists() and path.read_text(encoding="utf-8") == text:
            report.unchanged.append(path)
            continue
        if not check:
            write_text(path, text)
        report.written.append(path)
    for path in sorted(_ours(root) - set(wanted)):
        if not check:
            path.unlink()
        report.removed.append(path)
    return report
