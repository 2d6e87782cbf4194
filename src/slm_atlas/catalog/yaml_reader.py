"""Read one YAML file into plain data plus the line:column of every key and value.

Built on PyYAML's event stream (the C parser when present) instead of `safe_load`, because:
- every value keeps its position, so errors can say `file:line:col`;
- plain scalars are resolved by a small YAML-1.2-like core schema: null, true/false, integers
  (underscores allowed), floats; everything else, dates included, stays text for Pydantic to
  parse (a bare `safe_load` turns `2024-07-01` into a date and crashes on `2024-13-01`), and
  `yes`/`no`/`on`/`off` stay text;
- duplicate keys, tags (`!!python/object`), anchors and aliases (the "billion laughs" bomb) and
  files over the size limit are errors, not silently accepted.
"""

import errno
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..files import InputError, read_limited

MAX_BYTES = 1_000_000
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    col: int


@dataclass
class Document:
    """A parsed file: its data, and where each value and each mapping key sits.

    Positions are kept as the parser's raw marks and turned into `Mark`s only when asked for
    (an error is being reported), which keeps loading a valid catalog fast. A document parsed in
    another process arrives without them (`raw_values` None): they are re-read from the file on
    first use.
    """

    path: Path
    data: Any
    raw_values: dict[Path_, Any] | None = field(default=None, repr=False)
    raw_keys: dict[Path_, Any] | None = field(default=None, repr=False)

    def _raw(self) -> tuple[dict[Path_, Any], dict[Path_, Any]]:
        if self.raw_values is None or self.raw_keys is None:
            again = read_yaml(self.path)
            self.raw_values, self.raw_keys = again.raw_values, again.raw_keys
        assert self.raw_values is not None and self.raw_keys is not None  # read_yaml always records positions
        return self.raw_values, self.raw_keys

    @cached_property
    def values(self) -> dict[Path_, Mark]:
        return {loc: _mark(raw) for loc, raw in self._raw()[0].items()}

    @cached_property
    def keys(self) -> dict[Path_, Mark]:
        return {loc: _mark(raw) for loc, raw in self._raw()[1].items()}

    def locate(self, loc: Path_, at_key: bool = False) -> tuple[Path_, Mark]:
        """The deepest prefix of `loc` present in the file, and its position (key or value)."""
        for end in range(len(loc), -1, -1):
            prefix = tuple(loc[:end])
            if at_key and prefix in self.keys:
                return prefix, self.keys[prefix]
            if prefix in self.values:
                return prefix, self.values[prefix]
        return (), Mark(1, 1)


class YamlError(Exception):
    """A file that cannot be read as catalog YAML; `code` is `file` or `yaml`."""

    def __init__(self, path: Path, mark: Mark, code: str, message: str):
        super().__init__(message)
        self.path, self.mark, self.code, self.message = path, mark, code, message


def resolve_plain(text: str) -> Any:
    """Type of an unquoted scalar: null, bool, int, float, or the text itself."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text):
        return float(text.replace("_", ""))
    return text


def _mark(raw: Any) -> Mark:
    return Mark(raw.line + 1, raw.column + 1)


def _fail(path: Path, event: Any, message: str) -> None:
    raise YamlError(path, _mark(event.start_mark), "yaml", message)


def _check_node(path: Path, event: Any) -> None:
    if event.anchor:
        _fail(path, event, f"YAML anchors and aliases are not allowed (found anchor '&{event.anchor}')")
    if event.tag is not None:
        _fail(path, event, f"YAML tags are not allowed (found '{event.tag}')")


def _build(events: Any, path: Path) -> Document:
    """Events -> data, recording raw positions; one flat loop, as this is the validator's hot path.

    The stack holds frames [container, path, pending mapping key]; a scalar arriving at a
    mapping frame with no pending key is a key.
    """
    values: dict[Path_, Any] = {}
    keys: dict[Path_, Any] = {}
    stack: list[list[Any]] = []
    data: Any = None
    documents = 0
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor or event.tag is not None:
                _check_node(path, event)
            if stack:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    here = frame[1] + (len(container),)
                elif frame[2] is None:  # a mapping key
                    if kind is not yaml.ScalarEvent:
                        _fail(path, event, "mapping keys must be plain words, not lists or mappings")
                    key_path = frame[1] + (event.value,)
                    if key_path in keys:
                        first = _mark(keys[key_path])
                        _fail(path, event, f"duplicate key '{event.value}' (first defined at line {first.line})")
                    keys[key_path] = event.start_mark
                    frame[2] = event.value
                    continue
                else:
                    here = frame[1] + (frame[2],)
            else:
                here = ()
            values[here] = event.start_mark
            if kind is yaml.ScalarEvent:
                # libyaml reports a plain scalar's style as '', the pure-Python parser as None
                value = resolve_plain(event.value) if not event.style else event.value
            else:
                stack.append([{} if kind is yaml.MappingStartEvent else [], here, None])
                continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is yaml.AliasEvent:
            _fail(path, event, f"YAML anchors and aliases are not allowed (found alias '*{event.anchor}')")
        else:
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    _fail(path, event, "one YAML document per file (found a second '---')")
            continue
        if not stack:
            data = value
        else:
            frame = stack[-1]
            if type(frame[0]) is list:
                frame[0].append(value)
            else:
                frame[0][frame[2]] = value
                frame[2] = None
    return Document(path=path, data=data, raw_values=values, raw_keys=keys)


def syntax_hint(text: str, where: Mark, problem: str) -> str | None:
    """The likely cause of a YAML syntax error, in words: tabs, unquoted colons, indentation."""
    lines = text.splitlines()
    line = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
    if "\t" in problem or "tab" in problem or line[where.col - 1 : where.col] == "\t":
        return "a tab character: YAML indents with spaces only; replace the tab with spaces"
    if problem.startswith("mapping values are not allowed"):
        return (
            'an unquoted colon followed by a space inside a value: quote the whole value, e.g. title: "Qwen2: a report"'
        )
    if "expected '-' indicator" in problem or "expected <block end>" in problem:
        return "the indentation: keys of one mapping (and items of one list) start in the same column"
    return None


def parse_yaml(text: str, path: Path, loader: type = _Loader) -> Document:
    """Parse YAML text; raises YamlError with the position of the first problem (and its likely cause)."""
    try:
        return _build(yaml.parse(text, Loader=loader), path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        hint = syntax_hint(text, where, problem)
        cause = f"; likely cause: {hint}" if hint else ""
        raise YamlError(path, where, "yaml", f"{problem}{context}{cause}") from None
    except yaml.YAMLError as exc:  # errors without a position (e.g. a bad byte)
        raise YamlError(path, Mark(1, 1), "yaml", str(exc).splitlines()[0]) from None


def read_yaml(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one file, refusing what is not a regular file (FIFOs, devices, link loops),
    oversize and non-UTF-8 files before parsing."""
    try:
        raw = read_limited(path, max_bytes)
    except InputError as exc:
        if exc.errno == errno.ENOENT:
            raise FileNotFoundError(exc.errno, exc.strerror) from None
        raise YamlError(path, Mark(1, 1), "file", exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(path, Mark(line, col), "file", "file is not valid UTF-8") from None
    doc = parse_yaml(text, path)
    if doc.data is None:
        raise YamlError(path, Mark(1, 1), "file", "file is empty")
    return doc
