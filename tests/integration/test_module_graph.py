"""A module's declared graph written back from the session's copy is the graph its loader left.

Test modules that declare the same loader (tests/conftest.py `sample_graph`, `analytics_graph`,
…) get the graph written back from what the first load left (tests/database.py LOADED) instead
of loading the files again; a test that changed the graph gets it back the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from tests.analytics_graph import load_graph
from tests.database import LOADED, ModuleGraph, count_all, fingerprint, read_graph, write_graph

CALLS: list[Path] = []


def small(driver: Driver, database: str, folder: Path) -> str:
    """Two labelled nodes with typed properties, an unlabelled one, a self-loop, an edge."""
    CALLS.append(folder)
    driver.execute_query(
        """CREATE (a:Thing:Other {name: 'a', when: date('2024-06-30'), tags: ['x', 'y']}),
                  (b:Thing {name: 'b', n: 3, ratio: 0.5, ok: true}),
                  (c {name: 'c'}),
                  (a)-[:LINKS {since: datetime('2024-01-01T10:00:00Z')}]->(b),
                  (b)-[:LINKS]->(b)""",
        database_=database,
    )
    return "what the loader returned"


def test_a_written_copy_is_the_graph_the_seed_and_sample_load_left(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load_graph(driver, database, tmp_path)
    loaded = fingerprint(driver, database)
    copy = read_graph(driver, database)
    write_graph(driver, database, copy)
    assert fingerprint(driver, database) == loaded
    assert count_all(driver, database) == copy.counts()


def test_a_changed_graph_is_written_back_without_loading_again(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    LOADED.pop(small, None)
    CALLS.clear()
    state = ModuleGraph(driver, database, small, tmp_path / "first")
    assert state.ensure() == "what the loader returned"
    assert (count_all(driver, database), len(CALLS)) == ((3, 2), 1)
    loaded = fingerprint(driver, database)

    driver.execute_query("MATCH (b {name: 'b'}) CREATE (b)-[:EXTRA]->(:Extra)", database_=database)
    assert state.ensure() == "what the loader returned"
    assert (fingerprint(driver, database), len(CALLS), state.builds) == (loaded, 1, 2)

    # Another module declaring the same loader starts from the same graph, not loaded again.
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    other = ModuleGraph(driver, database, small, tmp_path / "second")
    assert other.ensure() == "what the loader returned"
    assert (fingerprint(driver, database), len(CALLS)) == (loaded, 1)
    LOADED.pop(small)


@pytest.mark.parametrize("change", ["SET n.name = 'changed'", "REMOVE n:Thing"])
def test_a_change_to_the_graph_shows_in_its_fingerprint(
    driver: Driver, database: str, tmp_path: Path, change: str
) -> None:
    small(driver, database, tmp_path)
    before = fingerprint(driver, database)
    driver.execute_query(f"MATCH (n {{name: 'a'}}) {change}", database_=database)
    assert fingerprint(driver, database) != before
