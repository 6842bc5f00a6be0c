"""The Kennisrotonde loader links the asker's school and region to the registers
(loaders/register_lookup.py over the shipped DUO and CBS files): by BRIN, by school name and
place, by a place alone; an unknown or ambiguous school is noted and nothing is minted; nothing
of the asker as a person is kept. The expected codes are looked up here in the DUO file."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import PROV, RDF

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.kennisrotonde import convert_file
from kennisgraaf.loaders.register_lookup import SHIPPED, RegisterLookup
from tests.unit.test_kennisrotonde import minimal, write_json

KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = "https://w3id.org/kennisgraaf/id/"
QUESTION = URIRef(ID + "question/kennisrotonde/KR7")
ARTICULATION = URIRef(ID + "articulation/kennisrotonde/KR7")


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((SHIPPED / "duo").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle, delimiter=";"))
    return rows


def _row(name: str, place: str) -> dict[str, str]:
    """The one location of this name in this place (the same row in every file that has it)."""
    found = {
        r["VESTIGINGSCODE"]: r
        for r in _rows()
        if r["VESTIGINGSNAAM"] == name and r["PLAATSNAAM"] == place
    }
    assert len(found) == 1, (name, place)
    return found.popitem()[1]


GOMARUS = _row("Gomarus College voor Vwo Havo Mavo Vbo Lwoo", "ASSEN")
WOLFSBOS = [r for r in _rows() if r["VESTIGINGSNAAM"] == "Regionale Scholengemeenschap Wolfsbos"]


def _converted(tmp_path: Path, **asker: str) -> Graph:
    return convert_file(write_json(tmp_path, [minimal(asker_role="teacher", **asker)]))


def _schools(graph: Graph) -> list[str]:
    return sorted(
        str(o) for o in graph.objects(ARTICULATION, PROV.wasAssociatedWith)
        if "/organisation/brin/" in str(o)
    )  # fmt: skip


def _regions(graph: Graph) -> list[str]:
    return sorted(str(o) for o in graph.objects(QUESTION, KG.inRegion))


# Mutation caught: linking only by name (BRIN ignored) leaves the schools list empty.
def test_a_brin_links_the_register_school_and_its_municipality(tmp_path: Path) -> None:
    graph = _converted(tmp_path, asker_school_brin=GOMARUS["VESTIGINGSCODE"].lower())
    assert _schools(graph) == [f"{ID}organisation/brin/{GOMARUS['VESTIGINGSCODE']}"]
    assert _regions(graph) == [f"{ID}region/GM{GOMARUS['GEMEENTENUMMER']}"]
    school = URIRef(_schools(graph)[0])
    assert list(graph.triples((school, None, None))) == []  # linked, never described again
    assert not list(graph.subjects(RDF.type, KG.Person))  # the asker is a role, no person


def test_a_school_name_and_place_link_the_institution(tmp_path: Path) -> None:
    graph = _converted(tmp_path, asker_school="RSG Wolfsbos", asker_place="Hoogeveen")
    assert _schools(graph) == [f"{ID}organisation/brin/{WOLFSBOS[0]['INSTELLINGSCODE']}"]
    assert _regions(graph) == [f"{ID}region/GM{WOLFSBOS[0]['GEMEENTENUMMER']}"]


def test_a_place_appended_to_the_name_is_read_as_the_place(tmp_path: Path) -> None:
    graph = _converted(tmp_path, asker_school="Gomarus College voor VWO HAVO MAVO VBO LWOO Assen")
    assert _schools(graph) == [f"{ID}organisation/brin/{GOMARUS['VESTIGINGSCODE']}"]


def test_a_place_alone_links_the_municipality(tmp_path: Path) -> None:
    graph = _converted(tmp_path, asker_place="meppel")
    assert _schools(graph) == []
    assert _regions(graph) == [f"{ID}region/GM0119"]  # Meppel in the CBS and DUO files


# Mutation caught: minting an organisation for an unknown school adds a kg:Organisation.
def test_an_unknown_school_is_noted_and_nothing_minted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        graph = _converted(tmp_path, asker_school_brin="99ZZ", asker_school="Nergensschool")
    assert _schools(graph) == []
    assert not [s for s in graph.subjects(RDF.type, KG.Organisation) if "/brin/" in str(s)]
    assert "KR7: BRIN 99ZZ is not in the register files; not linked" in caplog.text


def test_an_ambiguous_name_is_noted_never_guessed(tmp_path: Path) -> None:
    header = list(GOMARUS)
    twin = {**GOMARUS, "INSTELLINGSCODE": "99ZZ", "VESTIGINGSCODE": "99ZZ00"}
    (tmp_path / "duo").mkdir()
    lines = [";".join(header), *(";".join(r[c] for c in header) for r in (GOMARUS, twin))]
    (tmp_path / "duo" / "two.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lookup = RegisterLookup.from_folder(tmp_path)
    found = lookup.resolve(None, "Gomarus College voor Vwo Havo Mavo Vbo Lwoo", "Assen")
    assert found.school is None and found.note is not None and "99ZZ" in found.note
    assert found.municipality == f"GM{GOMARUS['GEMEENTENUMMER']}"  # the place still links


def test_a_malformed_brin_refuses_the_record(tmp_path: Path) -> None:
    path = write_json(tmp_path, [minimal(asker_school_brin="school 12")])
    with pytest.raises(InputError, match="field 'asker_school_brin': invalid BRIN code"):
        convert_file(path)
