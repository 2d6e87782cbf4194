"""Controlled vocabularies: every closed list of words the catalog accepts, defined once.

Each list is a `Literal` so that Pydantic rejects anything else, the JSON Schema shows the
choices to editors, and the DuckDB DDL turns it into a CHECK constraint.
"""

from typing import Literal, get_args

AttentionKind = Literal["MHA", "GQA", "MQA", "MLA"]
FfnKind = Literal["standard", "gated"]
Activation = Literal["ReLU", "GELU", "GELU-tanh", "SiLU"]
Norm = Literal["LayerNorm", "RMSNorm", "non-parametric LayerNorm"]
PositionEncoding = Literal["RoPE", "ALiBi", "learned", "none"]
LinearBias = Literal["none", "qkv", "all"]
ParameterSharing = Literal["none", "shared-ffn"]
# The token mixer of one layer. `+` joins mixers that run side by side in the same layer
# (Hymba's and Falcon-H1's parallel attention and SSM heads).
LayerType = Literal[
    "full-attention",
    "sliding-attention",
    "ssm",
    "conv",
    "recurrent",
    "full-attention+ssm",
    "sliding-attention+ssm",
]
SsmKind = Literal["mamba", "mamba2"]
# Which event a release date marks (survey/scope.md, "Release dates"): the day the weights became
# public on the Hub, a release post or page that links downloadable weights, or (only when neither
# day is known) the earliest announcement.
ReleaseEvent = Literal["weights-on-hub", "weights-release-post", "announcement"]
ModelKind = Literal["base", "instruct", "chat"]
DataOpenness = Literal["open", "partial", "closed"]
SurveyGroup = Literal["survey-v1", "survey-evaluated", "survey-leaderboard"]
DatasetRole = Literal["pre-training", "fine-tuning"]
OrganizationKind = Literal["industry", "academia", "non-profit", "community", "government"]
ReferenceKind = Literal[
    "survey",
    "survey-data",
    "technical-report",
    "paper",
    "model-card",
    "config",
    "blog",
    "repository",
    "dataset-card",
    "website",
]
# task: one dataset; aggregate: the mean of tasks; gain: how much one benchmark rises from
# 0 shots to a score's shot count (a difference, so it may be negative).
BenchmarkKind = Literal["task", "aggregate", "gain"]

# Where a value comes from and how sure we are of it.
#   reported        a source states it (technical report, model card, config.json, the survey)
#   derived         computed from other catalog values (the note or the field says how)
#   measured        produced by `slm-atlas measure` on a named machine
#   estimated       an explicit estimate by a source or a curator, with the reasoning in `note`
#   undisclosed     nobody discloses it; the value is null and `note` says where we looked
#   not_applicable  the field does not apply to this model; the value is null and `note` says why
Status = Literal["reported", "derived", "measured", "estimated", "undisclosed", "not_applicable"]
NULL_STATUSES: tuple[str, ...] = ("undisclosed", "not_applicable")

# Source words that are not reference keys or URLs.
SOURCE_WORDS: tuple[str, ...] = ("derived", "measured")


def choices(literal: object) -> tuple[str, ...]:
    """The allowed words of a Literal vocabulary, in declaration order."""
    return tuple(get_args(literal))
