"""Text from data made inert for the page: every `{{ value }}` of a template passes through here.

The templates are Markdown (with `attr_list` and `md_in_html`) holding HTML, and MkDocs turns
them into pages. HTML escaping alone is not enough there: `{ onfocus=... }` after a heading is an
attribute list, `[x](javascript:...)` is a link, a blank line ends an HTML block and lets a
heading follow. So text is written with every character that HTML or Markdown gives a meaning
replaced by its numeric character reference (`{` as `&#123;`): Python-Markdown passes references
through untouched, and the browser shows the character itself, in text and in attribute values
alike. Line breaks become references too, so data can never start a new Markdown block.

Invariant: the output contains none of the characters in `_SPECIAL` and no line break, so no
Markdown construct or HTML tag can begin inside it.
"""

import html
import re
from typing import Any


class Markup(str):
    """Text already safe for the page: Jinja prints anything with `__html__` as it is."""

    def __html__(self) -> str:
        return str(self)


def escaped(value: Any) -> Markup:
    """HTML-escaped text (`<`, `>`, `&` and both quotes), for places that are HTML but not Markdown."""
    return Markup(html.escape(str(value), quote=True))


_SPECIAL = "&<>\"'`\\*_{}[]()#+!|~"
_REFERENCES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL} | {ord("\n"): "&#10;", ord("\r"): "&#13;"}
_ANCHOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def text(value: Any) -> Markup:
    """`value` as text that no Markdown or HTML parser reads as markup (Markup passes as it is)."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_REFERENCES))


def anchor(value: Any) -> Markup:
    """An element id for an attribute list (`{ #id }`): letters, digits, `_`, `.` and `-` only."""
    value = str(value)
    if not _ANCHOR.match(value):
        raise ValueError(f"{value!r} cannot be an anchor: only letters, digits, '_', '.' and '-'")
    return Markup(value)
