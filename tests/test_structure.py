"""The library's data flows one way: data → model → presentation, and no module imports one that imports it back.

Read from the source with ``ast`` (imports inside functions count too: a lazy import is still an arrow).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "estimator"


def _module_name(path: Path) -> str:
    """estimator/label.py → "label"; estimator/usage/exports.py → "usage.exports"; a package's __init__ → its name."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def library_imports() -> dict[str, set[str]]:
    """module name → the estimator modules it imports (relative or absolute, anywhere in the file), subpackages
    included ("usage.exports"); an import of a package counts as an arrow to its __init__."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        here = name.split(".") if name else []
        package = here if is_package else here[:-1]  # the package a relative import starts from
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                    mod = base + (node.module.split(".") if node.module else [])
                    candidates = [".".join(mod + [a.name]) for a in node.names] + [".".join(mod)]
                elif node.module and node.module.startswith("estimator."):
                    mod = node.module.split(".")[1:]
                    candidates = [".".join(mod + [a.name]) for a in node.names] + [".".join(mod)]
                else:
                    continue
            elif isinstance(node, ast.Import):
                candidates = [".".join(a.name.split(".")[1:]) for a in node.names if a.name.startswith("estimator.")]
            else:
                continue
            # "from .x import a, b": a and b when they are modules, else the module x itself
            *names, module = candidates if isinstance(node, ast.ImportFrom) else (*candidates, "")
            found = {c for c in names if c in paths}
            if not found and module in paths:
                found = {module}
            targets |= {c for c in found if c and c != name}
        graph[name] = targets
    graph.pop("", None)  # the package's own __init__ re-exports the public names: not a layer
    for targets in graph.values():
        targets.discard("")
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, found by depth-first search (each reported once, from its smallest name)."""
    found: set[tuple[str, ...]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in graph.get(node, ()):
            if nxt == start:
                found.add(tuple(path))
            elif nxt not in path and nxt > start:
                walk(start, nxt, path + [nxt])

    for start in graph:
        walk(start, start, [start])
    return [list(c) for c in sorted(found)]


def test_the_cycle_finder_sees_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_of_the_library_imports_one_that_imports_it_back():
    graph = library_imports()
    assert {"estimate", "label", "hourly", "scenario"} <= set(graph)  # the parser reads the package
    assert cycles(graph) == []


def test_subpackages_are_read_too():
    graph = library_imports()
    assert "usage.exports" in graph and graph["usage.exports"]  # it imports its siblings and the library's errors
    assert "errors" in set().union(*(t for n, t in graph.items() if n.startswith("usage.")))


def test_the_hour_of_day_is_a_grid_input_below_the_estimate():
    graph = library_imports()
    assert "hourly" in graph["estimate"]
    assert not graph["hourly"] & {"estimate", "label", "scenario"}
