"""The machine's two ceilings, measured once per sweep, and a result's floors under them.

- memory bandwidth: the best of a few copies of a 256 MiB tensor (bytes read + written / time);
- matmul rate: the best of a few 2048 x 2048 matrix products in the sweep's dtype (2 n^3 FLOPs).
Decode reads every weight once per token, so decode >= weight bytes / bandwidth (plus the KV
cache read); prefill does about 2 x parameters x prompt tokens FLOPs, so prefill >= that / rate.
"""

import time
from dataclasses import dataclass

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


def floors(roof: Roofline, weight_bytes: int, kv_bytes: int, parameters: int, prompt: int) -> tuple[float, float]:
    """(prefill floor ms, decode floor ms per token)."""
    prefill = 2 * parameters * prompt / roof.matmul_flops_per_s * 1000
    decode = (weight_bytes + kv_bytes) / roof.bandwidth_bytes_per_s * 1000
    return prefill, decode
