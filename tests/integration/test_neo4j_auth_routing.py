"""A Neo4j that requires authentication, reached through a routing `neo4j://` URI with
NEO4J_USERNAME / NEO4J_PASSWORD: a file loads, reads (routed as reads, with the bookmarks of the
load) see it at once, SPARQL answers with it, and a wrong password is a clear KennisgraafError."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from kennisgraaf.errors import KennisgraafError, Neo4jUnavailableError
from kennisgraaf.graph.connection import open_driver, read_session
from kennisgraaf.graph.local_engine import LocalEngine
from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.service import SparqlService
from tests.conftest import TEST_LIMITS, build_cache, free_port
from tests.pipeline_helpers import load

PERSON = "https://w3id.org/kennisgraaf/id/person/"
NAMES = (
    "PREFIX kg: <https://w3id.org/kennisgraaf/def#>\n"
    "SELECT ?name WHERE { ?p a kg:Person ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
)


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalEngine, str]]:
    password = secrets.token_urlsafe(12)
    engine = LocalEngine(
        tmp_path_factory.mktemp("neo4j-auth"), free_port(), build_root=build_cache(),
        heap="512m", page_cache_mb=64, password=password,
    )  # fmt: skip
    engine.start(exit_with_pid=os.getpid())
    try:
        yield engine, password
    finally:
        engine.stop()


def settings_for(engine: LocalEngine, password: str | None, tmp: Path) -> Settings:
    return Settings(
        neo4j_uri=f"neo4j://127.0.0.1:{engine.port}",
        neo4j_username="neo4j",
        neo4j_password=password,
        data_dir=tmp,
        **TEST_LIMITS,
    )


def test_the_engine_refuses_a_client_without_credentials(
    secured: tuple[LocalEngine, str], tmp_path: Path
) -> None:
    engine, _ = secured
    with pytest.raises(Neo4jUnavailableError) as caught:
        open_driver(settings_for(engine, None, tmp_path), start_local=False)
    assert isinstance(caught.value, KennisgraafError)


def test_a_wrong_password_is_a_clear_error(
    secured: tuple[LocalEngine, str], tmp_path: Path
) -> None:
    engine, password = secured
    with pytest.raises(Neo4jUnavailableError) as caught:
        open_driver(settings_for(engine, password + "x", tmp_path), start_local=False)
    message = str(caught.value)
    assert "refused the credentials of user 'neo4j'" in message
    assert "NEO4J_PASSWORD" in message and password not in message


def test_load_and_read_through_routing_with_authentication(
    secured: tuple[LocalEngine, str], tmp_path: Path
) -> None:
    engine, password = secured
    settings = settings_for(engine, password, tmp_path)
    with open_driver(settings, start_local=False) as driver:
        db = settings.neo4j_database
        ensure_schema(driver, db)
        people = tmp_path / "people.ttl"
        people.write_text(
            "@prefix kg: <https://w3id.org/kennisgraaf/def#> .\n"
            "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
            f'<{PERSON}ans> a kg:Person ; foaf:name "Ans Aalbers" ; kg:consentToBeNamed true .\n'
        )
        report = load(driver, db, people, tmp_path)
        assert report.statements_loaded == 3
        # Right after the load, a routed read (execute_query and a read session) sees it.
        assert read(driver, db, "lookup.resource_labels", iri=f"{PERSON}ans")[0]["labels"]
        assert _names_by_session(driver, db) == ["Ans Aalbers"]
        service = SparqlService(settings, driver, pool_size=1)
        try:
            answer = service.execute(NAMES, "application/sparql-results+json")
        finally:
            service.close()
        assert b"Ans Aalbers" in answer.body and answer.count == 1


def _names_by_session(driver: Driver, database: str) -> list[str]:
    with read_session(driver, database) as session:
        rows = session.run("MATCH (p:Person) RETURN p.foaf_name AS name ORDER BY name")
        return [str(r["name"]) for r in rows]
