"""`survey import-runtime`: the survey's own runtime figures as reference measurements."""

import argparse

from ..catalog.diagnostics import display_path, render, summary
from ..survey.runtime_figures import ImportFailed, import_runtime
from .shared import no_catalog


def survey_import_runtime(args: argparse.Namespace) -> int:
    """Turn the survey's runtime figures (survey/runtime/values.csv) into reference measurements and device profiles."""
    if (code := no_catalog(args)) is not None:
        return code
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
    print(
        f"{len(report.written)} {verb}, {len(report.unchanged)} unchanged, {len(report.removed)} {gone};"
        f" {report.unnamed} values whose figure names no model stay in {display_path(args.data)} only"
    )
    return 1 if args.check and (report.written or report.removed) else 0
