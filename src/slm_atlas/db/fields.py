"""The field reference: one row per sourced field of a model record, read off the Pydantic models.

The `fields` table lets a reader of the database (and the site, which reads nothing else) order
a record's values as the schema does, label them and say what each means, without a second
hand-written list: a field added to `schema/model.py` appears here with no other edit.
"""

from collections.abc import Iterator

from pydantic import BaseModel, Field

from ..schema.fact import Fact, Strict
from ..schema.introspect import unwrap
from ..schema.model import ModelRecord

# Words a label writes in capitals (they are acronyms in the field names).
ACRONYMS = {"kv": "KV", "qk": "QK", "ffn": "FFN", "mla": "MLA", "rope": "RoPE", "q": "Q", "lora": "LoRA"}
UNITS = ("tokens",)
PHRASES = {"fine tuning": "fine-tuning", "fine tuned": "fine-tuned", "vocab size": "vocabulary size", "dim": "width"}


class FieldRow(Strict):
    field: str = Field(
        description="Dotted path of the field in a record, e.g. architecture.kv_heads (provenance.field)."
    )
    section: str = Field(description="The record block it sits in: model, architecture or training.")
    ordinal: int = Field(description="Position in the schema's field order (records are shown in this order).")
    label: str = Field(description="A short human label, e.g. 'KV heads'.")
    description: str = Field(description="What the field means, from the schema.")


def label_of(name: str) -> str:
    """`context_length_tokens` -> 'Context length (tokens)'; `kv_heads` -> 'KV heads'."""
    words = name.split("_")
    unit = words.pop() if len(words) > 1 and words[-1] in UNITS else None
    text = " ".join(ACRONYMS.get(w, w) for w in words)
    for phrase, better in PHRASES.items():
        text = text.replace(phrase, better)
    text = text[0].upper() + text[1:]
    return f"{text} ({unit})" if unit and not text.endswith("-tuning") else text + (f" {unit}" if unit else "")


def _walk(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        inner, _ = unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, Fact):
            yield path, info.description or ""
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _walk(inner, path)


def field_rows() -> list[FieldRow]:
    """Every sourced field of ModelRecord (scores excepted: they are a table of their own)."""
    rows = []
    for ordinal, (path, description) in enumerate(_walk(ModelRecord, ())):
        section = path[0] if len(path) > 1 else "model"
        label = label_of(path[-1])
        if len(path) > 2:  # per_layer.kv_heads -> 'Per layer: KV heads'
            label = f"{label_of(path[-2])}: {label}"
        rows.append(
            FieldRow(field=".".join(path), section=section, ordinal=ordinal, label=label, description=description)
        )
    return rows
