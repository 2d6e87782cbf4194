"""`slm-atlas measure run`: a sweep over models x formats x prompt lengths, one fresh process per
variant, results written atomically to measure/results/<hardware>/<model>__<backend>__<format>__<scenario>__p<prompt>.json.

The machine's profile and its roofline are taken once at the start. A variant whose result file
exists is skipped (a stopped sweep resumes) unless `force`; a variant that fails (an exception,
out of memory, a timeout) or that no module can stand in for gets a record saying so, and the
sweep goes on. Variants are interleaved (formats inside models) so that a slow spell of this
shared machine does not fall on one format only.
"""

import json
import os
import platform
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from ..schema.machine import Measurement
from .coverage import BACKEND
from .hardware import profile, slug, write_profile
from .roofline import floors, measure_roofline


@dataclass(frozen=True)
class Scenario:
    name: str
    prompts: tuple[int, ...]
    gen: int
    reps: int
    warmup: int


def load_scenario(root: Path, name: str) -> Scenario:
    path = root / "scenarios" / f"{name}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in (root / "scenarios").glob("*.yaml")))
        raise ValueError(f"no scenario {name!r} in {root / 'scenarios'} (known: {known})")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Scenario(name, tuple(data["prompt_tokens"]), data["generated_tokens"], data["repetitions"], data["warmup"])


@dataclass
class Sweep:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)


def result_path(results: Path, hardware: str, model_id: str, fmt: str, scenario: str, prompt: int) -> Path:
    return results / hardware / f"{model_id}__{BACKEND}__{fmt}__{scenario}__p{prompt}.json"


def environment() -> dict[str, str]:
    import torch
    import transformers

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).parent).stdout.strip()  # the atlas's own commit
    return {"python": platform.python_version(), "torch": torch.__version__, "transformers": transformers.__version__,
            "os": f"{platform.system()} {platform.release()}", "git": commit or "unknown",
            "runner": "slm-atlas measure (random weights, fresh process per variant)"}


def _write(path: Path, measurement: Measurement) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(measurement.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def run_variant(spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "slm_atlas.measure.worker", json.dumps(spec)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "error", "error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        killed = " (killed: out of memory?)" if done.returncode in (-9, 137) else ""
        return {"status": "error", "error": f"worker exited {done.returncode}{killed}: {tail}"}
    return json.loads(lines[-1])


def sweep(records: list[Any], catalog_dir: Path, root: Path, scenario: Scenario, formats: list[str], device: str = "cpu",
          threads: int | None = None, force: bool = False, timeout: float = 1800, progress: bool = True,
          fail: dict[str, str] | None = None) -> Sweep:
    """Measure every record x format x prompt length; returns what was written, skipped and failed."""
    from tqdm import tqdm

    info = profile()
    hardware = slug(info)
    write_profile(root, info)
    roofs = {fmt: measure_roofline("bfloat16" if fmt == "bf16" else "float32") for fmt in set(formats)}
    env, run_id, started = environment(), uuid.uuid4().hex[:12], datetime.now(timezone.utc).replace(microsecond=0)
    out = Sweep()
    variants = [(r, p, f) for r in records for p in scenario.prompts for f in formats]
    bar = tqdm(variants, unit="run", desc="measure", disable=not progress)
    for record, prompt, fmt in bar:
        path = result_path(root / "results", hardware, record.id, fmt, scenario.name, prompt)
        if path.exists() and not force:
            out.skipped.append(path)
            continue
        spec = {"record": str(catalog_dir / "models" / f"{record.id}.yaml"), "format": fmt, "device": device,
                "prompt": prompt, "gen": scenario.gen, "reps": scenario.reps, "warmup": scenario.warmup, "threads": threads,
                "fail": (fail or {}).get(record.id)}
        result = run_variant(spec, timeout)
        roof = roofs[fmt]
        prefill_floor = decode_floor = None
        if result.get("status") == "ok":
            prefill_floor, decode_floor = floors(roof, result["decode_read_bytes"], result["kv_cache_bytes"],
                                                 result["parameters_built"], prompt)
        measurement = Measurement(
            model_id=record.id, run_id=run_id, measured_at=started, model_revision="random-weights",
            machine=info["gpu"] or info["cpu"], device=device, backend=BACKEND, backend_version=env["torch"],
            dtype=fmt, threads=result.get("threads") or threads, batch_size=1, prompt_tokens=prompt,
            generated_tokens=scenario.gen, prefill_ms=result.get("prefill_ms", []),
            decode_ms_per_token=result.get("decode_ms_per_token", []), peak_memory_bytes=result.get("peak_memory_bytes"),
            environment=env, status=result["status"], error=result.get("error"), hardware=hardware, scenario=scenario.name,
            weights="random", module=result.get("module"), module_exact=result.get("module_exact"),
            parameters_built=result.get("parameters_built"), weight_bytes=result.get("weight_bytes"),
            kv_cache_bytes=result.get("kv_cache_bytes"), peak_vram_bytes=result.get("peak_vram_bytes"),
            bandwidth_bytes_per_s=roof.bandwidth_bytes_per_s, matmul_flops_per_s=roof.matmul_flops_per_s,
            prefill_floor_ms=prefill_floor, decode_floor_ms=decode_floor,
        )
        _write(path, measurement)
        (out.written if result["status"] == "ok" else out.failed).append(path)
    bar.close()
    return out
