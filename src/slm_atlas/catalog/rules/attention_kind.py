"""attention-kind: the declared attention label agrees with the head counts.

MHA: kv_heads == attention_heads; MQA: kv_heads == 1 < attention_heads;
GQA: 1 < kv_heads < attention_heads. MLA is not a head-count pattern (it caches a latent), so
it is checked by the mla-sizes rule instead. Per-layer models are checked layer by layer.
"""

from .base import Finding, Rule


def implied_kind(heads: int, kv: int) -> str:
    if kv == heads:
        return "MHA"
    if kv == 1:
        return "MQA"
    return "GQA"


def head_pairs(arch):
    """(loc, heads, kv_heads) for every layer shape the architecture declares."""
    if arch.per_layer is not None and arch.per_layer.attention_heads.value and arch.per_layer.kv_heads.value:
        pairs = zip(
            arch.per_layer.attention_heads.value, arch.per_layer.kv_heads.value, strict=False
        )  # lengths: per-layer-shape
        return [(("architecture", "per_layer", "kv_heads", i), h, k) for i, (h, k) in enumerate(pairs)]
    if arch.attention_heads.value and arch.kv_heads.value:
        return [(("architecture", "kv_heads"), arch.attention_heads.value, arch.kv_heads.value)]
    return []


def check(entry, context):
    arch = entry.record.architecture
    declared = arch.attention_kind.value
    if declared in (None, "MLA"):
        return
    for loc, heads, kv in head_pairs(arch):
        implied = implied_kind(heads, kv)
        if implied != declared:
            yield Finding(
                ("architecture", "attention_kind"),
                f"declared {declared}, but {heads} heads with {kv} KV heads is {implied}"
                + (f" (layer {loc[-1]})" if isinstance(loc[-1], int) else ""),
            )
            return


RULE = Rule("attention-kind", "record", "attention_kind agrees with heads and KV heads", check)
