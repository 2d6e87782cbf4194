"""The registry of catalog rules: a plain list, run in this order by `run_rules`."""

from . import (
    attention_kind,
    ffn_ratio_derived,
    id_matches_file,
    ids_unique,
    kv_heads_divide,
    layer_design,
    list_ids_unique,
    list_references_resolve,
    mla_sizes,
    parameter_count,
    per_layer_shape,
    provenance_complete,
    records_distinct,
    references_resolve,
    references_used,
    score_range,
    score_shots_stated,
    scores_unique,
    survey_difference_explained,
    to_fill,
    value_or_reason,
)
from .base import Context, Finding, Rule

RULES: list[Rule] = [
    to_fill.RULE,
    id_matches_file.RULE,
    ids_unique.RULE,
    records_distinct.RULE,
    references_resolve.RULE,
    value_or_reason.RULE,
    provenance_complete.RULE,
    attention_kind.RULE,
    kv_heads_divide.RULE,
    mla_sizes.RULE,
    per_layer_shape.RULE,
    layer_design.RULE,
    ffn_ratio_derived.RULE,
    parameter_count.RULE,
    survey_difference_explained.RULE,
    scores_unique.RULE,
    score_shots_stated.RULE,
    score_range.RULE,
    list_ids_unique.RULE,
    list_references_resolve.RULE,
    references_used.RULE,
]

__all__ = ["RULES", "Context", "Finding", "Rule"]
