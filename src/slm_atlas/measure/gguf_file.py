"""A record's architecture as a GGUF file with random weights, and its llama.cpp quantizations.

llama.cpp runs a GGUF file; the atlas writes one for every record it can express in llama.cpp's
`llama` architecture (RMSNorm, RoPE, gated FFN, GQA, optional Q/K/V biases, optional experts),
with the record's own sizes. What the `llama` blocks cannot hold is replaced by a block of the
same size and cost, and the result says so (`module`, `module_exact: false`):

- a standard FFN of width f becomes a gated FFN of width round(2f/3) (same weights and FLOPs);
- learned positions and ALiBi become RoPE, LayerNorm becomes RMSNorm, GELU becomes SiLU (the
  cost of these is a rounding error next to the matrix products);
- per-layer widths (OpenELM) become the mean widths; a shared FFN becomes one FFN per layer;
- sliding-window and NoPE layers run as full attention with RoPE (the same cost at the atlas's
  prompt lengths, which are shorter than every recorded window); QK-norm is left out;
- natively low-bit weights (BitNet's ternary) are written in F16 and quantized like the others.
SSM, short-convolution, recurrent and latent-attention (MLA) layers, per-layer inputs and MoE
with shared experts have no `llama` block: the
result is `unsupported` with that reason (llama.cpp runs several natively, but the atlas writes
only `llama` files).

Weights are F16 (norms F32), filled from a seeded generator with values in [-0.02, 0.02], never
zero. The vocabulary is a placeholder of the record's size (`<t0>`, `<t1>`, ...): prompts are
token ids, so no text is tokenized.
"""

from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any, NamedTuple

from ..files import atomic_path
from .families import Unsupported

# name -> llama.cpp's file type constant name in llama_cpp
QUANTS = {
    "q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0",
    "q6_k": "LLAMA_FTYPE_MOSTLY_Q6_K",
    "q5_k_m": "LLAMA_FTYPE_MOSTLY_Q5_K_M",
    "q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M",
    "q4_0": "LLAMA_FTYPE_MOSTLY_Q4_0",
    "q3_k_m": "LLAMA_FTYPE_MOSTLY_Q3_K_M",
}
FORMATS = ("f16", *QUANTS)
BLOCK = 1 << 20  # values in the repeated random block that fills every matrix


@dataclass(frozen=True)
class Shape:
    layers: int
    hidden: int
    heads: int
    kv_heads: int
    head_dim: int
    ffn: int
    vocab: int
    context: int
    tied: bool
    qkv_bias: bool
    experts: int = 0
    active_experts: int = 0
    expert_ffn: int = 0
    module: str = "llama"
    exact: bool = True

    @property
    def parameters(self) -> int:
        d, q, kv = self.hidden, self.heads * self.head_dim, self.kv_heads * self.head_dim
        attention = 2 * d * q + 2 * d * kv + (q + 2 * kv if self.qkv_bias else 0)
        ffn = self.experts * (3 * d * self.expert_ffn) + d * self.experts if self.experts else 3 * d * self.ffn
        embedding = self.vocab * d * (1 if self.tied else 2)
        return embedding + self.layers * (attention + ffn + 2 * d) + d


def _v(fact: Any) -> Any:
    return None if fact is None else fact.value


def shape(record: Any) -> Shape:
    """The `llama` shape that stands in for a record, or Unsupported with the reason."""
    arch = record.architecture
    kinds = set(_v(arch.layer_types) or [])
    blocked = sorted(k for k in kinds if k not in ("full-attention", "sliding-attention"))
    if _v(arch.attention_kind) == "MLA":
        raise Unsupported("multi-head latent attention (MLA) has no block in llama.cpp's llama architecture")
    if blocked:
        raise Unsupported(f"{', '.join(blocked)} layers have no block in llama.cpp's llama architecture")
    if arch.per_layer_inputs is not None:
        raise Unsupported("per-layer inputs (Gemma 3n) have no block in llama.cpp's llama architecture")
    if arch.moe is not None and (_v(arch.moe.shared_experts) or _v(arch.moe.dense_layers)):
        raise Unsupported(
            "shared experts or dense layers among experts have no block in llama.cpp's llama architecture"
        )
    layers, hidden, vocab = _v(arch.layers), _v(arch.hidden_size), _v(arch.vocab_size)
    heads, kv, ffn = _v(arch.attention_heads), _v(arch.kv_heads), _v(arch.intermediate_size)
    notes: list[str] = []
    if arch.per_layer is not None:
        per = arch.per_layer
        heads, ffn = round(mean(per.attention_heads.value)), round(mean(per.intermediate_size.value))
        kv = max(1, round(mean(per.kv_heads.value)))
        while heads % kv:
            kv -= 1
        notes.append("mean per-layer widths")
    if not all((layers, hidden, vocab, heads, kv, ffn)):
        raise Unsupported(
            "the record lacks a size the file needs (layers, hidden, heads, KV heads, FFN width, vocabulary)"
        )
    head_dim = _v(arch.head_dim) or hidden // heads
    if _v(arch.ffn_kind) == "standard":
        ffn = round(2 * ffn / 3)
        notes.append("gated FFN of 2/3 the width for the standard FFN")
    for wanted, field, label in (("RoPE", "position_encoding", "RoPE"), ("RMSNorm", "norm", "RMSNorm")):
        if _v(getattr(arch, field)) != wanted:
            notes.append(f"{label} for {_v(getattr(arch, field))}")
    if _v(arch.parameter_sharing) == "shared-ffn":
        notes.append("one FFN per layer for the shared FFN")
    if "sliding-attention" in kinds or _v(arch.nope_layers):
        notes.append("full attention with RoPE for sliding-window and NoPE layers")
    if _v(arch.qk_norm):
        notes.append("no QK-norm")
    if _v(arch.weight_bits):
        notes.append(f"F16 and llama.cpp's quantizations for the native {_v(arch.weight_bits)}-bit weights")
    bias = _v(arch.linear_bias) or "none"
    if bias == "all":
        notes.append("Q/K/V biases only")
    moe = arch.moe
    experts = (_v(moe.experts), _v(moe.active_experts), _v(moe.expert_intermediate_size)) if moe else (0, 0, 0)
    module = "llama.cpp llama" + (f" ({'; '.join(notes)})" if notes else "")
    return Shape(
        layers,
        hidden,
        heads,
        kv,
        head_dim,
        ffn,
        vocab,
        _v(arch.context_length_tokens) or 4096,
        bool(_v(arch.tied_embeddings)),
        bias != "none",
        experts=experts[0],
        active_experts=experts[1],
        expert_ffn=experts[2],
        module=module,
        exact=not notes,
    )


def _tensors(s: Shape) -> list[tuple[str, tuple[int, ...]]]:
    """(name, numpy shape) of every tensor, in file order; 1-D tensors are norms and biases."""
    d, q, kv = s.hidden, s.heads * s.head_dim, s.kv_heads * s.head_dim
    out: list[tuple[str, tuple[int, ...]]] = [("token_embd.weight", (s.vocab, d))]
    for i in range(s.layers):
        b = f"blk.{i}."
        out += [
            (b + "attn_norm.weight", (d,)),
            (b + "attn_q.weight", (q, d)),
            (b + "attn_k.weight", (kv, d)),
            (b + "attn_v.weight", (kv, d)),
            (b + "attn_output.weight", (d, q)),
            (b + "ffn_norm.weight", (d,)),
        ]
        if s.qkv_bias:
            out += [(b + "attn_q.bias", (q,)), (b + "attn_k.bias", (kv,)), (b + "attn_v.bias", (kv,))]
        if s.experts:
            e, f = s.experts, s.expert_ffn
            out += [
                (b + "ffn_gate_inp.weight", (e, d)),
                (b + "ffn_gate_exps.weight", (e, f, d)),
                (b + "ffn_up_exps.weight", (e, f, d)),
                (b + "ffn_down_exps.weight", (e, d, f)),
            ]
        else:
            out += [
                (b + "ffn_gate.weight", (s.ffn, d)),
                (b + "ffn_up.weight", (s.ffn, d)),
                (b + "ffn_down.weight", (d, s.ffn)),
            ]
    out.append(("output_norm.weight", (d,)))
    if not s.tied:
        out.append(("output.weight", (s.vocab, d)))
    return out


def write_f16(s: Shape, path: Path, seed: int = 0) -> int:
    """Write the F16 file (atomically); returns its tensor bytes."""
    import gguf
    import numpy as np

    block = (np.random.default_rng(seed).uniform(-0.02, 0.02, BLOCK)).astype(np.float16)
    with atomic_path(path) as temporary:
        writer = gguf.GGUFWriter(str(temporary), "llama")
        writer.add_context_length(s.context)
        writer.add_embedding_length(s.hidden)
        writer.add_block_count(s.layers)
        writer.add_feed_forward_length(s.ffn)
        writer.add_head_count(s.heads)
        writer.add_head_count_kv(s.kv_heads)
        writer.add_key_length(s.head_dim)
        writer.add_value_length(s.head_dim)
        writer.add_rope_dimension_count(s.head_dim)
        writer.add_layer_norm_rms_eps(1e-5)
        writer.add_vocab_size(s.vocab)
        writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
        if s.experts:
            writer.add_expert_count(s.experts)
            writer.add_expert_used_count(s.active_experts)
            writer.add_expert_feed_forward_length(s.expert_ffn)
        writer.add_tokenizer_model("llama")
        writer.add_token_list([f"<t{i}>" for i in range(s.vocab)])
        writer.add_token_scores([0.0] * s.vocab)
        writer.add_token_types([gguf.TokenType.NORMAL] * s.vocab)
        writer.add_bos_token_id(1)
        writer.add_eos_token_id(2)
        tensors = _tensors(s)
        total = 0
        for name, dims in tensors:
            dtype = np.float32 if len(dims) == 1 else np.float16
            nbytes = int(np.prod(dims)) * np.dtype(dtype).itemsize
            writer.add_tensor_info(name, dims, np.dtype(dtype), nbytes)
            total += nbytes
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for _, dims in tensors:
            n = int(np.prod(dims))
            if len(dims) == 1:
                data = np.ones(n, dtype=np.float32)
            else:
                data = np.resize(block, n)
            writer.write_tensor_data(data.reshape(dims))
        writer.close()
    return total


def quantize(source: Path, target: Path, fmt: str, threads: int) -> None:
    """Quantize with llama.cpp's own quantizer (atomically)."""
    import ctypes

    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.nthread = threads
    params.ftype = getattr(llama_cpp, QUANTS.get(fmt, "LLAMA_FTYPE_MOSTLY_F16"))
    with atomic_path(target) as temporary:
        code = llama_cpp.llama_model_quantize(str(source).encode(), str(temporary).encode(), ctypes.byref(params))
        if code != 0:
            raise RuntimeError(f"llama.cpp could not quantize to {fmt} (code {code})")


class FileBytes(NamedTuple):
    total: int  # every tensor
    table: int  # the input embedding table
    by_type: dict[str, int]  # per tensor type
    unrouted: int  # routed-expert bytes one token does not read: experts x (1 - used / count)
    unrouted_parameters: int  # the elements of those unread experts


def tensor_bytes(path: Path) -> FileBytes:
    """What a file's tensors weigh, and how much of it one decoded token reads (experts a token is
    not routed to stay unread; the file's own expert_count and expert_used_count say how many)."""
    import gguf

    reader = gguf.GGUFReader(str(path))
    arch = _field(reader, "general.architecture")
    count, used = _field(reader, f"{arch}.expert_count", 0), _field(reader, f"{arch}.expert_used_count", 0)
    total = table = experts = expert_elements = 0
    by_type: dict[str, int] = {}
    for tensor in reader.tensors:
        size = int(tensor.n_bytes)
        total += size
        by_type[tensor.tensor_type.name] = by_type.get(tensor.tensor_type.name, 0) + size
        if tensor.name == "token_embd.weight":
            table = size
        if tensor.name.endswith("_exps.weight"):
            experts, expert_elements = experts + size, expert_elements + int(tensor.n_elements)
    idle = (count - used) / count if count else 0.0
    return FileBytes(total, table, by_type, round(experts * idle), round(expert_elements * idle))


def _field(reader: Any, key: str, default: Any = None) -> Any:
    found = reader.get_field(key)
    return default if found is None else found.contents()


def describe(path: Path) -> dict[str, Any]:
    """What the runner needs of a GGUF file it did not write (`--weights FILE.gguf`): the sizes
    behind its KV cache, its vocabulary, whether its head is tied, its parameters, and whether
    it is already F16 (llama.cpp's file type 1)."""
    import gguf

    reader = gguf.GGUFReader(str(path))

    def field(key: str, default: Any = None) -> Any:
        return _field(reader, key, default)

    arch = field("general.architecture")
    if not arch:
        raise ValueError(f"{path}: no general.architecture in the GGUF header")
    names = {t.name for t in reader.tensors}
    heads = field(f"{arch}.attention.head_count")
    kv_heads = field(f"{arch}.attention.head_count_kv", heads)
    heads, kv_heads = (max(h) if isinstance(h, list) else h for h in (heads, kv_heads))  # per-layer lists
    hidden = field(f"{arch}.embedding_length")
    tokens = field("tokenizer.ggml.tokens")
    return {
        "module": f"llama.cpp {arch} (the file's own)",
        "module_exact": True,
        "layers": field(f"{arch}.block_count"),
        "kv_heads": kv_heads,
        "head_dim": field(f"{arch}.attention.key_length", hidden // heads),
        "vocab": len(tokens) if tokens else field(f"{arch}.vocab_size"),
        "tied": "output.weight" not in names,
        "parameters_built": sum(int(t.n_elements) for t in reader.tensors),
        "f16": field("general.file_type") == 1,
    }
