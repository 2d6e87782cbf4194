"""The one table from a transformers `config.json` to the record's architecture fields.

Each field lists the config keys that may hold it, first match wins, and how to read the value.
The Hub audit (`db/hub_checks.py`) compares a snapshot's config with the record through it; a scaffold
that writes a record from a config.json reads the same table. A field no key holds is left out
(never guessed), except where transformers itself applies a default: `kv_heads` equals the query
heads when no key-value key exists (multi-head attention), `tied_embeddings` defaults to true,
`head_dim` is hidden size / heads.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# config activation names -> the atlas's Activation words
ACTIVATIONS = {
    "silu": "SiLU",
    "swish": "SiLU",
    "swiglu": "SiLU",
    "gelu": "GELU",
    "gelu_new": "GELU-tanh",
    "gelu_fast": "GELU-tanh",
    "gelu_pytorch_tanh": "GELU-tanh",
    "gelu_python": "GELU",
    "gelu_tanh": "GELU-tanh",
    "geglu": "GELU",
    "relu": "ReLU",
}
# keys whose presence says which normalisation the model uses
NORM_KEYS = {
    "rms_norm_eps": "RMSNorm",
    "rms_norm_epsilon": "RMSNorm",
    "layer_norm_eps": "LayerNorm",
    "layer_norm_epsilon": "LayerNorm",
    "layernorm_epsilon": "LayerNorm",
    "norm_eps": None,  # Phi-3, MiniCPM... say rms in another key; not enough alone
}
NORM_NAMES = {
    "rms_norm": "RMSNorm",
    "rmsnorm": "RMSNorm",
    "layer_norm": "LayerNorm",
    "layernorm": "LayerNorm",
    "default": "non-parametric LayerNorm",
    "low_precision": "LayerNorm",
}


@dataclass(frozen=True)
class ModelType:
    """What a transformers `model_type` implies that its config.json does not say."""

    ffn_kind: str
    norm: str
    position_encoding: str
    linear_bias: str
    tied_default: bool  # tie_word_embeddings when the key is absent (the config class default)
    activation: str | None = None  # the activation the implementation runs, when the config's name misleads
    bias_key: str | None = None  # a config flag that turns q/k/v biases on
    intermediate_factor: int | None = None  # intermediate = factor x hidden when no key gives it
    halved_intermediate: bool = False  # the config's intermediate_size counts both gated branches (Qwen 1)
    code: str = ""  # the implementation's module in transformers (or the remote code's repo)


_HF = "https://github.com/huggingface/transformers/blob/main/src/transformers/models/{0}/modeling_{0}.py"
MODEL_TYPES: dict[str, ModelType] = {
    "llama": ModelType("gated", "RMSNorm", "RoPE", "none", False, bias_key="attention_bias", code=_HF.format("llama")),
    "mistral": ModelType("gated", "RMSNorm", "RoPE", "none", False, code=_HF.format("mistral")),
    "qwen2": ModelType("gated", "RMSNorm", "RoPE", "qkv", False, code=_HF.format("qwen2")),
    "qwen": ModelType(
        "gated",
        "RMSNorm",
        "RoPE",
        "qkv",
        False,
        activation="SiLU",
        halved_intermediate=True,
        code="https://huggingface.co/Qwen/Qwen-1_8B/blob/main/modeling_qwen.py",
    ),
    "gpt_neox": ModelType("standard", "LayerNorm", "RoPE", "all", False, code=_HF.format("gpt_neox")),
    "gpt2": ModelType("standard", "LayerNorm", "learned", "all", True, intermediate_factor=4, code=_HF.format("gpt2")),
    "opt": ModelType("standard", "LayerNorm", "learned", "all", True, code=_HF.format("opt")),
    "bloom": ModelType(
        "standard",
        "LayerNorm",
        "ALiBi",
        "all",
        True,
        activation="GELU-tanh",
        intermediate_factor=4,
        code=_HF.format("bloom"),
    ),
    "phi": ModelType("standard", "LayerNorm", "RoPE", "all", False, code=_HF.format("phi")),
    "phi3": ModelType("gated", "RMSNorm", "RoPE", "none", False, code=_HF.format("phi3")),
    "gemma": ModelType("gated", "RMSNorm", "RoPE", "none", True, activation="GELU-tanh", code=_HF.format("gemma")),
    "gemma2": ModelType("gated", "RMSNorm", "RoPE", "none", True, activation="GELU-tanh", code=_HF.format("gemma2")),
    "recurrent_gemma": ModelType(
        "gated", "RMSNorm", "RoPE", "none", True, activation="GELU-tanh", code=_HF.format("recurrent_gemma")
    ),
    "stablelm": ModelType(
        "gated", "LayerNorm", "RoPE", "none", False, bias_key="use_qkv_bias", code=_HF.format("stablelm")
    ),
    "olmo": ModelType("gated", "non-parametric LayerNorm", "RoPE", "none", True, code=_HF.format("olmo")),
    "openelm": ModelType(
        "gated",
        "RMSNorm",
        "RoPE",
        "none",
        True,
        code="https://huggingface.co/apple/OpenELM-270M/blob/main/modeling_openelm.py",
    ),
    "minicpm": ModelType(
        "gated",
        "RMSNorm",
        "RoPE",
        "none",
        True,
        code="https://huggingface.co/openbmb/MiniCPM-2B-128k/blob/main/modeling_minicpm.py",
    ),
    "minicpm3": ModelType(
        "gated",
        "RMSNorm",
        "RoPE",
        "none",
        False,
        code="https://huggingface.co/openbmb/MiniCPM3-4B/blob/main/modeling_minicpm.py",
    ),
    "openlm": ModelType(
        "gated",
        "LayerNorm",
        "RoPE",
        "none",
        False,
        code="https://github.com/mlfoundations/open_lm/blob/main/open_lm/model.py",
    ),
}


@dataclass(frozen=True)
class Mapping:
    field: str  # dotted record field, e.g. architecture.kv_heads
    keys: tuple[str, ...]  # config keys that may hold it, first match wins
    read: Callable[[Any], Any] = lambda v: v


def whole_number(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _activation(value: Any) -> Any:
    return ACTIVATIONS.get(str(value).lower()) if value is not None else None


def _norm(value: Any) -> Any:
    return NORM_NAMES.get(str(value).lower())


TABLE: tuple[Mapping, ...] = (
    Mapping(
        "architecture.layers",
        ("num_hidden_layers", "n_layer", "num_layers", "num_transformer_layers", "n_layers"),
        whole_number,
    ),
    Mapping("architecture.hidden_size", ("hidden_size", "n_embd", "d_model", "model_dim", "hidden_dim"), whole_number),
    Mapping("architecture.attention_heads", ("num_attention_heads", "n_head", "num_heads", "n_heads"), whole_number),
    Mapping(
        "architecture.kv_heads",
        ("num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num"),
        whole_number,
    ),
    Mapping("architecture.head_dim", ("head_dim", "kv_channels", "head_size"), whole_number),
    Mapping(
        "architecture.intermediate_size",
        ("intermediate_size", "n_inner", "ffn_dim", "d_ff", "ffn_hidden_size"),
        whole_number,
    ),
    Mapping("architecture.vocab_size", ("vocab_size", "padded_vocab_size"), whole_number),
    Mapping(
        "architecture.context_length_tokens",
        (
            "max_position_embeddings",
            "n_positions",
            "max_sequence_length",
            "max_context_length",
            "seq_length",
            "n_ctx",
            "seq_len",
        ),
        whole_number,
    ),
    Mapping(
        "architecture.tied_embeddings",
        ("tie_word_embeddings", "share_input_output_layers", "weight_tying"),
        lambda v: v if isinstance(v, bool) else None,
    ),
    Mapping(
        "architecture.activation",
        ("hidden_activation", "hidden_act", "activation_function", "activation_fn_name", "hidden_activation_fn"),
        _activation,
    ),
    Mapping("architecture.norm", ("normalization_layer_name", "layer_norm_type", "norm_type"), _norm),
)


@dataclass(frozen=True)
class ConfigValue:
    field: str
    value: Any
    key: str  # the config key it was read from, or how it was derived


def read_config(config: dict[str, Any]) -> dict[str, ConfigValue]:
    """Every architecture field the config states, or implies through its model type."""
    out: dict[str, ConfigValue] = {}
    for mapping in TABLE:
        for key in mapping.keys:
            if key in config and config[key] is not None:
                value = mapping.read(config[key])
                if value is not None:
                    out[mapping.field] = ConfigValue(mapping.field, value, key)
                    break
    _defaults(config, out, MODEL_TYPES.get(str(config.get("model_type"))))
    return out


def _defaults(config: dict[str, Any], out: dict[str, ConfigValue], kind: ModelType | None) -> None:
    heads = out.get("architecture.attention_heads")
    hidden = out.get("architecture.hidden_size")
    model_type = config.get("model_type")
    if kind and kind.activation:
        out["architecture.activation"] = ConfigValue(
            "architecture.activation", kind.activation, f"model_type {model_type}"
        )
    if kind and kind.halved_intermediate and "architecture.intermediate_size" in out:
        found = out["architecture.intermediate_size"]
        out["architecture.intermediate_size"] = ConfigValue(
            found.field, found.value // 2, f"{found.key} / 2 (both gated branches)"
        )
    if "architecture.kv_heads" not in out and heads:
        if config.get("multi_query") is True:
            out["architecture.kv_heads"] = ConfigValue("architecture.kv_heads", 1, "multi_query")
        else:
            out["architecture.kv_heads"] = ConfigValue(
                "architecture.kv_heads", heads.value, f"{heads.key} (no key-value heads key: MHA)"
            )
    if "architecture.head_dim" not in out and heads and hidden and hidden.value % heads.value == 0:
        out["architecture.head_dim"] = ConfigValue(
            "architecture.head_dim", hidden.value // heads.value, f"{hidden.key} / {heads.key}"
        )
    if (
        "architecture.intermediate_size" not in out
        and hidden
        and ("n_inner" in config or (kind and kind.intermediate_factor))
    ):
        factor = kind.intermediate_factor if kind and kind.intermediate_factor else 4
        how = f"n_inner null: {factor} x {hidden.key}" if "n_inner" in config else f"{factor} x {hidden.key}"
        out["architecture.intermediate_size"] = ConfigValue(
            "architecture.intermediate_size", factor * hidden.value, how
        )
    if "architecture.tied_embeddings" not in out and ("architectures" in config or kind):
        default = kind.tied_default if kind else True
        out["architecture.tied_embeddings"] = ConfigValue(
            "architecture.tied_embeddings",
            default,
            f"tie_word_embeddings absent (the {model_type or 'config'} default, {str(default).lower()})",
        )
    if kind:
        out["architecture.norm"] = ConfigValue("architecture.norm", kind.norm, f"model_type {model_type}")
    elif "architecture.norm" not in out:
        for key, norm in NORM_KEYS.items():
            if norm and key in config:
                out["architecture.norm"] = ConfigValue("architecture.norm", norm, key)
                break
