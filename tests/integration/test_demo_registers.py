"""The demo's loads on a real Neo4j, in its order (vocabularies, seed, sample, the Kennisrotonde
example, then the registers of data/registers: CBS, DUO, ROR) and the linking run that follows
them, then a few network members as a loader describes them (none a register entry) linked
again:

- nothing of any file is rejected or quarantined: the organisations the sample describes under
  their ROR ID's IRI keep the sample's name, ROR's display name becoming one of their labels;
- the network members link to the register schools by BRIN and by name and municipality, and
  the province coverage counts the register's locations they name through those links.

Every expectation is worked out here from the files (the DUO and CBS files, the ROR snapshot,
sample.ttl), apart from Neo4j and apart from the linking itself.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rdflib import Graph, URIRef
from rich.console import Console

from kennisgraaf.cli.demo import DemoLoad, load_demo_data
from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.register_links import LinkReport, link_registers
from kennisgraaf.loaders.register_names import fold
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.queries.analytics.geography import provinces
from kennisgraaf.settings import Settings
from tests.database import Declare
from tests.integration.test_cli_queries import _cli
from tests.integration.test_geography import (
    FUNCTIONS,
    MUNICIPALITIES,
    PREFIXES,
    PROVINCES,
    ROWS,
    Row,
)
from tests.pipeline_helpers import BASE, load
from tests.register_graph import REGISTERS, ROR_FILE

EX = "https://example.org/member/"
REGION = "https://w3id.org/kennisgraaf/id/region/"
KG = "https://w3id.org/kennisgraaf/def#"


@dataclass(frozen=True)
class Chosen:
    """Register rows the members name: a whole institution (by its BRIN), a location by its
    name in its municipality, and a location whose BRIN a school of a member board carries."""

    institution: str  # BRIN
    by_name: Row
    name: str  # the location's name as the register writes it
    by_code: Row


def _placed() -> list[Row]:
    return [r for r in ROWS if r.municipality in MUNICIPALITIES]


def _names() -> dict[str, str]:
    """Location IRI → its name in the DUO files."""
    found: dict[str, str] = {}
    for path in sorted((REGISTERS / "duo").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle, delimiter=";"):
                found[f"{BASE}id/organisation/brin/{r['VESTIGINGSCODE']}"] = r["VESTIGINGSNAAM"]
    return found


def _choose() -> Chosen:
    placed, names = _placed(), _names()
    per_brin: dict[str, list[Row]] = defaultdict(list)
    for r in placed:
        per_brin[r.institution].append(r)
    institution = next(i for i, rows in per_brin.items() if len(rows) > 1)
    # a location whose (folded) name no other location, institution or board of the files has
    # — its institution is named after its lowest-numbered location, so not that one
    folded = defaultdict(set)
    for iri, name in names.items():
        folded[fold(name)].add(iri)
    by_name = next(
        r for r in placed
        if r.institution != institution and len(folded[fold(names[r.location])]) == 1
        and min(x.location for x in per_brin[r.institution]) != r.location
    )  # fmt: skip
    by_code = next(
        r for r in placed if r.institution not in (institution, by_name.institution)
    )  # fmt: skip
    return Chosen(institution.rsplit("/", 1)[-1], by_name, names[by_name.location], by_code)


CHOSEN = _choose()


def _members_turtle() -> str:
    """Two networks over organisations a loader describes, none of them a register entry: one
    carrying an institution's BRIN and one a location's name (typed in capitals) and
    municipality, in a network that shares research; a board (no register's) in a network of
    use, with a school of it carrying a location's BRIN."""
    c = CHOSEN
    return (
        PREFIXES
        + f"""
<{EX}by-brin> a kg:School ; foaf:name "Scholengroep met een BRIN" ; kg:sector sector:VO ;
    kg:brin "{c.institution}" .
<{EX}by-name> a kg:School ; foaf:name "{c.name.upper()}" ; kg:sector sector:VO ;
    kg:inRegion <{REGION}{c.by_name.municipality}> .
<{EX}board> a kg:SchoolBoard ; foaf:name "Bestuur zonder registernummer" .
<{EX}by-code> a kg:School ; foaf:name "School van het bestuur" ; kg:sector sector:VO ;
    kg:brin "{c.by_code.location.rsplit("/", 1)[-1]}" ; org:subOrganizationOf <{EX}board> .

<{EX}network-sharing> a kg:Network ;
    foaf:name "Netwerk dat onderzoek deelt" ;
    kg:networkKind netkind:werkplaats ;
    kg:sector sector:VO ;
    kg:servesFunction fn:creation , fn:sharing ;
    org:hasMember <{EX}by-brin> , <{EX}by-name> .

<{EX}network-use> a kg:Network ;
    foaf:name "Netwerk van benutting" ;
    kg:networkKind netkind:datateam ;
    kg:sector sector:VO ;
    kg:servesFunction fn:use ;
    org:hasMember <{EX}board> .
"""
    )


def _cells(text: str) -> str:
    """Printed text with table borders and runs of space as one space: a table row's cells."""
    return " ".join(text.replace("│", " ").replace("┃", " ").split())


def _link_counts(report: LinkReport) -> str:
    return " ".join(str(n) for n in report.summary().values())


@dataclass(frozen=True)
class Demo:
    driver: Driver
    database: str
    done: DemoLoad
    output: str  # what the demo printed
    members: LinkReport  # the linking run after the members were loaded


@pytest.fixture(scope="module")
def demo(module_graph: Declare, neo4j_settings: Settings) -> Demo:
    def build(driver: Driver, database: str, folder: Path) -> Demo:
        settings = neo4j_settings.model_copy(update={"data_dir": folder / "data"})
        out = io.StringIO()
        done = load_demo_data(driver, settings, Console(file=out, width=200))
        members = folder / "members.ttl"
        members.write_text(_members_turtle(), encoding="utf-8")
        report = load(driver, database, members, folder, source="members")
        assert report.rejections == [], report.rejections
        options = LoadOptions(base_iri=BASE, quarantine_dir=folder / "quarantine")
        linked = link_registers(driver, database, options)
        return Demo(driver, database, done, out.getvalue(), linked)

    loaded: Demo = module_graph(build)
    return loaded


# Mutation caught: the ROR loader giving its display name as foaf:name whatever the graph holds
# rejects the five universities the sample names otherwise (131 statements of ror-nl.json.gz).
def test_the_demo_loads_every_file_with_nothing_rejected_or_quarantined(demo: Demo) -> None:
    loaded = {path.name: report for path, report in demo.done.reports}
    assert {"seed.ttl", "sample.ttl", "municipalities.csv", ROR_FILE.name} <= set(loaded)
    for name, report in loaded.items():
        assert report.status == "loaded", (name, report.status)
        assert (report.statements_rejected, report.rejected_resources) == (0, 0), name
        assert report.refused_records == [] and report.quarantine == [], name
    assert demo.done.links is not None and demo.done.links.load is not None
    assert demo.done.links.load.rejected_resources == 0
    assert "register links" in demo.output
    assert _link_counts(demo.done.links) in _cells(demo.output)


def _sample_rors() -> dict[str, str]:
    """IRI → name of the organisations the sample describes with a ROR ID."""
    sample = Graph().parse(dataset_path("sample"), format="turtle")
    return {
        str(s): str(sample.value(s, URIRef("http://xmlns.com/foaf/0.1/name")))
        for s in sample.subjects(URIRef(KG + "ror"), None)
    }


def _ror_display() -> dict[str, tuple[str, str | None]]:
    with gzip.open(ROR_FILE, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    found = {}
    for record in records:
        shown = next(n for n in record["names"] if "ror_display" in n["types"])
        iri = f"{BASE}id/organisation/ror/{record['id'].rsplit('/', 1)[-1]}"
        found[iri] = (shown["value"], shown.get("lang"))
    return found


NAMES = """
UNWIND $iris AS iri MATCH (o:Organisation {iri: iri})
RETURN o.iri AS iri, o.foaf_name AS name, o.region AS region,
       [] + coalesce(o.rdfs_label, []) + coalesce(o.`rdfs_label@en`, [])
         + coalesce(o.`rdfs_label@nl`, []) AS labels
"""


def test_an_organisation_the_sample_names_keeps_its_name_and_rors_is_a_label(demo: Demo) -> None:
    sample, display = _sample_rors(), _ror_display()
    shared = sorted(set(sample) & set(display))
    renamed = [iri for iri in shared if sample[iri] != display[iri][0]]
    assert len(renamed) >= 5  # the sample's Dutch names against ROR's English ones
    other = next(iri for iri in sorted(display) if iri not in sample)
    records, _, _ = demo.driver.execute_query(NAMES, iris=[*shared, other], database_=demo.database)
    found = {r["iri"]: r for r in records}
    for iri in shared:
        assert found[iri]["name"] == sample[iri]
        assert display[iri][0] in found[iri]["labels"]
    assert found[other]["name"] == display[other][0]


def _expected() -> dict[str, dict[str, Any]]:
    c = CHOSEN
    loaded: dict[str, Row] = {}
    for r in _placed():
        loaded.setdefault(r.location, r)
    functions: dict[str, set[str]] = defaultdict(set)
    for r in loaded.values():
        if r.institution.endswith("/" + c.institution) or r.location == c.by_name.location:
            functions[r.location] |= {"member", "creation", "sharing"}
        if r.location == c.by_code.location:
            functions[r.location] |= {"member", "use"}
    expected: dict[str, dict[str, Any]] = {}
    for code in PROVINCES:
        rows = [r for r in loaded.values() if MUNICIPALITIES[r.municipality] == code]
        served = [functions[r.location] for r in rows]
        expected[code] = {
            "schools": len(rows),
            "in_network": sum(1 for f in served if "member" in f),
            "sharing": sum(1 for f in served if "sharing" in f),
            "functions": [
                {"function": f, "schools": sum(1 for s in served if f in s)} for f in FUNCTIONS
            ],
        }
    return expected


# Mutations caught: a coverage query that does not follow schema:sameAs counts 0 schools in a
# network everywhere; one that does not follow the part of a member board misses by-code's
# location (its network of use).
def test_members_linked_to_register_schools_count_in_their_province(demo: Demo) -> None:
    c = CHOSEN
    links = dict(demo.members.links())
    assert links[f"{EX}by-brin"] == f"{BASE}id/organisation/brin/{c.institution}"
    assert links[f"{EX}by-name"] == c.by_name.location
    assert links[f"{EX}by-code"] == c.by_code.location
    assert f"{EX}board" in demo.members.unmatched
    assert demo.done.reports, "the demo loaded nothing"
    expected = _expected()
    found = {
        p.code: {
            "schools": p.schools,
            "in_network": p.in_network,
            "sharing": p.sharing,
            "functions": [{"function": f.function, "schools": f.schools} for f in p.functions],
        }
        for p in provinces(demo.driver, demo.database)
    }
    assert found == expected
    assert any(e["in_network"] > 0 for e in expected.values())
    assert sum(e["in_network"] for e in expected.values()) > sum(
        e["sharing"] for e in expected.values()
    )


# Mutation caught: `kennisgraaf load` of a register file without the linking step afterwards
# prints no register links (and a new release's schools stay unlinked).
def test_loading_a_register_file_links_the_organisations_again(
    demo: Demo, neo4j_settings: Settings, tmp_path: Path
) -> None:
    municipalities = REGISTERS / "cbs" / "municipalities.csv"
    result = _cli(neo4j_settings, "load", "--kind", "cbs-regions",
                  "--quarantine", str(tmp_path), str(municipalities))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "register links" in result.stdout
    assert _link_counts(demo.members) in _cells(result.stdout)
    unlinked = _cli(neo4j_settings, "load", "--kind", "cbs-regions", "--no-link",
                    "--quarantine", str(tmp_path), str(municipalities))  # fmt: skip
    assert unlinked.returncode == 0 and "register links" not in unlinked.stdout
