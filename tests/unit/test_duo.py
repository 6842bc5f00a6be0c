"""The DUO school-register kind: the exact statements of three named real locations of the
shipped excerpt (data/registers/duo/alle-vestigingen-vo-drenthe.csv, values written here from
its rows), and bad rows refused on their own naming line and column."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import duo, duo_rebuild
from kennisgraaf.loaders.record_conversion import RecordRefusal
from kennisgraaf.loaders.sources import kind_named

ROOT = Path(__file__).resolve().parents[2]
EXCERPT = ROOT / "data" / "registers" / "duo" / "alle-vestigingen-vo-drenthe.csv"
KG = "https://w3id.org/kennisgraaf/def#"
ORGANISATION = "https://w3id.org/kennisgraaf/id/organisation/"
VO = URIRef("https://w3id.org/kennisgraaf/def/sector/VO")
SCHOOL, BOARD = URIRef(KG + "School"), URIRef(KG + "SchoolBoard")
BRIN, SECTOR, IN_REGION = URIRef(KG + "brin"), URIRef(KG + "sector"), URIRef(KG + "inRegion")


def _school(iri: URIRef, name: str, brin: str) -> set[tuple[URIRef, URIRef, object]]:
    return {
        (iri, RDF.type, SCHOOL),
        (iri, FOAF.name, Literal(name)),
        (iri, BRIN, Literal(brin)),
        (iri, SECTOR, VO),
    }


SCHEMA = "https://schema.org/"
DENOMINATION = "https://w3id.org/kennisgraaf/def/denomination/"


def _address(code: str, street: str, postcode: str, place: str) -> set[object]:
    location = URIRef(ORGANISATION + f"brin/{code}")
    address = URIRef(f"https://w3id.org/kennisgraaf/id/address/brin/{code}")
    return {
        (location, URIRef(SCHEMA + "address"), address),
        (address, RDF.type, URIRef(SCHEMA + "PostalAddress")),
        (address, URIRef(SCHEMA + "streetAddress"), Literal(street)),
        (address, URIRef(SCHEMA + "postalCode"), Literal(postcode)),
        (address, URIRef(SCHEMA + "addressLocality"), Literal(place)),
    }


def _expected(
    code: str, name: str, institution: str, board: str, gm: str, denomination: str
) -> set[object]:
    location = URIRef(ORGANISATION + f"brin/{code}")
    parent = URIRef(ORGANISATION + f"brin/{code[:4]}")
    board_iri = URIRef(ORGANISATION + f"bevoegd-gezag/{board}")
    return {
        *_school(location, name, code),
        *_school(parent, institution, code[:4]),
        (location, IN_REGION, URIRef(f"https://w3id.org/kennisgraaf/id/region/{gm}")),
        (location, ORG.subOrganizationOf, parent),
        (location, ORG.subOrganizationOf, board_iri),
        (board_iri, RDF.type, BOARD),
        (board_iri, FOAF.name, Literal(f"bevoegd gezag {board}")),
        (board_iri, URIRef(KG + "boardNumber"), Literal(board)),
        (location, URIRef(KG + "denomination"), URIRef(DENOMINATION + denomination)),
    }


def _by_location(path: Path) -> dict[str, set[object]]:
    found: dict[str, set[object]] = {}
    for record in duo.record_triples(path):
        assert not isinstance(record, RecordRefusal), record.messages()
        codes = {str(o) for _, p, o in record if p == BRIN and len(str(o)) == 6}
        (code,) = codes
        found[code] = set(record)
    return found


# Mutation caught: dropping the location's link to its board fails all three; swapping the
# postcode and place columns, or reading the correspondence address, fails them too.
def test_three_named_locations_have_exactly_their_statements() -> None:
    records = _by_location(EXCERPT)
    nassau = "Openbare Scholengemeenschap Dr Nassau College voor Vwo Havo Mavo Vbo Lwoo"
    borgen = "rsg de Borgen voor Lyceum Havo mavo Vbo Lwoo"
    pro = "School voor Praktijkonderwijs Assen"
    assert records["18BR01"] == _expected(
        "18BR01", pro, pro, "10053", "GM0106", "openbaar"
    ) | _address("18BR01", "Bosrand 2", "9401 SL", "ASSEN")
    assert records["20LO10"] == _expected(
        "20LO10", nassau, nassau, "13273", "GM0106", "openbaar"
    ) | _address("20LO10", "Echtenstraat 3", "9402 JA", "ASSEN")
    assert records["00DI04"] == _expected(
        "00DI04", borgen, borgen, "41143", "GM1699", "bijzonder"
    ) | _address("00DI04", "Burchtlaan 2", "9301 TJ", "RODEN")


def test_every_row_of_the_excerpt_is_one_location() -> None:
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    assert len(_by_location(EXCERPT)) == len(lines) - 1 == 45


# Mutation caught: mapping BRUGJAAR to no sector (or every type to VO) fails one assertion.
def test_the_register_types_map_to_one_sector() -> None:
    assert duo.SECTORS["BRUGJAAR"] == "VO"
    assert duo.SECTORS["VSO"] == "SO"
    assert duo.SECTORS["SBAO"] == "PO"


def _write(tmp_path: Path, *rows: str) -> Path:
    header = EXCERPT.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "vestigingen.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


# Mutation caught: skipping the column checks lets the bad row through (as GMabcd).
def test_a_bad_row_is_refused_naming_its_line_and_columns(tmp_path: Path) -> None:
    good, bad_types = EXCERPT.read_text(encoding="utf-8").splitlines()[1:3]
    cells = bad_types.split(";")
    cells[9], cells[14] = "abcd", "HAVO/MBO"  # GEMEENTENUMMER, ONDERWIJSSTRUCTUUR
    records = list(duo.record_triples(_write(tmp_path, good, ";".join(cells), good)))
    refusals = [r for r in records if isinstance(r, RecordRefusal)]
    assert len(records) == 3 and len(refusals) == 2
    assert refusals[0].line == 3
    assert {field for field, _ in refusals[0].problems} == {"GEMEENTENUMMER", "ONDERWIJSSTRUCTUUR"}
    assert refusals[1].line == 4
    assert refusals[1].problems == (("VESTIGINGSCODE", "also given on line 2"),)


def test_a_file_without_the_register_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("NAAM;PLAATS\nx;y\n", encoding="utf-8")
    expected = r"other\.csv, line 1: .*VESTIGINGSCODE or VESTIGINGSNUMMER"
    with pytest.raises(InputError, match=expected):
        list(duo.record_triples(path))


def test_the_kind_is_registered() -> None:
    assert kind_named("duo") is duo.KIND


# Mutation caught: keeping every row (ignoring --province) or writing the header twice changes
# the output; reading the file as UTF-8 fails on the Windows-1252 byte of "Fryslân".
def test_the_excerpt_is_rebuilt_from_a_register_file_as_duo_serves_it(tmp_path: Path) -> None:
    lines = EXCERPT.read_text(encoding="utf-8").splitlines()
    other = lines[1].replace("Drenthe;", "Fryslân;", 1)  # a row of another province, for the test
    register = tmp_path / "02.-alle-vestigingen-vo.csv"
    register.write_bytes("\r\n".join([lines[0], other, *lines[1:], other]).encode("cp1252"))
    out = io.StringIO()
    assert duo_rebuild.main([str(register), "--province", "drenthe"], out) == 0
    assert out.getvalue() == EXCERPT.read_text(encoding="utf-8")


# Mutation caught: dropping the accent folding refuses "Hindoeïstisch"; mapping an unknown value
# to "overige" instead of refusing it loads a guess.
def test_denominations_map_to_the_scheme_and_an_unknown_one_is_refused() -> None:
    assert duo._denomination("Rooms-Katholiek") == "rooms-katholiek"
    assert duo._denomination("Algemeen bijzonder") == "algemeen-bijzonder"
    assert duo._denomination("Hindoeïstisch") == "hindoeistisch"
    assert duo._denomination("Samenwerking PC, RK") == "samenwerking"
    with pytest.raises(Exception, match="unknown denomination 'Pastafari'"):
        duo._denomination("Pastafari")
