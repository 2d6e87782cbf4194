"""`measure run` and `measure list`: timing catalog models on this machine, and what is measured."""

import argparse
import sys

from ..catalog.diagnostics import display_path
from ..db.query import QueryResult, as_table
from ..hub.refresh import endpoint_from
from ..measure.coverage import missing
from ..measure.runner import BACKENDS, DEFAULT_FORMATS, UNQUANTIZED, Interrupted, load_scenario, sweep, with_overrides
from ..measure.weights import choose
from .shared import missing_extra, records, usage_error


def formats(args: argparse.Namespace) -> list[str]:
    """--formats, --dtype and --quant together (in that order, each once), or the backend's defaults."""
    dtypes = [f for f in (args.dtype or "").split(",") if f]
    quants = [f for f in (args.quant or "").split(",") if f]
    wrong = [f"--dtype {f}" for f in dtypes if f not in UNQUANTIZED] + [
        f"--quant {f}" for f in quants if f in UNQUANTIZED
    ]
    if wrong:
        kinds = {
            b: ([f for f in fs if f in UNQUANTIZED], [f for f in fs if f not in UNQUANTIZED])
            for b, fs in BACKENDS.items()
        }
        raise ValueError(
            f"{', '.join(wrong)}: --dtype takes unquantized formats (torch: {', '.join(kinds['torch'][0])};"
            f" llamacpp: {', '.join(kinds['llamacpp'][0])}), --quant quantized ones (torch:"
            f" {', '.join(kinds['torch'][1])}; llamacpp: {', '.join(kinds['llamacpp'][1])})"
        )
    chosen = [*(args.formats or "").split(","), *dtypes, *quants]
    return list(dict.fromkeys(f for f in chosen if f)) or DEFAULT_FORMATS[args.backend]


def measure_run(args: argparse.Namespace) -> int:
    """Time prefill and decode and record peak memory, for records built with random weights (or real ones:
    --weights)."""
    chosen, code = records(args, "measuring")
    if chosen is None:
        return code
    try:
        if args.backend == "llamacpp":
            import gguf  # noqa: F401 - the llamacpp extra, checked before the sweep starts
            import llama_cpp  # noqa: F401
        import torch  # noqa: F401 - the measure extra
    except ImportError as exc:
        extra = "llamacpp" if exc.name in ("gguf", "llama_cpp") else "measure"
        return missing_extra(extra, "measuring" + (" with llama.cpp" if extra == "llamacpp" else ""), exc)
    try:
        scenario = with_overrides(
            load_scenario(args.root, args.scenario), args.prompt, args.gen, args.reps, args.warmup
        )
        weights = choose(args.weights, chosen, args.backend, endpoint_from(args.endpoint))
        done = sweep(
            chosen,
            args.catalog,
            args.root,
            scenario,
            formats(args),
            args.device,
            args.threads,
            args.force,
            progress=sys.stderr.isatty(),
            backend=args.backend,
            weights=weights,
        )
    except ValueError as err:
        return usage_error(str(err))
    except Interrupted as err:
        print(f"interrupted: {err}", file=sys.stderr)
        return 130
    for path in done.failed:
        print(f"failed: {display_path(path)}")
    print(
        f"{len(done.written)} measured, {len(done.failed)} failed or unsupported (recorded), {len(done.skipped)} "
        f"already done"
    )
    return 1 if done.failed else 0


def measure_list(args: argparse.Namespace) -> int:
    """Show what is measured and what is missing, per model and format."""
    chosen, code = records(args, "listing")
    if chosen is None:
        return code
    try:
        wanted = formats(args)
    except ValueError as err:
        return usage_error(str(err))
    rows = missing(chosen, args.root, wanted, args.backend)
    print(as_table(QueryResult(["model", "backend", "format", "result files"], rows)))
    print(f"{sum(1 for r in rows if r[3])} of {len(rows)} model x format pairs have results ({args.backend})")
    return 0
