"""POST /cypher: read-only Cypher behind a `query` token, with a timeout and a row cap.

The text gate (allow-list, caps) answers 400 before Neo4j sees the query; Neo4j's plan is the
second gate (403); a database that fails is a 503/504, never a 500."""

from __future__ import annotations

import contextlib
import inspect
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import Neo4jError

from kennisgraaf.api.app import create_app
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.api.cypher_text import TextLimits, check_text
from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.readonly_cypher import check_read_only
from kennisgraaf.api.routers.cypher import cypher as cypher_route
from kennisgraaf.queries.registry import all_queries
from kennisgraaf.settings import Settings
from tests.conftest import count_all

ROWS = 5


@pytest.fixture
def settings(neo4j_settings: Settings, tmp_path: Path) -> Settings:
    # The app reads its tokens from its own data directory (app.state.settings), no global.
    return neo4j_settings.model_copy(
        # 3 s: a cold first run on a busy test machine can take over a second
        update={"data_dir": tmp_path / "data", "cypher_timeout_s": 3.0, "cypher_max_rows": ROWS}
    )


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
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    ],
)
def test_writes_are_refused(
    api: TestClient, token: dict[str, str], driver: Driver, database: str, query: str
) -> None:
    before = count_all(driver, database)
    status, body = post(api, token, query)
    assert (status, body["error"]) == (400, "query-not-allowed"), body
    assert "writes to the graph" in body["message"] or "FOREACH" in body["message"]
    assert count_all(driver, database) == before


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("CALL dbms.components()", "procedure dbms.components"),
        ("MATCH (n) WITH n LIMIT 1 CALL db.stats.collect('QUERIES') RETURN 1", "db.stats.collect"),
        ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row", "LOAD CSV"),
        ("LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("SHOW PROCEDURES", "SHOW is an administration command"),
        ("RETURN apoc.version()", "function apoc.version"),
    ],
)
def test_procedures_load_csv_and_show_are_refused(
    api: TestClient, token: dict[str, str], query: str, says: str
) -> None:
    status, body = post(api, token, query)
    assert (status, body["error"]) == (400, "query-not-allowed"), body
    assert says in body["message"]


def test_listed_read_only_procedures_run(api: TestClient, token: dict[str, str]) -> None:
    status, body = post(
        api, token, "CALL db.labels() YIELD label WHERE label IN $mine RETURN label ORDER BY label",
        mine=["Person", "Resource", "Absent"],
    )  # fmt: skip
    assert status == 200, body
    assert body["rows"] == [{"label": "Person"}, {"label": "Resource"}]
    status, body = post(
        api, token, "MATCH (n:Person) WITH n LIMIT 1 CALL db.relationshipTypes() YIELD "
        "relationshipType RETURN relationshipType",
    )  # fmt: skip
    assert status == 200 and {"relationshipType": "knows"} in body["rows"], body


@pytest.mark.parametrize(
    "query",
    [
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW TRANSACTIONS",
        "SHOW USERS",
        "USE system SHOW DATABASES",
        "USE system MATCH (n) RETURN n",
        "RETURN " + "(" * 3000 + "1" + ")" * 3000,
        "RETURN 1" + "+1" * 49_500,
        "EXPLAIN MATCH (n) RETURN n",
        "CYPHER runtime=slotted MATCH (n) RETURN n",
    ],
    ids=lambda q: q[:30],
)
def test_commands_and_parser_bombs_are_400_within_a_second(
    api: TestClient, token: dict[str, str], query: str
) -> None:
    post(api, token, "SHOW USERS")  # warm-up: the app's first request sets up its thread pool
    began, cpu = time.monotonic(), time.process_time()
    status, body = post(api, token, query)
    elapsed, cpu = time.monotonic() - began, time.process_time() - cpu
    assert status == 400, body
    assert set(body) == {"status", "error", "message"} and body["status"] == 400
    assert body["error"] in {"query-not-allowed", "query-too-complex", "query-too-large"}
    assert "line 1, column" in body["message"] or "characters long" in body["message"]
    # Answered by the text gate, not after a round trip to Neo4j (on cb0739d: 200, 403, or a
    # hang until the Bolt timeout). The server's own work is well under a second; the wall
    # clock of a test machine shared by many processes gets some slack.
    assert cpu < 0.5, cpu
    assert elapsed < 2.0, elapsed


def test_a_query_token_cannot_terminate_another_transaction(
    api: TestClient, token: dict[str, str], driver: Driver, database: str
) -> None:
    """A load's open transaction survives TERMINATE TRANSACTIONS sent through /cypher."""
    with driver.session(database=database) as session:
        tx = session.begin_transaction()
        tx.run("CREATE (:Resource {iri: 'urn:x:held'})").consume()
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status "
            "WHERE status = 'Running' AND NOT currentQuery STARTS WITH 'SHOW' "
            "RETURN transactionId",
            database_=database,
        )
        ids = [r["transactionId"] for r in records]
        assert ids
        for tx_id in ids:
            status, body = post(api, token, "TERMINATE TRANSACTIONS $id", id=tx_id)
            assert (status, body["error"]) == (400, "query-not-allowed"), body
            assert "TERMINATE" in body["message"]
        tx.commit()
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource {iri: 'urn:x:held'}) RETURN count(n) AS n", database_=database
    )
    assert records[0]["n"] == 1


def test_unicode_escapes_cannot_smuggle_code_past_the_text_gate(
    api: TestClient, token: dict[str, str], driver: Driver, database: str
) -> None:
    """Neo4j decodes \\uXXXX before it reads the text: what looks like a string to a reader
    of the text is code to Neo4j. Such texts are refused."""
    smuggled = "RETURN 'x\\u0027 AS s, 2 AS two //'"
    records, _, _ = driver.execute_query(smuggled, database_=database)
    assert records[0].data() == {"s": "x", "two": 2}  # the string ended at \\u0027
    status, body = post(api, token, smuggled)
    assert (status, body["error"]) == (400, "query-not-allowed"), body
    assert "\\u escapes" in body["message"] and "column 10" in body["message"]


def test_the_plan_gate_still_refuses_what_the_text_gate_would_pass(
    driver: Driver, database: str
) -> None:
    """Defence in depth: the EXPLAIN check alone refuses writes and unlisted procedures."""
    for query, says in [
        ("CREATE (n:Resource {iri: 'urn:x:new'})", "read-only"),
        ("CALL db.info()", "procedure db.info"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("CALL dbms.components()", "read-only"),
    ]:
        with pytest.raises(ApiError) as caught:
            check_read_only(driver, database, query, {}, 5.0)
        assert (caught.value.status, caught.value.kind) == (403, "not-read-only")
        assert says in str(caught.value)
    check_read_only(driver, database, "CALL db.labels()", {}, 5.0)


def test_every_named_read_query_passes_both_gates(
    driver: Driver, database: str, settings: Settings
) -> None:
    """The project's own read queries (those Neo4j plans as reads) are not refused: the
    allow-list and the default caps are wide enough for real research queries; and what the
    text gate lets through Neo4j plans as a read."""
    s = settings
    limits = TextLimits(s.cypher_max_length, s.cypher_max_tokens, s.cypher_max_depth)
    reads = 0
    for query in all_queries().values():
        if query.language != "cypher" or len(query.statements()) != 1:
            continue
        with driver.session(database=database) as session:
            try:
                summary = session.run("EXPLAIN " + query.text).consume()
            except Neo4jError:
                continue  # schema and multi-part commands Neo4j plans differently
        procedures = {
            str((op.get("args") or {}).get("Details", "")).split("(", 1)[0]
            for op in _steps(summary.plan or {})
            if str(op.get("operatorType", "")).startswith("ProcedureCall")
        }
        # db.awaitIndexes plans as a read but is the loader's administration: refused by /cypher.
        admin = any(p.startswith(("dbms", "db.awaitIndex")) for p in procedures)
        is_read = summary.query_type == "r" and not admin
        try:
            check_text(query.text, limits)
            passes = True
        except ApiError:
            passes = False
        assert passes == is_read, (query.name, summary.query_type, procedures)
        if is_read:
            check_read_only(driver, database, query.text, {}, 10.0)
            reads += 1
    assert reads >= 40


def _steps(plan: dict[str, Any]) -> list[dict[str, Any]]:
    found = [plan]
    for child in plan.get("children", []):
        found += _steps(child)
    return found


def _app_on(uri: str, settings: Settings) -> TestClient:
    bad = GraphDatabase.driver(
        uri, auth=None, connection_timeout=0.5, connection_acquisition_timeout=1.0
    )
    return TestClient(create_app(settings, driver=bad))


def test_an_unreachable_database_is_503(settings: Settings, token: dict[str, str]) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, not listening: connections are refused
        with _app_on(f"bolt://127.0.0.1:{port}", settings) as api:
            status, body = post(api, token, "MATCH (n) RETURN n")
    assert (status, body["error"]) == (503, "database-unavailable"), body
    assert set(body) == {"status", "error", "message"}


def test_a_database_that_does_not_answer_is_504(settings: Settings, token: dict[str, str]) -> None:
    accepted: list[socket.socket] = []
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]

        def hold() -> None:  # accept and never answer, as a stalled server does
            with contextlib.suppress(OSError):
                while True:
                    accepted.append(silent.accept()[0])

        threading.Thread(target=hold, daemon=True).start()
        with _app_on(f"bolt://127.0.0.1:{port}", settings) as api:
            began = time.monotonic()
            status, body = post(api, token, "MATCH (n) RETURN n")
            elapsed = time.monotonic() - began
    for conn in accepted:
        conn.close()
    assert (status, body["error"]) == (504, "database-timeout"), body
    assert elapsed < 10


def test_the_route_does_not_block_the_event_loop() -> None:
    """The driver blocks: a plain `def` route runs in the thread pool, not on the event loop."""
    assert not inspect.iscoroutinefunction(cypher_route)


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


def test_what_an_interrupted_import_held_back_is_kept_from_a_query_token(
    api: TestClient, token: dict[str, str], driver: Driver, settings: Settings
) -> None:
    """An interrupted import keeps the statements it held back (restricted values among them)
    on its Import node until it is resumed: a token without the restricted scope can neither
    name that key nor see it on a returned node; one with the scope can."""
    held = '[["urn:x:p1", "https://schema.org/email", "hanna@example.org"]]'
    driver.execute_query(
        "CREATE (:Import {id: 'import-x', source: 's', status: 'interrupted', held: $held})",
        held=held,
    )
    status, body = post(api, token, "MATCH (i:Import {id: 'import-x'}) RETURN i.held AS held")
    assert status == 403 and "'held'" in body["message"], body
    status, body = post(api, token, "MATCH (i:Import {id: 'import-x'}) RETURN i")
    assert status == 200, body
    assert body["rows"][0]["i"]["properties"] == {
        "id": "import-x", "source": "s", "status": "interrupted"
    }  # fmt: skip
    assert "hanna@example.org" not in str(body)
    steward = create_token(tokens_path(settings.data_dir), "steward", ["query", "restricted"])
    headers = {"Authorization": f"Bearer {steward}"}
    status, body = post(api, headers, "MATCH (i:Import {id: 'import-x'}) RETURN i.held AS held")
    assert status == 200 and body["rows"] == [{"held": held}], body
