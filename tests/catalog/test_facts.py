from slm_atlas.catalog.facts import infer_status, iter_facts
from slm_atlas.schema.fact import Fact
from tests.conftest import entry_from


def test_block_sources_are_inherited_and_statuses_inferred(base_record):
    facts = {f.loc: f for f in iter_facts(entry_from(base_record).record)}
    assert (facts[("architecture", "kv_heads")].source, facts[("architecture", "kv_heads")].status) == (
        "smollm-135m-config",
        "reported",
    )
    assert (facts[("architecture", "head_dim")].source, facts[("architecture", "head_dim")].status) == (
        "derived",
        "derived",
    )
    assert facts[("released",)].source == "smollm-blog"
    assert facts[("scores", 0, "results", 12)].source == "slm-survey-data"
    assert facts[("scores", 0, "results", 0)].source == "slm-survey-task-scores"


def test_walk_covers_every_fact_once(base_record):
    locs = [f.loc for f in iter_facts(entry_from(base_record).record)]
    assert len(locs) == len(set(locs)) == 37  # 3 top-level + 17 architecture + 4 training + 13 scores


def test_status_inference():
    assert infer_status(Fact[int](value=1), "derived") == "derived"
    assert infer_status(Fact[int](value=1), "measured") == "measured"
    assert infer_status(Fact[int](value=1), "some-ref") == "reported"
    assert infer_status(Fact[int](value=None), "some-ref") is None
    assert infer_status(Fact[int](value=1, status="estimated"), "some-ref") == "estimated"


def test_bare_and_full_forms_are_the_same_fact():
    assert Fact[int].model_validate(30) == Fact[int].model_validate({"value": 30})
