"""`slm-atlas measure run`: a sweep over models x formats x prompt lengths, one fresh process per
variant, results written atomically to
measure/results/<hardware>/<model>__<backend>__<format>__<scenario>__p<prompt>.json.

Backends: `torch` (transformers modules built from the record, formats fp32/bf16/fp16/int8) and
`llamacpp` (a GGUF file of the record written with random weights, quantized by llama.cpp's own
quantizer to f16/q8_0/q6_k/q5_k_m/q4_k_m/q4_0/q3_k_m; see gguf_file.py). The GGUF files live in a
cache folder only while their model is measured.

The machine's profile and its roofline are taken once at the start. A variant whose result file
exists is skipped (a stopped sweep resumes) unless `force`; a variant that fails (an exception,
out of memory, a timeout) or that no module can stand in for gets a record saying so, and the
sweep goes on. Variants are interleaved (formats inside models) so that a slow spell of this
shared machine does not fall on one format only.
"""

import json
import os
import platform
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..files import remove_stale, write_json
from ..schema.machine import Measurement
from .gguf_file import tensor_bytes
from .hardware import profile, slug, write_profile
from .roofline import Roofline, floors, measure_roofline
from .weights import RANDOM, Weights

BACKENDS = {
    "torch": ("fp32", "bf16", "fp16", "int8"),
    "llamacpp": ("f16", "q8_0", "q6_k", "q5_k_m", "q4_k_m", "q4_0", "q3_k_m"),
}
UNQUANTIZED = ("fp32", "bf16", "fp16", "f16")
DEFAULT_FORMATS = {"torch": ["bf16", "int8"], "llamacpp": ["f16", "q8_0", "q4_k_m"]}


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


def with_overrides(
    scenario: Scenario, prompt: str | None, gen: int | None, reps: int | None, warmup: int | None
) -> Scenario:
    """The scenario with command-line lengths instead of its own; a changed scenario is named after
    what it holds (custom-g32-r5-w1), so its results never overwrite the named scenario's."""
    if prompt is None and gen is None and reps is None and warmup is None:
        return scenario
    try:
        prompts = tuple(int(p) for p in prompt.split(",")) if prompt else scenario.prompts
    except ValueError:
        raise ValueError(f"--prompt takes comma-separated token counts such as 64,256, not {prompt!r}") from None
    values = (
        prompts,
        gen or scenario.gen,
        scenario.reps if reps is None else reps,
        scenario.warmup if warmup is None else warmup,
    )
    if min(values[0]) < 1 or values[1] < 1 or values[2] < 1 or values[3] < 0:
        raise ValueError("prompt lengths, --gen and --reps must be at least 1, --warmup at least 0")
    return Scenario(f"custom-g{values[1]}-r{values[2]}-w{values[3]}", *values)


@dataclass
class Sweep:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)


def result_path(
    results: Path,
    hardware: str,
    model_id: str,
    fmt: str,
    scenario: str,
    prompt: int,
    backend: str = "torch",
    weights: Weights = RANDOM,
) -> Path:
    return results / hardware / f"{model_id}__{backend}__{fmt}__{scenario}__p{prompt}{weights.suffix}.json"


def environment(backend: str = "torch") -> dict[str, str]:
    import torch

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent
    ).stdout.strip()  # the atlas's own commit
    env = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "os": f"{platform.system()} {platform.release()}",
        "git": commit or "unknown",
        "runner": "slm-atlas measure (fresh process per variant)",
        "peak_memory": "VmHWM: the worker's own high-water mark (ru_maxrss would carry the sweep's across exec)",
    }
    if backend == "torch":
        import transformers

        env["transformers"] = transformers.__version__
    else:  # the library is imported only in the workers; they report llama.cpp's system_info
        from importlib.metadata import version

        env.update(
            {
                "llama_cpp_python": version("llama-cpp-python"),
                "gguf": version("gguf"),
                "use_mmap": "false",
                "kv_cache_type": "f16",
            }
        )
    return env


def _write(path: Path, measurement: Measurement) -> None:
    write_json(path, measurement.model_dump(mode="json"))


class Interrupted(Exception):
    """A worker was stopped by a signal someone sent (SIGINT, SIGTERM, SIGHUP): nothing is recorded for
    its variant, so the next sweep measures it again."""


_STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def run_variant(spec: dict[str, Any], timeout: float, worker: str = "slm_atlas.measure.worker") -> dict[str, Any]:
    """Run one variant in a fresh process. The worker dies with the sweep: an exception here (Ctrl-C,
    SIGTERM turned into one by the CLI) kills it before it propagates."""
    command = [sys.executable, "-m", worker, json.dumps(spec)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"status": "error", "error": f"timed out after {timeout:.0f} s"}
    except BaseException:  # Ctrl-C, SIGTERM (the CLI raises it as an exception): the worker goes first, and is reaped
        process.kill()
        process.wait()
        raise
    lines = stdout.strip().splitlines()
    if process.returncode != 0 or not lines:
        tail = (stderr.strip().splitlines() or ["no output"])[-1]
        if -process.returncode in _STOPS or tail.startswith("KeyboardInterrupt"):
            how = signal.Signals(-process.returncode).name if process.returncode < 0 else "KeyboardInterrupt"
            raise Interrupted(f"the worker was stopped ({how}); nothing was recorded for it: run again to resume")
        killed = " (killed: out of memory?)" if process.returncode in (-9, 137) else ""
        return {"status": "error", "error": f"worker exited {process.returncode}{killed}: {tail}"}
    return json.loads(lines[-1])


def sweep(
    records: list[Any],
    catalog_dir: Path,
    root: Path,
    scenario: Scenario,
    formats: list[str],
    device: str = "cpu",
    threads: int | None = None,
    force: bool = False,
    timeout: float = 1800,
    progress: bool = True,
    fail: dict[str, str] | None = None,
    backend: str = "torch",
    cache: Path = Path("build/gguf"),
    weights: dict[str, Weights] | None = None,
) -> Sweep:
    """Measure every record x format x prompt length; returns what was written, skipped and failed.
    `weights` maps record ids to real weights (weights.py); a record not in it is built with random ones."""
    from tqdm import tqdm

    unknown = sorted(set(formats) - set(BACKENDS[backend]))
    if unknown:
        raise ValueError(
            f"backend {backend} has no format {', '.join(unknown)} (it has {', '.join(BACKENDS[backend])})"
        )
    info = profile()
    hardware = slug(info)
    remove_stale(root / "results" / hardware)  # temporary files of a killed sweep
    write_profile(root, info)
    roofs = {fmt: measure_roofline("bfloat16" if fmt == "bf16" else "float32") for fmt in set(formats)}
    context = {
        "env": environment(backend),
        "run_id": uuid.uuid4().hex[:12],
        "hardware": hardware,
        "info": info,
        "started": datetime.now(UTC).replace(microsecond=0),
        "scenario": scenario,
        "device": device,
        "threads": threads,
        "backend": backend,
    }
    out = Sweep()
    bar = tqdm(
        total=len(records) * len(formats) * len(scenario.prompts), unit="run", desc="measure", disable=not progress
    )
    for record in records:
        todo, chosen = [], (weights or {}).get(record.id, RANDOM)
        for fmt in formats:
            for prompt in scenario.prompts:
                path = result_path(root / "results", hardware, record.id, fmt, scenario.name, prompt, backend, chosen)
                if path.exists() and not force:
                    out.skipped.append(path)
                    bar.update()
                else:
                    todo.append((fmt, prompt, path))
        if not todo:
            continue
        spec = {
            "record": str(catalog_dir / "models" / f"{record.id}.yaml"),
            "device": device,
            "gen": scenario.gen,
            "reps": scenario.reps,
            "warmup": scenario.warmup,
            "threads": threads,
            "fail": (fail or {}).get(record.id),
            "weights": str(chosen.path) if chosen.path else None,
        }
        variants = (
            _torch(spec, todo, timeout) if backend == "torch" else _llamacpp(spec, todo, timeout, cache / record.id)
        )
        for (fmt, prompt, path), result in variants:
            _write(path, _measurement(record, fmt, prompt, result, roofs[fmt], {**context, "weights": chosen}))
            (out.written if result["status"] == "ok" else out.failed).append(path)
            bar.update()
    bar.close()
    return out


def _torch(spec: dict[str, Any], todo: list, timeout: float):
    for fmt, prompt, path in todo:
        yield (fmt, prompt, path), run_variant({**spec, "format": fmt, "prompt": prompt}, timeout)


def _llamacpp(spec: dict[str, Any], todo: list, timeout: float, folder: Path):
    """Write the model's F16 file once, then per format: quantize, time each prompt length, delete."""

    worker = "slm_atlas.measure.llamacpp_worker"
    f16 = folder / "f16.gguf"  # the random-weight file, or F16 converted from a --weights file
    made = run_variant({**spec, "action": "prepare", "format": "f16", "file": str(f16)}, timeout, worker)
    source = Path(made.get("file", f16))  # a --weights file that is F16 already is used where it lies
    try:
        for fmt in dict.fromkeys(f for f, _, _ in todo):
            prompts = [(p, path) for f, p, path in todo if f == fmt]
            built = made
            target = source if fmt == "f16" else folder / f"{fmt}.gguf"
            if built["status"] == "ok" and fmt != "f16":
                built = {
                    **made,
                    **run_variant(
                        {**spec, "action": "prepare", "format": fmt, "file": str(target), "source": str(source)},
                        timeout,
                        worker,
                    ),
                }
            for prompt, path in prompts:
                if built["status"] != "ok" or spec.get("fail"):
                    yield (
                        (fmt, prompt, path),
                        {
                            **built,
                            "status": built["status"] if not spec.get("fail") else "error",
                            "error": built.get("error") or spec.get("fail"),
                        },
                    )
                    continue
                size = tensor_bytes(target)
                timed = run_variant(
                    {**spec, "action": "time", "file": str(target), "prompt": prompt, "vocab": made["vocab"]},
                    timeout,
                    worker,
                )
                kv = 2 * made["layers"] * made["kv_heads"] * made["head_dim"] * (prompt + spec["gen"]) * 2  # f16 cache
                yield (
                    (fmt, prompt, path),
                    {
                        **built,
                        **timed,
                        "weight_bytes": size.total,
                        "kv_cache_bytes": kv,
                        "decode_read_bytes": size.total - (0 if made["tied"] else size.table) - size.unrouted,
                        "active_parameters": made["parameters_built"] - size.unrouted_parameters,
                        "tensor_types": json.dumps(size.by_type, sort_keys=True),
                    },
                )
            if target != source:
                target.unlink(missing_ok=True)
    finally:
        f16.unlink(missing_ok=True)  # never the --weights file itself: that lies outside the cache


def _measurement(
    record: Any, fmt: str, prompt: int, result: dict[str, Any], roof: Roofline, c: dict[str, Any]
) -> Measurement:
    prefill_floor = decode_floor = None
    if result.get("status") == "ok":
        prefill_floor, decode_floor = floors(
            roof, result["decode_read_bytes"], result["kv_cache_bytes"], result["active_parameters"], prompt
        )
    env = dict(c["env"])
    if result.get("tensor_types"):
        env["gguf_tensor_bytes_by_type"] = result["tensor_types"]
    if result.get("system_info"):
        env["system_info"] = result["system_info"]
    # how busy the machine was over the run (1, 5 and 15 minute load averages as it ended): a load
    # above the core count means other work shared the CPU and the times are too slow
    env["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    llama = c["backend"] == "llamacpp"
    return Measurement(
        model_id=record.id,
        run_id=c["run_id"],
        measured_at=c["started"],
        model_revision=c["weights"].revision,
        machine=c["info"]["gpu"] or c["info"]["cpu"],
        device=c["device"],
        backend="llama.cpp" if llama else "torch",
        backend_version=env["llama_cpp_python"] if llama else env["torch"],
        dtype=fmt,
        threads=result.get("threads") or c["threads"],
        batch_size=1,
        prompt_tokens=prompt,
        generated_tokens=c["scenario"].gen,
        prefill_ms=result.get("prefill_ms", []),
        decode_ms_per_token=result.get("decode_ms_per_token", []),
        peak_memory_bytes=result.get("peak_memory_bytes"),
        environment=env,
        status=result["status"],
        error=result.get("error"),
        hardware=c["hardware"],
        scenario=c["scenario"].name,
        weights=c["weights"].kind,
        module=result.get("module"),
        module_exact=result.get("module_exact"),
        parameters_built=result.get("parameters_built"),
        weight_bytes=result.get("weight_bytes"),
        kv_cache_bytes=result.get("kv_cache_bytes"),
        peak_vram_bytes=result.get("peak_vram_bytes"),
        bandwidth_bytes_per_s=roof.bandwidth_bytes_per_s,
        matmul_flops_per_s=roof.matmul_flops_per_s,
        prefill_floor_ms=prefill_floor,
        decode_floor_ms=decode_floor,
    )
