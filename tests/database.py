"""The test session's database: wipe it, count it, and the state a test module starts from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver

from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.registry import get_query

# What a module loads: (driver, database, a folder of its own) → what the module's tests need.
Loader = Callable[[Driver, str, Path], Any]
# The `module_graph` fixture: declares the module's loader, returns what it returned.
Declare = Callable[[Loader], Any]


def wipe_database(driver: Driver, database: str) -> None:
    # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run(get_query("admin.wipe_all").text).consume()


def count_all(driver: Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(get_query("admin.count_all").text, database_=database)
    return int(records[0]["nodes"]), int(records[0]["relationships"])


# The copy of a loaded graph is test machinery, not a query of the package, so its Cypher lives
# here rather than in queries/. Labels and types are parameters too ($(…), Neo4j 5.26).
READ_NODES = "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
READ_RELATIONSHIPS = """\
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, type(r) AS type, properties(r) AS props, elementId(b) AS end"""
WRITE_NODES = """\
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.i AS i, elementId(n) AS id"""
WRITE_RELATIONSHIPS = """\
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props"""
BATCH = 5000


@dataclass(frozen=True)
class GraphCopy:
    """Every node (labels, properties) and relationship (start and end as indexes into `nodes`,
    type, properties) of a database, read after a loader ran, to write the same graph again."""

    nodes: list[tuple[list[str], dict[str, Any]]]
    relationships: list[tuple[int, str, dict[str, Any], int]]

    def counts(self) -> tuple[int, int]:
        return len(self.nodes), len(self.relationships)


def _batches(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def read_graph(driver: Driver, database: str) -> GraphCopy:
    nodes, _, _ = driver.execute_query(READ_NODES, database_=database)
    index = {record["id"]: i for i, record in enumerate(nodes)}
    relationships, _, _ = driver.execute_query(READ_RELATIONSHIPS, database_=database)
    return GraphCopy(
        nodes=[(list(record["labels"]), dict(record["props"])) for record in nodes],
        relationships=[
            (index[r["start"]], r["type"], dict(r["props"]), index[r["end"]]) for r in relationships
        ],
    )


def write_graph(driver: Driver, database: str, copy: GraphCopy) -> None:
    """Empties the database, puts the schema in place and writes `copy` in batches: the graph
    the loader left, without parsing, validating or mapping it again."""
    wipe_database(driver, database)
    ensure_schema(driver, database)
    node_rows = [
        {"i": i, "labels": labels, "props": props} for i, (labels, props) in enumerate(copy.nodes)
    ]
    ids: dict[int, str] = {}
    for batch in _batches(node_rows):
        records, _, _ = driver.execute_query(WRITE_NODES, rows=batch, database_=database)
        ids.update((record["i"], record["id"]) for record in records)
    relationship_rows = [
        {"start": ids[start], "type": kind, "props": props, "end": ids[end]}
        for start, kind, props, end in copy.relationships
    ]
    for batch in _batches(relationship_rows):
        driver.execute_query(WRITE_RELATIONSHIPS, rows=batch, database_=database)


def fingerprint(driver: Driver, database: str) -> Counter[tuple[Any, ...]]:
    """The graph as a multiset, independent of element ids: each node as its labels and
    properties, each relationship as its type, properties and both ends' labels and properties."""
    copy = read_graph(driver, database)
    node_keys = [(tuple(sorted(labels)), _frozen(props)) for labels, props in copy.nodes]
    return Counter(
        [("node", *key) for key in node_keys]
        + [
            ("relationship", node_keys[start], kind, _frozen(props), node_keys[end])
            for start, kind, props, end in copy.relationships
        ]
    )


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


# The graph each loader left the first time it ran in this session: a later module (or a
# rebuild within one) that declares the same loader gets the same graph written back, which
# takes a fraction of the time of loading the files again. The loader's return value is kept
# with it (its files stay in the first build's folder for the whole session).
LOADED: dict[Loader, tuple[GraphCopy, Any]] = {}


class ModuleGraph:
    """The database a test module declares it starts from: emptied, the schema in place, then
    `load` run (or the graph it left earlier in the session written back, see LOADED).
    `ensure()` runs before each of the module's tests that use it and builds the state again
    when the database no longer holds what the load left (other node or relationship counts:
    a test wiped the database or loaded more), so the module's tests pass in any order. A test
    that changes properties but no counts must undo that itself."""

    def __init__(self, driver: Driver, database: str, load: Loader, folder: Path) -> None:
        self.driver, self.database, self.load, self.folder = driver, database, load, folder
        self.value: Any = None
        self.counts: tuple[int, int] | None = None
        self.builds = 0

    def ensure(self) -> Any:
        if self.counts is not None and count_all(self.driver, self.database) == self.counts:
            return self.value
        self.builds += 1
        if self.load in LOADED:
            copy, self.value = LOADED[self.load]
            write_graph(self.driver, self.database, copy)
        else:
            wipe_database(self.driver, self.database)
            ensure_schema(self.driver, self.database)
            folder = self.folder / f"build-{self.builds}"
            folder.mkdir(parents=True)
            self.value = self.load(self.driver, self.database, folder)
            copy = read_graph(self.driver, self.database)
            LOADED[self.load] = (copy, self.value)
        self.counts = copy.counts()
        return self.value
