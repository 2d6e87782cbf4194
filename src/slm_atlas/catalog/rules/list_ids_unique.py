"""list-ids-unique: ids are unique within each shared list, and dataset aliases name one dataset."""

from .base import Finding, Rule


def check(catalog, context):
    for key, items in catalog.lists.items():
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                yield key, Finding((key, index, "id"), f"id '{item.id}' is already used by entry {first[item.id]}")
            first.setdefault(item.id, index)
    owner: dict[str, str] = {}
    for index, dataset in enumerate(catalog.lists.get("datasets", [])):
        for a, alias in enumerate(dataset.aliases):
            other = owner.setdefault(alias.casefold(), dataset.id)
            if other != dataset.id:
                yield "datasets", Finding(("datasets", index, "aliases", a), f"alias '{alias}' also names '{other}'")


RULE = Rule("list-ids-unique", "lists", "shared-list ids and aliases are unique", check)
