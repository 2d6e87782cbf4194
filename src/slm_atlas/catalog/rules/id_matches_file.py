"""id-matches-file: a record's id equals its file name without `.yaml`."""

from .base import Finding, Rule


def check(entry, context):
    stem = entry.doc.path.stem
    if entry.record.id != stem:
        yield Finding(
            ("id",),
            f"id '{entry.record.id}' does not match the file name '{entry.doc.path.name}'",
            f"rename the file to {entry.record.id}.yaml or set id: {stem}",
        )


RULE = Rule("id-matches-file", "record", "a record's id equals its file stem", check)
