"""No import cycles inside `streams/` or inside `tahub/`.

The graph is built statically with `ast` from every import statement in our packages —
at module level, inside functions and under `if TYPE_CHECKING:` alike — so a cycle
hidden in a lazy import (often there only to dodge a circular import at load time)
counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("schemas", "streams", "producers", "consumers", "alerts", "tahub")

Graph = dict[str, set[str]]


def module_files(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name → file, for every module of the packages under ``root``."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement may load: for ``from X import y`` both
    ``X.y`` (if y is a submodule) and ``X``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        # relative to the containing package (a package's __init__ is its own container)
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        if node.level > 1:
            anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def import_graph(root: Path, packages: Iterable[str]) -> Graph:
    """module → the modules of ours it imports, anywhere in its file."""
    files = module_files(root, packages)
    graph: Graph = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for dotted in _imported(node, name, is_package):
                # `import a.b.c` names a.b.c; the longest prefix that is ours is the edge
                target = dotted
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _edges_within(graph: Mapping[str, set[str]], package: str) -> dict[str, list[str]]:
    """The imports between modules of ``package`` only."""
    inside = {m for m in graph if m == package or m.startswith(package + ".")}
    return {m: sorted(t for t in graph[m] if t in inside) for m in sorted(inside)}


def strongly_connected(edges: Mapping[str, list[str]]) -> list[set[str]]:
    """Groups of two or more modules that all reach one another (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return sorted(groups, key=min)


def cycles_within(graph: Mapping[str, set[str]], package: str) -> list[list[str]]:
    """One cycle (a → … → a) for each group of modules of ``package`` that import one
    another, following only imports between modules of that package."""
    edges = _edges_within(graph, package)
    return [_a_cycle(edges, group) for group in strongly_connected(edges)]


def _a_cycle(edges: Mapping[str, list[str]], group: set[str]) -> list[str]:
    """A shortest cycle through the group's first module (breadth-first)."""
    first = min(group)
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following = []
        for node in frontier:
            for child in edges[node]:
                if child not in group:
                    continue
                if child == first:
                    path = [node]
                    while path[-1] != first:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), first]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle through {first} in {sorted(group)}")


def _describe(graph: Mapping[str, set[str]], package: str) -> str:
    edges = _edges_within(graph, package)
    lines = []
    for group in strongly_connected(edges):
        lines.append(" → ".join(_a_cycle(edges, group)))
        lines.append(f"    (modules that import one another: {', '.join(sorted(group))})")
    return "\n".join(lines)


GRAPH = import_graph(ROOT, PACKAGES)


def test_no_import_cycle_inside_tahub() -> None:
    cycles = cycles_within(GRAPH, "tahub")
    assert not cycles, f"import cycles inside tahub/:\n{_describe(GRAPH, 'tahub')}"


def test_no_import_cycle_inside_streams() -> None:
    cycles = cycles_within(GRAPH, "streams")
    assert not cycles, f"import cycles inside streams/:\n{_describe(GRAPH, 'streams')}"
