"""ids-unique: no two model files share an id (ids are never reused)."""

from ..loader import Entry
from .base import Finding, Rule


def check(entries, context):
    first: dict[str, Entry] = {}
    for entry in entries:
        seen = first.setdefault(entry.record.id, entry)
        if seen is not entry:
            yield entry, Finding(("id",), f"id '{entry.record.id}' is already used by {seen.doc.path.name}")


RULE = Rule("ids-unique", "catalog", "model ids are unique across files", check)
