"""Real linked-data clients against the app under uvicorn over real HTTP: SPARQLWrapper asks
/sparql (SELECT, ASK, CONSTRUCT; GET, form POST and direct POST), PyLD expands and compacts a
resource's JSON-LD with a document loader that refuses every fetch (the served JSON-LD needs no
remote context), and rdflib parses each resource and dump in every RDF syntax the app offers."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from pyld import jsonld  # type: ignore[import-untyped]
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import (
    JSON,
    POST,
    POSTDIRECTLY,
    TURTLE,
    URLENCODED,
    SPARQLWrapper,
)

from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.rdf_formats import RDF_SYNTAXES
from tests.browser.test_chromium import server  # noqa: F401 (the module's fixture)
from tests.ld_helpers import ID

KG = "https://w3id.org/kennisgraaf/def#"
Q01 = ID + "question/q01"
QUESTIONS = f"SELECT ?q WHERE {{ ?q a <{KG}KnowledgeQuestion> }}"


def get(url: str, accept: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        body: bytes = response.read()
        return body


def wrapper(server: str, method: str, request_method: str = URLENCODED) -> SPARQLWrapper:  # noqa: F811
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(method)
    client.setRequestMethod(request_method)
    return client


def as_json(client: SPARQLWrapper) -> dict[str, Any]:
    result = client.queryAndConvert()
    assert isinstance(result, dict), result
    return result


@pytest.mark.parametrize(
    ("method", "request_method"),
    [("GET", URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)],
)
def test_sparqlwrapper_select_and_ask(
    server: str,  # noqa: F811
    ld_graph: Graph,
    method: str,
    request_method: str,
) -> None:
    client = wrapper(server, method, request_method)
    client.setQuery(QUESTIONS)
    client.setReturnFormat(JSON)
    rows = as_json(client)["results"]["bindings"]
    served = {row["q"]["value"] for row in rows}
    loaded = {str(q) for q in ld_graph.subjects(RDF.type, URIRef(KG + "KnowledgeQuestion"))}
    assert served == loaded
    assert len(served) > 10

    for iri, expected in ((Q01, True), (ID + "question/q-none", False)):
        client.setQuery(f"ASK {{ <{iri}> a <{KG}KnowledgeQuestion> }}")
        client.setReturnFormat(JSON)
        assert as_json(client)["boolean"] is expected


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_construct_turtle(
    server: str,  # noqa: F811
    method: str,
) -> None:
    client = wrapper(server, method)
    client.setQuery(f"CONSTRUCT {{ <{Q01}> ?p ?o }} WHERE {{ <{Q01}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    body = client.queryAndConvert()
    assert isinstance(body, bytes), body
    constructed = Graph().parse(data=body, format="turtle")
    served = Graph().parse(data=get(server + "/id/question/q01", "text/turtle"), format="turtle")
    # Every statement the resource's page gives about q01 itself, the query finds too (but the
    # page's own link to its document, which is about the page, not in the graph).
    page_link = URIRef("http://xmlns.com/foaf/0.1/isPrimaryTopicOf")
    about = {(s, p, o) for s, p, o in served if s == URIRef(Q01) and p != page_link}
    assert about
    assert about <= set(constructed)


def refuse(url: str, options: dict[str, Any] | None = None) -> Any:
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def test_pyld_expands_and_compacts_with_no_remote_context(server: str) -> None:  # noqa: F811
    document = json.loads(get(server + "/id/question/q01", "application/ld+json"))
    options = {"documentLoader": refuse}
    expanded = jsonld.expand(document, options)
    ids = {node.get("@id") for node in expanded}
    assert Q01 in ids
    # What PyLD reads equals what rdflib reads of the Turtle of the same resource.
    nquads = jsonld.to_rdf(expanded, {**options, "format": "application/n-quads"})
    from_pyld = Graph().parse(data=nquads, format="nquads")
    from_turtle = Graph().parse(
        data=get(server + "/id/question/q01", "text/turtle"), format="turtle"
    )
    assert len(from_pyld) == len(from_turtle) > 5
    assert isomorphic(from_pyld, from_turtle)

    compacted = jsonld.compact(document, {"kg": KG}, options)
    node = next(n for n in compacted.get("@graph", [compacted]) if n.get("@id") == Q01)
    assert any(key.startswith("kg:") for key in node)


@pytest.mark.parametrize("syntax", RDF_SYNTAXES, ids=lambda s: s.name)
def test_rdflib_parses_a_resource_in_each_syntax(
    server: str,  # noqa: F811
    syntax: Any,
) -> None:
    body = get(server + "/id/question/q01", syntax.media_type)
    reference = Graph().parse(data=get(server + "/id/question/q01.ttl", "*/*"), format="turtle")
    parsed = Dataset()
    parsed.parse(data=body, format=syntax.media_type)
    triples = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        triples.add((s, p, o))
    assert len(triples) == len(reference) > 5
    assert isomorphic(triples, reference)


def test_rdflib_parses_every_dump_alike(server: str) -> None:  # noqa: F811
    sizes = {}
    for suffix, dump in sorted(DUMPS.items()):
        parsed = Dataset()
        media_type = dump.media_type.split(";")[0]
        parsed.parse(data=get(f"{server}/dumps/kennisgraaf.{suffix}", "*/*"), format=media_type)
        triples = {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))}
        sizes[media_type] = len(triples)
    assert len(sizes) == len(DUMPS) >= 6
    assert len(set(sizes.values())) == 1, sizes
    assert next(iter(sizes.values())) > 500
