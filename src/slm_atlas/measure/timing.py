"""Time one model in one format: prefill and decode samples, and the process's peak memory.

Prefill is one forward pass over the prompt up to the first token. Decode is a fixed number of
single-token steps through the KV cache (greedy, never stopping early), timed as a whole and
divided by the tokens. CPU timing is `perf_counter`; on CUDA, events with synchronisation. Peak
memory is the process's peak resident set (VmHWM; each variant runs in a fresh process), and on CUDA
`max_memory_allocated` (what the model and its cache hold; the allocator's reserve is not recorded).
"""

import time
from dataclasses import dataclass, field
from typing import Any

from .hardware import peak_rss_bytes


@dataclass
class Samples:
    prefill_ms: list[float] = field(default_factory=list)
    decode_ms_per_token: list[float] = field(default_factory=list)
    peak_rss_bytes: int = 0
    peak_vram_bytes: int | None = None


class Clock:
    """Elapsed milliseconds of a block, synchronised on CUDA."""

    def __init__(self, device: str):
        import torch

        self.cuda = device == "cuda"
        self.torch = torch

    def measure(self, work) -> float:
        if self.cuda:
            start, end = self.torch.cuda.Event(enable_timing=True), self.torch.cuda.Event(enable_timing=True)
            self.torch.cuda.synchronize()
            start.record()
            work()
            end.record()
            self.torch.cuda.synchronize()
            return start.elapsed_time(end)
        began = time.perf_counter()
        work()
        return (time.perf_counter() - began) * 1000


def run(model: Any, vocab: int, prompt: int, gen: int, reps: int, warmup: int, device: str, seed: int = 0) -> Samples:
    import torch

    clock = Clock(device)
    ids = torch.randint(0, vocab, (1, prompt), generator=torch.Generator().manual_seed(seed)).to(device)
    out = Samples()
    state: dict[str, Any] = {}

    # RecurrentGemma keeps its recurrent state and attention window inside its modules and returns
    # no cache: it is driven by positions instead (reset by a call at position 0)
    if getattr(model.config, "model_type", "") == "recurrent_gemma":
        starts = torch.arange(prompt, device=device)
        steps = [torch.tensor([prompt + i], device=device) for i in range(gen)]

        def prefill() -> None:
            state["token"] = model(input_ids=ids, cache_position=starts, use_cache=True).logits[:, -1:].argmax(-1)

        def decode() -> None:
            token = state["token"]
            for position in steps:
                token = model(input_ids=token, cache_position=position, use_cache=True).logits[:, -1:].argmax(-1)
    else:

        def prefill() -> None:
            result = model(input_ids=ids, use_cache=True)
            state["past"], state["token"] = result.past_key_values, result.logits[:, -1:].argmax(-1)

        def decode() -> None:
            past, token = state["past"], state["token"]
            for _ in range(gen):
                result = model(input_ids=token, past_key_values=past, use_cache=True)
                past, token = result.past_key_values, result.logits[:, -1:].argmax(-1)

    with torch.inference_mode():
        for rep in range(warmup + reps):
            before = clock.measure(prefill)
            after = clock.measure(decode) / gen
            if rep >= warmup:
                out.prefill_ms.append(round(before, 4))
                out.decode_ms_per_token.append(round(after, 4))
    out.peak_rss_bytes = peak_rss_bytes()
    if device == "cuda":
        out.peak_vram_bytes = torch.cuda.max_memory_allocated()
    return out
