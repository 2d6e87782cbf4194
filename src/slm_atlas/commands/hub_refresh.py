"""`hub refresh`: the Hub's metadata and config.json for each record, as catalog/hub/<id>.json."""

import argparse
import sys

from ..db.query import QueryResult, as_table
from ..hub.client import Retry
from ..hub.refresh import RefreshError, endpoint_from, refresh
from .shared import missing_extra, records, usage_error


def hub_refresh(args: argparse.Namespace) -> int:
    """Fetch each record's Hub metadata and config.json into catalog/hub/<id>.json."""
    bad = [
        f"{flag} must be positive (got {value})"
        for flag, value in (
            ("--timeout", args.timeout),
            ("--model-deadline", args.model_deadline),
            ("--workers", args.workers),
            ("--attempts", args.attempts),
        )
        if not value > 0
    ]
    if args.max_retries < 0:
        bad.append(f"--max-retries must be 0 or more (got {args.max_retries})")
    if bad:
        return usage_error("; ".join(bad))
    chosen, code = records(args, "refreshing")
    if chosen is None:
        return code
    retry = Retry(attempts=args.attempts, timeout=args.timeout, model_deadline=args.model_deadline)
    try:
        report = refresh(
            chosen,
            args.catalog,
            endpoint_from(args.endpoint),
            args.workers,
            retry,
            progress=sys.stderr.isatty(),
            max_retries=args.max_retries,
        )
    except ImportError as exc:
        return missing_extra("hub", "the Hub", exc)
    except RefreshError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    rows = [
        (o.model_id, o.status, (o.detail or "") + ("; previous snapshot kept" if o.kept_previous else ""))
        for o in report.outcomes
    ]
    print(as_table(QueryResult(["model", "status", "detail"], rows)))
    ok = len(report.outcomes) - len(report.failed)
    spent = " (all used: later failures were not retried)" if report.retries_used >= report.retries_allowed else ""
    print(f"retries: {report.retries_used} of the run's {report.retries_allowed}{spent}")
    print(f"{ok} of {len(report.outcomes)} snapshots refreshed from {report.endpoint}; {len(report.failed)} failed")
    return 1 if report.failed else 0
