"""Time the full site build (`slm-atlas site`: database, pages, mkdocs --strict) and weigh its pages.

Catalogs: the real one, and synthetic ones of 100 and 1,000 models grown from copies of the real
records (as in validate_build.py). For each it prints the build time by phase and per model, and
the bytes a browser transfers for the heaviest pages (HTML, scripts, styles, the search index and
every JSON the page fetches; measured in headless chromium, raw and gzip-compressed as GitHub
Pages serves them). Targets, checked here and not in the tests: the real catalog builds in under
30 s; 1,000 models in under 3 min at a per-model cost no worse than at 100; the heaviest page
transfers under 1.5 MB (raw bytes) at both sizes.

    .venv/bin/python benchmarks/site_build.py [--sizes real 100 1000] [--no-weigh]
"""

import argparse
import functools
import gzip
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from validate_build import ROOT, make_catalog

from slm_atlas.site.build import build_site

PAGES = (
    "index.html",
    "models/index.html",
    "trends.html",
    "compare.html?models={a},{b}",
    "audit.html",
    "data.html",
    "sources.html",
    "datasets.html",
    "models/{a}.html",
)
CHROMIUM = "/usr/bin/chromium"


def prepare(root: Path, size: str) -> Path:
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "site", root / "site")
    if size == "real":
        shutil.copytree(ROOT / "survey", root / "survey")
        shutil.copytree(ROOT / "catalog", root / "catalog", ignore=shutil.ignore_patterns("hub"))
    else:
        make_catalog(root, int(size))
    return root


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def weigh(site: Path, ids: list[str]) -> list[tuple[str, int, int, int]]:
    """(page, requests, raw bytes, gzip bytes) for each page in PAGES, loaded in a fresh browser context."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for page in PAGES:
                path = page.format(a=ids[0], b=ids[1])
                context = browser.new_context()
                bodies: dict[str, bytes] = {}

                def keep(response, bodies=bodies):
                    try:
                        bodies[response.url] = response.body()
                    except Exception:  # a redirect or an aborted request has no body
                        bodies.setdefault(response.url, b"")

                context.on("response", keep)
                tab = context.new_page()
                tab.goto(base + path)
                tab.wait_for_load_state("networkidle")
                # Material's search worker fetches the index at load: count it on every page
                tab.wait_for_function(
                    "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
                )
                context.close()
                raw = sum(len(b) for b in bodies.values())
                packed = sum(len(gzip.compress(b, 6)) for b in bodies.values())
                out.append((path, len(bodies), raw, packed))
            browser.close()
    finally:
        server.shutdown()
    return out


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", nargs="+", default=["real", "100", "1000"])
    options.add_argument("--no-weigh", action="store_true", help="skip the page weights (no browser needed)")
    args = options.parse_args()
    per_model: dict[str, float] = {}
    heaviest: dict[str, tuple] = {}
    print(
        f"{'catalog':>8}  {'models':>6}  {'total s':>7}  {'database':>8}  {'render':>6}  {'mkdocs':>6}  {'ms/model':>8}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = prepare(Path(tmp), size)
            ids = sorted(p.stem for p in (root / "catalog" / "models").glob("*.yaml"))
            report = build_site(
                root / "mkdocs.yml", root / "catalog", root / "build" / "slm-atlas.duckdb", root / "build" / "export"
            )
            total = sum(report.seconds.values())
            per_model[size] = total / len(ids) * 1000
            s = report.seconds
            print(
                f"{size:>8}  {len(ids):>6}  {total:>7.1f}  {s['database']:>8.1f}  {s['render']:>6.1f}  "
                f"{s['mkdocs']:>6.1f}  {per_model[size]:>8.1f}"
            )
            if not args.no_weigh:
                weights = weigh(report.site, ["qwen2-0.5b", "smollm-360m"])
                for path, requests, raw, packed in weights:
                    print(
                        f"          {path:<40} {requests:>3} requests  {raw / 1e6:>6.3f} MB raw  {packed / 1e6:>6.3f} "
                        f"MB gzip"
                    )
                heaviest[size] = max(weights, key=lambda w: w[2])
            if size == "real":
                print(
                    f"target: the real catalog's site in under 30 s -> {'met' if total < 30 else 'MISSED'} "
                    f"({total:.1f} s)"
                )
            if size == "1000":
                print(f"target: 1,000 models in under 180 s -> {'met' if total < 180 else 'MISSED'} ({total:.1f} s)")
    if "100" in per_model and "1000" in per_model:
        ratio = per_model["1000"] / per_model["100"]
        print(
            f"per-model cost at 1000 vs 100: {ratio:.2f}x (target <= 1.0x, i.e. no worse)"
            f" -> {'met' if ratio <= 1.0 else 'MISSED'}"
        )
    for size, (path, _, raw, packed) in heaviest.items():
        verdict = "met" if raw < 1.5e6 else "MISSED"
        print(
            f"target: heaviest page under 1.5 MB ({size}): {path} {raw / 1e6:.3f} MB raw, {packed / 1e6:.3f} MB gzip "
            f"-> {verdict}"
        )


if __name__ == "__main__":
    main()
