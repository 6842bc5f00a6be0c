"""A `load` of a hostile input is refused before anything is written: the graph is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from tests.hostile_inputs import case
from tests.pipeline_helpers import load

pytestmark = pytest.mark.neo4j


def _counts(driver: Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r",
        database_=database,
    )
    return int(records[0]["n"]), int(records[0]["r"])


@pytest.mark.parametrize(
    "name",
    [
        "jsonld-deep-objects",
        "ntriples-deep-triple-terms",
        "ntriples-huge-literal",
        "rdfxml-entity-500k-references",
        "kennisrotonde-json-deep-arrays",
        "turtle-latin1",
    ],
)
def test_a_refused_load_changes_nothing(
    name: str, sample_graph: tuple[Driver, str], tmp_path: Path
) -> None:
    driver, database = sample_graph
    before = _counts(driver, database)
    assert before[0] > 0
    hostile = case(name)
    path = hostile.write(tmp_path)
    with pytest.raises(InputError) as caught:
        load(driver, database, path, tmp_path, kind=hostile.kind)
    assert all(expected in str(caught.value) for expected in hostile.expect)
    assert _counts(driver, database) == before
