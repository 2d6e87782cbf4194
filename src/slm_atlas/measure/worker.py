"""One measured variant in a fresh process: `python -m slm_atlas.measure.worker SPEC_JSON`.

Reads the record, builds the model, times it and prints one JSON object on its last line
(`status` ok or unsupported, the samples and the sizes). A fresh process per variant keeps one
run's memory and caches out of the next run's numbers, and its peak RSS is this variant's own.
"""

import json
import sys
from pathlib import Path
from typing import Any

from ..catalog.loader import read_validated
from ..catalog.parallel import read_one
from ..catalog.parameters import compute_parameters
from ..schema.model import ModelRecord
from .build import build, load
from .families import Unsupported, plan
from .hardware import meminfo
from .roofline import decode_read_bytes
from .timing import run


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    import torch

    if spec.get("threads"):
        torch.set_num_threads(spec["threads"])
    path = Path(spec["record"])
    problems: list = []
    read = read_validated(path, read_one(path), ModelRecord, problems)
    if read is None:
        return {"status": "error", "error": f"{path} does not validate; run slm-atlas validate"}
    record = read[0]
    if spec.get("fail"):  # tests make a variant fail on purpose to check the sweep goes on
        raise RuntimeError(spec["fail"])

    arch = record.architecture
    counts = compute_parameters(arch)
    if spec.get("weights"):  # a real checkpoint runs on its own architecture's module
        layout = None
        need = _bytes_per_parameter(spec["format"]) * (counts.total if counts else 0)
    else:
        try:
            layout = plan(record)
        except Unsupported as exc:
            return {"status": "unsupported", "error": str(exc)}
        need = _bytes_per_parameter(spec["format"]) * _meta_count(layout)
    have = meminfo("MemAvailable")
    if have and need > have:
        return {
            "status": "error",
            "error": f"not enough memory: building needs about {need / 2**30:.1f} GiB, "
            f"{have / 2**30:.1f} GiB is available",
        }
    if layout is None:
        model, count, weight_bytes = load(spec["weights"], spec["format"])
        module, exact = f"{type(model).__name__} (the checkpoint's own)", True
        if counts and abs(count - counts.total) > 0.01 * counts.total:
            return {
                "status": "error",
                "error": f"the checkpoint at {spec['weights']} has {count:,} parameters and the record"
                f" computes {counts.total:,}: is it this model's checkpoint?",
            }
    else:
        model, count, weight_bytes = build(layout, spec["format"])
        module, exact = layout.module, layout.exact
    model.to(spec["device"])
    samples = run(
        model,
        model.config.get_text_config().vocab_size,
        spec["prompt"],
        spec["gen"],
        spec["reps"],
        spec["warmup"],
        spec["device"],
    )
    per = {"fp32": 4, "bf16": 2, "fp16": 2, "int8": 4}[spec["format"]]  # the KV cache's bytes per element
    per_layer_kv = arch.per_layer.kv_heads.value if arch.per_layer else None
    kv_heads = (arch.kv_heads.value or max(per_layer_kv)) if per_layer_kv else arch.kv_heads.value
    head_dim = arch.head_dim.value or (arch.hidden_size.value or 0) // (arch.attention_heads.value or 1)
    kinds = arch.layer_types.value if arch.layer_types is not None and arch.layer_types.value else None
    cached = (
        sum(1 for kind in kinds if "attention" in kind) if kinds else (arch.layers.value or 0)
    )  # conv/SSM states are tiny
    kv_bytes = 2 * cached * (kv_heads or 0) * head_dim * (spec["prompt"] + spec["gen"]) * per
    unused = counts.inactive * (weight_bytes / count) if counts and count else 0  # experts a token does not route to
    return {
        "decode_read_bytes": int(decode_read_bytes(arch, spec["format"], weight_bytes) - unused),
        "status": "ok",
        "module": module,
        "module_exact": exact,
        "parameters_built": count,
        "active_parameters": count - (counts.inactive if counts else 0),
        "weight_bytes": weight_bytes,
        "kv_cache_bytes": kv_bytes,
        "prefill_ms": samples.prefill_ms,
        "decode_ms_per_token": samples.decode_ms_per_token,
        "peak_memory_bytes": samples.peak_rss_bytes,
        "peak_vram_bytes": samples.peak_vram_bytes,
        "threads": torch.get_num_threads(),
    }


def _bytes_per_parameter(fmt: str) -> float:
    """Bytes the build needs at its peak per parameter: dynamic int8 quantization briefly holds
    about 2.5x the float32 weights; other formats the weights plus a fifth for activations and
    the allocator."""
    return 4 * 2.5 if fmt == "int8" else {"fp32": 4, "bf16": 2, "fp16": 2}[fmt] * 1.2


def _meta_count(layout: Any) -> int:
    """Parameters of the stand-in module, counted on the meta device (nothing allocated)."""
    from transformers import AutoModelForCausalLM

    with __import__("torch").device("meta"):
        return sum(p.numel() for p in AutoModelForCausalLM.from_config(layout.config).parameters())


def main() -> None:
    spec = json.loads(sys.argv[1])
    print(json.dumps(measure(spec)))


if __name__ == "__main__":
    main()
