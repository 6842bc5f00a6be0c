"""The SPARQL store follows Neo4j (load A, query, load B, query sees B; one update per import
even under concurrent requests), and the time limit stops a runaway query, not the service."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.service import SparqlService
from tests.pipeline_helpers import load

PERSON = "https://w3id.org/kennisgraaf/id/person/"
NAMES = (
    "PREFIX kg: <https://w3id.org/kennisgraaf/def#>\n"
    "SELECT ?name WHERE { ?p a kg:Person ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
)
# Five-fold cross join of every statement: far beyond any time limit on even a small graph.
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)
TIMEOUT_S = 1.5
STOPPED_WITHIN_S = 60.0


def people_file(tmp_path: Path, name: str, people: dict[str, str]) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(
        "@prefix kg: <https://w3id.org/kennisgraaf/def#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        + "".join(
            f'<{PERSON}{key}> a kg:Person ; foaf:name "{n}" ; kg:consentToBeNamed true .\n'
            for key, n in people.items()
        )
    )
    return path


@pytest.fixture
def sparql_client(driver: Driver, api_settings: Settings) -> Iterator[TestClient]:
    settings = api_settings.model_copy(update={"sparql_timeout_s": TIMEOUT_S})
    with TestClient(create_app(settings, driver=driver)) as client:
        yield client


def service(client: TestClient) -> SparqlService:
    found: SparqlService = client.app.state.sparql  # type: ignore[attr-defined]
    return found


def names(client: TestClient) -> list[str]:
    response = client.get("/sparql", params={"query": NAMES})
    assert response.status_code == 200, response.text
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def test_every_import_is_visible_to_the_next_query(
    sparql_client: TestClient, driver: Driver, database: str, tmp_path: Path
) -> None:
    assert names(sparql_client) == []
    load(driver, database, people_file(tmp_path, "a", {"ans": "Ans Aalbers"}), tmp_path)
    assert names(sparql_client) == ["Ans Aalbers"]
    store = service(sparql_client).store
    first = store.current
    assert first is not None and first.triples == 3  # type, name, consent
    load(driver, database, people_file(tmp_path, "b", {"bas": "Bas Brink", "cor": "Cor Cats"}),
         tmp_path)  # fmt: skip
    assert names(sparql_client) == ["Ans Aalbers", "Bas Brink", "Cor Cats"]
    second = store.current
    assert second is not None and second.triples == 9 and second.version != first.version
    # A new version of source a replaces its statements (Ans goes, Dirk comes); the store follows.
    load(driver, database, people_file(tmp_path, "a", {"dirk": "Dirk Dekker"}), tmp_path)
    assert names(sparql_client) == ["Bas Brink", "Cor Cats", "Dirk Dekker"]
    # Each import updated the projection from its changes, not by a rebuild.
    assert store.current is not None and store.current.kind == "incremental"


def test_concurrent_requests_after_an_import_share_one_rebuild(
    sparql_client: TestClient, driver: Driver, database: str, tmp_path: Path
) -> None:
    assert names(sparql_client) == []
    store = service(sparql_client).store
    updates = store.updates
    load(driver, database, people_file(tmp_path, "a", {"ans": "Ans Aalbers"}), tmp_path)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: names(sparql_client), range(8)))
    assert answers == [["Ans Aalbers"]] * 8
    assert store.updates == updates + 1


def test_an_overrunning_query_is_stopped_and_the_service_goes_on(
    sparql_client: TestClient, driver: Driver, database: str, tmp_path: Path
) -> None:
    people = {f"p{i:02d}": f"Persoon {i:02d}" for i in range(40)}
    load(driver, database, people_file(tmp_path, "many", people), tmp_path)
    assert names(sparql_client)[:2] == ["Persoon 00", "Persoon 01"]
    pool = service(sparql_client).pool
    before = {w.proc.pid for w in pool._all}
    # Stopped at the limit, not before: the answer comes after TIMEOUT_S. How long after depends
    # on the machine's load, so the only upper bound is a generous deadline that turns a query
    # never stopped into a failure instead of a hung run.
    runner = ThreadPoolExecutor(1)
    started = time.monotonic()
    pending = runner.submit(sparql_client.get, "/sparql", params={"query": EXPLOSIVE})
    try:
        response = pending.result(timeout=STOPPED_WITHIN_S)
    finally:
        runner.shutdown(wait=False)
    assert time.monotonic() - started >= TIMEOUT_S
    assert response.status_code == 503
    assert response.json() == {
        "status": 503,
        "error": "query-timeout",
        "message": "the query ran longer than the time limit of 1.5 s (sparql_timeout_s) "
        "and was stopped",
    }
    # The process that ran it is gone, a fresh one took its place, and answers keep coming.
    assert pool.replaced == 1
    killed = before - {w.proc.pid for w in pool._all}
    assert len(killed) == 1
    assert not Path(f"/proc/{killed.pop()}").exists()
    for _ in range(3):
        assert len(names(sparql_client)) == 40


def test_query_processes_have_no_network(sparql_client: TestClient) -> None:
    assert names(sparql_client) == []
    workers = list(service(sparql_client).pool._all)
    used = [w for w in workers if w.isolated is not None]
    assert used and all(w.isolated for w in used)
    own = Path("/proc/self/ns/net").readlink()
    assert all(Path(f"/proc/{w.proc.pid}/ns/net").readlink() != own for w in used)


def test_shutdown_stops_the_query_processes(driver: Driver, api_settings: Settings) -> None:
    with TestClient(create_app(api_settings, driver=driver)) as client:
        assert names(client) == []
        sparql = service(client)
        pids = [w.proc.pid for w in sparql.pool._all]
    assert pids and not any(Path(f"/proc/{pid}").exists() for pid in pids)
