"""Literals as rdf:type and ill-typed literals are Violations, on whatever property: through
pyshacl with shapes.ttl as written (the validator of record), through the planned validation the
gate runs, and through `kennisgraaf validate` (the gate without a database)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kennisgraaf.loaders.pipeline import LoadOptions, validate_file
from kennisgraaf.ontology.files import model_graph, shapes_graph
from kennisgraaf.ontology.literal_check import (
    NATIVE_SHAPES,
    TYPE_SHAPE,
    WELL_FORMED_SHAPE,
    LiteralCheck,
    well_formed,
)
from kennisgraaf.ontology.shape_plan import plan_shapes
from kennisgraaf.ontology.terms import to_rdflib
from kennisgraaf.ontology.validation import Severity, ValidationResult, _result, validate
from tests.quiet_rdflib import _quiet_rdflib  # noqa: F401 (autouse fixture)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"
EX = "https://example.org/"

ILL_TYPED = [
    ("abc", "date"),
    ("2024-13-40", "date"),
    ("2024-02-30", "date"),
    ("2023-02-29", "date"),
    ("1900-02-29", "date"),
    ("2024-04-31", "date"),
    (" 2024-01-01", "date"),
    ("2024-01-01\n", "date"),
    ("20240101", "date"),
    ("2024-1-01", "date"),
    ("2024-01-01+15:00", "date"),
    ("02024-01-01", "date"),
    ("x", "integer"),
    (" 1", "integer"),
    ("1_000", "integer"),
    ("1.0", "integer"),
    ("١٢", "integer"),
    ("", "integer"),
    ("maybe", "boolean"),
    ("TRUE", "boolean"),
    ("yes", "boolean"),
    ("1e3", "decimal"),
    ("NaN", "decimal"),
    ("1,5", "decimal"),
    ("24", "gYear"),
    ("02024", "gYear"),
    ("abc", "gYear"),
    ("2024-01-01T25:00:00", "dateTime"),
    ("2024-01-01", "dateTime"),
    ("2024-01-01 10:00:00", "dateTime"),
    ("2024-01-01T10:00", "dateTime"),
    ("2024-02-30T00:00:00", "dateTime"),
    ("2024-01-01T24:00:01", "dateTime"),
    ("http://example.org/a b", "anyURI"),
    ("<x>", "anyURI"),
    ("a\tb", "anyURI"),
]
WELL_FORMED = [
    ("2024-01-01", "date"),
    ("2024-02-29", "date"),
    ("2000-02-29", "date"),
    ("2024-01-01Z", "date"),
    ("2024-01-01+14:00", "date"),
    ("0000-01-01", "date"),
    ("-0044-03-15", "date"),
    ("12024-01-01", "date"),
    ("+5", "integer"),
    ("01", "integer"),
    ("-0", "integer"),
    ("99999999999999999999999", "integer"),
    ("true", "boolean"),
    ("false", "boolean"),
    ("1", "boolean"),
    ("0", "boolean"),
    ("1.", "decimal"),
    (".5", "decimal"),
    ("-1.50", "decimal"),
    ("2024", "gYear"),
    ("2024Z", "gYear"),
    ("-2024", "gYear"),
    ("2024-01-01T10:00:00", "dateTime"),
    ("2024-01-01T24:00:00", "dateTime"),
    ("2024-01-01T10:00:00.5Z", "dateTime"),
    ("https://example.org/a?b=c#d", "anyURI"),
    ("", "anyURI"),
]


def _literal(lexical: str, local: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(str(XSD[local])))


def _graph(quads: list[ox.Quad]) -> tuple[Graph, ox.Store]:
    """Data as the gate has it: rdflib terms converted from the reader's, and the same quads."""
    graph = Graph()
    for q in quads:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    store = ox.Store()
    store.extend(quads)
    return graph, store


def _cases() -> tuple[Graph, ox.Store]:
    # All ill-typed literals on one resource, one property each, so pyshacl parses each SPARQL
    # constraint once; the well-formed ones on another; and a literal as a type on a third.
    quads = [
        ox.Quad(ox.NamedNode(EX + "bad"), ox.NamedNode(f"{EX}p{i}"), _literal(lexical, local))
        for i, (lexical, local) in enumerate(ILL_TYPED)
    ]
    quads += [
        ox.Quad(ox.NamedNode(EX + "good"), ox.NamedNode(f"{EX}p{i}"), _literal(lexical, local))
        for i, (lexical, local) in enumerate(WELL_FORMED)
    ]
    quads.append(
        ox.Quad(ox.NamedNode(EX + "typed"), ox.NamedNode(str(RDF.type)), ox.Literal("Person"))
    )
    return _graph(quads)


def _as_written(data: Graph) -> list[ValidationResult]:
    _, report, _ = pyshacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=model_graph(), inference="none",
        advanced=True, allow_warnings=True,
    )  # fmt: skip
    assert isinstance(report, Graph)
    return [_result(report, n, "en") for n in report.subjects(RDF.type, SH.ValidationResult)]


def _key(r: ValidationResult) -> tuple[str, ...]:
    fields = (r.focus_node, r.path, r.constraint_component, r.severity, r.message, r.messages)
    return tuple(map(str, (*fields, r.value, r.source_shape, r.path_text)))


@pytest.mark.parametrize(("lexical", "local"), ILL_TYPED)
def test_ill_typed_lexical_forms(lexical: str, local: str) -> None:
    assert not well_formed(lexical, XSD[local])


@pytest.mark.parametrize(("lexical", "local"), WELL_FORMED)
def test_well_formed_lexical_forms(lexical: str, local: str) -> None:
    assert well_formed(lexical, XSD[local])


@pytest.fixture(scope="module")
def cases() -> tuple[Graph, ox.Store]:
    return _cases()


@pytest.fixture(scope="module")
def as_written(cases: tuple[Graph, ox.Store]) -> list[ValidationResult]:
    return _as_written(cases[0])


def test_pyshacl_on_shapes_as_written_refuses_every_ill_typed_literal(
    as_written: list[ValidationResult],
) -> None:
    found = {str(r.path): r for r in as_written if r.focus_node == URIRef(EX + "bad")}
    assert set(found) == {f"{EX}p{i}" for i in range(len(ILL_TYPED))}
    for i, (lexical, local) in enumerate(ILL_TYPED):
        result = found[f"{EX}p{i}"]
        assert result.severity is Severity.VIOLATION
        assert result.source_shape == WELL_FORMED_SHAPE
        assert result.value == Literal(lexical, datatype=XSD[local], normalize=False)
        for language in ("en", "nl"):  # names value, property and datatype
            message = result.messages[language]
            assert f'"{lexical}"' in message and f"{EX}p{i}" in message
            assert f"xsd:{local}:" in message
    assert not [r for r in as_written if r.focus_node == URIRef(EX + "good")]


def test_pyshacl_on_shapes_as_written_refuses_a_literal_as_type(
    as_written: list[ValidationResult],
) -> None:
    (result,) = [r for r in as_written if r.focus_node == URIRef(EX + "typed")]
    assert (result.path, result.value, result.source_shape) == (
        RDF.type,
        Literal("Person"),
        TYPE_SHAPE,
    )
    assert result.severity is Severity.VIOLATION
    assert '"Person"' in result.messages["en"] and '"Person"' in result.messages["nl"]


def test_the_planned_validation_gives_the_same_results(
    cases: tuple[Graph, ox.Store], as_written: list[ValidationResult]
) -> None:
    data, store = cases
    for with_store in (store, None):
        outcome = validate(data, store=with_store)
        assert not outcome.conforms
        assert sorted(map(_key, outcome.results)) == sorted(map(_key, as_written))


def test_the_plan_leaves_the_literal_shapes_to_python_but_resolves_their_targets() -> None:
    plan = plan_shapes(shapes_graph(), native=NATIVE_SHAPES)
    assert plan.native == NATIVE_SHAPES
    for shape in NATIVE_SHAPES:
        assert next(plan.shapes.triples((shape, None, None)), None) is None
        assert shape in {t.shape for t in plan.sparql_targets}


def test_values_pyshacl_cannot_put_in_a_message_are_reported_too() -> None:
    # pyshacl substitutes SPARQL message placeholders with re.sub, which a backslash breaks;
    # the gate's planned validation reports such values with their text.
    data, store = _graph([
        ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "when"), _literal("2024\\q", "date")),
        ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(str(RDF.type)), ox.Literal("a\\1")),
        ox.Quad(ox.NamedNode(EX + "y"), ox.NamedNode("http://purl.org/dc/terms/date"),
                _literal("9\\q", "date")),
    ])  # fmt: skip
    outcome = validate(data, store=store, lang="nl")  # on the base commit: OntologyError
    found = {(str(r.focus_node), str(r.source_shape), r.message) for r in outcome.violations}
    assert {(focus, shape) for focus, shape, _ in found} == {
        (EX + "x", str(WELL_FORMED_SHAPE)),
        (EX + "x", str(TYPE_SHAPE)),
        (EX + "y", str(WELL_FORMED_SHAPE)),  # and not a date in the future
    }
    messages = " ".join(message for _, _, message in found)
    assert '"2024\\q"' in messages and '"a\\1"' in messages and '"9\\q"' in messages


def test_the_gate_reads_lexical_forms_from_the_store_not_the_rdflib_graph() -> None:
    # rdflib's own parser rewrites "maybe"^^xsd:boolean into "false"; the gate's store keeps it.
    turtle = '<https://example.org/z> <https://example.org/flag> "maybe"^^<{}boolean> .'
    turtle = turtle.format(XSD)
    normalised = Graph().parse(data=turtle, format="turtle")
    assert str(next(normalised.objects())) == "false"
    store = ox.Store()
    store.extend(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    (result,) = validate(normalised, store=store).violations
    assert result.value == Literal("maybe", datatype=XSD.boolean, normalize=False)
    assert '"maybe"' in result.message and "xsd:boolean" in result.message


def test_terms_keep_the_lexical_form_as_read() -> None:
    # rdflib would read "maybe"^^xsd:boolean as "false" and " 1"^^xsd:integer as "1".
    for lexical, local in (("maybe", "boolean"), (" 1", "integer"), ("1e3", "decimal")):
        assert str(to_rdflib(_literal(lexical, local))) == lexical


def test_the_gate_without_a_database_rejects_them_by_name(tmp_path: Path) -> None:
    options = LoadOptions(base_iri=EX, quarantine_dir=tmp_path / "q")
    report = validate_file(FIXTURES / "ill-typed.ttl", options)
    rejected = {(r.focus, r.path): r for r in report.rejections}
    bad = {
        ("typed-by-literal", str(RDF.type), "Initiative"),
        ("bad-date", EX + "when", "abc"),
        ("bad-day", EX + "when", "2024-13-40"),
        ("bad-integer", "https://w3id.org/kennisgraaf/def#sampleSize", "x"),
        ("bad-boolean", EX + "flag", "maybe"),
        ("bad-decimal", "https://w3id.org/kennisgraaf/def#effectSize", "1e3"),
        ("bad-year", EX + "year", "24"),
        ("bad-moment", EX + "at", "2024-01-01 10:00"),
        ("bad-link", EX + "link", "http://example.org/a b"),
        ("padded", EX + "count", " 1"),
        ("backslash", EX + "when", "2024\\01\\01"),
    }
    assert set(rejected) == {(EX + name, path) for name, path, _ in bad}
    for name, path, lexical in bad:
        rejection = rejected[(EX + name, path)]
        assert rejection.component == "SPARQLConstraintComponent"
        assert f'"{lexical}"' in rejection.message
    assert EX + "initiative" not in {r.focus for r in report.rejections}
    assert report.statements_loaded == 5  # the initiative's statements


def test_scanning_a_batchs_triples_finds_what_scanning_its_quads_finds() -> None:
    check = LiteralCheck.from_shapes(shapes_graph())
    triples: list[tuple[str, str, object]] = []
    for i, (lexical, local) in enumerate([*ILL_TYPED, ("2024-01-01", "date"), ("7", "integer")]):
        literal = ox.Literal(lexical, datatype=ox.NamedNode(str(XSD[local])))
        triples.append((f"{EX}r{i}", f"{EX}p", literal))
    triples.append((f"{EX}t", str(RDF.type), ox.Literal("Person")))
    triples.append((f"{EX}u", f"{EX}knows", f"{EX}t"))
    quads = [
        ox.Quad(
            ox.NamedNode(s),
            ox.NamedNode(p),
            o if isinstance(o, ox.Literal) else ox.NamedNode(str(o)),
        )
        for s, p, o in triples
    ]

    def key(r: ValidationResult) -> tuple[str, str, str, str]:
        return (str(r.focus_node), str(r.path), str(r.value), str(r.source_shape))

    from_triples = sorted(map(key, check.scan_triples(triples, "en")))
    assert from_triples == sorted(map(key, check.scan(quads, "en")))
    assert len(from_triples) == len(ILL_TYPED) + 1  # every ill-typed literal, and the type
