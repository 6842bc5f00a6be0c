"""Network analytics on the projection; expectations from sample.ttl, the projection checked
against the same graph built by rdflib straight from the Turtle files, and betweenness worked
out by hand on a graph of six nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from rdflib import Graph, Variable
from rdflib.namespace import Namespace

from kennisgraaf.queries.analytics.networks import (
    Projection,
    boundary_crossers,
    communities,
    coverage,
    read_projection,
    sector_bridges,
    side_betweenness,
)
from kennisgraaf.queries.registry import get_query
from tests.analytics_graph import ID, turtle_graph, vocabularies_path
from tests.pipeline_helpers import load

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
def projection(analytics_graph: tuple[Driver, str]) -> Projection:
    return read_projection(*analytics_graph)


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
    analytics_graph: tuple[Driver, str], projection: Projection
) -> None:
    found = boundary_crossers(*analytics_graph, projection)
    assert {c.iri.removeprefix(PERSON) for c in found} == set(CROSSERS)
    for c in found:
        practice, research = CROSSERS[c.iri.removeprefix(PERSON)]
        assert {r.role for r in c.practice_roles} == practice
        assert {r.role for r in c.research_roles} == research
    eva = next(c for c in found if c.iri == PERSON + "eva-jansen")
    assert [r.organisation for r in eva.practice_roles] == [ID + "organisation/pabo-rijnvallei"]
    # ranked by betweenness between the sides (its values: test_betweenness_by_hand below)
    assert [c.betweenness for c in found] == sorted((c.betweenness for c in found), reverse=True)
    assert found[0].betweenness > 0


def test_sparql_twin_gives_the_same_boundary_crossers(rdf: Graph) -> None:
    query = get_query("networks.boundary_crossers_sparql")
    assert query.language == "sparql"
    rows = rdf.query(query.text).bindings
    found = {str(row[Variable("person")]).removeprefix(PERSON) for row in rows}
    assert found == set(CROSSERS)
    assert "yara-koster" not in found  # two practice-side roles only


def test_communities_partition_the_projection(
    analytics_graph: tuple[Driver, str], projection: Projection
) -> None:
    found = communities(*analytics_graph, projection)
    members = [n for c in found for n in (*c.people, *c.organisations, *c.networks, *c.activities)]
    assert sorted(members) == sorted(projection.graph)  # each node exactly once
    assert [c.size for c in found] == sorted((c.size for c in found), reverse=True)
    # gijs-timmermans (VO-raad) has no other link: his component is a community of its own
    smallest = found[-1]
    assert smallest.people == (PERSON + "gijs-timmermans",)
    assert smallest.organisations == (ID + "organisation/vo-raad",)
    assert communities(*analytics_graph, projection) == found  # reproducible


def test_sector_bridges(analytics_graph: tuple[Driver, str], projection: Projection) -> None:
    found = sector_bridges(*analytics_graph, projection)
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


def test_coverage_map_and_where_there_are_no_werkplaatsen(
    analytics_graph: tuple[Driver, str],
) -> None:
    regions = ["Gelderland", "Noord-Brabant", "Rotterdam", "Groningen", "Nederland", "Zuid-Holland"]
    cov = coverage(*analytics_graph, regions)
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
    # the seed's Werkplaats Onderwijsonderzoek VO lies in Noord-Brabant (PV30), so in the country
    assert [s for r, s in without if r == "Noord-Brabant"] == ["MBO", "WO"]
    no_werkplaats = ["Rotterdam", "Groningen", "Zuid-Holland"]
    assert cov.regions_without_werkplaats() == no_werkplaats
    every = coverage(*analytics_graph)
    assert {"Gelderland", "Borne", "Zeeland"} <= set(every.regions)  # networks, initiatives, orgs
    assert len(every.cells) == len(every.regions) * 6 * 5


# Two organisations, four people. A is a teacher at school S, B a researcher at university U,
# X a teacher at S and a researcher at U, Y a teacher-researcher (one role on both sides) at S.
SMALL = """\
@prefix foaf:   <http://xmlns.com/foaf/0.1/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix kg:     <https://w3id.org/kennisgraaf/def#> .
@prefix role:   <https://w3id.org/kennisgraaf/def/role/> .
@prefix sector: <https://w3id.org/kennisgraaf/def/sector/> .
@prefix o:      <https://w3id.org/kennisgraaf/id/organisation/> .
@prefix person: <https://w3id.org/kennisgraaf/id/person/> .
@prefix m:      <https://w3id.org/kennisgraaf/id/membership/> .

o:s a kg:School ; foaf:name "S" ; kg:sector sector:PO .
o:u a kg:University ; foaf:name "U" ; kg:sector sector:WO .
person:a a kg:Person ; foaf:name "A" .
person:b a kg:Person ; foaf:name "B" .
person:x a kg:Person ; foaf:name "X" .
person:y a kg:Person ; foaf:name "Y" .
m:a-s a org:Membership ; org:member person:a ; org:organization o:s ; org:role role:teacher .
m:b-u a org:Membership ; org:member person:b ; org:organization o:u ; org:role role:researcher .
m:x-s a org:Membership ; org:member person:x ; org:organization o:s ; org:role role:teacher .
m:x-u a org:Membership ; org:member person:x ; org:organization o:u ; org:role role:researcher .
m:y-s a org:Membership ; org:member person:y ; org:organization o:s ;
    org:role role:teacher-researcher .
"""


def test_betweenness_by_hand(driver: Driver, database: str, tmp_path: Path) -> None:
    small = tmp_path / "small.ttl"
    small.write_text(SMALL, encoding="utf-8")
    for path in (vocabularies_path(), small):
        assert load(driver, database, path, tmp_path).status == "loaded"
    # The projection is the path A - S - X - U - B with Y hanging off S. Practice side: A, X, Y;
    # research side: B, X, Y. Pairs (s, t), s on the practice side, t on the research side,
    # s != t: 7. Each has one shortest path; the nodes inside it:
    #   A→B: S, X, U   A→X: S   A→Y: S   X→B: U   X→Y: S   Y→B: S, X, U   Y→X: S
    # A node's betweenness is the share of the 7 pairs whose path it lies inside:
    # S 6/7, U 3/7, X 2/7 (A→B, Y→B), Y, A and B 0.
    projection = read_projection(driver, database)
    between = side_betweenness(projection)
    assert between == pytest.approx(
        {ID + "organisation/s": 6 / 7, ID + "organisation/u": 3 / 7, PERSON + "x": 2 / 7,
         PERSON + "y": 0.0, PERSON + "a": 0.0, PERSON + "b": 0.0}
    )  # fmt: skip
    found = boundary_crossers(driver, database)
    assert [(c.iri, c.betweenness) for c in found] == [
        (PERSON + "x", pytest.approx(2 / 7)),
        (PERSON + "y", 0.0),
    ]
