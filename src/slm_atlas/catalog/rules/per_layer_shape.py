"""per-layer-shape: per-layer lists have one entry per layer."""

from .base import Finding, Rule


def check(entry, context):
    arch = entry.record.architecture
    layers = arch.layers.value
    if arch.per_layer is None or layers is None:
        return
    for name in ("attention_heads", "kv_heads", "intermediate_size"):
        values = getattr(arch.per_layer, name).value
        if values is not None and len(values) != layers:
            yield Finding(("architecture", "per_layer", name), f"has {len(values)} entries for {layers} layers")


RULE = Rule("per-layer-shape", "record", "per-layer lists match the layer count", check)
