"""Scalar types with their own parsing rules: ids, release dates, token counts, sources.

Invariants:
- a token count is stored as an exact integer; YAML may write it with a suffix (`600B`, `1.5T`)
  and the suffix is applied exactly (decimal arithmetic, never a float), so `1.5T` is
  1_500_000_000_000;
- a release date stays text (`YYYY-MM` or `YYYY-MM-DD`) so the precision the source gives is
  kept; it is checked against the calendar.
"""

import calendar
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}(?:-\d{2})?$"
COUNT_PATTERN = r"^\d+(?:\.\d+)?[KMBT]$"
_SUFFIX = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_COUNT_RE = re.compile(COUNT_PATTERN)


def parse_count(value: object) -> object:
    """Turn `600B` / `1.5T` / `135M` into an exact integer; pass anything else on unchanged."""
    if not isinstance(value, str) or not _COUNT_RE.match(value):
        return value
    try:
        number = Decimal(value[:-1]) * _SUFFIX[value[-1]]
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return value
    if number != number.to_integral_value():
        raise ValueError(f"'{value}' is not a whole number of tokens")
    return int(number)


def check_date(value: str) -> str:
    """Reject dates that match the pattern but not the calendar (`2024-13`, `2023-02-30`)."""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1]
    if not 1 <= month <= 12:
        raise ValueError(f"'{value}' is not a date: month {month:02d} does not exist")
    if len(parts) == 3:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= parts[2] <= last:
            raise ValueError(f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days")
    return value


def check_id(value: str) -> str:
    """Ids are lower-case slugs: letters, digits, single dots or hyphens between them."""
    if not _ID_RE.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits, and single '-' or '.' between them"
        )
    return value


Id = Annotated[
    str,
    AfterValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
ReleaseDate = Annotated[
    str,
    Field(pattern=DATE_PATTERN),
    AfterValidator(check_date),
]
TokenCount = Annotated[
    int,
    BeforeValidator(parse_count),
    Field(ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": COUNT_PATTERN},
            ],
            "description": "an integer, or a number with a K/M/B/T suffix such as 600B or 1.5T",
        }
    ),
]
PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]
# A reference key (into survey/references.yaml), an http(s) URL, or `derived` / `measured`.
Source = Annotated[str, Field(min_length=1)]
