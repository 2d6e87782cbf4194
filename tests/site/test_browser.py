"""The site in a real browser (Debian's chromium driven by Playwright): search, the model table's
filters and sort in the URL, charts, compare, dark mode, a record named `<script>`, no console
errors and no request that leaves 127.0.0.1.

Skips with the reason when Playwright or chromium is missing; CI sets ATLAS_REQUIRE_BROWSER=1,
and then a missing browser is a failure instead.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import REPO
from tests.site.conftest import EVIL_NAME, build_in, evil_record, served, site_root


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, browser):
    """The real catalog plus the `<script>`-named record, built and served on 127.0.0.1."""
    root = site_root(tmp_path_factory.mktemp("browser"), REPO / "catalog", {"evil-script.yaml": evil_record()})
    build_in(root)
    with served(root / "build" / "site") as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.hostname != "127.0.0.1":
            foreign.append(request.url)

    tab.on("request", record)
    yield tab
    context.close()
    assert errors == []
    assert foreign == []


def heading(tab) -> str:
    """The page's h1 without its permalink sign."""
    return tab.locator("article h1").inner_text().strip().removesuffix("¶").strip()


def visible_rows(tab, table: str) -> list:
    return tab.locator(f"#{table} tbody tr:not([hidden])")


def test_search_finds_a_model_page_by_name(page, base_url):
    page.goto(base_url)
    page.click(".md-search__input")
    # the index loads in a worker; typing before it is ready finds nothing
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type to start')")
    page.locator(".md-search__input").press_sequentially("SmolLM-360M")  # the search runs on key events
    # results refresh as the query grows: wait until the first one is the model's page
    page.wait_for_function(
        "(document.querySelector('.md-search-result__item a') || "
        "{}).href?.split('?')[0].endsWith('/models/smollm-360m.html')",
        timeout=10_000,
    )
    first = page.locator(".md-search-result__item a").first
    first.click()
    page.wait_for_url("**/models/smollm-360m.html?h=*")
    assert heading(page) == "SmolLM-360M"


def test_table_filters_and_sort_change_rows_and_url(page, base_url):
    page.goto(base_url + "models/index.html")
    total = visible_rows(page, "models-table").count()
    assert total >= 70
    page.select_option("select[data-filter=attention]", "MHA")
    rows = visible_rows(page, "models-table")
    assert 0 < rows.count() < total
    assert set(rows.evaluate_all("rows => rows.map(r => r.cells[5].innerText)")) == {"MHA"}
    assert parse_qs(urlsplit(page.url).query)["attention"] == ["MHA"]
    header = page.locator("th[data-key=parameters]")
    header.click()
    header.click()
    query = parse_qs(urlsplit(page.url).query)
    assert (query["sort"], query["dir"]) == (["parameters"], ["desc"])
    sizes = rows.evaluate_all("rows => rows.map(r => Number(r.cells[3].dataset.sort))")
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert page.locator("[data-count-for=models-table]").inner_text() == f"{len(sizes)} of {total} models"
    # the URL alone restores the view
    page.goto(page.url)
    assert page.locator("select[data-filter=attention]").input_value() == "MHA"
    assert rows.evaluate_all("rows => rows.map(r => Number(r.cells[3].dataset.sort))") == sizes
    page.fill("input[data-filter=q]", "pythia")
    names = visible_rows(page, "models-table").evaluate_all("rows => rows.map(r => r.cells[0].innerText)")
    assert names and all("Pythia" in name for name in names)


def test_every_chart_renders_marks(page, base_url):
    page.goto(base_url + "trends.html")
    plots = page.locator("[data-chart]")
    count = plots.count()
    assert count == 15
    page.wait_for_function(
        f"document.querySelectorAll('[data-chart][data-rendered=true]').length === {count}", timeout=20_000
    )
    marks = plots.evaluate_all("plots => plots.map(p => p.querySelectorAll('.role-mark > *').length)")
    assert all(n > 0 for n in marks), marks
    assert plots.first.locator("svg").bounding_box()["width"] > 300


def test_findings_page_shows_badges_and_charts(page, base_url):
    page.goto(base_url + "findings.html")
    total = len(list((REPO / "survey" / "findings").glob("*.yaml")))
    assert page.locator("[data-finding]").count() == total
    badges = page.locator(".atlas-finding__verdicts .atlas-verdict")
    assert badges.count() == 2 * total  # the survey's models and every model
    assert page.locator("[data-finding=attention-gqa-shift]").get_attribute("data-verdict") == "holds"
    assert page.locator("[data-finding=attention-gqa-shift] .atlas-verdict").all_inner_texts() == [
        "the survey's models: holds",
        "every model in the catalog: holds",
    ]
    # the site is built without measure/results, so the runtime findings have no rows to draw and say so
    bare = page.locator("[data-finding]:not(:has([data-chart]))").evaluate_all("fs => fs.map(f => f.dataset.finding)")
    assert sorted(bare) == [
        "accelerator-prefill-more",
        "latency-beyond-parameters",
        "memory-linear-in-parameters",
        "quantization-decode-more",
    ]
    plots = page.locator("[data-chart]")
    count = plots.count()
    assert count == total - 4
    page.wait_for_function(
        f"document.querySelectorAll('[data-chart][data-rendered=true]').length === {count}", timeout=30_000
    )
    marks = plots.evaluate_all("plots => plots.map(p => p.querySelectorAll('.role-mark > *').length)")
    assert all(n > 0 for n in marks), marks
    page.goto(base_url)
    assert (
        page.locator("#findings-line")
        .inner_text()
        .endswith("findings of the survey hold on today's data, each recomputed from the catalog and the measurements.")
    )


def test_compare_shows_the_chosen_models_and_marks_differences(page, base_url):
    page.goto(base_url + "compare.html?models=qwen2-0.5b,smollm-360m")
    table = page.locator("[data-compare-table]")
    table.wait_for(state="visible")
    assert page.locator("[data-compare-table] thead th").all_inner_texts() == ["Field", "Qwen2-0.5B", "SmolLM-360M"]
    layers = page.locator("tr[data-field='architecture.layers']")
    assert layers.get_attribute("data-differs") == "true"
    assert layers.locator("td").all_inner_texts() == ["24", "32"]
    assert page.locator("tr[data-field='architecture.attention_kind']").get_attribute("data-differs") is None
    page.select_option("select[data-slot='2']", "evil-script")
    page.wait_for_function("document.querySelectorAll('[data-compare-table] thead th').length === 4")
    assert parse_qs(urlsplit(page.url).query)["models"] == ["qwen2-0.5b,smollm-360m,evil-script"]
    assert page.locator("[data-compare-table] thead th").nth(3).inner_text() == EVIL_NAME
    page.check("[data-only-differences]")
    assert page.locator("[data-compare-table] tbody tr[data-field]:not([data-differs])").count() == 0


def test_dark_palette_toggles_and_charts_redraw(page, base_url):
    page.goto(base_url + "trends.html")
    page.wait_for_function(
        "document.querySelectorAll('[data-chart][data-rendered=true]').length === 15", timeout=20_000
    )
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    # vega's dark theme writes light axis labels
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart] .role-axis-label text')].some(t => t.getAttribute('fill') !== "
        "'#000')"
    )


def test_a_script_named_record_shows_as_text(page, base_url):
    for path in (
        "models/evil-script.html",
        "models/index.html",
        "compare.html?models=evil-script,smollm-135m",
        "organizations.html",
    ):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        assert EVIL_NAME in page.locator("article").inner_text(), path
    page.goto(base_url + "models/evil-script.html")
    assert heading(page) == EVIL_NAME
    assert page.title() == f"{EVIL_NAME} - SLM Atlas"


def test_phone_width_has_no_page_level_horizontal_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    try:
        for path in ("index.html", "models/index.html", "models/qwen2-0.5b.html", "trends.html", "compare.html"):
            tab.goto(base_url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
    finally:
        context.close()
