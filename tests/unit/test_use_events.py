"""Use and sharing rows (events, trainings, newsletters, use reports) → RDF: the exact triples of
a sharing and a use, consent for people, and refusals naming the line and the column. No
database needed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import sources, use_events
from kennisgraaf.loaders.record_conversion import RecordRefusal

BASE = "https://w3id.org/kennisgraaf/"
ID = BASE + "id/"
EXAMPLES = Path(use_events.__file__).with_name("examples")

SHARING = {
    "id": "NRO-DEEL-7",
    "kind": "training",
    "date": "2023-02-01",
    "title": "Feedback geven",
    "shared": "https://doi.org/10.5555/ABC.1;https://w3id.org/kennisgraaf/id/product/p01",
    "organisation": "Universiteit Utrecht",
    "organisation_ror": "04pp8hn57",
    "organisation_type": "university",
    "network": "Kennistafel Lezen",
    "person": "Eva Jansen",
    "person_orcid": "0000-0002-9990-0038",
    "person_consent": "ja",
    "region": "Utrecht",
    "school_brin": "99ab",
    "level": "school",
    "outcome": "Dertig leraren namen deel.",
}
USE = {
    "id": "NRO-BEN-8",
    "kind": "use-report",
    "date": "15-03-2023",
    "shared": "10.5555/abc.1",
    "organisation": "OBS De Linde",
    "organisation_brin": "99AB",
    "organisation_type": "school",
    "organisation_sector": "PO",
    "region": "GM0344",
    "level": "klas",
    "informed_by": "NRO-DEEL-7",
    "outcome": "Groep 5 werkt met feedbackkaarten.",
    "language": "nl",
}

# Worked out by hand from SHARING and USE and the columns in the module docstring.
EXPECTED = """
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/kennisgraaf/id/sharing/nro-deel-7> a kg:KnowledgeSharing ;
    kg:function <https://w3id.org/kennisgraaf/def/function/sharing> ;
    dcterms:date "2023-02-01"^^xsd:date ;
    dcterms:identifier "NRO-DEEL-7" ;
    kg:sharingKind <https://w3id.org/kennisgraaf/def/sharing-kind/training> ;
    dcterms:title "Feedback geven"@nl ;
    prov:used <https://w3id.org/kennisgraaf/id/study/doi/10.5555/abc.1> ,
        <https://w3id.org/kennisgraaf/id/product/p01> ;
    prov:wasAssociatedWith <https://w3id.org/kennisgraaf/id/organisation/ror/04pp8hn57> ,
        <https://w3id.org/kennisgraaf/id/network/kennistafel-lezen> ,
        <https://w3id.org/kennisgraaf/id/person/orcid/0000-0002-9990-0038> ;
    kg:throughNetwork <https://w3id.org/kennisgraaf/id/network/kennistafel-lezen> ;
    kg:inRegion <https://w3id.org/kennisgraaf/def/region/PV26> ;
    prov:atLocation <https://w3id.org/kennisgraaf/id/organisation/brin/99AB> ;
    kg:useLevel <https://w3id.org/kennisgraaf/def/use-level/school> ;
    dcterms:description "Dertig leraren namen deel."@nl .
<https://w3id.org/kennisgraaf/id/organisation/ror/04pp8hn57> a kg:University ;
    foaf:name "Universiteit Utrecht" ; kg:ror "04pp8hn57" .
<https://w3id.org/kennisgraaf/id/person/orcid/0000-0002-9990-0038> a kg:Person ;
    foaf:name "Eva Jansen" ; kg:orcid "0000-0002-9990-0038" ; kg:consentToBeNamed true .

<https://w3id.org/kennisgraaf/id/use/nro-ben-8> a kg:KnowledgeUse ;
    kg:function <https://w3id.org/kennisgraaf/def/function/use> ;
    dcterms:date "2023-03-15"^^xsd:date ;
    dcterms:identifier "NRO-BEN-8" ;
    prov:used <https://w3id.org/kennisgraaf/id/study/doi/10.5555/abc.1> ;
    prov:wasAssociatedWith <https://w3id.org/kennisgraaf/id/organisation/brin/99AB> ;
    kg:inRegion <https://w3id.org/kennisgraaf/id/region/GM0344> ;
    kg:useLevel <https://w3id.org/kennisgraaf/def/use-level/klas> ;
    prov:wasInformedBy <https://w3id.org/kennisgraaf/id/sharing/nro-deel-7> ;
    kg:outcome "Groep 5 werkt met feedbackkaarten."@nl .
<https://w3id.org/kennisgraaf/id/organisation/brin/99AB> a kg:School ;
    foaf:name "OBS De Linde" ; kg:brin "99AB" ;
    kg:sector <https://w3id.org/kennisgraaf/def/sector/PO> .
"""


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, use_events.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def converted(path: Path, known: set[URIRef] | None = None) -> list[object]:
    return list(use_events.record_triples(path, base=BASE, known=known or set()))


def graph_of(path: Path, known: set[URIRef] | None = None) -> Graph:
    graph = Graph()
    for record in converted(path, known):
        assert isinstance(record, list), record
        for triple in record:
            graph.add(triple)
    return graph


def refusals(path: Path) -> list[str]:
    return [m for r in converted(path) if isinstance(r, RecordRefusal) for m in r.messages()]


# Mutation caught: a use's outcome written as dcterms:description (or any mapped line dropped).
def test_a_sharing_and_a_use_give_exactly_their_triples(tmp_path: Path) -> None:
    got = graph_of(write(tmp_path, [SHARING, USE]))
    want = Graph().parse(data=EXPECTED, format="turtle")
    _, extra, missing = graph_diff(got, want)
    assert isomorphic(got, want), (sorted(map(str, extra)), sorted(map(str, missing)))


# Mutation caught: describing an organisation another source describes.
def test_an_organisation_described_elsewhere_is_only_linked(tmp_path: Path) -> None:
    school = URIRef(ID + "organisation/brin/99AB")
    got = graph_of(write(tmp_path, [USE]), {school})
    assert set(got.predicate_objects(school)) == set()
    assert (URIRef(ID + "use/nro-ben-8"), URIRef("http://www.w3.org/ns/prov#wasAssociatedWith"),
            school) in got  # fmt: skip


def test_the_example_converts_every_row() -> None:
    results = converted(EXAMPLES / "use-events-example.csv")
    assert [len(r) for r in results if isinstance(r, list)] == [13, 20, 11, 15, 10]


def _bad(row: dict[str, str], **change: str) -> dict[str, str]:
    return {**row, **change}


BAD_ROWS = [
    (_bad(SHARING, person_consent="nee"), "person",
     "a person is recorded only with their consent: set person_consent to yes, or leave person "
     "and person_orcid empty"),
    (_bad(SHARING, person_consent=""), "person",
     "a person is recorded only with their consent: set person_consent to yes, or leave person "
     "and person_orcid empty"),
    (_bad(SHARING, kind="webinar"), "kind",
     "unknown kind 'webinar' (event, training, newsletter or use-report)"),
    (_bad(SHARING, shared="10.5555/abc.1;doi:11.1/x"), "shared",
     "invalid DOI 'doi:11.1/x': expected 10.<4-9 digits>/<suffix>"),
    (_bad(SHARING, level="land"), "level",
     "unknown use-level 'land' (known: bestuur, klas, regio, school)"),
    (_bad(SHARING, informed_by="NRO-DEEL-1"), "informed_by",
     "only a use-report comes through a sharing"),
    (_bad(SHARING, date="2999-01-01"), "date",
     "2999-01-01 lies in the future (the graph records what happened)"),
    (_bad(USE, organisation="", organisation_brin="", organisation_type="",
          organisation_sector=""), "organisation",
     "say who shared or used it: an organisation, a network or a consenting person"),
    (_bad(USE, organisation_sector=""), "organisation_sector",
     "a school needs its sector (PO, VO, …)"),
    (_bad(USE, person_orcid="0000-0002-9990-0039", person_consent="yes"), "person_orcid",
     "invalid ORCID iD '0000-0002-9990-0039': check character is 9, expected 8"),
]  # fmt: skip


# Mutation caught (each): the check that raises the message is removed.
@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS)
def test_a_bad_cell_refuses_its_row_naming_line_and_column(
    tmp_path: Path, row: dict[str, str], column: str, reason: str
) -> None:
    path = write(tmp_path, [USE, row])
    results = converted(path)
    assert isinstance(results[0], list)  # the good row still converts
    refusal = results[1]
    assert isinstance(refusal, RecordRefusal)
    assert (refusal.file, refusal.record, refusal.line) == ("events.csv", 2, 3)
    assert refusal.messages() == [f"line 3 ({row['id']}), column {column!r}: {reason}"]


# Mutation caught: not remembering the sharings' dates (no check against the file's sharing).
def test_a_use_cannot_come_through_a_later_sharing_of_the_file(tmp_path: Path) -> None:
    early = _bad(USE, date="2023-01-15")
    assert refusals(write(tmp_path, [SHARING, early])) == [
        "line 3 (NRO-BEN-8), column 'informed_by': the sharing NRO-DEEL-7 is dated 2023-02-01, "
        "after this use (2023-01-15)"
    ]


def test_a_person_without_consent_never_reaches_the_graph(tmp_path: Path) -> None:
    consented = graph_of(write(tmp_path, [SHARING]))
    person = URIRef(ID + "person/orcid/0000-0002-9990-0038")
    assert set(consented.subjects()) >= {person}
    without = _bad(SHARING, person="", person_orcid="", person_consent="nee")
    graph = graph_of(write(tmp_path, [without]))
    assert person not in set(graph.subjects()) | set(graph.objects())
    assert not any("Eva" in str(o) for o in graph.objects())


def test_header_errors_and_the_kind(tmp_path: Path) -> None:
    assert sources.kind_named("use-events") is use_events.KIND
    path = tmp_path / "events.csv"
    path.write_text("id,kind,date,where\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events.csv, line 1: unknown column 'where'"):
        list(use_events.record_triples(path))
    path.write_text("id,kind,date\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events.csv, line 1: missing column 'shared'"):
        list(use_events.record_triples(path))
    other = tmp_path / "events.json"
    other.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match=r"read from a .csv file"):
        sources.open_source(other, kind="use-events")
