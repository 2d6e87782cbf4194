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

Recurrent blocks (RecurrentGemma's RG-LRU) are outside this formula; such a record states a
`parameter_check_exemption` instead.
"""

from dataclasses import dataclass

from ..schema.model import Architecture

TOLERANCE = 0.03


@dataclass(frozen=True)
class ParameterCount:
    embedding: int
    non_embedding: int

    @property
    def total(self) -> int:
        return self.embedding + self.non_embedding


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


def compute_parameters(arch: Architecture) -> ParameterCount | None:
    """The count implied by `arch`, or None when a value it needs is null."""
    needed = (arch.hidden_size, arch.head_dim, arch.vocab_size, arch.ffn_kind, arch.norm, arch.linear_bias)
    sizes = _layer_sizes(arch)
    if sizes is None or any(_v(f) is None for f in needed):
        return None
    if arch.mla is not None and any(_v(getattr(arch.mla, n)) is None for n in type(arch.mla).model_fields if n != "source"):
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
    body = norms  # the final norm
    for index, (heads, kv, f) in enumerate(sizes):
        body += _attention(arch, d, heads, kv, hd) + 2 * norms + qk_norms
        if not shared_ffn or index == 0:
            body += _ffn(arch, d, f)
    return ParameterCount(embedding=embedding, non_embedding=body)


def relative_gap(computed: int, declared: int) -> float:
    """|computed - declared| / declared."""
    return abs(computed - declared) / declared
