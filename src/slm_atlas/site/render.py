"""Render the site's Markdown pages from the database into a docs folder for MkDocs.

Templates (site/templates/*.j2) hold every piece of markup; this module only picks the template,
hands it the data from `pages` and `charts`, and writes the result. Autoescaping is on for every
template, so text from a record (a name holding `<script>`, say) always lands as text.
"""

import json
import re
import shutil
from pathlib import Path
from typing import Any

from ..formatting import decimal, grouped, human, percent, size, tokens
from . import charts, findings, pages, runtime
from .db import open_reader
from .markup import Markup, anchor, escaped, text

# Characters that must not appear raw inside <script type="application/json">.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_script(value: Any) -> Markup:
    """JSON that is safe inside a <script> element (no `</script>` can close it early)."""
    return Markup(pages.to_json(value).translate(_JSON_ESCAPES))


def front_matter_title(value: Any) -> Markup:
    """A page title for the front matter: HTML-escaped, then quoted for YAML.

    MkDocs and Material print a front-matter title into <title> and the header without escaping
    it (and strip tags from a title taken from the heading, which unescapes it), so the text
    must arrive already escaped.
    """
    return Markup(json.dumps(str(escaped(value)), ensure_ascii=False))


def source_link(source: str | None, root: str) -> dict[str, str | None]:
    """Where a value's source points: a reference's entry on the sources page, a URL, or nothing."""
    if not source or source in ("derived", "measured"):
        return {"text": source or "—", "href": None}
    if source.startswith("http"):
        return {"text": re.sub(r"^https?://(www\.)?", "", source)[:60], "href": source}
    return {"text": source, "href": f"{root}sources.html#{source}"}


def environment(templates: Path) -> Any:
    """The Jinja environment of the site's templates (jinja2: the site extra)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    # finalize: every printed value is made inert for Markdown as well as HTML (markup.text)
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        human=human,
        size=size,
        grouped=grouped,
        percent=percent,
        decimal=decimal,
        tokens=tokens,
        json_script=json_script,
        front_matter_title=front_matter_title,
        anchor=anchor,
    )
    env.globals.update(source_link=source_link)
    return env


def readme_examples(readme: Path) -> list[dict[str, str]]:
    """The README's SQL examples (the block after <!-- sql-examples -->): one per statement, with its comment."""
    match = re.search(r"<!-- sql-examples -->\s*```\w*\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    examples = []
    for statement in match.group(1).split(";") if match else []:
        lines = [line for line in statement.strip().splitlines() if line.strip()]
        if lines:
            comment = " ".join(line.lstrip("- ").strip() for line in lines if line.startswith("--"))
            examples.append(
                {"title": comment, "sql": "\n".join(line for line in lines if not line.startswith("--")) + ";"}
            )
    return examples


class Renderer:
    """Writes pages into `docs` from the templates in `site_dir`."""

    def __init__(self, site_dir: Path, docs: Path):
        self.site_dir, self.docs = site_dir, docs
        self.env = environment(site_dir / "templates")
        self.written = 0

    def page(self, template: str, target: str, **context: Any) -> None:
        root = "../" * target.count("/")
        text = self.env.get_template(template).render(root=root, **context)
        self.write(target, text)

    def write(self, target: str, text: str) -> None:
        path = self.docs / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written += 1


def copy_static(site_dir: Path, docs: Path) -> None:
    """Hand-written pages and assets go into the docs folder as they are."""
    for page in sorted((site_dir / "pages").glob("*.md")):
        shutil.copy2(page, docs / page.name)
    shutil.copytree(site_dir / "assets", docs / "assets", dirs_exist_ok=True)


def render_site(
    database: Path, site_dir: Path, docs: Path, downloads: list[Path], readme: Path, findings_dir: Path | None = None
) -> int:
    """Write every page of the site into `docs` (emptied first); returns the number of files written.
    The findings' questions are read from `findings_dir` (default: survey/findings beside site/)."""
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    copy_static(site_dir, docs)
    out = Renderer(site_dir, docs)
    with open_reader(database) as r:
        files = [{"name": p.name, "bytes": p.stat().st_size} for p in downloads]
        found = findings.context(r, findings_dir or site_dir.parent / "survey" / "findings")
        out.page("home.md.j2", "index.md", **pages.home(r), downloads=files, findings=found["summary"])
        out.page("models.md.j2", "models/index.md", **pages.models_table(r))
        model_pages = pages.model_pages(r)
        for context in model_pages:
            out.page("model.md.j2", f"models/{context['model']['id']}.md", **context)
            out.write(f"data/models/{context['model']['id']}.json", pages.to_json(pages.compare_data(context)))
        out.page("compare.md.j2", "compare.md", index=pages.compare_index(r))
        out.page("trends.md.j2", "trends.md", charts=charts.trends(r))
        out.page("runtime.md.j2", "runtime.md", **runtime.context(r))
        out.page("findings.md.j2", "findings.md", **found)
        out.page("audit.md.j2", "audit.md", **pages.audit(r))
        lists = pages.lists(r)
        for name in ("datasets", "techniques", "organizations"):
            out.page(f"{name}.md.j2", f"{name}.md", items=lists[name])
        out.page("sources.md.j2", "sources.md", sources=pages.sources(r))
        examples = [
            {**example, "result": pages.example_result(r, example["sql"])} for example in readme_examples(readme)
        ]
        out.page("data.md.j2", "data.md", **pages.data_reference(r), examples=examples, downloads=files)
    downloads_dir = docs / "downloads"
    downloads_dir.mkdir()
    for path in downloads:
        shutil.copy2(path, downloads_dir / path.name)
    return out.written
