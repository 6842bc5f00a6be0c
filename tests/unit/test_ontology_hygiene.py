"""The Turtle files are well-formed, every term is documented in Dutch and English, and the
vocabularies, shapes and datasets use only declared terms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import OWL, RDF, RDFS, SH, SKOS, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS

from kennisgraaf.ontology.files import (
    KG,
    dataset_graph,
    model_graph,
    ontology_graph,
    shapes_graph,
    vocabularies_graph,
)

DEF = "https://w3id.org/kennisgraaf/def/"
SHAPES_NS = DEF + "shapes#"
ONTOLOGY = URIRef("https://w3id.org/kennisgraaf/def")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DATA_PROPERTIES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    return vocabularies_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def _languages(graph: Graph, node: Node, *predicates: URIRef) -> set[str]:
    return {
        o.language or ""
        for p in predicates
        for o in graph.objects(node, p)
        if isinstance(o, Literal)
    }


def _kg_terms(ontology: Graph) -> set[URIRef]:
    return {
        s
        for t in TERM_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(KG)
    }


def _iris(graph: Graph) -> Iterator[URIRef]:
    for triple in graph:
        yield from (node for node in triple if isinstance(node, URIRef))


def test_every_file_parses() -> None:
    for graph in (
        ontology_graph(),
        vocabularies_graph(),
        shapes_graph(),
        dataset_graph("seed"),
        dataset_graph("sample"),
    ):
        assert len(graph) > 100


def test_ontology_header(ontology: Graph) -> None:
    for predicate in (
        OWL.versionIRI,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.issued,
        DCTERMS.modified,
    ):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate
    assert str(ontology.value(ONTOLOGY, DCTERMS.creator)) == "kennisgraaf contributors"
    assert _languages(ontology, ONTOLOGY, RDFS.label) >= {"nl", "en"}
    assert not list(ontology.objects(None, OWL.imports)), "nothing may be fetched from the network"


def test_every_kg_term_has_labels_and_definitions_in_dutch_and_english(ontology: Graph) -> None:
    terms = _kg_terms(ontology)
    assert len(terms) > 60
    for term in terms:
        assert _languages(ontology, term, RDFS.label) >= {"nl", "en"}, term
        assert _languages(ontology, term, SKOS.definition, RDFS.comment) >= {"nl", "en"}, term


def test_every_kg_property_has_domain_or_is_open_and_has_range(ontology: Graph) -> None:
    for kind in DATA_PROPERTIES:
        for prop in ontology.subjects(RDF.type, kind):
            if not str(prop).startswith(KG):
                continue  # a reused term, declared only (tests/unit/test_owl_dl.py)
            is_open = ontology.value(prop, URIRef(KG + "openDomain")) == Literal(True)
            assert ontology.value(prop, RDFS.domain) is not None or is_open, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


def test_every_kg_iri_used_anywhere_is_declared(ontology: Graph) -> None:
    declared = _kg_terms(ontology)
    graphs = {
        "ontology": ontology,
        "vocabularies": vocabularies_graph(),
        "shapes": shapes_graph(),
        "seed": dataset_graph("seed"),
        "sample": dataset_graph("sample"),
    }
    for name, graph in graphs.items():
        used = {iri for iri in _iris(graph) if iri.startswith(KG)}
        assert used - declared == set(), name


def test_every_vocabulary_iri_used_exists(vocabularies: Graph) -> None:
    concepts = set(vocabularies.subjects(RDF.type, SKOS.Concept)) | set(
        vocabularies.subjects(RDF.type, SKOS.ConceptScheme)
    )
    for name, graph in {
        "ontology": ontology_graph(),
        "shapes": shapes_graph(),
        "seed": dataset_graph("seed"),
        "sample": dataset_graph("sample"),
    }.items():
        used = {
            iri
            for iri in _iris(graph)
            if iri.startswith(DEF) and not iri.startswith(KG) and not iri.startswith(SHAPES_NS)
        }
        used -= {ONTOLOGY, URIRef(DEF + "shapes"), URIRef(DEF + "vocabularies")}
        used = {iri for iri in used if not iri.startswith(DEF + "0.") and "/0." not in iri}
        assert used - concepts == set(), name


def test_every_concept_is_in_a_scheme_and_documented(vocabularies: Graph) -> None:
    schemes = set(vocabularies.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(vocabularies.subjects(RDF.type, SKOS.Concept))
    assert len(schemes) == 23
    for concept in concepts:
        in_schemes = set(vocabularies.objects(concept, SKOS.inScheme))
        assert len(in_schemes) == 1 and in_schemes <= schemes, concept
        scheme = next(iter(in_schemes))
        notation = vocabularies.value(concept, SKOS.notation)
        assert str(concept) == f"{scheme}/{notation}", "concept IRI = scheme IRI / notation"
        assert _languages(vocabularies, concept, SKOS.prefLabel) == {"nl", "en"}, concept
        assert _languages(vocabularies, concept, SKOS.definition) == {"nl", "en"}, concept
    for scheme in schemes:
        assert _languages(vocabularies, scheme, SKOS.prefLabel) == {"nl", "en"}, scheme
        assert _languages(vocabularies, scheme, SKOS.definition) == {"nl", "en"}, scheme
        assert set(vocabularies.objects(scheme, SKOS.hasTopConcept)) == set(
            vocabularies.subjects(SKOS.inScheme, scheme)
        )


def test_functions_form_the_cycle_in_order(vocabularies: Graph) -> None:
    scheme = URIRef(DEF + "function")
    orders = {
        str(vocabularies.value(c, SKOS.notation)): int(
            str(vocabularies.value(c, URIRef(KG + "cycleOrder")))
        )
        for c in vocabularies.subjects(SKOS.inScheme, scheme)
    }
    assert orders == {"articulation": 1, "creation": 2, "organisation": 3, "sharing": 4, "use": 5}


def test_every_role_lies_on_a_side(vocabularies: Graph) -> None:
    sides = set(vocabularies.subjects(SKOS.inScheme, URIRef(DEF + "role-side")))
    roles = set(vocabularies.subjects(SKOS.inScheme, URIRef(DEF + "role")))
    assert len(roles) >= 7
    for role in roles:
        assert (role, RDF.type, URIRef("http://www.w3.org/ns/org#Role")) in vocabularies
        role_sides = set(vocabularies.objects(role, URIRef(KG + "roleSide")))
        assert role_sides and role_sides <= sides, role


def test_sh_in_lists_enumerate_whole_schemes(shapes: Graph, vocabularies: Graph) -> None:
    by_scheme = {}
    for scheme in vocabularies.subjects(RDF.type, SKOS.ConceptScheme):
        by_scheme[scheme] = set(vocabularies.subjects(SKOS.inScheme, scheme))
    lists = [set(shapes.items(node)) for node in shapes.objects(None, SH["in"])]
    assert len(lists) >= 10
    for members in lists:
        assert members in by_scheme.values(), members


def test_shapes_are_documented_and_have_deliberate_severity(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in node_shapes:
        assert _languages(shapes, shape, SH.name) == {"nl", "en"}, shape
        assert _languages(shapes, shape, RDFS.comment) == {"nl", "en"}, shape
        assert shapes.value(shape, SH.severity) is not None, shape
        if any(shapes.value(shape, p) is not None for p in (SH.nodeKind, SH["not"])):
            assert _languages(shapes, shape, SH.message) == {"nl", "en"}, shape
    for shape in property_shapes:
        assert shapes.value(shape, SH.severity) is not None, shape
        assert _languages(shapes, shape, SH.message) == {"nl", "en"}, shape
    for constraint in shapes.objects(None, SH.sparql):
        assert _languages(shapes, constraint, SH.message) == {"nl", "en"}, constraint
        for message in shapes.objects(constraint, SH.message):
            assert "{$this}" in str(message) or "{?value}" in str(message), message
    # every property shape hangs off a node shape
    attached = set(shapes.objects(None, SH.property))
    assert property_shapes == attached


def test_model_graph_combines_ontology_and_vocabularies() -> None:
    assert len(model_graph()) == len(ontology_graph() + vocabularies_graph())
