"""Dereferencing, the model's namespace, dumps and the VoID/DCAT description, over the sample
graph in a real Neo4j; expected statements come straight from the shipped Turtle files."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from neo4j import Driver
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VOID
from rdflib.term import BNode, Node

from kennisgraaf.api import dumps
from kennisgraaf.api.app import create_app
from kennisgraaf.ontology.files import ontology_graph, vocabularies_graph
from kennisgraaf.settings import Settings
from tests.ld_helpers import ID, OTHER_BASE, app_settings, public_part
from tests.pipeline_helpers import load

Q01 = ID + "question/q01"
S01 = ID + "study/doi/10.5555/kg-sample.s01"
KG = "https://w3id.org/kennisgraaf/def#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DECIMAL, XSD_DATETIME = (
    URIRef(XSD_NS + t) for t in ("integer", "decimal", "dateTime")
)
RDF_FORMATS = {
    "text/turtle; charset=utf-8": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


@pytest.fixture(scope="module")
def ld(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = app_settings(neo4j_settings, tmp_path_factory.mktemp("app"))
    with TestClient(create_app(settings, driver=session_driver)) as client:
        yield client


def vary(response: Response) -> set[str]:
    """The request headers the answer varies with, besides the content coding (gzip)."""
    named = {v.strip() for v in response.headers.get("vary", "").split(",") if v.strip()}
    return named - {"Accept-Encoding"}


def parsed(response_text: str, content_type: str) -> Graph:
    fmt = RDF_FORMATS[content_type]
    if fmt in ("nquads", "trig"):  # every graph's statements together
        union = Graph()
        for s, p, o, _ in Dataset().parse(data=response_text, format=fmt).quads():
            union.add((s, p, o))
        return union
    return Graph().parse(data=response_text, format=fmt)


def around(graph: Graph, iri: str) -> set[tuple[object, object, object]]:
    node = URIRef(iri)
    return {t for t in graph if t[0] == node or t[2] == node}


FOAF_TOPIC_OF = URIRef("http://xmlns.com/foaf/0.1/isPrimaryTopicOf")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def statements_of(served: Graph, iri: str) -> set[tuple[object, object, object]]:
    """What a served description says besides its document's provenance: the statements of
    the document (`{base}doc/…`), of its sources and the resource's `foaf:isPrimaryTopicOf`
    left out."""
    doc = URIRef(iri.replace("/id/", "/doc/", 1))
    about_document = {doc, *served.objects(doc, PROV_DERIVED)}
    return {
        t for t in served
        if t[0] not in about_document and t != (URIRef(iri), FOAF_TOPIC_OF, doc)
    }  # fmt: skip


# --- dereferencing --------------------------------------------------------------------------

NEGOTIATION = [
    (None, "text/turtle; charset=utf-8"),
    ("*/*", "text/turtle; charset=utf-8"),
    ("text/turtle", "text/turtle; charset=utf-8"),
    ("application/ld+json", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/html", "text/html; charset=utf-8"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html; charset=utf-8"),
    ("application/rdf+xml;q=0.5, text/turtle;q=0.4", "application/rdf+xml"),
    ("text/*;q=0.9, application/ld+json", "application/ld+json"),
    ("text/*", "text/turtle; charset=utf-8"),
    ("application/*", "application/ld+json"),
    ("text/html;q=0, */*;q=0.1", "text/turtle; charset=utf-8"),
    # No valid media range: disregarded, the same rule as /sparql (tests/unit/test_accept.py).
    ("garbage", "text/turtle; charset=utf-8"),
    ("application/xml", "application/rdf+xml"),
]


@pytest.mark.parametrize(("accept", "content_type"), NEGOTIATION)
def test_negotiation_matrix(ld: TestClient, accept: str | None, content_type: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = ld.get("/id/question/q01", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert vary(response) == {"Accept", "Accept-Language"}


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/id/question/q01.ttl", "text/turtle; charset=utf-8"),
        ("/id/question/q01.jsonld", "application/ld+json"),
        ("/id/question/q01.nt", "application/n-triples"),
        ("/id/question/q01.rdf", "application/rdf+xml"),
        ("/id/question/q01.html", "text/html; charset=utf-8"),
        ("/id/question/q01?format=jsonld", "application/ld+json"),
        ("/id/question/q01?format=nt", "application/n-triples"),
        ("/id/study/doi/10.5555/kg-sample.s01.rdf", "application/rdf+xml"),
    ],
)
def test_suffix_or_parameter_override_accept(ld: TestClient, path: str, content_type: str) -> None:
    response = ld.get(path, headers={"Accept": "image/png"})
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert "Accept" not in vary(response)


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "text/plain"])
def test_unacceptable_is_406_listing_what_can_be_served(ld: TestClient, accept: str) -> None:
    response = ld.get("/id/question/q01", headers={"Accept": accept})
    assert response.status_code == 406
    assert vary(response) == {"Accept"}
    body = response.json()
    assert body["error"] == "not-acceptable"
    assert body["available"] == [
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/rdf+xml",
        "application/n-quads",
        "application/trig",
        "text/html",
    ]
    assert body["suffixes"] == [".ttl", ".jsonld", ".nt", ".rdf", ".nq", ".trig", ".html"]


def test_unknown_format_parameter_is_406(ld: TestClient) -> None:
    response = ld.get("/id/question/q01?format=csv")
    assert response.status_code == 406 and response.json()["error"] == "not-acceptable"


@pytest.mark.parametrize(
    "path", ["/id/question/q99", "/id/question/q99.ttl", "/id/nothing", "/id/question/q01/x"]
)
def test_unknown_iri_is_404(ld: TestClient, path: str) -> None:
    response = ld.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.json()["error"] == "not-found"


def test_unknown_iri_for_a_browser_is_an_html_404(ld: TestClient) -> None:
    response = ld.get("/id/question/q99", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "https://w3id.org/kennisgraaf/id/question/q99" in response.text


@pytest.mark.parametrize("content_type", list(RDF_FORMATS))
@pytest.mark.parametrize(
    "iri", [Q01, S01, ID + "person/iris-bos", ID + "network/kennistafel-begrijpend-lezen"]
)
def test_description_is_exactly_the_statements_about_and_to_the_resource(
    ld: TestClient, ld_graph: Graph, iri: str, content_type: str
) -> None:
    path = iri.removeprefix("https://w3id.org/kennisgraaf")
    response = ld.get(path, headers={"Accept": content_type.split(";")[0]})
    assert response.headers["content-type"] == content_type
    assert statements_of(parsed(response.text, content_type), iri) == around(ld_graph, iri)


def test_question_description_in_detail(ld: TestClient) -> None:
    graph = parsed(ld.get("/id/question/q01.ttl").text, "text/turtle; charset=utf-8")
    q = URIRef(Q01)
    assert set(graph.objects(q, URIRef(KG + "questionText"))) == {
        Literal(
            "Hoe kunnen we begrijpend lezen in groep 6 tot en met 8 effectiever onderwijzen?",
            lang="nl",
        ),
        Literal(
            "How can we teach reading comprehension in grades 6 to 8 more effectively?", lang="en"
        ),
    }
    # Incoming: the creation that used it is the only statement pointing at q01.
    linking = set(graph.subjects(None, q)) - {URIRef(ID.replace("/id/", "/doc/") + "question/q01")}
    assert linking == {URIRef(ID + "creation/doi/10.5555/kg-sample.s01")}
    assert len(statements_of(graph, Q01)) == 9


def test_typed_literals_keep_their_datatypes(ld: TestClient) -> None:
    graph = parsed(ld.get("/id/study/doi/10.5555/kg-sample.s01.nt").text, "application/n-triples")
    s01 = URIRef(S01)
    assert graph.value(s01, URIRef(KG + "effectSize")) == Literal("0.23", datatype=XSD_DECIMAL)
    assert graph.value(s01, URIRef(KG + "sampleSize")) == Literal("1240", datatype=XSD_INTEGER)


# --- another publisher's base IRI -----------------------------------------------------------


@pytest.fixture(scope="module")
def other_publisher(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = app_settings(neo4j_settings, tmp_path_factory.mktemp("nro"), base_iri=OTHER_BASE)
    with TestClient(create_app(settings, driver=session_driver)) as client:
        yield client


def test_a_base_with_a_path_is_served_under_that_path(
    other_publisher: TestClient, ld_graph: Graph
) -> None:
    iri = OTHER_BASE + "id/person/script-kiddie"
    response = other_publisher.get("/kg/id/person/script-kiddie", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    served = parsed(response.text, "text/turtle; charset=utf-8")
    assert statements_of(served, iri) == around(ld_graph, iri)
    # The w3id data is not this publisher's namespace, nor is the root path.
    assert other_publisher.get("/kg/id/question/q01").status_code == 404
    assert other_publisher.get("/id/person/script-kiddie").status_code == 404
    void = Graph().parse(data=other_publisher.get("/kg/.well-known/void").text, format="turtle")
    dataset = URIRef(OTHER_BASE + "dataset")
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(OTHER_BASE + "sparql")
    assert URIRef(OTHER_BASE + "dumps/kennisgraaf.ttl") in set(void.objects(dataset, VOID.dataDump))
    page = other_publisher.get("/kg/id/person/script-kiddie", headers={"Accept": "text/html"})
    assert 'href="/kg/static/kennisgraaf.css"' in page.text
    assert other_publisher.get("/kg/static/kennisgraaf.css").status_code == 200


# --- the model's namespace --------------------------------------------------------------------


def test_ontology_dereferences_at_its_namespace(ld: TestClient) -> None:
    response = ld.get("/def", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert vary(response) == {"Accept", "Accept-Language"}
    served = Graph().parse(data=response.text, format="turtle")
    assert served.isomorphic(ontology_graph())


def test_ontology_for_browsers_is_its_documentation(ld: TestClient) -> None:
    response = ld.get("/def", headers={"Accept": "text/html"})
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<title>kennisgraaf ontology</title>" in response.text
    dutch = ld.get("/def", headers={"Accept": "text/html", "Accept-Language": "nl, en;q=0.5"})
    assert "Klassen" in dutch.text


def test_vocabularies_document_and_a_version_iri(ld: TestClient) -> None:
    served = Graph().parse(data=ld.get("/def/vocabularies.ttl").text, format="turtle")
    assert served.isomorphic(vocabularies_graph())
    versioned = Graph().parse(data=ld.get("/def/0.1.0.nt").text, format="nt")
    assert versioned.isomorphic(ontology_graph())


def test_scheme_is_served_with_its_concepts(ld: TestClient) -> None:
    served = Graph().parse(data=ld.get("/def/sector.ttl").text, format="turtle")
    vocab = vocabularies_graph()
    scheme = URIRef("https://w3id.org/kennisgraaf/def/sector")
    concepts = set(vocab.subjects(URIRef("http://www.w3.org/2004/02/skos/core#inScheme"), scheme))
    expected = {t for t in vocab if t[0] == scheme or t[0] in concepts}
    assert set(served) == expected and len(concepts) > 3


def test_concept_dereferences_to_its_statements(ld: TestClient) -> None:
    po = URIRef("https://w3id.org/kennisgraaf/def/sector/PO")
    response = ld.get("/def/sector/PO", headers={"Accept": "application/n-triples"})
    assert response.headers["content-type"] == "application/n-triples"
    served = Graph().parse(data=response.text, format="nt")
    assert set(served) == {t for t in vocabularies_graph() if t[0] == po}
    page = ld.get("/def/sector/PO", headers={"Accept": "text/html"})
    assert "<h1>primary education</h1>" in page.text
    assert ld.get("/def/sector/XX", headers={"Accept": "text/turtle"}).status_code == 404


# --- dumps --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "content_type", "rdflib_format"),
    [
        ("ttl", "text/turtle; charset=utf-8", "turtle"),
        ("nt", "application/n-triples", "nt"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("nq", "application/n-quads", "nquads"),
    ],
)
def test_dump_is_the_whole_graph(
    ld: TestClient, ld_graph: Graph, suffix: str, content_type: str, rdflib_format: str
) -> None:
    response = ld.get(f"/dumps/kennisgraaf.{suffix}")
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    if rdflib_format == "nquads":
        quads = ox.parse(response.content, format=ox.RdfFormat.N_QUADS)
        as_nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
        served = set(Graph().parse(data=as_nt, format="nt"))
    else:
        served = set(Graph().parse(data=response.text, format=rdflib_format))
    catalog = ld.get("/catalog", headers={"Accept": "application/n-triples"})
    description = {
        t
        for t in Graph().parse(data=catalog.text, format="nt")
        if not isinstance(t[0], BNode) and not isinstance(t[2], BNode)
    }
    assert description <= served  # the dataset's description travels with it
    assert served - description == set(public_part(ld_graph))  # restricted personal data left out


def test_a_dump_stops_when_its_reader_goes_away(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small chunks and queue, so the exporter has to wait for the reader.
    monkeypatch.setattr(dumps, "CHUNK", 1024)
    monkeypatch.setattr(dumps, "QUEUE_CHUNKS", 2)
    chunks = dumps.stream_dump(
        session_driver, neo4j_settings.neo4j_database, "ntriples", "https://w3id.org/kennisgraaf/"
    )
    assert len(next(chunks)) == 1024
    assert any(t.name == "dump-ntriples" for t in threading.enumerate())
    chunks.close()  # what the server does when the client disconnects
    deadline = time.monotonic() + 10
    while any(t.name == "dump-ntriples" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the export thread did not stop"
        time.sleep(0.05)


def test_unknown_dump_is_404(ld: TestClient) -> None:
    response = ld.get("/dumps/kennisgraaf.csv")
    assert response.status_code == 404 and "kennisgraaf.ttl" in response.json()["message"]


# --- VoID and DCAT --------------------------------------------------------------------------------


def test_void_counts_what_the_graph_holds(ld: TestClient, ld_graph: Graph) -> None:
    ld_graph = public_part(ld_graph)  # the counts are public: restricted personal data left out
    response = ld.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    void = Graph().parse(data=response.text, format="turtle")
    d = URIRef("https://w3id.org/kennisgraaf/dataset")

    def integer(node: Node, p: URIRef) -> int:
        value = void.value(node, p)
        assert isinstance(value, Literal) and value.datatype == XSD_INTEGER
        return int(value)

    assert integer(d, VOID.triples) == len(ld_graph)
    subjects = {s for s in ld_graph.subjects() if isinstance(s, URIRef)}
    assert integer(d, VOID.entities) == len(subjects)
    classes = {
        void.value(part, VOID["class"]): integer(part, VOID.entities)
        for part in void.objects(d, VOID.classPartition)
    }
    expected_classes: dict[object, int] = {}
    for cls in ld_graph.objects(None, RDF.type):
        expected_classes[cls] = expected_classes.get(cls, 0) + 1
    assert classes == expected_classes
    assert classes[URIRef(KG + "KnowledgeQuestion")] == 49
    properties = {
        void.value(part, VOID.property): integer(part, VOID.triples)
        for part in void.objects(d, VOID.propertyPartition)
    }
    expected_properties: dict[object, int] = {}
    for p in ld_graph.predicates():
        expected_properties[p] = expected_properties.get(p, 0) + 1
    assert properties == expected_properties
    assert integer(d, VOID.classes) == len(expected_classes)
    assert integer(d, VOID.properties) == len(expected_properties)
    assert set(void.objects(d, DCTERMS.license)) == {URIRef("https://spdx.org/licenses/EUPL-1.2")}
    assert void.value(d, VOID.sparqlEndpoint) == URIRef("https://w3id.org/kennisgraaf/sparql")
    assert {str(u).rsplit(".", 1)[1] for u in void.objects(d, VOID.dataDump)} == {
        "ttl",
        "nt",
        "jsonld",
        "nq",
        "trig",
        "rdf",
    }
    assert URIRef("http://www.w3.org/ns/prov#") in set(void.objects(d, VOID.vocabulary))
    modified = void.value(d, DCTERMS.modified)
    assert isinstance(modified, Literal) and modified.datatype == XSD_DATETIME
    derived_from = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert set(void.objects(d, derived_from)) == {
        URIRef(ID + "dataset/sample"),
    }


def test_void_is_negotiated_and_also_at_dataset(ld: TestClient) -> None:
    jsonld = ld.get("/dataset", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert vary(jsonld) == {"Accept", "Accept-Language"}
    html = ld.get("/.well-known/void", headers={"Accept": "text/html"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert ld.get("/dataset", headers={"Accept": "image/png"}).status_code == 406


def _void_triples(client: TestClient) -> int:
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    value = void.value(URIRef("https://w3id.org/kennisgraaf/dataset"), VOID.triples)
    assert isinstance(value, Literal)
    return int(value)


def test_void_follows_an_import(
    ld: TestClient, session_driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """It adds to the graph the other tests compare against: the module's graph is ld_graph
    again for the tests after it."""
    before = _void_triples(ld)
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "<https://w3id.org/kennisgraaf/id/person/extra> "
        "a <https://w3id.org/kennisgraaf/def#Person> ; "
        '<http://xmlns.com/foaf/0.1/name> "Extra" ; '
        "<https://w3id.org/kennisgraaf/def#consentToBeNamed> true .\n"
    )
    load(session_driver, neo4j_settings.neo4j_database, extra, tmp_path)
    assert _void_triples(ld) == before + 3
