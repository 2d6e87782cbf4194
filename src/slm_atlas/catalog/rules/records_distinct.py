"""records-distinct: no two records describe the same weights.

Two records are the same model when they name the same Hugging Face repository (compared without
case, as the Hub does), or when they have the same kind and identical architecture and training
values (provenance, notes and the survey's values left out). A base model and its instruct
version share an architecture but differ in kind; two sizes or two training runs differ in a value.
"""

from typing import Any

from ..loader import Entry
from .base import Finding, Rule

# what a value's provenance says about it, not the value itself
_PROVENANCE = frozenset({"source", "note", "notes", "status", "survey_reported"})


def _values(data: Any) -> Any:
    if isinstance(data, dict):
        return tuple(sorted((k, _values(v)) for k, v in data.items() if k not in _PROVENANCE))
    if isinstance(data, list):
        return tuple(_values(v) for v in data)
    return data


def signature(record) -> tuple:
    """The kind, architecture and training of a record, as plain values."""
    return (
        record.kind,
        _values(record.architecture.model_dump(mode="json")),
        _values(record.training.model_dump(mode="json")),
    )


def check(entries, context):
    by_repo: dict[str, Entry] = {}
    by_signature: dict[tuple, Entry] = {}
    ids: set[str] = set()
    for entry in entries:
        record = entry.record
        if record.id in ids:
            continue  # a second file with the same id is ids-unique's finding
        ids.add(record.id)
        first = by_repo.setdefault(record.hub_repo.lower(), entry)
        if first is not entry:
            yield (
                entry,
                Finding(
                    ("hub_repo",),
                    f"hub_repo '{record.hub_repo}' is already the repository of '{first.record.id}' "
                    f"({first.doc.path.name})",
                    "one record per set of weights: correct the repository, or keep one of the two records",
                ),
            )
            continue
        first = by_signature.setdefault(signature(record), entry)
        if first is not entry:
            yield (
                entry,
                Finding(
                    ("architecture",),
                    f"architecture and training are identical to those of '{first.record.id}' ({first.doc.path.name}), "
                    f"a {record.kind} model too",
                    "if these are the same weights, keep one record; if not, give the value that tells them apart",
                ),
            )


RULE = Rule(
    "records-distinct", "catalog", "no two records share a Hub repository, or kind, architecture and training", check
)
