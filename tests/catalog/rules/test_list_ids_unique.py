import shutil

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.catalog.rules import Context, list_ids_unique
from tests.conftest import FIXTURES


def catalog_with(tmp_path, datasets_text):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    (tmp_path / "catalog" / "datasets.yaml").write_text(datasets_text, encoding="utf-8")
    return load_catalog(tmp_path / "catalog")


def test_fixture_lists_pass():
    catalog = load_catalog(FIXTURES / "catalog")
    assert list(list_ids_unique.check(catalog, Context.of(catalog))) == []


def test_repeated_id_and_shared_alias(tmp_path):
    text = (
        "datasets:\n"
        "  - {id: a, name: A, openness: open, aliases: [Web]}\n"
        "  - {id: a, name: A again, openness: open}\n"
        "  - {id: b, name: B, openness: open, aliases: [web]}\n"
    )
    catalog = catalog_with(tmp_path, text)
    found = [(key, f.loc, f.message) for key, f in list_ids_unique.check(catalog, Context.of(catalog))]
    assert found == [
        ("datasets", ("datasets", 1, "id"), "id 'a' is already used by entry 0"),
        ("datasets", ("datasets", 2, "aliases", 0), "alias 'web' also names 'a'"),
    ]
