"""The `slm-atlas` command: parses arguments, calls one library function, prints the outcome.

Exit codes: 0 success, 1 the data (or the query) has errors, 2 bad command-line usage.
"""

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from .commands import (
    _findings,
    _fmt,
    _hub_refresh,
    _measure_list,
    _measure_run,
    _new,
    _stale,
    _survey_import_runtime,
    _tables,
    missing_extra,
)

DEFAULT_CATALOG = Path("catalog")
DEFAULT_DB = Path("build/slm-atlas.duckdb")
DEFAULT_EXPORT = Path("build/export")


def _validate(args: argparse.Namespace) -> int:
    """Check catalog files against the schema and the cross-record rules."""
    from .catalog.diagnostics import render, summary
    from .catalog.validate import validate

    if not args.catalog.is_dir():
        print(f"error: no catalog folder at {args.catalog.absolute()}; run this from the repository root or pass --catalog DIR", file=sys.stderr)
        return 2
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = validate(args.catalog, args.paths or None)
    if result.diagnostics:
        print(render(result.diagnostics, args.format))
    print(summary(result.diagnostics, result.checked), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if result.diagnostics else 0


def _build(args: argparse.Namespace) -> int:
    """Validate the catalog and write the DuckDB file and the exports."""
    from .catalog.diagnostics import render, summary
    from .db.build import BuildError, build

    try:
        report = build(args.catalog, args.out, None if args.no_export else args.export)
    except BuildError as err:
        print(render(err.diagnostics, args.format))
        print(summary(err.diagnostics, "the catalog") + "; nothing was written")
        return 1
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items() if n)
    print(f"wrote {report.database} ({rows})")
    for path in report.exports:
        print(f"wrote {path}")
    return 0


def _audit(args: argparse.Namespace) -> int:
    """List every value the survey's data reports differently from the atlas, with the reason, and
    every value a Hub snapshot (config.json, safetensors count, card licence) disagrees with."""
    from .catalog.diagnostics import render, summary
    from .catalog.validate import validate
    from .db.query import FORMATS, QueryResult
    from .hub.checks import disagreements as hub_disagreements
    from .hub.checks import report_lines as hub_report
    from .survey import audit

    if not args.catalog.is_dir():
        print(f"error: no catalog folder at {args.catalog.absolute()}; run this from the repository root or pass --catalog DIR", file=sys.stderr)
        return 2
    result = validate(args.catalog)
    if result.diagnostics:
        print(render(result.diagnostics, "text"))
        print(summary(result.diagnostics, result.checked) + "; fix these before auditing")
        return 1
    problem = audit.usage_problem(result.catalog, args.model, args.field)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    found = [
        d for d in audit.differences(result.catalog)
        if (not args.model or d.model_id in args.model) and d.field.startswith(args.field or "")
    ]
    checks = audit.aggregate_checks(result.catalog)
    if args.format != "text":
        columns = ["model_id", "field", "survey_reported", "atlas_value", "atlas_source", "reason"]
        print(FORMATS[args.format](QueryResult(columns, [tuple(getattr(d, c) for c in columns) for d in found])))
        return 0
    print("\n".join(audit.report_lines(found)))
    for check in (c for c in checks if not c.agrees):
        print(f"{check.model_id}: the survey's {check.benchmark} is {check.reported:.6f}, "
              f"but the mean of its task scores is {check.recomputed:.6f}")
    print(audit.summary(found, checks))
    failing, snapshots = hub_disagreements(result.catalog, args.catalog)
    if snapshots:
        print("\n".join(hub_report(failing, snapshots)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    """Regenerate schema/ (JSON Schemas, DDL) from the Pydantic models, or check it is fresh."""
    from .generated import COMMAND, stale_generated, write_generated

    if args.check:
        stale = stale_generated(args.root)
        for path in stale:
            print(f"{path}: stale or missing; run `{COMMAND}`")
        print(f"{'failed' if stale else 'ok'}: {len(stale)} stale generated file(s)")
        return 1 if stale else 0
    written = write_generated(args.root)
    print("\n".join(f"wrote {p}" for p in written) or "all generated files are up to date")
    return 0


def _sql(args: argparse.Namespace) -> int:
    """Run one SQL query against the built DuckDB file and print the result."""
    from .db.query import FORMATS, QueryError, QueryUsageError, run_query

    if not 1 <= args.max_rows <= 1_000_000:
        print(f"error: --max-rows must be between 1 and 1,000,000 (got {args.max_rows})", file=sys.stderr)
        return 2
    try:
        result = run_query(args.db, args.query, args.max_rows)
    except QueryUsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(FORMATS[args.format](result))
    if result.more:
        print(f"error: the query returns more than {args.max_rows:,} rows; only the first {args.max_rows:,} are shown."
              " Add a LIMIT (or OFFSET to page), or raise --max-rows", file=sys.stderr)
        return 1
    return 0


def _site(args: argparse.Namespace) -> int:
    """Build the static site into build/site (the database first, when it is missing or stale)."""
    from .catalog.diagnostics import render, summary
    from .db.build import BuildError

    try:
        from .site.build import SiteError, build_site, serve
    except ImportError as exc:
        return missing_extra("site", "the site", exc)
    if not args.config.exists():
        print(f"error: {args.config} not found; run this from the repository root or pass --config", file=sys.stderr)
        return 2
    try:
        report = build_site(args.config, args.catalog, args.db, args.export)
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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="slm-atlas",
        description="SLM Atlas: a sourced catalog of small language models, built into DuckDB.",
    )
    from importlib.metadata import version

    top.add_argument("--version", action="version", version=f"%(prog)s {version('slm-atlas')}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, **kwargs) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=func.__doc__.splitlines()[0], description=func.__doc__, **kwargs)
        p.set_defaults(func=func)
        return p

    def catalog_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR",
                       help="catalog directory (default: catalog; references are read from DIR/../survey)")
        p.add_argument("--format", choices=("text", "github"), default="text",
                       help="error format: text (path:line:col) or github (workflow annotations)")

    p = command("validate", _validate)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="model files or folders to report on (default: the whole catalog)")
    catalog_option(p)

    p = command("build", _build)
    catalog_option(p)
    p.add_argument("--out", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--export", type=Path, default=DEFAULT_EXPORT, metavar="DIR",
                   help=f"folder for models.parquet/csv/json (default: {DEFAULT_EXPORT})")
    p.add_argument("--no-export", action="store_true", help="write only the database")

    p = command("audit", _audit)
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")
    p.add_argument("--model", action="append", metavar="ID", help="only this model (repeatable)")
    p.add_argument("--field", metavar="PREFIX", help="only fields starting with this, e.g. architecture or training.tokens")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text", help="output format (default: text)")

    p = command("new", _new)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-config", type=Path, metavar="PATH", help="a model's config.json on disk")
    source.add_argument("--from-hub", metavar="OWNER/NAME", help="fetch config.json from the Hub (needs the hub extra)")
    p.add_argument("--id", required=True, metavar="ID", help="the new record's id (lower-case slug; the file name)")
    p.add_argument("--hub-repo", metavar="OWNER/NAME", help="the weights' Hub repository (default: the --from-hub one)")
    p.add_argument("--endpoint", metavar="URL", help="Hub endpoint for --from-hub (default: $HF_ENDPOINT, else https://huggingface.co)")
    p.add_argument("--force", action="store_true", help="replace an existing record file")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")

    p = command("fmt", _fmt)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: every catalog file)")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not canonical")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")

    p = command("schema", _schema)
    p.add_argument("--check", action="store_true", help="fail (exit 1) if a generated file is stale, instead of writing")
    p.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="repository root (default: .)")

    p = command("site", _site)
    p.add_argument("--serve", action="store_true", help="after building, serve the site on 127.0.0.1 until Ctrl-C")
    p.add_argument("--port", type=int, default=8000, help="port for --serve (default: 8000)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="MkDocs config (default: mkdocs.yml)")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--export", type=Path, default=DEFAULT_EXPORT, metavar="DIR", help=f"exports folder (default: {DEFAULT_EXPORT})")

    p = command("findings", _findings)
    p.add_argument("--format", choices=("text", "csv", "json"), default="text", help="output format (default: text)")
    p.add_argument("--findings", type=Path, default=Path("survey/findings"), metavar="DIR", help="the findings (default: survey/findings)")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR",
                   help="catalog directory; the database is rebuilt from it when missing or stale (default: catalog)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--export", type=Path, default=DEFAULT_EXPORT, metavar="DIR", help=f"exports folder (default: {DEFAULT_EXPORT})")

    p = command("stale", _stale)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    p.add_argument("--check", action="store_true", help="exit 1 when a record needs re-checking (for scheduled jobs)")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR",
                   help="catalog directory; the database is rebuilt from it when missing or stale (default: catalog)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--export", type=Path, default=DEFAULT_EXPORT, metavar="DIR", help=f"exports folder (default: {DEFAULT_EXPORT})")

    hub = sub.add_parser("hub", help="Hugging Face Hub snapshots of each record's repository",
                         description="Hugging Face Hub snapshots of each record's repository.")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True, metavar="ACTION")
    p = hub_sub.add_parser("refresh", help=_hub_refresh.__doc__.splitlines()[0], description=_hub_refresh.__doc__)
    p.set_defaults(func=_hub_refresh)
    p.add_argument("ids", nargs="*", metavar="ID", help="model ids to refresh")
    p.add_argument("--all", action="store_true", help="refresh every record")
    p.add_argument("--endpoint", metavar="URL", help="Hub endpoint (default: $HF_ENDPOINT, else https://huggingface.co)")
    p.add_argument("--workers", type=int, default=4, metavar="N", help="requests in flight at once (default: 4)")
    p.add_argument("--attempts", type=int, default=5, metavar="N", help="tries per request on 429, 5xx and timeouts (default: 5)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="S",
                   help="seconds for one whole request, its body included (default: 20)")
    p.add_argument("--model-deadline", type=float, default=120.0, metavar="S",
                   help="seconds for one model's requests, retries and waits together (default: 120)")
    p.add_argument("--max-retries", type=int, default=100, metavar="N",
                   help="retries for the whole run, shared by every model (default: 100)")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")

    p = command("tables", _tables)
    p.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")

    measure = sub.add_parser("measure", help="latency and memory of catalog models on this machine",
                             description="Latency and memory of catalog models on this machine (the measure extra).")
    measure_sub = measure.add_subparsers(dest="measure_command", required=True, metavar="ACTION")
    for name, func in (("run", _measure_run), ("list", _measure_list)):
        p = measure_sub.add_parser(name, help=func.__doc__.splitlines()[0], description=func.__doc__)
        p.set_defaults(func=func)
        p.add_argument("ids", nargs="*", metavar="ID", help="model ids")
        p.add_argument("--all", action="store_true", help="every record")
        p.add_argument("--backend", choices=("torch", "llamacpp"), default="torch", help="inference engine (default: torch)")
        p.add_argument("--formats", help="comma-separated; torch: fp32, bf16, fp16, int8 (default: bf16,int8); llamacpp: f16,"
                       " q8_0, q6_k, q5_k_m, q4_k_m, q4_0, q3_k_m (default: f16,q8_0,q4_k_m)")
        p.add_argument("--dtype", metavar="LIST", help="unquantized formats, added to --formats: torch fp32, bf16, fp16; llamacpp f16")
        p.add_argument("--quant", metavar="LIST", help="quantized formats, added to --formats: torch int8; llamacpp q8_0 ... q3_k_m")
        p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")
        p.add_argument("--root", type=Path, default=Path("measure"), metavar="DIR", help="scenarios, hardware and results (default: measure)")
    p = measure_sub.choices["run"]
    p.add_argument("--scenario", default="quick", help="a file in measure/scenarios/ (default: quick)")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where to run (default: cpu)")
    p.add_argument("--threads", type=int, metavar="N", help="CPU threads (default: torch's choice)")
    p.add_argument("--force", action="store_true", help="measure again what already has a result")
    p.add_argument("--prompt", help="comma-separated prompt lengths in tokens, e.g. 64,256 (overrides the scenario)")
    p.add_argument("--gen", type=int, metavar="N", help="tokens to generate (overrides the scenario)")
    p.add_argument("--reps", type=int, metavar="N", help="timed repetitions (overrides the scenario)")
    p.add_argument("--warmup", type=int, metavar="N", help="untimed repetitions first (overrides the scenario)")
    p.add_argument("--weights", default="random", metavar="random|hub|PATH",
                   help="random (built from the record, default), hub (the record's repository: torch only) or PATH"
                        " (one model's checkpoint: a transformers folder for torch, a .gguf file for llamacpp)")
    p.add_argument("--endpoint", metavar="URL", help="Hub endpoint for --weights hub (default: $HF_ENDPOINT, else https://huggingface.co)")

    survey = sub.add_parser("survey", help="the survey's own numbers, beside the atlas's",
                            description="The survey's own numbers, beside the atlas's.")
    survey_sub = survey.add_subparsers(dest="survey_command", required=True, metavar="ACTION")
    p = survey_sub.add_parser("import-runtime", help=_survey_import_runtime.__doc__.splitlines()[0],
                              description=_survey_import_runtime.__doc__)
    p.set_defaults(func=_survey_import_runtime)
    p.add_argument("--data", type=Path, default=Path("survey/runtime/values.csv"), metavar="FILE",
                   help="the values read from the survey's figures (default: survey/runtime/values.csv)")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, metavar="DIR", help="catalog directory (default: catalog)")
    p.add_argument("--root", type=Path, default=Path("measure"), metavar="DIR", help="hardware and results (default: measure)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the results differ from the data file")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="error format: text (path:line:col) or github (workflow annotations)")

    p = command("sql", _sql)
    p.add_argument("query", metavar="QUERY", help="one SQL statement, e.g. \"select * from model_overview\"")
    p.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="print at most N rows; more is an error that says so (default: 10000)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="FILE", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)")
    return top


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that the same clean-up as for Ctrl-C runs."""


def _terminate(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Parse, run one command, and end cleanly: Ctrl-C or SIGTERM prints one line and exits 130 (the
    command's own clean-up has run: temporary files removed, workers stopped, nothing half-written);
    a closed pipe (`slm-atlas sql ... | head`) ends quietly. SIGPIPE keeps Python's default (ignored):
    restoring the OS default would kill the process silently on any write to a closed socket."""
    args = parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate) if threading.current_thread() is threading.main_thread() else None
    try:
        return args.func(args)
    except (KeyboardInterrupt, Terminated):
        print("interrupted: nothing half-written was left; run the command again to finish", file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # the reader went away: no more output, no traceback at exit
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:  # the machine, not the data: a read-only folder, a full disk; outputs are whole (outputs.py)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; nothing half-written was left", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
