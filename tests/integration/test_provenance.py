"""Provenance as published: the N-Quads and TriG dumps hold one named graph per source (named by
the source's IRI, which dereferences), no statement twice, and together the N-Triples dump; each
resource's document names its sources, last modification and licence, in every RDF format and
on its page. Over the linked-data graph (tests/ld_helpers.py) in a real Neo4j; what each source
holds comes from the shipped files, parsed by rdflib."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.ld_clients import ld_client
from tests.ld_helpers import ID, OTHER_TTL, public_part, vocabularies_path
from tests.pipeline_helpers import load

SITE = "https://w3id.org/kennisgraaf"  # the base IRI, served at the app's root
DOC = ID.replace("/id/", "/doc/")
SOURCES = ID + "source/"
Q01 = ID + "question/q01"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the publisher's, not the default


@pytest.fixture(scope="module")
def ld(
    ld_graph: Graph,
    session_driver: Driver,
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("app")
    with ld_client(session_driver, neo4j_settings, tmp, licence=LICENCE) as client:
        yield client


def loaded_files() -> dict[str, Graph]:
    """Each file tests/ld_helpers.py loads, by its source name, as rdflib reads it."""
    other = Graph().parse(data=OTHER_TTL, format="turtle")
    return {
        "vocabularies.ttl": Graph().parse(vocabularies_path(), format="turtle"),
        "sample.ttl": Graph().parse(dataset_path("sample"), format="turtle"),
        "other-publisher.ttl": other,
    }


def dataset_of(client: TestClient, suffix: str) -> Dataset:
    response = client.get(f"/dumps/kennisgraaf.{suffix}")
    assert response.status_code == 200
    return Dataset().parse(data=response.content, format={"nq": "nquads", "trig": "trig"}[suffix])


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    """The dump's named graphs; the default graph holds the dataset's own description only."""
    default = str(dataset.default_graph.identifier)
    return {
        str(g.identifier): g for g in dataset.graphs() if len(g) and str(g.identifier) != default
    }


def source_name(client: TestClient, graph_iri: str) -> str:
    """The source a graph name stands for, from the description its IRI dereferences to."""
    response = client.get(graph_iri.removeprefix(SITE), headers={"Accept": "text/turtle"})
    assert response.status_code == 200, graph_iri
    described = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(graph_iri), RDF.type, PROV.Entity) in described
    label = described.value(URIRef(graph_iri), RDFS.label)
    assert isinstance(label, Literal)
    return str(label)


def ground(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """The statements without blank nodes."""
    return {t for t in graph if not any(isinstance(term, BNode) for term in t)}


def blank(graph: Graph) -> int:
    return sum(1 for t in graph if any(isinstance(term, BNode) for term in t))


@pytest.mark.parametrize("suffix", ["nq", "trig"])
def test_a_quad_dump_has_one_graph_per_source_holding_its_public_statements(
    ld: TestClient, suffix: str
) -> None:
    graphs = named_graphs(dataset_of(ld, suffix))
    assert all(name.startswith(SOURCES) for name in graphs)
    by_source = {source_name(ld, name): graph for name, graph in graphs.items()}
    files = {name: public_part(graph) for name, graph in loaded_files().items()}
    assert by_source.keys() == files.keys()
    described = dataset_of(ld, suffix).default_graph
    assert not any(set(described) & set(graph) for graph in files.values())
    for name, graph in by_source.items():
        # Its own statements (blank nodes come back as other blank nodes: counted) ...
        assert ground(files[name]) <= set(graph), name
        assert blank(graph) == blank(files[name]), name
        # ... and none that only another source makes.
        for other, statements in files.items():
            if other != name:
                assert not (ground(statements) - set(files[name])) & set(graph), (name, other)


def test_no_statement_is_written_twice(ld: TestClient) -> None:
    body = ld.get("/dumps/kennisgraaf.nq").content
    lines = [line for line in body.decode().splitlines() if line.strip()]
    quads = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
    assert len(lines) == len(quads) == len(set(quads)) > 0


@pytest.mark.parametrize("suffix", ["nq", "trig"])
def test_the_graphs_together_are_the_n_triples_dump(ld: TestClient, suffix: str) -> None:
    union = Graph()
    for s, p, o, _ in dataset_of(ld, suffix).quads():
        union.add((s, p, o))
    nt = Graph().parse(data=ld.get("/dumps/kennisgraaf.nt").content, format="nt")
    assert len(union) == len(nt) > 0
    assert isomorphic(union, nt)


def test_an_unknown_source_is_404(ld: TestClient) -> None:
    assert ld.get("/id/source/0123456789ab", headers={"Accept": "text/turtle"}).status_code == 404


# --- a resource's document ----------------------------------------------------------------------


def test_a_resources_turtle_names_its_source_modification_and_licence(ld: TestClient) -> None:
    started = dt.datetime.now(dt.UTC)
    response = ld.get("/id/question/q01", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    served = Graph().parse(data=response.text, format="turtle")
    q01, doc = URIRef(Q01), URIRef(DOC + "question/q01")
    assert served.value(q01, FOAF.isPrimaryTopicOf) == doc
    assert served.value(doc, FOAF.primaryTopic) == q01
    sources = set(served.objects(doc, PROV.wasDerivedFrom))
    names = {str(served.value(s, RDFS.label)) for s in sources}
    assert names == {"sample.ttl"}  # q01 is the sample's alone
    (source,) = sources
    assert str(source) in named_graphs(dataset_of(ld, "nq"))  # the dump's graph of the sample
    modified = served.value(doc, DCTERMS.modified)
    assert isinstance(modified, Literal) and modified.datatype == XSD.dateTime
    assert modified.toPython() <= started  # when the sample was loaded, before this request
    assert modified.toPython() > started - dt.timedelta(hours=1)
    assert served.value(source, DCTERMS.modified) == modified
    assert set(served.objects(doc, DCTERMS.license)) == {URIRef(LICENCE)}
    # The thing is no document: nothing of the document's provenance is said of it.
    assert served.value(q01, PROV.wasDerivedFrom) is None
    assert served.value(q01, DCTERMS.modified) is None


@pytest.mark.parametrize(
    ("suffix", "fmt"),
    [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml"), ("nq", "nquads"),
     ("trig", "trig")],
)  # fmt: skip
def test_every_rdf_format_carries_the_provenance(ld: TestClient, suffix: str, fmt: str) -> None:
    response = ld.get(f"/id/question/q01.{suffix}")
    assert response.status_code == 200
    served = Graph()
    for s, p, o, _ in Dataset().parse(data=response.content, format=fmt).quads():
        served.add((s, p, o))
    doc = URIRef(DOC + "question/q01")
    assert served.value(doc, PROV.wasDerivedFrom) is not None
    assert served.value(doc, DCTERMS.modified) is not None
    assert served.value(doc, DCTERMS.license) is not None


def test_the_page_names_sources_modification_and_licence(ld: TestClient) -> None:
    turtle = Graph().parse(data=ld.get("/id/question/q01.ttl").text, format="turtle")
    doc = URIRef(DOC + "question/q01")
    modified = turtle.value(doc, DCTERMS.modified)
    assert isinstance(modified, Literal)
    (source,) = turtle.objects(doc, PROV.wasDerivedFrom)
    page = ld.get("/id/question/q01", headers={"Accept": "text/html"}).text
    section = page[page.index('<section class="provenance">') :]
    section = section[: section.index("</section>")]
    local = str(source).removeprefix(SITE)
    assert f'<a href="{local}">sample.ttl</a>' in section
    assert str(modified.toPython().date()) in section
    assert f'<a href="{LICENCE}">{LICENCE}</a>' in section


def test_restricted_statements_stay_out_of_every_graph(ld: TestClient, ld_graph: Graph) -> None:
    public = public_part(ld_graph)
    withheld = {t for t in ld_graph if t not in public}
    assert withheld  # the sample has restricted statements to leave out
    for suffix in ("nq", "trig"):
        for s, p, o, _ in dataset_of(ld, suffix).quads():
            assert (s, p, o) not in withheld


# Last in the module: it adds a source (the module's graph is loaded again for what follows).
TWICE = f"""<{Q01}> <http://purl.org/dc/terms/title> "Begrijpend lezen, opnieuw"@nl .
<{Q01}> <https://w3id.org/kennisgraaf/def#questionText> "{{text}}"@nl .
"""


def test_a_statement_two_sources_make_is_in_both_graphs_once(
    ld: TestClient, ld_graph: Graph, session_driver: Driver, neo4j_settings: Settings,
    tmp_path: Path,
) -> None:  # fmt: skip
    sample = loaded_files()["sample.ttl"]
    text = sample.value(URIRef(Q01), URIRef("https://w3id.org/kennisgraaf/def#questionText"))
    assert isinstance(text, Literal) and text.language == "nl"
    extra = tmp_path / "q01-again.ttl"
    extra.write_text(TWICE.format(text=str(text)), encoding="utf-8")
    load(session_driver, neo4j_settings.neo4j_database, extra, tmp_path)

    quads = list(ox.parse(ld.get("/dumps/kennisgraaf.nq").content, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(set(quads))
    said = ox.Triple(
        ox.NamedNode(Q01),
        ox.NamedNode("https://w3id.org/kennisgraaf/def#questionText"),
        ox.Literal(str(text), language="nl"),
    )
    graphs = [q.graph_name for q in quads if q.triple == said]
    assert len(graphs) == len(set(graphs)) == 2  # once in the sample's, once in the new one's
    served = Graph().parse(data=ld.get("/id/question/q01.ttl").text, format="turtle")
    doc = URIRef(DOC + "question/q01")
    names = {str(served.value(s, RDFS.label)) for s in served.objects(doc, PROV.wasDerivedFrom)}
    assert names == {"sample.ttl", "q01-again.ttl"}
    newest = max(
        m.toPython()
        for s in served.objects(doc, PROV.wasDerivedFrom)
        if isinstance(m := served.value(s, DCTERMS.modified), Literal)
    )
    modified = served.value(doc, DCTERMS.modified)
    assert isinstance(modified, Literal) and modified.toPython() == newest
    nt = Graph().parse(data=ld.get("/dumps/kennisgraaf.nt").content, format="nt")
    assert len(nt) == len({q.triple for q in quads})
