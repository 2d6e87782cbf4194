"""One llama.cpp step in a fresh process: `python -m slm_atlas.measure.llamacpp_worker SPEC_JSON`.

`action: prepare` writes the F16 GGUF of a record (random weights) or quantizes it; `action:
time` loads one file and times it. Writing and timing never share a process, so the peak
resident memory of a timing run is the loaded model's own. Prints one JSON object on its last
line.

Timing goes through llama-cpp-python's `Llama.eval` on token ids: prefill is one `eval` of the
prompt (llama.cpp splits it into batches of `n_batch`), decode is `gen` single-token `eval`s
through the KV cache. The weights are loaded into memory (`use_mmap: false`), so the resident
memory counts them; llama.cpp's CPU backend may repack some quantized weights into an
interleaved layout for its kernels, as its build decides (recorded in `system_info`).
"""

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from ..catalog.loader import read_validated
from ..catalog.parallel import read_one
from ..schema.model import ModelRecord
from .families import Unsupported
from .gguf_file import describe, quantize, shape, write_f16
from .hardware import peak_rss_bytes


def _record(path: str) -> Any:

    problems: list = []
    read = read_validated(Path(path), read_one(Path(path)), ModelRecord, problems)
    if read is None:
        raise ValueError(f"{path} does not validate; run slm-atlas validate")
    return read[0]


def prepare(spec: dict[str, Any]) -> dict[str, Any]:

    if spec.get("weights"):
        return _prepare_local(spec)
    try:
        s = shape(_record(spec["record"]))
    except Unsupported as exc:
        return {"status": "unsupported", "error": str(exc)}
    target = Path(spec["file"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if spec["format"] == "f16":
        write_f16(s, target)
    else:
        quantize(Path(spec["source"]), target, spec["format"], spec.get("threads") or 2)
    return {
        "status": "ok",
        "module": s.module,
        "module_exact": s.exact,
        "parameters_built": s.parameters,
        "kv_heads": s.kv_heads,
        "head_dim": s.head_dim,
        "layers": s.layers,
        "vocab": s.vocab,
        "tied": s.tied,
        "file": str(target),
    }


def _prepare_local(spec: dict[str, Any]) -> dict[str, Any]:
    """A GGUF file given with --weights: F16 is the file itself when it is F16 (else llama.cpp
    converts it into the cache); other formats are quantized from the file."""

    source, target = Path(spec["weights"]), Path(spec["file"])
    about = describe(source)
    if about.pop("f16") and spec["format"] == "f16":
        return {"status": "ok", **about, "file": str(source)}
    target.parent.mkdir(parents=True, exist_ok=True)
    quantize(source, target, spec["format"], spec.get("threads") or 2)
    return {"status": "ok", **about, "file": str(target)}


def time_file(spec: dict[str, Any]) -> dict[str, Any]:
    import llama_cpp
    from llama_cpp import Llama

    prompt, gen, threads = spec["prompt"], spec["gen"], spec.get("threads") or 2
    llm = Llama(
        model_path=spec["file"],
        n_ctx=prompt + gen + 16,
        n_batch=max(prompt, 32),
        n_threads=threads,
        n_threads_batch=threads,
        use_mmap=False,
        verbose=False,
    )
    rng = random.Random(0)
    tokens = [rng.randrange(3, spec["vocab"]) for _ in range(prompt)]
    prefill, decode = [], []
    for rep in range(spec["warmup"] + spec["reps"]):
        llm.reset()
        began = time.perf_counter()
        llm.eval(tokens)
        middle = time.perf_counter()
        for _ in range(gen):
            llm.eval([tokens[-1]])
        ended = time.perf_counter()
        if rep >= spec["warmup"]:
            prefill.append(round((middle - began) * 1000, 4))
            decode.append(round((ended - middle) * 1000 / gen, 4))
    return {
        "status": "ok",
        "prefill_ms": prefill,
        "decode_ms_per_token": decode,
        "threads": threads,
        "peak_memory_bytes": peak_rss_bytes(),
        "system_info": llama_cpp.llama_print_system_info().decode().strip(),
        "llama_cpp_python": llama_cpp.__version__,
    }


def main() -> None:
    spec = json.loads(sys.argv[1])
    result = prepare(spec) if spec["action"] == "prepare" else time_file(spec)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
