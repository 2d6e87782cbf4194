"""Files generated from the Pydantic models, and the check that the committed copies are fresh.

- schema/model.schema.json and one schema per shared list, for editors (yaml-language-server):
  a fact accepts the bare value or the full mapping, which Pydantic's own schema cannot say, so
  each `Fact[...]` definition is rewritten to `anyOf: [value, mapping]`;
- schema/tables.sql: the DuckDB DDL and views.
"""

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .db.ddl import schema_sql
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
        schema["$defs"][name] = {"anyOf": options + [definition], "description": definition.get("description", "")}
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
    files["schema/tables.sql"] = f"-- {BANNER}\n-- The DuckDB tables and views of build/slm-atlas.duckdb.\n\n{schema_sql()}"
    return files


def write_generated(root: Path) -> list[str]:
    """Write every generated file that differs (atomically); returns the paths written."""
    written = []
    for relative, text in generated_files().items():
        target = root / relative
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
        written.append(relative)
    return written


def stale_generated(root: Path) -> list[str]:
    """Paths whose committed content differs from what the models generate now."""
    stale = []
    for relative, text in generated_files().items():
        target = root / relative
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(relative)
    return stale
