"""Project records (programme → call → grant → outputs) → RDF: the exact triples of a record in
JSON, JSON Lines and CSV, what another source describes only linked, and refusals naming the
file, the record and the field. No database needed."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import projects, sources
from kennisgraaf.loaders.projects_files import LISTS, PARALLEL, SIMPLE
from kennisgraaf.loaders.record_conversion import RecordRefusal
from kennisgraaf.ontology.concepts import declared_terms
from kennisgraaf.ontology.validation import validate

BASE = "https://w3id.org/kennisgraaf/"
ID = BASE + "id/"
EXAMPLES = Path(projects.__file__).with_name("examples")

RECORD: dict[str, Any] = {
    "project_number": "405-15-718",
    "title": "Samen lezen in groep 5",
    "programme": "Onderwijsbewijs",
    "programme_key": "obw",
    "call": "Onderwijsbewijs 2015",
    "call_date": "2015-03-02",
    "funder": "NRO",
    "lead_applicant": "Eva Jansen",
    "lead_applicant_orcid": "https://orcid.org/0000-0002-9990-0038",
    "participants": [{"name": "OBS De Linde", "brin": "99ab", "type": "school", "sector": "PO"}],
    "start_date": "01-09-2015",
    "end_date": "2017-08-31",
    "amount": "1234.50",
    "outputs": [
        {"doi": "https://doi.org/10.5555/ABC.1", "title": "Samen lezen", "year": 2017,
         "type": "report", "access": "open access", "design": "case-study"},
        {"iri": "https://w3id.org/kennisgraaf/id/product/p01"},
    ],
    "funded": ["https://w3id.org/kennisgraaf/id/network/leesnetwerk"],
}  # fmt: skip

# Worked out by hand from RECORD and the mapping in the module docstring.
EXPECTED = """
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/kennisgraaf/id/> .

<https://w3id.org/kennisgraaf/id/grant/nro/405-15-718> a kg:Grant ;
    kg:nroProjectNumber "405-15-718" ;
    dcterms:title "Samen lezen in groep 5"@nl ;
    kg:funder id:organisation\\/nro ;
    dcterms:isPartOf <https://w3id.org/kennisgraaf/id/call/onderwijsbewijs-2015> ;
    kg:leadApplicant <https://w3id.org/kennisgraaf/id/person/orcid/0000-0002-9990-0038> ;
    kg:participatingOrganisation <https://w3id.org/kennisgraaf/id/organisation/brin/99AB> ;
    kg:startDate "2015-09-01"^^xsd:date ;
    kg:endDate "2017-08-31"^^xsd:date ;
    schema:amount <https://w3id.org/kennisgraaf/id/amount/nro/405-15-718> ;
    schema:fundedItem <https://w3id.org/kennisgraaf/id/study/doi/10.5555/abc.1> ,
        <https://w3id.org/kennisgraaf/id/product/p01> ,
        <https://w3id.org/kennisgraaf/id/network/leesnetwerk> .
<https://w3id.org/kennisgraaf/id/amount/nro/405-15-718> a schema:MonetaryAmount ;
    schema:value "1234.5"^^xsd:decimal ; schema:currency "EUR" .
id:organisation\\/nro a kg:FundingBody ; foaf:name "NRO" .
<https://w3id.org/kennisgraaf/id/programme/obw> a kg:Programme ;
    dcterms:title "Onderwijsbewijs"@nl ; kg:funder id:organisation\\/nro .
<https://w3id.org/kennisgraaf/id/call/onderwijsbewijs-2015> a kg:Call ;
    dcterms:title "Onderwijsbewijs 2015"@nl ;
    dcterms:isPartOf <https://w3id.org/kennisgraaf/id/programme/obw> ;
    dcterms:issued "2015-03-02"^^xsd:date .
<https://w3id.org/kennisgraaf/id/person/orcid/0000-0002-9990-0038> a kg:Person ;
    foaf:name "Eva Jansen" ; kg:orcid "0000-0002-9990-0038" .
<https://w3id.org/kennisgraaf/id/organisation/brin/99AB> a kg:School ;
    foaf:name "OBS De Linde" ; kg:brin "99AB" ;
    kg:sector <https://w3id.org/kennisgraaf/def/sector/PO> .
<https://w3id.org/kennisgraaf/id/study/doi/10.5555/abc.1> a kg:Report ;
    dcterms:title "Samen lezen"@nl ; kg:doi "10.5555/abc.1" ;
    dcterms:issued "2017"^^xsd:gYear ;
    dcterms:accessRights <http://purl.org/coar/access_right/c_abf2> ;
    kg:studyDesign <https://w3id.org/kennisgraaf/def/study-design/case-study> ;
    prov:wasGeneratedBy <https://w3id.org/kennisgraaf/id/creation/doi/10.5555/abc.1> .
<https://w3id.org/kennisgraaf/id/creation/doi/10.5555/abc.1> a kg:KnowledgeCreation ;
    kg:function <https://w3id.org/kennisgraaf/def/function/creation> ;
    dcterms:date "2017-01-01"^^xsd:date ;
    prov:wasAssociatedWith <https://w3id.org/kennisgraaf/id/person/orcid/0000-0002-9990-0038> ,
        <https://w3id.org/kennisgraaf/id/organisation/brin/99AB> .
"""


def expected() -> Graph:
    return Graph().parse(data=EXPECTED, format="turtle")


def write(tmp_path: Path, records: list[dict[str, Any]], suffix: str) -> Path:
    """The records as a file of the format `suffix` names (CSV: the documented columns)."""
    path = tmp_path / f"projects{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(records), encoding="utf-8")
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, [*SIMPLE, *PARALLEL.values(), *LISTS])
            writer.writeheader()
            writer.writerows(_row(r) for r in records)
    return path


def _row(record: dict[str, Any]) -> dict[str, str]:
    row = {c: str(record[c]) for c in SIMPLE if c in record}
    for (group, item), column in PARALLEL.items():
        values = [
            str(i.get("doi") or i.get("iri") if item == "id" else i.get(item, ""))
            for i in record.get(group, [])
        ]
        row[column] = ";".join(values)
    row.update({c: ";".join(record.get(c, [])) for c in LISTS})
    return row


def converted(path: Path, known: set[URIRef] | None = None) -> list[Any]:
    return list(projects.record_triples(path, base=BASE, known=known or set()))


def graph_of(path: Path, known: set[URIRef] | None = None) -> Graph:
    graph = Graph()
    for record in converted(path, known):
        assert not isinstance(record, RecordRefusal), record.messages()
        for triple in record:
            graph.add(triple)
    return graph


def refusals(path: Path) -> list[str]:
    return [m for r in converted(path) if isinstance(r, RecordRefusal) for m in r.messages()]


def _differences(got: Graph, want: Graph) -> str:
    _, only_got, only_want = graph_diff(got, want)
    return f"extra: {sorted(map(str, only_got))}\nmissing: {sorted(map(str, only_want))}"


# Mutation caught: dropping `grant dcterms:isPartOf call` (or any mapped line) fails every format.
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".csv"])
def test_a_record_gives_exactly_its_triples_in_every_format(tmp_path: Path, suffix: str) -> None:
    got = graph_of(write(tmp_path, [RECORD], suffix))
    assert isomorphic(got, expected()), _differences(got, expected())


# Mutation caught: describing a study another source describes (no `elsewhere` check).
def test_what_another_source_describes_is_only_linked(tmp_path: Path) -> None:
    study = URIRef(ID + "study/doi/10.5555/abc.1")
    school = URIRef(ID + "organisation/brin/99AB")
    person = URIRef(ID + "person/orcid/0000-0002-9990-0038")
    got = graph_of(write(tmp_path, [RECORD], ".json"), {study, school, person})
    creation = URIRef(ID + "creation/doi/10.5555/abc.1")
    left_out = {t for t in expected() if t[0] in {study, school, person, creation}}
    assert len(left_out) == 3 + 4 + 7 + 5  # person, school, study, creation
    assert set(got) == set(expected()) - left_out


# Mutation caught: a CSV reader that drops the second item of a parallel column.
def test_the_example_files_give_the_same_graph() -> None:
    from_json_lines = graph_of(EXAMPLES / "projects-example.jsonl")
    from_csv = graph_of(EXAMPLES / "projects-example.csv")
    assert len(from_json_lines) == 111  # with Joris Proef's consent to be named
    assert isomorphic(from_json_lines, from_csv)
    grants = {str(s) for s in from_csv.subjects(predicate=None, object=URIRef(BASE + "def#Grant"))}
    assert grants == {
        ID + "grant/nro/40.5.90001.001",
        ID + "grant/nro/40.5.90001.002",
        ID + "grant/nro/405-15-718",
    }


def test_only_declared_kg_terms_are_used() -> None:
    graph = graph_of(EXAMPLES / "projects-example.jsonl")
    declared = {t for terms in declared_terms().values() for t in terms}
    used = {t for triple in graph for t in triple if str(t).startswith(BASE + "def#")}
    assert used <= declared


BAD_FIELDS = [
    ({"outputs": [{"doi": "10.55/x", "title": "T", "year": 2017}]}, "outputs[1].doi",
     "invalid DOI '10.55/x': expected 10.<4-9 digits>/<suffix>"),
    ({"lead_applicant_orcid": "0000-0002-9990-0039"}, "lead_applicant_orcid",
     "invalid ORCID iD '0000-0002-9990-0039': check character is 9, expected 8"),
    ({"project_number": "4051-5718"}, "project_number",
     "'4051-5718' is no NRO project number (405-15-718 or 40.5.18300.018)"),
    ({"end_date": "2014-08-31"}, "end_date", "2014-08-31 is before the start date 2015-09-01"),
    ({"call_date": "2999-01-01"}, "call_date",
     "2999-01-01 lies in the future (the graph records what happened)"),
    ({"participants": [{"name": "X", "type": "club"}]}, "participants[1].type",
     "unknown organisation type 'club' (organisation, school, school-board, university, "
     "hogeschool, teacher-education-institute, expertise-organisation, government-agency, "
     "funding-body)"),
    ({"amount": None, "currency": "EUR"}, "currency", "a currency needs an amount"),
    ({"amount": "1.234,50"}, "amount", "'1.234,50' is not an amount (digits, a decimal point)"),
    ({"outputs": [{"doi": "10.5555/new"}]}, "outputs[1].title",
     "DOI 10.5555/new is not in the graph yet, so title and year are needed to describe it"),
    ({"outputs": [{"iri": "https://example.org/p", "title": "T"}]}, "outputs[1].title",
     "an output given by IRI is only linked: describe it in the source that has it"),
    ({"call": ""}, "call", "a value is required"),
]  # fmt: skip


# Mutation caught (each): the check that raises the message is removed.
@pytest.mark.parametrize(("change", "field", "reason"), BAD_FIELDS)
def test_a_bad_field_refuses_its_record_naming_it(
    tmp_path: Path, change: dict[str, Any], field: str, reason: str
) -> None:
    bad = {k: v for k, v in {**RECORD, **change}.items() if v is not None}
    other = {**RECORD, "project_number": "40.5.18300.018", "programme_key": "obw"}
    path = write(tmp_path, [other, bad], ".json")
    results = converted(path)
    assert not isinstance(results[0], RecordRefusal)  # the good record still converts
    refusal = results[1]
    assert isinstance(refusal, RecordRefusal)
    assert (refusal.file, refusal.record, refusal.line) == ("projects.json", 2, None)
    where = "record 2" if field == "project_number" else "record 2 (405-15-718)"  # readable?
    assert refusal.messages() == [f"{where}, field {field!r}: {reason}"]


# Mutation caught: labelling CSV fields by their JSON path (no column names in the message).
def test_csv_refusals_name_line_and_column(tmp_path: Path) -> None:
    bad = {**RECORD, "outputs": [{"doi": "10.5555/ok", "title": "T", "year": "20x7"}]}
    path = write(tmp_path, [RECORD, bad], ".csv")
    assert refusals(path) == [
        "line 3 (405-15-718), column 'output_years (item 1)': '20x7' is not a year"
    ]
    fixed = {**bad, "outputs": [{"doi": "10.5555/ok", "title": "T", "year": "2017"}]}
    assert refusals(write(tmp_path, [RECORD, fixed], ".csv")) == [
        "line 3 (405-15-718), column 'project_number': also given in line 2"
    ]


# Mutation caught: keeping what a refused record described (Described.keep without `good`).
def test_a_thing_described_differently_by_two_records_refuses_the_later(tmp_path: Path) -> None:
    star = {"name": "De Ster", "brin": "99CD", "type": "school-board"}
    second = {**RECORD, "project_number": "40.5.18300.018", "programme": "Onderwijsbewijs II",
              "participants": [star]}  # fmt: skip
    # the refused record described nothing: the third may name 99CD as it likes
    third = {**RECORD, "project_number": "40.5.18300.019",
             "participants": [{**star, "name": "Stichting De Ster"}]}  # fmt: skip
    path = write(tmp_path, [RECORD, second, third], ".jsonl")
    assert refusals(path) == [
        f"line 2 (40.5.18300.018), field 'programme': {ID}programme/obw is described as "
        "'Onderwijsbewijs II' here but as 'Onderwijsbewijs' in line 1"
    ]


def test_a_new_output_needs_someone_who_made_it(tmp_path: Path) -> None:
    alone = {k: v for k, v in RECORD.items() if k not in ("lead_applicant", "participants")}
    alone.pop("lead_applicant_orcid")
    assert refusals(write(tmp_path, [alone], ".json")) == [
        "record 1 (405-15-718), field 'outputs[1]': a new output is made by the project's "
        "lead applicant or participants: name at least one"
    ]


def test_a_malformed_line_is_refused_and_the_rest_converts(tmp_path: Path) -> None:
    path = tmp_path / "projects.jsonl"
    path.write_text('{"project_number": \n' + json.dumps(RECORD) + "\n", encoding="utf-8")
    results = converted(path)
    assert isinstance(results[0], RecordRefusal)
    assert results[0].messages() == ["line 1: malformed JSON at column 20: Expecting value"]
    assert isinstance(results[1], list)


def test_the_kind_and_the_file_checks(tmp_path: Path) -> None:
    assert sources.kind_named("projects") is projects.KIND
    other = tmp_path / "projects.xml"
    other.write_text("<x/>", encoding="utf-8")
    with pytest.raises(InputError, match=r"projects.xml: unknown project file format"):
        sources.open_source(other, kind="projects")
    header = tmp_path / "projects.csv"
    header.write_text("project_number,title,budget\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"projects.csv, line 1: unknown column 'budget'"):
        list(projects.record_triples(header))


def test_the_future_is_today_plus_one(tmp_path: Path) -> None:
    today = {**RECORD, "call_date": date.today().isoformat()}
    assert refusals(write(tmp_path, [today], ".json")) == []


def test_a_running_project_states_its_planned_end(tmp_path: Path) -> None:
    # A grant's period is agreed at the award: the end of a running project lies ahead, and
    # both the loader and the shapes (NoFutureDateShape) take it.
    running = {**RECORD, "end_date": "2999-06-30"}
    graph = graph_of(write(tmp_path, [running], ".json"))
    ends = [o for _, p, o in graph if str(p) == BASE + "def#endDate"]
    assert [str(o) for o in ends] == ["2999-06-30"]
    future = [r for r in validate(graph).results if "NoFutureDate" in str(r.source_shape)]
    assert future == []
