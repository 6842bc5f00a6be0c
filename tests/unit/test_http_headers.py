"""The HTTP rules that need no database: preconditions (If-None-Match, If-Modified-Since), the
policies of token and read routes, and when the graph's change time is an import's."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers, MutableHeaders

from kennisgraaf.api.http_cache import not_modified
from kennisgraaf.api.http_policy import DATA, POLICIES, PRIVATE, SPARQL, VOLATILE, cross_origin
from kennisgraaf.api.http_version import _unfinished

ETAG = '"abc"'
MODIFIED = "Wed, 02 Dec 2026 12:00:00 GMT"


def answer() -> MutableHeaders:
    return MutableHeaders({"etag": ETAG, "last-modified": MODIFIED})


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ({"if-none-match": ETAG}, True),
        ({"if-none-match": f'"x", {ETAG}'}, True),
        ({"if-none-match": f"W/{ETAG}"}, True),  # If-None-Match compares weakly
        ({"if-none-match": "*"}, True),
        ({"if-none-match": '"abcd"'}, False),
        ({"if-modified-since": MODIFIED}, True),
        ({"if-modified-since": "Thu, 03 Dec 2026 12:00:00 GMT"}, True),
        ({"if-modified-since": "Tue, 01 Dec 2026 12:00:00 GMT"}, False),
        ({"if-modified-since": "yesterday"}, False),  # unreadable: ignored
        ({"if-none-match": '"x"', "if-modified-since": MODIFIED}, False),  # If-None-Match wins
        ({}, False),
    ],
)
def test_preconditions(asked: dict[str, str], expected: bool) -> None:
    assert not_modified(Headers(asked), answer(), 200) is expected


def test_only_a_200_becomes_a_304() -> None:
    assert not_modified(Headers({"if-none-match": "*"}), answer(), 404) is False


def test_token_routes_are_private_and_read_routes_open() -> None:
    for tag in ("cypher", "restricted"):
        assert POLICIES[tag] is PRIVATE
    assert PRIVATE.cache_control == "no-store" and not PRIVATE.cross_origin
    assert VOLATILE.cache_control == "no-store" and not VOLATILE.validators
    assert "POST" in SPARQL.cross_origin and "POST" not in DATA.cross_origin
    for policy in POLICIES.values():
        assert ("no-store" in policy.cache_control) is not policy.validators


def test_an_unknown_path_may_be_read_but_not_posted_to() -> None:
    assert cross_origin(None, "GET") is True
    assert cross_origin(None, "POST") is False


@pytest.mark.parametrize(
    ("entry", "unfinished"),
    [
        ("imp-1 running 3 ", True),
        ("imp 2 interrupted 1 ", True),  # an id with a space
        ("imp-1 running 0 ", False),  # nothing committed yet
        ("imp-1 complete 4 2026-12-02T12:00:00Z", False),
    ],
)
def test_an_import_with_visible_batches_is_unfinished(entry: str, unfinished: bool) -> None:
    assert _unfinished(entry) is unfinished
