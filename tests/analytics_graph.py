"""The graph of the analytics tests: vocabularies, seed and sample.

Loading the three files takes seconds, so the analytics tests declare it once per module (the
`analytics_graph` fixture of tests/conftest.py) instead of loading it for every test.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from neo4j import Driver
from rdflib import Graph

from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.ontology.files import dataset_path
from tests.database import wipe_database
from tests.pipeline_helpers import load

ID = "https://w3id.org/kennisgraaf/id/"


def vocabularies_path() -> Path:
    return Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))


def files() -> list[Path]:
    # vocabularies first, so concept labels and cycle orders are in the graph
    return [vocabularies_path(), dataset_path("seed"), dataset_path("sample")]


def load_graph(driver: Driver, database: str, tmp_path: Path) -> None:
    wipe_database(driver, database)
    ensure_schema(driver, database)
    for path in files():
        report = load(driver, database, path, tmp_path)
        assert report.status == "loaded", report


def turtle_graph() -> Graph:
    """The same files parsed by rdflib, for expectations computed apart from Neo4j."""
    graph = Graph()
    for path in files():
        graph.parse(path, format="turtle")
    return graph
