"""Fixtures for the site: a repository-shaped folder (mkdocs.yml, site/, README.md, a catalog)
in a temporary directory, so builds never touch the checkout's build/ folder."""

import shutil
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

    return build_site(root / "mkdocs.yml", root / "catalog", root / "build" / "slm-atlas.duckdb", root / "build" / "export")
