"""The Findings page: every insight of the survey with its verdicts, numbers, chart and SQL.

Verdicts come from `survey.findings` (the findings' SQL run against the database); each chart is
drawn from its finding's own chart query (scope `all`) through Altair and compiled to Vega like
every other chart of the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..db.build import BuildError
from ..formatting import metric_text
from ..schema.findings import SECTIONS, Chart, Encoding
from ..survey.finding_files import load_findings
from ..survey.findings import SCOPE_LABELS, evaluate_all, query, summary
from .charts import HEIGHT, WIDTH, compile_spec
from .db import Reader

if TYPE_CHECKING:
    import altair as alt

VERDICT_KEYS = {"holds": "holds", "does not hold": "fails", "not enough data": "unknown"}


def _channel(kind: type, encoding: Encoding) -> Any:
    import altair as alt

    options: dict[str, Any] = {"type": encoding.type, "title": encoding.title or encoding.field}
    if encoding.scale == "log":
        options["scale"] = alt.Scale(type="log")
    if encoding.format and kind in (alt.X, alt.Y):
        options["axis"] = alt.Axis(format=encoding.format)
    if encoding.stack:
        options["stack"] = encoding.stack
    if kind in (alt.X,) and encoding.type != "quantitative":
        options["axis"] = alt.Axis(labelAngle=0 if encoding.field == "year" else -30)
    return kind(encoding.field, **options)


def _tooltip(encoding: Encoding) -> alt.Tooltip:
    import altair as alt

    options: dict[str, Any] = {"format": encoding.format} if encoding.format and encoding.type == "quantitative" else {}
    return alt.Tooltip(encoding.field, type=encoding.type, title=encoding.title or encoding.field, **options)


def chart_spec(chart: Chart, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A finding's chart as a compiled Vega spec (rows from its chart query)."""
    import altair as alt

    marks = {
        "bar": lambda c: c.mark_bar(),
        "line": lambda c: c.mark_line(point=True),
        "point": lambda c: c.mark_circle(size=55, opacity=0.7),
    }
    tooltips = [_tooltip(chart.x), _tooltip(chart.y)] + ([_tooltip(chart.color)] if chart.color else [])
    tooltips += [alt.Tooltip(f"{name}:N", title=name.replace("_", " ")) for name in chart.tooltip]
    encode: dict[str, Any] = {"x": _channel(alt.X, chart.x), "y": _channel(alt.Y, chart.y), "tooltip": tooltips}
    if chart.color:
        encode["color"] = _channel(alt.Color, chart.color)
    layers = [marks[chart.mark](alt.Chart(alt.Data(values=rows), title=chart.title)).encode(**encode)]
    for rule in chart.rules:
        line = alt.Chart(alt.Data(values=[{"rule": rule.value, "label": rule.label}])).encode(y="rule:Q")
        layers += [
            line.mark_rule(strokeDash=[6, 4], color="#888"),
            line.mark_text(align="left", dx=4, dy=-6, color="#888").encode(text="label:N", x=alt.value(0)),
        ]
    top = layers[0] if len(layers) == 1 else alt.layer(*layers)
    return compile_spec(top.properties(width=WIDTH, height=HEIGHT).to_dict())


def context(r: Reader, directory: Path) -> dict[str, Any]:
    """The Findings page's data; raises BuildError (file:line:col) when a finding is invalid or its SQL fails."""
    items, problems = load_findings(directory)
    results, failed = evaluate_all(r.con, items) if not problems else ([], [])
    if problems or failed:
        raise BuildError(problems + failed)
    by_id = {item.finding.id: item for item in items}
    entries = []
    for result in results:
        finding = result.finding
        rows = query(r.con, finding.chart.sql, "all")
        outcomes = [
            {
                "scope": o.scope,
                "scope_label": SCOPE_LABELS[o.scope],
                "verdict": o.verdict,
                "key": VERDICT_KEYS[o.verdict],
                "checks": o.checks,
            }
            for o in result.outcomes
        ]
        metrics = [
            {"label": m.label, "values": [metric_text(o.metrics.get(m.name), m.format) for o in result.outcomes]}
            for m in finding.metrics
        ]
        entries.append(
            {
                "id": finding.id,
                "title": finding.title,
                "claim": finding.claim.strip(),
                "section": finding.section,
                "survey_reference": finding.survey_reference,
                "method": finding.method.strip(),
                "note": (finding.note or "").strip(),
                "sql": finding.sql.strip(),
                "chart_sql": finding.chart.sql.strip(),
                "source": by_id[finding.id].doc.path.name,
                "verdict": result.verdict,
                "key": VERDICT_KEYS[result.verdict],
                "outcomes": outcomes,
                "metrics": metrics,
                "chart": {
                    "id": f"finding-{finding.id}",
                    "title": finding.chart.title,
                    "spec": chart_spec(finding.chart, rows),
                }
                if rows
                else None,
            }
        )
    sections = [{"name": name, "findings": [e for e in entries if e["section"] == name]} for name in SECTIONS]
    return {
        "findings": entries,
        "sections": [s for s in sections if s["findings"]],
        "summary": summary(results),
        "scopes": [SCOPE_LABELS[s] for s in SCOPE_LABELS],
    }
