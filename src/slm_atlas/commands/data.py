"""The core data flow's commands: validate, build, site, sql, tables, schema, audit, stale, findings."""

import argparse
import sys

from ..catalog.diagnostics import render, summary
from ..catalog.validate import validate as validate_catalog
from ..db.build import BuildError
from ..db.build import build as build_database
from ..db.hub_checks import disagreements as hub_disagreements
from ..db.hub_checks import report_lines as hub_report
from ..db.query import FORMATS, QueryError, QueryResult, QueryUsageError, run_query
from ..generated import COMMAND as SCHEMA_COMMAND
from ..generated import stale_generated, write_generated
from ..site.build import SiteError, build_site, serve
from ..survey import audit as survey_audit
from ..survey.finding_report import FORMATS as FINDING_FORMATS
from ..survey.findings import run_findings
from .shared import fresh_database, missing_extra, no_catalog, usage_error

TABLES_QUERY = """
select table_name as name, 'table' as kind, comment as description from duckdb_tables() where schema_name = 'main'
union all
select view_name, 'view', comment from duckdb_views() where not internal and schema_name = 'main'
order by kind, name
"""


def validate(args: argparse.Namespace) -> int:
    """Check catalog files against the schema and the cross-record rules."""
    if (code := no_catalog(args)) is not None:
        return code
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        return usage_error(f"no such file or folder: {', '.join(missing)}")
    result = validate_catalog(args.catalog, args.paths or None)
    if result.diagnostics:
        print(render(result.diagnostics, args.format))
    print(summary(result.diagnostics, result.checked), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if result.diagnostics else 0


def build(args: argparse.Namespace) -> int:
    """Validate the catalog and write the DuckDB file and the exports."""
    try:
        report = build_database(args.catalog, args.db, None if args.no_export else args.export)
    except BuildError as err:
        print(render(err.diagnostics, args.format))
        print(summary(err.diagnostics, "the catalog") + "; nothing was written")
        return 1
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items() if n)
    print(f"wrote {report.database} ({rows})")
    for path in report.exports:
        print(f"wrote {path}")
    return 0


def site(args: argparse.Namespace) -> int:
    """Build the static site into build/site (the database first, when it is missing or stale)."""
    if not args.config.exists():
        return usage_error(f"{args.config} not found; run this from the repository root or pass --config")
    try:
        report = build_site(args.config, args.catalog, args.db, args.export)
    except ImportError as exc:
        return missing_extra("site", "the site", exc)
    except BuildError as err:
        print(render(err.diagnostics, "text"))
        print(summary(err.diagnostics, "the catalog") + "; the site was not built")
        return 1
    except SiteError as err:
        print("\n".join(f"warning: {line}" for line in err.details))
        print(f"error: {err}", file=sys.stderr)
        return 1
    timing = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
    database = f"rebuilt {args.db}" if report.database_rebuilt else f"{args.db} was up to date"
    print(f"wrote {report.site} ({report.pages} generated files; {database}; {timing})")
    if args.serve:
        serve(report.site, args.port)
    else:
        print(f"open it with `slm-atlas site --serve` (http://127.0.0.1:{args.port}/) or from {report.site}/index.html")
    return 0


def sql(args: argparse.Namespace) -> int:
    """Run one SQL statement against the built DuckDB file (read-only) and print the result."""
    if not 1 <= args.max_rows <= 1_000_000:
        return usage_error(f"--max-rows must be between 1 and 1,000,000 (got {args.max_rows})")
    try:
        result = run_query(args.db, args.query, args.max_rows)
    except QueryUsageError as err:
        return usage_error(str(err))
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(FORMATS[args.format](result))
    if result.more:
        print(
            f"error: the query returns more than {args.max_rows:,} rows; only the first {args.max_rows:,} are shown."
            " Add a LIMIT (or OFFSET to page), or raise --max-rows",
            file=sys.stderr,
        )
        return 1
    return 0


def tables(args: argparse.Namespace) -> int:
    """List the tables and views of the built database with their descriptions."""
    if not args.db.exists():
        print(
            f"error: no database at {args.db.absolute()}; run `slm-atlas build` first, or pass --db FILE",
            file=sys.stderr,
        )
        return 1
    try:
        result = run_query(args.db, TABLES_QUERY)
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(FORMATS[args.format](result))
    return 0


def schema(args: argparse.Namespace) -> int:
    """Regenerate schema/ (JSON Schemas, DDL) from the Pydantic models, or check it is fresh."""
    if args.check:
        stale = stale_generated(args.root)
        for path in stale:
            print(f"{path}: stale or missing; run `{SCHEMA_COMMAND}`")
        print(f"{'failed' if stale else 'ok'}: {len(stale)} stale generated file(s)")
        return 1 if stale else 0
    written = write_generated(args.root)
    print("\n".join(f"wrote {p}" for p in written) or "all generated files are up to date")
    return 0


def audit(args: argparse.Namespace) -> int:
    """List every value the survey's data reports differently from the atlas, with the reason, and every value a Hub
    snapshot (config.json, safetensors count, card licence) disagrees with."""
    if (code := no_catalog(args)) is not None:
        return code
    result = validate_catalog(args.catalog)
    if result.diagnostics:
        print(render(result.diagnostics, "text"))
        print(summary(result.diagnostics, result.checked) + "; fix these before auditing")
        return 1
    problem = survey_audit.usage_problem(result.catalog, args.model, args.field)
    if problem:
        return usage_error(problem)
    found = [
        d
        for d in survey_audit.differences(result.catalog)
        if (not args.model or d.model_id in args.model) and d.field.startswith(args.field or "")
    ]
    checks = survey_audit.aggregate_checks(result.catalog)
    if args.format != "text":
        columns = ["model_id", "field", "survey_reported", "atlas_value", "atlas_source", "reason"]
        print(FORMATS[args.format](QueryResult(columns, [tuple(getattr(d, c) for c in columns) for d in found])))
        return 0
    print("\n".join(survey_audit.report_lines(found)))
    for check in (c for c in checks if not c.agrees):
        print(
            f"{check.model_id}: the survey's {check.benchmark} is {check.reported:.6f}, "
            f"but the mean of its task scores is {check.recomputed:.6f}"
        )
    print(survey_audit.summary(found, checks))
    failing, snapshots = hub_disagreements(result.catalog, args.catalog)
    if snapshots:
        print("\n".join(hub_report(failing, snapshots)))
    return 0


def stale(args: argparse.Namespace) -> int:
    """List the records a maintainer should re-check against their Hub repository (from the Hub snapshots)."""
    if not fresh_database(args, "nothing was checked"):
        return 1
    try:
        result = run_query(args.db, "SELECT model_id, reason, detail FROM stale_records")
        snapshots = run_query(args.db, "SELECT count(*) FROM hub_snapshots").rows[0][0]
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.format != "table" or result.rows:
        print(FORMATS[args.format](result))
    if args.format == "table":
        models = len({row[0] for row in result.rows})
        print(
            f"{models} record(s) to re-check; {snapshots} model(s) have a Hub snapshot (`slm-atlas hub refresh` adds "
            f"more)"
        )
    return 1 if args.check and result.rows else 0


def findings(args: argparse.Namespace) -> int:
    """Recompute every finding of the survey from the database and print its verdicts (holds, does not hold, not enough
    data)."""
    if not args.findings.is_dir():
        return usage_error(
            f"no findings folder at {args.findings.absolute()}; run this from the repository root or pass"
            " --findings DIR"
        )
    if not args.catalog.is_dir() and not args.db.exists():
        return usage_error(f"no catalog folder at {args.catalog.absolute()} and no database at {args.db}")
    if not fresh_database(args, "no finding was computed"):
        return 1
    results, problems = run_findings(args.db, args.findings)
    if problems:
        print(render(problems, "text"))
        print(summary(problems, "the findings"))
        return 1
    print(FINDING_FORMATS[args.format](results))
    return 0
