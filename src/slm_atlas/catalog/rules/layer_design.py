"""layer-design: the blocks that describe mixed layers agree with each other and with `layers`.

- `layer_types` has one entry per layer; `ssm` comes with ssm layers and `conv` with conv layers
  (and neither without them); sliding-attention layers need `attention_window_tokens`;
- `nope_layers` and `moe.dense_layers` name existing layers (0-based), each once;
- `moe` comes with `active_parameters` (and `active_parameters` only with `moe`); shared experts
  come with their width; a token cannot use more experts than there are.
"""

from .base import Finding, Rule


def _v(fact):
    return None if fact is None else fact.value


def _layer_types(arch, layers):
    types = _v(arch.layer_types) or []
    if arch.layer_types is not None and types and layers is not None and len(types) != layers:
        yield Finding(("architecture", "layer_types"), f"has {len(types)} entries for {layers} layers")
    for block, word in (("ssm", "ssm"), ("conv", "conv")):
        has_layers = any(word in t.split("+") for t in types)
        if has_layers and getattr(arch, block) is None:
            yield Finding(("architecture", "layer_types"), f"{word} layers need the `{block}` block with their sizes")
        elif getattr(arch, block) is not None and not has_layers:
            yield Finding(
                ("architecture", block), f"the `{block}` block applies only when layer_types has {word} layers"
            )
    if any(t.startswith("sliding") for t in types) and _v(arch.attention_window_tokens) is None:
        yield Finding(("architecture", "layer_types"), "sliding-attention layers need attention_window_tokens")


def _indexes(values, layers, loc):
    values = values or []
    if len(set(values)) != len(values):
        yield Finding(loc, "names a layer more than once")
    for index, layer in enumerate(values):
        if layers is not None and layer >= layers:
            yield Finding((*loc, index), f"layer {layer} does not exist (layers are numbered 0 to {layers - 1})")


def _moe(record, layers):
    _arch, moe = record.architecture, record.architecture.moe
    if moe is None:
        if record.active_parameters is not None:
            yield Finding(
                ("active_parameters",), "active_parameters applies only to mixture-of-experts models (architecture.moe)"
            )
        return
    if record.active_parameters is None:
        yield Finding(
            ("architecture", "moe"), "a mixture-of-experts model gives active_parameters (parameters a token uses)"
        )
    experts, active = _v(moe.experts), _v(moe.active_experts)
    if experts is not None and active is not None and active > experts:
        yield Finding(("architecture", "moe", "active_experts"), f"{active} active experts but only {experts} experts")
    if _v(moe.shared_experts) and moe.shared_expert_intermediate_size is None:
        yield Finding(("architecture", "moe", "shared_experts"), "shared experts need shared_expert_intermediate_size")
    yield from _indexes(_v(moe.dense_layers), layers, ("architecture", "moe", "dense_layers"))


def check(entry, context):
    record = entry.record
    arch = record.architecture
    layers = _v(arch.layers)
    yield from _layer_types(arch, layers)
    yield from _indexes(_v(arch.nope_layers), layers, ("architecture", "nope_layers"))
    yield from _moe(record, layers)


RULE = Rule("layer-design", "record", "layer types, mixers, NoPE layers and experts agree", check)
