"""The model the validator mixes in (ontology/validation_model.py) gives the results the whole
ontology and vocabularies give: on the shipped datasets, the shape fixtures, and every wrong
record of the NRO model's cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH, SKOS

from kennisgraaf.ontology.files import dataset_path, model_graph, shapes_graph
from kennisgraaf.ontology.validation import ValidationOutcome, _model, _plan, validate
from kennisgraaf.ontology.validation_model import named_by_shapes, validation_model
from tests.model_nro_cases import NRO_CASES

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"


def _whole_model() -> Graph:
    whole = model_graph()
    whole += _plan().model_additions
    return whole


def _results(outcome: ValidationOutcome) -> set[tuple[object, ...]]:
    return {
        (r.focus_node, r.path_text, r.constraint_component, r.severity, r.source_shape, r.value,
         r.message)
        for r in outcome.results
    }  # fmt: skip


def _same_results(data: str) -> int:
    whole = validate(Graph().parse(data=data, format="turtle"), model=_whole_model())
    trimmed = validate(Graph().parse(data=data, format="turtle"))
    assert _results(trimmed) == _results(whole)
    assert trimmed.conforms == whole.conforms
    return len(whole.results)


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["seed", "sample"])
def test_datasets_give_the_same_results(name: str) -> None:
    _same_results(dataset_path(name).read_text(encoding="utf-8"))


def test_fixtures_and_every_nro_case_give_the_same_results() -> None:
    base = "\n".join([_fixture("prefixes.ttl"), _fixture("valid.ttl"), _fixture("valid-nro.ttl")])
    assert _same_results(base) == 0
    _same_results(_fixture("prefixes.ttl") + _fixture("ill-typed.ttl"))
    found = sum(_same_results(base + "\n" + case.turtle) for case in NRO_CASES)
    assert found >= len(NRO_CASES)  # each case is a wrong record: it gives results


def test_documentation_and_owl_axioms_are_left_out() -> None:
    model = _model()
    assert next(model.triples((None, SKOS.definition, None)), None) is None
    assert next(model.triples((None, RDFS.comment, None)), None) is None
    assert len(model) < len(_whole_model())
    # What the shapes read stays: the class hierarchy between named classes, the labels of
    # concepts (a shape checks keywords' skos:prefLabel).
    whole = _whole_model()
    named = {(s, o) for s, o in whole.subject_objects(RDFS.subClassOf) if isinstance(o, URIRef)}
    assert set(model.subject_objects(RDFS.subClassOf)) == named
    assert len(list(model.triples((None, SKOS.prefLabel, None)))) == len(
        list(whole.triples((None, SKOS.prefLabel, None)))
    )
    assert named_by_shapes(shapes_graph()) == set()  # no shape reads what is left out


def test_a_predicate_a_shape_names_stays() -> None:
    shapes = Graph()
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix ex: <http://example.org/> .
        ex:S sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
        ex:T sh:sparql [ sh:select "SELECT $this WHERE { $this rdfs:comment ?c }" ] .
        """,
        format="turtle",
    )
    model = Graph().parse(
        data="""
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix ex: <http://example.org/> .
        ex:C rdfs:label "C" ; rdfs:comment "about C" ; skos:definition "D" ;
            rdfs:subClassOf ex:B , [ a <http://www.w3.org/2002/07/owl#Restriction> ] .
        """,
        format="turtle",
    )
    kept = validation_model(model, shapes)
    ex = "http://example.org/"
    assert set(kept.predicates(URIRef(ex + "C"))) == {RDFS.label, RDFS.comment, RDFS.subClassOf}
    assert set(kept.objects(URIRef(ex + "C"), RDFS.subClassOf)) == {URIRef(ex + "B")}
    assert named_by_shapes(shapes) == {RDFS.label, RDFS.comment}
    assert SH.path not in set(kept.predicates())
