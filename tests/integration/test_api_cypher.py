"""POST /cypher: read-only Cypher behind a `query` token, with a timeout and a row cap."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.settings import Settings
from tests.conftest import count_all

ROWS = 5


@pytest.fixture
def settings(neo4j_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    s = neo4j_settings.model_copy(
        update={"data_dir": tmp_path / "data", "cypher_timeout_s": 1.0, "cypher_max_rows": ROWS}
    )
    # require_scope reads the token file through get_settings(); point it at this app's
    monkeypatch.setattr("kennisgraaf.settings.get_settings", lambda: s)
    return s


@pytest.fixture
def api(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    driver.execute_query(
        "CREATE (:Resource:Person {iri: 'urn:x:p1', foaf_name: 'Hanna Mulder', "
        "born: date('1980-02-03')})-[:knows {since: 2020}]->(:Resource {iri: 'urn:x:p2'})"
    )
    with TestClient(create_app(settings, driver=driver)) as client:
        yield client


@pytest.fixture
def token(settings: Settings) -> dict[str, str]:
    value = create_token(tokens_path(settings.data_dir), "researcher", ["query"])
    return {"Authorization": f"Bearer {value}"}


def post(
    api: TestClient, headers: dict[str, str], query: str, **params: object
) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = api.post("/cypher", json={"query": query, "parameters": params}, headers=headers)
    return response.status_code, response.json()


def test_rows_with_parameters_and_graph_values(api: TestClient, token: dict[str, str]) -> None:
    status, body = post(
        api,
        token,
        "MATCH (p:Person {foaf_name: $name})-[k:knows]->(o) RETURN p.iri AS iri, p.born AS born, "
        "p AS node, k AS rel",
        name="Hanna Mulder",
    )
    assert status == 200, body
    assert body["columns"] == ["iri", "born", "node", "rel"]
    assert body["truncated"] is False and body["row_limit"] == ROWS
    (row,) = body["rows"]
    assert (row["iri"], row["born"]) == ("urn:x:p1", "1980-02-03")
    assert row["node"]["labels"] == ["Person", "Resource"]
    assert row["node"]["properties"]["foaf_name"] == "Hanna Mulder"
    assert (row["rel"]["type"], row["rel"]["properties"]) == ("knows", {"since": 2020})
    assert row["rel"]["start"] == row["node"]["element_id"]


def test_row_cap_truncates(api: TestClient, token: dict[str, str]) -> None:
    status, body = post(api, token, "UNWIND range(1, 1000) AS x RETURN x")
    assert status == 200
    assert [r["x"] for r in body["rows"]] == [1, 2, 3, 4, 5] and body["truncated"] is True
    status, body = post(api, token, "UNWIND range(1, $n) AS x RETURN x", n=ROWS)
    assert len(body["rows"]) == ROWS and body["truncated"] is False


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Resource {iri: 'urn:x:new'}) RETURN n",
        "MERGE (n:Resource {iri: 'urn:x:new'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Person) SET n.foaf_name = 'x'",
        "MATCH (n:Person) REMOVE n:Person",
        "FOREACH (i IN [1] | CREATE (:Resource {iri: 'urn:x:loop'}))",
    ],
)
def test_writes_are_refused(
    api: TestClient, token: dict[str, str], driver: Driver, database: str, query: str
) -> None:
    before = count_all(driver, database)
    status, body = post(api, token, query)
    assert (status, body["error"]) == (403, "not-read-only"), body
    assert count_all(driver, database) == before


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("CALL db.labels()", "procedure"),
        ("MATCH (n) WITH n LIMIT 1 CALL db.labels() YIELD label RETURN label", "procedure"),
        ("CALL dbms.components()", ""),
        ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row", "LOAD CSV"),
        ("LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("SHOW PROCEDURES", "SHOW"),
    ],
)
def test_procedures_load_csv_and_show_are_refused(
    api: TestClient, token: dict[str, str], query: str, says: str
) -> None:
    status, body = post(api, token, query)
    assert (status, body["error"]) == (403, "not-read-only"), body
    assert says in body["message"]


def test_a_slow_query_is_stopped_by_the_timeout(api: TestClient, token: dict[str, str]) -> None:
    began = time.monotonic()
    status, body = post(
        api, token, "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x)"
    )
    assert (status, body["error"]) == (408, "query-timeout"), body
    assert time.monotonic() - began < 15


def test_bad_queries_are_400(api: TestClient, token: dict[str, str]) -> None:
    status, body = post(api, token, "MATCH (n RETURN n")
    assert (status, body["error"]) == (400, "bad-query")
    status, body = post(api, token, "MATCH (n) RETURN n LIMIT $n", n="many")
    assert (status, body["error"]) == (400, "bad-query")
    response = api.post("/cypher", json={"parameters": {}}, headers=token)
    assert response.status_code == 422
    response = api.post("/cypher", json={"query": "RETURN 1", "extra": 1}, headers=token)
    assert response.status_code == 422


def test_tokens_and_scopes(api: TestClient, settings: Settings) -> None:
    body = {"query": "RETURN 1 AS one"}
    response = api.post("/cypher", json=body)
    assert (response.status_code, response.json()["error"]) == (401, "unauthenticated")
    response = api.post("/cypher", json=body, headers={"Authorization": "Bearer kg_wrong"})
    assert response.status_code == 401
    writer = create_token(tokens_path(settings.data_dir), "importer", ["write"])
    response = api.post("/cypher", json=body, headers={"Authorization": f"Bearer {writer}"})
    assert (response.status_code, response.json()["error"]) == (403, "forbidden")
