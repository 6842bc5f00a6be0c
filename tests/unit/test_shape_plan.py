"""The arranged shapes give the validator's results unchanged: compared, result by result, with
pyshacl run on shapes.ttl exactly as written."""

from __future__ import annotations

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import dataset_graph, model_graph, shapes_graph
from kennisgraaf.ontology.shape_plan import (
    SparqlTarget,
    collapse_class_choices,
    hoist_property_shapes,
    plan_shapes,
)
from kennisgraaf.ontology.sparql_targets import resolve_targets
from kennisgraaf.ontology.validation import ValidationResult, _model_quads, _result, validate
from tests.unit.test_shapes import CASES, _graph, _valid_turtle

EX = Namespace("http://example.org/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

ResultKey = tuple[str, str, str, str, str, str, str]


def _name(n: Node | None) -> str:
    # Blank nodes are compared by kind: the two runs copy the data graph differently.
    return "_:" if isinstance(n, BNode) else str(n)


def _key(r: ValidationResult) -> ResultKey:
    return (_name(r.focus_node), _name(r.path), str(r.constraint_component), r.severity.value,
            r.message, _name(r.value), _name(r.source_shape))  # fmt: skip


def _planned(data: Graph) -> list[ResultKey]:
    return sorted(_key(r) for r in validate(data).results)


def _as_written(data: Graph) -> list[ResultKey]:
    _, report, _ = pyshacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=model_graph(), inference="none",
        advanced=True, allow_warnings=True,
    )  # fmt: skip
    assert isinstance(report, Graph)
    results = [_result(report, n, "en") for n in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(_key(r) for r in results)


def test_every_violating_case_gives_the_same_results_as_the_shapes_as_written() -> None:
    data = _graph(_valid_turtle(), *(case.turtle for case in CASES))
    planned = _planned(data)
    assert len(planned) >= len(CASES)  # the cases do violate something
    assert planned == _as_written(data)


@pytest.mark.parametrize("name", ["seed", "sample"])
def test_datasets_give_the_same_results(name: str) -> None:
    data = dataset_graph(name)
    assert _planned(data) == _as_written(data)


def test_property_shapes_take_over_the_targets_of_their_node_shape() -> None:
    shapes = shapes_graph()
    planned = plan_shapes(shapes).shapes
    organisation = URIRef("https://w3id.org/kennisgraaf/def/shapes#OrganisationShape")
    name = URIRef("https://w3id.org/kennisgraaf/def/shapes#OrganisationShape-name")
    assert (organisation, SH.property, name) in shapes
    assert (organisation, SH.property, name) not in planned
    assert set(planned.objects(name, SH.targetClass)) == set(
        shapes.objects(organisation, SH.targetClass)
    )
    assert planned.value(organisation, SH.targetClass) is not None  # its own constraints stay


TURTLE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Outer a sh:NodeShape ; sh:targetClass ex:A ; sh:property ex:outer-p ;
    sh:property [ sh:path ex:q ; sh:node ex:Inner ] .
ex:outer-p a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .
ex:Inner a sh:NodeShape ; sh:targetClass ex:B ; sh:property ex:inner-p .
ex:inner-p a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .
ex:Off a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:property ex:off-p .
ex:off-p a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .
ex:BySparql a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this {}" ] ;
    sh:property ex:sparql-p .
ex:sparql-p a sh:PropertyShape ; sh:path ex:p ; sh:minCount 1 .
"""


def test_shapes_used_inside_others_deactivated_or_sparql_targeted_keep_their_properties() -> None:
    shapes = Graph().parse(data=TURTLE, format="turtle")
    hoisted = hoist_property_shapes(shapes)
    assert (EX["outer-p"], SH.targetClass, EX.A) in hoisted
    assert (EX.Outer, SH.property, EX["outer-p"]) not in hoisted
    for node_shape, prop in ((EX.Inner, "inner-p"), (EX.Off, "off-p"), (EX.BySparql, "sparql-p")):
        assert (node_shape, SH.property, EX[prop]) in hoisted
        assert hoisted.value(EX[prop], SH.targetClass) is None


def test_sparql_targets_are_resolved_over_data_and_model() -> None:
    data = Graph()
    data.add((EX.x, EX.p, Literal("2999-01-01", datatype=XSD_DATE)))
    data.add((EX.y, EX.p, Literal("2000-01-01", datatype=XSD_DATE)))
    query = (
        "PREFIX ex: <http://example.org/>\n"
        "SELECT ?this WHERE { ?this ex:p ?d FILTER (STR(?d) > '2500') }"
    )
    targets = resolve_targets([SparqlTarget(shape=EX.S, query=query)], data, _model_quads())
    assert set(targets) == {(EX.S, SH.targetNode, EX.x)}
    # The model is part of what the targets see, as it is for pyshacl.
    model = "SELECT ?this WHERE { ?this a <http://www.w3.org/2002/07/owl#Ontology> }"
    found = resolve_targets([SparqlTarget(shape=EX.S, query=model)], Graph(), _model_quads())
    assert len(found) >= 1


def test_a_broken_or_non_select_sparql_target_is_an_ontology_error() -> None:
    with pytest.raises(OntologyError, match="could not run"):
        resolve_targets([SparqlTarget(shape=EX.S, query="SELEKT ?this")], Graph(), ())
    with pytest.raises(OntologyError, match="not a SELECT"):
        resolve_targets([SparqlTarget(shape=EX.S, query="ASK {}")], Graph(), ())


CHOICES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:plain a sh:PropertyShape ; sh:path ex:p ; sh:or ( [ sh:class ex:A ] [ sh:class ex:B ] ) .
ex:mixed a sh:PropertyShape ; sh:path ex:p ;
    sh:or ( [ sh:class ex:A ; sh:nodeKind sh:IRI ] [ sh:class ex:B ] ) .
ex:own a sh:PropertyShape ; sh:path ex:p ; sh:class ex:C ;
    sh:or ( [ sh:class ex:A ] [ sh:class ex:B ] ) .
"""


def test_a_choice_of_classes_becomes_one_class_with_both_as_subclasses() -> None:
    shapes = Graph().parse(data=CHOICES, format="turtle")
    additions, rewritten = collapse_class_choices(shapes)
    assert rewritten == {EX.plain}
    union = shapes.value(EX.plain, SH["class"])
    assert union is not None and shapes.value(EX.plain, SH["or"]) is None
    assert set(additions) == {(EX.A, RDFS.subClassOf, union), (EX.B, RDFS.subClassOf, union)}
    for kept in (EX.mixed, EX.own):  # other alternatives, or a class of its own: left as written
        assert shapes.value(kept, SH["or"]) is not None


def test_a_failed_class_choice_is_reported_as_the_or_it_stands_for() -> None:
    data = _graph(_valid_turtle(), *(case.turtle for case in CASES))
    ors = [r for r in validate(data).results if r.constraint_component == SH.OrConstraintComponent]
    assert ors, "the violating cases include failed class choices"
    assert {r.source_shape for r in ors} <= plan_shapes(shapes_graph()).class_choices
