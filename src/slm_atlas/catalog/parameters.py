"""Parameter count computed from an architecture: embedding, non-embedding and total.

The formula covers every decoder family in the catalog by switches on the architecture fields:

- embedding = vocab x embedding width (input table)
            + the same again for an untied output head
            + 2 x embedding width x hidden for the in/out projections when the embedding is
              narrower than the residual stream (OPT-350M)
            + context x hidden for learned position tables (GPT-2, OPT, BLOOM has none: ALiBi)
  This is the Kaplan et al. / Pythia convention: input and output embeddings are both
  "embedding" parameters.
- per layer, attention: Q and O are hidden x heads x head_dim each; K and V are
  hidden x kv_heads x head_dim each (this covers MHA, GQA and MQA). MLA (MiniCPM3) instead has
  a low-rank query (hidden x q_rank + q_rank x heads x (nope+rope)), a compressed KV
  (hidden x (kv_rank + rope) + kv_rank x heads x (nope + v)) and O (heads x v x hidden), plus
  the two latent norms.
- per layer, FFN: 2 x hidden x intermediate (standard) or 3 x hidden x intermediate (gated);
  counted once for all layers when the FFN is shared (MobiLlama).
- biases: `qkv` adds the Q, K, V output widths; `all` adds every linear layer's output width.
- norms: two per layer plus a final one; LayerNorm has 2 x hidden parameters, RMSNorm hidden,
  non-parametric LayerNorm none; QK-norm adds one norm of head_dim for queries and one for keys
  per layer (OpenELM). Extra norms some models add (embedding LayerNorm in BLOOM,
  QK-norm, Gemma 2's four norms per layer) and the output-head bias of Phi are left out: each is
  under 0.1% of the total.
- per-layer sizes (OpenELM) replace heads, kv_heads and intermediate_size layer by layer.
- mixed layers (`layer_types`): each layer pays for its mixer. Attention (full or sliding) as
  above; an SSM layer (Mamba-2: in_proj d x (2 inner + 2 groups state + heads), a depthwise conv
  with bias over inner + 2 groups state channels, dt bias, A and D per head, a gated norm of
  inner, out_proj inner x d; Mamba-1: in_proj d x 2 inner, conv with bias over inner, x_proj
  inner x (dt_rank + 2 state), dt_proj with bias, A inner x state, D inner, out_proj); a short
  convolution layer (LFM2: in_proj d x 3d, a depthwise conv d x kernel, out_proj d x d); `+`
  layers pay for both. Every layer keeps its FFN and two norms.
- mixture of experts: an MoE layer has `experts` FFNs of expert_intermediate_size, a router
  d x experts and the shared experts' FFN; `dense_layers` keep a dense FFN. The active count
  keeps `active_experts` routed FFNs instead of all of them.
- per-layer inputs (Gemma 3n): a second embedding table of vocab x (layers x width), its
  projection d x (layers x width) with a norm of width, and per layer a gate d x width, a
  projection width x d and a norm.
- multi-token prediction: each module is one more layer (mixer of the first layer, FFN, two
  norms) plus a projection 2d x d and two norms.

Recurrent blocks (RecurrentGemma's RG-LRU) are outside this formula; such a record states a
`parameter_check_exemption` instead.
"""

from dataclasses import dataclass

from ..schema.model import Architecture, Moe, PerLayerInputs, ShortConv, Ssm

TOLERANCE = 0.03


@dataclass(frozen=True)
class ParameterCount:
    embedding: int
    non_embedding: int
    inactive: int = 0  # routed-expert parameters a token does not use (mixture of experts)

    @property
    def total(self) -> int:
        return self.embedding + self.non_embedding

    @property
    def active(self) -> int:
        return self.total - self.inactive


def _v(fact):
    return None if fact is None else fact.value


def _norm_size(norm: str, width: int) -> int:
    return {"LayerNorm": 2 * width, "RMSNorm": width}.get(norm, 0)


def _layer_sizes(arch: Architecture) -> list[tuple[int, int, int]] | None:
    """(heads, kv_heads, intermediate) for every layer, or None when a size is unknown."""
    layers = _v(arch.layers)
    if arch.per_layer is not None:
        lists = [_v(arch.per_layer.attention_heads), _v(arch.per_layer.kv_heads), _v(arch.per_layer.intermediate_size)]
        if any(x is None or len(x) != layers for x in lists):
            return None
        return list(zip(*lists, strict=True))
    sizes = (_v(arch.attention_heads), _v(arch.kv_heads), _v(arch.intermediate_size))
    return None if None in sizes or layers is None else [sizes] * layers


def _attention(arch: Architecture, d: int, heads: int, kv: int, hd: int) -> int:
    if arch.mla is not None:
        m = arch.mla
        q_rank, kv_rank = _v(m.q_lora_rank), _v(m.kv_lora_rank)
        nope, rope, vd = _v(m.qk_nope_head_dim), _v(m.qk_rope_head_dim), _v(m.v_head_dim)
        q = d * q_rank + q_rank + q_rank * heads * (nope + rope)
        kv_part = d * (kv_rank + rope) + kv_rank + kv_rank * heads * (nope + vd)
        return q + kv_part + heads * vd * d
    weights = 2 * d * heads * hd + 2 * d * kv * hd
    bias = {"none": 0, "qkv": heads * hd + 2 * kv * hd, "all": heads * hd + 2 * kv * hd + d}
    return weights + bias[_v(arch.linear_bias)]


def _ffn(arch: Architecture, d: int, f: int) -> int:
    gated = _v(arch.ffn_kind) == "gated"
    weights = (3 if gated else 2) * d * f
    if _v(arch.linear_bias) == "all":
        weights += (2 * f if gated else f) + d
    return weights


def _ssm(s: Ssm, d: int) -> int | None:
    inner, state, kernel = _v(s.inner_size), _v(s.state_size), _v(s.conv_kernel)
    bias = bool(_v(s.bias))
    if None in (inner, state, kernel):
        return None
    if _v(s.kind) == "mamba2":
        heads, groups = _v(s.heads), _v(s.groups)
        if heads is None or groups is None:
            return None
        projected = 2 * inner + 2 * groups * state + heads
        conv_channels = inner + 2 * groups * state
        return d * projected + conv_channels * (kernel + 1) + 3 * heads + inner + inner * d + (projected + d) * bias
    rank = _v(s.dt_rank)
    if rank is None:
        return None
    return (
        d * 2 * inner
        + inner * (kernel + 1)
        + inner * (rank + 2 * state)
        + rank * inner
        + inner
        + inner * state
        + inner
        + inner * d
        + (2 * inner + d) * bias
    )


def _conv(conv: ShortConv, d: int) -> int | None:
    kernel = _v(conv.kernel)
    if kernel is None:
        return None
    return 3 * d * d + d * kernel + d * d + (5 * d) * bool(_v(conv.bias))


def _mixer(arch: Architecture, kind: str, d: int, heads: int, kv: int, hd: int) -> int | None:
    """Parameters of one layer's token mixer, or None when the formula does not model it."""
    total = 0
    for part in kind.split("+"):
        if part.endswith("attention"):
            total += _attention(arch, d, heads, kv, hd)
        elif (part == "ssm" and arch.ssm is not None and (size := _ssm(arch.ssm, d)) is not None) or (
            part == "conv" and arch.conv is not None and (size := _conv(arch.conv, d)) is not None
        ):
            total += size
        else:
            return None  # recurrent blocks, or a mixer whose sizes are missing
    return total


def _moe_ffn(arch: Architecture, moe: Moe, d: int) -> tuple[int, int] | None:
    """(parameters, parameters a token leaves unused) of one MoE layer's FFN."""
    experts, active, width = _v(moe.experts), _v(moe.active_experts), _v(moe.expert_intermediate_size)
    if None in (experts, active, width):
        return None
    one = _ffn(arch, d, width)
    shared = _ffn(arch, d, _v(moe.shared_expert_intermediate_size)) if _v(moe.shared_experts) else 0
    return experts * one + d * experts + shared, (experts - active) * one


def _per_layer_inputs(arch: Architecture, ple: PerLayerInputs, d: int, layers: int) -> tuple[int, int] | None:
    """(embedding, non-embedding) parameters of Gemma 3n's per-layer inputs."""
    width, vocab = _v(ple.width), _v(ple.vocab_size)
    if width is None or vocab is None:
        return None
    norm = _norm_size(_v(arch.norm), width)
    return vocab * layers * width, d * layers * width + norm + layers * (2 * d * width + _norm_size(_v(arch.norm), d))


def compute_parameters(arch: Architecture) -> ParameterCount | None:
    """The count implied by `arch`, or None when a value it needs is null."""
    needed = (arch.hidden_size, arch.head_dim, arch.vocab_size, arch.ffn_kind, arch.norm, arch.linear_bias)
    sizes = _layer_sizes(arch)
    if sizes is None or any(_v(f) is None for f in needed):
        return None
    if arch.mla is not None and any(
        _v(getattr(arch.mla, n)) is None for n in type(arch.mla).model_fields if n != "source"
    ):
        return None
    d, hd, vocab = _v(arch.hidden_size), _v(arch.head_dim), _v(arch.vocab_size)
    width = _v(arch.embedding_dim) or d
    embedding = vocab * width * (1 if _v(arch.tied_embeddings) else 2)
    if width != d:
        embedding += 2 * width * d
    if _v(arch.position_encoding) == "learned":
        embedding += _v(arch.context_length_tokens) * d
    norms = _norm_size(_v(arch.norm), d)
    shared_ffn = _v(arch.parameter_sharing) == "shared-ffn"
    qk_norms = 2 * _norm_size(_v(arch.norm), hd) if _v(arch.qk_norm) else 0
    kinds = _v(arch.layer_types) or ["full-attention"] * len(sizes)
    dense = set(_v(arch.moe.dense_layers) or []) if arch.moe is not None else set(range(len(sizes)))
    moe = _moe_ffn(arch, arch.moe, d) if arch.moe is not None else (0, 0)
    if len(kinds) != len(sizes) or moe is None:
        return None
    body, inactive = norms, 0  # the final norm
    layers = [(kinds[i], *sizes[i], i in dense) for i in range(len(sizes))]
    layers += [(kinds[0], *sizes[0], 0 in dense)] * (_v(arch.mtp_modules) or 0)
    for index, (kind, heads, kv, f, is_dense) in enumerate(layers):
        mixer = _mixer(arch, kind, d, heads, kv, hd)
        if mixer is None:
            return None
        body += mixer + 2 * norms + (qk_norms if "attention" in kind else 0)
        if is_dense and (not shared_ffn or index == 0):
            body += _ffn(arch, d, f)
        elif not is_dense:
            body, inactive = body + moe[0], inactive + moe[1]
    body += (2 * d * d + 2 * norms) * (_v(arch.mtp_modules) or 0)
    if arch.per_layer_inputs is not None:
        ple = _per_layer_inputs(arch, arch.per_layer_inputs, d, len(sizes))
        if ple is None:
            return None
        embedding, body = embedding + ple[0], body + ple[1]
    return ParameterCount(embedding=embedding, non_embedding=body, inactive=inactive)


def relative_gap(computed: int, declared: int) -> float:
    """|computed - declared| / declared."""
    return abs(computed - declared) / declared
