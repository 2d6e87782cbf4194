import shutil

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.catalog.rules import Context, references_used
from tests.conftest import FIXTURES, edit


def catalog(tmp_path, record_text):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    (tmp_path / "catalog" / "models" / "smollm-135m.yaml").write_text(record_text, encoding="utf-8")
    return load_catalog(tmp_path / "catalog")


def test_every_fixture_reference_is_cited(tmp_path, base_record):
    loaded = catalog(tmp_path, base_record)
    assert list(references_used.check(loaded, Context.of(loaded))) == []


def test_a_reference_nobody_cites(tmp_path, base_record):
    text = edit(base_record, "license:\n  value: Apache-2.0\n  source: smollm-135m-card", "license: Apache-2.0")
    loaded = catalog(tmp_path, text)
    [(key, finding)] = references_used.check(loaded, Context.of(loaded))
    assert key == "references"
    assert finding.message == "'smollm-135m-card' is cited by no record or list"


def test_listing_it_under_references_counts(tmp_path, base_record):
    text = edit(base_record, "license:\n  value: Apache-2.0\n  source: smollm-135m-card", "license: Apache-2.0")
    text = edit(text, "\narchitecture:", "\nreferences: [smollm-135m-card]\narchitecture:")
    loaded = catalog(tmp_path, text)
    assert list(references_used.check(loaded, Context.of(loaded))) == []


def test_silent_while_a_record_fails_to_load(tmp_path, base_record):
    loaded = catalog(tmp_path, edit(base_record, "family: SmolLM", "family: SmolLM\nfamily: again"))
    assert loaded.entries == []
    assert list(references_used.check(loaded, Context.of(loaded))) == []
