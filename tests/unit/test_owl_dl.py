"""The published model is OWL 2 DL: every reused term is declared with the kind its use needs,
the OWL API's OWL 2 DL profile finds no violation in any document, and HermiT finds the model
consistent with no unsatisfiable class. The checker runs in a JVM (built by Maven on first use,
like the Neo4j launcher); the same checker is shown to catch each kind of problem."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TypeGuard

import pytest
from rdflib import OWL, RDF, SH, Graph, Literal, URIRef
from typer.testing import CliRunner

from kennisgraaf.cli import app
from kennisgraaf.errors import ConfigurationError
from kennisgraaf.ontology.files import (
    BASE,
    KG,
    SHAPES_FILE,
    dataset_graph,
    ontology_graph,
    shapes_graph,
    vocabularies_graph,
)
from kennisgraaf.ontology.owl_check import (
    MERGED,
    OwlReport,
    check_documents,
    check_model,
    published_documents,
)
from tests.conftest import build_cache

BUILT_IN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/shacl#",
)
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# The kinds a property may be declared as, by what its values are in data.
FITS = {
    "literal": {OWL.DatatypeProperty, OWL.AnnotationProperty},
    "iri": {OWL.ObjectProperty, OWL.AnnotationProperty},
}
DATE = "http://purl.org/dc/terms/date"
EX = "https://example.org/owl-check#"


@pytest.fixture(scope="module")
def report() -> OwlReport:
    return check_model(build_cache())


def _reused(iri: object) -> TypeGuard[URIRef]:
    return isinstance(iri, URIRef) and not str(iri).startswith((BASE, *BUILT_IN))


def _kinds(graph: Graph, term: URIRef) -> set[URIRef]:
    kinds = {OWL.Class, *PROPERTY_KINDS}
    return {URIRef(str(k)) for k in graph.objects(term, RDF.type) if k in kinds}


def test_published_model_passes_the_owl2_dl_profile(report: OwlReport) -> None:
    assert report.violations == (), report.summary()
    assert report.unparsed == (), report.summary()
    assert report.axioms["ontology"] > 900 and report.axioms["vocabularies"] > 1000


def test_a_dl_reasoner_finds_the_model_consistent_and_every_class_satisfiable(
    report: OwlReport,
) -> None:
    assert report.reasoner.startswith("HermiT")
    assert report.consistent
    assert report.unsatisfiable == ()


def test_the_exactly_one_date_and_function_axioms_are_read_as_owl(report: OwlReport) -> None:
    # Undeclared, dcterms:date made this restriction unreadable and tools dropped it.
    assert f"DataExactCardinality(1 <{DATE}> rdfs:Literal)" in report.cardinalities
    assert f"ObjectExactCardinality(1 <{KG}function> owl:Thing)" in report.cardinalities


def test_every_packaged_model_file_is_checked(report: OwlReport) -> None:
    package = resources.files("kennisgraaf.ontology")
    separate = {
        e.name.removesuffix(".ttl")
        for e in package.iterdir()
        if e.name.endswith(".ttl") and e.name not in {SHAPES_FILE, "personal-data.ttl"}
    }
    names = set(published_documents())
    # kennisgraaf.ttl is served (with personal-data.ttl) as "ontology"
    assert names == (separate - {"kennisgraaf"}) | {"ontology"}
    assert set(report.axioms) == names | {MERGED}


def test_every_reused_term_the_model_and_data_use_is_declared_with_a_fitting_kind() -> None:
    ontology = ontology_graph()
    shapes = shapes_graph()
    uses: dict[URIRef, set[str]] = {}
    classes: set[URIRef] = set()
    for graph in (ontology, vocabularies_graph(), dataset_graph("seed"), dataset_graph("sample")):
        for _, p, o in graph:
            if _reused(p):
                uses.setdefault(p, set()).add("literal" if isinstance(o, Literal) else "iri")
        classes |= {o for o in graph.objects(None, RDF.type) if _reused(o)}
    for path in shapes.objects(None, SH.path):
        if _reused(path):
            uses.setdefault(path, set())
    for predicate in (SH["class"], SH.targetClass):
        classes |= {o for o in shapes.objects(None, predicate) if _reused(o)}
    assert len(uses) > 40 and len(classes) > 5
    for term, seen in uses.items():
        kinds = _kinds(ontology, term)
        assert len(kinds) == 1 and kinds <= set(PROPERTY_KINDS), (term, kinds)
        for value in seen:
            assert kinds <= FITS[value], (term, kinds, value)
    for cls in classes:
        assert _kinds(ontology, cls) == {OWL.Class}, cls


def test_register_links_and_documents_use_declared_properties() -> None:
    ontology = ontology_graph()
    schema_same_as = URIRef("https://schema.org/sameAs")
    assert _kinds(ontology, schema_same_as) == {OWL.ObjectProperty}
    # owl:sameAs is built in: declaring it would itself break OWL 2 DL
    assert _kinds(ontology, OWL.sameAs) == set()


def test_a_term_declared_in_two_documents_has_the_same_kind_in_both() -> None:
    documents = published_documents()
    declared: dict[URIRef, dict[str, set[URIRef]]] = {}
    for name, graph in documents.items():
        for kind in (OWL.Class, *PROPERTY_KINDS):
            for term in graph.subjects(RDF.type, kind):
                if isinstance(term, URIRef):
                    declared.setdefault(term, {}).setdefault(name, set()).add(kind)
    shared = {t: by for t, by in declared.items() if len(by) > 1}
    assert len(shared) > 10
    for term, by_document in shared.items():
        assert len({frozenset(k) for k in by_document.values()}) == 1, (term, by_document)


def test_reused_terms_are_only_declared_never_redefined() -> None:
    ontology = ontology_graph()
    allowed = {RDF.type, URIRef(KG + "personDisclosure"), URIRef(KG + "disclosure")}
    for subject, predicate, _ in ontology:
        if _reused(subject):
            assert predicate in allowed, (subject, predicate)


# Documented in README "OWL 2 DL": the data's XML Schema dates are outside the OWL 2 datatypes.
DATA_DATATYPES = ("xsd:date", "xsd:gYear", "xsd:gYearMonth")


def test_the_data_read_with_the_model_breaks_only_the_documented_datatype_rule() -> None:
    documents = published_documents()
    together = Graph()
    for graph in (*documents.values(), dataset_graph("seed"), dataset_graph("sample")):
        together += graph
    found = check_documents({"with-data": together}, build_root=build_cache())
    assert found.consistent and found.unsatisfiable == ()
    assert found.violations, "the data's dates are expected to be reported"
    for violation in found.violations:
        assert violation.kind in {"UseOfDefinedDatatypeInLiteral", "UseOfUndeclaredDatatype"}, (
            violation
        )
        assert any(name in violation.text for name in DATA_DATATYPES), violation


def _broken_document() -> Graph:
    return Graph().parse(
        format="turtle",
        data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix ex: <{EX}> .
        <{EX}> a owl:Ontology .
        ex:A a owl:Class ; rdfs:subClassOf ex:B .
        ex:B a owl:Class ; owl:disjointWith ex:A .
        ex:C a owl:Class ; rdfs:subClassOf [ a owl:Restriction ;
            owl:onProperty <http://purl.org/dc/terms/date> ;
            owl:cardinality "1"^^xsd:nonNegativeInteger ] .
        ex:note rdfs:range rdfs:Resource .
        """,
    )


def test_the_checker_reports_undeclared_terms_and_unsatisfiable_classes() -> None:
    found = check_documents({"broken": _broken_document()}, build_root=build_cache())
    kinds = {v.kind for v in found.violations if v.document == "broken"}
    assert "UseOfUndeclaredAnnotationProperty" in kinds or "UseOfUndeclaredClass" in kinds
    assert not found.passed
    assert not any(DATE in c for c in found.cardinalities)
    assert found.consistent
    assert found.unsatisfiable == (EX + "A",)


def test_the_checker_reports_an_inconsistent_model() -> None:
    graph = Graph().parse(
        format="turtle",
        data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix ex: <{EX}> .
        <{EX}> a owl:Ontology .
        ex:A a owl:Class ; owl:disjointWith ex:B .
        ex:B a owl:Class .
        ex:x a owl:NamedIndividual , ex:A , ex:B .
        """,
    )
    found = check_documents({"inconsistent": graph}, build_root=build_cache())
    assert found.violations == ()
    assert not found.consistent and not found.passed


def test_the_command_prints_the_verdict_and_passes() -> None:
    result = CliRunner().invoke(app, ["owl-check"])
    assert result.exit_code == 0, result.output
    assert "ontology:" in result.output and "0 OWL 2 DL profile violations" in result.output
    assert "consistent, 0 unsatisfiable classes" in result.output


def test_a_missing_maven_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("kennisgraaf.ontology.java_build.shutil.which", lambda name: None)
    with pytest.raises(ConfigurationError, match="'mvn' was not found"):
        check_documents({"broken": _broken_document()}, build_root=tmp_path)
