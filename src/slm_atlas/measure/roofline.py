"""The machine's two ceilings, measured once per sweep, and a result's floors under them.

- memory bandwidth: the best of a few copies of a 256 MiB tensor (bytes read + written / time);
- matmul rate: the best of a few 2048 x 2048 matrix products in the sweep's dtype (2 n^3 FLOPs).
Decode reads every weight once per token but the input embedding table (one row of it), so
decode >= those bytes / bandwidth (plus the KV cache read); prefill does about 2 x parameters x
prompt tokens FLOPs, so prefill >= that / rate.
"""

import time
from dataclasses import dataclass
from typing import Any

COPY_BYTES = 256 * 1024 * 1024
MATMUL_N = 2048


@dataclass(frozen=True)
class Roofline:
    bandwidth_bytes_per_s: float
    matmul_flops_per_s: float
    dtype: str


def measure_roofline(dtype: str = "float32", repeats: int = 5) -> Roofline:
    import torch

    source = torch.ones(COPY_BYTES // 4, dtype=torch.float32)
    target = torch.empty_like(source)
    best_copy = min(_timed(lambda: target.copy_(source)) for _ in range(repeats))
    a = torch.full((MATMUL_N, MATMUL_N), 0.5, dtype=getattr(torch, dtype))
    b = torch.full((MATMUL_N, MATMUL_N), 0.25, dtype=getattr(torch, dtype))
    best_mm = min(_timed(lambda: torch.mm(a, b)) for _ in range(repeats))
    return Roofline(2 * COPY_BYTES / best_copy, 2 * MATMUL_N**3 / best_mm, dtype)


def _timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def decode_read_bytes(arch: Any, fmt: str, weight_bytes: int) -> int:
    """Weight bytes one decoded token reads: all of them except the input embedding table (and a
    learned position table), of which a token reads one row. A tied head reads the table whole,
    unless int8 quantized a copy of it (the copy is among the linear weights)."""
    vocab = arch.vocab_size.value or 0
    width = (arch.embedding_dim.value if arch.embedding_dim else None) or arch.hidden_size.value
    table = vocab * width
    if arch.position_encoding.value == "learned":
        table += (arch.context_length_tokens.value or 0) * arch.hidden_size.value
    if fmt == "int8":
        return weight_bytes - table * 4
    per = {"fp32": 4, "bf16": 2, "fp16": 2}[fmt]
    head_reads_table = bool(arch.tied_embeddings.value)
    return weight_bytes - (0 if head_reads_table else vocab * width * per) - (table - vocab * width) * per


def floors(roof: Roofline, read_bytes: int, kv_bytes: int, parameters: int, prompt: int) -> tuple[float, float]:
    """(prefill floor ms, decode floor ms per token)."""
    prefill = 2 * parameters * prompt / roof.matmul_flops_per_s * 1000
    decode = (read_bytes + kv_bytes) / roof.bandwidth_bytes_per_s * 1000
    return prefill, decode
