"""Validate-then-load against the real Neo4j: round trips, re-imports, replacement, rejection."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.files import dataset_path
from tests.conftest import count_all
from tests.pipeline_helpers import exported, exported_bytes, load

KG = "https://w3id.org/kennisgraaf/def#"
ID = "https://w3id.org/kennisgraaf/id/"
PREFIXES = f"""@prefix kg: <{KG}> . @prefix id: <{ID}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://example.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["seed", "sample"])
def test_shipped_datasets_round_trip_isomorphically(
    driver: Driver, database: str, tmp_path: Path, name: str
) -> None:
    path = dataset_path(name)
    report = load(driver, database, path, tmp_path)
    assert report.statements_rejected == 0 and not report.rejections
    original = Graph().parse(path)
    assert report.statements_read == len(original)
    assert isomorphic(exported(driver, database), original)


@pytest.mark.parametrize("fmt", ["ntriples", "turtle", "jsonld", "rdfxml"])
def test_export_formats_carry_the_same_graph(
    driver: Driver, database: str, tmp_path: Path, fmt: str
) -> None:
    path = dataset_path("seed")
    load(driver, database, path, tmp_path)
    assert isomorphic(exported(driver, database, fmt), Graph().parse(path))


def test_reimporting_the_same_source_is_a_no_op(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = dataset_path("seed")
    first = load(driver, database, path, tmp_path)
    counts = count_all(driver, database)
    again = load(driver, database, path, tmp_path)
    assert (first.status, again.status) == ("loaded", "unchanged")
    assert count_all(driver, database) == counts


def test_a_new_version_replaces_only_its_own_statements(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    v1 = _write(
        tmp_path,
        "a.ttl",
        """
ex:x ex:label "one" , "two" ; ex:link ex:y , ex:z ; a ex:Thing .
ex:y ex:label "why" .
""",
    )
    other = _write(tmp_path, "b.ttl", """ex:x ex:label "two" ; ex:link ex:z .""")
    load(driver, database, v1, tmp_path, source="a")
    load(driver, database, other, tmp_path, source="b")
    v2 = _write(tmp_path, "a2.ttl", """ex:x ex:label "three" ; a ex:Thing .""")
    report = load(driver, database, v2, tmp_path, source="a")
    assert report.status == "loaded"
    expected = Graph().parse(
        data=PREFIXES
        + """
ex:x ex:label "three" , "two" ; ex:link ex:z ; a ex:Thing .
""",
        format="turtle",
    )
    assert isomorphic(exported(driver, database), expected)
    # ex:y lost its only source and its only link: it is gone, not left empty.
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource {iri: $iri}) RETURN n", iri="http://example.org/y", database_=database
    )
    assert records == []
    assert report.counts.relationships_deleted == 1 and report.counts.nodes_deleted == 1


def test_a_statement_asserted_by_two_sources_survives_one_withdrawing(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    a = _write(tmp_path, "a.ttl", "ex:x ex:link ex:y ; ex:label 'shared' .")
    b = _write(tmp_path, "b.ttl", "ex:x ex:link ex:y ; ex:label 'shared' .")
    load(driver, database, a, tmp_path, source="a")
    load(driver, database, b, tmp_path, source="b")
    records, _, _ = driver.execute_query(
        "MATCH ()-[r:`<http://example.org/link>`]->() RETURN r.sources AS s", database_=database
    )
    assert len(records) == 1 and len(records[0]["s"]) == 2
    load(
        driver,
        database,
        _write(tmp_path, "a2.ttl", "ex:q ex:label 'other' ."),
        tmp_path,
        source="a",
    )
    g = exported(driver, database)
    assert len(g) == 3  # b's two statements, and a's new one
    assert isomorphic(
        g,
        Graph().parse(
            data=PREFIXES
            + """
ex:x ex:link ex:y ; ex:label 'shared' . ex:q ex:label 'other' .""",
            format="turtle",
        ),
    )


def test_malformed_file_names_file_and_line_and_writes_nothing(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "v{i}" .' for i in range(50)]
    lines.append('<http://example.org/bad> <http://example.org/p> "unterminated .')
    path = tmp_path / "broken.nt"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"broken\.nt:51"):
        load(driver, database, path, tmp_path, batch_size=10)
    assert count_all(driver, database) == (0, 0)


def test_violating_resources_are_quarantined_with_what_links_to_them(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    sample = Graph().parse(dataset_path("sample"))
    question = sorted(sample.subjects(RDF.type, URIRef(KG + "KnowledgeQuestion")), key=str)[0]
    sample.remove((question, URIRef(KG + "questionText"), None))  # now incomplete
    path = tmp_path / "incomplete.ttl"
    sample.serialize(path, format="turtle")

    report = load(driver, database, path, tmp_path)

    first = [r for r in report.rejections if r.focus == str(question)]
    assert [(r.path, r.component) for r in first] == [
        (KG + "questionText", "MinCountConstraintComponent")
    ]
    data_file, report_file = report.quarantine
    quarantined = Graph().parse(data_file)
    loaded = exported(driver, database)
    # Nothing lost, nothing altered: what loaded and what was held back make up the input.
    assert len(loaded) + len(quarantined) == len(sample)
    assert isomorphic(loaded + quarantined, sample)
    # Nothing loaded points at the rejected question.
    assert not list(loaded.subject_predicates(question))
    assert (question, None, None) not in loaded
    assert report.statements_rejected == len(quarantined)
    assert "MinCountConstraintComponent" in report_file.read_text()


def test_language_tags_datatypes_and_multi_values_are_kept_as_properties(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "typed.ttl",
        """
ex:s dcterms:title "Titel"@nl , "Title"@en ;
     ex:when "2024-05-01"^^xsd:date ;
     ex:count 3 , 4 ;
     ex:score "0.35"^^xsd:decimal ;
     ex:odd "007"^^xsd:integer ;
     ex:custom "x"^^ex:dt .
""",
    )
    load(driver, database, path, tmp_path)
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource {iri: 'http://example.org/s'}) RETURN properties(n) AS p",
        database_=database,
    )
    props = records[0]["p"]
    assert props["dcterms_title@nl"] == "Titel" and props["dcterms_title@en"] == "Title"
    assert str(props["<http://example.org/when>^^xsd:date"]) == "2024-05-01"
    assert props["<http://example.org/count>^^xsd:integer"] == [3, 4]
    assert props["<http://example.org/score>^^xsd:decimal"] == 0.35
    # Not canonical: kept as written rather than altered.
    assert props["<http://example.org/odd>^^xsd:integer"] == "007"
    assert props["<http://example.org/custom>^^<http://example.org/dt>"] == "x"
    assert isomorphic(exported(driver, database), Graph().parse(path))


TRIG = """@prefix ex: <http://example.org/> .
ex:s ex:label "default" .
ex:g1 { ex:s ex:link ex:t ; ex:label "from g1"@en . ex:t ex:label "shared" . }
ex:g2 { ex:s ex:link ex:t . ex:u ex:label "only g2" . }
"""


def _datasets_equal(a: Dataset, b: Dataset) -> bool:
    def graphs(d: Dataset) -> dict[str, Graph]:
        return {str(g.identifier): g for g in d.graphs() if len(g)}

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


def test_named_graphs_record_where_statements_came_from(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    path = tmp_path / "graphs.trig"
    path.write_text(TRIG)
    load(driver, database, path, tmp_path, source="graphs")
    records, _, _ = driver.execute_query(
        "MATCH ()-[r:`<http://example.org/link>`]->() RETURN size(r.sources) AS n",
        database_=database,
    )
    assert [r["n"] for r in records] == [2]  # asserted in g1 and in g2, one relationship
    back = Dataset().parse(data=exported_bytes(driver, database, "nquads"), format="nquads")
    assert _datasets_equal(back, Dataset().parse(path, format="trig"))

    # A new version without g2: g2's statements go, unless g1 also makes them.
    path2 = tmp_path / "graphs2.trig"
    path2.write_text(TRIG.split("ex:g2")[0])
    load(driver, database, path2, tmp_path, source="graphs")
    back = Dataset().parse(data=exported_bytes(driver, database, "nquads"), format="nquads")
    assert _datasets_equal(back, Dataset().parse(path2, format="trig"))
