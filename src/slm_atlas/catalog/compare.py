"""When two values of a field count as different (survey vs atlas), and the derived FFN ratio.

- counts of parameters or tokens: more than 5% apart (the survey writes rounded sizes such as
  `1.1B` and `300B`; 5% covers a two-digit rounding and no more);
- other whole numbers (layers, widths, vocabulary): not equal;
- fractional numbers: more than 1% apart (the survey writes FFN ratios such as 2.6666 or 2.7);
- lists: different as sets (order is not information here); the survey's dataset names are first
  mapped to dataset ids through the names and aliases in catalog/datasets.yaml, and a name that
  maps to nothing stays a difference. The survey writes "closed dataset" for undisclosed corpora:
  it agrees with any atlas list made only of closed corpora (one per maker, by design);
- release dates: different at the coarser of the two precisions (`2024-07` agrees with
  `2024-07-16`);
- anything else: not equal.
"""

from dataclasses import dataclass
from typing import Any

COUNT_FIELDS = {("parameters",), ("training", "tokens"), ("training", "fine_tuning_tokens")}
DATASET_FIELDS = {("training", "datasets"), ("training", "fine_tuning_datasets")}
COUNT_TOLERANCE = 0.05
NUMBER_TOLERANCE = 0.01


def ffn_ratio(arch) -> float | None:
    """intermediate_size / hidden_size (per branch), or None when either is unknown."""
    inter, hidden = arch.intermediate_size.value, arch.hidden_size.value
    return None if inter is None or hidden is None else inter / hidden


CLOSED = "<closed corpus>"
SURVEY_CLOSED_WORDS = {"closed dataset", "cloed dataset"}  # the survey's phrase, and its one misspelling


@dataclass(frozen=True)
class DatasetNames:
    """How survey dataset names map onto catalog dataset ids."""

    ids: dict[str, str]
    closed: frozenset[str]

    @classmethod
    def of(cls, datasets: list[Any]) -> "DatasetNames":
        ids = {name.casefold(): d.id for d in datasets for name in (d.id, d.name, *d.aliases)}
        return cls(ids, frozenset(d.id for d in datasets if d.openness == "closed"))

    def survey_ids(self, names: list[str]) -> set[str]:
        """Survey names as ids; "closed dataset" as CLOSED; unknown names kept with a leading '?'."""
        keys = (name.strip().casefold() for name in names)
        return {CLOSED if key in SURVEY_CLOSED_WORDS else self.ids.get(key, "?" + key) for key in keys}

    def atlas_ids(self, ids: list[str]) -> set[str]:
        return {CLOSED if i in self.closed else i for i in ids}


def differs(loc: tuple, value: Any, other: Any, datasets: DatasetNames | None = None) -> bool:
    """Whether the survey's `other` differs from the atlas's `value` for the field at `loc`."""
    if value is None or other is None:
        return value is not other
    if loc in DATASET_FIELDS and datasets is not None:
        return datasets.atlas_ids(value) != datasets.survey_ids(other)
    if loc == ("released",):
        shorter = min(len(value), len(other))
        return value[:shorter] != other[:shorter]
    if isinstance(value, bool) or isinstance(other, bool):
        return value != other
    if isinstance(value, (int, float)) and isinstance(other, (int, float)):
        if loc in COUNT_FIELDS:
            tolerance = COUNT_TOLERANCE
        elif isinstance(value, int) and isinstance(other, int):
            return value != other
        else:
            tolerance = NUMBER_TOLERANCE
        return abs(value - other) > tolerance * max(abs(value), abs(other))
    if isinstance(value, list) and isinstance(other, list):
        return set(value) != set(other)
    return value != other


def atlas_value(record, loc: tuple, fact) -> Any:
    """The value the atlas uses for a fact: written, or derived for ffn_ratio."""
    if loc == ("architecture", "ffn_ratio"):
        return ffn_ratio(record.architecture)
    return fact.value
