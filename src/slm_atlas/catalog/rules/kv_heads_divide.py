"""kv-heads-divide: KV heads divide the query heads (each KV head serves a whole group)."""

from .attention_kind import head_pairs
from .base import Finding, Rule


def check(entry, context):
    for loc, heads, kv in head_pairs(entry.record.architecture):
        if kv > heads or heads % kv:
            layer = f" in layer {loc[-1]}" if isinstance(loc[-1], int) else ""
            yield Finding(loc, f"must divide attention_heads (got {kv} for {heads} heads{layer})")


RULE = Rule("kv-heads-divide", "record", "kv_heads divides attention_heads", check)
