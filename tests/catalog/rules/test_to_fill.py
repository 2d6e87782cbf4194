from slm_atlas.catalog.rules import provenance_complete, to_fill, value_or_reason
from tests.conftest import edit, entry_from


def check(text, context):
    return list(to_fill.check(entry_from(text), context))


def test_a_finished_record_passes(base_record, context):
    assert check(base_record, context) == []


def test_each_placeholder_is_reported_once_with_what_to_put(base_record, context):
    text = edit(base_record, "family: SmolLM", 'family: "TO FILL: the model family"')
    text = edit(text, "organization: hugging-face", "organization: to-fill")
    text = edit(
        text, "  kv_heads: 3\n", "  kv_heads: {value: null, note: 'TO FILL: key-value heads, from the config.'}\n"
    )
    findings = check(text, context)
    assert [(f.loc, f.message) for f in findings] == [
        (("family",), "still to fill: the model family"),
        (("organization",), "still to fill: the maker, an id in catalog/organizations.yaml"),
        (("architecture", "kv_heads"), "still to fill: key-value heads, from the config"),
    ]
    entry = entry_from(text)
    assert list(value_or_reason.check(entry, context)) == [] and list(provenance_complete.check(entry, context)) == []
