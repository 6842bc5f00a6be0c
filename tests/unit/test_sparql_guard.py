"""The SPARQL endpoint's lexical refusals and its Accept negotiation, without a database."""

from __future__ import annotations

import pytest

from kennisgraaf.api.sparql_formats import GRAPH_FORMATS, RESULT_FORMATS, choose, parse_accept
from kennisgraaf.api.sparql_guard import blank_out, service_position, update_keyword


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        ("INSERT DATA { <a> <b> <c> }", "INSERT"),
        ("PREFIX ex: <http://e/#x>\nBASE <http://b/>\n  delete where { ?s ?p ?o }", "DELETE"),
        ("# a comment\nLOAD <http://example.org/x.ttl>", "LOAD"),
        ("prefix : <http://e/> clear all", "CLEAR"),
        ("SELECT * { ?s ?p ?o }", None),
        ("PREFIX insert: <http://e/> SELECT * { ?s insert:x ?o }", None),
        ("ASK { ?s ?p 'INSERT' }", None),
    ],
)
def test_updates_are_recognised_after_the_prologue(query: str, keyword: str | None) -> None:
    assert update_keyword(query) == keyword


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", (1, 12)),
        ("SELECT * {\n ?s ?p ?o .SERVICE ?x {} }", (2, 12)),
        ("SELECT * { ex:a\\#b SERVICE <x> {} }", (1, 20)),  # `\#` escapes, no comment
        ("select * {\n\tservice silent <x> {} }", (2, 2)),
        ('SELECT * { ?s ?p """SERVICE\n<x>""" }', None),
        ("SELECT * { ?s ?p 'it''s' } # SERVICE <x> {}", None),
        ("SELECT * { ?s <http://e/SERVICE> ?o }", None),
        ("SELECT ?service { ?s ex:service ?service ; service:x _:SERVICE }", None),
        ("SELECT * { FILTER(?a < ?b) SERVICE <x> {} }", (1, 28)),
    ],
)
def test_service_is_found_wherever_it_is_a_keyword(
    query: str, where: tuple[int, int] | None
) -> None:
    assert service_position(query) == where


def test_blanking_keeps_positions_and_lines() -> None:
    query = 'SELECT ?x # note\nWHERE { ?x <http://e/> "a\\"b" }'
    assert (
        blank_out(query)
        == "SELECT ?x " + " " * 6 + "\nWHERE { ?x " + " " * 11 + " " + " " * 6 + " }"
    )


@pytest.mark.parametrize(
    ("accept", "results", "graph"),
    [
        (None, "json", "turtle"),
        ("", "json", "turtle"),
        ("*/*", "json", "turtle"),
        ("text/*", "csv", "turtle"),
        ("application/xml", "xml", "rdfxml"),
        ("application/json", "json", "jsonld"),
        ("text/turtle;q=0.9, text/csv;q=0.1", "csv", "turtle"),
        ("application/n-triples, */*;q=0.1", "json", "ntriples"),
        ("text/csv;q=0, */*", "json", "turtle"),
        ("text/csv;q=bogus, text/tab-separated-values", "tsv", None),
        ("image/png", None, None),
        ("nonsense", None, None),
    ],
)
def test_negotiation(accept: str | None, results: str | None, graph: str | None) -> None:
    ranges = parse_accept(accept)
    chosen_results, chosen_graph = choose(RESULT_FORMATS, ranges), choose(GRAPH_FORMATS, ranges)
    assert (chosen_results.key if chosen_results else None) == results
    assert (chosen_graph.key if chosen_graph else None) == graph
