"""The research agendas of the seed in the graph, on the seed alone.

Expectations are read by hand off loaders/examples/seed-agendas.csv (the agendas, their kind,
makers and the agenda activities that serve them) and seed-relations.csv (the landelijke
R&D-agenda is linked to the Kennisagenda): four agendas, undated; the document names no item on
any of them, so agenda.items has nothing to list.
"""

from __future__ import annotations

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.agenda import agenda_items
from tests.analytics_graph import ID
from tests.database import Declare
from tests.integration.test_coverage_by_region import _seed_alone

NATIONAL = ID + "agenda/landelijke-r-d-agenda"
KENNISAGENDA = ID + "agenda/kennisagenda-ministerie-van-ocw"
VH = ID + "agenda/strategische-onderzoeksagenda-vereniging-hogescholen"
FUNDEREND = ID + "initiative/r-d-agenda-voor-het-funderend-onderwijs"
ORG, ACT = ID + "organisation/", ID + "agenda-activity/"

# every research agenda with its kind, its makers, the agenda activities of the 2019 agenda that
# serve it and the agendas it is linked to, each list sorted
AGENDAS = """
MATCH (a:ResearchAgenda:PolicyDocument)
RETURN a.iri AS agenda, a.`dcterms_title@nl` AS title,
       COLLECT { MATCH (a)-[:agendaKind]->(k) RETURN k.skos_notation }[0] AS kind,
       a.dcterms_issued AS issued,
       COLLECT { MATCH (a)-[:dcterms_creator]->(o:Organisation) RETURN o.iri ORDER BY o.iri }
         AS creators,
       COLLECT { MATCH (x:AgendaActivity)-[:dcterms_relation]->(a)
                 WHERE (x)-[:dcterms_isPartOf]->(:PolicyDocument {iri: $document})
                 RETURN x.iri ORDER BY x.iri } AS activities,
       COLLECT { MATCH (a)-[:dcterms_relation]->(b:ResearchAgenda) RETURN b.iri } AS linked
ORDER BY agenda
"""
DOCUMENT = ID + "document/ontwikkelagenda-kennisinfrastructuur-2019"


@pytest.fixture(scope="module")
def seed_graph(module_graph: Declare) -> tuple[Driver, str]:
    loaded: tuple[Driver, str] = module_graph(_seed_alone)
    return loaded


def test_the_seed_holds_its_four_agendas_with_makers_and_activities(
    seed_graph: tuple[Driver, str],
) -> None:
    driver, database = seed_graph
    records, _, _ = driver.execute_query(AGENDAS, document=DOCUMENT, database_=database)
    councils = sorted(
        ORG + c for c in ("po-raad", "vo-raad", "mbo-raad", "vereniging-hogescholen", "vsnu")
    )
    assert [dict(r) for r in records] == [
        {
            "agenda": KENNISAGENDA,
            "title": "Kennisagenda van het Ministerie van OCW",
            "kind": "kennisagenda",
            "issued": None,
            "creators": [ORG + "ministerie-van-ocw"],
            "activities": [],
            "linked": [],
        },
        {
            "agenda": NATIONAL,
            "title": "Landelijke R&D-agenda",
            "kind": "national-rd-agenda",
            "issued": None,
            "creators": councils,
            "activities": [
                ACT + "kennistafels",
                ACT + "regionale-en-landelijke-r-d-agenda-s",
                ACT + "verkenning-regionale-r-d-netwerken",
            ],
            "linked": [KENNISAGENDA],
        },
        {
            "agenda": VH,
            "title": "Strategische onderzoeksagenda van de Vereniging Hogescholen",
            "kind": "council-research-agenda",
            "issued": None,
            "creators": [ORG + "vereniging-hogescholen"],
            "activities": [ACT + "kennistafels"],
            "linked": [],
        },
        {
            "agenda": FUNDEREND,
            "title": "R&D-agenda voor het funderend onderwijs",
            "kind": "council-research-agenda",
            "issued": None,
            "creators": [ORG + "po-raad", ORG + "vo-raad"],
            "activities": [ACT + "kennistafels"],
            "linked": [],
        },
    ]


def test_agenda_items_knows_the_seed_agendas_and_lists_no_item(
    seed_graph: tuple[Driver, str],
) -> None:
    # the document names no theme or question on any agenda, so there is no kg:AgendaItem
    assert agenda_items(*seed_graph) == []
    for agenda in (NATIONAL, KENNISAGENDA, VH, FUNDEREND):
        assert agenda_items(*seed_graph, agenda=agenda) == []
    with pytest.raises(InputError, match="is not a research agenda"):
        agenda_items(*seed_graph, agenda=ACT + "kennistafels")
