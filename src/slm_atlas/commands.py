"""The `slm-atlas` commands beyond the core data flow: drafting and formatting records (`new`,
`fmt`), listing the database (`tables`), the Hub (`hub refresh`), the runner (`measure`) and the
survey's own runtime numbers (`survey import-runtime`).

Like cli.py, each function parses nothing itself: it receives the parsed arguments, calls one
library function and prints the outcome (exit codes 0, 1, 2 as in cli.py).
"""

import argparse
import sys


CONFIG_MAX_BYTES = 10_000_000  # a config.json is a few kilobytes; refuse anything that is not one


def missing_extra(extra: str, what: str, exc: ImportError) -> int:
    """Say which install extra a command needs (exit 1)."""
    print(f"error: {what} needs the {extra} extra ({exc.name} is missing): pip install -e '.[{extra}]'", file=sys.stderr)
    return 1


def _new(args: argparse.Namespace) -> int:
    """Draft catalog/models/<id>.yaml from a config.json (a file, or the Hub's), leaving marked what to fill."""
    import json

    from .catalog.diagnostics import display_path
    from .catalog.scaffold import ScaffoldError, ScaffoldUsageError, check_usage, write_draft
    from .catalog.writer import WriteError
    from .files import read_limited

    revision = None
    try:
        check_usage(args.id, args.hub_repo or args.from_hub or "")
    except ScaffoldUsageError as err:
        if args.hub_repo or args.from_hub or not str(err).startswith("--hub-repo"):
            print(f"error: {err}", file=sys.stderr)
            return 2
    if args.from_config:
        if not args.hub_repo:
            print("error: --hub-repo OWNER/NAME is required with --from-config", file=sys.stderr)
            return 2
        try:
            config = json.loads(read_limited(args.from_config, CONFIG_MAX_BYTES).decode("utf-8"))
        except OSError as exc:
            print(f"error: cannot read {args.from_config}: {exc.strerror}", file=sys.stderr)
            return 1
        except (ValueError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            print(f"error: {args.from_config} is not JSON: {why}", file=sys.stderr)
            return 1
    else:
        try:
            from .hub.client import HubFailure, config_from_hub
            from .hub.refresh import endpoint_from
        except ImportError as exc:
            return missing_extra("hub", "--from-hub", exc)
        try:
            config, revision = config_from_hub(args.from_hub, endpoint_from(args.endpoint))
        except HubFailure as exc:
            print(f"error: {args.from_hub}: {exc.detail}", file=sys.stderr)
            return 1
    try:
        draft = write_draft(args.catalog, config, args.id, args.hub_repo or args.from_hub, revision=revision, force=args.force)
    except ScaffoldUsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (ScaffoldError, WriteError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    shown = f"parameters {draft.parameters:,}" if draft.parameters else "parameters to fill"
    print(f"wrote {display_path(draft.path)} (architecture from config.json; {shown})")
    if draft.reference:
        print(f"added {draft.reference} to survey/references.yaml")
    print(f"left to fill ({len(draft.left)}): {', '.join(draft.left)}; run `slm-atlas validate {display_path(draft.path)}`")
    return 0


def _fmt(args: argparse.Namespace) -> int:
    """Put catalog files in canonical key order and layout (comments and values kept)."""
    from .catalog.diagnostics import display_path
    from .catalog.fmt import FormatError, fmt

    try:
        result = fmt(args.catalog, args.paths or None, args.check)
    except FormatError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in result.changed:
        print(f"{display_path(path)}: not canonical; run `slm-atlas fmt`" if args.check else f"formatted {display_path(path)}")
    if args.check:
        state = f"failed: {len(result.changed)} of" if result.changed else "ok: all"
        print(f"{state} {result.checked} files canonical" if not result.changed else f"{state} {result.checked} files not canonical")
        return 1 if result.changed else 0
    print(f"formatted {len(result.changed)} of {result.checked} files")
    return 0


def _hub_refresh(args: argparse.Namespace) -> int:
    """Fetch each record's Hub metadata and config.json into catalog/hub/<id>.json."""
    from .db.query import QueryResult, as_table

    try:
        from .hub.client import Retry
        from .hub.refresh import RefreshError, endpoint_from, refresh
    except ImportError as exc:
        return missing_extra("hub", "the Hub", exc)
    chosen, code = _records(args, "refreshing")
    if chosen is None:
        return code
    bad = [f"{flag} must be positive (got {value})" for flag, value in (
        ("--timeout", args.timeout), ("--model-deadline", args.model_deadline), ("--workers", args.workers),
        ("--attempts", args.attempts)) if not value > 0] + ([f"--max-retries must be 0 or more (got {args.max_retries})"]
                                                           if args.max_retries < 0 else [])
    if bad:
        print("error: " + "; ".join(bad), file=sys.stderr)
        return 2
    retry = Retry(attempts=args.attempts, timeout=args.timeout, model_deadline=args.model_deadline)
    try:
        report = refresh(chosen, args.catalog, endpoint_from(args.endpoint), args.workers, retry, progress=sys.stderr.isatty(),
                         max_retries=args.max_retries)
    except RefreshError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the snapshots written so far are whole; run again to finish", file=sys.stderr)
        return 130
    rows = [(o.model_id, o.status, (o.detail or "") + ("; previous snapshot kept" if o.kept_previous else "")) for o in report.outcomes]
    print(as_table(QueryResult(["model", "status", "detail"], rows)))
    ok = len(report.outcomes) - len(report.failed)
    spent = report.retries_used >= report.retries_allowed
    print(f"retries: {report.retries_used} of the run's {report.retries_allowed}" + (" (all used: later failures were not retried)" if spent else ""))
    print(f"{ok} of {len(report.outcomes)} snapshots refreshed from {report.endpoint}; {len(report.failed)} failed")
    return 1 if report.failed else 0


def _tables(args: argparse.Namespace) -> int:
    """List the tables and views of the built database with their descriptions."""
    from .db.query import FORMATS, QueryError, run_query

    if not args.db.exists():
        print(f"error: no database at {args.db.absolute()}; run `slm-atlas build` first, or pass --db FILE", file=sys.stderr)
        return 1
    try:
        result = run_query(args.db, TABLES_QUERY)
    except QueryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(FORMATS[args.format](result))
    return 0


TABLES_QUERY = """
select table_name as name, 'table' as kind, comment as description from duckdb_tables() where schema_name = 'main'
union all
select view_name, 'view', comment from duckdb_views() where not internal and schema_name = 'main'
order by kind, name
"""


def _measure_run(args: argparse.Namespace) -> int:
    """Time prefill and decode and record peak memory, for records built with random weights (or real ones: --weights)."""
    from .catalog.diagnostics import display_path

    try:
        from .measure.runner import Interrupted, load_scenario, sweep, with_overrides
    except ImportError as exc:
        return missing_extra("measure", "measuring", exc)
    records, code = _records(args, "measuring")
    if records is None:
        return code
    if args.backend == "llamacpp":
        try:
            import gguf  # noqa: F401
            import llama_cpp  # noqa: F401
        except ImportError as exc:
            return missing_extra("llamacpp", "measuring with llama.cpp", exc)
    from .hub.refresh import endpoint_from
    from .measure.weights import choose

    try:
        scenario = with_overrides(load_scenario(args.root, args.scenario), args.prompt, args.gen, args.reps, args.warmup)
        weights = choose(args.weights, records, args.backend, endpoint_from(args.endpoint))
        done = sweep(records, args.catalog, args.root, scenario, _formats(args), args.device, args.threads, args.force,
                     progress=sys.stderr.isatty(), backend=args.backend, weights=weights)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Interrupted as err:
        print(f"interrupted: {err}", file=sys.stderr)
        return 130
    for path in done.failed:
        print(f"failed: {display_path(path)}")
    print(f"{len(done.written)} measured, {len(done.failed)} failed or unsupported (recorded), {len(done.skipped)} already done")
    return 1 if done.failed else 0


def _formats(args: argparse.Namespace) -> list[str]:
    """--formats, --dtype and --quant together (in that order, each once), or the backend's defaults."""
    from .measure.runner import BACKENDS, DEFAULT_FORMATS, UNQUANTIZED

    dtypes = [f for f in (args.dtype or "").split(",") if f]
    quants = [f for f in (args.quant or "").split(",") if f]
    wrong = [f"--dtype {f}" for f in dtypes if f not in UNQUANTIZED] + [f"--quant {f}" for f in quants if f in UNQUANTIZED]
    if wrong:
        kinds = {b: ([f for f in fs if f in UNQUANTIZED], [f for f in fs if f not in UNQUANTIZED]) for b, fs in BACKENDS.items()}
        raise ValueError(f"{', '.join(wrong)}: --dtype takes unquantized formats (torch: {', '.join(kinds['torch'][0])};"
                         f" llamacpp: {', '.join(kinds['llamacpp'][0])}), --quant quantized ones (torch:"
                         f" {', '.join(kinds['torch'][1])}; llamacpp: {', '.join(kinds['llamacpp'][1])})")
    chosen = [*(args.formats or "").split(","), *dtypes, *quants]
    return list(dict.fromkeys(f for f in chosen if f)) or DEFAULT_FORMATS[args.backend]


def _measure_list(args: argparse.Namespace) -> int:
    """Show what is measured and what is missing, per model and format."""
    from .db.query import QueryResult, as_table
    from .measure.coverage import missing

    records, code = _records(args, "listing")
    if records is None:
        return code
    try:
        formats = _formats(args)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    rows = missing(records, args.root, formats, args.backend)
    print(as_table(QueryResult(["model", "backend", "format", "result files"], rows)))
    print(f"{sum(1 for r in rows if r[3])} of {len(rows)} model x format pairs have results ({args.backend})")
    return 0


def _survey_import_runtime(args: argparse.Namespace) -> int:
    """Turn the survey's runtime figures (survey/runtime/values.csv) into reference measurements and device profiles."""
    from .catalog.diagnostics import display_path, render, summary
    from .survey.runtime_figures import ImportFailed, import_runtime

    if not args.catalog.is_dir():
        print(f"error: no catalog folder at {args.catalog.absolute()}; run this from the repository root or pass --catalog DIR", file=sys.stderr)
        return 2
    try:
        report = import_runtime(args.data, args.catalog, args.root, check=args.check)
    except ImportFailed as err:
        print(render(err.diagnostics, args.format))
        print(summary(err.diagnostics, display_path(args.data)) + "; nothing was written")
        return 1
    verb, gone = ("stale", "left over") if args.check else ("wrote", "removed")
    for path in report.written:
        print(f"{verb}: {display_path(path)}")
    for path in report.removed:
        print(f"{gone}: {display_path(path)}")
    print(f"{len(report.written)} {verb}, {len(report.unchanged)} unchanged, {len(report.removed)} {gone};"
          f" {report.unnamed} values whose figure names no model stay in {display_path(args.data)} only")
    return 1 if args.check and (report.written or report.removed) else 0


def _records(args: argparse.Namespace, purpose: str) -> tuple[list | None, int]:
    """The records named by `args.ids` (or every one with --all) from a valid catalog, or None and
    the exit code after printing why (1: the catalog has errors, 2: a usage error)."""
    from .catalog.diagnostics import render, summary
    from .catalog.validate import validate

    if args.all == bool(args.ids):
        print("error: name model ids or pass --all (not both)", file=sys.stderr)
        return None, 2
    result = validate(args.catalog)
    if result.diagnostics:
        print(render(result.diagnostics, "text"))
        print(summary(result.diagnostics, result.checked) + f"; fix these before {purpose}")
        return None, 1
    records = {e.record.id: e.record for e in result.catalog.entries}
    unknown = [i for i in args.ids if i not in records]
    if unknown:
        print(f"error: not in the catalog: {', '.join(unknown)}", file=sys.stderr)
        return None, 2
    return [records[i] for i in (args.ids or sorted(records))], 0


def _fresh_database(args: argparse.Namespace, nothing_done: str) -> bool:
    """Rebuild the database from --catalog when it is missing or stale; False (with the catalog's
    errors printed and `nothing_done` said) when the catalog does not build."""
    from .catalog.diagnostics import render, summary
    from .db.build import BuildError
    from .db.fresh import ensure_database

    if not args.catalog.is_dir():
        return True
    try:
        ensure_database(args.catalog, args.db, args.export)
    except BuildError as err:
        print(render(err.diagnostics, "text"))
        print(summary(err.diagnostics, "the catalog") + f"; {nothing_done}")
        return False
    return True


def _stale(args: argparse.Namespace) -> int:
    """List the records a maintainer should re-check against their Hub repository (from the Hub snapshots)."""
    from .db.query import FORMATS, QueryError, run_query

    if not _fresh_database(args, "nothing was checked"):
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
        print(f"{models} record(s) to re-check; {snapshots} model(s) have a Hub snapshot (`slm-atlas hub refresh` adds more)")
    return 1 if args.check and result.rows else 0


def _findings(args: argparse.Namespace) -> int:
    """Recompute every finding of the survey from the database and print its verdicts (holds, does not hold, not enough data)."""
    from .catalog.diagnostics import render, summary
    from .survey.findings import FORMATS, run_findings

    if not args.findings.is_dir():
        print(f"error: no findings folder at {args.findings.absolute()}; run this from the repository root or pass --findings DIR", file=sys.stderr)
        return 2
    if not args.catalog.is_dir() and not args.db.exists():
        print(f"error: no catalog folder at {args.catalog.absolute()} and no database at {args.db}", file=sys.stderr)
        return 2
    if not _fresh_database(args, "no finding was computed"):
        return 1
    results, problems = run_findings(args.db, args.findings)
    if problems:
        print(render(problems, "text"))
        print(summary(problems, "the findings"))
        return 1
    print(FORMATS[args.format](results))
    return 0
