"""The Findings page: its data, its rendering (badges, numbers, chart, SQL), the home page's line,
and a bad finding stopping the build with its position."""

import html
import shutil

import pytest

from slm_atlas.db.build import BuildError
from slm_atlas.site import findings as page
from slm_atlas.site.db import Reader
from slm_atlas.site.render import environment
from tests.conftest import FIXTURES, REPO
from tests.site.conftest import build_in, site_root
from tests.survey.test_findings import Atlas

FINDINGS = REPO / "survey" / "findings"


@pytest.fixture
def folder(tmp_path):
    """Two real findings: GQA (holds on the fixture below) and the accelerator one (not enough data)."""
    out = tmp_path / "findings"
    out.mkdir()
    for name in ("attention-gqa-shift.yaml", "accelerator-prefill-more.yaml"):
        shutil.copy2(FINDINGS / name, out / name)
    return out


@pytest.fixture
def reader():
    atlas = Atlas()
    atlas.models(6, 2022, attention="MHA")
    atlas.models(6, 2024, attention="GQA")
    atlas.models(2, 2025, survey=False, attention="MLA")
    return Reader(atlas.con)


def test_context_has_verdicts_numbers_and_charts(reader, folder):
    context = page.context(reader, folder)
    assert context["summary"] == {"holds": 1, "total": 2, "unknown": 1}
    assert [s["name"] for s in context["sections"]] == ["architecture", "quantization and hardware"]
    gqa, accelerator = context["findings"]
    assert (gqa["id"], gqa["key"], [o["key"] for o in gqa["outcomes"]]) == (
        "attention-gqa-shift",
        "holds",
        ["holds", "holds"],
    )
    assert gqa["metrics"][4] == {"label": "GQA share in the latest year", "values": ["100.0%", "100.0%"]}
    assert gqa["chart"]["id"] == "finding-attention-gqa-shift"
    assert gqa["chart"]["spec"]["$schema"] == "https://vega.github.io/schema/vega/v6.json"
    assert "2025,MLA,2" in gqa["chart"]["spec"]["data"][0]["values"]  # the chart counts every model
    assert (accelerator["key"], accelerator["chart"]) == ("unknown", None)  # no runs: nothing to draw


def test_page_renders_badges_numbers_chart_and_sql(reader, folder):
    rendered = (
        environment(REPO / "site" / "templates")
        .get_template("findings.md.j2")
        .render(root="", **page.context(reader, folder))
    )
    text = html.unescape(rendered)  # values arrive as character references (site.markup); compare what a reader sees
    assert (
        "<strong>1 of 2</strong> findings hold on today's data (every model in the catalog); 1 has not enough data yet."
        in text
    )
    assert "### Grouped-query attention replaces multi-head attention {: #attention-gqa-shift }" in text
    assert text.count('<span class="atlas-verdict atlas-verdict--holds" data-scope=') == 2
    assert text.count('<span class="atlas-verdict atlas-verdict--unknown" data-scope=') == 2
    assert "<tr><td>GQA share before 2024</td><td>0.0%</td><td>0.0%</td></tr>" in text
    assert '<script type="application/json" id="finding-attention-gqa-shift-spec">' in text
    assert "FROM known AS k, latest AS l</code></pre>" in text
    assert '<li class="atlas-check atlas-check--fail">✗ accelerator/CPU pairs: 0 (needs at least 3)</li>' in text


def test_a_broken_finding_stops_the_build_at_its_line(reader, folder):
    path = folder / "attention-gqa-shift.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("section: architecture", "section: architectures"), encoding="utf-8"
    )
    with pytest.raises(BuildError) as err:
        page.context(reader, folder)
    assert [(d.line, d.col, d.field, d.message.split(" (got")[0]) for d in err.value.diagnostics] == [
        (
            7,
            10,
            "section",
            "must be one of 'architecture', 'datasets', 'training', 'capabilities', 'in-context learning', 'runtime'"
            " or 'quantization and hardware'",
        )
    ]


def test_built_site_has_the_findings_page_and_the_home_line(tmp_path):
    root = site_root(tmp_path, FIXTURES / "catalog")
    shutil.copytree(FINDINGS, root / "survey" / "findings")
    build_in(root)
    html = (root / "build" / "site" / "findings.html").read_text(encoding="utf-8")
    total = len(list(FINDINGS.glob("*.yaml")))
    assert html.count('class="atlas-finding"') == total
    assert (
        html.count('<span class="atlas-verdict atlas-verdict--unknown" data-scope=') == 2 * total
    )  # one model: no verdict
    home = (root / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        f'<a href="findings.html"><strong>0 of {total}</strong> findings of the survey hold on today\'s data</a>'
        in home
    )
    assert 'href="findings.html"' in (root / "build" / "site" / "trends.html").read_text(
        encoding="utf-8"
    )  # in the navigation
