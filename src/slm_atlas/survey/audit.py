"""Audit the survey's data against the atlas: every value it reports differently, and its own sums.

Two checks, both over a valid catalog:
- differences: each fact whose `survey_reported` differs from the atlas's value beyond rounding
  (catalog/compare.py defines "differs"), with the record's reason;
- aggregates: each survey capability average whose component task scores the survey also
  published, recomputed as their mean and compared with the average it reports.
The same differences are the DuckDB view `survey_differences`.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..catalog import compare
from ..catalog.facts import iter_scores
from ..catalog.loader import Catalog

AGGREGATE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Difference:
    model_id: str
    field: str
    survey_reported: Any
    atlas_value: Any
    atlas_source: str | None
    reason: str | None


@dataclass(frozen=True)
class AggregateCheck:
    model_id: str
    benchmark: str
    reported: float
    recomputed: float

    @property
    def agrees(self) -> bool:
        return abs(self.reported - self.recomputed) <= AGGREGATE_TOLERANCE


def differences(catalog: Catalog) -> list[Difference]:
    names = compare.DatasetNames.of(catalog.lists.get("datasets", []))
    out = []
    for entry in catalog.entries:
        for located in entry.facts:
            survey = getattr(located.fact, "survey_reported", None)
            if survey is None:
                continue
            value = compare.atlas_value(entry.record, located.loc, located.fact)
            if compare.differs(located.loc, value, survey, names):
                source = "derived" if located.loc == ("architecture", "ffn_ratio") else located.source
                out.append(Difference(entry.record.id, located.field, survey, value, source, located.fact.note))
    return sorted(out, key=lambda d: (d.model_id, d.field))


def aggregate_checks(catalog: Catalog) -> list[AggregateCheck]:
    """Survey averages whose every component the survey also reports, at the same shot count."""
    components = {b.id: b.components for b in catalog.lists.get("benchmarks", []) if b.kind == "aggregate"}
    out = []
    for entry in catalog.entries:
        scores = [score for _, _, score in iter_scores(entry.record)]
        by_task = {(s.benchmark, s.shots): s.value for s in scores}
        for score in scores:
            parts = components.get(score.benchmark)
            if parts and all((p, score.shots) in by_task for p in parts):
                mean = sum(by_task[(p, score.shots)] for p in parts) / len(parts)
                out.append(AggregateCheck(entry.record.id, score.benchmark, score.value, mean))
    return out


def _show(field: str, value: Any) -> str:
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and field in ("parameters", "training.tokens", "training.fine_tuning_tokens")
    ):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "null" if value is None else str(value)


def report_lines(found: list[Difference]) -> list[str]:
    """Plain-text report grouped by model: one line per field, its reason indented below."""
    lines: list[str] = []
    current = None
    for d in found:
        if d.model_id != current:
            current = d.model_id
            lines.append(("\n" if lines else "") + d.model_id)
        lines.append(
            f"  {d.field}: survey {_show(d.field, d.survey_reported)}; atlas {_show(d.field, d.atlas_value)}"
            f" ({d.atlas_source or 'no source'})"
        )
        if d.reason:
            lines.append(f"    {d.reason}")
    return lines


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(found: list[Difference], checks: list[AggregateCheck]) -> str:
    models = len({d.model_id for d in found})
    fields = Counter(d.field for d in found).most_common()
    by_field = f" ({', '.join(f'{field} {n}' for field, n in fields)})" if fields else ""
    agreeing = sum(c.agrees for c in checks)
    return (
        f"{_count(len(found), 'value')} in {_count(models, 'model')} {'differs' if len(found) == 1 else 'differ'} "
        f"from the survey's data{by_field}; {agreeing} of {_count(len(checks), 'survey average')} "
        f"{'equals' if len(checks) == 1 else 'equal'} the mean of {'its' if len(checks) == 1 else 'their'} published "
        f"task scores"
    )


def field_choices(catalog: Catalog) -> list[str]:
    """Every field a record of the catalog gives, dotted: what `audit --field` may start with."""
    return sorted({located.field for entry in catalog.entries for located in entry.facts})


def usage_problem(catalog: Catalog, models: list[str] | None, field: str | None) -> str | None:
    """Why an `audit --model/--field` filter can match nothing (an id or a field the catalog lacks), or None."""
    ids = sorted(entry.record.id for entry in catalog.entries)
    unknown = [m for m in models or [] if m not in ids]
    if unknown:
        return f"no model {', '.join(repr(m) for m in unknown)} in the catalog; --model takes one of: {', '.join(ids)}"
    fields = field_choices(catalog)
    if field and not any(f.startswith(field) for f in fields):
        sections = sorted({f.split(".")[0] for f in fields if "." in f})
        return (
            f"no field starts with {field!r}; --field takes a section ({', '.join(sections)}) "
            f"or the start of one of: {', '.join(fields)}"
        )
    return None
