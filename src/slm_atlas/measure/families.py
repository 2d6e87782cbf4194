"""A record's architecture as a transformers config whose blocks cost what the model's do.

Latency and memory depend on shapes, dtypes and the kind of each block, not on the weights'
values, so a model is built from the transformers class whose blocks match its own:

- gated FFN (SwiGLU/GeGLU), RoPE            -> Llama blocks (q/k/v biases, head width, GQA as recorded)
- standard FFN, RoPE (Pythia, Phi)          -> GPT-NeoX blocks (partial rotary as recorded)
- standard FFN, learned positions (GPT-2, OPT) -> GPT-2 blocks
- ALiBi (BLOOM)                             -> BLOOM blocks
Where the model's own code is not in transformers, the result says which module stood in
(`module`): OpenELM's per-layer widths become Llama blocks of the mean widths, MobiLlama's shared
FFN becomes one FFN per layer (same compute per token, more weights in memory). Sliding-window
and NoPE layers run as full attention with RoPE (the same cost at prompts shorter than the window),
QK-norm is left out and natively low-bit weights (BitNet) are built in 16 bits, each said in
`module`. LFM2's short-convolution hybrids run on transformers' own Lfm2 blocks and routed-expert
FFNs on GraniteMoe blocks; RecurrentGemma (Griffin) and Falcon-H1 (parallel Mamba-2 + attention)
on transformers' own RecurrentGemma and FalconH1 blocks, and multi-head latent attention on
MiniCPM3's. MLA beside experts, other recurrent and SSM designs (Phi-4-mini-flash's SambaY), per-layer inputs
(Gemma 3n) and
experts with shared or dense layers have no stand-in here yet: such a model is recorded as
unsupported.
"""

from dataclasses import dataclass
from statistics import mean
from typing import Any

ACT = {"SiLU": "silu", "GELU": "gelu", "GELU-tanh": "gelu_pytorch_tanh", "ReLU": "relu"}


class Unsupported(Exception):
    """No transformers module reproduces this architecture's cost; the message says why."""


@dataclass(frozen=True)
class Plan:
    config: Any  # a transformers PretrainedConfig
    module: str  # the transformers class that stands in, and how it maps
    exact: bool  # whether the module is the model's own design (else: equivalent cost)


def _v(arch: Any, name: str) -> Any:
    fact = getattr(arch, name, None)
    return getattr(fact, "value", None)


def plan(record: Any) -> Plan:
    """The transformers config for a record's architecture."""
    import transformers as tf

    arch = record.architecture
    layers, hidden, vocab = _v(arch, "layers"), _v(arch, "hidden_size"), _v(arch, "vocab_size")
    context = _v(arch, "context_length_tokens") or 2048
    tied, act = bool(_v(arch, "tied_embeddings")), ACT.get(_v(arch, "activation") or "", "silu")
    heads, kv, head_dim, inter = (_v(arch, n) for n in ("attention_heads", "kv_heads", "head_dim", "intermediate_size"))
    exact, notes = True, []
    kinds = _v(arch, "layer_types") or []
    if _v(arch, "attention_kind") == "MLA":
        if arch.mla is None or arch.moe is not None or set(kinds) - {"full-attention"}:
            raise Unsupported(
                "multi-head latent attention (MLA) beside experts or other mixers has no stand-in module here yet"
            )
        return _minicpm3(tf, record)
    if set(kinds) == {"conv", "full-attention"} and arch.moe is None:
        return _lfm2(tf, record)
    if set(kinds) == {"recurrent", "sliding-attention"} and arch.moe is None:
        return _recurrent_gemma(tf, record)
    if set(kinds) == {"full-attention+ssm"} and arch.ssm is not None and _v(arch.ssm, "kind") == "mamba2":
        return _falcon_h1(tf, record)
    blocked = sorted({k for k in kinds if k not in ("full-attention", "sliding-attention")})
    if blocked:
        raise Unsupported(f"{', '.join(blocked)} layers have no stand-in module here yet")
    if arch.moe is not None and not kinds and not (_v(arch.moe, "shared_experts") or _v(arch.moe, "dense_layers")):
        return _granite_moe(tf, record)
    if arch.per_layer_inputs is not None or arch.moe is not None:
        raise Unsupported(
            f"{'per-layer inputs' if arch.moe is None else 'these mixture-of-experts FFNs'} have no stand-in module "
            f"here yet"
        )
    if arch.per_layer is not None:
        per = arch.per_layer
        heads = round(mean(per.attention_heads.value))
        kv = max(1, round(mean(per.kv_heads.value)))
        while heads % kv:
            kv -= 1
        inter = round(mean(per.intermediate_size.value))
        exact, notes = False, ["mean of the per-layer widths"]
    if "sliding-attention" in (_v(arch, "layer_types") or []) or _v(arch, "nope_layers"):
        exact, notes = (
            False,
            [*notes, "full attention with RoPE in every layer (the same cost for prompts shorter than the window)"],
        )
    if _v(arch, "qk_norm"):
        exact, notes = False, [*notes, "no QK-norm"]
    if _v(arch, "weight_bits"):
        exact, notes = False, [*notes, f"16-bit weights for the native {_v(arch, 'weight_bits')}-bit ones"]
    if _v(arch, "parameter_sharing") == "shared-ffn":
        exact, notes = False, [*notes, "one FFN per layer instead of one shared FFN (same compute per token)"]
    position, ffn = _v(arch, "position_encoding"), _v(arch, "ffn_kind")
    bias = _v(arch, "linear_bias") or "none"
    if not all((layers, hidden, vocab, heads, kv, inter)):
        raise Unsupported(
            "the record lacks a size the build needs (layers, hidden, heads, kv heads, FFN width, vocabulary)"
        )
    config: Any
    if position == "ALiBi":
        config = tf.BloomConfig(vocab_size=vocab, hidden_size=hidden, n_layer=layers, n_head=heads)
        return Plan(config, "Bloom", ffn == "standard" and inter == 4 * hidden)
    if position == "learned" and ffn == "standard":
        config = tf.GPT2Config(
            vocab_size=vocab,
            n_positions=context,
            n_embd=hidden,
            n_layer=layers,
            n_head=heads,
            n_inner=inter,
            activation_function={"gelu_pytorch_tanh": "gelu_new"}.get(act, act),
            tie_word_embeddings=tied,
        )
        return Plan(config, "GPT2" + ("" if kv == heads else " (MHA standing in)"), kv == heads)
    if ffn == "standard":
        config = tf.GPTNeoXConfig(
            vocab_size=vocab,
            hidden_size=hidden,
            num_hidden_layers=layers,
            num_attention_heads=heads,
            intermediate_size=inter,
            hidden_act=act,
            max_position_embeddings=context,
            rotary_pct=_v(arch, "rotary_fraction") or 1.0,  # type: ignore[call-arg]  # GPT-NeoX's own key
            tie_word_embeddings=tied,
        )
        return Plan(config, "GPTNeoX", kv == heads)
    # the config checks hidden % heads even with an explicit head width; OpenELM's mean head counts
    # (18 heads of 64 in a 1536-wide stream) are valid shapes, so they are set after the check
    config = tf.LlamaConfig(
        vocab_size=vocab,
        hidden_size=hidden,
        intermediate_size=inter,
        num_hidden_layers=layers,
        num_attention_heads=1,
        num_key_value_heads=1,
        head_dim=head_dim or hidden // heads,
        hidden_act=act,
        max_position_embeddings=context,
        tie_word_embeddings=tied,
        attention_bias=bias != "none",
        mlp_bias=bias == "all",
    )
    config.num_attention_heads, config.num_key_value_heads = heads, kv
    module = "Llama" + (f" ({'; '.join(notes)})" if notes else "")
    return Plan(config, module, exact and _v(arch, "norm") == "RMSNorm")


def _shared(arch: Any) -> dict[str, Any]:
    """The config keys every transformers decoder family names alike."""
    return {
        "vocab_size": _v(arch, "vocab_size"),
        "hidden_size": _v(arch, "hidden_size"),
        "num_hidden_layers": _v(arch, "layers"),
        "num_attention_heads": _v(arch, "attention_heads"),
        "num_key_value_heads": _v(arch, "kv_heads"),
        "max_position_embeddings": _v(arch, "context_length_tokens") or 4096,
        "tie_word_embeddings": bool(_v(arch, "tied_embeddings")),
    }


def _lfm2(tf: Any, record: Any) -> Plan:
    """LFM2's own blocks: gated short convolutions and GQA attention at the recorded layers."""
    arch = record.architecture
    kinds = _v(arch, "layer_types")
    config = tf.Lfm2Config(
        **_shared(arch),
        intermediate_size=_v(arch, "intermediate_size"),
        conv_L_cache=_v(arch.conv, "kernel"),
        conv_bias=bool(_v(arch.conv, "bias")),
        block_auto_adjust_ff_dim=False,
        full_attn_idxs=[i for i, kind in enumerate(kinds) if kind == "full-attention"],
    )
    return Plan(config, "Lfm2", True)


def _granite_moe(tf: Any, record: Any) -> Plan:
    """Granite's mixture-of-experts blocks (routed experts only, as recorded)."""
    arch = record.architecture
    config = tf.GraniteMoeConfig(
        **_shared(arch),
        intermediate_size=_v(arch.moe, "expert_intermediate_size"),
        num_local_experts=_v(arch.moe, "experts"),
        num_experts_per_tok=_v(arch.moe, "active_experts"),
    )
    return Plan(config, "GraniteMoe", _v(arch, "norm") == "RMSNorm")


def _recurrent_gemma(tf: Any, record: Any) -> Plan:
    """Griffin's own blocks (RecurrentGemma): RG-LRU recurrent and local MQA attention blocks in
    the recorded order, each with the gated MLP (transformers stores its two branches together)."""
    arch = record.architecture
    config = tf.RecurrentGemmaConfig(
        vocab_size=_v(arch, "vocab_size"),
        hidden_size=_v(arch, "hidden_size"),
        lru_width=_v(arch, "hidden_size"),
        intermediate_size=2 * _v(arch, "intermediate_size"),
        num_hidden_layers=_v(arch, "layers"),
        num_attention_heads=_v(arch, "attention_heads"),
        num_key_value_heads=_v(arch, "kv_heads"),
        attention_window_size=_v(arch, "attention_window_tokens") or 2048,
        conv1d_width=4,
        block_types=["attention" if "attention" in kind else "recurrent" for kind in _v(arch, "layer_types")],
        partial_rotary_factor=_v(arch, "rotary_fraction") or 1.0,
        hidden_activation=ACT.get(_v(arch, "activation"), "gelu_pytorch_tanh"),
    )
    return Plan(config, "RecurrentGemma", True)


def _falcon_h1(tf: Any, record: Any) -> Plan:
    """Falcon-H1's own parallel hybrid blocks: a Mamba-2 mixer beside GQA attention in every layer
    (transformers' PyTorch path for the SSM scan: no fused kernels on CPU)."""
    arch, ssm = record.architecture, record.architecture.ssm
    heads = _v(ssm, "heads")
    config = tf.FalconH1Config(
        **_shared(arch),
        intermediate_size=_v(arch, "intermediate_size"),
        head_dim=_v(arch, "head_dim"),
        mamba_d_ssm=_v(ssm, "inner_size"),
        mamba_n_heads=heads,
        mamba_d_head=_v(ssm, "inner_size") // heads,
        mamba_n_groups=_v(ssm, "groups") or 1,
        mamba_d_state=_v(ssm, "state_size"),
        mamba_d_conv=_v(ssm, "conv_kernel"),
        mamba_conv_bias=True,
        mamba_proj_bias=False,
        mamba_rms_norm=False,
        attention_bias=(_v(arch, "linear_bias") or "none") != "none",
        mlp_bias=_v(arch, "linear_bias") == "all",
        projectors_bias=False,
    )
    return Plan(config, "FalconH1 (PyTorch SSM scan)", True)


def _minicpm3(tf: Any, record: Any) -> Plan:
    """MiniCPM3's own blocks: multi-head latent attention (low-rank queries, a compressed KV latent)
    and a dense gated FFN. transformers' cache holds the decompressed keys and values."""
    arch, mla = record.architecture, record.architecture.mla
    config = tf.MiniCPM3Config(
        vocab_size=_v(arch, "vocab_size"),
        hidden_size=_v(arch, "hidden_size"),
        intermediate_size=_v(arch, "intermediate_size"),
        num_hidden_layers=_v(arch, "layers"),
        num_attention_heads=_v(arch, "attention_heads"),
        num_key_value_heads=_v(arch, "kv_heads") or _v(arch, "attention_heads"),
        max_position_embeddings=_v(arch, "context_length_tokens") or 32768,
        tie_word_embeddings=bool(_v(arch, "tied_embeddings")),
        q_lora_rank=_v(mla, "q_lora_rank"),
        kv_lora_rank=_v(mla, "kv_lora_rank"),
        qk_nope_head_dim=_v(mla, "qk_nope_head_dim"),
        qk_rope_head_dim=_v(mla, "qk_rope_head_dim"),
        v_head_dim=_v(mla, "v_head_dim"),
        hidden_act=ACT.get(_v(arch, "activation") or "", "silu"),
    )
    return Plan(config, "MiniCPM3", _v(arch, "ffn_kind") == "gated" and _v(arch, "norm") == "RMSNorm")
