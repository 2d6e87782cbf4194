from slm_atlas.catalog.rules import records_distinct
from tests.conftest import edit, entry_from


def test_another_size_and_an_instruct_version_pass(base_record, context):
    other_size = edit(
        base_record.replace("id: smollm-135m", "id: smollm-360m"),
        "hub_repo: HuggingFaceTB/SmolLM-135M",
        "hub_repo: HuggingFaceTB/SmolLM-360M",
    ).replace("layers: {value: 30,", "layers: {value: 32,")
    instruct = edit(
        base_record.replace("id: smollm-135m", "id: smollm-135m-instruct"),
        "hub_repo: HuggingFaceTB/SmolLM-135M",
        "hub_repo: HuggingFaceTB/SmolLM-135M-Instruct",
    ).replace("kind: base", "kind: instruct")
    entries = [
        entry_from(base_record),
        entry_from(other_size, "smollm-360m.yaml"),
        entry_from(instruct, "smollm-135m-instruct.yaml"),
    ]
    assert list(records_distinct.check(entries, context)) == []


def test_same_hub_repo_under_another_id(base_record, context):
    copy = edit(
        base_record.replace("id: smollm-135m", "id: smollm-135m-copy"),
        "hub_repo: HuggingFaceTB/SmolLM-135M",
        "hub_repo: huggingfacetb/smollm-135m",
    )
    first, second = entry_from(base_record), entry_from(copy, "smollm-135m-copy.yaml")
    [(entry, finding)] = records_distinct.check([first, second], context)
    assert entry is second and finding.loc == ("hub_repo",)
    assert (
        finding.message
        == "hub_repo 'huggingfacetb/smollm-135m' is already the repository of 'smollm-135m' (smollm-135m.yaml)"
    )
    assert finding.hint == "one record per set of weights: correct the repository, or keep one of the two records"


def test_identical_architecture_and_training_under_another_id(base_record, context):
    # another repository, another source and note: still the same values
    copy = edit(
        base_record.replace("id: smollm-135m", "id: smollm-mirror"),
        "hub_repo: HuggingFaceTB/SmolLM-135M",
        "hub_repo: someone/smollm-mirror",
    )
    copy = edit(copy, "  source: smollm-135m-config", "  source: smollm-135m-card")
    first, second = entry_from(base_record), entry_from(copy, "smollm-mirror.yaml")
    [(entry, finding)] = records_distinct.check([first, second], context)
    assert entry is second and finding.loc == ("architecture",)
    assert (
        finding.message
        == "architecture and training are identical to those of 'smollm-135m' (smollm-135m.yaml), a base model too"
    )
