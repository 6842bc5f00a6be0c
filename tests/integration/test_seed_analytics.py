"""The seed's questions, with seed and sample loaded; expectations worked out from seed.ttl
(activities, initiatives) and sample.ttl (networks with region and functions)."""

from __future__ import annotations

from neo4j import Driver

from kennisgraaf.queries.analytics.seed import (
    function_sector_matrix,
    functions_without_initiative,
    serving,
)
from tests.analytics_graph import ID

ACTIVITY = ID + "agenda-activity/"
TOOLKIT = ACTIVITY + "onderzoeksgereedschapskist-teaching-and-learning-toolkit"
OPEN_ACCESS = ACTIVITY + "open-access-tot-onderzoeksresultaten"
NATIONAL_NETWORK = ACTIVITY + "verkenning-landelijk-kennisnetwerk"
REGIONAL_NETWORKS = ACTIVITY + "verkenning-regionale-r-d-netwerken"
# the 20 distinct places of the 45 initiatives that have one (seed-initiatives.csv)
INITIATIVE_REGIONS = [
    "AOS Noordoost, Zuidoost, Midden-Brabant en West", "Amsterdam", "Arnhem/Nijmegen", "Borne",
    "Den Haag", "Groningen", "Hoofddorp", "Leiden", "Lent", "Limburg", "Maastricht", "Nederland",
    "Noord-Nederland", "Rijswijk", "Rotterdam", "Scholen Carmel", "Tilburg", "Utrecht", "Venlo",
    "Zuid-Holland",
]  # fmt: skip
ALL = ("articulation", "creation", "organisation", "sharing", "use")


def test_activities_and_initiatives_with_their_functions_and_sectors(
    analytics_graph: tuple[Driver, str],
) -> None:
    everything = serving(*analytics_graph)
    assert len(everything) == 12 + 48
    initiatives = [s for s in everything if s.kind == "Initiative"]
    assert len(initiatives) == 48
    assert all(s.functions == () and s.sectors == () for s in initiatives)  # seed has none
    assert sum(1 for s in initiatives if s.region is None) == 3
    kinds = {s.kind for s in everything if s.kind != "Initiative"}
    assert kinds == {"SpecificActivity", "StructuralExploration"}
    toolkit = next(s for s in everything if s.iri == TOOLKIT)
    assert toolkit.functions == ("organisation", "sharing", "use")
    assert toolkit.sectors == ("HBO", "MBO", "PO", "VO", "WO")

    organising = serving(*analytics_graph, function="organisation")
    expected = [TOOLKIT, OPEN_ACCESS, NATIONAL_NETWORK, REGIONAL_NETWORKS]
    assert [s.iri for s in organising] == expected
    only_po = serving(*analytics_graph, function="sharing", sector="PO")
    assert {s.iri.removeprefix(ACTIVITY) for s in only_po} == {
        "onderzoek-naar-samen-onderzoeken",
        "onderzoeksgereedschapskist-teaching-and-learning-toolkit",
        "ontmoet-een-onderzoeker",
        "open-access-tot-onderzoeksresultaten",
        "verkenning-landelijk-kennisnetwerk",
        "verkenning-regionale-r-d-netwerken",
        "werkplaatsen-onderwijsonderzoek",
    }
    assert serving(*analytics_graph, sector="SO") == []


def test_function_by_sector_matrix(analytics_graph: tuple[Driver, str]) -> None:
    cells = {(c.function, c.sector): c.serving for c in function_sector_matrix(*analytics_graph)}
    assert len(cells) == 5 * 6
    assert [k for k, v in cells.items() if not v] == [(f, "SO") for f in ALL]
    assert cells[("organisation", "MBO")] == (TOOLKIT, NATIONAL_NETWORK, REGIONAL_NETWORKS)
    assert len(cells[("use", "PO")]) == 9
    assert len(cells[("articulation", "VO")]) == 4


def test_functions_no_initiative_serves_per_region(analytics_graph: tuple[Driver, str]) -> None:
    gaps = {g.region: g.missing for g in functions_without_initiative(*analytics_graph)}
    # networks count; Nederland's kennistafel (articulation) and platform (sharing) count everywhere
    assert gaps["Gelderland"] == ("organisation",)
    assert gaps["Groningen"] == ()
    assert gaps["Zuid-Holland"] == ("organisation", "use")
    assert gaps["Rotterdam"] == ("organisation",)
    assert gaps["Noord-Brabant"] == ("organisation",)
    assert gaps["Nederland"] == ("creation", "organisation", "use")
    assert gaps["Borne"] == ("creation", "organisation", "use")
    assert sorted(gaps) == sorted([*INITIATIVE_REGIONS, "Gelderland", "Noord-Brabant"])

    local = {
        g.region: g.missing for g in functions_without_initiative(*analytics_graph, national=None)
    }
    assert local["Gelderland"] == ("articulation", "organisation")
    assert local["Borne"] == ALL

    # the seed's initiatives alone serve no function anywhere
    alone = functions_without_initiative(*analytics_graph, networks=False)
    assert [g.region for g in alone] == INITIATIVE_REGIONS
    assert all(g.missing == ALL and g.served == () for g in alone)

    [zuid_holland] = functions_without_initiative(*analytics_graph, "Zuid-Holland")
    assert zuid_holland.served == ("articulation", "creation", "sharing")
    assert zuid_holland.providers == (
        ID + "initiative/learning-lab-light",
        ID + "network/aos-westerhaven",
    )
    assert functions_without_initiative(*analytics_graph, "Atlantis") == []
