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


def test_a_cited_copy_cites_the_official_document(tmp_path, base_record):
    text = edit(
        base_record,
        "license:\n  value: Apache-2.0\n  source: smollm-135m-card",
        "license:\n  value: Apache-2.0\n  source: smollm-135m-card-copy",
    )
    loaded = catalog(tmp_path, text)
    refs = tmp_path / "survey" / "references.yaml"
    refs.write_text(
        refs.read_text() + '  - id: smollm-135m-card-copy\n    kind: model-card\n    title: "A mirror of the card"\n'
        '    url: "https://example.org/smollm-135m"\n    copy_of: smollm-135m-card\n',
        encoding="utf-8",
    )
    loaded = load_catalog(tmp_path / "catalog")
    assert list(references_used.check(loaded, Context.of(loaded))) == []


def test_an_uncited_copy_does_not_cite_the_official_document(tmp_path, base_record):
    text = edit(base_record, "license:\n  value: Apache-2.0\n  source: smollm-135m-card", "license: Apache-2.0")
    catalog(tmp_path, text)
    refs = tmp_path / "survey" / "references.yaml"
    refs.write_text(
        refs.read_text() + '  - id: smollm-135m-card-copy\n    kind: model-card\n    title: "A mirror of the card"\n'
        '    url: "https://example.org/smollm-135m"\n    copy_of: smollm-135m-card\n',
        encoding="utf-8",
    )
    loaded = load_catalog(tmp_path / "catalog")
    found = [f.message for _, f in references_used.check(loaded, Context.of(loaded))]
    assert found == [
        "'smollm-135m-card' is cited by no record or list",
        "'smollm-135m-card-copy' is cited by no record or list",
    ]


def test_silent_while_a_record_fails_to_load(tmp_path, base_record):
    loaded = catalog(tmp_path, edit(base_record, "family: SmolLM", "family: SmolLM\nfamily: again"))
    assert loaded.entries == []
    assert list(references_used.check(loaded, Context.of(loaded))) == []


def test_the_original_of_a_cited_copy_counts_as_cited(tmp_path, base_record):
    text = edit(
        base_record,
        "license:\n  value: Apache-2.0\n  source: smollm-135m-card",
        "license:\n  value: Apache-2.0\n  source: card-copy",
    )
    loaded = catalog(tmp_path, text)
    refs = tmp_path / "survey" / "references.yaml"
    refs.write_text(
        refs.read_text(encoding="utf-8") + "  - {id: card-copy, kind: model-card, title: C,"
        " url: 'https://example.org/c', copy_of: smollm-135m-card}\n",
        encoding="utf-8",
    )
    loaded = load_catalog(tmp_path / "catalog")
    assert list(references_used.check(loaded, Context.of(loaded))) == []
