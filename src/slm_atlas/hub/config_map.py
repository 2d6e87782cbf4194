"""The one table from a transformers `config.json` to the record's architecture fields.

Each field lists the config keys that may hold it, first match wins, and how to read the value.
The Hub audit (`checks.py`) compares a snapshot's config with the record through it; a scaffold
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
    "silu": "SiLU", "swish": "SiLU", "swiglu": "SiLU",
    "gelu": "GELU", "gelu_new": "GELU-tanh", "gelu_fast": "GELU-tanh", "gelu_pytorch_tanh": "GELU-tanh",
    "gelu_python": "GELU", "gelu_tanh": "GELU-tanh", "geglu": "GELU",
    "relu": "ReLU",
}
# keys whose presence says which normalisation the model uses
NORM_KEYS = {
    "rms_norm_eps": "RMSNorm", "rms_norm_epsilon": "RMSNorm",
    "layer_norm_eps": "LayerNorm", "layer_norm_epsilon": "LayerNorm", "layernorm_epsilon": "LayerNorm",
    "norm_eps": None,  # Phi-3, MiniCPM... say rms in another key; not enough alone
}
NORM_NAMES = {"rms_norm": "RMSNorm", "rmsnorm": "RMSNorm", "layer_norm": "LayerNorm", "layernorm": "LayerNorm",
              "default": "non-parametric LayerNorm", "low_precision": "LayerNorm"}


@dataclass(frozen=True)
class Mapping:
    field: str                      # dotted record field, e.g. architecture.kv_heads
    keys: tuple[str, ...]           # config keys that may hold it, first match wins
    read: Callable[[Any], Any] = lambda v: v


def _int(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _activation(value: Any) -> Any:
    return ACTIVATIONS.get(str(value).lower()) if value is not None else None


def _norm(value: Any) -> Any:
    return NORM_NAMES.get(str(value).lower())


TABLE: tuple[Mapping, ...] = (
    Mapping("architecture.layers", ("num_hidden_layers", "n_layer", "num_layers", "num_transformer_layers"), _int),
    Mapping("architecture.hidden_size", ("hidden_size", "n_embd", "d_model", "model_dim"), _int),
    Mapping("architecture.attention_heads", ("num_attention_heads", "n_head", "num_heads"), _int),
    Mapping("architecture.kv_heads", ("num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num"), _int),
    Mapping("architecture.head_dim", ("head_dim", "kv_channels", "head_size"), _int),
    Mapping("architecture.intermediate_size", ("intermediate_size", "n_inner", "ffn_dim", "d_ff", "ffn_hidden_size"), _int),
    Mapping("architecture.vocab_size", ("vocab_size", "padded_vocab_size"), _int),
    Mapping("architecture.context_length_tokens",
            ("max_position_embeddings", "n_positions", "max_sequence_length", "max_context_length", "seq_length", "n_ctx"), _int),
    Mapping("architecture.tied_embeddings", ("tie_word_embeddings", "share_input_output_layers"),
            lambda v: v if isinstance(v, bool) else None),
    Mapping("architecture.activation", ("hidden_act", "hidden_activation", "activation_function", "activation_fn_name", "hidden_activation_fn"),
            _activation),
    Mapping("architecture.norm", ("normalization_layer_name", "layer_norm_type", "norm_type"), _norm),
)
FIELDS = tuple(m.field for m in TABLE)


@dataclass(frozen=True)
class ConfigValue:
    field: str
    value: Any
    key: str      # the config key it was read from, or how it was derived


def read_config(config: dict[str, Any]) -> dict[str, ConfigValue]:
    """Every architecture field the config states (or implies by transformers' defaults)."""
    out: dict[str, ConfigValue] = {}
    for mapping in TABLE:
        for key in mapping.keys:
            if key in config and config[key] is not None:
                value = mapping.read(config[key])
                if value is not None:
                    out[mapping.field] = ConfigValue(mapping.field, value, key)
                    break
    _defaults(config, out)
    return out


def _defaults(config: dict[str, Any], out: dict[str, ConfigValue]) -> None:
    heads = out.get("architecture.attention_heads")
    hidden = out.get("architecture.hidden_size")
    if "architecture.kv_heads" not in out and heads:
        if config.get("multi_query") is True:
            out["architecture.kv_heads"] = ConfigValue("architecture.kv_heads", 1, "multi_query")
        else:
            out["architecture.kv_heads"] = ConfigValue("architecture.kv_heads", heads.value, f"{heads.key} (no key-value heads key: MHA)")
    if "architecture.head_dim" not in out and heads and hidden and hidden.value % heads.value == 0:
        out["architecture.head_dim"] = ConfigValue("architecture.head_dim", hidden.value // heads.value, f"{hidden.key} / {heads.key}")
    if "architecture.intermediate_size" not in out and hidden and "n_inner" in config:
        out["architecture.intermediate_size"] = ConfigValue("architecture.intermediate_size", 4 * hidden.value, "n_inner null: 4 x n_embd")
    if "architecture.tied_embeddings" not in out and "architectures" in config:
        out["architecture.tied_embeddings"] = ConfigValue("architecture.tied_embeddings", True, "tie_word_embeddings absent (default true)")
    if "architecture.norm" not in out:
        for key, norm in NORM_KEYS.items():
            if norm and key in config:
                out["architecture.norm"] = ConfigValue("architecture.norm", norm, key)
                break
