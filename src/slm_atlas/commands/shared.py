"""What several commands share: a missing install extra, the records a command names, a fresh database."""

import argparse
import sys
from typing import Any

from ..catalog.diagnostics import render, summary
from ..catalog.validate import validate
from ..db.build import BuildError
from ..db.fresh import ensure_database


def missing_extra(extra: str, what: str, exc: ImportError) -> int:
    """Say which install extra a command needs (exit 1)."""
    print(
        f"error: {what} needs the {extra} extra ({exc.name} is missing): pip install -e '.[{extra}]'", file=sys.stderr
    )
    return 1


def usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def no_catalog(args: argparse.Namespace) -> int | None:
    """Exit 2 with a message when --catalog is no folder; None when it is one."""
    if args.catalog.is_dir():
        return None
    return usage_error(
        f"no catalog folder at {args.catalog.absolute()}; run this from the repository root or pass --catalog DIR"
    )


def records(args: argparse.Namespace, purpose: str) -> tuple[list[Any] | None, int]:
    """The records named by `args.ids` (or every one with --all) from a valid catalog, or None and
    the exit code after printing why (1: the catalog has errors, 2: a usage error)."""
    if args.all == bool(args.ids):
        return None, usage_error("name model ids or pass --all (not both)")
    result = validate(args.catalog)
    if result.diagnostics:
        print(render(result.diagnostics, "text"))
        print(summary(result.diagnostics, result.checked) + f"; fix these before {purpose}")
        return None, 1
    by_id = {e.record.id: e.record for e in result.catalog.entries}
    unknown = [i for i in args.ids if i not in by_id]
    if unknown:
        return None, usage_error(f"not in the catalog: {', '.join(unknown)}")
    return [by_id[i] for i in (args.ids or sorted(by_id))], 0


def fresh_database(args: argparse.Namespace, nothing_done: str) -> bool:
    """Rebuild the database from --catalog when it is missing or stale; False (with the catalog's
    errors printed and `nothing_done` said) when the catalog does not build."""
    if not args.catalog.is_dir():
        return True
    try:
        ensure_database(args.catalog, args.db, args.export)
    except BuildError as err:
        print(render(err.diagnostics, "text"))
        print(summary(err.diagnostics, "the catalog") + f"; {nothing_done}")
        return False
    return True
