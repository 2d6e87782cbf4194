"""Numbers and values as a reader sees them: 494M parameters, 12T tokens, 38.4%.

Python shapes values into plain text here; the templates decide the markup around them.
"""

import json
from typing import Any

_STEPS = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"))


def human(number: Any, digits: int = 3) -> str:
    """A count with a suffix and `digits` significant digits: 494032768 -> '494M', 1.5e12 -> '1.5T'."""
    if number is None:
        return "—"
    for size, suffix in _STEPS:
        if abs(number) >= size:
            return f"{number / size:.{digits}g}{suffix}"
    return f"{number:.{digits}g}" if isinstance(number, float) else str(number)


def size(number: Any) -> str:
    """Bytes in binary units with 3 significant digits: 2583691264 -> '2.41 GiB' (never '2.58BB')."""
    if number is None:
        return "—"
    for power, unit in ((40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")):
        if abs(number) >= 2**power:
            return f"{number / 2**power:.3g} {unit}"
    return f"{number} B"


def grouped(number: Any) -> str:
    """An integer with thousands separators: 494032768 -> '494,032,768'."""
    if number is None:
        return "—"
    return f"{round(number):,}" if isinstance(number, float) else f"{number:,}"


def tokens(number: Any) -> str:
    """A context length as people write it: 8192 -> '8K', 131072 -> '128K', 2000 -> '2,000'."""
    if number is None:
        return "—"
    return f"{number // 1024}K" if number >= 1024 and number % 1024 == 0 else grouped(number)


def percent(fraction: Any, digits: int = 1) -> str:
    return "—" if fraction is None else f"{100 * fraction:.{digits}f}%"


def decimal(number: Any, digits: int = 3) -> str:
    return "—" if number is None else f"{number:.{digits}g}"


# Fields whose integer values are counts a reader wants abbreviated (the exact value follows).
COUNT_FIELDS = {"parameters", "training.tokens", "training.fine_tuning_tokens"}


def value_text(field: str, raw: str | None, names: dict[str, str]) -> str:
    """A provenance value (JSON text) as plain text; ids of datasets, techniques and licences
    become their names through `names`."""
    if raw is None:
        return "—"
    value = json.loads(raw)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value) if value else "none"
    if isinstance(value, int) and field in COUNT_FIELDS:
        return f"{human(value)} ({grouped(value)})"
    if isinstance(value, int):
        return grouped(value) if value >= 10000 else str(value)
    if isinstance(value, float):
        return grouped(value) if value >= 1000 and value.is_integer() else f"{value:.4g}"
    return names.get(str(value), str(value))


def metric_text(value: Any, fmt: str) -> str:
    """A metric as a reader sees it: 53.1%, 2.4T, 1.8x, 1,024."""
    if value is None:
        return "no data"
    if fmt in ("share", "score"):
        return f"{100 * value:.1f}%"
    if fmt == "count" or fmt == "year":
        return str(int(value)) if fmt == "year" else grouped(value)
    if fmt == "ratio":
        return f"{value:.2f}x"
    if fmt == "tokens":
        return human(value)
    if fmt == "bytes":
        return f"{human(value)}B"
    if fmt == "ms":
        return f"{value:.3g} ms"
    if isinstance(value, float) and abs(value) < 1000:
        return f"{value:.3g}"
    return grouped(value)
