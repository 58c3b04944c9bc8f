"""The package's imports run one way: no module imports, even inside a function, one that imports it back.

A circle hides which module owns what (the worksheet once reached into the handout's private text helper), and
is broken only by a deferred import that works until someone moves it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def modules() -> dict[str, tuple[ast.Module, bool]]:
    found = {}
    for path in (SRC / "mapping").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (ast.parse(path.read_text(encoding="utf-8")), package)
    return found


def graph() -> dict[str, set[str]]:
    """Each module's imports of the package's own modules (`from . import x` counts as x, a module)."""
    mods = modules()
    edges: dict[str, set[str]] = {}
    for name, (tree, package) in mods.items():
        here = name.split(".") if package else name.split(".")[:-1]
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(here[: len(here) - node.level + 1] + [node.module or ""]) if node.level else node.module
                base = (base or "").rstrip(".")
                deps |= {f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names}
        edges[name] = {d for d in deps if d in mods and d != name}
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while (w := stack.pop()) != v:
                part.append(w)
            if part:
                found.append(sorted([v, *part]))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_package_has_no_import_circle():
    edges = graph()
    assert "mapping.outputs.worksheet" in edges["mapping.outputs.handout"]  # the finder sees relative imports
    assert circles(edges) == []
