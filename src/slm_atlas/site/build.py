"""`slm-atlas site`: make sure the database is fresh, render the pages, run `mkdocs build --strict`.

Both outputs are replaced whole: pages are rendered into a new docs version and MkDocs builds
into a new site version; only when both succeed are the links build/docs and build/site switched
to them (outputs.py), so a failed or killed build leaves the previous site untouched.
"""

import contextlib
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import outputs
from ..db.build import EXPORT_FORMATS
from ..db.fresh import ensure_database
from .render import render_site


class SiteError(Exception):
    """The site could not be built; the message says why (MkDocs warnings are listed)."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.details = details or []


@dataclass
class SiteReport:
    site: Path
    pages: int
    database_rebuilt: bool
    seconds: dict[str, float] = field(default_factory=dict)


class _Collect(logging.Handler):
    """Keeps MkDocs's warnings so the command can print them (strict mode counts them itself)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs: Path, site: Path) -> None:
    """`mkdocs build --strict` with this docs and site folder; raises SiteError listing any warning."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), strict=True, docs_dir=str(docs.resolve()), site_dir=str(site.resolve()))
        build(config)
    except MkDocsException as exc:
        raise SiteError(f"mkdocs build failed: {exc}", collect.messages) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)


def build_site(config_file: Path, catalog_dir: Path, database: Path, export_dir: Path) -> SiteReport:
    """Build the database if stale, then the site into the config's site_dir; raises SiteError or BuildError.

    The pages and the site are built into new version folders and published by switching the
    links build/docs and build/site (outputs.py): a failed or killed build leaves the previous site whole."""
    import yaml

    started = time.perf_counter()
    root = config_file.parent
    rebuilt = ensure_database(catalog_dir, database, export_dir)
    exports = [export_dir / f"models.{suffix}" for suffix in EXPORT_FORMATS]
    database_done = time.perf_counter()
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    docs_target, site_target = root / settings["docs_dir"], root / settings["site_dir"]
    with outputs.locked(site_target):
        for pointer in (docs_target, site_target):
            outputs.prune(pointer)  # versions left by killed builds
        docs_new, site_new = outputs.new_version(docs_target), outputs.new_version(site_target)
        try:
            pages = render_site(database, root / "site", docs_new, [database, *exports], root / "README.md")
            rendered = time.perf_counter()
            run_mkdocs(config_file, docs_new, site_new)
        except BaseException:
            shutil.rmtree(docs_new, ignore_errors=True)
            shutil.rmtree(site_new, ignore_errors=True)
            raise
        outputs.publish(docs_target, docs_new)
        outputs.publish(site_target, site_new)
    done = time.perf_counter()
    return SiteReport(
        site_target,
        pages,
        rebuilt,
        {
            "database": database_done - started,
            "render": rendered - database_done,
            "mkdocs": done - rendered,
        },
    )


def serve(site: Path, port: int) -> None:
    """Serve the built site on 127.0.0.1 until interrupted."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", port), partial(Quiet, directory=str(site))) as server:
        print(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
