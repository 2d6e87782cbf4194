"""The trend charts: Altair specs by release year, each with its data table and the numbers its
one-sentence reading quotes (the sentence itself lives in the template).

Every per-year chart labels its years with their model counts ("2023 (n=25)"); models whose
release year is undisclosed form a last bucket labelled "unknown".
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from statistics import median
from typing import TYPE_CHECKING, Any

from ..formatting import grouped, human, percent
from .db import Reader

if TYPE_CHECKING:
    import altair as alt

WIDTH = "container"  # charts follow the page width (phones included)
HEIGHT = 260
CHINCHILLA = 20  # training tokens per parameter at the compute-optimal point (Hoffmann et al. 2022)
# Architecture choices whose shares are drawn, as (model_overview column, title).
CHOICES = (
    ("attention_kind", "Attention kind"),
    ("ffn_kind", "FFN kind"),
    ("activation", "FFN activation"),
    ("norm", "Normalisation"),
    ("position_encoding", "Position encoding"),
)
# Sizes drawn per year, as (column, title, axis title, how the tables write a value).
SIZES = (
    ("vocab_size", "Vocabulary size", "vocabulary (tokens)", grouped),
    ("context_length_tokens", "Context length", "context (tokens)", grouped),
    ("parameters", "Parameters", "parameters", human),
    ("training_tokens", "Training tokens", "training tokens", human),
)


def year_key(year: Any) -> str:
    return "unknown" if year is None else str(year)


def year_labels(rows: list[dict[str, Any]]) -> dict[str, str]:
    """'2023' -> '2023 (n=25)' for every year of `rows` (all models), unknown last."""
    counts = Counter(year_key(row["year"]) for row in rows)
    return {year: f"{year} (n={counts[year]})" for year in sorted(counts, key=lambda y: (y == "unknown", y))}


def _x(labels: dict[str, str]) -> alt.X:
    import altair as alt

    return alt.X(
        "year_label:O", sort=list(labels.values()), title="release year (models that year)", axis=alt.Axis(labelAngle=0)
    )


# Axis labels in the units a reader uses: 2B, 300M, 12T (d3's SI prefixes say G for billions).
SI_LABELS = "replace(replace(format(datum.value, '~s'), 'G', 'B'), 'k', 'K')"


def log_ticks(values: list[float]) -> list[float]:
    """Ticks at 1, 3, 10, 30... times a power of ten, spanning `values` (vega's own log ticks crowd)."""
    present = [v for v in values if v and v > 0]
    if not present:
        return []
    low, high = min(present), max(present)
    start = 10 ** math.floor(math.log10(low))
    ticks = []
    while start <= high * 3:
        ticks += [t for t in (start, 3 * start) if low / 3 <= t <= high * 3]
        start *= 10
    return ticks


def log_axis(title: str, values: list[float]) -> alt.Axis:
    import altair as alt

    return alt.Axis(title=title, labelExpr=SI_LABELS, values=log_ticks(values))


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes (6.4), which vl-convert compiles from."""
    import altair as alt

    return alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]


def compile_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A Vega-Lite spec compiled to Vega at build time, so pages ship Vega alone (the vendored
    vega.min.js, 512 KB, instead of a 900 KB bundle with the Vega-Lite compiler and vega-embed).
    The background is left to the page's palette."""
    import vl_convert

    compiled = vl_convert.vegalite_to_vega(spec, vl_version=vega_lite_version())
    compiled.pop("background", None)
    for dataset in compiled.get("data", []):
        if dataset.get("values") and isinstance(dataset["values"], list):
            dataset.update(as_csv(dataset["values"]))
    return compiled


def _cell(value: Any) -> Any:
    """A CSV cell Vega parses back: empty for null, lower-case booleans (its parser reads
    "false", not "False")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def as_csv(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Inline chart data as CSV text with Vega's typed parsing: a scatter of a thousand models
    weighs less than half its JSON (no key repeated per point)."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    parse = {}
    for column in columns:
        present = [row.get(column) for row in rows if row.get(column) is not None]
        if present and all(isinstance(v, bool) for v in present):
            parse[column] = "boolean"
        elif present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
            parse[column] = "number"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(row.get(c)) for c in columns] for row in rows])
    return {"values": buffer.getvalue(), "format": {"type": "csv", "parse": parse}}


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return compile_spec(chart.properties(width=WIDTH, height=HEIGHT).to_dict())


def share_chart(rows: list[dict[str, Any]], labels: dict[str, str], column: str, title: str) -> dict[str, Any]:
    import altair as alt

    counts: dict[tuple[str, str], int] = Counter((year_key(r["year"]), r[column] or "undisclosed") for r in rows)
    totals = Counter(year_key(r["year"]) for r in rows)
    data = [
        {"year": year, "year_label": labels[year], "value": value, "models": n, "share": n / totals[year]}
        for (year, value), n in sorted(counts.items())
    ]
    chart = (
        alt.Chart(alt.Data(values=data), title=title)
        .mark_bar()
        .encode(
            x=_x(labels),
            y=alt.Y("models:Q", stack="normalize", title="share of models", axis=alt.Axis(format="%")),
            color=alt.Color("value:N", title=title),
            tooltip=["year:N", "value:N", "models:Q", alt.Tooltip("share:Q", format=".0%")],
        )
    )
    known = [y for y in labels if y != "unknown"]
    first, last = known[0], known[-1]

    def top(year: str) -> dict[str, Any]:
        best = max((d for d in data if d["year"] == year), key=lambda d: (d["share"], d["value"]))
        return {"year": year, "value": best["value"], "share": percent(best["share"], 0), "models": totals[year]}

    return {
        "id": f"share-{column.replace('_', '-')}",
        "title": f"{title} by year",
        "kind": "share",
        "spec": _spec(chart),
        "reading": {"first": top(first), "last": top(last)},
        "table": {
            "columns": ["year", title.lower(), "models", "share"],
            "rows": [[d["year"], d["value"], d["models"], percent(d["share"], 0)] for d in data],
        },
    }


def size_chart(
    rows: list[dict[str, Any]],
    labels: dict[str, str],
    column: str,
    title: str,
    axis: str,
    fmt: Callable[[Any], str] = human,
    rule: float | None = None,
) -> dict[str, Any]:
    """Each model's value by year on a log scale, the year's median marked (and an optional rule)."""
    import altair as alt

    points = [
        {"name": r["name"], "year_label": labels[year_key(r["year"])], "value": r[column]} for r in rows if r[column]
    ]
    scale = alt.Scale(type="log")
    base = alt.Chart(alt.Data(values=points), title=title)
    layers = [
        base.mark_circle(size=55, opacity=0.65).encode(
            x=_x(labels),
            y=alt.Y("value:Q", scale=scale, axis=log_axis(axis, [p["value"] for p in points])),
            tooltip=[
                alt.Tooltip("name:N", title="model"),
                alt.Tooltip("year_label:N", title="year"),
                alt.Tooltip("value:Q", format=",.4~g", title=axis),
            ],
        ),
        base.mark_tick(thickness=3, size=28, color="#e45756").encode(
            x=_x(labels),
            y=alt.Y("median(value):Q", scale=scale),
            tooltip=[alt.Tooltip("median(value):Q", format=",.4~g", title="median")],
        ),
    ]
    if rule is not None:
        line = alt.Chart(alt.Data(values=[{"rule": rule, "label": f"Chinchilla ~{rule:g}x"}])).encode(y="rule:Q")
        layers += [
            line.mark_rule(strokeDash=[6, 4], color="#888"),
            line.mark_text(align="left", dx=4, dy=-6, color="#888").encode(text="label:N", x=alt.value(0)),
        ]
    by_year: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r[column]:
            by_year[year_key(r["year"])].append(r[column])
    table = [
        [year, len(by_year[year]), fmt(median(by_year[year])), fmt(min(by_year[year])), fmt(max(by_year[year]))]
        for year in labels
        if by_year.get(year)
    ]
    known = [row for row in table if row[0] != "unknown"]
    return {
        "id": f"size-{column.replace('_', '-')}",
        "title": f"{title} by year",
        "kind": "size",
        "spec": _spec(alt.layer(*layers)),
        "reading": {
            "first": {"year": known[0][0], "median": known[0][2]} if known else None,
            "last": {"year": known[-1][0], "median": known[-1][2]} if known else None,
            "missing": sum(1 for r in rows if not r[column]),
            "axis": axis,
            "above_rule": sum(1 for p in points if rule is not None and p["value"] > rule),
            "points": len(points),
        },
        "table": {"columns": ["year", "models with a value", "median", "min", "max"], "rows": table},
    }


def dataset_chart(r: Reader, labels: dict[str, str], top: int = 12) -> dict[str, Any]:
    import altair as alt

    rows = r.rows(
        "SELECT d.name AS dataset, o.year FROM model_datasets AS md JOIN datasets AS d ON d.id = md.dataset_id "
        "JOIN model_overview AS o ON o.id = md.model_id WHERE md.role = 'pre-training'"
    )
    totals = Counter(row["dataset"] for row in rows)
    chosen = [name for name, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]]
    counts = Counter((row["dataset"], year_key(row["year"])) for row in rows if row["dataset"] in chosen)
    data = [{"dataset": d, "year": y, "year_label": labels[y], "models": n} for (d, y), n in sorted(counts.items())]
    chart = alt.Chart(alt.Data(values=data), title="Pre-training corpora by year").mark_rect().encode(
        x=_x(labels),
        y=alt.Y("dataset:N", sort=chosen, title=None),
        color=alt.Color("models:Q", title="models", scale=alt.Scale(scheme="tealblues")),
        tooltip=["dataset:N", "year:N", "models:Q"],
    ) + alt.Chart(alt.Data(values=data)).mark_text(fontSize=11).encode(
        x=_x(labels),
        y=alt.Y("dataset:N", sort=chosen),
        text="models:Q",
        color=alt.condition(
            alt.datum.models > max(counts.values(), default=0) / 2, alt.value("white"), alt.value("black")
        ),
    )
    return {
        "id": "datasets-by-year",
        "title": "Dataset usage by year",
        "kind": "datasets",
        "spec": _spec(chart),
        "reading": {
            "top": chosen[0] if chosen else None,
            "top_models": totals[chosen[0]] if chosen else 0,
            "shown": len(chosen),
        },
        "table": {
            "columns": ["dataset", "year", "models"],
            "rows": [[d["dataset"], d["year"], d["models"]] for d in data],
        },
    }


def _names_data(row: dict[str, Any]) -> bool:
    """Whether the model's pre-training data is public in whole or in part (data_openness)."""
    return row["data_openness"] in ("open", "partial")


def disclosure_chart(rows: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    import altair as alt

    data = []
    for year, label in labels.items():
        group = [row for row in rows if year_key(row["year"]) == year]
        for what, n in (
            ("training tokens", sum(1 for row in group if row["training_tokens"])),
            ("public pre-training data", sum(1 for row in group if _names_data(row))),
        ):
            data.append({"year": year, "year_label": label, "what": what, "models": n, "share": n / len(group)})
    chart = (
        alt.Chart(alt.Data(values=data), title="Models that disclose their training data")
        .mark_bar()
        .encode(
            x=_x(labels),
            xOffset="what:N",
            y=alt.Y("share:Q", title="share of that year's models", axis=alt.Axis(format="%")),
            color=alt.Color("what:N", title="discloses"),
            tooltip=["year:N", "what:N", "models:Q", alt.Tooltip("share:Q", format=".0%")],
        )
    )
    tokens = sum(1 for row in rows if row["training_tokens"])
    return {
        "id": "disclosure-by-year",
        "title": "Disclosure of training data by year",
        "kind": "disclosure",
        "spec": _spec(chart),
        "reading": {"tokens": tokens, "datasets": sum(1 for row in rows if _names_data(row)), "models": len(rows)},
        "table": {
            "columns": ["year", "discloses", "models", "share"],
            "rows": [[d["year"], d["what"], d["models"], percent(d["share"], 0)] for d in data],
        },
    }


# Designs that spread after the survey, as (model_overview test, label).
DESIGNS = (
    (lambda row: row["hybrid"], "hybrid (SSM, convolution or recurrent layers)"),
    (lambda row: row["local_global"], "local/global attention"),
    (lambda row: row["qk_norm"], "QK-norm"),
    (lambda row: row["has_nope_layers"], "NoPE layers"),
    (lambda row: row["moe"], "mixture of experts"),
    (lambda row: (row["vocab_size"] or 0) > 150_000, "vocabulary above 150k"),
)


def design_chart(rows: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """The share of each year's models using each design that spread after the survey."""
    import altair as alt

    data = []
    for year, label in labels.items():
        group = [row for row in rows if year_key(row["year"]) == year]
        for test, what in DESIGNS:
            n = sum(1 for row in group if test(row))
            data.append({"year": year, "year_label": label, "design": what, "models": n, "share": n / len(group)})
    chart = (
        alt.Chart(alt.Data(values=data), title="Designs since the survey")
        .mark_line(point=True)
        .encode(
            x=_x(labels),
            y=alt.Y("share:Q", title="share of that year's models", axis=alt.Axis(format="%")),
            color=alt.Color("design:N", title="design"),
            tooltip=["year:N", "design:N", "models:Q", alt.Tooltip("share:Q", format=".0%")],
        )
    )
    known = [y for y in labels if y != "unknown"]
    last = [d for d in data if d["year"] == known[-1]] if known else []
    top = max(last, key=lambda d: (d["share"], d["design"])) if last else None
    return {
        "id": "designs-by-year",
        "title": "Designs that spread after the survey",
        "kind": "designs",
        "spec": _spec(chart),
        "reading": {
            "year": known[-1] if known else None,
            "top": top["design"] if top else None,
            "share": percent(top["share"], 0) if top else None,
            "post_survey": sum(1 for row in rows if row["cohort"] == "post-survey"),
        },
        "table": {
            "columns": ["year", "design", "models", "share"],
            "rows": [[d["year"], d["design"], d["models"], percent(d["share"], 0)] for d in data],
        },
    }


def capability_chart(r: Reader) -> dict[str, Any] | None:
    import altair as alt

    rows = r.rows("SELECT * FROM capabilities")
    if not rows:
        return None
    labels = year_labels(rows)
    names = {
        "commonsense_reasoning": "commonsense reasoning",
        "problem_solving": "problem solving",
        "mathematics": "mathematics",
    }
    # one row per model, folded into one point per capability by Vega (a third of the bytes)
    wide = [
        {
            "name": row["name"],
            "year_label": labels[year_key(row["year"])],
            **{label: row[column] for column, label in names.items()},
        }
        for row in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=wide), title="The survey's capability averages by year")
        .transform_fold(list(names.values()), as_=["capability", "score"])
        .transform_filter("isValid(datum.score)")
        .mark_circle(size=50, opacity=0.7)
        .encode(
            x=_x(labels),
            y=alt.Y("score:Q", title="score", axis=alt.Axis(format="%")),
            color=alt.Color("capability:N"),
            xOffset="capability:N",
            tooltip=[
                alt.Tooltip("name:N", title="model"),
                "capability:N",
                alt.Tooltip("score:Q", format=".1%"),
                alt.Tooltip("year_label:N", title="year"),
            ],
        )
    )
    data = [
        {"name": row["name"], "year": year_key(row["year"]), "capability": label, "score": row[column]}
        for row in rows
        for column, label in names.items()
        if row[column] is not None
    ]
    best = {}
    table = []
    for label in names.values():
        for year in labels:
            scores = [d for d in data if d["capability"] == label and d["year"] == year]
            if scores:
                top = max(scores, key=lambda d: d["score"])
                table.append(
                    [
                        label,
                        year,
                        len(scores),
                        percent(median(d["score"] for d in scores)),
                        f"{top['name']} ({percent(top['score'])})",
                    ]
                )
                best[(label, year)] = top
    known = [y for y in labels if y != "unknown"]
    commonsense = [best.get(("commonsense reasoning", y)) for y in (known[0], known[-1])]
    return {
        "id": "capabilities-by-year",
        "title": "Capability scores by year",
        "kind": "capabilities",
        "spec": _spec(chart),
        "reading": {
            "first": {"year": known[0], "best": commonsense[0]["name"], "score": percent(commonsense[0]["score"])}
            if commonsense[0]
            else None,
            "last": {"year": known[-1], "best": commonsense[-1]["name"], "score": percent(commonsense[-1]["score"])}
            if commonsense[-1]
            else None,
        },
        "table": {"columns": ["capability", "year", "models", "median", "best"], "rows": table},
    }


def icl_chart(r: Reader) -> dict[str, Any] | None:
    import altair as alt

    rows = r.rows(
        "SELECT name, parameters, gain_0_to_5_shots AS gain FROM in_context_learning WHERE gain_0_to_5_shots IS NOT "
        "NULL ORDER BY parameters"
    )
    if not rows:
        return None
    chart = (
        alt.Chart(alt.Data(values=rows), title="In-context learning gain against size (survey figure 6b)")
        .mark_circle(size=60, opacity=0.7)
        .encode(
            x=alt.X(
                "parameters:Q",
                scale=alt.Scale(type="log"),
                axis=log_axis("parameters", [row["parameters"] for row in rows]),
            ),
            y=alt.Y("gain:Q", title="gain from 0 to 5 examples", axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("name:N", title="model"),
                alt.Tooltip("parameters:Q", format=".3~s"),
                alt.Tooltip("gain:Q", format=".1%"),
            ],
        )
    )
    half = len(rows) // 2
    small, large = rows[:half], rows[half:]
    return {
        "id": "icl-gain-by-size",
        "title": "In-context learning gain against size",
        "kind": "icl",
        "spec": _spec(chart),
        "reading": {
            "models": len(rows),
            "small": percent(median(row["gain"] for row in small)),
            "large": percent(median(row["gain"] for row in large)),
            "split": human(large[0]["parameters"]),
        },
        "table": {
            "columns": ["model", "parameters", "gain"],
            "rows": [[row["name"], human(row["parameters"]), percent(row["gain"])] for row in rows],
        },
    }


def trends(r: Reader) -> list[dict[str, Any]]:
    """Every trend chart of the Trends page, in page order."""
    rows = r.rows("SELECT * FROM model_overview")
    labels = year_labels(rows)
    charts = [share_chart(rows, labels, column, title) for column, title in CHOICES]
    charts += [size_chart(rows, labels, column, title, axis, fmt) for column, title, axis, fmt in SIZES]
    ratio = [{**row, "ratio": row["tokens_per_parameter"]} for row in rows]
    charts.append(
        size_chart(
            ratio, labels, "ratio", "Training tokens per parameter", "tokens per parameter", human, rule=CHINCHILLA
        )
    )
    charts[-1]["id"] = "tokens-per-parameter"
    charts.append(dataset_chart(r, labels))
    charts.append(disclosure_chart(rows, labels))
    charts.append(design_chart(rows, labels))
    charts += [c for c in (capability_chart(r), icl_chart(r)) if c]
    return charts
