"""Build a model with random weights: fast, deterministic, and with real memory behind it.

`no_init_weights` skips transformers' slow initialisation; the weights are then filled from a
seeded generator, never left at zero or empty (untouched memory reads far too low and an all-zero
model runs too fast), and the head is tied where the record says so (else a tied model carries
a second vocabulary matrix). The built count is returned so that it can be compared with the
record's computed parameters.
"""

from typing import Any

DTYPES = {"fp32": "float32", "bf16": "bfloat16", "fp16": "float16", "int8": "float32"}


def build(plan: Any, fmt: str, seed: int = 0) -> tuple[Any, int, int]:
    """The model, its parameter count, and the bytes its weights take in `fmt` (int8: linear
    weights in a byte each; embeddings, norms and biases stay float32; a tied head is quantized
    as a copy, so it counts twice)."""
    import torch
    from transformers import AutoModelForCausalLM
    from transformers.initialization import no_init_weights

    dtype = getattr(torch, DTYPES[fmt])
    with no_init_weights():
        model = AutoModelForCausalLM.from_config(plan.config, dtype=dtype)
    model.tie_weights()
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for tensor in model.parameters():  # buffers (rotary tables) keep the values from_config computed
            if tensor.dim() >= 2:
                chunk = torch.empty(tensor.shape, dtype=torch.float32).uniform_(-0.02, 0.02, generator=generator)
                tensor.copy_(chunk.to(tensor.dtype))
            else:
                tensor.fill_(1.0)  # norms' gains and biases: ones keep activations in range
    return finish(model, fmt)


def load(folder: str, fmt: str) -> tuple[Any, int, int]:
    """A transformers checkpoint's own model and weights, in `fmt` (sizes as `build` gives them)."""
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(folder, dtype=getattr(torch, DTYPES[fmt]))
    return finish(model, fmt)


def finish(model: Any, fmt: str) -> tuple[Any, int, int]:
    """Evaluation mode, the parameter count, and int8's dynamic quantization of the linear layers."""
    import torch

    model.eval()
    count = sum(p.numel() for p in model.parameters())
    if fmt == "int8":
        linear = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
        other = sum(
            p.numel()
            for m in model.modules()
            if not isinstance(m, torch.nn.Linear)
            for p in m.parameters(recurse=False)
        )
        other += sum(m.bias.numel() for m in model.modules() if isinstance(m, torch.nn.Linear) and m.bias is not None)
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        return model, count, linear + 4 * other
    return model, count, count * torch.finfo(getattr(torch, DTYPES[fmt])).bits // 8
