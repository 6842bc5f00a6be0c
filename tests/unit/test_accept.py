"""One Accept rule for every route: what linked data (`/id/…`) and SPARQL (`/sparql`) choose
for the same header, side by side."""

from __future__ import annotations

import pytest

from kennisgraaf import accept
from kennisgraaf.accept import ANYTHING, MediaRange
from kennisgraaf.api.negotiation import HTML, JSONLD, NTRIPLES, RDFXML, RESOURCE_FORMATS, TURTLE
from kennisgraaf.api.negotiation import Format as ResourceFormat
from kennisgraaf.sparql import formats as sparql_formats


def resource(header: str | None) -> str | None:
    chosen = accept.choose(header, RESOURCE_FORMATS)
    return chosen.name if chosen else None


def sparql(header: str | None) -> tuple[str | None, str | None]:
    results, graph = sparql_formats.choose(header)
    return (results.key if results else None, graph.name if graph else None)


@pytest.mark.parametrize(
    ("header", "on_resource", "on_sparql"),
    [
        # absent or empty: the route's default
        (None, "turtle", ("json", "turtle")),
        ("", "turtle", ("json", "turtle")),
        # no valid media range at all: disregarded (RFC 9110 §12.5.1), as if absent
        ("garbage", "turtle", ("json", "turtle")),
        ("text/turtle;q=abc", "turtle", ("json", "turtle")),
        ("*/turtle, ;;, =", "turtle", ("json", "turtle")),
        # valid ranges, none offered: nothing (the route answers 406)
        ("image/png", None, (None, None)),
        ("text/plain", None, (None, None)),
        # q=0 excludes, even through a wildcard
        ("text/turtle;q=0", None, (None, None)),
        ("text/turtle;q=0, */*", "jsonld", ("json", "jsonld")),
        # q-values and specificity
        ("application/rdf+xml;q=0.5, text/turtle;q=0.4", "rdfxml", (None, "rdfxml")),
        # Turtle gets the q of its own range (0.1), not text/*'s (0.2)
        ("text/*;q=0.2, text/turtle;q=0.1, application/ld+json;q=0.15", "html",
         ("csv", "jsonld")),
        # a malformed range is left out, the rest still counts
        ("garbage, application/n-triples", "ntriples", (None, "ntriples")),
        # generic media types count when named, never through a wildcard
        ("application/json", "jsonld", ("json", "jsonld")),
        ("application/xml", "rdfxml", ("xml", "rdfxml")),
        # one order of preference for RDF everywhere: JSON-LD first of the application/ types
        ("application/*", "jsonld", ("json", "jsonld")),
    ],
)  # fmt: skip
def test_one_rule_for_both_routes(
    header: str | None, on_resource: str | None, on_sparql: tuple[str | None, str | None]
) -> None:
    assert resource(header) == on_resource
    assert sparql(header) == on_sparql


def test_the_resource_route_negotiates_through_the_one_parser() -> None:
    from kennisgraaf.api import negotiation

    for header in (None, "garbage", "image/png", "text/turtle;q=0, */*", "text/html"):
        assert negotiation.choose(header, RESOURCE_FORMATS) is accept.choose(
            header, RESOURCE_FORMATS
        )


def test_unparseable_differs_from_unacceptable() -> None:
    assert accept.parse_accept("garbage") == []
    assert accept.parse_accept("image/png") == [MediaRange("image", "png", 1.0)]
    assert accept.parse_accept(None) == list(ANYTHING)


def test_equally_specific_ranges_take_the_highest_q() -> None:
    ranges = accept.parse_accept("text/turtle;q=0.2, text/turtle;q=0.7")
    assert accept.quality(ranges, "text/turtle") == 0.7


def test_ties_go_to_the_order_of_the_offers() -> None:
    assert accept.choose("*/*", (NTRIPLES, RDFXML)) is NTRIPLES
    assert accept.choose("*/*", (RDFXML, NTRIPLES)) is RDFXML
    assert accept.choose("text/*", RESOURCE_FORMATS) is TURTLE  # Turtle and HTML tie


def test_an_alias_never_matches_through_a_wildcard() -> None:
    only_xml = ResourceFormat("x", "application/rdf+xml", "", ".x", None, ("text/xml",))
    assert accept.choose("text/*", (only_xml,)) is None
    assert accept.choose("text/xml", (only_xml,)) is only_xml
    assert accept.choose("application/xhtml+xml", (JSONLD, HTML)) is HTML
