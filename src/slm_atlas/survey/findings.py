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

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ..catalog.diagnostics import Diagnostic
from ..db.connect import SqlError, define_scope, one_select, read_only
from ..formatting import metric_text
from ..schema.findings import Condition, Finding, Metric
from .finding_files import Loaded, load_findings

HOLDS, FAILS, UNKNOWN = "holds", "does not hold", "not enough data"
SCOPE_PREDICATES = {"surveyed": "survey_group IS NOT NULL", "all": "TRUE"}
SCOPE_LABELS = {"surveyed": "the survey's models", "all": "every model in the catalog"}


def use_scope(con: duckdb.DuckDBPyConnection, scope: str) -> None:
    """Point the temporary views scope_models and scope_runtime at `scope`'s models (this connection only)."""
    define_scope(con, "scope_models", f"SELECT * FROM model_overview WHERE {SCOPE_PREDICATES[scope]}")
    define_scope(con, "scope_runtime", "SELECT * FROM runtime WHERE model_id IN (SELECT id FROM scope_models)")


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
        checks.append(
            Check(f"{spec.label}: {metric_text(value, spec.format)} (needs at least {sample.at_least})", passed)
        )
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
        raise FindingError(
            item.diagnostic(("sql",), f"the query failed on scope {scope}: {str(exc).strip().splitlines()[0]}")
        ) from None
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
    return {
        "holds": sum(1 for r in results if r.verdict == HOLDS),
        "total": len(results),
        "unknown": sum(1 for r in results if r.verdict == UNKNOWN),
    }
