"""Coverage of the five functions by region with the region hierarchy, on the seed alone.

The module loads the vocabularies and ontology/datasets/seed.ttl, nothing else. Expectations are
worked out by hand from loaders/examples: seed-initiatives.csv gives each initiative its
region_code, network_kind and functions, seed-regions.csv the province of each municipality.
Per province, the initiatives and networks in it or in a municipality of it, with the functions
the CSV gives them:

* Gelderland (PV25): Werkplaats Onderwijsonderzoek Gepersonaliseerd leren met ICT (Arnhem/Nijmegen,
  coded PV25; creation, sharing, use) and TALENTontwikkeling (Lent → Nijmegen GM0268; none).
* Zuid-Holland (PV28): Learning lab light (PV28) and Learning lab Snijdersschool (Rijswijk GM0603),
  both creation; Leiden Education Fieldlab (Leiden GM0546; merged into the network, creation);
  six in Den Haag GM0518, EMI and Stadslab in Rotterdam GM0599, none serving a function.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.graph.schema import ensure_schema
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.queries.analytics.networks import coverage, functions_in_region
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID, vocabularies_path
from tests.api_client import api_client
from tests.database import Declare, wipe_database
from tests.integration.test_api_resources import get
from tests.integration.test_cli_queries import _cli
from tests.pipeline_helpers import load

INI, NET = ID + "initiative/", ID + "network/"
GEPERSONALISEERD = INI + "werkplaats-onderwijsonderzoek-gepersonaliseerd-leren-met-ict"
LABS = (
    INI + "learning-lab-light",
    INI + "learning-lab-snijdersschool",
    NET + "leiden-education-fieldlab",
)
WERKPLAATS_VO = INI + "werkplaats-onderwijsonderzoek-vo"
ALL = ("articulation", "creation", "organisation", "sharing", "use")


def _seed_alone(driver: Driver, database: str, folder: Path) -> tuple[Driver, str]:
    wipe_database(driver, database)
    ensure_schema(driver, database)
    for path in (vocabularies_path(), dataset_path("seed")):
        report = load(driver, database, path, folder)
        assert report.status == "loaded", report
    return driver, database


@pytest.fixture(scope="module")
def seed_graph(module_graph: Declare) -> tuple[Driver, str]:
    loaded: tuple[Driver, str] = module_graph(_seed_alone)
    return loaded


def _providers(seed_graph: tuple[Driver, str], region: str) -> dict[str, tuple[str, ...]]:
    found = functions_in_region(*seed_graph, region)
    assert found is not None, region
    return {f.function: f.providers for f in found.functions}


def test_gelderland_has_creation_sharing_and_use_but_no_articulation_or_organisation(
    seed_graph: tuple[Driver, str],
) -> None:
    gelderland = functions_in_region(*seed_graph, "Gelderland")
    assert gelderland is not None
    assert (gelderland.code, gelderland.name) == ("PV25", "Gelderland")
    assert [f.function for f in gelderland.functions] == list(ALL)  # cycle order
    assert gelderland.served == ("creation", "sharing", "use")
    assert gelderland.missing == ("articulation", "organisation")
    assert _providers(seed_graph, "PV25") == {
        "articulation": (),
        "creation": (GEPERSONALISEERD,),
        "organisation": (),
        "sharing": (GEPERSONALISEERD,),
        "use": (GEPERSONALISEERD,),
    }
    assert _providers(seed_graph, "pv25") == _providers(seed_graph, "gelderland")


def test_zuid_holland_counts_its_municipalities_and_has_only_creation(
    seed_graph: tuple[Driver, str],
) -> None:
    # the two labs below the province come through Rijswijk and Leiden (municipalities)
    assert _providers(seed_graph, "Zuid-Holland") == {
        "articulation": (),
        "creation": LABS,
        "organisation": (),
        "sharing": (),
        "use": (),
    }
    rijswijk = _providers(seed_graph, "GM0603")
    assert rijswijk["creation"] == (INI + "learning-lab-snijdersschool",)
    den_haag = functions_in_region(*seed_graph, "Den Haag")  # the municipality's other name
    assert den_haag is not None and den_haag.code == "GM0518" and den_haag.served == ()


def test_the_country_holds_every_province_and_unknown_or_flagged_places_are_no_region(
    seed_graph: tuple[Driver, str],
) -> None:
    country = _providers(seed_graph, "NL01")
    assert country["articulation"] == (
        INI + "kennistafel-pact",
        INI + "r-d-agenda-voor-het-funderend-onderwijs",
    )
    assert country["organisation"] == (INI + "teaching-and-learning-toolkit-eef-verkenning",)
    # creation: BAB Academy, the three labs, the five coded werkplaatsen (Amsterdam, Inspectie,
    # Gepersonaliseerd, Utrecht, VO); School of Education (Noord-Nederland) is flagged, the
    # two MBO werkplaatsen have no place
    assert len(country["creation"]) == 1 + 3 + 5
    assert INI + "werkplaats-onderwijsonderzoek-school-of-education" not in country["creation"]
    assert len(country["sharing"]) == 1 + 5  # the toolkit and the five werkplaatsen
    assert len(country["use"]) == 2 + 5  # BAB Academy, the toolkit and the five werkplaatsen
    limburg = functions_in_region(*seed_graph, "Limburg")
    assert limburg is not None and limburg.missing == ALL
    assert functions_in_region(*seed_graph, "Noord-Nederland") is None
    assert functions_in_region(*seed_graph, "Atlantis") is None


def test_the_coverage_map_follows_the_hierarchy(seed_graph: tuple[Driver, str]) -> None:
    aos = "AOS Noordoost, Zuidoost, Midden-Brabant en West"
    cov = coverage(*seed_graph, ["Noord-Brabant", aos])
    # the werkplaats VO is coded PV30 and keeps its free-text place: found both ways
    for region in cov.regions:
        assert cov.cell(region, "VO", "creation").werkplaatsen == (WERKPLAATS_VO,)
        assert cov.cell(region, "PO", "creation").networks == ()
    [brabant] = cov.region_functions  # the free-text place names no coded region
    assert (brabant.region, brabant.code, brabant.missing) == (
        "Noord-Brabant",
        "PV30",
        ("articulation", "organisation"),
    )


@pytest.fixture(scope="module")
def api(
    seed_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    with api_client(seed_graph[0], neo4j_settings, tmp_path_factory.mktemp("coverage")) as client:
        yield client


def test_route_and_command_report_what_a_region_lacks(
    api: TestClient, neo4j_settings: Settings
) -> None:
    body = get(api, "/analytics/coverage?region=Gelderland&region=PV28")
    lacking = {r["code"]: r["missing"] for r in body["region_functions"]}
    assert lacking == {
        "PV25": ["articulation", "organisation"],
        "PV28": ["articulation", "organisation", "sharing", "use"],
    }
    # no seed network in Gelderland names a sector, so the sector cells stay empty there
    assert all(c["networks"] == [] for c in body["cells"] if c["region"] == "Gelderland")
    result = _cli(neo4j_settings, "networks", "coverage", "--region", "PV28", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == get(api, "/analytics/coverage?region=PV28")
    table = _cli(neo4j_settings, "networks", "coverage", "--region", "Gelderland")
    assert "Gelderland (PV25) lacks an initiative for: articulation, organisation" in table.stdout
