"""The cbs-regions kind: exact statements for three named municipalities of the shipped
register excerpt (codes written here from data/registers/cbs/municipalities.csv and checked
against CBS's table), the excerpt's provinces are the vocabulary's, bad rows are refused by line
and column, and the snapshot is rebuilt from CBS's own table."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import cbs_regions
from kennisgraaf.loaders.record_conversion import RecordRefusal
from kennisgraaf.loaders.seed_facts import add_regions
from kennisgraaf.loaders.source_kind import SourceOptions
from kennisgraaf.loaders.sources import kind_named

REGISTER = Path(__file__).resolve().parents[2] / "data" / "registers" / "cbs"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
ID = "https://w3id.org/kennisgraaf/id/region/"
DEF = "https://w3id.org/kennisgraaf/def/region/"
SEED_REGIONS = Path(cbs_regions.__file__).with_name("examples") / "seed-regions.csv"
CBS_CODE = URIRef("https://w3id.org/kennisgraaf/def#cbsCode")
COROP = URIRef("https://w3id.org/kennisgraaf/def#corop")


def _corop(code: str, corop: str, name: str) -> set[tuple[object, object, object]]:
    region = URIRef(ID + corop)
    return {
        (URIRef(ID + code), URIRef("https://w3id.org/kennisgraaf/def#corop"), region),
        (region, RDF.type, SKOS.Concept),
        (region, SKOS.inScheme, URIRef("https://w3id.org/kennisgraaf/def/corop")),
        (region, SKOS.notation, Literal(corop)),
        (region, CBS_CODE, Literal(corop)),
        (region, SKOS.prefLabel, Literal(name, lang="nl")),
        (region, SKOS.prefLabel, Literal(name, lang="en")),
    }


def _expected(code: str, name: str, province: str) -> set[tuple[object, object, object]]:
    concept = URIRef(ID + code)
    return {
        (concept, RDF.type, SKOS.Concept),
        (concept, SKOS.inScheme, URIRef("https://w3id.org/kennisgraaf/def/region")),
        (concept, SKOS.notation, Literal(code)),
        (concept, CBS_CODE, Literal(code)),
        (concept, SKOS.broader, URIRef(DEF + province)),
        (concept, SKOS.prefLabel, Literal(name, lang="nl")),
        (concept, SKOS.prefLabel, Literal(name, lang="en")),
    }


def _by_code() -> dict[str, set[tuple[object, object, object]]]:
    records = list(cbs_regions.record_triples(REGISTER / "municipalities.csv"))
    assert not [r for r in records if isinstance(r, RecordRefusal)]
    return {str(r[0][0]).removeprefix(ID): set(r) for r in records if isinstance(r, list)}


# Mutation caught: the broader province taken from the wrong column (or the vocabulary's
# PV IRI minted under id/ instead of def/) changes the statements of all three.
@pytest.mark.parametrize(
    ("code", "name", "province", "corop"),
    [
        ("GM0200", "Apeldoorn", "PV25", ("CR13", "Veluwe")),
        ("GM0518", "'s-Gravenhage", "PV28", ("CR26", "Agglomeratie 's-Gravenhage")),
        ("GM0687", "Middelburg (Z.)", "PV29", ("CR32", "Overig Zeeland")),
        ("GM0088", "Schiermonnikoog", "PV21", ("CR04", "Noord-Friesland")),
        ("GM1690", "De Wolden", "PV22", None),
    ],
)
def test_named_municipalities_map_to_exactly_their_statements(
    code: str, name: str, province: str, corop: tuple[str, str] | None
) -> None:
    expected = _expected(code, name, province) | (_corop(code, *corop) if corop else set())
    assert _by_code()[code] == expected


# Mutation caught: a province missing from provinces.csv, or a code the vocabulary lacks.
def test_the_excerpt_provinces_are_the_vocabulary_provinces() -> None:
    with (REGISTER / "provinces.csv").open(encoding="utf-8") as handle:
        shipped = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    graph = Graph().parse(VOCABULARIES)
    vocabulary = {str(code) for code in graph.objects(None, CBS_CODE)} - {"NL01"}
    assert len(shipped) == 12 and vocabulary == set(shipped)
    for code, name in shipped.items():
        labels = {str(o) for o in graph.objects(URIRef(DEF + code), SKOS.prefLabel)}
        assert name in labels, code


# Mutation caught: dropping the duplicate check loads GM0200 twice without a word.
def test_a_bad_row_is_refused_naming_its_line_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,name,province\nGM0200,Apeldoorn,PV25\nGM200,,PV99\nGM0200,Apeldoorn,PV25\n",
        encoding="utf-8",
    )
    records = list(cbs_regions.record_triples(path))
    assert isinstance(records[0], list)
    bad, twice = records[1], records[2]
    assert isinstance(bad, RecordRefusal) and bad.line == 3
    assert [field for field, _ in bad.problems] == ["code", "name", "province"]
    assert isinstance(twice, RecordRefusal) and twice.line == 4
    assert twice.problems == (("code", "GM0200 is already on line 2"),)


def test_the_kind_is_registered_and_reads_only_csv(tmp_path: Path) -> None:
    kind = kind_named("cbs-regions")
    assert kind is cbs_regions.KIND
    with pytest.raises(InputError, match=r"regions\.json: CBS region codes are read from a \.csv"):
        kind.check(tmp_path / "regions.json", SourceOptions())


# Mutation caught: keeping the Provincienaam column instead of ProvinciecodePV.
def test_the_snapshot_is_rebuilt_from_the_cbs_table(tmp_path: Path) -> None:
    table = [
        "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam",
        "687;GM0687;Middelburg (Z.);29;PV29;Zeeland",
        "200;GM0200;Apeldoorn;25;PV25;Gelderland",
    ]
    full = tmp_path / "gemeenten-alfabetisch.csv"
    full.write_text("\n".join(table) + "\n", encoding="utf-8")
    assert cbs_regions.rebuild_rows(full) == [
        ("GM0200", "Apeldoorn", "PV25"),
        ("GM0687", "Middelburg (Z.)", "PV29"),
    ]


# Mutation caught: a prefLabel without its language (or another scheme IRI) makes the register's
# statements differ from the seed's for the same municipality; a municipality of the seed missing
# from the register fails the first assertion. CBS writes a few names with their province
# ("Rijswijk (ZH.)"), where the seed writes the short name: only that label may differ.
def test_the_register_says_of_a_seed_municipality_what_the_seed_says() -> None:
    seed = Graph()
    add_regions(seed, SEED_REGIONS)
    register = _by_code()
    in_seed = sorted(str(s).removeprefix(ID) for s in seed.subjects(CBS_CODE))
    in_seed = [code for code in in_seed if code.startswith("GM")]
    assert in_seed and set(in_seed) <= set(register)
    for code in in_seed:
        said = {t for t in seed.triples((URIRef(ID + code), None, None)) if t[1] != SKOS.altLabel}
        own = {t for t in register[code] if t[0] == URIRef(ID + code) and t[1] != COROP}
        differ = {(t[1], str(t[2])) for t in own ^ said}
        names = {name for predicate, name in differ if predicate == SKOS.prefLabel}
        assert {p for p, _ in differ} <= {SKOS.prefLabel}, code
        assert not names or re.fullmatch(r"(.+) \([A-Z]+\.\)", max(names, key=len)), code


# Mutation caught: the COROP concept minted under def/ (or without its scheme), or the corop
# column read without its check, changes these statements or loads CR41.
def test_a_corop_column_links_the_municipality_to_its_region(tmp_path: Path) -> None:
    # Assen and Tynaarlo lie in COROP region 07, Noord-Drenthe, as DUO's register file names it.
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,name,province,corop,corop_name\n"
        "GM0106,Assen,PV22,CR07,Noord-Drenthe\n"
        "GM1730,Tynaarlo,PV22,CR41,Noord-Drenthe\n",
        encoding="utf-8",
    )
    assen, tynaarlo = list(cbs_regions.record_triples(path))
    assert isinstance(assen, list)
    assert set(assen) == _expected("GM0106", "Assen", "PV22") | _corop(
        "GM0106", "CR07", "Noord-Drenthe"
    )
    assert isinstance(tynaarlo, RecordRefusal)
    assert [field for field, _ in tynaarlo.problems] == ["corop"]
