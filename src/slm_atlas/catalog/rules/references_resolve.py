"""references-resolve: every id a record points to exists in its shared list.

Checked: organization, licence, datasets, fine-tuning datasets, techniques, score benchmarks, and
every `source` that is not a URL or the words `derived` / `measured` (those must be keys in
survey/references.yaml).
"""

import difflib
import re

from pydantic import BaseModel

from ...schema.enums import SOURCE_WORDS
from ...schema.fact import Provenance
from ..facts import iter_scores
from .base import PLACEHOLDER_ID, Finding, Rule

_LIST_FILES = {
    "organizations": "catalog/organizations.yaml",
    "licenses": "catalog/licenses.yaml",
    "datasets": "catalog/datasets.yaml",
    "techniques": "catalog/techniques.yaml",
    "benchmarks": "catalog/benchmarks.yaml",
    "references": "survey/references.yaml",
}


# a missing reference key is usually a document not yet listed, not a typo: suggest an existing
# key only when it is one slip away (ratio >= 0.9) and names the same numbers (qwen2-1.5b-card is
# not a typo of qwen2-0.5b-card: it is another model's card)
TYPO_RATIO = 0.9


def _typo_of(value: str, known) -> str | None:
    digits = re.findall(r"\d+", value)
    for close in difflib.get_close_matches(value, sorted(known), n=3, cutoff=TYPO_RATIO):
        if re.findall(r"\d+", close) == digits:
            return close
    return None


def _missing_reference(loc, value, known):
    example = f'- {{id: {value}, kind: model-card, title: "...", url: "https://..."}}'
    kinds = "kind: paper, technical-report, model-card, config, ..."
    add = f"add an entry to survey/references.yaml, e.g. `{example}` ({kinds})"
    close = _typo_of(value, known)
    hint = f"did you mean '{close}' (a listed key one typo away)? If not, {add}" if close else add
    return Finding(loc, f"'{value}' is not in survey/references.yaml", hint)


def _missing(loc, value, known, key):
    if value in known:
        return None
    if key == "references":
        return _missing_reference(loc, value, known)
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"add it to {_LIST_FILES[key]}"
    return Finding(loc, f"'{value}' is not in {_LIST_FILES[key]}", hint)


def is_reference_key(source: str) -> bool:
    return source not in SOURCE_WORDS and not source.startswith(("http://", "https://"))


def _sources(entry):
    """(loc, source) for every written `source`, the block defaults included."""
    record = entry.record
    for block, loc in ((record, ()), (record.architecture, ("architecture",)), (record.training, ("training",))):
        if block.source:
            yield (*loc, "source"), block.source
    for sub in type(record.architecture).model_fields:
        block = getattr(record.architecture, sub)
        source = (
            getattr(block, "source", None)
            if isinstance(block, BaseModel) and not isinstance(block, Provenance)
            else None
        )
        if source:
            yield ("architecture", sub, "source"), source
    for index, block in enumerate(record.scores):
        if block.source:
            yield ("scores", index, "source"), block.source
    if record.survey is not None:
        yield ("survey", "source"), record.survey.source
    for index, key in enumerate(record.references):
        yield ("references", index), key
    for located in entry.facts:
        if located.fact.source:
            yield (*located.loc, "source"), located.fact.source


def cited_keys(entry) -> set[str]:
    """Every reference key a record cites (sources, survey membership, `references`)."""
    return {source for _, source in _sources(entry) if is_reference_key(source)}


def check(entry, context):
    record = entry.record
    # a draft's placeholder organization is reported by the to-fill rule
    wanted: list[tuple[tuple[str | int, ...], str, str]] = (
        [] if record.organization == PLACEHOLDER_ID else [(("organization",), record.organization, "organizations")]
    )
    if record.license.value is not None:
        wanted.append((("license",), record.license.value, "licenses"))
    if record.license_at_release is not None and record.license_at_release.value is not None:
        wanted.append((("license_at_release", "value"), record.license_at_release.value, "licenses"))
    training = record.training
    for name in ("datasets", "fine_tuning_datasets", "techniques"):
        fact = getattr(training, name)
        if fact is not None and fact.value:
            key = "techniques" if name == "techniques" else "datasets"
            wanted += [(("training", name, i), item, key) for i, item in enumerate(fact.value)]
    wanted += [((*loc, "benchmark"), s.benchmark, "benchmarks") for loc, _, s in iter_scores(record)]
    wanted += [(loc, source, "references") for loc, source in _sources(entry) if is_reference_key(source)]
    for loc, value, key in wanted:
        finding = _missing(loc, value, getattr(context, key), key)
        if finding:
            yield finding


RULE = Rule("references-resolve", "record", "every referenced id exists in its list", check)
