"""The Kennisrotonde record as the service keeps it: each field's triples, JSON Lines and CSV,
and a bad record refused on its own with file, record, line and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS
from typer.testing import CliRunner

from kennisgraaf.cli import app
from kennisgraaf.errors import InputError
from kennisgraaf.loaders.kennisrotonde import convert_file, record_triples
from kennisgraaf.loaders.record_conversion import RecordRefusal
from tests.unit.test_kennisrotonde import minimal

KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = Namespace("https://w3id.org/kennisgraaf/id/")
THEME = Namespace("https://w3id.org/kennisgraaf/def/theme/")
STATUS = Namespace("https://w3id.org/kennisgraaf/def/question-status/")
ASKER = Namespace("https://w3id.org/kennisgraaf/def/asker-role/")
COAR = Namespace("http://purl.org/coar/access_right/")
CITO = Namespace("http://purl.org/spar/cito/")
KEYWORDS = URIRef("https://w3id.org/kennisgraaf/def/keyword")
Q7, A7 = ID["question/kennisrotonde/KR7"], ID["articulation/kennisrotonde/KR7"]
P7, O7 = ID["product/kennisrotonde/KR7"], ID["organising/kennisrotonde/KR7"]


def record(**fields: Any) -> dict[str, Any]:
    """A good answered record KR7 (tests/unit/test_kennisrotonde.py's), changed by `fields`."""
    return minimal(**fields)


def lines(tmp_path: Path, *records: dict[str, Any]) -> Path:
    path = tmp_path / "kr.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def graph_of(tmp_path: Path, *records: dict[str, Any]) -> Graph:
    return convert_file(lines(tmp_path, *records))


def refusals(path: Path) -> list[RecordRefusal]:
    return [r for r in record_triples(path) if isinstance(r, RecordRefusal)]


# --- Each field's triples -----------------------------------------------------------------------


def test_asker_role_and_the_question_as_asked_and_sharpened(tmp_path: Path) -> None:
    g = graph_of(
        tmp_path,
        record(
            asker_role="intern-begeleider",
            question_as_asked="Helpt samen lezen?",
            sharpened_question="Verbetert samen lezen het begrip in groep 5?",
            question=None,
        ),
    )
    assert (A7, KG.askerRole, ASKER["intern-begeleider"]) in g
    assert (Q7, KG.questionAsAsked, Literal("Helpt samen lezen?", lang="nl")) in g
    sharpened = Literal("Verbetert samen lezen het begrip in groep 5?", lang="nl")
    assert (Q7, KG.sharpenedQuestion, sharpened) in g
    assert (Q7, KG.questionText, sharpened) in g  # no question: the sharpened one is its text
    assert set(g.objects(A7, PROV.wasAssociatedWith)) == {ID["organisation/nro"]}  # no name


def test_an_askers_name_only_with_consent(tmp_path: Path) -> None:
    g = graph_of(tmp_path, record(asker_name="Sanne Voorbeeld", asker_consent="ja"))
    person = ID["person/sanne-voorbeeld"]
    assert {
        (A7, PROV.wasAssociatedWith, person),
        (person, FOAF.name, Literal("Sanne Voorbeeld")),
    } <= set(g)
    path = lines(tmp_path, record(asker_name="Sanne Voorbeeld"))
    [refused] = refusals(path)
    assert refused.messages() == [
        "line 1 (KR7), field 'asker_name': an asker's name is kept only with consent "
        "(asker_consent: true); leave the name out or record the consent"
    ]


def test_referral_to_an_earlier_answer_in_the_file(tmp_path: Path) -> None:
    later = record(
        number="KR.8", answer_date=None, short_answer=None,
        status="referred-to-earlier-answer", referred_to="KR.7",
    )  # fmt: skip
    g = graph_of(tmp_path, later, record())  # the answer may come further down the file
    q8 = ID["question/kennisrotonde/KR8"]
    assert (q8, KG.status, STATUS["referred-to-earlier-answer"]) in g
    assert (q8, KG.referredTo, P7) in g
    assert (ID["product/kennisrotonde/KR8"], None, None) not in g


def test_referral_to_another_source_and_routed_to_research(tmp_path: Path) -> None:
    url = "https://example.org/kennisbank/lezen"
    g = graph_of(
        tmp_path,
        record(answer_date=None, short_answer=None, status="referred-to-other-source",
               referred_to=[url, "https://doi.org/10.5555/KR.Lezen"]),
        record(number="KR.9", answer_date=None, short_answer=None, status="routed-to-research",
               referred_to="https://example.org/onderzoek/1"),
    )  # fmt: skip
    doi_work = ID["study/doi/10.5555/kr.lezen"]
    assert set(g.objects(Q7, KG.referredTo)) == {URIRef(url), doi_work}
    assert set(g.predicate_objects(doi_work)) == {(KG.doi, Literal("10.5555/kr.lezen"))}
    q9 = ID["question/kennisrotonde/KR9"]
    assert (q9, KG.status, STATUS["routed-to-research"]) in g
    assert (q9, KG.referredTo, URIRef("https://example.org/onderzoek/1")) in g


def test_related_answers_revisions_access_and_licence(tmp_path: Path) -> None:
    licence = "https://creativecommons.org/licenses/by/4.0/"
    g = graph_of(
        tmp_path,
        record(number="KR.6", date="2019-01-01", answer_date="2019-02-01"),
        record(
            related=["KR.6"], access_rights="open access", license=licence,
            revisions=[
                {"answer_date": "2020-01-20", "short_answer": "Eerste versie."},
                {"answer_date": "2020-02-01", "full_answer": "Tweede versie.", "title": "V2"},
            ],
        ),
    )  # fmt: skip
    v1, v2 = ID["product/kennisrotonde/KR7-v1"], ID["product/kennisrotonde/KR7-v2"]
    expected = {
        (P7, DCTERMS.relation, ID["product/kennisrotonde/KR6"]),
        (P7, DCTERMS.accessRights, COAR.c_abf2),
        (P7, DCTERMS.license, URIRef(licence)),
        (P7, PROV.wasRevisionOf, v2),
        (v2, PROV.wasRevisionOf, v1),
        (v1, RDF.type, KG.KennisrotondeAnswer),
        (v1, DCTERMS.abstract, Literal("Eerste versie.", lang="nl")),
        (v2, DCTERMS.title, Literal("V2", lang="nl")),
        (v2, DCTERMS.description, Literal("Tweede versie.", lang="nl")),
        (ID["organising/kennisrotonde/KR7-v1"], PROV.used, Q7),
    }
    assert expected - set(g) == set()
    dated = ID["organising/kennisrotonde/KR7-v2"]
    assert set(g.objects(dated, DCTERMS.date)) == {Literal("2020-02-01", datatype=XSD_DATE)}
    assert (v1, PROV.wasRevisionOf, None) not in g


XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_grey_literature_and_doi_only_citations(tmp_path: Path) -> None:
    report = {"type": "report", "title": "Staat van het voorbeeld", "year": 2019,
              "organisations": ["Voorbeeldinspectie"], "language": "nl"}  # fmt: skip
    g = graph_of(tmp_path, record(sources=[report, {"doi": "10.5555/ALLEEN.DOI"}]))
    study = ID["study/staat-van-het-voorbeeld-2019"]
    creation = ID["creation/staat-van-het-voorbeeld-2019"]
    author = ID["organisation/voorbeeldinspectie"]
    expected = {
        (study, RDF.type, KG.Report),
        (study, DCTERMS.creator, author),
        (author, RDF.type, KG.Organisation),
        (author, FOAF.name, Literal("Voorbeeldinspectie")),
        (creation, PROV.wasAssociatedWith, author),
        (O7, PROV.used, study),
        (P7, CITO.cites, ID["study/doi/10.5555/alleen.doi"]),
        (ID["study/doi/10.5555/alleen.doi"], KG.doi, Literal("10.5555/alleen.doi")),
    }
    assert expected - set(g) == set()
    assert (study, RDF.type, KG.Publication) not in g


def test_tags_are_keywords_mapped_to_themes_where_known(tmp_path: Path) -> None:
    g = graph_of(tmp_path, record(themes="professional-development;lezen", tags=["Gedrag", "bso"]))
    lezen, gedrag, bso = ID["keyword/lezen"], ID["keyword/gedrag"], ID["keyword/bso"]
    assert set(g.objects(Q7, KG.theme)) == {
        THEME["professional-development"], THEME["curriculum-and-pedagogy"],
        THEME["inclusive-education"],
    }  # fmt: skip
    assert set(g.objects(Q7, KG.keyword)) == {lezen, gedrag, bso}
    assert set(g.predicate_objects(gedrag)) == {
        (RDF.type, SKOS.Concept), (SKOS.inScheme, KEYWORDS),
        (SKOS.prefLabel, Literal("gedrag", lang="nl")),
        (SKOS.broadMatch, THEME["inclusive-education"]),
    }  # fmt: skip
    # Unknown: the text kept, no preferred label (the gate's Warning), no theme.
    assert set(g.predicate_objects(bso)) == {
        (RDF.type, SKOS.Concept), (SKOS.inScheme, KEYWORDS),
        (SKOS.altLabel, Literal("bso", lang="nl")),
    }  # fmt: skip


# --- Formats ------------------------------------------------------------------------------------


def test_csv_carries_every_field(tmp_path: Path) -> None:
    path = tmp_path / "kr.csv"
    header = (
        "number,date,answer_date,sectors,tags,asker_role,question_as_asked,sharpened_question,"
        "short_answer,status,referred_to,related,access_rights,license,revisions,source_dois,"
        "source_titles,source_years,source_types,source_organisations"
    )
    row = (
        "KR.7,2020-01-10,2020-02-20,PO,bso;gedrag,teacher,Vraag?,Scherpe vraag?,Antwoord.,,,,"
        'c_14cb,https://example.org/licentie,"[{""answer_date"": ""2020-02-01"", '
        '""short_answer"": ""Oud.""}]",;10.5555/x,Rapport;,2019;,report;,Inspectie A|Inspectie B;'
    )
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    g = convert_file(path)
    as_json = record(
        question=None, tags="bso;gedrag", asker_role="teacher", question_as_asked="Vraag?",
        sharpened_question="Scherpe vraag?", short_answer="Antwoord.", access_rights="c_14cb",
        license="https://example.org/licentie",
        revisions=[{"answer_date": "2020-02-01", "short_answer": "Oud."}],
        sources=[
            {"title": "Rapport", "year": 2019, "type": "report",
             "organisations": ["Inspectie A", "Inspectie B"]},
            {"doi": "10.5555/x"},
        ],
    )  # fmt: skip
    assert set(g) == set(graph_of(tmp_path, as_json))
    assert (P7, PROV.wasRevisionOf, ID["product/kennisrotonde/KR7-v1"]) in g


def test_json_lines_refuse_a_bad_line_and_read_on(tmp_path: Path) -> None:
    path = tmp_path / "kr.jsonl"
    path.write_text(
        json.dumps(record()) + "\n\n{kapot\n[1]\n" + json.dumps(record(number="KR.9")) + "\n",
        encoding="utf-8",
    )
    converted = list(record_triples(path))
    assert [isinstance(c, RecordRefusal) for c in converted] == [False, True, True, False]
    assert [m for c in converted if isinstance(c, RecordRefusal) for m in c.messages()] == [
        "line 3: malformed JSON at column 2: Expecting property name enclosed in double quotes",
        "line 4: expected a JSON object",
    ]


# --- Errors: file, record, line, field ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"status": "referred-to-earlier-answer", "referred_to": "KR.99"},
            "line 1 (KR7), field 'referred_to': KR99 is no answer in this file or in the graph",
        ),
        ({"related": ["KR.98"]}, "line 1 (KR7), field 'related': KR98 is no answer in this file"),
        (
            {"referred_to": "10.12/bad"},
            "line 1 (KR7), field 'referred_to': '10.12/bad' is no Kennisrotonde number, DOI or",
        ),
        (
            {"status": "referred-to-other-source"},
            "line 1 (KR7), field 'referred_to': the source (a DOI or URL) is needed",
        ),
        (
            {"referred_to": "https://example.org/x"},
            "line 1 (KR7), field 'referred_to': needs a status of referred-to-earlier-answer",
        ),
        (
            {"revisions": [{"answer_date": "2020-03-01", "short_answer": "Later?"}]},
            "line 1 (KR7), field 'revisions[1].answer_date': 2020-03-01 is not between",
        ),
        ({"asker_role": "conciërge"}, "field 'asker_role': unknown asker-role code 'conciërge'"),
        ({"access_rights": "gratis"}, "field 'access_rights': unknown access_right code"),
        ({"license": "CC-BY"}, "field 'license': 'CC-BY' is not an http(s) URL"),
        (
            {"sources": [{"title": "Zonder auteur", "year": 2019}]},
            "line 1 (KR7), field 'sources[1].authors': this source is not in the graph yet, so "
            "authors is needed to create it",
        ),
        (
            {"sources": [{"type": "boek", "title": "T", "year": 2019, "authors": ["A"]}]},
            "field 'sources[1].type': 'boek' is not one of publication, report",
        ),
        ({"date": "2020-13-01"}, "line 1 (KR7), field 'date': '2020-13-01' is not a date"),
    ],
)
def test_a_bad_field_refuses_its_record_and_names_it(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    path = lines(tmp_path, record(**fields), record(number="KR.8"))
    [refused] = refusals(path)
    assert (refused.file, refused.record, refused.line) == ("kr.jsonl", 1, 1)
    assert any(m.startswith(message) or message in m for m in refused.messages()), refused
    good = [c for c in record_triples(path) if not isinstance(c, RecordRefusal)]
    assert len(good) == 1  # the other record converts


def test_the_strict_reading_lists_every_bad_record_with_the_file(tmp_path: Path) -> None:
    path = lines(tmp_path, record(date="gisteren"), record(number="KR.8", related="KR.1"))
    with pytest.raises(InputError) as caught:
        convert_file(path)
    assert str(caught.value) == (
        "kr.jsonl: 2 errors\n"
        "  line 1 (KR7), field 'date': 'gisteren' is not a date (YYYY-MM-DD or DD-MM-YYYY)\n"
        "  line 2 (KR8), field 'related': KR1 is no answer in this file or in the graph"
    )


def test_a_referral_to_a_refused_answer_is_refused_too(tmp_path: Path) -> None:
    """KR6 answers but relates to KR99, which is nowhere: KR6 is refused, and so KR7 that
    refers to it (its answer will not be in the graph)."""
    path = lines(
        tmp_path,
        record(number="KR.6", related="KR.99"),
        record(answer_date=None, short_answer=None, status="referred-to-earlier-answer",
               referred_to="KR.6"),
        record(number="KR.8"),
    )  # fmt: skip
    assert [(r.record, r.messages()) for r in refusals(path)] == [
        (1, ["line 1 (KR6), field 'related': KR99 is no answer in this file or in the graph"]),
        (2, ["line 2 (KR7), field 'referred_to': KR6 is no answer in this file or in the graph"]),
    ]


def test_cli_validate_lists_the_refused_records(tmp_path: Path) -> None:
    path = lines(tmp_path, record(), record(number="KR.8", date="30-02-2020"))
    result = CliRunner().invoke(
        app, ["validate", "--kind", "kennisrotonde", str(path)], terminal_width=200
    )
    assert result.exit_code == 6, result.output
    assert "kr.jsonl: 1 of 2 record(s) quarantined" in result.output
    assert "line 2 (KR8), field 'date': '30-02-2020' is not a date" in result.output
