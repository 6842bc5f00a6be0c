"""The SPARQL 1.1 Protocol endpoint over the sample graph: exact answers worked out from
sample.ttl, every result format, content negotiation, the result cap and every refusal; the
query processes' memory limit, the refusal of deep queries, a killed process and a busy pool."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from tests.integration.test_no_network import Listener

ID = "https://w3id.org/kennisgraaf/id/"
KG = "https://w3id.org/kennisgraaf/def#"
DATASET = ID + "dataset/sample"
CAP = 100
PREFIXES = (
    f"PREFIX kg: <{KG}>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
)
UNIVERSITIES = PREFIXES + (
    "SELECT ?org ?name ?ror WHERE { ?org a kg:University ; foaf:name ?name ; kg:ror ?ror } "
    "ORDER BY ?name"
)
# From sample.ttl: the six universities, by name.
UNIVERSITY_ROWS = [
    ("012p63287", "Rijksuniversiteit Groningen"),
    ("02jz4aj89", "Maastricht University"),
    ("016xsfp80", "Radboud Universiteit"),
    ("04pp8hn57", "Universiteit Utrecht"),
    ("027bh9e22", "Universiteit Leiden"),
    ("04dkp9463", "Universiteit van Amsterdam"),
]
TITLES = (
    PREFIXES
    + f"SELECT ?title ?issued WHERE {{ <{DATASET}> dcterms:title ?title ; "
    + ("dcterms:issued ?issued } ORDER BY ?title")
)
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
REGIONS = PREFIXES + ("CONSTRUCT { ?u kg:region ?r } WHERE { ?u a kg:University ; kg:region ?r }")
REGION_OF = {
    "04pp8hn57": "Utrecht",
    "04dkp9463": "Amsterdam",
    "016xsfp80": "Nijmegen",
    "027bh9e22": "Leiden",
    "012p63287": "Groningen",
    "02jz4aj89": "Maastricht",
}


@pytest.fixture(scope="module")
def sparql(
    sample_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("sparql")
    settings = neo4j_settings.model_copy(
        update={"data_dir": tmp / "data", "sparql_max_results": CAP, "sparql_timeout_s": 10.0}
    )
    with TestClient(create_app(settings, driver=sample_graph[0])) as client:
        yield client


def get(client: TestClient, query: str, accept: str | None = None, **params: str):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", params={"query": query, **params}, headers=headers)


def bindings(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    body = response.json()
    return [{k: v["value"] for k, v in b.items()} for b in body["results"]["bindings"]]


def test_select_by_get_answers_exact_rows_as_json(sparql: TestClient) -> None:
    response = get(sparql, UNIVERSITIES)
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["vary"].removesuffix(", Accept-Encoding") == "Accept"
    assert response.headers["kennisgraaf-results-truncated"] == "false"
    assert response.headers["kennisgraaf-results-limit"] == str(CAP)
    assert response.json()["head"] == {"vars": ["org", "name", "ror"]}
    assert bindings(response) == [
        {"org": f"{ID}organisation/ror/{ror}", "name": name, "ror": ror}
        for ror, name in sorted(UNIVERSITY_ROWS, key=lambda r: r[1])
    ]


def test_the_shipped_boundary_crosser_query_finds_the_six(sparql: TestClient) -> None:
    response = get(sparql, get_query("networks.boundary_crossers_sparql").text)
    assert bindings(response) == [
        {"person": ID + "person/" + key, "name": name}
        for key, name in [
            ("ayse-demir", "Ayşe Demir"),
            ("eva-jansen", "Eva Jansen"),
            ("lotte-visser", "Lotte Visser"),
            ("mohamed-el-idrissi", "Mohamed El Idrissi"),
            ("pieter-bakker", "Pieter Bakker"),
            ("sanne-de-vries", "Sanne de Vries"),
        ]
    ]


def test_post_body_and_post_form_answer_like_get(sparql: TestClient) -> None:
    count = PREFIXES + "SELECT (COUNT(?q) AS ?n) WHERE { ?q a kg:KnowledgeQuestion }"
    direct = sparql.post(
        "/sparql", content=count.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    form = sparql.post("/sparql", data={"query": count})
    expected = {"n": {"type": "literal", "value": "49",
                      "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}  # fmt: skip
    for response in (direct, form, get(sparql, count)):
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == [expected]


def test_ask(sparql: TestClient) -> None:
    yes = PREFIXES + f'ASK {{ <{ID}person/yara-koster> foaf:name "Yara Koster" }}'
    no = PREFIXES + f"ASK {{ <{ID}person/yara-koster> a kg:BoundaryCrosser }}"
    assert get(sparql, yes).json() == {"head": {}, "boolean": True}
    assert get(sparql, no).json() == {"head": {}, "boolean": False}
    xml = get(sparql, yes, "application/sparql-results+xml")
    assert "<boolean>true</boolean>" in xml.text


def test_select_in_every_results_format(sparql: TestClient) -> None:
    json_body = get(sparql, TITLES).json()
    assert json_body["results"]["bindings"] == [
        {"title": {"type": "literal", "value": "kennisgraaf sample", "xml:lang": "en"},
         "issued": {"type": "literal", "value": "2025-06-01", "datatype": XSD_DATE}},
        {"title": {"type": "literal", "value": "kennisgraaf-voorbeelddata", "xml:lang": "nl"},
         "issued": {"type": "literal", "value": "2025-06-01", "datatype": XSD_DATE}},
    ]  # fmt: skip
    csv = get(sparql, TITLES, "text/csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content == (
        b"title,issued\r\nkennisgraaf sample,2025-06-01\r\nkennisgraaf-voorbeelddata,2025-06-01\r\n"
    )
    tsv = get(sparql, TITLES, "text/tab-separated-values")
    assert tsv.text == (
        f'?title\t?issued\n"kennisgraaf sample"@en\t"2025-06-01"^^<{XSD_DATE}>\n'
        f'"kennisgraaf-voorbeelddata"@nl\t"2025-06-01"^^<{XSD_DATE}>\n'
    )
    xml = get(sparql, TITLES, "application/sparql-results+xml")
    assert xml.headers["content-type"] == "application/sparql-results+xml"
    # Every format reads back, with pyoxigraph's own parsers, to the same solutions.
    for response, fmt in ((xml, ox.QueryResultsFormat.XML), (tsv, ox.QueryResultsFormat.TSV)):
        parsed = ox.parse_query_results(io.BytesIO(response.content), fmt)
        assert isinstance(parsed, ox.QuerySolutions)
        rows = [(str(s["title"]), str(s["issued"])) for s in parsed]
        assert rows == [
            ('"kennisgraaf sample"@en', f'"2025-06-01"^^<{XSD_DATE}>'),
            ('"kennisgraaf-voorbeelddata"@nl', f'"2025-06-01"^^<{XSD_DATE}>'),
        ]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("text/*", "text/csv; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0.1, text/tab-separated-values",
         "text/tab-separated-values; charset=utf-8"),
        ("text/turtle, */*;q=0.2", "application/sparql-results+json"),
        ("application/sparql-results+xml;q=0, */*;q=0.5", "application/sparql-results+json"),
        # No valid media range: disregarded, the same rule as /id (tests/unit/test_accept.py).
        ("garbage", "application/sparql-results+json"),
    ],
)  # fmt: skip
def test_select_negotiation_honours_q_values(
    sparql: TestClient, accept: str | None, media_type: str
) -> None:
    response = get(sparql, UNIVERSITIES, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type


def region_triples(data: bytes, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {
        (t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(data, format=fmt)
    }


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        (None, "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/n-quads", "application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", "application/trig", ox.RdfFormat.TRIG),
        ("application/rdf+xml;q=0.4, application/ld+json;q=0.8", "application/ld+json",
         ox.RdfFormat.JSON_LD),
    ],
)  # fmt: skip
def test_construct_in_every_rdf_format(
    sparql: TestClient, accept: str | None, media_type: str, fmt: ox.RdfFormat
) -> None:
    response = get(sparql, REGIONS, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert region_triples(response.content, fmt) == {
        (f"{ID}organisation/ror/{ror}", KG + "region", region) for ror, region in REGION_OF.items()
    }


def test_describe_a_person(sparql: TestClient) -> None:
    response = get(sparql, f"DESCRIBE <{ID}person/sanne-de-vries>", "application/n-triples")
    assert sorted(response.text.splitlines()) == sorted([
        f'<{ID}person/sanne-de-vries> <http://xmlns.com/foaf/0.1/name> "Sanne de Vries" .',
        f"<{ID}person/sanne-de-vries> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<{KG}Person> .",
        f'<{ID}person/sanne-de-vries> <{KG}consentToBeNamed> '
        '"true"^^<http://www.w3.org/2001/XMLSchema#boolean> .',
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("query", "accept", "needs"),
    [
        (UNIVERSITIES, "text/turtle", "SELECT results"),
        (REGIONS, "text/csv", "a graph"),
        (UNIVERSITIES, "image/png", "this"),
    ],
)
def test_406_when_nothing_acceptable(
    sparql: TestClient, query: str, accept: str, needs: str
) -> None:
    response = get(sparql, query, accept)
    assert response.status_code == 406
    body = response.json()
    assert body["error"] == "not-acceptable" and needs in body["message"]
    assert response.headers["vary"].removesuffix(", Accept-Encoding") == "Accept"
    assert body["available"] == OFFERED[needs]


OFFERED = {
    "SELECT results": [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
    "a graph": [
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/rdf+xml",
        "application/n-quads",
        "application/trig",
    ],
}
OFFERED["this"] = OFFERED["SELECT results"] + OFFERED["a graph"]


def test_results_beyond_the_cap_are_cut_and_say_so(sparql: TestClient) -> None:
    response = get(sparql, "SELECT * WHERE { ?s ?p ?o }")
    assert len(response.json()["results"]["bindings"]) == CAP
    assert response.headers["kennisgraaf-results-truncated"] == "true"
    graph = get(sparql, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(graph.text.splitlines()) == CAP
    assert graph.headers["kennisgraaf-results-truncated"] == "true"


def test_syntax_error_names_the_position(sparql: TestClient) -> None:
    response = get(
        sparql, "PREFIX kg: <https://w3id.org/kennisgraaf/def#>\nSELECT * WHERE { ?s ?p ?o"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "syntax-error"
    assert body["message"].startswith("the query is not valid SPARQL 1.1: error at 2:26: expected")


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }",
        "PREFIX ex: <http://example.org/>\n# drop it all\nDELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_as_a_query(sparql: TestClient, query: str) -> None:
    for response in (
        get(sparql, query),
        sparql.post("/sparql", data={"query": query}),
        sparql.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400
        assert response.json()["error"] == "update-refused"
    assert bindings(
        get(sparql, PREFIXES + "SELECT (COUNT(*) AS ?n) { ?q a kg:KnowledgeQuestion }")
    ) == [{"n": "49"}]


def test_update_operations_of_the_protocol_are_refused(sparql: TestClient) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }"
    for response in (
        sparql.get("/sparql", params={"update": update}),
        sparql.post("/sparql", data={"update": update}),
        sparql.post("/sparql", content=update,
                    headers={"Content-Type": "application/sparql-update"}),
    ):  # fmt: skip
        assert response.status_code == 400
        assert response.json()["error"] == "update-refused"


@pytest.fixture
def listener() -> Iterator[Listener]:
    probe = Listener()
    yield probe
    probe.close()


def test_service_is_refused_and_nothing_is_fetched(sparql: TestClient, listener: Listener) -> None:
    for query in (
        f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .\n  service silent <{listener.url}/s> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE ?where {{ ?s ?p ?o }} }} VALUES ?where "
        f"{{ <{listener.url}/x> }} }}",
    ):
        response = get(sparql, query)
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "service-refused" and "line" in body["message"]
    assert listener.connections == 0


def test_service_in_strings_iris_and_comments_is_no_keyword(sparql: TestClient) -> None:
    query = (
        "# SERVICE <http://example.org/> {}\n"
        'SELECT ?x WHERE { BIND("SERVICE <x> {}" AS ?x) '
        "FILTER(?x != <http://example.org/SERVICE>) }"
    )
    assert bindings(get(sparql, query)) == [{"x": "SERVICE <x> {}"}]


def test_remote_graph_iris_never_fetch(sparql: TestClient, listener: Listener) -> None:
    remote = f"{listener.url}/graph.ttl"
    count = "SELECT (COUNT(*) AS ?n) {remote} WHERE {{ ?s ?p ?o }}"
    for query, params in (
        (count.format(remote=f"FROM <{remote}>"), {}),
        (count.format(remote=f"FROM NAMED <{remote}>"), {}),
        (count.format(remote=""), {"default-graph-uri": remote}),
        (count.format(remote=""), {"named-graph-uri": remote}),
    ):
        response = get(sparql, query, **params)
        assert bindings(response) == [{"n": "0"}], (query, params)
    assert listener.connections == 0


def test_bad_requests_get_clear_4xx(sparql: TestClient) -> None:
    cases = [
        (sparql.get("/sparql"), 400, "missing-query"),
        (sparql.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "invalid-parameters"),
        (sparql.get("/sparql", params={"query": "  "}), 400, "missing-query"),
        (sparql.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}),
         415, "unsupported-media-type"),
        (sparql.post("/sparql", content=b"ASK {}"), 415, "unsupported-media-type"),
        (sparql.post("/sparql", content=b"ASK { \xff }",
                     headers={"Content-Type": "application/sparql-query"}), 400, "bad-input"),
        (sparql.post("/sparql", content=b"query=%ff", headers={
            "Content-Type": "application/x-www-form-urlencoded"}), 400, "bad-input"),
        (sparql.post("/sparql", data={"default-graph-uri": "x"}), 400, "missing-query"),
        (get(sparql, "SELECT * {}", **{"default-graph-uri": "not an iri"}), 400, "query-failed"),
        (get(sparql, 'SELECT * { FILTER(REGEX("a", "(")) }'), 200, None),
    ]  # fmt: skip
    for response, status, error in cases:
        assert response.status_code == status, response.text
        if error:
            assert response.json()["error"] == error


def test_query_text_is_percent_decoded_once(sparql: TestClient) -> None:
    query = 'SELECT ?x WHERE { BIND("a%20b & c=d" AS ?x) }'
    response = sparql.get("/sparql?query=" + quote(query, safe=""))
    assert bindings(response) == [{"x": "a%20b & c=d"}]


def test_openapi_documents_the_endpoint(sparql: TestClient) -> None:
    spec = sparql.get("/openapi.json").json()
    post = spec["paths"]["/sparql"]["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/sparql-query",
        "application/x-www-form-urlencoded",
    }
    assert "406" in spec["paths"]["/sparql"]["get"]["responses"]
    assert json.dumps(spec)  # serialisable as a whole


# A GROUP_CONCAT over a cartesian product: each row of the 3-way product of all statements adds
# the whole graph's text (~100 KB) to one string — gigabytes within the time limit.
CARTESIAN_CONCAT = (
    "SELECT (GROUP_CONCAT(?big) AS ?x) WHERE { { SELECT (GROUP_CONCAT(STR(?o)) AS ?big) "
    "WHERE { ?s ?p ?o } } ?a ?b ?c . ?d ?e ?f }"
)
# Unconnected patterns over the whole graph: far more rows than fit any time limit.
ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_QUESTIONS = PREFIXES + "SELECT (COUNT(*) AS ?n) { ?q a kg:KnowledgeQuestion }"


def until_in_flight(pool: Any, n: int) -> None:
    deadline = time.monotonic() + 30.0
    while pool.in_flight < n:
        assert time.monotonic() < deadline, f"{pool.in_flight} requests in flight, not {n}"
        time.sleep(0.01)


def peak_kib(pids: list[int]) -> int:
    """The highest resident memory (VmHWM) among live processes `pids`, in KiB."""
    peak = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak


def test_an_aggregate_over_a_cartesian_product_stops_at_the_memory_limit(
    sparql: TestClient,
) -> None:
    assert bindings(get(sparql, COUNT_QUESTIONS)) == [{"n": "49"}]
    service = sparql.app.state.sparql  # type: ignore[attr-defined]
    limit_kib = service.settings.sparql_memory_limit_mb * 1024
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, peak_kib(service.pool.pids()))

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        response = get(sparql, CARTESIAN_CONCAT)
    finally:
        done.set()
        sampler.join()
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "query-too-costly"
    assert "sparql_memory_limit_mb" in body["message"]
    assert time.monotonic() - started < service.settings.sparql_timeout_s  # memory, not time
    assert 0 < peak <= limit_kib
    assert bindings(get(sparql, COUNT_QUESTIONS)) == [{"n": "49"}]


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ("SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000, "sparql_max_nesting"),
        ("SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", "sparql_max_nesting"),
        ("SELECT * { FILTER(" + "+".join(["1"] * 20_000) + ") }", "sparql_max_operators"),
        (f"SELECT * {{ ?s {'/'.join([f'<{KG}p>'] * 3000)} ?o }}", "sparql_max_operators"),
        ("SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(3000)) + " }",
         "sparql_max_operators"),
    ],
)  # fmt: skip
def test_deeply_nested_or_chained_queries_are_refused_before_parsing(
    sparql: TestClient, query: str, limit: str
) -> None:
    started = time.monotonic()
    response = sparql.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert time.monotonic() - started < 1.0
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "query-too-complex"
    assert limit in body["message"] and "line 1, column" in body["message"]
    assert bindings(get(sparql, COUNT_QUESTIONS)) == [{"n": "49"}]


def test_a_query_longer_than_the_limit_is_refused_unread(sparql: TestClient) -> None:
    limit = sparql.app.state.settings.sparql_max_query_chars  # type: ignore[attr-defined]
    query = "ASK { " + "#" * limit + "\n}"
    for response in (
        sparql.post("/sparql", content=query.encode(),
                    headers={"Content-Type": "application/sparql-query"}),
        sparql.post("/sparql", data={"query": query}),
    ):  # fmt: skip
        assert response.status_code == 400, response.text
        body = response.json()
        assert body["error"] == "query-too-long" and "sparql_max_query_chars" in body["message"]


def test_a_process_killed_mid_query_fails_that_query_only(sparql: TestClient) -> None:
    assert bindings(get(sparql, COUNT_QUESTIONS)) == [{"n": "49"}]
    pool = sparql.app.state.sparql.pool  # type: ignore[attr-defined]
    before = set(pool.pids())
    killed: list[int] = []

    def cpu_ticks(pid: int) -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def kill_the_busy_one() -> None:
        # The process running the query is the one using the processor.
        until_in_flight(pool, 1)
        time.sleep(0.5)
        first = {pid: cpu_ticks(pid) for pid in before}
        time.sleep(0.5)
        busiest = max(before, key=lambda pid: cpu_ticks(pid) - first[pid])
        os.kill(busiest, signal.SIGKILL)
        killed.append(busiest)

    killer = threading.Thread(target=kill_the_busy_one)
    killer.start()
    response = get(sparql, ENDLESS)
    killer.join()
    assert len(killed) == 1
    assert response.status_code == 503, response.text
    assert response.json()["error"] == "engine-failed"
    assert int(response.headers["retry-after"]) >= 1
    assert killed[0] not in pool.pids()
    assert bindings(get(sparql, COUNT_QUESTIONS)) == [{"n": "49"}]


@pytest.fixture
def small_pool(
    session_driver: Driver, neo4j_settings: Settings, tmp_path: Path, sparql: TestClient
) -> Iterator[TestClient]:
    """One query process, no waiting room, a 2 s time limit (the sample is loaded by `sparql`)."""
    settings = neo4j_settings.model_copy(update={
        "data_dir": tmp_path / "data", "sparql_timeout_s": 2.0, "sparql_pool_size": 1,
        "sparql_queue_size": 0})  # fmt: skip
    with TestClient(create_app(settings, driver=session_driver)) as client:
        yield client


def test_a_busy_pool_answers_503_with_retry_after_at_once_and_the_loop_stays_free(
    small_pool: TestClient,
) -> None:
    assert bindings(get(small_pool, COUNT_QUESTIONS)) == [{"n": "49"}]
    slow: list[int] = []
    runner = threading.Thread(target=lambda: slow.append(get(small_pool, ENDLESS).status_code))
    runner.start()
    until_in_flight(small_pool.app.state.sparql.pool, 1)  # type: ignore[attr-defined]
    time.sleep(0.2)  # and past the store's lease, running
    refused = get(small_pool, COUNT_QUESTIONS)
    health = small_pool.get("/health")
    # Neither the refusal nor another route waited for the slow query: it is still running.
    slow_still_running = runner.is_alive()
    runner.join()
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"] == "busy"
    assert int(refused.headers["retry-after"]) >= 1
    assert health.status_code == 200
    assert slow_still_running
    assert slow == [503]  # the slow query itself ran into its time limit
    assert bindings(get(small_pool, COUNT_QUESTIONS)) == [{"n": "49"}]
