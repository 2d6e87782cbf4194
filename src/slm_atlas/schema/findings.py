"""The survey's findings as checkable statements: survey/findings/<id>.yaml.

Each file holds one insight of the survey in the atlas's words, the SQL that tests it against the
built database, a declarative rule that turns the SQL's one row of named metrics into a verdict
(holds, does not hold, not enough data) and the chart that shows it. The SQL reads two views
that exist only while a finding runs (`scope_models`, `scope_runtime`), so the same query is
computed on the survey's models and on the whole catalog.
"""

from typing import Annotated, Literal, get_args

from pydantic import Field

from .fact import Strict
from .types import Id, Name, Text

Section = Literal[
    "architecture",
    "datasets",
    "training",
    "capabilities",
    "in-context learning",
    "runtime",
    "quantization and hardware",
]
SECTIONS: tuple[str, ...] = get_args(Section)  # page order
Scope = Literal["surveyed", "all"]
MetricFormat = Literal["count", "share", "number", "ratio", "tokens", "bytes", "ms", "year", "score"]
Operator = Literal[">", ">=", "<", "<="]
Column = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Metric(Strict):
    """One column of the finding's result row, as a reader sees it."""

    name: Column = Field(description="The column of the SQL's result row (lower-case, underscores).")
    label: Name = Field(description="What the number is, in words (shown beside it).")
    format: MetricFormat = Field(
        "number",
        description="How the number is written: count, share (a fraction shown as %), number, ratio (x), tokens,"
        " bytes, ms, year, or score (a fraction of correct answers shown as %).",
    )


class Sample(Strict):
    """A minimum sample: below it (or null) the verdict is `not enough data`."""

    metric: Column = Field(description="A metric that counts something (models, pairs, runs).")
    at_least: Annotated[int, Field(ge=1)] = Field(description="The smallest count that supports a verdict.")


class Condition(Strict):
    """One comparison of a metric with a number or with another metric (times a factor)."""

    metric: Column = Field(description="The metric on the left.")
    op: Operator = Field(description="The comparison: >, >=, < or <=.")
    than: float | Column = Field(description="A number, or the name of another metric, on the right.")
    times: float = Field(
        1.0, gt=0, description="A factor applied to the right-hand side (e.g. 1.1 for `10% more than`)."
    )


class Rule(Strict):
    """How the metrics become a verdict: enough data, then every condition."""

    enough: list[Sample] = Field(min_length=1, description="Sample sizes that must all be met, else `not enough data`.")
    holds: list[Condition] = Field(
        min_length=1,
        description="Conditions that must all be true for `holds`; a null metric in one means `not enough data`.",
    )


class Encoding(Strict):
    """One channel of the chart."""

    field: Column = Field(description="A column of the chart's SQL.")
    type: Literal["nominal", "ordinal", "quantitative"] = Field(description="How the values are read.")
    title: Name | None = Field(None, description="Axis or legend title (default: the column name).")
    scale: Literal["linear", "log"] = Field("linear", description="linear or log (quantitative only).")
    format: str | None = Field(None, description="A d3 format for axis labels and tooltips, e.g. % or ~s.")
    stack: Literal["normalize"] | None = Field(None, description="normalize: bars show shares of their column.")


class ReferenceLine(Strict):
    """A horizontal rule at a fixed value (a threshold of the claim)."""

    value: float = Field(description="Where the line is drawn, in the y axis's units.")
    label: Name = Field(description="The text beside the line.")


class Chart(Strict):
    """The chart that shows the finding, drawn from its own query on every model of the catalog."""

    title: Name = Field(description="The chart's title.")
    sql: str = Field(
        min_length=1, description="A query over the same views as the finding's (scope `all`), one row per mark."
    )
    mark: Literal["bar", "line", "point"] = Field(description="bar, line (with points) or point.")
    x: Encoding = Field(description="The horizontal channel.")
    y: Encoding = Field(description="The vertical channel.")
    color: Encoding | None = Field(None, description="Colour by this column.")
    tooltip: list[Column] = Field(default_factory=list, description="Extra columns shown on hover.")
    rules: list[ReferenceLine] = Field(default_factory=list, description="Horizontal reference lines.")


class Finding(Strict):
    """One insight of the survey, recomputed from the atlas's data (survey/findings/<id>.yaml)."""

    id: Id = Field(description="Lower-case slug; the file name without .yaml.")
    title: Name = Field(description="A short heading.")
    claim: Text = Field(min_length=1, description="The survey's insight in the atlas's own words.")
    section: Section = Field(description="Where the survey discusses it.")
    survey_reference: Name = Field(description="The survey's section or figure, e.g. `§2.1, figure 2`.")
    method: Text = Field(
        min_length=1, description="How the SQL and the rule test the claim, in words (thresholds and why)."
    )
    scopes: list[Scope] = Field(
        default_factory=lambda: list(get_args(Scope)),
        description="Where it is computed: surveyed (the survey's models) and all (every model in the catalog).",
    )
    sql: str = Field(
        min_length=1,
        description="One query returning one row of metrics; reads scope_models (model_overview of the scope's models),"
        " scope_runtime (their runtime rows) and any table or view of the database.",
    )
    metrics: list[Metric] = Field(min_length=1, description="The result's columns, in display order.")
    rule: Rule = Field(description="How the metrics become a verdict.")
    chart: Chart = Field(description="The chart on the Findings page.")
    note: Text | None = Field(None, description="What a reader should know about the data behind it.")
