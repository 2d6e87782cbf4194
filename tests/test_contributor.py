"""A new contributor's path, end to end, in a temporary copy of the repository: draft a record
from a config.json, fill what `validate` lists, format, build the database and the site, and find
the model's page and its row in the table."""

import re
import shutil

from slm_atlas.cli import main
from tests.conftest import FIXTURES, REPO
from tests.site.conftest import shown


def test_draft_fill_validate_build_and_see_the_page(tmp_path, monkeypatch, capsys):
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy2(REPO / name, tmp_path / name)
    for name in ("site", "survey"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "catalog", tmp_path / "catalog", ignore=shutil.ignore_patterns("hub"))
    monkeypatch.chdir(tmp_path)
    config = FIXTURES / "configs" / "qwen2.5-0.5b.json"
    assert (
        main(["new", "--from-config", str(config), "--id", "acme-qwen-0.5b", "--hub-repo", "acme/Qwen-0.5B-continued"])
        == 0
    )
    capsys.readouterr()

    assert main(["validate", "catalog/models/acme-qwen-0.5b.yaml"]) == 1
    listed = re.findall(r"error\[([\w.]+)\]: still to fill", capsys.readouterr().out)
    assert len(listed) == 9

    record = tmp_path / "catalog" / "models" / "acme-qwen-0.5b.yaml"
    text = record.read_text()
    fills = {
        "family": "family: Qwen2.5",
        "organization": "organization: alibaba",
        "released": "released: {value: 2026-01-15, source: acme-qwen-card, event: weights-on-hub}",
        "license": "license: {value: Apache-2.0, source: acme-qwen-card}",
        "tokens": "  tokens: {value: 20T, source: acme-qwen-card}",
        "datasets": "  datasets: {value: [qwen-corpus], source: acme-qwen-card}",
        "techniques": "  techniques: {value: [], source: acme-qwen-card}",
        "data_openness": "  data_openness: {value: closed, source: acme-qwen-card}",
    }
    lines = []
    for line in text.splitlines():
        key = line.strip().split(":")[0]
        if key == "notes" and "TO FILL" in line:
            continue
        lines.append(
            fills.get(key, line) if key in fills and ("TO FILL" in line or key in ("family", "organization")) else line
        )
    record.write_text("\n".join(lines) + "\n")
    with (tmp_path / "survey" / "references.yaml").open("a") as references:
        references.write(
            '  - id: acme-qwen-card\n    kind: model-card\n    title: "acme/Qwen-0.5B-continued model card"\n'
            '    url: "https://huggingface.co/acme/Qwen-0.5B-continued"\n    accessed: 2026-11-30\n'
        )

    assert main(["validate"]) == 0, capsys.readouterr().out
    assert main(["fmt", "--check", "catalog/models/acme-qwen-0.5b.yaml"]) == 0
    capsys.readouterr()
    assert main(["site"]) == 0
    page = shown(tmp_path / "build" / "site" / "models" / "acme-qwen-0.5b.html")
    assert "<title>Qwen-0.5B-continued - SLM Atlas</title>" in page
    assert "494M (494,032,768)" in page  # the exact count the draft computed from the config
    table = shown(tmp_path / "build" / "site" / "models" / "index.html")
    row = re.search(
        r'<tr data-family="Qwen2.5"[^>]*>\s*<td><a href="acme-qwen-0.5b.html">Qwen-0.5B-continued</a>', table
    )
    assert row is not None
