"""A date in the future is a Violation (NoFutureDateShape); a value that is no date at all, such
as "abc", is reported by the datatype shapes alone — not also as a date "in the future" because
its text sorts after today's."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kennisgraaf.ontology.validation import validate

EX = "https://example.org/"
FUTURE = "https://w3id.org/kennisgraaf/def/shapes#NoFutureDateShape"
WELL_FORMED = "https://w3id.org/kennisgraaf/def/shapes#WellFormedLiteralShape"
TURTLE = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://example.org/later> dcterms:date "2999-01-01"^^xsd:date .
<https://example.org/no-date> dcterms:date "abc"^^xsd:date .
<https://example.org/past> dcterms:date "2019-05-01"^^xsd:date .
"""
PERIODS = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
<https://example.org/grant> a kg:Grant ; kg:startDate "2025-01-01"^^xsd:date ;
    kg:endDate "2999-12-31"^^xsd:date .
<https://example.org/network> a kg:Network ; kg:startDate "2025-01-01"^^xsd:date ;
    kg:endDate "2999-12-31"^^xsd:date .
"""


def test_only_a_date_is_judged_to_lie_in_the_future() -> None:
    results = validate(Graph().parse(data=TURTLE, format="turtle")).results
    by_shape = {(str(r.focus_node), str(r.source_shape), r.path) for r in results}
    assert (EX + "later", FUTURE, DCTERMS.date) in by_shape
    assert (EX + "no-date", WELL_FORMED, DCTERMS.date) in by_shape
    future = {focus for focus, shape, _ in by_shape if shape == FUTURE}
    assert future == {EX + "later"}
    assert all(str(r.focus_node) != EX + "past" for r in results)
    assert URIRef(EX + "no-date") in {r.focus_node for r in results}


def test_a_grants_agreed_period_may_lie_ahead_another_period_not() -> None:
    results = validate(Graph().parse(data=PERIODS, format="turtle")).results
    future = {(str(r.focus_node), r.path) for r in results if str(r.source_shape) == FUTURE}
    assert future == {(EX + "network", URIRef("https://w3id.org/kennisgraaf/def#endDate"))}
