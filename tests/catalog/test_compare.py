from slm_atlas.catalog.compare import CLOSED, DatasetNames, differs
from slm_atlas.schema.lists import Dataset


def test_counts_allow_five_percent_rounding():
    assert not differs(("parameters",), 134_515_008, 135_000_000)
    assert differs(("parameters",), 2_506_434_560, 2_000_000_000)
    assert not differs(("training", "tokens"), 299_892_736_000, 300_000_000_000)


def test_other_numbers_allow_one_percent():
    assert not differs(("architecture", "ffn_ratio"), 8 / 3, 2.6667)
    assert differs(("architecture", "ffn_ratio"), 2.75, 2.7)
    assert differs(("architecture", "vocab_size"), 32000, 32064)


def test_dates_compare_at_the_coarser_precision():
    assert not differs(("released",), "2024-07-16", "2024-07")
    assert differs(("released",), "2023-04-03", "2023-03")


def test_booleans_and_missing_values():
    assert differs(("architecture", "tied_embeddings"), True, False)
    assert differs(("architecture", "layers"), None, 0)
    assert not differs(("architecture", "layers"), None, None)


NAMES = DatasetNames.of(
    [
        Dataset(id="the-pile", name="The Pile", openness="open", aliases=["Pile"]),
        Dataset(id="acme-corpus", name="Acme in-house corpus", openness="closed"),
    ]
)


def test_dataset_names_map_through_names_and_aliases():
    assert NAMES.survey_ids(["the Pile", "pile", "WebText"]) == {"the-pile", "?webtext"}
    assert not differs(("training", "datasets"), ["the-pile"], ["The Pile"], NAMES)
    assert differs(("training", "datasets"), ["the-pile"], ["The Pile", "WebText"], NAMES)


def test_closed_dataset_agrees_only_with_closed_corpora():
    assert NAMES.survey_ids(["closed dataset"]) == NAMES.atlas_ids(["acme-corpus"]) == {CLOSED}
    assert not differs(("training", "datasets"), ["acme-corpus"], ["closed dataset"], NAMES)
    assert differs(("training", "datasets"), ["the-pile"], ["closed dataset"], NAMES)
