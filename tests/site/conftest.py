"""Fixtures for the site: a repository-shaped folder (mkdocs.yml, site/, README.md, a catalog)
in a temporary directory, so builds never touch the checkout's build/ folder."""

import contextlib
import functools
import html
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, edit

EVIL_NAME = "<script>window.__xss=1</script>Evil & Co"


def site_root(root: Path, catalog: Path, extra_models: dict[str, str] | None = None) -> Path:
    """Copy the site sources and a catalog (with its survey/ lists) under `root`; returns root."""
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(REPO / "README.md", root / "README.md")
    shutil.copytree(REPO / "site", root / "site")
    shutil.copytree(catalog.parent / "survey", root / "survey")
    shutil.copytree(catalog, root / "catalog", ignore=shutil.ignore_patterns("hub"))
    for name, text in (extra_models or {}).items():
        (root / "catalog" / "models" / name).write_text(text, encoding="utf-8")
    return root


def evil_record() -> str:
    """The fixture model under a new id whose name and notes hold markup."""
    text = (FIXTURES / "catalog" / "models" / "smollm-135m.yaml").read_text(encoding="utf-8")
    text = edit(text, "id: smollm-135m", "id: evil-script")
    text = edit(text, "name: SmolLM-135M", f'name: "{EVIL_NAME}"')
    text = edit(text, "hub_repo: HuggingFaceTB/SmolLM-135M", "hub_repo: evil/script")  # records must differ
    text = edit(text, "tokens: {value: 600B, survey_reported: 600B}", "tokens: {value: 601B, survey_reported: 601B}")
    return edit(text, "family: SmolLM", 'family: "<img src=x onerror=window.__xss=2>"')


@pytest.fixture
def fixture_root(tmp_path) -> Path:
    """The one-model fixture catalog plus the markup-named record, ready for `build_site`."""
    return site_root(tmp_path, FIXTURES / "catalog", {"evil-script.yaml": evil_record()})


def build_in(root: Path):
    from slm_atlas.site.build import build_site

    return build_site(
        root / "mkdocs.yml", root / "catalog", root / "build" / "slm-atlas.duckdb", root / "build" / "export"
    )


def shown(page: Path) -> str:
    """A built page with character references resolved: values arrive escaped for Markdown as well as HTML
    (site.markup), so fragments are compared as a reader's browser shows them."""
    return html.unescape(page.read_text(encoding="utf-8"))


CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not shutil.which(CHROMIUM):
        return f"no chromium at {CHROMIUM} (apt-get install chromium, or set ATLAS_CHROMIUM)"
    return None


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright; skips without it, except where ATLAS_REQUIRE_BROWSER=1 (CI) makes that
    a failure."""
    reason = _browser_missing()
    if reason:
        if os.environ.get("ATLAS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that logs nothing."""

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (an unused port) while the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
