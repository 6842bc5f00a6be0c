"""Coverage on real geography over the seed, the sample and the registers (CBS municipalities,
DUO school locations, ROR), as `kennisgraaf demo` loads them, plus two networks whose members
are taken from the register files here: a location and a whole institution (BRIN) in a network
that shares research, a board and the same location in one that serves use only.

Every expectation is worked out in this module from the files, apart from Neo4j: the schools of
a province are the DUO locations whose municipality the CBS file places in it (rows the load
refused left out, a location in two files counted once); a school is in a network when rdflib
finds, in seed.ttl, sample.ttl or the networks written here, an org:hasMember naming its
location, its institution or its board. Whatever the register folders hold (they grow), the
expectations follow them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import ORG

from kennisgraaf.cli.demo import register_inputs
from kennisgraaf.queries.analytics.geography import province_detail, provinces
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID, load_graph, turtle_graph
from tests.api_client import api_client
from tests.database import Declare
from tests.integration.test_api_resources import get
from tests.integration.test_cli_queries import _cli
from tests.integration.test_home_nro import home, table_rows
from tests.pipeline_helpers import load

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = ROOT / "data" / "registers"
KG = Namespace("https://w3id.org/kennisgraaf/def#")
ORGANISATION = ID + "organisation/"
FUNCTIONS = ("articulation", "creation", "organisation", "sharing", "use")
PREFIXES = """
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix fn: <https://w3id.org/kennisgraaf/def/function/> .
@prefix netkind: <https://w3id.org/kennisgraaf/def/network-kind/> .
@prefix sector: <https://w3id.org/kennisgraaf/def/sector/> .
"""  # of the members files written here and in test_demo_registers.py


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    location: str  # IRIs, as the duo loader mints them from the row's codes
    institution: str
    board: str
    municipality: str  # GM code


def _duo_rows() -> list[Row]:
    rows = []
    for path, kind in register_inputs(REGISTERS):
        if kind != "duo":
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for line, r in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
                brin = (r.get("INSTELLINGSCODE") or r["BRIN NUMMER"]).strip()
                code = (r.get("VESTIGINGSCODE") or r["VESTIGINGSNUMMER"]).strip()
                code = brin + code if len(code) == 2 else code
                rows.append(
                    Row(
                        path.name,
                        line,
                        ORGANISATION + "brin/" + code,
                        ORGANISATION + "brin/" + brin,
                        ORGANISATION + "bevoegd-gezag/" + r["BEVOEGD GEZAG NUMMER"].strip(),
                        "GM" + r["GEMEENTENUMMER"].strip().zfill(4),
                    )
                )
    return rows


def _cbs(name: str) -> dict[str, str]:
    """code → province (municipalities files) or code → name (provinces.csv)."""
    found: dict[str, str] = {}
    for path in sorted((REGISTERS / "cbs").glob(name)):
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                found[r["code"]] = r["province"] if "province" in r else r["name"]
    return found


PROVINCES = _cbs("provinces.csv")
MUNICIPALITIES = _cbs("municipalities*.csv")
ROWS = _duo_rows()


def _members_turtle() -> str:
    """Two networks over register entries: placed rows chosen in file order."""
    placed = [r for r in ROWS if r.municipality in MUNICIPALITIES]
    assert placed, "no DUO row lies in a municipality of the CBS file"
    location = placed[0]
    institution = next(r for r in placed if r.institution != location.institution)
    board = next(
        r for r in placed if r.board not in (location.board, institution.board)
    )  # fmt: skip
    return (
        PREFIXES
        + f"""
<{location.location}> a kg:School .
<{institution.institution}> a kg:School .
<{board.board}> a kg:SchoolBoard .

<{ID}network/geo-test-sharing> a kg:Network ;
    foaf:name "Geografie-testnetwerk (delen)" ;
    kg:networkKind netkind:werkplaats ;
    kg:sector sector:VO ;
    kg:servesFunction fn:creation , fn:sharing ;
    org:hasMember <{location.location}> , <{institution.institution}> .

<{ID}network/geo-test-use> a kg:Network ;
    foaf:name "Geografie-testnetwerk (benutting)" ;
    kg:networkKind netkind:datateam ;
    kg:sector sector:VO ;
    kg:servesFunction fn:use ;
    org:hasMember <{board.board}> , <{location.location}> .
"""
    )


MEMBERS_TTL = _members_turtle()


@dataclass(frozen=True)
class Loaded:
    driver: Driver
    database: str
    refused: frozenset[tuple[str, int]]  # (file, line) of DUO rows the load kept out


def _geography(driver: Driver, database: str, folder: Path) -> Loaded:
    load_graph(driver, database, folder)  # vocabularies, seed, sample
    refused = set()
    for path, kind in register_inputs(REGISTERS):
        report = load(driver, database, path, folder, kind=kind)
        assert report.status == "loaded", report
        refused |= {(r.file, r.line) for r in report.refused_records if r.line is not None}
    members = folder / "geo-members.ttl"
    members.write_text(MEMBERS_TTL, encoding="utf-8")
    report = load(driver, database, members, folder)
    assert report.rejections == [], report.rejections
    return Loaded(driver, database, frozenset(refused))


@pytest.fixture(scope="module")
def geo(module_graph: Declare) -> Loaded:
    loaded: Loaded = module_graph(_geography)
    return loaded


def _networks_of() -> dict[str, set[str]]:
    """member IRI → the functions of each network naming it, read by rdflib from the files."""
    graph: Graph = turtle_graph()
    graph.parse(data=MEMBERS_TTL, format="turtle")
    served: dict[str, list[frozenset[str]]] = defaultdict(list)
    for network in graph.subjects(RDF.type, KG.Network):
        functions = frozenset(
            str(f).rsplit("/", 1)[-1] for f in graph.objects(network, KG.servesFunction)
        )
        for member in graph.objects(network, ORG.hasMember):
            assert isinstance(member, URIRef)
            served[str(member)].append(functions)
    return {m: set().union(*fs) | {"member"} for m, fs in served.items()}


def _counts(rows: list[Row]) -> dict[str, Any]:
    member = _networks_of()
    per_school = [
        set().union(*(member.get(iri, set()) for iri in (r.location, r.institution, r.board)))
        for r in rows
    ]
    return {
        "schools": len(rows),
        "in_network": sum(1 for s in per_school if "member" in s),
        "sharing": sum(1 for s in per_school if "sharing" in s),
        "functions": [
            {"function": f, "schools": sum(1 for s in per_school if f in s)} for f in FUNCTIONS
        ],
    }


def _loaded_rows(geo: Loaded) -> list[Row]:
    """The rows loaded, each location once: a location two files give (the Drenthe excerpt's
    rows are the national file's too) is one school in the graph."""
    kept: dict[str, Row] = {}
    for r in ROWS:
        if (r.file, r.line) not in geo.refused:
            kept.setdefault(r.location, r)
    return list(kept.values())


def expected_provinces(geo: Loaded) -> dict[str, dict[str, Any]]:
    by_province: dict[str, list[Row]] = {code: [] for code in PROVINCES}
    for r in _loaded_rows(geo):
        if r.municipality in MUNICIPALITIES:
            by_province[MUNICIPALITIES[r.municipality]].append(r)
    return {code: _counts(rows) for code, rows in by_province.items()}


def _found(regions: list[Any]) -> dict[str, dict[str, Any]]:
    keys = ("schools", "in_network", "sharing", "functions")
    return {
        r["code"]: {k: [dict(function=f["function"], schools=f["schools"]) for f in r[k]]
                    if k == "functions" else r[k] for k in keys}
        for r in regions
    }  # fmt: skip


# Mutation caught: counting only the location's own membership (org_subOrganizationOf*0..0,
# not its institution's or board's) gives Drenthe 1 school in a network instead of 9.
def test_every_province_counts_the_register_schools_and_their_networks(geo: Loaded) -> None:
    found = [p.model_dump(mode="json") for p in provinces(geo.driver, geo.database)]
    expected = expected_provinces(geo)
    assert [p["code"] for p in found] == sorted(PROVINCES) and len(found) == 12
    assert _found(found) == expected
    # the networks written here reach schools; the counts are not all zero
    assert (
        sum(e["in_network"] for e in expected.values())
        > sum(e["sharing"] for e in expected.values())
        > 0
    )
    for p in found:
        share = p["in_network"] / p["schools"] if p["schools"] else None
        assert p["in_network_share"] == share


def test_how_many_schools_in_zeeland_are_in_a_network_that_shares_research(
    geo: Loaded, neo4j_settings: Settings
) -> None:
    zeeland = expected_provinces(geo)["PV29"]
    for asked in ("Zeeland", "zeeland", "PV29", "pv29"):
        rows = provinces(geo.driver, geo.database, asked)
        assert [(r.code, r.schools, r.sharing) for r in rows] == [
            ("PV29", zeeland["schools"], zeeland["sharing"])
        ]
    assert provinces(geo.driver, geo.database, "Atlantis") == []
    # the same question as a named query on the command line
    result = _cli(neo4j_settings, "query", "geography.province_coverage",
                  "-p", "province=Zeeland", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["code"], r["schools"], r["sharing"]) for r in rows] == [
        ("PV29", zeeland["schools"], zeeland["sharing"])
    ]


@pytest.fixture(scope="module")
def geo_api(
    geo: Loaded, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with api_client(geo.driver, neo4j_settings, tmp_path_factory.mktemp("geo")) as client:
        yield client


def _busiest_province(geo: Loaded) -> str:
    """The province with most schools in a network (ties: the lowest code)."""
    expected = expected_provinces(geo)
    return min(expected, key=lambda c: (-expected[c]["in_network"], c))


# Mutation caught: the municipality query giving in_network as sharing (Hoogeveen, GM0118:
# 5 in a network, none in one that shares research, read 5).
def test_a_province_route_gives_each_of_its_municipalities(
    geo: Loaded, geo_api: TestClient
) -> None:
    code = _busiest_province(geo)
    body = get(geo_api, f"/analytics/geography/provinces/{PROVINCES[code]}")
    assert body["province"]["code"] == code
    assert _found([body["province"]]) == {code: expected_provinces(geo)[code]}
    by_municipality: dict[str, list[Row]] = {
        gm: [] for gm, pv in MUNICIPALITIES.items() if pv == code
    }  # fmt: skip
    for r in _loaded_rows(geo):
        if r.municipality in by_municipality:
            by_municipality[r.municipality].append(r)
    expected = {gm: _counts(rows) for gm, rows in by_municipality.items()}
    assert _found(body["municipalities"]) == expected
    assert sum(m["schools"] for m in body["municipalities"]) == body["province"]["schools"]
    missing = get(geo_api, "/analytics/geography/provinces/Atlantis", status=404)
    assert "Atlantis" in json.dumps(missing)
    listed = get(geo_api, f"/analytics/geography/provinces?province={code.lower()}")
    assert [p["code"] for p in listed] == [code]


def test_schools_no_province_holds_are_listed_apart(geo: Loaded, geo_api: TestClient) -> None:
    unplaced = Counter(
        r.municipality for r in _loaded_rows(geo) if r.municipality not in MUNICIPALITIES
    )
    body = get(geo_api, "/analytics/geography/unplaced")
    assert {r["region"].rsplit("/", 1)[-1]: r["schools"] for r in body} == unplaced
    placed = sum(p["schools"] for p in get(geo_api, "/analytics/geography/provinces"))
    assert placed + sum(unplaced.values()) == len(_loaded_rows(geo))


# Mutation caught: the template showing in_network in the sharing column (Drenthe's "4 (9%)"
# read "9 (9%)").
def test_home_lists_the_twelve_provinces_in_both_languages(
    geo: Loaded, geo_api: TestClient
) -> None:
    expected = expected_provinces(geo)

    def pct(part: int, whole: int) -> str:
        return f"{round(100 * part / whole)}%" if whole else "–"

    names: dict[str, dict[str, str]] = {
        lang: {p.code: p.name[lang] for p in provinces(geo.driver, geo.database)}
        for lang in ("en", "nl")
    }
    for lang in ("en", "nl"):
        html = home(geo_api, lang)
        rows = table_rows(html, "province-table")
        assert rows == [
            [names[lang][code], str(e["schools"]), str(e["in_network"]),
             pct(e["in_network"], e["schools"]),
             f"{e['sharing']} ({pct(e['sharing'], e['schools'])})", code]
            for code, e in sorted(expected.items())
        ]  # fmt: skip
        busiest = _busiest_province(geo)
        assert f'href="/analytics/geography/provinces/{busiest}"' in html
        assert f'href="/def/region/{busiest}"' in html
    assert "Schools by province" in home(geo_api, "en")
    assert "Scholen per provincie" in home(geo_api, "nl")
    assert names["en"]["PV30"] == "North Brabant" and names["nl"]["PV30"] == "Noord-Brabant"


def test_a_province_detail_is_none_for_no_province(geo: Loaded) -> None:
    assert province_detail(geo.driver, geo.database, "Gelderland") is not None
    assert province_detail(geo.driver, geo.database, "GM0268") is None  # a municipality
