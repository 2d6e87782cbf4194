"""Writing catalog files: `new` (a draft record from a config.json) and `fmt` (the canonical layout)."""

import argparse
import json
import sys

from ..catalog.diagnostics import display_path
from ..catalog.fmt import FormatError
from ..catalog.fmt import fmt as format_files
from ..catalog.scaffold import ScaffoldError, ScaffoldUsageError, check_usage, write_draft
from ..catalog.writer import WriteError
from ..files import read_limited
from ..hub.client import HubFailure, config_from_hub
from ..hub.refresh import endpoint_from
from .shared import missing_extra, usage_error

CONFIG_MAX_BYTES = 10_000_000  # a config.json is a few kilobytes; refuse anything that is not one


def _config_file(args: argparse.Namespace) -> tuple[object, int]:
    """The parsed --from-config file, or (None, exit code) after saying why it cannot be read."""
    try:
        return json.loads(read_limited(args.from_config, CONFIG_MAX_BYTES).decode("utf-8")), 0
    except OSError as exc:
        print(f"error: cannot read {args.from_config}: {exc.strerror}", file=sys.stderr)
    except (ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        print(f"error: {args.from_config} is not JSON: {why}", file=sys.stderr)
    return None, 1


def new(args: argparse.Namespace) -> int:
    """Draft catalog/models/<id>.yaml from a config.json (a file, or the Hub's), leaving marked what to fill."""
    revision = None
    try:
        check_usage(args.id, args.hub_repo or args.from_hub or "")
    except ScaffoldUsageError as err:
        if args.hub_repo or args.from_hub or not str(err).startswith("--hub-repo"):
            return usage_error(str(err))
    if args.from_config:
        if not args.hub_repo:
            return usage_error("--hub-repo OWNER/NAME is required with --from-config")
        config, code = _config_file(args)
        if code:
            return code
    else:
        try:
            config, revision = config_from_hub(args.from_hub, endpoint_from(args.endpoint))
        except ImportError as exc:
            return missing_extra("hub", "--from-hub", exc)
        except HubFailure as exc:
            print(f"error: {args.from_hub}: {exc.detail}", file=sys.stderr)
            return 1
    try:
        draft = write_draft(
            args.catalog, config, args.id, args.hub_repo or args.from_hub, revision=revision, force=args.force
        )
    except ScaffoldUsageError as err:
        return usage_error(str(err))
    except (ScaffoldError, WriteError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    shown = f"parameters {draft.parameters:,}" if draft.parameters else "parameters to fill"
    print(f"wrote {display_path(draft.path)} (architecture from config.json; {shown})")
    if draft.reference:
        print(f"added {draft.reference} to survey/references.yaml")
    print(
        f"left to fill ({len(draft.left)}): {', '.join(draft.left)}; run `slm-atlas validate "
        f"{display_path(draft.path)}`"
    )
    return 0


def fmt(args: argparse.Namespace) -> int:
    """Put catalog files in canonical key order and layout (comments and values kept)."""
    try:
        result = format_files(args.catalog, args.paths or None, args.check)
    except FormatError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in result.changed:
        print(
            f"{display_path(path)}: not canonical; run `slm-atlas fmt`"
            if args.check
            else f"formatted {display_path(path)}"
        )
    if args.check:
        if result.changed:
            print(f"failed: {len(result.changed)} of {result.checked} files not canonical")
            return 1
        print(f"ok: all {result.checked} files canonical")
        return 0
    print(f"formatted {len(result.changed)} of {result.checked} files")
    return 0
