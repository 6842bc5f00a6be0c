"""The package's rooms import in one direction and never in a circle.

The graph is built from the source with `ast` (nothing is imported), over every import a module
runs — at its top or inside a function; imports under `if TYPE_CHECKING:` are left out because
they never run.
"""

from __future__ import annotations

import ast
import functools
import tomllib
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "kennisgraaf"
# The console script `kennisgraaf = "kennisgraaf.cli:main"` and `python -m kennisgraaf`.
CLI_IMPORTERS = {"kennisgraaf.__main__"}


@functools.cache
def _package_dirs() -> dict[str, Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return {name: ROOT / folder for name, folder in config["package-dir"].items()}


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package, folder in _package_dirs().items():
        for path in folder.glob("*.py"):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            modules[name] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            yield from (n for orelse in child.orelse for n in _import_nodes_of(orelse))
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _import_nodes(child)


def _import_nodes_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _import_nodes(node)


def _targets(node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> Iterator[str]:
    """The package modules an import statement loads: `from pkg import mod` loads `pkg.mod`,
    `from mod import name` loads `mod`."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level or not node.module:
            raise AssertionError("relative imports are not used in kennisgraaf")
        module = node.module
        names = [
            f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
            for alias in node.names
        ]
    yield from (name for name in names if name in modules)


def import_graph(modules: dict[str, Path] | None = None) -> nx.DiGraph:
    modules = modules if modules is not None else _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in _import_nodes(tree):
            for target in _targets(node, modules):
                # A module's own packages are imported before it, whatever it says.
                if not f"{name}.".startswith(f"{target}."):
                    graph.add_edge(name, target)
    return graph


def _room(module: str) -> str:
    """The top-level folder a module lives in: `kennisgraaf.api.routers.x` is in `api`; the
    modules of `kennisgraaf` itself (errors, settings, __main__) are in `core`."""
    parts = module.split(".")
    subpackage = ".".join(parts[:2])
    return parts[1] if subpackage in _package_dirs() and len(parts) > 1 else "core"


def _edges_between(graph: nx.DiGraph, source_rooms: set[str], target_room: str) -> list[str]:
    return sorted(
        f"{a} -> {b}"
        for a, b in graph.edges
        if _room(a) in source_rooms and _room(b) == target_room
    )


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph()


def test_the_graph_sees_every_room(graph: nx.DiGraph) -> None:
    rooms = {_room(m) for m in graph.nodes}
    assert {"core", "cli", "ontology", "graph", "loaders", "queries", "api"} <= rooms
    assert graph.has_edge("kennisgraaf.__main__", "kennisgraaf.cli")


def test_no_import_cycles(graph: nx.DiGraph) -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_the_floor_imports_no_room(graph: nx.DiGraph) -> None:
    rooms = {"cli", "ontology", "graph", "loaders", "queries", "api"}
    assert [f"{a} -> {b}" for a, b in graph.edges if _room(a) == "core" and _room(b) in rooms] == [
        "kennisgraaf.__main__ -> kennisgraaf.cli"
    ]


def test_loaders_use_the_ontology_never_the_reverse(graph: nx.DiGraph) -> None:
    assert _edges_between(graph, {"loaders"}, "ontology")
    assert _edges_between(graph, {"ontology"}, "loaders") == []


def test_the_ontology_stands_on_the_floor_alone(graph: nx.DiGraph) -> None:
    rooms = {_room(b) for a, b in graph.edges if _room(a) == "ontology"}
    assert rooms <= {"ontology", "core"}


@pytest.mark.parametrize("room", ["api", "cli", "loaders"])
def test_graph_does_not_import(graph: nx.DiGraph, room: str) -> None:
    assert _edges_between(graph, {"graph"}, room) == []


def test_api_does_not_import_the_cli(graph: nx.DiGraph) -> None:
    assert _edges_between(graph, {"api"}, "cli") == []


def test_only_the_entry_point_imports_the_cli(graph: nx.DiGraph) -> None:
    outside = {f"{a} -> {b}" for a, b in graph.edges if _room(b) == "cli" and _room(a) != "cli"}
    assert outside == {f"{m} -> kennisgraaf.cli" for m in CLI_IMPORTERS}


def test_a_cycle_is_seen(tmp_path: Path) -> None:
    """The detector itself: two modules importing each other inside functions form a cycle."""
    (tmp_path / "a.py").write_text("def f():\n    from kennisgraaf.b import g\n")
    (tmp_path / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kennisgraaf.c\n"
        "def g():\n    import kennisgraaf.a\n"
    )
    (tmp_path / "c.py").write_text("import kennisgraaf.b\n")
    modules = {f"kennisgraaf.{n}": tmp_path / f"{n}.py" for n in "abc"}
    graph = import_graph(modules)
    assert set(graph.edges) == {
        ("kennisgraaf.a", "kennisgraaf.b"),
        ("kennisgraaf.b", "kennisgraaf.a"),
        ("kennisgraaf.c", "kennisgraaf.b"),
    }
