"""Files generated from the Pydantic models, and the check that the committed copies are fresh.

- schema/model.schema.json, one schema per shared list and schema/finding.schema.json (survey/findings/),
  for editors (yaml-language-server):
  a fact accepts the bare value or the full mapping, which Pydantic's own schema cannot say, so
  each `Fact[...]` definition is rewritten to `anyOf: [value, mapping]`;
- schema/tables.sql: the DuckDB DDL and views;
- the annotated record template in CONTRIBUTING.md (between its two generated-block markers).
"""

import json
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .catalog.fmt import canonical_order
from .db.ddl import schema_sql
from .files import write_text
from .schema.enums import ReferenceKind, choices
from .schema.fact import Fact
from .schema.findings import Finding
from .schema.introspect import fact_inner, unwrap
from .schema.lists import CATALOG_FILES
from .schema.model import ModelRecord

COMMAND = "slm-atlas schema"
BANNER = f"generated from the Pydantic models in src/slm_atlas/schema; do not edit; run `{COMMAND}`"


def _accept_short_form(schema: dict[str, Any]) -> dict[str, Any]:
    for name, definition in schema.get("$defs", {}).items():
        if not definition.pop("x-fact", False):
            continue
        value = definition["properties"]["value"]
        options = [o for o in value.get("anyOf", [value]) if o.get("type") != "null"]
        schema["$defs"][name] = {"anyOf": [*options, definition], "description": definition.get("description", "")}
    return schema


def json_schema(model: type[BaseModel]) -> str:
    schema = _accept_short_form(model.model_json_schema())
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$comment": BANNER, **schema}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def generated_files() -> dict[str, str]:
    """Repository-relative path -> content, for every generated file."""
    files = {"schema/model.schema.json": json_schema(ModelRecord)}
    for _, model, key in CATALOG_FILES:
        files[f"schema/{key}.schema.json"] = json_schema(model)
    files["schema/finding.schema.json"] = json_schema(Finding)
    files["schema/tables.sql"] = (
        f"-- {BANNER}\n-- The DuckDB tables and views of build/slm-atlas.duckdb.\n\n{schema_sql()}"
    )
    return files


TEMPLATE_START = "<!-- generated: record template; run `slm-atlas schema` -->"
TEMPLATE_END = "<!-- end of generated record template -->"


def _choices(annotation: Any) -> str:
    inner, _ = unwrap(annotation)
    inner = fact_inner(inner) or inner
    inner, _ = unwrap(inner)
    if get_origin(inner) is Literal:
        return " One of: " + ", ".join(str(a) for a in get_args(inner)) + "."
    return ""


def _template_lines(model: type[BaseModel], indent: str = "", first: str = "") -> list[str]:
    """`field:  # required|optional [fact]. description [One of: ...]` for every field, nested blocks
    indented and lists of blocks shown with one item."""
    lines = []
    fields = model.model_fields
    order = canonical_order(model)
    names = [n for n in order if n in fields] + [n for n in fields if n not in order]
    for position, (name, info) in enumerate((n, fields[n]) for n in names):
        inner, _ = unwrap(info.annotation)
        is_fact = isinstance(inner, type) and issubclass(inner, Fact)
        item = unwrap(get_args(inner)[0])[0] if get_origin(inner) is list else None
        required = "required" if info.is_required() else "optional"
        lead = first if position == 0 and first else indent
        text = f"{lead}{name}:"
        lines.append(
            f"{text:<34}# {required}{' fact' if is_fact else ''}. {info.description}{_choices(info.annotation)}"
        )
        if isinstance(inner, type) and issubclass(inner, BaseModel) and not is_fact:
            lines += _template_lines(inner, indent + "  ")
        elif isinstance(item, type) and issubclass(item, BaseModel):
            lines += _template_lines(item, indent + "    ", indent + "  - ")
    return lines


def contributing_block() -> str:
    """The annotated record template and the references entry example, for CONTRIBUTING.md."""
    record = "\n".join(
        [
            "# yaml-language-server: $schema=../../schema/model.schema.json",
            "# A fact is a bare value (layers: 30) or {value, source, status, note, survey_reported}.",
            *_template_lines(ModelRecord),
        ]
    )
    kinds = ", ".join(f"`{k}`" for k in choices(ReferenceKind))
    reference = "\n".join(
        [
            "references:",
            "  - id: smollm2-360m-config            # the key values cite in `source:`",
            "    kind: config                        # one of the kinds below",
            '    title: "HuggingFaceTB/SmolLM2-360M config.json"',
            '    url: "https://huggingface.co/HuggingFaceTB/SmolLM2-360M/blob/main/config.json"',
            "    accessed: 2026-11-30                # when you read it (documents that change)",
        ]
    )
    return (
        f"{TEMPLATE_START}\n\n### Every field of a record\n\n```yaml\n{record}\n```\n\n"
        f"### A references entry (in `survey/references.yaml`)\n\n```yaml\n{reference}\n```\n\n"
        f"Allowed kinds: {kinds}.\n\n{TEMPLATE_END}"
    )


def generated_blocks(root: Path) -> dict[str, str]:
    """Hand-written files with a generated block: path -> the whole file with the block fresh."""
    path = root / "CONTRIBUTING.md"
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    start, end = text.find(TEMPLATE_START), text.find(TEMPLATE_END)
    if start < 0 or end < 0:
        return {"CONTRIBUTING.md": text + ("" if text.endswith("\n") else "\n") + "\n" + contributing_block() + "\n"}
    return {"CONTRIBUTING.md": text[:start] + contributing_block() + text[end + len(TEMPLATE_END) :]}


def write_generated(root: Path) -> list[str]:
    """Write every generated file that differs (atomically); returns the paths written."""
    written = []
    for relative, text in {**generated_files(), **generated_blocks(root)}.items():
        target = root / relative
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        write_text(target, text)
        written.append(relative)
    return written


def stale_generated(root: Path) -> list[str]:
    """Paths whose committed content differs from what the models generate now."""
    stale = []
    for relative, text in {**generated_files(), **generated_blocks(root)}.items():
        target = root / relative
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(relative)
    return stale
