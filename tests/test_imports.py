"""Imports run one way (DEVELOPERS.md, "The package graph"): every module's imports, at any depth of
the file (inside functions too), go only to its own package or to a lower layer, and no function
imports a project module (only heavy optional dependencies may be imported late)."""

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "src" / "slm_atlas"
# lowest first; a module may import its own package and anything in an earlier layer
LAYERS = [
    {"files", "formatting", "outputs"},
    {"schema"},
    {"catalog"},
    {"hub"},
    {"measure"},
    {"db"},
    {"survey"},
    {"site"},
    {"generated"},
    {"commands", "cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((".".join(p for p in parts if p != "__init__"), path))
    return found


def project_imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(top-level package imported, line, inside a function) for every import of a project module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(fn)
    }
    here = name.split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join(base + ([node.module] if node.module else []))
                targets = [module] if node.module else [f"{module}.{a.name}".strip(".") for a in node.names]
            elif node.module and node.module.startswith("slm_atlas"):
                targets = [node.module.removeprefix("slm_atlas").lstrip(".")]
        elif isinstance(node, ast.Import):
            targets = [
                a.name.removeprefix("slm_atlas").lstrip(".") for a in node.names if a.name.startswith("slm_atlas")
            ]
        for target in targets:
            top = target.split(".")[0]
            if top:
                out.append((top, node.lineno, id(node) in inside))
    return out


def test_every_package_has_a_layer():
    tops = {name.split(".")[0] for name, _ in modules() if name}
    assert tops - set(RANK) == set()


def test_no_import_goes_up_or_across_into_a_cycle():
    upward = []
    edges: dict[str, set[str]] = {}
    for name, path in modules():
        own = name.split(".")[0]
        for target, line, _ in project_imports(name, path):
            if target == own:
                continue
            edges.setdefault(own, set()).add(target)
            if RANK[target] > RANK[own]:
                upward.append(f"{path.relative_to(REPO)}:{line}: {own} imports {target}, a higher layer")
    assert upward == []
    for start in edges:  # packages of one layer may import each other, but never in a cycle
        seen, stack = set(), [start]
        while stack:
            node = stack.pop()
            for nxt in edges.get(node, ()):
                assert nxt != start, f"import cycle through {start} and {node}"
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)


def test_no_function_imports_a_project_module():
    late = [
        f"{path.relative_to(REPO)}:{line}: imports slm_atlas.{target} inside a function"
        for name, path in modules()
        for target, line, inside in project_imports(name, path)
        if inside
    ]
    assert late == []


def test_the_checker_sees_imports_at_any_depth(tmp_path):
    """The checker itself: a relative import inside a function, and one two levels up, are both found."""
    module = tmp_path / "slm_atlas" / "db" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from ..site import pages\n\ndef f():\n    from .build import x\n    from ..survey.findings import y\n"
    )
    assert project_imports("db.probe", module) == [("site", 1, False), ("db", 4, True), ("survey", 5, True)]
