"""Scalar types with their own parsing rules: ids, release dates, token counts, sources.

Invariants:
- a token count is stored as an exact integer; YAML may write it with a suffix (`600B`, `1.5T`)
  and the suffix is applied exactly (decimal arithmetic, never a float), so `1.5T` is
  1_500_000_000_000;
- a release date stays text (`YYYY-MM` or `YYYY-MM-DD`) so the precision the source gives is
  kept; it is checked against the calendar.
"""

import calendar
import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
EARLIEST_YEAR = 2015  # dates (releases, readings, licence changes) before it are typing mistakes
# Upper bounds far above any model, so that a typing mistake (10**30 layers) is an error with its line,
# not an overflow later: widths, heads, vocabulary rows and experts; layers; context; parameters; tokens.
MAX_SIZE = 10_000_000
MAX_LAYERS = 10_000
MAX_CONTEXT = 100_000_000
MAX_PARAMETERS = 10**13
MAX_TOKENS = 10**15
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
    """Reject dates that match the pattern but not the calendar (`2024-13`, `2023-02-30`), and dates
    outside the catalog's time: before EARLIEST_YEAR or after today (at the date's own precision)."""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1]
    if not 1 <= month <= 12:
        raise ValueError(f"'{value}' is not a date: month {month:02d} does not exist")
    if len(parts) == 3:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= parts[2] <= last:
            raise ValueError(f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days")
    if year < EARLIEST_YEAR:
        raise ValueError(
            f"'{value}' is before {EARLIEST_YEAR}: no date the catalog records is that old; check the year"
        )
    today = datetime.date.today()
    if value > today.isoformat()[: len(value)]:
        raise ValueError(f"'{value}' is in the future: a date the catalog records has already happened")
    return value


def check_year(value: int) -> int:
    """A publication year no later than this one."""
    if value > datetime.date.today().year:
        raise ValueError(f"{value} is in the future (this is {datetime.date.today().year})")
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
    Field(ge=0, le=MAX_TOKENS),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_TOKENS},
                {"type": "string", "pattern": COUNT_PATTERN},
            ],
            "description": "an integer, or a number with a K/M/B/T suffix such as 600B or 1.5T",
        }
    ),
]
_CONTROL_NAMES = {"\n": "line break", "\r": "carriage return", "\t": "tab"}


def _unprintable(value: str, allowed: str) -> str | None:
    """The first character a reader cannot see or that changes how text is shown: controls (C0/C1),
    format characters (zero-width spaces and joiners, bidi overrides and isolates), line and
    paragraph separators, private-use and unassigned code points; `allowed` lists exceptions."""
    for position, char in enumerate(value, 1):
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"):
            name = unicodedata.name(char, None) or _CONTROL_NAMES.get(char, "a control character")
            return f"U+{ord(char):04X} ({name.lower()}) at character {position}"
    return None


def check_name(value: str) -> str:
    """Names and titles are one line of visible text: no line breaks, controls or invisible characters."""
    found = _unprintable(value, "")
    if found:
        raise ValueError(f"must be one line of printable text; found {found}")
    if not value.strip():
        raise ValueError("must not be blank")
    if value != value.strip():
        raise ValueError("must not start or end with spaces")
    return value


def check_text(value: str) -> str:
    """Longer text (notes, definitions) may break lines, but holds no controls or invisible characters."""
    found = _unprintable(value, "\n")
    if found:
        raise ValueError(f"must be printable text; found {found}")
    return value


# One line of visible text (names, titles, labels), and free text that may break lines (notes).
Name = Annotated[
    str, AfterValidator(check_name), WithJsonSchema({"type": "string", "minLength": 1, "pattern": "^\\S(.*\\S)?$"})
]
Text = Annotated[str, AfterValidator(check_text), WithJsonSchema({"type": "string"})]
PositiveInt = Annotated[int, Field(gt=0, le=MAX_SIZE)]
NonNegativeInt = Annotated[int, Field(ge=0, le=MAX_SIZE)]
LayerCount = Annotated[int, Field(gt=0, le=MAX_LAYERS)]
LayerIndex = Annotated[int, Field(ge=0, lt=MAX_LAYERS)]
ContextLength = Annotated[int, Field(gt=0, le=MAX_CONTEXT)]
ParameterCount = Annotated[int, Field(gt=0, le=MAX_PARAMETERS)]
# RoPE bases run from 10,000 to 1e11 (Falcon-H1); anything not finite and positive is a mistake.
RopeBase = Annotated[float, Field(gt=0, le=1e15, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1990), AfterValidator(check_year)]


def check_source(value: str) -> str:
    """A reference key, an https URL (no spaces), or one of the words `derived` / `measured`."""
    if value.startswith("https://") and len(value) > len("https://") and not any(c.isspace() for c in value):
        return value
    if value.startswith("http://"):
        raise ValueError(
            f"'{value}' is a plain-http URL: cite it over https, or list it in survey/references.yaml"
            " with a note saying why only http serves it"
        )
    if _ID_RE.match(value):
        return value
    raise ValueError(
        f"'{value}' is not a source: use a key of survey/references.yaml (a lower-case slug), an https://"
        " URL, `derived` or `measured`"
    )


# A reference key (into survey/references.yaml), an https URL, or `derived` / `measured`.
Source = Annotated[
    str,
    AfterValidator(check_source),
    WithJsonSchema({"type": "string", "pattern": f"^(?:https://\\S+|{ID_PATTERN[1:-1]})$"}),
]
