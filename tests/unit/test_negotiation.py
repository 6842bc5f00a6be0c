"""The Accept parser and the choice among representations (RFC 9110 §12.5.1)."""

from __future__ import annotations

import pytest

from kennisgraaf.accept import MediaRange, parse_accept
from kennisgraaf.api.negotiation import (
    HTML,
    JSONLD,
    NTRIPLES,
    RDFXML,
    RESOURCE_FORMATS,
    TURTLE,
    Format,
    by_param,
    choose,
    split_suffix,
)

BROWSER = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)


def test_parse_keeps_ranges_in_order_with_their_q() -> None:
    assert parse_accept('text/turtle;q=0.5, application/ld+json; profile="a,b;c"; q=0.9, */*') == [
        MediaRange("text", "turtle", 0.5),
        MediaRange("application", "ld+json", 0.9),
        MediaRange("*", "*", 1.0),
    ]


def test_missing_or_empty_header_accepts_anything() -> None:
    assert parse_accept(None) == [MediaRange("*", "*", 1.0)]
    assert parse_accept("  ") == [MediaRange("*", "*", 1.0)]


@pytest.mark.parametrize(
    "header",
    ["text/turtle;q=2", "text/turtle;q=0.1234", "text/turtle;q=abc", "*/turtle", "turtle", ","],
)
def test_malformed_ranges_are_left_out(header: str) -> None:
    assert parse_accept(header) == []


def test_media_types_are_case_insensitive() -> None:
    assert parse_accept("Text/Turtle;Q=0.3") == [MediaRange("text", "turtle", 0.3)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, TURTLE),
        ("*/*", TURTLE),
        ("text/turtle", TURTLE),
        ("application/x-turtle", TURTLE),
        ("application/ld+json", JSONLD),
        ("application/json", JSONLD),
        ("application/n-triples", NTRIPLES),
        ("application/rdf+xml", RDFXML),
        ("text/html", HTML),
        ("application/xhtml+xml", HTML),
        (BROWSER, HTML),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.4", RDFXML),
        ("text/*;q=0.9, application/ld+json", JSONLD),
        ("text/*", TURTLE),  # turtle and html tie: server preference
        ("application/*", JSONLD),
        ("text/html;q=0, */*;q=0.1", TURTLE),
        ("text/*;q=0.2, text/html;q=0.8", HTML),  # the more specific range decides
        ("text/turtle;q=0, text/*", HTML),
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("text/plain", None),
        ("garbage", TURTLE),  # nothing valid: as if no header was sent
    ],
)
def test_choice(header: str | None, expected: Format | None) -> None:
    assert choose(header, RESOURCE_FORMATS) is expected


def test_choice_among_fewer_offers() -> None:
    assert choose("text/html", (TURTLE, JSONLD)) is None
    assert choose("*/*", (JSONLD, TURTLE)) is JSONLD


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("turtle", TURTLE),
        ("TTL", TURTLE),
        ("jsonld", JSONLD),
        ("json-ld", JSONLD),
        ("nt", NTRIPLES),
        ("ntriples", NTRIPLES),
        ("rdf", RDFXML),
        ("xml", RDFXML),
        ("html", HTML),
        ("csv", None),
        ("", None),
    ],
)
def test_format_parameter(value: str, expected: Format | None) -> None:
    assert by_param(value, RESOURCE_FORMATS) is expected


def test_suffixes_only_strip_known_ones() -> None:
    assert split_suffix("doi/10.5555/kg-sample.s01.ttl", RESOURCE_FORMATS) == (
        "doi/10.5555/kg-sample.s01",
        TURTLE,
    )
    assert split_suffix("doi/10.5555/kg-sample.s01", RESOURCE_FORMATS) is None
    assert split_suffix(".ttl", RESOURCE_FORMATS) is None
    assert split_suffix("q01.jsonld", RESOURCE_FORMATS) == ("q01", JSONLD)
