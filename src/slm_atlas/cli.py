"""The `slm-atlas` command: builds the argument parser and runs one command (`commands/`).

Options several commands share (--catalog, --db, --export, the error format, model ids) are
declared once, as parent parsers. Each command's help is its function's docstring, whole.
Exit codes: 0 success, 1 the data (or the query) has errors, 2 bad command-line usage, 130
interrupted, 141 the reader of the output went away.
"""

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from .commands import data, drafting, hub_refresh, measuring, survey_runtime

DEFAULT_CATALOG = Path("catalog")
DEFAULT_DB = Path("build/slm-atlas.duckdb")
DEFAULT_EXPORT = Path("build/export")
Command = Callable[[argparse.Namespace], int]


def _parent(*options: tuple[tuple[str, ...], dict]) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    for names, settings in options:
        parent.add_argument(*names, **settings)
    return parent


CATALOG = _parent(
    (
        ("--catalog",),
        {
            "type": Path,
            "default": DEFAULT_CATALOG,
            "metavar": "DIR",
            "help": "catalog directory (default: catalog; references are read from DIR/../survey)",
        },
    )
)
ERRORS = _parent(
    (
        ("--format",),
        {
            "choices": ("text", "github"),
            "default": "text",
            "help": "error format: text (path:line:col) or github (workflow annotations)",
        },
    )
)
DATABASE = _parent(
    (
        ("--db",),
        {"type": Path, "default": DEFAULT_DB, "metavar": "FILE", "help": f"database file (default: {DEFAULT_DB})"},
    )
)
EXPORT = _parent(
    (
        ("--export",),
        {
            "type": Path,
            "default": DEFAULT_EXPORT,
            "metavar": "DIR",
            "help": f"folder for models.parquet/csv/json (default: {DEFAULT_EXPORT})",
        },
    )
)
IDS = _parent(
    (("ids",), {"nargs": "*", "metavar": "ID", "help": "model ids"}),
    (("--all",), {"action": "store_true", "help": "every record"}),
)
ENDPOINT = _parent(
    (("--endpoint",), {"metavar": "URL", "help": "Hub endpoint (default: $HF_ENDPOINT, else https://huggingface.co)"})
)


def _output(*choices: str) -> argparse.ArgumentParser:
    return _parent(
        (("--format",), {"choices": choices, "default": choices[0], "help": f"output format (default: {choices[0]})"})
    )


def _about(func: Command) -> tuple[str, str]:
    """(one-line help, description) from a command's docstring: its first paragraph, whole."""
    doc = (func.__doc__ or "").strip()
    first = " ".join(doc.split("\n\n")[0].split())
    return first, doc


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="slm-atlas", description="SLM Atlas: a sourced catalog of small language models, built into DuckDB."
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {version('slm-atlas')}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(group, name: str, func: Command, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        summary, description = _about(func)
        p = group.add_parser(name, help=summary, description=description, parents=list(parents))
        p.set_defaults(func=func)
        return p

    p = add(commands, "validate", data.validate, CATALOG, ERRORS)
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="model files or folders to report on (default: the whole catalog)",
    )
    p = add(commands, "build", data.build, CATALOG, ERRORS, EXPORT)
    p.add_argument(
        "--db",
        "--out",
        dest="db",
        type=Path,
        default=DEFAULT_DB,
        metavar="FILE",
        help=f"database file (default: {DEFAULT_DB})",
    )
    p.add_argument("--no-export", action="store_true", help="write only the database")
    p = add(commands, "audit", data.audit, CATALOG, _output("text", "csv", "json"))
    p.add_argument("--model", action="append", metavar="ID", help="only this model (repeatable)")
    p.add_argument(
        "--field", metavar="PREFIX", help="only fields starting with this, e.g. architecture or training.tokens"
    )
    p = add(commands, "new", drafting.new, CATALOG, ENDPOINT)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-config", type=Path, metavar="PATH", help="a model's config.json on disk")
    source.add_argument("--from-hub", metavar="OWNER/NAME", help="fetch config.json from the Hub (needs the hub extra)")
    p.add_argument("--id", required=True, metavar="ID", help="the new record's id (lower-case slug; the file name)")
    p.add_argument("--hub-repo", metavar="OWNER/NAME", help="the weights' Hub repository (default: the --from-hub one)")
    p.add_argument("--force", action="store_true", help="replace an existing record file")
    p = add(commands, "fmt", drafting.fmt, CATALOG)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: every catalog file)")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not canonical")
    p = add(commands, "schema", data.schema)
    p.add_argument(
        "--check", action="store_true", help="fail (exit 1) if a generated file is stale, instead of writing"
    )
    p.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="repository root (default: .)")
    p = add(commands, "site", data.site, CATALOG, DATABASE, EXPORT)
    p.add_argument("--serve", action="store_true", help="after building, serve the site on 127.0.0.1 until Ctrl-C")
    p.add_argument("--port", type=int, default=8000, help="port for --serve (default: 8000)")
    p.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="MkDocs config (default: mkdocs.yml)"
    )
    p = add(commands, "findings", data.findings, CATALOG, DATABASE, EXPORT, _output("text", "csv", "json"))
    p.add_argument(
        "--findings",
        type=Path,
        default=Path("survey/findings"),
        metavar="DIR",
        help="the findings (default: survey/findings)",
    )
    p = add(commands, "stale", data.stale, CATALOG, DATABASE, EXPORT, _output("table", "csv", "json"))
    p.add_argument("--check", action="store_true", help="exit 1 when a record needs re-checking (for scheduled jobs)")
    add(commands, "tables", data.tables, DATABASE, _output("table", "csv", "json"))
    p = add(commands, "sql", data.sql, DATABASE, _output("table", "csv", "json"))
    p.add_argument("query", metavar="QUERY", help='one SQL statement, e.g. "select * from model_overview"')
    p.add_argument(
        "--max-rows",
        type=int,
        default=10_000,
        metavar="N",
        help="print at most N rows; more is an error that says so (default: 10000)",
    )

    hub = commands.add_parser(
        "hub",
        help="Hugging Face Hub snapshots of each record's repository.",
        description="Hugging Face Hub snapshots of each record's repository.",
    )
    p = add(
        hub.add_subparsers(dest="hub_command", required=True, metavar="ACTION"),
        "refresh",
        hub_refresh.hub_refresh,
        IDS,
        CATALOG,
        ENDPOINT,
    )
    p.add_argument("--workers", type=int, default=4, metavar="N", help="requests in flight at once (default: 4)")
    p.add_argument(
        "--attempts", type=int, default=5, metavar="N", help="tries per request on 429, 5xx and timeouts (default: 5)"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="S",
        help="seconds for one whole request, its body included (default: 20)",
    )
    p.add_argument(
        "--model-deadline",
        type=float,
        default=120.0,
        metavar="S",
        help="seconds for one model's requests, retries and waits together (default: 120)",
    )
    p.add_argument(
        "--max-retries",
        type=int,
        default=100,
        metavar="N",
        help="retries for the whole run, shared by every model (default: 100)",
    )

    measure = commands.add_parser(
        "measure",
        help="Latency and memory of catalog models on this machine.",
        description="Latency and memory of catalog models on this machine (the measure extra).",
    )
    measure_actions = measure.add_subparsers(dest="measure_command", required=True, metavar="ACTION")
    shared = _parent(
        (
            ("--backend",),
            {"choices": ("torch", "llamacpp"), "default": "torch", "help": "inference engine (default: torch)"},
        ),
        (
            ("--formats",),
            {
                "help": "comma-separated; torch: fp32, bf16, fp16, int8 (default: bf16,int8); llamacpp: f16, q8_0, "
                "q6_k,"
                " q5_k_m, q4_k_m, q4_0, q3_k_m (default: f16,q8_0,q4_k_m)"
            },
        ),
        (
            ("--dtype",),
            {
                "metavar": "LIST",
                "help": "unquantized formats, added to --formats: torch fp32, bf16, fp16; llamacpp f16",
            },
        ),
        (
            ("--quant",),
            {"metavar": "LIST", "help": "quantized formats, added to --formats: torch int8; llamacpp q8_0 ... q3_k_m"},
        ),
        (
            ("--root",),
            {
                "type": Path,
                "default": Path("measure"),
                "metavar": "DIR",
                "help": "scenarios, hardware and results (default: measure)",
            },
        ),
    )
    add(measure_actions, "list", measuring.measure_list, IDS, CATALOG, shared)
    p = add(measure_actions, "run", measuring.measure_run, IDS, CATALOG, shared, ENDPOINT)
    p.add_argument("--scenario", default="quick", help="a file in measure/scenarios/ (default: quick)")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where to run (default: cpu)")
    p.add_argument("--threads", type=int, metavar="N", help="CPU threads (default: torch's choice)")
    p.add_argument("--force", action="store_true", help="measure again what already has a result")
    p.add_argument("--prompt", help="comma-separated prompt lengths in tokens, e.g. 64,256 (overrides the scenario)")
    p.add_argument("--gen", type=int, metavar="N", help="tokens to generate (overrides the scenario)")
    p.add_argument("--reps", type=int, metavar="N", help="timed repetitions (overrides the scenario)")
    p.add_argument("--warmup", type=int, metavar="N", help="untimed repetitions first (overrides the scenario)")
    p.add_argument(
        "--weights",
        default="random",
        metavar="random|hub|PATH",
        help="random (built from the record, default), hub (the record's repository: torch only) or PATH"
        " (one model's checkpoint: a transformers folder for torch, a .gguf file for llamacpp)",
    )

    survey = commands.add_parser(
        "survey",
        help="The survey's own numbers, beside the atlas's.",
        description="The survey's own numbers, beside the atlas's.",
    )
    p = add(
        survey.add_subparsers(dest="survey_command", required=True, metavar="ACTION"),
        "import-runtime",
        survey_runtime.survey_import_runtime,
        CATALOG,
        ERRORS,
    )
    p.add_argument(
        "--data",
        type=Path,
        default=Path("survey/runtime/values.csv"),
        metavar="FILE",
        help="the values read from the survey's figures (default: survey/runtime/values.csv)",
    )
    p.add_argument(
        "--root", type=Path, default=Path("measure"), metavar="DIR", help="hardware and results (default: measure)"
    )
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the results differ from the data file"
    )
    return top


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that the same clean-up as for Ctrl-C runs."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Parse, run one command, and end cleanly: Ctrl-C or SIGTERM prints one line and exits 130 (the
    command's own clean-up has run: temporary files removed, workers stopped, nothing half-written);
    a closed pipe (`slm-atlas sql ... | head`) ends quietly. SIGPIPE keeps Python's default (ignored):
    restoring the OS default would kill the process silently on any write to a closed socket."""
    args = parser().parse_args(argv)
    previous = (
        signal.signal(signal.SIGTERM, _terminate) if threading.current_thread() is threading.main_thread() else None
    )
    try:
        return int(args.func(args))
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
