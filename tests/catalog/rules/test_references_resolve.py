from slm_atlas.catalog.rules import references_resolve
from tests.conftest import edit, entry_from


def findings(text, context):
    return list(references_resolve.check(entry_from(text), context))


def test_resolved_references_pass(base_record, context):
    assert findings(base_record, context) == []


def test_unknown_dataset_is_located_at_its_list_item(base_record, context):
    text = edit(
        base_record,
        "value: [fineweb-edu-dedup, cosmopedia-v2, python-edu]",
        "value: [fineweb-edu-dedup, cosmopedia-v9]",
    )
    [finding] = findings(text, context)
    assert finding.loc == ("training", "datasets", 1)
    assert finding.message == "'cosmopedia-v9' is not in catalog/datasets.yaml"
    assert finding.hint == "did you mean 'cosmopedia-v2'?"


def test_unknown_licence_without_close_match_suggests_adding_it(base_record, context):
    text = edit(base_record, "value: Apache-2.0", "value: other:zzz")
    [finding] = findings(text, context)
    assert finding.loc == ("license",)
    assert finding.hint == "add it to catalog/licenses.yaml"


def test_urls_and_source_words_need_no_reference(base_record, context):
    text = edit(base_record, "  source: smollm-135m-config", "  source: https://example.org/config.json")
    assert findings(text, context) == []


def test_unknown_benchmark_in_scores(base_record, context):
    text = edit(base_record, "benchmark: piqa,", "benchmark: piqa-2,")
    [finding] = findings(text, context)
    assert finding.loc == ("scores", 0, "results", 4, "benchmark")
    assert finding.message == "'piqa-2' is not in catalog/benchmarks.yaml"


EXAMPLE = (
    '`- {id: %s, kind: model-card, title: "...", url: "https://..."}`'
    " (kind: paper, technical-report, model-card, config, ...)"
)


def test_another_models_document_is_not_suggested_as_a_typo(base_record, context):
    text = edit(base_record, "  source: smollm-135m-config", "  source: smollm-360m-config")
    [finding] = findings(text, context)
    assert finding.message == "'smollm-360m-config' is not in survey/references.yaml"
    assert finding.hint == "add an entry to survey/references.yaml, e.g. " + EXAMPLE % "smollm-360m-config"


def test_a_one_letter_slip_in_a_reference_key_is_named_as_a_typo(base_record, context):
    text = edit(base_record, "  source: smollm-135m-config", "  source: smollm-135m-confg")
    [finding] = findings(text, context)
    assert finding.hint == (
        "did you mean 'smollm-135m-config' (a listed key one typo away)? If not, add an entry to "
        "survey/references.yaml, e.g. " + EXAMPLE % "smollm-135m-confg"
    )
