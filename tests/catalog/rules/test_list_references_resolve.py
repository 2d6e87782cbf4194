import shutil

from slm_atlas.catalog.loader import load_catalog
from slm_atlas.catalog.rules import Context, list_references_resolve
from tests.conftest import FIXTURES


def test_fixture_lists_pass():
    catalog = load_catalog(FIXTURES / "catalog")
    assert list(list_references_resolve.check(catalog, Context.of(catalog))) == []


def test_aggregate_components_and_references(tmp_path):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    (tmp_path / "catalog" / "benchmarks.yaml").write_text(
        "benchmarks:\n"
        "  - {id: t, name: T, kind: task, metric: accuracy, description: d, components: [u]}\n"
        "  - {id: agg, name: Agg, kind: aggregate, metric: mean, description: d, components: [t, nope], reference: "
        "no-such-ref}\n"
        "  - {id: solo, name: Solo, kind: aggregate, metric: mean, description: d, components: [t]}\n"
        "  - {id: up, name: Up, kind: gain, metric: difference, description: d, components: [t, agg]}\n"
        "  - {id: ok-gain, name: Ok, kind: gain, metric: difference, description: d, components: [agg]}\n",
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path / "catalog")
    found = [(f.loc, f.message) for _, f in list_references_resolve.check(catalog, Context.of(catalog))]
    assert found == [
        (("benchmarks", 1, "reference"), "'no-such-ref' is not in survey/references.yaml"),
        (("benchmarks", 0, "components"), "a task has no components"),
        (("benchmarks", 1, "components", 1), "'nope' is not a task in catalog/benchmarks.yaml"),
        (("benchmarks", 2, "components"), "an aggregate needs at least two components"),
        (("benchmarks", 3, "components"), "a gain names exactly one task or aggregate it measures"),
    ]


def test_a_copy_names_a_listed_original(tmp_path):
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    shutil.copytree(FIXTURES / "survey", tmp_path / "survey")
    refs = tmp_path / "survey" / "references.yaml"
    text = refs.read_text(encoding="utf-8")
    first = load_catalog(tmp_path / "catalog").lists["references"][0].id
    refs.write_text(
        text
        + f"  - {{id: mirror-a, kind: config, title: A, url: 'https://example.org/a', copy_of: {first}}}\n"
        + "  - {id: mirror-b, kind: config, title: B, url: 'https://example.org/b', copy_of: nowhere}\n"
        + "  - {id: mirror-c, kind: config, title: C, url: 'https://example.org/c', copy_of: mirror-c}\n",
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path / "catalog")
    n = len(catalog.lists["references"])
    found = [(f.loc, f.message) for _, f in list_references_resolve.check(catalog, Context.of(catalog))]
    assert found == [
        (("references", n - 2, "copy_of"), "'nowhere' is not in survey/references.yaml"),
        (("references", n - 1, "copy_of"), "a copy names the official document it mirrors, not itself"),
    ]
