"""No text from data can run script on any page.

A corpus of Markdown and HTML payloads (attribute lists, `javascript:` links, raw tags, a blank
line followed by a heading with a handler, front matter, admonitions) is written into every
free-text field of every kind of input — a record, each shared list, the references, the
findings, a Hub snapshot and measurement results — and the site is built from it. The built HTML
must hold no event-handler attribute, no `javascript:` URL and no script but the site's own, and
show every payload as the literal text it is; then Chromium opens every page (and searches for
the payloads) and no handler, dialog or `javascript:` link may exist.
"""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from slm_atlas.catalog.yaml_reader import read_yaml
from tests.conftest import FIXTURES, REPO
from tests.site.conftest import build_in, served, shown, site_root

MARK = "zqxw"  # in every payload, so a check knows the text is ours and search can find it
LINE = [  # one-line payloads: valid wherever a name or title is
    f"{MARK}1 {{ tabindex=0 autofocus=autofocus onfocus=alert(1) }}",
    f"{MARK}2 {{: onmouseover=alert(2) }}",
    f"[{MARK}3](javascript:alert(3))",
    f"![{MARK}4](javascript:alert(4))",
    f"{MARK}5 <img src=x onerror=alert(5)>",
    f"{MARK}6 </script><script>alert(6)</script>",
    f"{MARK}7 <javascript:alert(7)>",
    f'{MARK}8 "><svg onload=alert(8)>',
    f"{MARK}9 &lt;img src=x onerror=alert(9)&gt;",
    f"{MARK}10 `x` *y* __z__ {{{{ 7*7 }}}} {{% raw %}} | a | b |",
    f"{MARK}11 <a href='javascript:alert(11)'>x</a> [x]: javascript:alert(11)",
]
BLOCK = [  # free text may break lines: a blank line must not end an HTML block or start a new one
    f"{MARK}20\n\n# H {{ autofocus tabindex=0 onfocus=alert(20) }}\n\n<div "
    f'markdown="1">[x](javascript:alert(21))</div>',
    f"---\ntitle: {MARK}22\n---\n<script>alert(22)</script>",
    f'{MARK}23\n\n!!! note "<img src=x onerror=alert(23)>"\n    body\n\n[x]\n\n[x]: javascript:alert(24)',
]
# free-text fields by file kind (anything else is an id, a URL, a number or a word from a vocabulary)
NAMES = {"name", "family", "title", "authors", "survey_reference", "label"}
TEXTS = {"note", "notes", "definition", "description", "tokens_note", "claim", "method"}
FINDING_SKIP = frozenset({"sql", "rule", "metrics"})  # SQL, and metric names that are columns (labels are set below)


def _poison(data, counter: list[int], skip: frozenset = frozenset()):
    """Every name-like and text-like string of `data` replaced by the next payload."""
    if isinstance(data, list):
        return [_poison(item, counter, skip) for item in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key in skip:
            out[key] = value
        elif isinstance(value, str) and key in NAMES:
            counter[0] += 1
            out[key] = LINE[counter[0] % len(LINE)]
        elif isinstance(value, str) and key in TEXTS:
            counter[0] += 1
            out[key] = (LINE + BLOCK)[counter[0] % (len(LINE) + len(BLOCK))]
        else:
            out[key] = _poison(value, counter, skip)
    return out


def _rewrite(path: Path, counter: list[int], skip: frozenset = frozenset()) -> None:
    data = _poison(read_yaml(path).data, counter, skip)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _payload_strings(counter: list[int]) -> dict:
    counter[0] += 1
    return {"line": LINE[counter[0] % len(LINE)], "block": BLOCK[counter[0] % len(BLOCK)]}


def poisoned_root(tmp: Path) -> Path:
    root = site_root(tmp, FIXTURES / "catalog")
    counter = [0]
    for path in sorted((root / "catalog").rglob("*.yaml")):
        _rewrite(path, counter)
    _rewrite(root / "survey" / "references.yaml", counter)
    shutil.copytree(REPO / "survey" / "findings", root / "survey" / "findings")
    for path in sorted((root / "survey" / "findings").glob("*.yaml")):
        _rewrite(path, counter, FINDING_SKIP)
        data = read_yaml(path).data
        for metric in data["metrics"]:
            metric["label"] = LINE[counter[0] % len(LINE)]
            counter[0] += 1
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    some = [_payload_strings(counter) for _ in range(8)]
    snapshot = {
        "model_id": "smollm-135m",
        "hub_repo": "HuggingFaceTB/SmolLM-135M",
        "endpoint": "https://huggingface.co",
        "status": "error",
        "status_detail": some[0]["block"],
        "checked_at": "2026-11-01T10:00:00Z",
        "fetched_at": "2026-10-01T10:00:00Z",
        "sha": some[1]["line"],
        "license": some[2]["line"],
        "gated": some[3]["line"],
        "library_name": some[4]["line"],
        "pipeline_tag": some[5]["line"],
        "tags": [p for p in LINE],
        "config": {"num_hidden_layers": some[6]["line"], "hidden_size": 576, "model_type": some[7]["block"]},
    }
    (root / "catalog" / "hub").mkdir()
    (root / "catalog" / "hub" / "smollm-135m.json").write_text(json.dumps(snapshot), encoding="utf-8")
    results = root / "measure" / "results" / "hostile"
    results.mkdir(parents=True)
    for status, index in (("ok", 0), ("error", 1), ("unsupported", 2)):
        texts = [_payload_strings(counter) for _ in range(6)]
        run = {
            "model_id": "smollm-135m",
            "run_id": texts[0]["line"],
            "measured_at": "2026-11-02T08:00:00Z",
            "model_revision": texts[1]["line"],
            "machine": texts[2]["line"],
            "device": texts[3]["line"],
            "backend": texts[4]["line"],
            "backend_version": texts[5]["line"],
            "dtype": f"{LINE[index]} d{index}",
            "threads": 2,
            "batch_size": 1,
            "prompt_tokens": 64,
            "generated_tokens": 16,
            "prefill_ms": [40.0, 41.0, 42.0] if status == "ok" else [],
            "decode_ms_per_token": [20.0, 21.0, 22.0] if status == "ok" else [],
            "status": status,
            "error": None if status == "ok" else BLOCK[index],
            "module": LINE[(index + 3) % len(LINE)],
            "environment": {"python": LINE[(index + 5) % len(LINE)]},
        }
        (results / f"smollm-135m__{index}.json").write_text(json.dumps(run), encoding="utf-8")
    return root


class _Audit(HTMLParser):
    """Everything on a page that could run script: handler attributes, script-carrying URLs, scripts."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in self.URL_ATTRIBUTES and value and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                self.urls.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            kinds = dict(attrs)
            self._in_script = "src" not in kinds and kinds.get("type") != "application/json"
            if self._in_script:
                self.scripts.append("")
        if tag in ("iframe", "object", "embed", "base"):
            self.handlers.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = poisoned_root(tmp_path_factory.mktemp("hostile"))
    build_in(root)
    return root / "build" / "site"


def test_the_corpus_reaches_every_kind_of_input(hostile_site):
    """The payloads are really in the inputs (the build took them), so the checks below test something."""
    text = "\n".join(shown(page) for page in hostile_site.rglob("*.html"))
    assert text.count(MARK) > 200
    for payload in LINE:  # each one-line payload is shown somewhere exactly as written
        assert payload in text, payload


def test_no_page_holds_a_handler_a_script_url_or_a_foreign_script(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 15
    for page in pages:
        audit = _Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.handlers == [], page
        assert audit.urls == [], page
        assert not [s for s in audit.scripts if MARK in s or "alert(" in s], page


def test_no_payload_runs_in_chromium(browser, hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    pages.append("compare.html?models=smollm-135m")
    dialogs: list[str] = []
    with served(hostile_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
        try:
            for path in pages:
                tab.goto(base + path)
                tab.wait_for_load_state("networkidle")
                tab.mouse.move(200, 300)
                assert _live_dangers(tab) == {"handlers": [], "script_urls": []}, path
            tab.goto(base + "index.html")
            tab.click(".md-search__input")
            tab.wait_for_function(
                "document.querySelector('.md-search-result__meta').textContent.includes('Type to start')"
            )
            tab.locator(".md-search__input").press_sequentially(MARK)
            tab.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
            assert _live_dangers(tab) == {"handlers": [], "script_urls": []}, "search results"
        finally:
            context.close()
    assert dialogs == []


def _live_dangers(tab) -> dict:
    return tab.evaluate("""() => {
        const all = [...document.querySelectorAll('*')];
        return {
            handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                .map(a => e.tagName + ' ' + a.name)),
            script_urls: all.flatMap(e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n) || '')
                .filter(v => /^\\s*(javascript|vbscript|data):/i.test(v))),
        };
    }""")
