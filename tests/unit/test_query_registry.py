"""The named-query registry: headers parse, parameters are checked, every file declares a name."""

from __future__ import annotations

import re

import pytest

from kennisgraaf.errors import InputError
from kennisgraaf.queries.registry import QueryDefinitionError, all_queries, get_query, parse_query

SAMPLE = """// name: sample
// description: a sample
// param: iri string — the IRI
// param: limit int = 25 — rows at most
// param: since date = null — lower bound
// returns: a, b
MATCH (n {iri: $iri}) RETURN n LIMIT $limit
"""


def test_header_is_parsed() -> None:
    q = parse_query("sample.cypher", SAMPLE)
    assert q.name == "sample" and q.language == "cypher"
    assert [(p.name, p.type, p.default, p.required) for p in q.params] == [
        ("iri", "string", None, True),
        ("limit", "int", 25, False),
        ("since", "date", None, False),
    ]
    assert q.text.startswith("MATCH") and "// name" not in q.text


def test_bind_fills_defaults_and_coerces_cli_strings() -> None:
    q = parse_query("sample.cypher", SAMPLE)
    assert q.bind({"iri": "urn:x", "limit": "5"}) == {"iri": "urn:x", "limit": 5, "since": None}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "needs parameter 'iri'"),
        ({"iri": "urn:x", "nope": 1}, "has no parameter(s) nope"),
        ({"iri": "urn:x", "limit": "many"}, "'many' is not a int"),
        ({"iri": 3}, "expected string, got int"),
        ({"iri": "urn:x", "limit": True}, "expected int, got a boolean"),
    ],
)
def test_bind_refuses_bad_parameters(given: dict[str, object], message: str) -> None:
    q = parse_query("sample.cypher", SAMPLE)
    with pytest.raises(InputError, match=re.escape(message)):
        q.bind(given)


def test_header_without_name_is_refused() -> None:
    with pytest.raises(QueryDefinitionError, match="no 'name:'"):
        parse_query("x.cypher", "MATCH (n) RETURN n")


def test_every_shipped_query_declares_what_it_uses() -> None:
    queries = all_queries()
    assert {"schema.constraints", "server_version", "probe_write_read"} <= set(queries)
    for q in queries.values():
        assert q.description, q.resource
        used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", q.text))
        assert used == {p.name for p in q.params}, q.resource


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"no query named 'nope'; known: .*server_version"):
        get_query("nope")
