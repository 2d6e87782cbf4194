"""The findings' verdicts for people and programs: text (the command's default), CSV and JSON."""

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from .findings import Result, summary


def as_text(results: list[Result]) -> str:
    lines = []
    for result in results:
        f = result.finding
        lines.append(f"{f.id} [{f.section}; {f.survey_reference}]")
        lines.append(f"  claim: {f.claim.strip()}")
        for outcome in result.outcomes:
            lines.append(f"  {outcome.scope}: {outcome.verdict}")
            for check in outcome.checks:
                mark = {True: "yes", False: "no", None: "no data"}[check.passed]
                lines.append(f"    [{mark}] {check.text}")
        lines.append("")
    counts = summary(results)
    lines.append(
        f"{counts['holds']} of {counts['total']} findings hold on today's data (every model in the catalog);"
        f" {counts['unknown']} have not enough data"
    )
    return "\n".join(lines)


CSV_COLUMNS = ["id", "section", "survey_reference", "scope", "verdict", "metric", "label", "value"]


def as_csv(results: list[Result]) -> str:
    """One row per finding, scope and metric (verdict repeated), for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        f = result.finding
        for outcome in result.outcomes:
            for m in f.metrics:
                value = outcome.metrics.get(m.name)
                writer.writerow(
                    [
                        f.id,
                        f.section,
                        f.survey_reference,
                        outcome.scope,
                        outcome.verdict,
                        m.name,
                        m.label,
                        "" if value is None else f"{value:.6g}" if isinstance(value, float) else value,
                    ]
                )
    return buffer.getvalue().rstrip("\n")


def as_records(results: list[Result]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.finding.id,
            "title": r.finding.title,
            "section": r.finding.section,
            "survey_reference": r.finding.survey_reference,
            "claim": r.finding.claim.strip(),
            "verdict": r.verdict,
            "scopes": [
                {"scope": o.scope, "verdict": o.verdict, "metrics": o.metrics, "checks": [asdict(c) for c in o.checks]}
                for o in r.outcomes
            ],
        }
        for r in results
    ]


def as_json(results: list[Result]) -> str:
    return json.dumps(as_records(results), indent=2, ensure_ascii=False, default=str)


FORMATS = {"text": as_text, "csv": as_csv, "json": as_json}
