"""CSV → RDF mappings: the shipped seed mappings, every rule kind and every error message."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF

from kennisgraaf.errors import ConfigurationError, InputError
from kennisgraaf.loaders.csv_mapping import (
    convert_file,
    iter_batches,
    load_mapping,
    row_triples,
    shipped_mapping,
)
from kennisgraaf.loaders.record_conversion import MAX_REPORTED_ERRORS, RecordRefusal
from kennisgraaf.loaders.seed_dataset import TABLES_DIR, build_seed
from kennisgraaf.ontology.files import dataset_graph
from kennisgraaf.ontology.validation import validate

DATA = TABLES_DIR  # the seed tables shipped with the loaders
KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = Namespace("https://w3id.org/kennisgraaf/id/")
SECTOR = Namespace("https://w3id.org/kennisgraaf/def/sector/")
FN = Namespace("https://w3id.org/kennisgraaf/def/function/")
NETKIND = Namespace("https://w3id.org/kennisgraaf/def/network-kind/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
AGENDA = ID["document/ontwikkelagenda-kennisinfrastructuur-2019"]


def seed(name: str) -> Graph:
    return convert_file(DATA / f"{name}.csv", shipped_mapping(name))


def count(graph: Graph, cls: URIRef) -> int:
    return len(set(graph.subjects(RDF.type, cls)))


@pytest.fixture(scope="module")
def seed_graphs() -> dict[str, Graph]:
    return {name: seed(name) for name in ("seed-actors", "seed-activities", "seed-initiatives")}


# --- The shipped seed mappings ----------------------------------------------------------------


def test_seed_actors(seed_graphs: dict[str, Graph]) -> None:
    g = seed_graphs["seed-actors"]
    assert {
        cls: count(g, cls)
        for cls in (
            KG.SectorCouncil,
            KG.Ministry,
            KG.FundingBody,
            KG.ExpertiseOrganisation,
            KG.GovernmentAgency,
            KG.Network,
        )
    } == {
        KG.SectorCouncil: 5,
        KG.Ministry: 1,
        KG.FundingBody: 3,
        KG.ExpertiseOrganisation: 4,
        KG.GovernmentAgency: 2,
        KG.Network: 2,
    }
    nro = ID["organisation/nro"]
    assert (nro, RDF.type, KG.FundingBody) in g
    assert (nro, FOAF.name, Literal("NRO (Nationaal Regieorgaan Onderwijsonderzoek)")) in g
    assert (ID["organisation/po-raad"], KG.sector, SECTOR.PO) in g
    assert (ID["network/researched"], KG.networkKind, NETKIND["conference-community"]) in g
    assert (ID["network/leiden-education-fieldlab"], KG.networkKind, NETKIND["learning-lab"]) in g
    assert (ID["organisation/vo-raad"], DCTERMS.description, Literal("signatory", lang="en")) in g


def test_seed_activities(seed_graphs: dict[str, Graph]) -> None:
    g = seed_graphs["seed-activities"]
    assert count(g, KG.SpecificActivity) == 10
    assert count(g, KG.StructuralExploration) == 2
    tables = ID["agenda-activity/kennistafels"]
    assert set(g.objects(tables, KG.sector)) == {SECTOR.PO, SECTOR.HBO, SECTOR.WO}
    assert set(g.objects(tables, KG.servesFunction)) == {FN.articulation}
    assert (tables, DCTERMS.title, Literal("Kennistafels", lang="nl")) in g
    assert (tables, DCTERMS.isPartOf, AGENDA) in g
    assert len(set(g.subjects(DCTERMS.isPartOf, AGENDA))) == 12


def test_seed_initiatives(seed_graphs: dict[str, Graph]) -> None:
    g = seed_graphs["seed-initiatives"]
    assert count(g, KG.Initiative) == 48
    assert len(set(g.subjects(KG.region, None))) == 45  # three of unknown alignment
    assert (ID["initiative/go-onderzoekt"], KG.region, Literal("Venlo")) in g
    assert not list(
        g.objects(ID["initiative/werkplaats-onderwijsonderzoek-mbo-burgerschap"], KG.region)
    )
    medium = ID["initiative/werkplaats-onderwijsonderzoek-vo"]
    assert (medium, KG.region, Literal("AOS Noordoost, Zuidoost, Midden-Brabant en West")) in g


def test_seed_mappings_conform_to_the_shapes(seed_graphs: dict[str, Graph]) -> None:
    graph = Graph()
    for g in seed_graphs.values():
        graph += g
    # The agenda activities point to the policy document, which the seed dataset describes.
    graph.parse(shipped_mapping("seed-documents", ".ttl"))
    outcome = validate(graph)
    assert outcome.conforms, [r.message for r in outcome.violations]


def test_seed_dataset_is_what_the_mappings_make(seed_graphs: dict[str, Graph]) -> None:
    # One way to build the seed: the committed dataset is the tables through their mappings,
    # the documents' Turtle and the seed facts (loaders/seed_facts.py). Every statement a mapping
    # makes is in it, but those of the two initiatives that are also networks (same_as in
    # seed-initiatives.csv), which are there about the network.
    dataset = dataset_graph("seed")
    assert isomorphic(build_seed(DATA), dataset)
    merged = {
        ID["initiative/researched"]: ID["network/researched"],
        ID["initiative/leiden-education-fieldlab"]: ID["network/leiden-education-fieldlab"],
    }
    for name, g in seed_graphs.items():
        moved = {(merged.get(s, s), p, o) for s, p, o in g}  # type: ignore[call-overload]
        assert [t for t in moved if t not in dataset] == [], name
    assert not set(dataset.subjects(None, None)) & set(merged)


def test_batches_are_flat_and_complete() -> None:
    batches = list(
        iter_batches(DATA / "seed-initiatives.csv", shipped_mapping("seed-initiatives"), 10)
    )
    assert [count(b, KG.Initiative) for b in batches] == [10, 10, 10, 10, 8]


# --- Rules, on a small mapping -----------------------------------------------------------------

STUDY_MAPPING = """
name: studies
class: kg:Publication
subject:
  kind: study
  identifier: {column: doi, scheme: doi}
  slug: title
columns:
  - {column: title, property: dcterms:title, language: en, required: true}
  - {column: doi, property: kg:doi, identifier: doi}
  - {column: year, property: dcterms:issued, datatype: xsd:gYear}
  - {column: sample, property: kg:sampleSize, datatype: xsd:integer}
  - {column: sectors, property: kg:sector, vocabulary: sector, separator: ";"}
  - column: funder
    property: kg:funder
    object: {kind: organisation, scheme: ror, class: kg:FundingBody}
constants:
  - {property: dcterms:source, value: test, language: en}
"""
HEADER = "title,doi,year,sample,sectors,funder\n"


def write(tmp_path: Path, rows: str, mapping: str = STUDY_MAPPING) -> tuple[Path, Path]:
    csv_path = tmp_path / "studies.csv"
    csv_path.write_text(HEADER + rows, encoding="utf-8")
    mapping_path = tmp_path / "studies.yaml"
    mapping_path.write_text(mapping, encoding="utf-8")
    return csv_path, mapping_path


def test_rules(tmp_path: Path) -> None:
    g = convert_file(
        *write(
            tmp_path,
            "The Power of Feedback,https://doi.org/10.3102/003465430298487,2007,,WO,04pp8hn57\n"
            'Lezen in groep 3,,2019,120,"po; VO",\n',
        )
    )
    feedback = ID["study/doi/10.3102/003465430298487"]
    reading = ID["study/lezen-in-groep-3"]
    uu = ID["organisation/ror/04pp8hn57"]
    assert (feedback, RDF.type, KG.Publication) in g
    assert (feedback, KG.doi, Literal("10.3102/003465430298487")) in g
    assert (feedback, DCTERMS.issued, Literal("2007", datatype=XSD.gYear)) in g
    assert (feedback, KG.funder, uu) in g and (uu, RDF.type, KG.FundingBody) in g
    assert (feedback, DCTERMS.source, Literal("test", lang="en")) in g
    assert (reading, KG.sampleSize, Literal("120", datatype=XSD.integer)) in g
    assert set(g.objects(reading, KG.sector)) == {SECTOR.PO, SECTOR.VO}
    assert not list(g.objects(reading, KG.funder))  # empty cell: no triple


def test_all_bad_cells_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    paths = write(
        tmp_path,
        "Goed,10.1000/abc,2001,,PO,\nFout DOI,10.12/abc,2002,,PO,\n,,20x3,-4.5,XO;VO,04pp8hn58\n",
    )
    with pytest.raises(InputError) as caught:
        next(iter_batches(*paths))
    assert str(caught.value) == (
        "studies.csv: 6 errors in 2 rows\n"
        "  line 3, column 'doi': invalid DOI '10.12/abc': expected 10.<4-9 digits>/<suffix>\n"
        "  line 4, column 'title': empty, but the subject IRI is minted from it\n"
        "  line 4, column 'year': '20x3' is not a valid xsd:gYear\n"
        "  line 4, column 'sample': '-4.5' is not a valid xsd:integer\n"
        "  line 4, column 'sectors': unknown sector code 'XO' (known: HBO, MBO, PO, SO, VO, WO)\n"
        "  line 4, column 'funder': invalid ROR ID '04pp8hn58': check digits are 58, expected 57"
    )


def test_line_numbers_follow_multi_line_cells(tmp_path: Path) -> None:
    paths = write(tmp_path, '"Twee\nregels",,2001,,PO,\nX,,2001,,ZZ,\n')
    with pytest.raises(InputError, match="line 4, column 'sectors': unknown sector code 'ZZ'"):
        convert_file(*paths)


def test_missing_column(tmp_path: Path) -> None:
    csv_path, mapping_path = write(tmp_path, "")
    csv_path.write_text("title,doi,year\nA,,2001\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        convert_file(csv_path, mapping_path)
    assert str(caught.value) == (
        "studies.csv, line 1: missing column 'sample', 'sectors', 'funder' "
        "needed by mapping studies"
    )


def test_too_many_cells_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\n  line 2: 7 cells but the header has 6 columns"):
        convert_file(*write(tmp_path, "A,,2001,,PO,,extra\n"))
    csv_path, mapping_path = write(tmp_path, "")
    csv_path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: the file is empty"):
        convert_file(csv_path, mapping_path)


def test_error_list_is_capped(tmp_path: Path) -> None:
    paths = write(tmp_path, "".join(f"T{i},,,,XX,\n" for i in range(60)))
    with pytest.raises(InputError) as caught:
        convert_file(*paths)
    lines = str(caught.value).splitlines()
    assert lines[0] == "studies.csv: 60 errors in 60 rows"
    assert len(lines) == MAX_REPORTED_ERRORS + 2 and lines[-1] == "  … and 10 more"


def test_different_names_with_one_slug_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        convert_file(*write(tmp_path, "VO-raad,,,,,\nVO raad,,,,,\nVO-raad,,,,,\n"))
    assert str(caught.value) == (
        "studies.csv: 1 error in 1 row\n"
        "  line 3, column 'title': 'VO raad' gives the same IRI as 'VO-raad' on line 2 "
        "(https://w3id.org/kennisgraaf/id/study/vo-raad)"
    )


def test_class_per_row_and_unknown_class(tmp_path: Path) -> None:
    mapping = """
class:
  column: kind
  map: {school: kg:School, netwerk: {class: kg:Network, kind: network}}
subject: {kind: organisation, slug: name}
columns:
  - {column: name, property: foaf:name, required: true}
  - {column: sector, property: kg:sector, vocabulary: sector, values: {primair: PO}}
  - column: name
    property: kg:networkKind
    vocabulary: network-kind
    when: {column: kind, equals: netwerk}
    values: {De Kennistafel: kennistafel}
"""
    csv_path, mapping_path = write(tmp_path, "", mapping)
    csv_path.write_text(
        "name,kind,sector\nDe Kleine Wereld,school,primair\nDe Kennistafel,netwerk,\n",
        encoding="utf-8",
    )
    g = convert_file(csv_path, mapping_path)
    assert (ID["organisation/de-kleine-wereld"], KG.sector, SECTOR.PO) in g
    assert (ID["network/de-kennistafel"], RDF.type, KG.Network) in g
    assert (ID["network/de-kennistafel"], KG.networkKind, NETKIND.kennistafel) in g
    assert not list(g.objects(ID["organisation/de-kleine-wereld"], KG.networkKind))
    csv_path.write_text("name,kind,sector\nX,club,\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2, column 'kind': no class for 'club'"):
        convert_file(csv_path, mapping_path)


# --- Mapping files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("kg:Publication", "kg:Paper"),
            "mapping studies.yaml, class: kg:Paper is not declared as a class in the ontology",
        ),
        (
            ("property: kg:doi", "property: kg:hasDoi"),
            "mapping studies.yaml, columns[1].property: kg:hasDoi is not declared as a property",
        ),
        (
            ("vocabulary: sector", "vocabulary: sectors"),
            "mapping studies.yaml, columns[4].vocabulary: unknown vocabulary 'sectors'",
        ),
        (("scheme: ror", "scheme: isni"), "columns[5].object.scheme: unknown identifier scheme"),
        (("xsd:gYear", "xsd:duration"), "columns[2].datatype: unsupported datatype"),
        (("language: en, required", "language: EN!, required"), "invalid language tag 'EN!'"),
        (("name: studies", "name: [studies"), "studies.yaml is not valid YAML"),
    ],
)
def test_bad_mappings_are_refused(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "studies.yaml"
    path.write_text(STUDY_MAPPING.replace(*change), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_mapping(path)
    assert message in str(caught.value)


def test_unknown_shipped_mapping() -> None:
    with pytest.raises(ConfigurationError, match="no shipped mapping 'seed-x'"):
        shipped_mapping("seed-x")


def test_a_load_refuses_a_bad_row_alone(tmp_path: Path) -> None:
    """The rows a load reads: a bad row is refused on its own (line, column, reason) and the
    rows around it convert; the strict convert_file refuses the file as before."""
    csv_path, mapping_path = write(
        tmp_path, "Goed,,2001,,PO,\nFout,,20x3,,PO,\nOok goed,,2002,,VO,\n"
    )
    converted = list(row_triples(csv_path, load_mapping(mapping_path)))
    refused = [c for c in converted if isinstance(c, RecordRefusal)]
    assert [(r.record, r.line, r.messages()) for r in refused] == [
        (2, 3, ["line 3, column 'year': '20x3' is not a valid xsd:gYear"])
    ]
    good = {s for c in converted if not isinstance(c, RecordRefusal) for s, _, _ in c}
    assert {ID["study/goed"], ID["study/ook-goed"]} <= good and ID["study/fout"] not in good
    with pytest.raises(InputError, match=r"studies\.csv: 1 error in 1 row"):
        convert_file(csv_path, mapping_path)
