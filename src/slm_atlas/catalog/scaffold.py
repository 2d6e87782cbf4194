"""`slm-atlas new`: a first draft of a record from a model's config.json.

Every architecture field the config gives (through the one key table in `hub/config_map.py`) is
filled and sourced as that config; what the config's `model_type` implies (FFN kind, norm,
position encoding, biases) is sourced as the implementation's code; the exact parameter count is
computed. Everything a person must still research (name and maker, release, licence, training)
is present as `null` with a note starting "TO FILL", so the first `slm-atlas validate` lists
exactly what is left. The draft is written in the canonical layout (`slm-atlas fmt` leaves it).
"""

import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..files import remove_stale, write_text
from ..schema.config_map import MODEL_TYPES, TABLE, read_config, whole_number
from ..schema.lists import Reference
from ..schema.model import HUB_REPO, Architecture
from ..schema.types import check_id
from .diagnostics import display_path
from .messages import _message
from .parameters import compute_parameters
from .rules.base import PLACEHOLDER_ID
from .writer import add_list_entry, record_text

TO_FILL = "TO FILL: "  # the to-fill rule reports every value whose note (or text) starts so
MAKE_DIVISIBLE = 256  # OpenELM's ffn_dim_divisor default
MAX_CONFIG_NUMBER = 1e15  # above any size, count or RoPE base a config holds


class ScaffoldError(Exception):
    """The config cannot be turned into a record (unknown model type, missing sizes); nothing was written."""


class ScaffoldUsageError(ScaffoldError):
    """A command-line value is unusable (an id that is not a slug, a Hub repository without owner/name)."""


# config.json keys the draft reads, by the kind of value each must hold
_NUMBERS = ("partial_rotary_factor", "rotary_pct", "rope_theta", "rotary_emb_base")
_WHOLE = (
    "word_embed_proj_dim",
    "sliding_window",
    "attention_window_size",
    "model_dim",
    "ffn_dim_divisor",
    "q_lora_rank",
    "kv_lora_rank",
    "qk_nope_head_dim",
    "qk_rope_head_dim",
    "v_head_dim",
)
_WHOLE_LISTS = ("num_query_heads", "num_kv_heads")


def _kind_of(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def config_problems(config: Any) -> list[str]:
    """What makes a config.json unusable for a draft, one line per key (empty when it is usable)."""
    if not isinstance(config, dict):
        return [f"config.json must be a JSON object (a mapping of keys to values), not {_kind_of(config)}"]
    sizes = {key for mapping in TABLE if mapping.read is whole_number for key in mapping.keys}
    wanted = dict.fromkeys(sizes, "whole")
    wanted |= {key: "whole" for key in _WHOLE} | {key: "number" for key in _NUMBERS}
    wanted |= {key: "whole list" for key in _WHOLE_LISTS} | {"ffn_multipliers": "number list"}
    problems = []
    for key, kind in wanted.items():
        value = config.get(key)
        if value is None:
            continue
        items = value if kind.endswith("list") and isinstance(value, list) else [value]
        whole = kind.startswith("whole")
        fine = (not kind.endswith("list") or isinstance(value, list)) and all(
            isinstance(v, int if whole else (int, float)) and not isinstance(v, bool) for v in items
        )
        if not fine:
            expected = ("a list of " if kind.endswith("list") else "") + (
                "whole numbers"
                if whole and kind.endswith("list")
                else "a whole number"
                if whole
                else "numbers"
                if kind.endswith("list")
                else "a number"
            )
            problems.append(f"config.json key '{key}' must be {expected} (got {_kind_of(value)}: {str(value)[:40]!r})")
        elif any(not math.isfinite(v) or v < 0 or v > MAX_CONFIG_NUMBER for v in items):
            problems.append(f"config.json key '{key}' holds {str(value)[:40]}: not a size a model has")
        elif key in sizes and any(v == 0 for v in items):
            problems.append(f"config.json key '{key}' is 0: a model has at least one")
    return problems


@dataclass
class Draft:
    path: Path
    record: str
    parameters: int | None  # the exact count computed from the config, when every size is known
    reference: str | None  # the references entry appended, if it was new
    left: list[str]  # the fields a person must fill


def _todo(note: str) -> dict[str, Any]:
    return {"value": None, "note": TO_FILL + note}


def _make_divisible(value: float, divisor: int) -> int:
    new = max(divisor, int(value + divisor / 2) // divisor * divisor)
    return new + divisor if new < 0.9 * value else new


def _openelm(config: dict[str, Any], arch: dict[str, Any]) -> None:
    """OpenELM's layer-wise scaling: per-layer heads and FFN widths."""
    hidden, divisor = config["model_dim"], config.get("ffn_dim_divisor", MAKE_DIVISIBLE)
    arch["per_layer"] = {
        "attention_heads": config["num_query_heads"],
        "kv_heads": config["num_kv_heads"],
        "intermediate_size": [_make_divisible(m * hidden, divisor) for m in config["ffn_multipliers"]],
    }
    for name in ("attention_heads", "kv_heads", "intermediate_size"):
        arch[name] = {"value": None, "status": "not_applicable", "note": "Varies by layer (see per_layer)."}


def _mla(config: dict[str, Any], arch: dict[str, Any]) -> None:
    arch["mla"] = {
        name: config[name]
        for name in ("q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim")
    }


def architecture(config: dict[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """The architecture block (canonical key order) and the fields it could not fill."""
    model_type = config.get("model_type")
    kind = MODEL_TYPES.get(str(model_type))
    if kind is None:
        known = ", ".join(sorted(MODEL_TYPES))
        raise ScaffoldError(
            f"model_type {model_type!r} is not supported (supported: {known}); write the record by hand"
        )
    found = read_config(config)
    arch: dict[str, Any] = {"source": source}
    code = {"source": kind.code}
    fields = [name for name in Architecture.model_fields if name not in ("source", "notes")]
    for name in fields:
        got = found.get(f"architecture.{name}")
        if got is None:
            continue
        if got.key.startswith("model_type"):
            arch[name] = {"value": got.value, **code}
        elif " / " in got.key or " x " in got.key:
            arch[name] = {"value": got.value, "source": "derived", "note": f"{got.key} (config.json)."}
        elif " " in got.key:
            arch[name] = {"value": got.value, "note": f"{got.key}."}
        else:
            arch[name] = got.value
    if model_type == "openelm":
        _openelm(config, arch)
    heads, kv = _value(arch.get("attention_heads")), _value(arch.get("kv_heads"))
    if "q_lora_rank" in config:
        _mla(config, arch)
        arch["attention_kind"] = "MLA"
    elif heads and kv:
        arch["attention_kind"] = "MHA" if kv == heads else "MQA" if kv == 1 else "GQA"
    elif model_type == "openelm":
        arch["attention_kind"] = "GQA"
    arch["ffn_kind"] = {"value": kind.ffn_kind, **code}
    arch["position_encoding"] = {"value": kind.position_encoding, **code}
    bias = "qkv" if kind.bias_key and config.get(kind.bias_key) else kind.linear_bias
    arch["linear_bias"] = {"value": bias, **code}
    fraction = config.get("partial_rotary_factor") or config.get("rotary_pct")
    if fraction and fraction < 1:
        arch["rotary_fraction"] = fraction
    theta = config.get("rope_theta") or config.get("rotary_emb_base")
    if theta and kind.position_encoding == "RoPE":
        arch["rope_theta"] = float(theta)
    if config.get("qk_layernorm") or config.get("normalize_qk_projections"):
        arch["qk_norm"] = True
    if config.get("word_embed_proj_dim") and config.get("word_embed_proj_dim") != config.get("hidden_size"):
        arch["embedding_dim"] = config["word_embed_proj_dim"]
    window = config.get("attention_window_size") or (
        config.get("sliding_window") if config.get("use_sliding_window", True) else None
    )
    if window and model_type in ("mistral", "gemma2", "recurrent_gemma", "qwen2"):
        arch["attention_window_tokens"] = window
    left = [
        f"architecture.{name}" for name in fields if name not in arch and Architecture.model_fields[name].is_required()
    ]
    for name in left:
        arch[name.split(".")[1]] = _todo("the config does not say; cite the technical report or the code.")
    return {key: arch[key] for key in ["source", *fields] if key in arch}, left


def _value(fact: Any) -> Any:
    return fact.get("value") if isinstance(fact, dict) else fact


def architecture_problems(arch: dict[str, Any], config: dict[str, Any]) -> list[str]:
    """The drafted values the schema rejects (zero heads, 10**30 layers), each with the config key it came from."""
    try:
        Architecture.model_validate({k: v for k, v in arch.items() if k != "source"})
    except ValidationError as exc:
        found = read_config(config)
        problems = []
        for error in exc.errors(include_url=False):
            field = f"architecture.{error['loc'][0]}"
            key = found[field].key if field in found else "the config"
            message = _message(error)[0]
            problems.append(f"{field} (from config.json {key}): {message}")
        return problems
    return []


def parameters(arch: dict[str, Any]) -> int | None:
    """The exact count from the drafted architecture (None when a size is still missing)."""
    try:
        counts = compute_parameters(Architecture.model_validate({k: v for k, v in arch.items() if k != "source"}))
    except (ValueError, TypeError, AttributeError):
        return None
    return counts.total if counts else None


def draft(config: dict[str, Any], model_id: str, hub_repo: str, source: str) -> tuple[dict[str, Any], list[str]]:
    """The whole record as plain data in canonical order, and the fields left to fill."""
    arch, left = architecture(config, source)
    total = parameters(arch)
    repo_name = hub_repo.split("/")[1]
    lowered = repo_name.lower()
    kind = (
        "chat" if "chat" in lowered else "instruct" if any(w in lowered for w in ("instruct", "-it", "sft")) else "base"
    )
    record: dict[str, Any] = {
        "id": model_id,
        "name": repo_name,
        "family": TO_FILL + "the model family, e.g. SmolLM2",
        "organization": PLACEHOLDER_ID,
        "hub_repo": hub_repo,
        "kind": kind,
        "released": {
            **_todo(
                "the day the weights became public, YYYY-MM-DD, with its source; set event to weights-on-hub"
                " (first Hub commit), weights-release-post or announcement (survey/scope.md)."
            ),
            "event": "weights-on-hub",
        },
        "license": _todo("the weights' licence (an id in catalog/licenses.yaml), with its source."),
        "parameters": {
            "value": total,
            "source": "derived",
            "note": "Computed from config.json by slm-atlas new; say what the makers state.",
        }
        if total
        else _todo("the exact total parameter count."),
        "architecture": arch,
        "training": {
            "tokens": _todo("pre-training tokens (600B, 1.5T), with its source."),
            "datasets": _todo("pre-training corpora: ids in catalog/datasets.yaml."),
            "techniques": _todo("training techniques: ids in catalog/techniques.yaml, or [] when none is reported."),
            "data_openness": _todo("open, partial or closed."),
        },
        "notes": TO_FILL
        + f"check kind (drafted as {kind} from the repository name), then replace this note with anything"
        " a reader should know, or remove it.",
    }
    left = [
        "family",
        "organization",
        "released",
        "license",
        *left,
        "training.tokens",
        "training.datasets",
        "training.techniques",
        "training.data_openness",
        "notes",
    ] + ([] if total else ["parameters"])
    return record, left


def render(record: dict[str, Any]) -> str:
    """YAML in the canonical layout (what `slm-atlas fmt` writes)."""
    return record_text(record)


def reference_entry(source: str, hub_repo: str, revision: str | None, today: date) -> dict[str, str]:
    """The references entry of the config a draft was made from (validated as a Reference)."""
    url = f"https://huggingface.co/{hub_repo}/blob/{revision or 'main'}/config.json"
    entry = {
        "id": source,
        "kind": "config",
        "title": f"{hub_repo} config.json",
        "url": url,
        "accessed": today.isoformat(),
    }
    Reference.model_validate(entry)
    return entry


def check_usage(model_id: str, hub_repo: str) -> None:
    """The id must be a slug before any path is made of it, and the repository owner/name (ScaffoldUsageError)."""
    try:
        check_id(model_id)
    except ValueError as exc:
        raise ScaffoldUsageError(f"--id: {exc}") from None
    if not HUB_REPO.match(hub_repo):
        raise ScaffoldUsageError(
            f"--hub-repo: '{hub_repo}' is not a Hub repository id: OWNER/NAME, letters, digits, '-', '_' and '.'"
        )


def write_draft(
    catalog_dir: Path,
    config: Any,
    model_id: str,
    hub_repo: str,
    revision: str | None = None,
    force: bool = False,
    today: date | None = None,
) -> Draft:
    """Write catalog/models/<id>.yaml and add the config's references entry (when new) to survey/references.yaml.

    Nothing else is written: the id is a slug, so the path stays in catalog/models/; the references
    entry is added as data through the YAML writer (comments and layout of the file kept)."""
    check_usage(model_id, hub_repo)
    problems = config_problems(config)
    if problems:
        raise ScaffoldError("the config cannot be drafted from:\n  " + "\n  ".join(problems))
    path = catalog_dir / "models" / f"{model_id}.yaml"
    remove_stale(path.parent)
    if os.path.lexists(path) and not force:
        raise ScaffoldError(f"{display_path(path)} already exists; pass --force to replace it")
    source = f"{model_id}-config"
    record, left = draft(config, model_id, hub_repo, source)
    problems = architecture_problems(record["architecture"], config)
    if problems:
        raise ScaffoldError("the config's values are not a model's:\n  " + "\n  ".join(problems))
    text = render(record)
    references = catalog_dir.parent / "survey" / "references.yaml"
    entry = reference_entry(source, hub_repo, revision, today or date.today())
    added = add_list_entry(references, "references", entry)
    write_text(path, text)
    total = record["parameters"].get("value")
    return Draft(path, text, total, source if added else None, left)
