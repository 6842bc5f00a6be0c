"""Kennisrotonde records → questions, answers, studies and experts; formats and error messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF

from kennisgraaf import identifiers
from kennisgraaf.errors import InputError
from kennisgraaf.loaders.kennisrotonde import convert_file, example_path, iter_batches
from kennisgraaf.ontology.concepts import declared_terms
from kennisgraaf.ontology.files import dataset_graph
from kennisgraaf.ontology.validation import validate

KG = Namespace("https://w3id.org/kennisgraaf/def#")
ID = Namespace("https://w3id.org/kennisgraaf/id/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SECTOR = Namespace("https://w3id.org/kennisgraaf/def/sector/")
THEME = Namespace("https://w3id.org/kennisgraaf/def/theme/")
STATUS = Namespace("https://w3id.org/kennisgraaf/def/question-status/")
FN = Namespace("https://w3id.org/kennisgraaf/def/function/")
ROLE = Namespace("https://w3id.org/kennisgraaf/def/role/")
DESIGN = Namespace("https://w3id.org/kennisgraaf/def/study-design/")
CITO = Namespace("http://purl.org/spar/cito/")

FEEDBACK_DOI = "10.3102/003465430298487"


@pytest.fixture(scope="module")
def example() -> Graph:
    return convert_file(example_path("kennisrotonde-example.json"))


def count(graph: Graph, cls: URIRef) -> int:
    return len(set(graph.subjects(RDF.type, cls)))


def minimal(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "number": "KR.7",
        "date": "2020-01-10",
        "answer_date": "2020-02-20",
        "sectors": "PO",
        "question": "Werkt samen lezen?",
        "short_answer": "Ja, onder voorwaarden.",
    }
    record.update(fields)
    return {k: v for k, v in record.items() if v is not None}


def write_json(tmp_path: Path, records: Any, name: str = "kr.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def error_of(path: Path, **kwargs: Any) -> str:
    with pytest.raises(InputError) as caught:
        next(iter_batches(path, **kwargs))
    return str(caught.value)


# --- The example records ------------------------------------------------------------------------


def test_example_counts(example: Graph) -> None:
    assert {
        cls: count(example, cls)
        for cls in (
            KG.KnowledgeQuestion,
            KG.QuestionArticulation,
            KG.KennisrotondeAnswer,
            KG.KnowledgeOrganisation,
            KG.Publication,
            KG.Report,
            KG.KnowledgeCreation,
            KG.Person,
            ORG.Membership,
            KG.Organisation,
            KG.FundingBody,
        )
    } == {
        KG.KnowledgeQuestion: 8,
        KG.QuestionArticulation: 8,
        KG.KennisrotondeAnswer: 5,  # KR1101-1103, KR1105 and its earlier version
        KG.KnowledgeOrganisation: 5,
        KG.Publication: 6,
        KG.Report: 1,  # KR1105's grey literature; its DOI-only source is no study
        KG.KnowledgeCreation: 7,
        KG.Person: 20,  # 16 authors, 3 experts and KR1108's consenting asker
        ORG.Membership: 2,
        KG.Organisation: 4,  # with the report's author
        KG.FundingBody: 1,
    }


def test_example_triples(example: Graph) -> None:
    question = ID["question/kennisrotonde/KR1101"]
    articulation = ID["articulation/kennisrotonde/KR1101"]
    product = ID["product/kennisrotonde/KR1101"]
    organising = ID["organising/kennisrotonde/KR1101"]
    study = ID[f"study/doi/{FEEDBACK_DOI}"]
    creation = ID[f"creation/doi/{FEEDBACK_DOI}"]
    nro = ID["organisation/nro"]
    expected = [
        (question, RDF.type, KG.KnowledgeQuestion),
        (question, DCTERMS.identifier, Literal("KR1101")),
        (question, KG.sector, SECTOR.PO),
        (question, KG.theme, THEME["curriculum-and-pedagogy"]),
        (question, KG.status, STATUS.answered),
        (question, PROV.wasGeneratedBy, articulation),
        (articulation, KG.function, FN.articulation),
        (articulation, DCTERMS.date, Literal("2019-02-12", datatype=XSD.date)),
        (articulation, PROV.wasAssociatedWith, nro),
        (product, RDF.type, KG.KennisrotondeAnswer),
        (
            product,
            DCTERMS.title,
            Literal("Feedback die werkt bij schrijfonderwijs in de bovenbouw", lang="nl"),
        ),
        (product, DCTERMS.publisher, nro),
        (product, FOAF.page, URIRef("https://example.org/kennisrotonde/kr1101")),
        (product, PROV.wasGeneratedBy, organising),
        (organising, DCTERMS.date, Literal("2019-03-20", datatype=XSD.date)),
        (organising, KG.function, FN.organisation),
        (organising, PROV.used, question),
        (organising, PROV.used, study),
        (organising, PROV.wasAssociatedWith, ID["person/orcid/0000-0002-1825-0097"]),
        (study, KG.doi, Literal(FEEDBACK_DOI)),
        (study, DCTERMS.title, Literal("The Power of Feedback", lang="en")),
        (study, DCTERMS.issued, Literal("2007", datatype=XSD.gYear)),
        (study, KG.studyDesign, DESIGN["literature-review"]),
        (study, PROV.wasGeneratedBy, creation),
        (creation, DCTERMS.date, Literal("2007-01-01", datatype=XSD.date)),
        (creation, PROV.wasAssociatedWith, ID["person/hattie-j"]),
        (ID["person/orcid/0000-0002-1825-0097"], KG.orcid, Literal("0000-0002-1825-0097")),
        (ID["organisation/ror/04pp8hn57"], KG.ror, Literal("04pp8hn57")),
        (ID["person/ruud-smit"], ORG.memberOf, ID["organisation/ror/016xsfp80"]),
        (ID["question/kennisrotonde/KR1104"], KG.status, STATUS.open),
    ]
    assert [t for t in expected if t not in example] == []
    membership = ID["membership/0000-0002-1825-0097--04pp8hn57--researcher"]
    assert (membership, ORG.role, ROLE.researcher) in example
    assert (ID["product/kennisrotonde/KR1104"], None, None) not in example
    no_doi = ID["study/begeleid-zelfstandig-leren-in-het-mbo-een-verkenning-van-de-praktijk-2017"]
    assert (no_doi, RDF.type, KG.Publication) in example


def test_example_conforms_to_the_shapes(example: Graph) -> None:
    outcome = validate(example)
    assert outcome.conforms, [(str(r.focus_node), r.message) for r in outcome.violations]


def test_only_declared_kg_terms_are_used(example: Graph) -> None:
    classes = {o for o in example.objects(None, RDF.type) if str(o).startswith(str(KG))}
    properties = {p for p in example.predicates() if str(p).startswith(str(KG))}
    assert classes - declared_terms()["class"] == set()
    assert properties - declared_terms()["property"] == set()


def test_example_merges_cleanly_with_the_shipped_datasets(example: Graph) -> None:
    # NRO, the universities (by ROR) and the DOI studies keep one name, class and title each.
    graph = dataset_graph("seed") + dataset_graph("sample") + example
    outcome = validate(graph)
    assert outcome.conforms, [(str(r.focus_node), r.message) for r in outcome.violations]


def test_json_csv_and_json_lines_give_the_same_graph(example: Graph, tmp_path: Path) -> None:
    assert isomorphic(convert_file(example_path("kennisrotonde-example.csv")), example)
    records = json.loads(example_path("kennisrotonde-example.json").read_text(encoding="utf-8"))
    lines = tmp_path / "kr.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    assert isomorphic(convert_file(lines), example)
    as_json = tmp_path / "kr-lines.json"  # JSON Lines under a .json name
    as_json.write_text(lines.read_text(encoding="utf-8"), encoding="utf-8")
    assert isomorphic(convert_file(as_json), example)
    single = write_json(tmp_path, records[3], "one.json")
    assert count(convert_file(single), KG.KnowledgeQuestion) == 1


def test_batches() -> None:
    batches = list(iter_batches(example_path("kennisrotonde-example.json"), batch_records=3))
    assert [count(b, KG.KnowledgeQuestion) for b in batches] == [3, 3, 2]
    assert all((ID["organisation/nro"], RDF.type, KG.FundingBody) in b for b in batches)


# --- Identity: linking by DOI and reloading -----------------------------------------------------


def test_cited_study_gets_the_iri_of_its_doi(example: Graph) -> None:
    elsewhere = identifiers.mint_identified_iri("study", "doi", f"https://doi.org/{FEEDBACK_DOI}")
    assert (elsewhere, RDF.type, KG.Publication) in example


def test_known_study_is_linked_not_described(tmp_path: Path) -> None:
    known = ID["study/doi/10.1000/known"]
    path = write_json(tmp_path, [minimal(sources=[{"doi": "doi:10.1000/KNOWN"}])])
    graph = Graph()
    for batch in iter_batches(path, known_studies={known}):
        graph += batch
    assert (ID["organising/kennisrotonde/KR7"], PROV.used, known) in graph
    assert (known, None, None) not in graph
    # Not in the graph: a work known only by its DOI, cited (no longer refused).
    cited = convert_file(path)
    assert (ID["product/kennisrotonde/KR7"], CITO.cites, known) in cited
    assert set(cited.predicate_objects(known)) == {(KG.doi, Literal("10.1000/known"))}
    assert (ID["organising/kennisrotonde/KR7"], PROV.used, known) not in cited
    # A source with more than a DOI is described, so it needs what a study requires.
    path = write_json(tmp_path, [minimal(sources=[{"doi": "10.1000/known", "title": "T"}])])
    assert error_of(path) == (
        "kr.json: 1 error\n  record 1 (KR7), field 'sources[1].year': DOI 10.1000/known is not "
        "in the graph yet, so year, authors are needed to create it"
    )


def test_reloading_an_updated_export_rewrites_the_same_resources(tmp_path: Path) -> None:
    first = convert_file(write_json(tmp_path, [minimal()], "v1.json"))
    second = convert_file(
        write_json(
            tmp_path, [minimal(number="KR7", short_answer="Ja, met een leesplan.")], "v2.json"
        )
    )
    assert set(first.subjects()) == set(second.subjects())
    product = ID["product/kennisrotonde/KR7"]
    assert (product, DCTERMS.abstract, Literal("Ja, met een leesplan.", lang="nl")) in second


# --- Bad input ----------------------------------------------------------------------------------


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kr.json"
    path.write_text('[\n {"number": "KR.1",\n  "date": 2020-01-01}\n]\n', encoding="utf-8")
    assert error_of(path) == ("kr.json, line 3, column 15: malformed JSON: Expecting ',' delimiter")
    lines = tmp_path / "kr.jsonl"
    # In JSON Lines a malformed line is one bad record: refused on its own, the others read.
    lines.write_text(json.dumps(minimal()) + '\n{"number": \n', encoding="utf-8")
    assert error_of(lines) == (
        "kr.jsonl: 1 error\n  line 2: malformed JSON at column 12: Expecting value"
    )


def test_every_field_error_of_every_record_is_reported(tmp_path: Path) -> None:
    path = write_json(
        tmp_path,
        [
            minimal(),
            minimal(
                number="KR.8",
                sectors=["PO", "XO"],
                themes="lezen",  # no theme: kept as a free keyword, no longer an error
                answer_date="2019-12-31",
                experts=[{"name": "A. Expert", "orcid": "0000-0002-1825-0098"}],
            ),
            minimal(number=None, date="31-02-2020", question=" "),
            "geen object",
        ],
    )
    assert error_of(path) == (
        "kr.json: 7 errors\n"
        "  record 2 (KR8), field 'sectors': unknown sector code 'XO' "
        "(known: HBO, MBO, PO, SO, VO, WO)\n"
        "  record 2 (KR8), field 'experts[1].orcid': invalid ORCID iD '0000-0002-1825-0098': "
        "check character is 8, expected 7\n"
        "  record 2 (KR8), field 'answer_date': 2019-12-31 is before the question date 2020-01-10\n"
        "  record 3, field 'number': a value is required\n"
        "  record 3, field 'date': '31-02-2020' is not a date (YYYY-MM-DD or DD-MM-YYYY)\n"
        "  record 3, field 'question': a value is required\n"
        "  record 4: expected a JSON object"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"sources": [{"doi": "10.12/x", "title": "T", "year": 2001, "authors": ["A"]}]},
            "field 'sources[1].doi': invalid DOI '10.12/x'",
        ),
        (
            {"sources": [{"title": "T", "year": 2030, "authors": ["A"]}]},
            "field 'sources[1].year': 2030 is after the answer date 2020-02-20",
        ),
        ({"sources": [{"year": 2001}]}, "field 'sources[1]': a source needs a doi or a title"),
        ({"answer_date": None}, "field 'answer_date': required with short_answer"),
        ({"short_answer": None}, "field 'answer_date': an answer needs short_answer"),
        ({"sectors": None}, "field 'sectors': at least one sector is required"),
        ({"language": "de"}, "field 'language': 'de' is not one of nl, en"),
        ({"url": "ftp://x"}, "field 'url': 'ftp://x' is not an http(s) URL"),
        ({"experts": [{"name": "B", "role": "coach"}]}, "field 'experts[1].role': a role needs"),
        (
            {"experts": [{"name": "B", "organisation": "UU", "role": "coach"}]},
            "field 'experts[1].role': unknown role code 'coach'",
        ),
        ({"number": "Q-1"}, "field 'number': invalid Kennisrotonde number 'Q-1'"),
    ],
)
def test_field_errors(tmp_path: Path, fields: dict[str, Any], message: str) -> None:
    record = minimal()
    record.update(fields)
    path = write_json(tmp_path, [{k: v for k, v in record.items() if v is not None}])
    assert message in error_of(path)


def test_csv_errors_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "kr.csv"
    path.write_text(
        "number,date,answer_date,sectors,question,short_answer,source_dois,source_titles,"
        "source_years,source_authors\n"
        "KR.1,2020-01-01,2020-02-01,PO,Vraag?,Antwoord.,10.1000/a;10.12/b,A;B,2001;2002,X;Y\n",
        encoding="utf-8",
    )
    assert error_of(path) == (
        "kr.csv: 1 error\n  line 2 (KR1), field 'source_dois (item 2)': invalid DOI '10.12/b': "
        "expected 10.<4-9 digits>/<suffix>"
    )
    path.write_text("number,date,sectors,vraag\n", encoding="utf-8")
    assert error_of(path) == "kr.csv, line 1: unknown column 'vraag'"
    path.write_text("number,date,sectors\n", encoding="utf-8")
    assert error_of(path) == "kr.csv, line 1: missing column 'question'"


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "kr.xml"
    path.write_text("<kr/>", encoding="utf-8")
    assert error_of(path) == "kr.xml: unknown Kennisrotonde format (use .json, .jsonl or .csv)"
