"""The network analytics over the API and the CLI: communities, sector bridges and coverage
(vocabularies, seed and sample loaded once for the module).

Expectations come from sample.ttl: its networks with their regions, sectors and functions, and
its memberships; the communities and the sector bridges are checked against the graph rdflib
reads from the Turtle files, apart from Neo4j.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Namespace, URIRef

from kennisgraaf.settings import Settings
from tests.analytics_graph import ID, turtle_graph
from tests.integration import test_api_resources
from tests.integration.test_api_resources import get
from tests.integration.test_cli_queries import _cli
from tests.integration.test_networks import rdf_edges

api = test_api_resources.api  # the client fixture over the analytics graph, for this module too

KG = Namespace("https://w3id.org/kennisgraaf/def#")
NETWORK = ID + "network/"
ORGANISATION = ID + "organisation/"
RIJNVALLEI = NETWORK + "werkplaats-rijnvallei"  # PO, HBO, WO; creation, sharing, use
HUISACADEMIE = NETWORK + "huisacademie-spo-rijnvallei"  # PO; sharing, use
FUNCTIONS = ["articulation", "creation", "organisation", "sharing", "use"]
SECTORS = ["HBO", "MBO", "PO", "SO", "VO", "WO"]


def test_coverage_cells_of_a_region(api: TestClient) -> None:
    body = get(api, "/analytics/coverage?region=Gelderland")
    assert body["regions"] == ["Gelderland"]
    assert body["sectors"] == SECTORS
    assert body["functions"] == FUNCTIONS
    assert len(body["cells"]) == 6 * 5
    # Gelderland has two networks: the werkplaats (PO, HBO, WO; creation, sharing, use) and the
    # huisacademie (PO; sharing, use)
    po = {c["function"]: (c["networks"], c["werkplaatsen"]) for c in body["cells"]
          if c["sector"] == "PO"}  # fmt: skip
    assert po == {
        "articulation": ([], []),
        "creation": ([RIJNVALLEI], [RIJNVALLEI]),
        "organisation": ([], []),
        "sharing": ([HUISACADEMIE, RIJNVALLEI], [RIJNVALLEI]),
        "use": ([HUISACADEMIE, RIJNVALLEI], [RIJNVALLEI]),
    }
    assert all(c["networks"] == [] for c in body["cells"] if c["sector"] in ("MBO", "SO", "VO"))
    assert body["without_werkplaats"] == [
        ["Gelderland", "MBO"], ["Gelderland", "SO"], ["Gelderland", "VO"]
    ]  # fmt: skip
    assert body["regions_without_werkplaats"] == []
    # Rotterdam's learning lab and datateam are VO networks, neither a werkplaats
    both = get(api, "/analytics/coverage?region=Gelderland&region=Rotterdam")
    assert both["regions_without_werkplaats"] == ["Rotterdam"]
    rotterdam_vo_use = [c for c in both["cells"] if (c["region"], c["sector"], c["function"])
                        == ("Rotterdam", "VO", "use")]  # fmt: skip
    assert rotterdam_vo_use[0]["networks"] == [
        NETWORK + "datateam-westerhaven", NETWORK + "learning-lab-de-kaap"
    ]  # fmt: skip
    every = get(api, "/analytics/coverage")
    assert {"Gelderland", "Noord-Brabant", "Borne", "Zeeland"} <= set(every["regions"])


def test_communities_partition_the_projection(api: TestClient) -> None:
    found = get(api, "/analytics/communities")
    # the projection as rdflib reads it from the Turtle files, and greedy modularity on it
    graph = nx.Graph(sorted(tuple(sorted(e)) for e in rdf_edges(turtle_graph())))
    expected = nx.community.greedy_modularity_communities(graph)
    assert len(found) == len(expected) == 13
    groups = [
        frozenset((*c["people"], *c["organisations"], *c["networks"], *c["activities"]))
        for c in found
    ]
    assert sum(len(g) for g in groups) == graph.number_of_nodes() == 220  # each node once
    assert set(groups) == {frozenset(c) for c in expected}
    assert [c["index"] for c in found] == list(range(13))
    assert [c["size"] for c in found] == [len(g) for g in groups]
    assert [c["size"] for c in found] == sorted((c["size"] for c in found), reverse=True)
    # no community spans two connected components; VO-raad and its one member are alone
    components = list(nx.connected_components(graph))
    assert all(any(g <= c for c in components) for g in groups)
    assert found[-1]["organisations"] == [ORGANISATION + "vo-raad"]


def turtle_bridges() -> dict[str, tuple[float, list[list[str]]]]:
    """Sector bridges worked out on the graph rdflib reads from the Turtle files: for each pair
    of sectors A, B, the share of shortest paths between the organisations and networks of A
    (not B) and those of B (not A) through a node, summed over the pairs."""
    rdf = turtle_graph()
    graph = nx.Graph(sorted(tuple(sorted(e)) for e in rdf_edges(rdf)))
    holders: dict[str, set[str]] = {}
    for node in graph:
        if "/organisation/" in node or "/network/" in node:
            for sector in rdf.objects(URIRef(node), KG.sector):
                holders.setdefault(str(sector).rsplit("/", 1)[-1], set()).add(node)
    bridges: dict[str, tuple[float, list[list[str]]]] = {}
    for a, b in itertools.combinations(sorted(holders), 2):
        sources, targets = holders[a] - holders[b], holders[b] - holders[a]
        through = nx.betweenness_centrality_subset(graph, sources, targets, normalized=False)
        for node, value in through.items():
            if value > 0:
                score, pairs = bridges.get(node, (0.0, []))
                bridges[node] = (
                    score + 2 * value / (len(sources) * len(targets)),
                    [*pairs, [a, b]],
                )
    return bridges


def test_sector_bridges(api: TestClient) -> None:
    found = get(api, "/analytics/sector-bridges")
    expected = turtle_bridges()
    got: dict[str, tuple[Any, Any]] = {
        b["iri"]: (pytest.approx(b["score"]), b["bridged"]) for b in found
    }
    assert got == {
        iri: bridge for iri, bridge in expected.items() if "/person/" in iri or
        "/organisation/" in iri or "/network/" in iri
    }  # fmt: skip
    # the best bridge there: Hogeschool Zuiderpoort (HBO), a member of the werkplaats passend
    # onderwijs (PO, SO, HBO) and of the academic training school (VO, HBO, WO)
    top = found[0]
    assert top["iri"] == ORGANISATION + "hs-zuiderpoort"
    assert (top["kind"], top["sectors"]) == ("organisation", ["HBO"])
    assert [b["score"] for b in found] == sorted((b["score"] for b in found), reverse=True)
    people = get(api, "/analytics/sector-bridges?kind=person")
    assert people == [b for b in found if b["kind"] == "person"] != []
    assert ORGANISATION + "vo-raad" not in {b["iri"] for b in found}  # isolated with its member
    get(api, "/analytics/sector-bridges?kind=activity", status=422)


def test_openapi_documents_the_network_routes(api: TestClient) -> None:
    spec = get(api, "/openapi.json")
    for path in ["/analytics/communities", "/analytics/sector-bridges", "/analytics/coverage"]:
        assert spec["paths"][path]["get"]["summary"], path
    schemas = spec["components"]["schemas"]
    for name in ["Community", "SectorBridge", "Coverage", "CoverageCell"]:
        assert schemas[name].get("examples"), name
    assert "without_werkplaats" in schemas["Coverage"]["required"]


def test_cli_prints_the_api_json_and_tables(api: TestClient, neo4j_settings: Settings) -> None:
    result = _cli(neo4j_settings, "networks", "coverage", "--region", "Gelderland", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == get(api, "/analytics/coverage?region=Gelderland")
    table = _cli(neo4j_settings, "networks", "coverage", "--region", "Gelderland")
    assert table.returncode == 0, table.stderr
    assert "huisacademie-spo-rijnvallei, werkplaats-rijnvallei*" in table.stdout
    assert "no werkplaats: Gelderland MBO; Gelderland SO; Gelderland VO" in table.stdout
    communities = _cli(neo4j_settings, "networks", "communities", "--json")
    assert json.loads(communities.stdout) == get(api, "/analytics/communities")
    assert "13 communities" in _cli(neo4j_settings, "networks", "communities").stdout
    people = _cli(neo4j_settings, "networks", "sector-bridges", "--kind", "person", "--json")
    assert json.loads(people.stdout) == get(api, "/analytics/sector-bridges?kind=person")
    bridges = _cli(neo4j_settings, "networks", "sector-bridges")
    rows = [line for line in bridges.stdout.splitlines() if line.startswith("│")]
    assert "Hogeschool Zuiderpoort" in rows[0]
    bad = _cli(neo4j_settings, "networks", "sector-bridges", "--kind", "activity")
    assert bad.returncode == 2 and "--kind takes" in bad.stderr
