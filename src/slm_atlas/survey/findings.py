"""The survey's findings, recomputed from the built database with a verdict each.

A finding (survey/findings/<id>.yaml, validated by `schema.findings.Finding`) holds SQL that
returns one row of named metrics and a rule: minimum samples (else `not enough data`), then
conditions that must all be true (`holds`, else `does not hold`). Each finding runs once per
scope: `surveyed` (the survey's models) and `all` (every model in the catalog), through two
views defined only for the query:

    scope_models   model_overview restricted to the scope's models
    scope_runtime  the runtime view restricted to the same models

Only the database is read for data; the findings files are the questions asked of it.
"""

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..catalog.diagnostics import Diagnostic, display_path, dotted
from ..catalog.loader import read_validated
from ..catalog.parallel import read_one
from ..catalog.yaml_reader import Document
from ..db.connect import SqlError, define_scope, one_select, read_only
from ..schema.findings import SECTIONS, Condition, Finding, Metric
from ..site.formatting import grouped, human

FINDINGS_DIR = Path("survey/findings")
HOLDS, FAILS, UNKNOWN = "holds", "does not hold", "not enough data"
SCOPE_PREDICATES = {"surveyed": "survey_group IS NOT NULL", "all": "TRUE"}
SCOPE_LABELS = {"surveyed": "the survey's models", "all": "every model in the catalog"}


def use_scope(con: duckdb.DuckDBPyConnection, scope: str) -> None:
    """Point the temporary views scope_models and scope_runtime at `scope`'s models (this connection only)."""
    define_scope(con, "scope_models", f"SELECT * FROM model_overview WHERE {SCOPE_PREDICATES[scope]}")
    define_scope(con, "scope_runtime", "SELECT * FROM runtime WHERE model_id IN (SELECT id FROM scope_models)")


@dataclass
class Loaded:
    """A validated finding and the document it came from (for positions)."""

    finding: Finding
    doc: Document

    def where(self, *loc: str | int) -> tuple[int, int]:
        _, mark = self.doc.locate(loc)
        return mark.line, mark.col

    def diagnostic(self, loc: tuple[str | int, ...], message: str) -> Diagnostic:
        line, col = self.where(*loc)
        return Diagnostic(display_path(self.doc.path), line, col, dotted(loc), message, "findings")


def _declared_problems(item: Loaded) -> list[Diagnostic]:
    """Checks beyond the schema: the id is the file name, metrics are unique and every rule names one."""
    finding, out = item.finding, []
    if finding.id != item.doc.path.stem:
        out.append(item.diagnostic(("id",), f"id '{finding.id}' must match the file name '{item.doc.path.stem}'"))
    names = [m.name for m in finding.metrics]
    for index, name in enumerate(names):
        if name in names[:index]:
            out.append(item.diagnostic(("metrics", index, "name"), f"metric '{name}' is declared twice"))
    declared = set(names)
    for index, sample in enumerate(finding.rule.enough):
        if sample.metric not in declared:
            out.append(item.diagnostic(("rule", "enough", index, "metric"), f"'{sample.metric}' is not one of the metrics ({', '.join(names)})"))
    for index, condition in enumerate(finding.rule.holds):
        if condition.metric not in declared:
            out.append(item.diagnostic(("rule", "holds", index, "metric"), f"'{condition.metric}' is not one of the metrics ({', '.join(names)})"))
        if isinstance(condition.than, str) and condition.than not in declared:
            out.append(item.diagnostic(("rule", "holds", index, "than"), f"'{condition.than}' is not one of the metrics ({', '.join(names)})"))
    if len(set(finding.scopes)) != len(finding.scopes):
        out.append(item.diagnostic(("scopes",), "a scope is listed twice"))
    return out


def load_findings(directory: Path) -> tuple[list[Loaded], list[Diagnostic]]:
    """Every survey/findings/*.yaml validated, in page order (section, then file name), and the problems."""
    loaded: list[Loaded] = []
    problems: list[Diagnostic] = []
    for path in sorted(directory.glob("*.yaml")):
        read = read_validated(path, read_one(path), Finding, problems)
        if read is None:
            continue
        item = Loaded(*read)
        found = _declared_problems(item)
        problems += found
        if not found:
            loaded.append(item)
    loaded.sort(key=lambda item: (SECTIONS.index(item.finding.section), item.finding.id))
    return loaded, problems


# --- evaluation -----------------------------------------------------------------------------------

@dataclass
class Check:
    """One sample size or condition of the rule, with its numbers and whether it passed (None: no data)."""

    text: str
    passed: bool | None


@dataclass
class Outcome:
    """A finding's verdict on one scope, with its metrics and the rule's checks."""

    scope: str
    verdict: str
    metrics: dict[str, Any]
    checks: list[Check] = field(default_factory=list)


@dataclass
class Result:
    """A finding with its outcome on each of its scopes."""

    finding: Finding
    outcomes: list[Outcome]

    @property
    def verdict(self) -> str:
        """The verdict on today's data: the widest scope's (every model), else the only one."""
        return self.outcomes[-1].verdict


class FindingError(Exception):
    """A finding's SQL failed or returned the wrong shape; `diagnostic` says where."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def metric_text(value: Any, fmt: str) -> str:
    """A metric as a reader sees it: 53.1%, 2.4T, 1.8x, 1,024."""
    if value is None:
        return "no data"
    if fmt in ("share", "score"):
        return f"{100 * value:.1f}%"
    if fmt == "count" or fmt == "year":
        return str(int(value)) if fmt == "year" else grouped(value)
    if fmt == "ratio":
        return f"{value:.2f}x"
    if fmt == "tokens":
        return human(value)
    if fmt == "bytes":
        return f"{human(value)}B"
    if fmt == "ms":
        return f"{value:.3g} ms"
    if isinstance(value, float) and abs(value) < 1000:
        return f"{value:.3g}"
    return grouped(value)


_OPS = {">": float.__gt__, ">=": float.__ge__, "<": float.__lt__, "<=": float.__le__}


def _side(condition: Condition, metrics: dict[str, Any], declared: dict[str, Metric]) -> tuple[float | None, str]:
    if isinstance(condition.than, str):
        value, spec = metrics.get(condition.than), declared[condition.than]
        shown = f"{spec.label} ({metric_text(value, spec.format)})"
        if condition.times != 1:
            shown = f"{condition.times:g} x {shown}"
        return (None if value is None else float(value) * condition.times), shown
    fmt = declared[condition.metric].format
    value = condition.than * condition.times
    return value, metric_text(value, fmt)


def judge(finding: Finding, metrics: dict[str, Any], scope: str) -> Outcome:
    """The verdict for one row of metrics: samples first, then every condition."""
    declared = {m.name: m for m in finding.metrics}
    checks: list[Check] = []
    enough = True
    for sample in finding.rule.enough:
        value, spec = metrics.get(sample.metric), declared[sample.metric]
        passed = value is not None and value >= sample.at_least
        enough = enough and passed
        checks.append(Check(f"{spec.label}: {metric_text(value, spec.format)} (needs at least {sample.at_least})", passed))
    verdict = HOLDS
    for condition in finding.rule.holds:
        left, spec = metrics.get(condition.metric), declared[condition.metric]
        right, right_text = _side(condition, metrics, declared)
        text = f"{spec.label} ({metric_text(left, spec.format)}) {condition.op} {right_text}"
        if left is None or right is None:
            checks.append(Check(text, None))
            enough = False
            continue
        passed = _OPS[condition.op](float(left), float(right))
        checks.append(Check(text, passed))
        if not passed:
            verdict = FAILS
    return Outcome(scope, verdict if enough else UNKNOWN, metrics, checks)


def _plain(value: Any) -> Any:
    """DuckDB's Decimal and integer-like values as JSON-friendly numbers."""
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


def query(con: duckdb.DuckDBPyConnection, sql: str, scope: str, max_rows: int = 100_000) -> list[dict[str, Any]]:
    """The rows of one SELECT (run as written, never spliced into other SQL) on `scope`; SqlError when `sql`
    is not exactly one SELECT statement or returns more than `max_rows` rows."""
    one_select(con, sql)
    use_scope(con, scope)
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchmany(max_rows + 1)
    if len(rows) > max_rows:
        raise SqlError(f"returns more than {max_rows:,} rows")
    return [{n: _plain(v) for n, v in zip(names, row, strict=True)} for row in rows]


def evaluate(con: duckdb.DuckDBPyConnection, item: Loaded, scope: str) -> Outcome:
    """Run one finding on one scope; raises FindingError when its SQL fails or lacks a metric."""
    finding = item.finding
    try:
        rows = query(con, finding.sql, scope)
    except SqlError as exc:
        raise FindingError(item.diagnostic(("sql",), f"the query {exc}")) from None
    except duckdb.Error as exc:
        raise FindingError(item.diagnostic(("sql",), f"the query failed on scope {scope}: {str(exc).strip().splitlines()[0]}")) from None
    if len(rows) != 1:
        raise FindingError(item.diagnostic(("sql",), f"the query must return exactly one row (got {len(rows)})"))
    missing = [m.name for m in finding.metrics if m.name not in rows[0]]
    if missing:
        raise FindingError(item.diagnostic(("sql",), f"the query returns no column {', '.join(missing)}"))
    return judge(finding, {m.name: rows[0][m.name] for m in finding.metrics}, scope)


def evaluate_all(con: duckdb.DuckDBPyConnection, items: list[Loaded]) -> tuple[list[Result], list[Diagnostic]]:
    """Every finding on each of its scopes (surveyed first); failures become diagnostics."""
    results, problems = [], []
    for item in items:
        try:
            scopes = sorted(item.finding.scopes, key=list(SCOPE_PREDICATES).index)
            results.append(Result(item.finding, [evaluate(con, item, scope) for scope in scopes]))
        except FindingError as err:
            problems.append(err.diagnostic)
    return results, problems


def run_findings(database: Path, directory: Path) -> tuple[list[Result], list[Diagnostic]]:
    """Load the findings and evaluate them against the database (opened read-only)."""
    items, problems = load_findings(directory)
    if problems:
        return [], problems
    con = read_only(database)
    try:
        return evaluate_all(con, items)
    finally:
        con.close()


def summary(results: list[Result]) -> dict[str, int]:
    """How many findings hold on today's data (the widest scope), and how many there are."""
    return {"holds": sum(1 for r in results if r.verdict == HOLDS), "total": len(results),
            "unknown": sum(1 for r in results if r.verdict == UNKNOWN)}


# --- output ---------------------------------------------------------------------------------------

def _metric_cells(result: Result, outcome: Outcome) -> list[str]:
    return [f"{m.label}: {metric_text(outcome.metrics.get(m.name), m.format)}" for m in result.finding.metrics]


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
    lines.append(f"{counts['holds']} of {counts['total']} findings hold on today's data (every model in the catalog);"
                 f" {counts['unknown']} have not enough data")
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
                writer.writerow([f.id, f.section, f.survey_reference, outcome.scope, outcome.verdict, m.name, m.label,
                                 "" if value is None else f"{value:.6g}" if isinstance(value, float) else value])
    return buffer.getvalue().rstrip("\n")


def as_records(results: list[Result]) -> list[dict[str, Any]]:
    return [
        {"id": r.finding.id, "title": r.finding.title, "section": r.finding.section, "survey_reference": r.finding.survey_reference,
         "claim": r.finding.claim.strip(), "verdict": r.verdict,
         "scopes": [{"scope": o.scope, "verdict": o.verdict, "metrics": o.metrics, "checks": [asdict(c) for c in o.checks]}
                    for o in r.outcomes]}
        for r in results
    ]


def as_json(results: list[Result]) -> str:
    return json.dumps(as_records(results), indent=2, ensure_ascii=False, default=str)


FORMATS = {"text": as_text, "csv": as_csv, "json": as_json}
