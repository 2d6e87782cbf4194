"""When two values of a field count as different (survey vs atlas), and the derived FFN ratio.

- counts of parameters or tokens: more than 5% apart (the survey writes rounded sizes such as
  `1.1B` and `300B`; 5% covers a two-digit rounding and no more);
- other whole numbers (layers, widths, vocabulary): not equal;
- fractional numbers: more than 1% apart (the survey writes FFN ratios such as 2.6666 or 2.7);
- lists: different as sets (order is not information here); the survey's dataset names are first
  mapped to dataset ids through the names and aliases in catalog/datasets.yaml, and a name that
  maps to nothing stays a difference;
- release dates: different at the coarser of the two precisions (`2024-07` agrees with
  `2024-07-16`);
- anything else: not equal.
"""

from typing import Any

COUNT_FIELDS = {("parameters",), ("training", "tokens"), ("training", "fine_tuning_tokens")}
DATASET_FIELDS = {("training", "datasets"), ("training", "fine_tuning_datasets")}
COUNT_TOLERANCE = 0.05
NUMBER_TOLERANCE = 0.01


def ffn_ratio(arch) -> float | None:
    """intermediate_size / hidden_size (per branch), or None when either is unknown."""
    inter, hidden = arch.intermediate_size.value, arch.hidden_size.value
    return None if inter is None or hidden is None else inter / hidden


def alias_map(datasets: list[Any]) -> dict[str, str]:
    """Casefolded id, name and every alias of each dataset -> its id."""
    out: dict[str, str] = {}
    for dataset in datasets:
        for name in (dataset.id, dataset.name, *dataset.aliases):
            out[name.casefold()] = dataset.id
    return out


def dataset_ids(names: list[str], aliases: dict[str, str]) -> set[str]:
    """Survey dataset names as ids; unknown names are kept, marked with a leading '?'."""
    return {aliases.get(name.strip().casefold(), "?" + name) for name in names}


def differs(loc: tuple, value: Any, other: Any, aliases: dict[str, str] | None = None) -> bool:
    """Whether the survey's `other` differs from the atlas's `value` for the field at `loc`."""
    if value is None or other is None:
        return value is not other
    if loc in DATASET_FIELDS and aliases is not None:
        return set(value) != dataset_ids(other, aliases)
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
