"""Network analytics on the projection; expectations from sample.ttl, and the projection checked
against the same graph built by rdflib straight from the Turtle files."""

from __future__ import annotations

import networkx as nx
import pytest
from neo4j import Driver
from rdflib import Graph, Variable
from rdflib.namespace import Namespace

from kennisgraaf.queries.analytics.networks import (
    Projection,
    boundary_crossers,
    communities,
    coverage,
    measure_projection,
    read_projection,
    sector_bridges,
)
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID, load_graph, turtle_graph

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
PERSON = ID + "person/"
NETWORK = ID + "network/"

CROSSERS = {
    # person: (practice roles, research roles), from the memberships in sample.ttl
    "sanne-de-vries": ({"teacher"}, {"researcher"}),
    "mohamed-el-idrissi": ({"teacher-researcher"}, {"teacher-researcher"}),
    "eva-jansen": ({"teacher-educator"}, {"lector"}),
    "pieter-bakker": ({"school-leader"}, {"researcher"}),
    "lotte-visser": ({"teacher"}, {"practor"}),
    "ayse-demir": ({"research-coordinator"}, {"researcher"}),
}


@pytest.fixture(scope="module")
def graph(
    session_driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Driver, str]:
    database = neo4j_settings.neo4j_database
    load_graph(session_driver, database, tmp_path_factory.mktemp("networks"))
    return session_driver, database


@pytest.fixture(scope="module")
def projection(graph: tuple[Driver, str]) -> Projection:
    return read_projection(*graph)


@pytest.fixture(scope="module")
def rdf() -> Graph:
    return turtle_graph()


def rdf_edges(rdf: Graph) -> set[frozenset[str]]:
    edges: set[frozenset[str]] = set()
    for membership in rdf.subjects(ORG.member, None):
        for person in rdf.objects(membership, ORG.member):
            for organisation in rdf.objects(membership, ORG.organization):
                edges.add(frozenset((str(person), str(organisation))))
    for predicate in (ORG.hasMember, PROV.wasAssociatedWith, ORG.subOrganizationOf):
        for s, o in rdf.subject_objects(predicate):
            edges.add(frozenset((str(s), str(o))))
    return edges


def test_projection_is_the_collaboration_graph_of_the_turtle(
    projection: Projection, rdf: Graph
) -> None:
    expected = rdf_edges(rdf)
    got = {frozenset(e) for e in projection.graph.edges}
    assert got == expected
    assert set(projection.graph) == {n for e in expected for n in e}
    people = projection.of_kind("person")
    assert len(people) == 27  # every person in sample.ttl has a membership
    assert projection.nodes[PERSON + "mohamed-el-idrissi"].sides == ("practice", "research")
    assert projection.nodes[PERSON + "bram-kok"].sides == ("policy",)


def test_boundary_crossers_are_derived_from_roles(
    graph: tuple[Driver, str], projection: Projection
) -> None:
    found = boundary_crossers(*graph, projection)
    assert {c.iri.removeprefix(PERSON) for c in found} == set(CROSSERS)
    for c in found:
        practice, research = CROSSERS[c.iri.removeprefix(PERSON)]
        assert {r.role for r in c.practice_roles} == practice
        assert {r.role for r in c.research_roles} == research
    eva = next(c for c in found if c.iri == PERSON + "eva-jansen")
    assert [r.organisation for r in eva.practice_roles] == [ID + "organisation/pabo-rijnvallei"]
    # ranked by betweenness between the sides, recomputed here on the rdflib-built graph
    assert [c.betweenness for c in found] == sorted((c.betweenness for c in found), reverse=True)
    expected = rdf_side_betweenness(projection)
    for c in found:
        assert c.betweenness == pytest.approx(expected[c.iri])
    assert found[0].betweenness > 0


def rdf_side_betweenness(projection: Projection) -> dict[str, float]:
    rebuilt = nx.Graph()
    rebuilt.add_edges_from(tuple(e) for e in rdf_edges(turtle_graph()))
    sides = {iri: n.sides for iri, n in projection.nodes.items() if n.kind == "person"}
    practice = [p for p, s in sides.items() if "practice" in s]
    research = [p for p, s in sides.items() if "research" in s]
    pairs = sum(1 for s in practice for t in research if s != t)
    raw = nx.betweenness_centrality_subset(rebuilt, practice, research, normalized=False)
    return {n: 2 * v / pairs for n, v in raw.items()}


def test_sparql_twin_gives_the_same_boundary_crossers(rdf: Graph) -> None:
    query = get_query("networks.boundary_crossers_sparql")
    assert query.language == "sparql"
    rows = rdf.query(query.text).bindings
    found = {str(row[Variable("person")]).removeprefix(PERSON) for row in rows}
    assert found == set(CROSSERS)
    assert "yara-koster" not in found  # two practice-side roles only


def test_communities_partition_the_projection(
    graph: tuple[Driver, str], projection: Projection
) -> None:
    found = communities(*graph, projection)
    members = [n for c in found for n in (*c.people, *c.organisations, *c.networks, *c.activities)]
    assert sorted(members) == sorted(projection.graph)  # each node exactly once
    assert [c.size for c in found] == sorted((c.size for c in found), reverse=True)
    # gijs-timmermans (VO-raad) has no other link: his component is a community of its own
    smallest = found[-1]
    assert smallest.people == (PERSON + "gijs-timmermans",)
    assert smallest.organisations == (ID + "organisation/vo-raad",)
    assert communities(*graph, projection) == found  # reproducible


def test_sector_bridges(graph: tuple[Driver, str], projection: Projection) -> None:
    found = sector_bridges(*graph, projection)
    by_iri = {b.iri: b for b in found}
    # people whose organisations lie in two sectors
    assert by_iri[PERSON + "sanne-de-vries"].sectors == ("VO", "WO")
    assert by_iri[PERSON + "pieter-bakker"].sectors == ("PO", "WO")
    assert by_iri[PERSON + "ayse-demir"].sectors == ("VO", "WO")
    assert by_iri[NETWORK + "werkplaats-rijnvallei"].sectors == ("HBO", "PO", "WO")
    assert PERSON + "gijs-timmermans" not in by_iri  # isolated: lies between nothing
    assert all(b.kind != "activity" for b in found)
    assert [b.score for b in found] == sorted((b.score for b in found), reverse=True)
    assert all(b.score > 0 and b.bridged for b in found)
    assert all(a < b for bridge in found for a, b in bridge.bridged)


def test_coverage_map_and_where_there_are_no_werkplaatsen(graph: tuple[Driver, str]) -> None:
    regions = ["Gelderland", "Noord-Brabant", "Rotterdam", "Groningen", "Nederland", "Zuid-Holland"]
    cov = coverage(*graph, regions)
    assert cov.sectors == ("HBO", "MBO", "PO", "SO", "VO", "WO")
    assert cov.functions == ("articulation", "creation", "organisation", "sharing", "use")
    assert cov.cell("Gelderland", "PO", "sharing").networks == (
        NETWORK + "huisacademie-spo-rijnvallei",
        NETWORK + "werkplaats-rijnvallei",
    )
    assert cov.cell("Gelderland", "PO", "sharing").werkplaatsen == (
        NETWORK + "werkplaats-rijnvallei",
    )
    assert cov.cell("Gelderland", "PO", "articulation").networks == ()
    assert cov.cell("Nederland", "PO", "articulation").networks == (
        NETWORK + "kennistafel-begrijpend-lezen",
    )
    # R&D-netwerk Noord serves all five functions for every sector but SO
    assert [g for g in cov.gaps() if g[0] == "Groningen"] == [
        ("Groningen", "SO", f) for f in cov.functions
    ]
    without = cov.without_werkplaats()
    assert [s for r, s in without if r == "Gelderland"] == ["MBO", "SO", "VO"]
    assert [s for r, s in without if r == "Noord-Brabant"] == ["MBO", "VO", "WO"]
    no_werkplaats = ["Rotterdam", "Groningen", "Nederland", "Zuid-Holland"]
    assert cov.regions_without_werkplaats() == no_werkplaats
    every = coverage(*graph)
    assert {"Gelderland", "Borne", "Zeeland"} <= set(every.regions)  # networks, initiatives, orgs
    assert len(every.cells) == len(every.regions) * 6 * 5


def test_projection_cost_is_measured(graph: tuple[Driver, str], rdf: Graph) -> None:
    cost = measure_projection(*graph)
    print(f"\nprojection cost on the sample: {cost}")
    edges = rdf_edges(rdf)
    assert cost.edges == len(edges)
    assert cost.nodes == len({n for e in edges for n in e})
    assert cost.read_seconds < 5 and cost.bridges_seconds < 5
