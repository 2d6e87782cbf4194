"""`slm-atlas site` end to end on the fixture catalog: database freshness, strict MkDocs build,
escaping of record text, links that resolve, and a failed build that keeps the previous site."""

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from slm_atlas.cli import main
from slm_atlas.db.fresh import database_is_stale
from slm_atlas.site.build import SiteError
from tests.site.conftest import EVIL_NAME, build_in, shown


@pytest.fixture
def built(fixture_root):
    report = build_in(fixture_root)
    return fixture_root, report


def test_builds_database_then_site_and_downloads(built):
    root, report = built
    site = root / "build" / "site"
    assert report.database_rebuilt is True
    assert report.site == site
    for page in (
        "index.html",
        "models/index.html",
        "models/smollm-135m.html",
        "models/evil-script.html",
        "compare.html",
        "trends.html",
        "runtime.html",
        "audit.html",
        "datasets.html",
        "techniques.html",
        "organizations.html",
        "sources.html",
        "data.html",
        "about.html",
        "methodology.html",
        "contribute.html",
    ):
        assert (site / page).is_file(), page
    assert sorted(p.name for p in (site / "downloads").iterdir()) == [
        "models.csv",
        "models.json",
        "models.parquet",
        "slm-atlas.duckdb",
    ]
    assert (site / "downloads" / "slm-atlas.duckdb").read_bytes() == (root / "build" / "slm-atlas.duckdb").read_bytes()
    values = json.loads((site / "data" / "models" / "smollm-135m.json").read_text())
    assert values["name"] == "SmolLM-135M"
    ordinals = [f["ordinal"] for f in values["fields"]]
    assert ordinals == sorted(ordinals) and values["fields"][0]["field"] == "released"
    kv = next(f for f in values["fields"] if f["field"] == "architecture.kv_heads")
    assert (kv["text"], kv["status"], kv["source"]) == ("3", "reported", "smollm-135m-config")


def test_freshness_is_decided_by_content_not_times(built):
    root, _ = built
    assert build_in(root).database_rebuilt is False
    database = root / "build" / "slm-atlas.duckdb"
    record = root / "catalog" / "models" / "smollm-135m.yaml"
    assert database_is_stale(root / "catalog", database) is False
    later = database.stat().st_mtime + 5
    os.utime(record, (later, later))  # touched, not changed
    assert database_is_stale(root / "catalog", database) is False
    earlier = database.stat().st_mtime - 3600
    record.write_text(
        record.read_text(encoding="utf-8").replace("name: SmolLM-135M", "name: SmolLM-135M-edited"), encoding="utf-8"
    )
    os.utime(record, (earlier, earlier))  # changed, with a time older than the database
    assert database_is_stale(root / "catalog", database) is True
    assert build_in(root).database_rebuilt is True
    assert "SmolLM-135M-edited" in shown(root / "build" / "site" / "models" / "index.html")


def test_a_removed_record_is_gone_from_the_next_site(built):
    root, _ = built
    site = root / "build" / "site"
    assert (site / "models" / "evil-script.html").exists()
    (root / "catalog" / "models" / "evil-script.yaml").unlink()
    report = build_in(root)
    assert report.database_rebuilt is True
    assert not (site / "models" / "evil-script.html").exists()
    assert "evil-script" not in (site / "models" / "index.html").read_text(encoding="utf-8")
    assert "evil-script" not in (site / "downloads" / "models.csv").read_text(encoding="utf-8")


def test_record_text_is_escaped_on_every_page(built):
    root, _ = built
    site = root / "build" / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 16
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__xss" not in html, page
        assert "<img src=x" not in html, page
    model = (site / "models" / "evil-script.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;window.__xss=1&lt;/script&gt;Evil &amp; Co - SLM Atlas</title>" in model
    assert _texts(model, "h1") == [EVIL_NAME + "¶"]  # the name as text, then the heading's permalink
    assert EVIL_NAME in _texts((site / "models" / "index.html").read_text(encoding="utf-8"), "a")


class _Texts(HTMLParser):
    """The decoded text of every element of one tag (entities resolved, as a browser shows it)."""

    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.tag, self.depth, self.found = tag, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.depth += 1
            if self.depth == 1:
                self.found.append("")

    def handle_endtag(self, tag):
        if tag == self.tag:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def _texts(html: str, tag: str) -> list[str]:
    parser = _Texts(tag)
    parser.feed(html)
    return parser.found


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def test_every_local_link_and_asset_resolves(built):
    root, _ = built
    site = root / "build" / "site"
    missing = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so MkDocs gives it root-relative links
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = (page.parent / unquote(parts.path)).resolve()
            if not path.exists():
                missing.append(f"{page.relative_to(site)} -> {target}")
    assert missing == []


def test_no_page_loads_anything_from_another_host(built):
    root, _ = built
    for page in (root / "build" / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//[^"]+"', html)
        assert external == [], page


def test_a_failed_build_keeps_the_previous_site(built):
    root, _ = built
    index = root / "build" / "site" / "index.html"
    before = index.read_bytes()
    (root / "site" / "pages" / "about.md").write_text("# About\n\n[broken](missing-page.md)\n", encoding="utf-8")
    with pytest.raises(SiteError) as err:
        build_in(root)
    assert "Aborted with 1 warnings in strict mode" in str(err.value)
    assert any("missing-page.md" in line for line in err.value.details)
    assert index.read_bytes() == before
    # each unit still holds exactly the version it links to: the failed build's folders are gone
    for unit in ("docs", "site", "slm-atlas.duckdb"):
        assert len(os.listdir(root / "build" / f".{unit}.versions")) == 1, unit


def test_cli_site_reports_and_points_to_the_site(fixture_root, monkeypatch, capsys):
    monkeypatch.chdir(fixture_root)
    assert main(["site"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("wrote build/site (") and "rebuilt build/slm-atlas.duckdb" in out[0]
    assert out[1] == "open it with `slm-atlas site --serve` (http://127.0.0.1:8000/) or from build/site/index.html"


def test_cli_site_refuses_an_invalid_catalog(fixture_root, monkeypatch, capsys):
    monkeypatch.chdir(fixture_root)
    record = fixture_root / "catalog" / "models" / "smollm-135m.yaml"
    record.write_text(record.read_text().replace("  kv_heads: 3\n", "  kv_heads: 4\n"))
    assert main(["site"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("catalog/models/smollm-135m.yaml:32:13: error[architecture.kv_heads]")
    assert out.splitlines()[-1].endswith("; the site was not built")
    assert not (fixture_root / "build" / "site").exists()


def test_cli_site_without_config_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["site"]) == 2
    assert (
        capsys.readouterr().err == "error: mkdocs.yml not found; run this from the repository root or pass --config\n"
    )


def test_site_files_are_not_a_python_package():
    from tests.conftest import REPO

    assert not (REPO / "site" / "__init__.py").exists()
    assert not list((REPO / "site").rglob("*.py"))
    assert Path(REPO / "mkdocs.yml").read_text().count("site_dir: build/site") == 1


def test_serve_answers_on_loopback(fixture_root):
    import subprocess
    import sys
    import urllib.request

    build_in(fixture_root)
    command = [sys.executable, "-c", "from slm_atlas.cli import main; main(['site', '--serve', '--port', '0'])"]
    server = subprocess.Popen(command, cwd=fixture_root, stdout=subprocess.PIPE, text=True)
    try:
        lines = [server.stdout.readline() for _ in range(2)]
        serving = next(line for line in lines if line.startswith("serving "))
        url = re.search(r"http://127\.0\.0\.1:\d+/", serving).group(0)
        with urllib.request.urlopen(url + "models/smollm-135m.html", timeout=10) as response:
            assert response.status == 200 and b"SmolLM-135M" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_vendored_files_are_no_pages_and_not_searched(built):
    root, _ = built
    site = root / "build" / "site"
    assert not list((site / "assets").rglob("*.html"))  # a vendored README would become assets/vendor/.../index.html
    assert (site / "assets" / "vendor" / "vega" / "README.txt").is_file()  # the provenance notes still ship
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("assets/")] == []
