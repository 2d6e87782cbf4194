from slm_atlas.catalog.rules import provenance_complete
from tests.conftest import edit, entry_from


def test_block_sources_cover_every_value(base_record, context):
    assert list(provenance_complete.check(entry_from(base_record), context)) == []


def test_value_without_any_source(base_record, context):
    text = edit(base_record, "  source: smollm-135m-config\n", "")
    text = edit(text, "source: smollm-blog\nreleased:", "released:")
    findings = list(provenance_complete.check(entry_from(text), context))
    fields = [f.loc for f in findings]
    assert ("architecture", "kv_heads") in fields
    assert ("architecture", "head_dim") not in fields  # it names its own source (derived)
    assert findings[0].message == "no source: give `source:` here or on the enclosing block"


def test_record_source_is_inherited_by_blocks(base_record, context):
    text = edit(base_record, "  source: smollm-135m-config\n", "")
    text = edit(text, "source: smollm-blog\nreleased:", "source: smollm-135m-config\nreleased:")
    assert list(provenance_complete.check(entry_from(text), context)) == []
