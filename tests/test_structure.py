"""The library's data flows one way: data → model → presentation, and no module imports one that imports it back.

Read from the source with ``ast`` (imports inside functions count too: a lazy import is still an arrow).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "estimator"


def library_imports() -> dict[str, set[str]]:
    """module name → the estimator modules it imports (relative or absolute, anywhere in the file)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        name = path.stem
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 and node.module:
                    targets.add(node.module.split(".")[0])
                elif node.level == 1:  # from . import x
                    targets.update(a.name for a in node.names)
                elif node.module and node.module.startswith("estimator."):
                    targets.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                targets.update(a.name.split(".")[1] for a in node.names if a.name.startswith("estimator."))
        graph[name] = {t for t in targets if (PACKAGE / f"{t}.py").exists() and t != name}
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


def test_the_hour_of_day_is_a_grid_input_below_the_estimate():
    graph = library_imports()
    assert "hourly" in graph["estimate"]
    assert not graph["hourly"] & {"estimate", "label", "scenario"}
