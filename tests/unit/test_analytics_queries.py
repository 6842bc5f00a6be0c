"""The analytics query files (evidence, matching, networks, seed) load and declare their params."""

from __future__ import annotations

import re

import pytest
from rdflib.plugins.sparql import prepareQuery

from kennisgraaf.queries.registry import get_query

EXPECTED = {
    "lookup.resource_labels": {"iri"},
    "evidence.for_question": {"iri", "limit", "themes"},
    "matching.researchers": {"iri", "limit"},
    "networks.projection_nodes": set(),
    "networks.projection_edges": set(),
    "networks.boundary_crossers": set(),
    "networks.coverage_networks": set(),
    "networks.coverage_axes": set(),
    "networks.coverage_by_region": {"region"},
    "seed.serving": {"function", "sector"},
    "seed.function_sector_matrix": set(),
    "seed.functions_without_initiative": {"region", "networks", "national"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cypher_query_loads_and_declares_what_it_uses(name: str) -> None:
    query = get_query(name)
    assert query.language == "cypher" and query.description and query.returns
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", query.text))
    declared = {p.name for p in query.params}
    assert used == declared == EXPECTED[name]


def test_defaults_are_filled() -> None:
    assert get_query("evidence.for_question").bind({"iri": "urn:q"}) == {
        "iri": "urn:q",
        "limit": 20,
        "themes": True,
    }
    assert get_query("seed.functions_without_initiative").bind({}) == {
        "region": None,
        "networks": True,
        "national": "Nederland",
    }


def test_sparql_twin_parses_and_takes_no_parameters() -> None:
    query = get_query("networks.boundary_crossers_sparql")
    assert query.language == "sparql" and query.params == ()
    prepareQuery(query.text)
    assert "kg:roleSide" in query.text and "side/practice" in query.text
