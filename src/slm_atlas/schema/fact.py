"""A catalog value together with where it comes from: `Fact[T]`, and the `Provenance` it carries.

In YAML a fact is written either as the bare value (`layers: 30`), which takes its source from
the enclosing block's `source:`, or in full:

    kv_heads:
      value: 3
      source: smollm-135m-config
      survey_reported: 9
      note: the survey lists the query heads here

Invariants (checked by rules, not here, so that every message points at its YAML line):
- `value` is null only with status `undisclosed` or `not_applicable`, and then `note` says why;
- a fact without its own `source` inherits the nearest enclosing block's `source`;
- `value` is the value the atlas uses; `survey_reported` keeps the survey's value when it differs.
"""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .enums import Status
from .types import Source, Text

T = TypeVar("T")
PROVENANCE_FIELDS = ("source", "status", "note")


class Strict(BaseModel):
    """Base for every catalog model: unknown keys are errors, values are not coerced silently."""

    # allow_inf_nan: NaN and infinities (`nan`, `1.0e999`) are never a catalog value
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Provenance(Strict):
    """Where a value comes from and how sure the atlas is of it."""

    source: Source | None = Field(
        None,
        description=(
            "Where the value comes from: a key in survey/references.yaml, an https URL, or `derived` /"
            " `measured`. Omit it to inherit the `source` of the enclosing block."
        ),
    )
    status: Status | None = Field(
        None,
        description=(
            "reported | derived | measured | estimated | undisclosed | not_applicable. Omit it to infer"
            " it from the source (`derived` -> derived, `measured` -> measured, otherwise reported)."
        ),
    )
    note: Text | None = Field(
        None,
        description="Why the value is what it is: required for undisclosed, not_applicable, estimated and"
        " for any value the survey reports differently.",
    )


class Fact(Provenance, Generic[T]):
    """One sourced value; YAML may give the bare value instead of this mapping."""

    model_config = ConfigDict(json_schema_extra={"x-fact": True})

    value: T | None = Field(None, description="The value the atlas uses; null only when undisclosed or not applicable.")
    survey_reported: T | None = Field(
        None,
        description="The value the survey's own data gives, when it differs from `value` (explain in `note`).",
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        """Accept the short form: anything that is not a mapping is the value itself."""
        if isinstance(data, dict):
            return data
        return {"value": data}
