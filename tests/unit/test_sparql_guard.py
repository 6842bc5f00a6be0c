"""The SPARQL endpoint's lexical refusals and its Accept negotiation, without a database."""

from __future__ import annotations

import pytest

from kennisgraaf.sparql.formats import choose
from kennisgraaf.sparql.guard import (
    ShapeExcess,
    blank_out,
    service_position,
    shape_excess,
    update_keyword,
)


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
        # No valid media range at all: disregarded, as if no Accept was sent (it was 406 here
        # while linked data answered Turtle; kennisgraaf.accept is now the one rule).
        ("nonsense", "json", "turtle"),
    ],
)
def test_negotiation(accept: str | None, results: str | None, graph: str | None) -> None:
    chosen_results, chosen_graph = choose(accept)
    assert (chosen_results.key if chosen_results else None) == results
    assert (chosen_graph.name if chosen_graph else None) == graph


def nested_groups(n: int) -> str:
    return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n


@pytest.mark.parametrize(
    ("query", "what", "where"),
    [
        (nested_groups(5000), "nesting", (1, 15 + 65)),
        ("SELECT * WHERE {\n  FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }", "nesting", (2, 72)),
        ("SELECT * { ?s <http://e/p> " + "[ <http://e/p> " * 70 + "1" + " ]" * 70 + " }",
         "nesting", (1, 28 + 63 * 15)),
        ("SELECT * { FILTER(" + "+".join(["1"] * 20_000) + ") }", "operators", None),
        ("SELECT * { FILTER(" + "-".join(["1"] * 3000) + ") }", "operators", None),
        ("SELECT * { FILTER(" + "!" * 3000 + "true) }", "operators", None),
        ("SELECT * { ?s " + "/".join(["<http://e/p>"] * 3000) + " ?o }", "operators", None),
        ("SELECT * { ?s " + "|".join(["<http://e/p>"] * 3000) + " ?o }", "operators", None),
        ("SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(3000)) + " }",
         "operators", None),
        ("SELECT * { " + " . ".join(f"?x{i} <http://e/p> ?x{i + 1}" for i in range(3000)) + " }",
         "operators", None),
        ("SELECT * { " + "{ ?s ?p ?o } UNION " * 3000 + "{} }", "operators", None),
    ],
)  # fmt: skip
def test_deep_nesting_and_long_chains_are_found_before_parsing(
    query: str, what: str, where: tuple[int, int] | None
) -> None:
    excess = shape_excess(query, max_nesting=64, max_operators=2000)
    assert excess is not None
    assert excess.what == what
    assert excess.limit == (64 if what == "nesting" else 2000)
    if where:
        assert (excess.line, excess.column) == where


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        nested_groups(64),
        # braces and operators inside strings, IRIs and comments are no structure
        'SELECT ?x { BIND("' + "{(" * 5000 + '" AS ?x) }',
        "SELECT ?x { BIND('''" + "+\n" * 5000 + "''' AS ?x) }",
        "SELECT * { ?s <http://e/" + "/" * 5000 + "> ?o }",
        "# " + "{" * 5000 + "\nSELECT * { ?s ?p ?o }",
        # `-` and `.` inside names and numbers are no operators
        "PREFIX ex: <http://e/>\nSELECT * { ?s ex:" + "a-b.c" * 3000 + " 1.5e-3 }",
        "SELECT * { VALUES ?x { " + " ".join(f'"v{i}"@nl-NL' for i in range(5000)) + " } }",
        "SELECT * { ?s ?p " + " ".join(f'"{i}"^^<http://e/t>' for i in range(5000)) + " }",
    ],
)
def test_ordinary_and_wide_queries_pass(query: str) -> None:
    assert shape_excess(query, max_nesting=64, max_operators=2000) is None


def test_the_shipped_query_is_far_within_the_default_bounds() -> None:
    from kennisgraaf.queries.registry import get_query
    from kennisgraaf.settings import Settings

    s = Settings()
    text = get_query("networks.boundary_crossers_sparql").text
    # nesting 3 (a FILTER's call inside its brackets), 14 operators and separators
    assert shape_excess(text, 3, 14) is None
    assert shape_excess(text, 2, 14) is not None and shape_excess(text, 3, 13) is not None
    assert s.sparql_max_nesting >= 32 and s.sparql_max_operators >= 250


def test_the_operator_count_names_where_the_limit_is_passed() -> None:
    # `*`, `{` and the first `.` are the three allowed; the second `.` passes the limit.
    query = "SELECT * {\n ?s ?p ?o . ?s ?p ?o . ?s ?p ?o }"
    assert shape_excess(query, 64, 3) == ShapeExcess("operators", 3, 2, 22)
