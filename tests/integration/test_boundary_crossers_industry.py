"""Boundary crossers with the industry side: roles on any two of practice, research and industry
make one (kg:BoundaryCrosser's definition), in the Cypher query, the person page and the SPARQL
twin alike. The people below are invented for this test."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from neo4j import Driver
from rdflib import Namespace, Variable

from kennisgraaf.ontology.files import ontology_graph, vocabularies_graph
from kennisgraaf.queries.analytics.networks import boundary_crossers
from kennisgraaf.queries.registry import get_query
from kennisgraaf.queries.runner import read
from tests.pipeline_helpers import load

ID = "https://w3id.org/kennisgraaf/id/"
KG = Namespace("https://w3id.org/kennisgraaf/def#")

PEOPLE = """\
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sector: <https://w3id.org/kennisgraaf/def/sector/> .
@prefix role: <https://w3id.org/kennisgraaf/def/role/> .
@prefix id: <https://w3id.org/kennisgraaf/id/> .

id:organisation\\/mbo-test-college a kg:School ; foaf:name "Mbo Testcollege" ;
    kg:sector sector:MBO .
id:organisation\\/bouwbedrijf-test a kg:Organisation ; foaf:name "Bouwbedrijf Test" .

# one role on two sides (practice and industry)
id:person\\/hybride-docent a kg:Person ; foaf:name "Hybride Docent" .
id:membership\\/hybride-docent a org:Membership ; org:member id:person\\/hybride-docent ;
    org:organization id:organisation\\/mbo-test-college ; org:role role:hybrid-teacher ;
    kg:startDate "2021-08-01"^^xsd:date .

# two roles, practice at a school and industry at a company
id:person\\/leraar-en-vakman a kg:Person ; foaf:name "Leraar en Vakman" .
id:membership\\/leraar-en-vakman-1 a org:Membership ; org:member id:person\\/leraar-en-vakman ;
    org:organization id:organisation\\/mbo-test-college ; org:role role:teacher ;
    kg:startDate "2020-08-01"^^xsd:date .
id:membership\\/leraar-en-vakman-2 a org:Membership ; org:member id:person\\/leraar-en-vakman ;
    org:organization id:organisation\\/bouwbedrijf-test ; org:role role:professional ;
    kg:startDate "2018-01-01"^^xsd:date .

# industry only: not a boundary crosser
id:person\\/alleen-vakman a kg:Person ; foaf:name "Alleen Vakman" .
id:membership\\/alleen-vakman a org:Membership ; org:member id:person\\/alleen-vakman ;
    org:organization id:organisation\\/bouwbedrijf-test ; org:role role:professional ;
    kg:startDate "2019-01-01"^^xsd:date .
"""

CROSSERS = {"hybride-docent", "leraar-en-vakman"}


def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.ttl"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def test_industry_side_counts_in_cypher_and_person_page(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    load(driver, database, vocabularies, tmp_path)
    report = load(driver, database, people(tmp_path), tmp_path)
    assert report.rejected_resources == 0
    found = {c.iri.removeprefix(ID + "person/"): c for c in boundary_crossers(driver, database)}
    assert set(found) == CROSSERS
    hybrid = found["hybride-docent"]
    assert [r.role for r in hybrid.practice_roles] == ["hybrid-teacher"]
    assert [r.role for r in hybrid.industry_roles] == ["hybrid-teacher"]
    assert hybrid.research_roles == ()
    both = found["leraar-en-vakman"]
    assert [r.role for r in both.practice_roles] == ["teacher"]
    assert [r.organisation for r in both.industry_roles] == [ID + "organisation/bouwbedrijf-test"]
    flags = {
        key: read(driver, database, "api.person", iri=ID + "person/" + key)[0]["boundary_crosser"]
        for key in ("hybride-docent", "leraar-en-vakman", "alleen-vakman")
    }
    assert flags == {"hybride-docent": True, "leraar-en-vakman": True, "alleen-vakman": False}


def test_sparql_twin_and_derivation_query_agree(tmp_path: Path) -> None:
    graph = vocabularies_graph()
    graph.parse(people(tmp_path))
    twin = get_query("networks.boundary_crossers_sparql").text
    rows = graph.query(twin).bindings
    found = {str(r[Variable("person")]).removeprefix(ID + "person/") for r in rows}
    assert found == CROSSERS
    (derivation,) = ontology_graph().objects(KG.BoundaryCrosser, KG.derivationQuery)
    rows = graph.query(str(derivation)).bindings
    derived = {str(r[Variable("person")]).removeprefix(ID + "person/") for r in rows}
    assert derived == CROSSERS
