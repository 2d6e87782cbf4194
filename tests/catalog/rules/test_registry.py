"""The registry lists every rule module once, and every rule module has a test module."""

from pathlib import Path

import slm_atlas.catalog.rules as rules


def test_every_rule_module_is_registered_once():
    modules = {p.stem for p in Path(rules.__file__).parent.glob("*.py")} - {"__init__", "base"}
    registered = [r.check.__module__.rsplit(".", 1)[1] for r in rules.RULES]
    assert sorted(registered) == sorted(modules)
    assert len({r.name for r in rules.RULES}) == len(rules.RULES)


def test_every_rule_module_has_a_test():
    modules = {p.stem for p in Path(rules.__file__).parent.glob("*.py")} - {"__init__", "base"}
    tests = {p.stem.removeprefix("test_") for p in Path(__file__).parent.glob("test_*.py")}
    assert modules <= tests
