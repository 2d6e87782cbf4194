from slm_atlas.catalog.rules import ids_unique
from tests.conftest import entry_from


def test_distinct_ids_pass(base_record, context):
    other = base_record.replace("id: smollm-135m", "id: other")
    entries = [entry_from(base_record), entry_from(other, "other.yaml")]
    assert list(ids_unique.check(entries, context)) == []


def test_second_use_of_an_id_names_the_first_file(base_record, context):
    first, second = entry_from(base_record), entry_from(base_record, "copy.yaml")
    [(entry, finding)] = ids_unique.check([first, second], context)
    assert entry is second
    assert finding.message == "id 'smollm-135m' is already used by smollm-135m.yaml"
