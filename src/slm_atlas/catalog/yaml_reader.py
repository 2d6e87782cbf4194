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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
    """A parsed file: its data, and where each value and each mapping key sits."""

    path: Path
    data: Any
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

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


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Turns events into Python data, recording positions; raises YamlError on forbidden input."""

    def __init__(self, path: Path):
        self.doc = Document(path=path, data=None)
        self.stack: list[list[Any]] = []  # frames: [container, path, pending mapping key]
        self.documents = 0

    def fail(self, event: Any, message: str) -> None:
        raise YamlError(self.doc.path, _mark(event), "yaml", message)

    def check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            self.fail(event, f"YAML anchors and aliases are not allowed (found anchor '&{event.anchor}')")
        if event.tag is not None:
            self.fail(event, f"YAML tags are not allowed (found '{event.tag}')")

    def child_path(self, event: Any) -> Path_ | None:
        """Path of the next value, or None when the event is a mapping key."""
        if not self.stack:
            return ()
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            return path + (len(container),)
        if pending is None:
            return None
        return path + (pending,)

    def add(self, value: Any) -> None:
        if not self.stack:
            self.doc.data = value
            return
        frame = self.stack[-1]
        if isinstance(frame[0], list):
            frame[0].append(value)
        else:
            frame[0][frame[2]] = value
            frame[2] = None

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_node(event)
        path = self.child_path(event)
        if path is None:  # a mapping key
            frame = self.stack[-1]
            key, mark = event.value, _mark(event)
            if frame[1] + (key,) in self.doc.keys:
                first = self.doc.keys[frame[1] + (key,)]
                self.fail(event, f"duplicate key '{key}' (first defined at line {first.line})")
            frame[2] = key
            self.doc.keys[frame[1] + (key,)] = mark
            return
        # libyaml reports a plain scalar's style as '', the pure-Python parser as None
        value = resolve_plain(event.value) if not event.style else event.value
        self.doc.values[path] = _mark(event)
        self.add(value)

    def start(self, event: Any, container: Any) -> None:
        self.check_node(event)
        path = self.child_path(event)
        if path is None:
            self.fail(event, "mapping keys must be plain words, not lists or mappings")
        self.doc.values[path] = _mark(event)
        self.stack.append([container, path, None])

    def end(self) -> None:
        self.add(self.stack.pop()[0])

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent):
            self.start(event, {})
        elif isinstance(event, yaml.SequenceStartEvent):
            self.start(event, [])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.end()
        elif isinstance(event, yaml.AliasEvent):
            self.fail(event, f"YAML anchors and aliases are not allowed (found alias '*{event.anchor}')")
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "one YAML document per file (found a second '---')")


def parse_yaml(text: str, path: Path, loader: type = _Loader) -> Document:
    """Parse YAML text; raises YamlError with the position of the first problem."""
    builder = _Builder(path)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise YamlError(path, where, "yaml", f"{problem}{context}") from None
    except yaml.YAMLError as exc:  # errors without a position (e.g. a bad byte)
        raise YamlError(path, Mark(1, 1), "yaml", str(exc).splitlines()[0]) from None
    return builder.doc


def read_yaml(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one file, refusing oversize and non-UTF-8 files before parsing."""
    size = path.stat().st_size
    if size > max_bytes:
        raise YamlError(path, Mark(1, 1), "file", f"file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    raw = path.read_bytes()
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
