"""The seed's questions, with seed and sample loaded; expectations worked out from the seed
tables (loaders/examples/seed-activities.csv and seed-initiatives.csv: activities, initiatives
with their sectors and functions) and sample.ttl (networks with region and functions)."""

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
INITIATIVE = ID + "initiative/"
TOOLKIT_EXPLORATION = INITIATIVE + "teaching-and-learning-toolkit-eef-verkenning"


def test_activities_and_initiatives_with_their_functions_and_sectors(
    analytics_graph: tuple[Driver, str],
) -> None:
    everything = serving(*analytics_graph)
    assert len(everything) == 12 + 48
    initiatives = [s for s in everything if s.kind == "Initiative"]
    assert len(initiatives) == 48
    # seed-initiatives.csv gives 15 initiatives functions and 10 sectors
    assert sum(1 for s in initiatives if s.functions) == 15
    assert sum(1 for s in initiatives if s.sectors) == 10
    bab = next(s for s in initiatives if s.iri == INITIATIVE + "bab-academy")
    assert (bab.functions, bab.sectors, bab.region) == (("creation", "use"), ("PO",), "Nederland")
    assert sum(1 for s in initiatives if s.region is None) == 3
    kinds = {s.kind for s in everything if s.kind != "Initiative"}
    assert kinds == {"SpecificActivity", "StructuralExploration"}
    toolkit = next(s for s in everything if s.iri == TOOLKIT)
    assert toolkit.functions == ("organisation", "sharing", "use")
    assert toolkit.sectors == ("HBO", "MBO", "PO", "VO", "WO")

    organising = serving(*analytics_graph, function="organisation")
    expected = [TOOLKIT_EXPLORATION, TOOLKIT, OPEN_ACCESS, NATIONAL_NETWORK, REGIONAL_NETWORKS]
    assert [s.iri for s in organising] == expected
    only_po = serving(*analytics_graph, function="sharing", sector="PO")
    assert {s.iri.removeprefix(ACTIVITY) for s in only_po} == {
        TOOLKIT_EXPLORATION,
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
    assert cells[("organisation", "MBO")] == (
        TOOLKIT, NATIONAL_NETWORK, REGIONAL_NETWORKS, TOOLKIT_EXPLORATION
    )  # fmt: skip
    # nine activities, and the BAB Academy and the toolkit exploration among the initiatives
    assert len(cells[("use", "PO")]) == 9 + 2
    # four activities, and the R&D-agenda voor het funderend onderwijs (PO, VO)
    assert len(cells[("articulation", "VO")]) == 4 + 1


def test_functions_no_initiative_serves_per_region(analytics_graph: tuple[Driver, str]) -> None:
    gaps = {g.region: g.missing for g in functions_without_initiative(*analytics_graph)}
    # what is in Nederland counts everywhere, and the seed's national initiatives now serve all
    # five: Kennistafel PACT (articulation), the toolkit exploration (organisation), the BAB
    # Academy and the Inspectie's werkplaatsen (creation, sharing, use)
    assert sorted(gaps) == sorted([*INITIATIVE_REGIONS, "Gelderland", "Noord-Brabant"])
    assert all(missing == () for missing in gaps.values())

    local = {
        g.region: g.missing for g in functions_without_initiative(*analytics_graph, national=None)
    }
    assert local["Gelderland"] == ("articulation", "organisation")
    assert local["Borne"] == ALL
    assert local["Arnhem/Nijmegen"] == ("articulation", "organisation")  # its werkplaats
    assert local["Nederland"] == ()

    # the seed's initiatives alone (networks only when also an initiative), places as written
    alone = {
        g.region: g
        for g in functions_without_initiative(*analytics_graph, networks=False, national=None)
    }
    assert sorted(alone) == INITIATIVE_REGIONS
    assert alone["Zuid-Holland"].served == ("creation",)  # Learning lab light
    assert alone["Leiden"].served == ("creation",)  # Leiden Education Fieldlab, merged
    assert alone["Den Haag"].missing == ALL
    assert alone["Utrecht"].served == ("creation", "sharing", "use")

    [zuid_holland] = functions_without_initiative(*analytics_graph, "Zuid-Holland")
    assert zuid_holland.served == ALL
    assert zuid_holland.providers == (
        ID + "initiative/learning-lab-light",
        ID + "network/aos-westerhaven",
    )
    assert functions_without_initiative(*analytics_graph, "Atlantis") == []
