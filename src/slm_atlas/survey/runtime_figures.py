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

import csv
import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..catalog.diagnostics import Diagnostic, display_path
from ..schema.machine import Measurement

SOURCE = "slm-survey"
REPOSITORY = "UbiquitousLearning/SLM_Survey@6fb9db9"
COLUMNS = ("figure", "label", "model", "device", "engine", "format", "metric", "value", "unit",
           "prompt_tokens", "generated_tokens", "context_tokens", "run", "stated", "inferred")
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
# Figures 7 and 11 do not say when the runs were made: the figures' commit to the authors'
# repository (784743c, "figs upload") is the latest they can have been.
MEASURED_BY = datetime(2024, 9, 23, 2, 24, 32, tzinfo=timezone.utc)
UNKNOWN = "unknown (survey)"
# Always inferred: the survey states none of these for any figure.
ALWAYS_INFERRED = ("measured_at", "batch_size", "weights")


@dataclass(frozen=True)
class Device:
    name: str           # as the survey's legends print it
    kind: str           # Measurement.device
    stated: str
    inferred: str


DEVICES = {
    "jetson-orin-nx-16gb": Device(
        "Jetson Orin NX 16GB", "cuda",
        stated="Its name, in the legends of figures 9a and 9b (beside the Meizu 18 Pro).",
        inferred="That the runs used its GPU (figure 10b breaks the latency into CUDA kernels of llama.cpp's ggml:"
                 " mul_mat_vec_q, quantize_q8_1, cpy_f32_f16), and that figures 7, 8 and 11 ran on it (figure 9's Jetson"
                 " series is figure 8's Q4_K_M series; figure 7's decode times lie in that range)."),
    "meizu-18-pro": Device(
        "Meizu 18 Pro", "cpu",
        stated="Its name, in the legends of figures 9a and 9b.",
        inferred="That the runs used its CPU: prefill grows by about 40 ms per prompt token (figure 9a), which no GPU path"
                 " of llama.cpp on this phone shows; the phone's SoC and thread count are not stated."),
}


@dataclass
class Row:
    line: int
    raw: str
    values: dict[str, str]
    stated: tuple[str, ...]
    inferred: tuple[str, ...]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def tokens(self, key: str) -> int | None:
        return int(self.values[key]) if self.values[key] else None

    @property
    def group(self) -> tuple:
        v = self.values
        return (v["run"], v["model"], v["device"], v["engine"], v["format"], v["prompt_tokens"], v["generated_tokens"],
                v["context_tokens"])


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


def _column(raw: str, index: int) -> int:
    """1-based column where the `index`-th comma-separated value of a raw line starts."""
    if '"' in raw:
        return 1
    return 1 + sum(len(part) + 1 for part in raw.split(",")[:index])


def read_values(path: Path, model_ids: set[str]) -> tuple[list[Row], list[Diagnostic]]:
    """The rows of the data file (comments and blank lines skipped) and every problem in them."""
    shown = display_path(path)
    problems: list[Diagnostic] = []

    def problem(line: int, col: int, name: str, message: str) -> None:
        problems.append(Diagnostic(shown, line, col, name, message, "survey-runtime"))

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        return [], [Diagnostic(shown, 1, 1, "", f"cannot read the data file: {exc.strerror}", "file")]
    rows: list[Row] = []
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        [cells] = list(csv.reader([raw]))
        if not header_seen:
            header_seen = True
            if tuple(cells) != COLUMNS:
                problem(number, 1, "", f"the header must be {','.join(COLUMNS)}")
                return [], problems
            continue
        if len(cells) != len(COLUMNS):
            problem(number, 1, "", f"expected {len(COLUMNS)} comma-separated values, found {len(cells)}")
            continue
        values = dict(zip(COLUMNS, (c.strip() for c in cells)))
        before = len(problems)

        def bad(name: str, message: str) -> None:
            problem(number, _column(raw, COLUMNS.index(name)), name, message)

        for name in ("figure", "label", "device", "engine", "format", "metric", "run"):
            if not values[name]:
                bad(name, f"{name} is empty")
        if values["model"] and values["model"] not in model_ids:
            bad("model", f"'{values['model']}' is not a model in the catalog (catalog/models/<id>.yaml)")
        if values["device"] and values["device"] not in DEVICES:
            bad("device", f"unknown device '{values['device']}' (known: {', '.join(DEVICES)})")
        if values["format"] and not re.fullmatch(r"[a-z0-9_.]+", values["format"]):
            bad("format", f"format '{values['format']}' must be lower-case, e.g. q4_k_m or fp16")
        unit = METRICS.get(values["metric"], (None, None))[0]
        if values["metric"] and unit is None:
            bad("metric", f"unknown metric '{values['metric']}' (known: {', '.join(METRICS)})")
        elif values["metric"] and values["unit"] != unit:
            bad("unit", f"{values['metric']} is in {unit}, found '{values['unit']}'")
        try:
            value = float(values["value"])
            if not (math.isfinite(value) and value > 0):
                raise ValueError
        except ValueError:
            bad("value", f"value must be a positive number, found '{values['value']}'")
        for name in ("prompt_tokens", "generated_tokens", "context_tokens"):
            if values[name] and not re.fullmatch(r"[1-9][0-9]*", values[name]):
                bad(name, f"{name} must be a whole number of tokens above 0, or blank when not known; found '{values[name]}'")
        stated = tuple(i for i in values["stated"].split(";") if i)
        inferred = tuple(i for i in values["inferred"].split(";") if i)
        for name, items in (("stated", stated), ("inferred", inferred)):
            unknown = [i for i in items if i not in ITEMS]
            if unknown:
                bad(name, f"unknown setup item(s) {', '.join(unknown)} (known: {', '.join(ITEMS)})")
        both = sorted(set(stated) & set(inferred))
        if both:
            bad("inferred", f"{', '.join(both)} cannot be both stated and inferred")
        if len(problems) == before:
            rows.append(Row(number, raw, values, stated, inferred))
    if not header_seen:
        problem(1, 1, "", f"no header: the file must start (after # comments) with {','.join(COLUMNS)}")
    return rows, problems


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
    figures = sorted({r["figure"] for r in rows + [a for more in again.values() for a in more]},
                     key=lambda f: (int(re.match(r"\d+", f)[0]), f))
    metrics = "; ".join(f"{r['figure']} {r['metric']} {r['value']} {r['unit']} (line {r.line}"
                        + "".join(f"; also {a['figure']}, line {a.line}" for a in again.get(r.line, [])) + ")" for r in rows)
    return (f"Figure{'s' if len(figures) > 1 else ''} {', '.join(figures)} of the survey (vector PDFs in {REPOSITORY}, figs/),"
            f" read from the drawing data by survey/runtime/extract_figures.py into survey/runtime/{data.name}: {metrics}."
            " The survey gives one value per point, so each sample list holds that single value; llama.cpp's compute"
            " buffer and other memory (figure 11b) have no field here.")


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
        out.profiles[slug] = {"cpu": None, "cores": None, "memory_bytes": None, "gpu": None, "gpu_driver": None, "os": None,
                              "name": device.name, "source": SOURCE, "stated": device.stated, "inferred": device.inferred,
                              "note": "Written by slm-atlas survey import-runtime from survey/runtime/values.csv; the survey"
                                      " states nothing else about this device (null: not stated)."}
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
                problems.append(Diagnostic(shown, row.line, _column(row.raw, COLUMNS.index("value")), "value",
                                           f"{model} {row['metric']} in run {run} is {row['value']} here but {first['value']}"
                                           f" at line {first.line}", "survey-runtime"))
        values = {METRICS[r["metric"]][1]: float(r["value"]) for r in kept if METRICS[r["metric"]][1]}
        if not values:
            continue
        mib = {name: round(values[name] * 2**20) for name in ("peak_memory_bytes", "weight_bytes", "kv_cache_bytes") if name in values}
        try:
            record = Measurement(
                model_id=model, run_id=f"{SOURCE}-{run}", measured_at=MEASURED_BY, model_revision=UNKNOWN,
                machine=DEVICES[slug].name, device=DEVICES[slug].kind, backend=engine, backend_version=UNKNOWN, dtype=fmt,
                threads=None, batch_size=1, prompt_tokens=int(prompt) if prompt else None,
                generated_tokens=int(generated) if generated else None,
                prefill_ms=[values["prefill_ms"]] if "prefill_ms" in values else [],
                decode_ms_per_token=[values["decode_ms_per_token"]] if "decode_ms_per_token" in values else [],
                environment={"context_tokens": context} if context else {}, status="ok", hardware=slug, weights="hub",
                source=SOURCE, source_detail=_detail(kept, again, data), inferred=_inferred_fields(kept), **mib,
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
    return {r.get("id") for r in data.get("references", []) if isinstance(r, dict)}


def load(data: Path, catalog_dir: Path) -> Imported:
    """Read and check the data file against the catalog; raises ImportFailed with every problem."""
    model_ids = {p.stem for p in (catalog_dir / "models").glob("*.yaml")}
    rows, problems = read_values(data, model_ids)
    imported, more = build_records(rows, data)
    problems += more
    if SOURCE not in _reference_ids(catalog_dir.parent / "survey"):
        problems.append(Diagnostic(display_path(catalog_dir.parent / "survey" / "references.yaml"), 1, 1, "references",
                                   f"no reference '{SOURCE}' for the measurements to cite", "survey-runtime"))
    if problems:
        raise ImportFailed(sorted(problems))
    return imported


def record_text(record: Measurement) -> str:
    return json.dumps(record.model_dump(mode="json"), indent=1) + "\n"


def profile_text(profile: dict[str, Any]) -> str:
    return yaml.safe_dump(profile, sort_keys=False, allow_unicode=True, width=100)


def _atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


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
            _atomic(path, text)
        report.written.append(path)
    for path in sorted(_ours(root) - set(wanted)):
        if not check:
            path.unlink()
        report.removed.append(path)
    return report
