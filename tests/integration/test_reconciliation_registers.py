"""Reconciliation against the national registers on a real Neo4j: twenty real school and
research-organisation names typed as people type them (case, accents, abbreviations such as RSG,
CSG and OBS, ROR's acronyms, a place name appended) each find the register entry as the top
candidate, and `match` is true for each: none of them is ambiguous in the shipped files.

The expected entries are looked up here in the register files (data/registers: DUO's location
names → their institution's BRIN, ROR's names → the ROR ID), never taken from the service.
"""

from __future__ import annotations

import gzip
import json

import pytest
from neo4j import Driver

from kennisgraaf.api import reconciliation as recon
from kennisgraaf.settings import Settings
from tests.database import Declare
from tests.register_graph import ROR_FILE, duo_rows, load_registers, ror, school


def brin(location_name: str) -> str:
    """The BRIN of the one institution whose locations carry this name in the DUO file."""
    found = {r["INSTELLINGSCODE"] for r in duo_rows() if r["VESTIGINGSNAAM"] == location_name}
    assert len(found) == 1, (location_name, found)
    return school(found.pop())


def ror_id(display_name: str) -> str:
    """The ROR ID of the one record with this ror_display name in the snapshot."""
    with gzip.open(ROR_FILE, "rt", encoding="utf-8") as handle:
        records = json.load(handle)
    found = {
        r["id"].rsplit("/", 1)[-1]
        for r in records
        for n in r["names"]
        if "ror_display" in n["types"] and n["value"] == display_name
    }
    assert len(found) == 1, (display_name, found)
    return ror(found.pop())


# (as typed, the type asked for or None, the register entry it names)
CASES = [
    ("RSG Wolfsbos", "school", lambda: brin("Regionale Scholengemeenschap Wolfsbos")),
    ("rsg wolfsbos hoogeveen", None, lambda: brin("Regionale Scholengemeenschap Wolfsbos")),
    ("CSG Vincent van Gogh", "school",
     lambda: brin("Christelijk Scholengemeenschap Vincent van Gogh Vwo Havo Mavo Vbo Lwoo")),
    ("Vincent van Gogh Assen", "school",
     lambda: brin("Christelijk Scholengemeenschap Vincent van Gogh Vwo Havo Mavo Vbo Lwoo")),
    ("Dr. Nassau College Noordenveld", "school",
     lambda: brin("Openbare Scholengemeenschap Dr Nassau College voor Vwo Havo Mavo Vbo Lwoo")),
    ("esdal college emmen", "school",
     lambda: brin("Openbare Scholengemeenschap voor Lyceum Havo Mavo Vbo Lwoo Esdal College")),
    ("Carmelcollege Emmen", None, lambda: brin("Carmelcollege Emmen")),
    ("Dingstede Meppel", "school",
     lambda: brin("Christelijke Scholengemeenschap Dingstede voor Mavo Havo en Atheneum")),
    ("greijdanus meppel", "school", lambda: brin("Greijdanus School voor LWOO VMBO HAVO VWO")),
    ("Gomarus College Assen", "school",
     lambda: brin("Gomarus College voor Vwo Havo Mavo Vbo Lwoo")),
    ("De Nieuwe Veste Coevorden", "school",
     lambda: brin("Scholengemeenschap de Nieuwe Veste voor Lyceum Havo Mavo Vbo Lwoo")),
    ("Hondsrug College", "school",
     lambda: brin("Hondsrug College Christelijke SGM voor LYC HAVO MAVO VBO LWOO")),
    ("PRAKTIJKSCHOOL EMMEN", "school", lambda: brin("Praktijkschool Emmen")),
    ("De Meander Hoogeveen", "school", lambda: brin("School voor Praktijkonderwijs De Meander")),
    ("RSG de Borgen", "school", lambda: brin("rsg de Borgen voor Lyceum Havo mavo Vbo Lwoo")),
    ("HvA", "research-organisation", lambda: ror_id("Amsterdam University of Applied Sciences")),
    ("hogeschool van amsterdam", None, lambda: ror_id("Amsterdam University of Applied Sciences")),
    ("UvA", "research-organisation", lambda: ror_id("University of Amsterdam")),
    ("Universiteit Utrecht", "research-organisation", lambda: ror_id("Utrecht University")),
    ("Hogeschool voor de Kunsten Utrecht", None, lambda: ror_id("University of the Arts Utrecht")),
]  # fmt: skip


@pytest.fixture(scope="module")
def registers(module_graph: Declare) -> Driver:
    driver: Driver = module_graph(load_registers)
    return driver


def _reconcile(
    driver: Driver, settings: Settings, text: str, type_id: str | None
) -> list[recon.ReconCandidate]:
    query: dict[str, object] = {"query": text}
    if type_id:
        query["type"] = type_id
    batch = recon.parse_batch({"q0": query})
    return recon.reconcile(driver, settings.neo4j_database, batch)["q0"].result


def test_twenty_names_are_twenty_different_entries() -> None:
    assert len(CASES) == 20
    assert len({text for text, _, _ in CASES}) == 20


# Mutations caught: without the abbreviations "RSG"/"CSG" lose their school; without ROR's
# acronyms in the names "HvA" and "UvA" find nothing; without the place cut "… Meppel" and
# "… Hoogeveen" lose their lead; without the institution-first rule the Wolfsbos locations tie
# with their institution and nothing is a match.
@pytest.mark.parametrize(("text", "type_id", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_name_as_typed_finds_its_register_entry(
    registers: Driver, neo4j_settings: Settings, text: str, type_id: str | None, expected: object
) -> None:
    answer = expected()  # type: ignore[operator]
    results = _reconcile(registers, neo4j_settings, text, type_id)
    assert results, f"{text!r}: no candidate"
    assert (results[0].id, results[0].match) == (answer, True), [
        (r.id, r.name, r.score, r.match) for r in results
    ]
