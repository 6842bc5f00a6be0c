"""Register releases without a database: which release and source a register file is, the
release's description, and the comparison of two releases (opened, closed, merged, renamed,
moved)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, XSD

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import registers
from kennisgraaf.loaders.register_changes import (
    RULES,
    Entry,
    Facts,
    add_fact,
    compare,
    entries,
    rows_of,
)
from kennisgraaf.loaders.register_release import successors
from kennisgraaf.loaders.sources import open_source, source_checksum

ROOT = Path(__file__).resolve().parents[2]
DUO = ROOT / "data" / "registers" / "duo"
KG = "https://w3id.org/kennisgraaf/def#"
NAME = "http://xmlns.com/foaf/0.1/name"
BASE = "https://w3id.org/kennisgraaf/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


def _e(identifier: str, name: str, place: str) -> Entry:
    return Entry(identifier, name, place)


# Mutation caught: comparing names case-insensitively hides the rename; taking the old place
# for `moved` reports nothing moved.
def test_compare_names_each_kind_of_change_once() -> None:
    old = {
        "18BR00": _e("18BR00", "Praktijkschool Assen", "GM0106"),
        "20LO04": _e("20LO04", "Nassau College", "GM0106"),
        "02EB04": _e("02EB04", "Vincent van Gogh", "GM0106"),
        "20LO08": _e("20LO08", "Nassau College Quintus", "GM0106"),
        "06DT00": _e("06DT00", "De Meander", "GM0118"),
    }
    new = {
        "18BR00": old["18BR00"],
        "20LO04": _e("20LO04", "Nassau college", "GM0106"),
        "02EB04": _e("02EB04", "Vincent van Gogh", "GM1731"),
        "19IW00": _e("19IW00", "Wolfsbos", "GM0118"),
        # 06DT00 went to another BRIN: same name, same municipality
        "30XX00": _e("30XX00", "De  MEANDER", "GM0118"),
    }
    changes = compare(old, new)
    assert changes.counts() == {"opened": 2, "closed": 1, "merged": 1, "renamed": 1, "moved": 1}
    assert [x.identifier for x in changes.opened] == ["19IW00", "30XX00"]
    assert [x.identifier for x in changes.closed] == ["20LO08"]
    assert changes.merged == [(old["06DT00"], "30XX00")]
    assert changes.renamed == [(new["20LO04"], "Nassau College")]
    assert changes.moved == [(new["02EB04"], "GM0106")]


def test_a_successor_the_release_names_makes_a_closed_entry_merged() -> None:
    old = {"a": _e("a", "Old institute", "Delft"), "b": _e("b", "Other", "Delft")}
    new = {"c": _e("c", "New institute", "Leiden")}
    changes = compare(old, new, {"a": "c"})
    assert changes.merged == [(old["a"], "c")]
    assert changes.closed == [old["b"]]
    assert changes.opened == [new["c"]]


def test_no_change_between_equal_releases() -> None:
    same = {"a": _e("a", "A", "x")}
    assert sum(compare(same, dict(same)).counts().values()) == 0


# Mutation caught: dropping the identifier-length filter makes the institution (18BR) an entry.
def test_entries_of_duo_statements_are_locations_with_name_and_municipality() -> None:
    facts: Facts = {}
    loc, inst = BASE + "id/organisation/brin/18BR00", BASE + "id/organisation/brin/18BR"
    add_fact(facts, loc, KG + "brin", "18BR00")
    add_fact(facts, loc, NAME, "Praktijkschool")
    add_fact(facts, loc, KG + "inRegion", BASE + "id/region/GM0106")
    add_fact(facts, inst, KG + "brin", "18BR")
    add_fact(facts, inst, NAME, "Praktijkschool")
    assert entries(facts, RULES["duo"]) == {"18BR00": _e("18BR00", "Praktijkschool", "GM0106")}


# Mutation caught: not reading the status keeps an inactive ROR record an open entry.
def test_an_entry_whose_register_status_is_not_active_is_no_open_entry() -> None:
    facts: Facts = {}
    for ror, status in (("0234pcb82", "active"), ("0408v4c28", "inactive")):
        iri = BASE + "id/organisation/ror/" + ror
        add_fact(facts, iri, KG + "ror", ror)
        add_fact(facts, iri, NAME, ror.upper())
        add_fact(facts, iri, KG + "registerStatus", BASE + "def/register-status/" + status)
    assert list(entries(facts, RULES["ror"])) == ["0234pcb82"]


def test_entries_of_cbs_statements_take_the_dutch_name_and_the_province() -> None:
    facts: Facts = {}
    gm = BASE + "id/region/GM0106"
    add_fact(facts, gm, KG + "cbsCode", "GM0106")
    add_fact(facts, gm, "http://www.w3.org/2004/02/skos/core#prefLabel", "Assen", "nl")
    add_fact(facts, gm, "http://www.w3.org/2004/02/skos/core#prefLabel", "Assen (en)", "en")
    add_fact(facts, gm, "http://www.w3.org/2004/02/skos/core#broader", BASE + "def/region/PV22")
    assert entries(facts, RULES["cbs-regions"]) == {"GM0106": _e("GM0106", "Assen", "PV22")}


def test_rows_of_a_report_as_json_give_a_table_row_per_change() -> None:
    changes = compare({"a": _e("a", "A", "x")}, {"a": _e("a", "B", "y")})
    assert list(rows_of(changes.as_json())) == [
        ("renamed", "a", "B", "was 'A'"),
        ("moved", "a", "B", "x → y"),
    ]


def test_ror_successors_come_from_inactive_records_and_predecessor_links(tmp_path: Path) -> None:
    # Real ROR IDs (the check digit is checked), in made-up relations.
    records = [
        {"id": "https://ror.org/0234pcb82", "status": "inactive",
         "relationships": [{"id": "https://ror.org/0408v4c28", "type": "successor"}]},
        {"id": "https://ror.org/0000ev088", "status": "active",
         "relationships": [{"id": "https://ror.org/04dkp9463", "type": "predecessor"},
                           {"id": "https://ror.org/04pp8hn57", "type": "parent"}]},
    ]  # fmt: skip
    path = tmp_path / "ror.json"
    path.write_text(json.dumps(records))
    assert successors("ror", path) == {"0234pcb82": "0408v4c28", "04dkp9463": "0000ev088"}
    assert successors("duo", path) == {}


# --- Which release and source a register file is ---------------------------------------------


def test_the_shipped_snapshot_is_its_release_json_release() -> None:
    release = registers.release_of("ror", ROOT / "data/registers/ror/ror-nl.json.gz", None, None)
    assert release is not None
    assert (release.family.key, release.label, release.issued) == (
        "register:ror",
        "v2.9",
        date(2026, 6, 23),
    )


# Mutation caught: choosing the family by the file's folder instead of its name gives every
# DUO file the vo key.
def test_a_newer_file_of_a_family_is_the_same_source_whatever_its_name(tmp_path: Path) -> None:
    vo = tmp_path / "02.-alle-vestigingen-vo-2026-03.csv"
    po = tmp_path / "alle-vestigingen-bo.csv"
    for path in (vo, po):
        shutil.copy(DUO / "alle-vestigingen-vo-drenthe.csv", path)
    first = registers.release_of("duo", vo, None, "2026-03-01")
    other = registers.release_of("duo", po, None, "v7")
    assert first is not None and other is not None
    assert (first.family.key, first.label, first.issued) == (
        "register:duo:vo",
        "2026-03-01",
        date(2026, 3, 1),
    )
    assert (other.family.key, other.issued) == ("register:duo:po", None)
    assert (first.source, other.source) == ("register:duo:vo", "register:duo:po")


# Mutation caught: giving an unnamed release its family's key makes a one-province excerpt
# replace the whole release loaded before.
def test_an_unnamed_release_loads_under_its_file_name_unless_source_names_the_family(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alle-vestigingen-vo-utrecht.csv"
    shutil.copy(DUO / "alle-vestigingen-vo-drenthe.csv", path)
    unnamed = registers.release_of("duo", path, None, None)
    assert unnamed is not None and (unnamed.named, unnamed.source) == (False, None)
    chosen = registers.release_of("duo", path, "register:duo:vo", None)
    assert chosen is not None and chosen.source == "register:duo:vo"
    # The shipped Drenthe excerpt is a release of its own key, so the national file loaded
    # after it does not withdraw it.
    shipped = registers.release_of("duo", DUO / "alle-vestigingen-vo-drenthe.csv", None, None)
    assert shipped is not None and shipped.named
    assert shipped.source == "register:duo:vo:drenthe"
    national = registers.release_of("duo", DUO / "alle-vestigingen-vo.csv", None, None)
    assert national is not None and (national.named, national.source) == (True, "register:duo:vo")


def test_an_unrecognised_file_name_asks_for_the_family(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    shutil.copy(DUO / "alle-vestigingen-vo-drenthe.csv", path)
    with pytest.raises(InputError, match="register:duo:vo"):
        registers.release_of("duo", path, None, None)
    named = registers.release_of("duo", path, "register:duo:po", None)
    assert named is not None and named.family.key == "register:duo:po"
    unnamed = registers.release_of("duo", path, "register:duo:po", None)
    assert unnamed is not None and not unnamed.named


def test_release_for_a_kind_that_is_no_register_is_refused(tmp_path: Path) -> None:
    assert registers.release_of("rdf", tmp_path / "x.ttl", None, None) is None
    with pytest.raises(InputError, match="no register kind"):
        registers.release_of("rdf", tmp_path / "x.ttl", None, "2026-01-01")


def test_a_bad_release_date_is_refused() -> None:
    with pytest.raises(InputError, match="no date"):
        registers.parse_issued("2026-13-45")


# Mutation caught: leaving out the licence or the download page drops them from the release.
def test_the_release_is_described_with_licence_publisher_version_and_origin() -> None:
    release = registers.release_of(
        "duo", DUO / "alle-vestigingen-vo-drenthe.csv", None, "2026-03-01"
    )
    assert release is not None
    triples = set(release.triples(BASE))
    iri = release.iri(BASE)
    assert str(iri) == BASE + "id/register/register-duo-vo/2026-03-01"
    page = URIRef("https://duo.nl/open_onderwijsdata/voortgezet-onderwijs/adressen/vestigingen.jsp")
    assert {
        (iri, RDF.type, DCAT.Distribution),
        (iri, DCTERMS.license, CC0),
        (iri, DCTERMS.publisher, URIRef("https://ror.org/0234pcb82")),
        (iri, OWL.versionInfo, Literal("2026-03-01")),
        (iri, DCTERMS.issued, Literal("2026-03-01", datatype=XSD.date)),
        (iri, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), page),
    } <= triples


# Mutation caught: a snapshot rebuilt without updating its release.json (another checksum)
# would load as an unnamed release; this names the file to update.
@pytest.mark.parametrize("folder", sorted(registers.FOLDERS.values()))
def test_every_shipped_snapshot_is_the_release_its_release_json_names(folder: str) -> None:
    data = json.loads((ROOT / "data" / "registers" / folder / "release.json").read_text())
    assert data["snapshot"], folder
    for entry in data["snapshot"]:
        path = ROOT / "data" / "registers" / folder / entry["file"]
        release = registers.release_of(data["kind"], path, None, None)
        assert release is not None and release.named, (
            f"{path}: its checksum is not the one release.json gives; update the release"
        )
        assert release.label == entry["release"]


# Mutation caught: mixing the label into an unnamed release's checksum gives an API upload's
# import another id than the job the API announced (named by the file's checksum).
def test_a_release_is_part_of_the_version_only_when_named(tmp_path: Path) -> None:
    path = tmp_path / "alle-vestigingen-vo-x.csv"
    shutil.copy(DUO / "alle-vestigingen-vo-drenthe.csv", path)

    def version(release: str | None) -> str:
        found = registers.release_of("duo", path, None, release)
        assert found is not None
        return registers.ReleasedSource(open_source(path, kind="duo"), found, BASE).checksum()

    assert version(None) == source_checksum(path, "duo")
    assert len({version(None), version("v1"), version("v2")}) == 3
