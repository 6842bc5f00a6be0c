"""SHACL validation of a data graph against the shapes shipped in this package.

Shapes come only from ontology/shapes.ttl — never from the data graph — so untrusted data cannot
switch constraints off. The ontology and vocabularies are passed as ont_graph: pyshacl mixes them
into a copy of the data so rdfs:subClassOf is visible to sh:targetClass and sh:class. Inference is
off: subclass reasoning is all the shapes need and RDFS closure would multiply the work per batch.
The shapes reach pyshacl arranged for speed (shape_plan.py, sparql_targets.py), same results;
the two shapes on literals are evaluated by literal_check.py instead, same results again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import model_graph, shapes_graph
from kennisgraaf.ontology.literal_check import NATIVE_SHAPES, LiteralCheck
from kennisgraaf.ontology.results import Severity as Severity
from kennisgraaf.ontology.results import ValidationResult as ValidationResult
from kennisgraaf.ontology.results import fill_message
from kennisgraaf.ontology.shape_plan import ShapePlan, plan_shapes
from kennisgraaf.ontology.sparql_parse_cache import parse_sparql_once
from kennisgraaf.ontology.sparql_targets import resolve_targets
from kennisgraaf.ontology.terms import TermConverter
from kennisgraaf.ontology.validation_model import validation_model

LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class ValidationOutcome:
    """What validating one graph gave: `conforms` is False only when a Violation is present."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    report_graph: Graph = field(repr=False)  # pyshacl's own report, on the planned shapes

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.VIOLATION)

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is Severity.INFO)


@lru_cache(maxsize=1)
def _plan() -> ShapePlan:
    # Parsed and arranged once per process; pyshacl only reads the shapes graph.
    return plan_shapes(shapes_graph(), native=NATIVE_SHAPES)


@lru_cache(maxsize=1)
def _literal_check() -> LiteralCheck:
    return LiteralCheck.from_shapes(shapes_graph())


# The plan's shapes graph gets each validation's SPARQL-target focus nodes for the time of that
# validation (copying its 2,000 statements cost more than a small validation itself); one
# validation at a time per process may hold it.
_SHAPES_IN_USE = threading.Lock()


@contextmanager
def _shapes(
    plan: ShapePlan, data: Graph, store: ox.Store | None, model: tuple[ox.Quad, ...]
) -> Iterator[tuple[Graph, dict[Node, list[Node]]]]:
    """The arranged shapes, with this data's SPARQL-target focus nodes as sh:targetNode, and
    the focus nodes of the shapes evaluated outside pyshacl (literal_check.py)."""
    with _SHAPES_IN_USE:
        if not plan.sparql_targets:
            yield plan.shapes, {}
            return
        shapes = plan.shapes
        native: dict[Node, list[Node]] = {}
        added: list[tuple[Node, Node, Node]] = []
        for shape, predicate, node in resolve_targets(plan.sparql_targets, data, model, store):
            if shape in plan.native:
                native.setdefault(shape, []).append(node)
            elif (shape, predicate, node) not in shapes:
                shapes.add((shape, predicate, node))
                added.append((shape, predicate, node))
        try:
            yield shapes, native
        finally:
            for triple in added:
                shapes.remove(triple)


@lru_cache(maxsize=1)
def _model() -> Graph:
    # Parsed once per process; pyshacl mixes this into the data (validation_model.py).
    model = validation_model(model_graph(), shapes_graph())
    model += _plan().model_additions
    return model


@lru_cache(maxsize=1)
def _model_quads() -> tuple[ox.Quad, ...]:
    # The same model as pyshacl mixes in, for the SPARQL targets; converted once per process.
    return tuple(TermConverter().quads(_model()))


def validate(
    data: Graph,
    *,
    lang: str = "en",
    disposable: bool = False,
    store: ox.Store | None = None,
    plan: ShapePlan | None = None,
    model: Graph | None = None,
) -> ValidationOutcome:
    """Validate `data` with the packaged shapes; messages are given in `lang` ('en' or 'nl').

    With `disposable`, the model is mixed into `data` itself instead of a copy: for callers
    that throw `data` away. `store` may hold the same statements as pyoxigraph quads, for the
    SPARQL targets (see sparql_targets.resolve_targets); it is changed. `plan` replaces the
    arrangement of the packaged shapes (for benchmarks that compare arrangements); `model` the
    model mixed in (for the test that compares it with the whole one)."""
    if lang not in LANGUAGES:
        raise OntologyError(f"unsupported message language {lang!r}; use one of {LANGUAGES}")
    parse_sparql_once()
    plan = plan or _plan()
    if store is None and plan.native:
        store = ox.Store()  # shared by the SPARQL targets and the literal shapes
        store.bulk_extend(TermConverter().quads(data))
    mixed = _model() if model is None else model
    quads = _model_quads() if model is None else tuple(TermConverter().quads(model))
    with _shapes(plan, data, store, quads) as (shapes, native_focus):
        native = _literal_check().results(native_focus, store, lang) if store is not None else []
        try:
            conforms, report, _text = pyshacl_validate(
                data,
                shacl_graph=shapes,
                ont_graph=mixed,
                inference="none",
                advanced=True,
                allow_warnings=True,
                inplace=disposable,
                abort_on_first=False,
            )
        except Exception as e:  # pyshacl reports broken shapes with assorted exception types
            raise OntologyError(f"SHACL validation could not run: {e}") from e
    if not isinstance(report, Graph):  # pyshacl returns a failure object for unusable shapes
        raise OntologyError(f"SHACL validation could not run: {_text}")
    results = tuple(
        _result(report, node, lang) for node in report.subjects(RDF.type, SH.ValidationResult)
    ) + tuple(native)
    conforms = bool(conforms) and not any(r.severity is Severity.VIOLATION for r in native)
    return ValidationOutcome(conforms=conforms, results=results, report_graph=report)


def _result(report: Graph, node: Node, lang: str) -> ValidationResult:
    focus = _required(report.value(node, SH.focusNode), "focus node")
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    messages: dict[str, str] = {}
    for literal in report.objects(node, SH.resultMessage):
        if isinstance(literal, Literal):
            messages.setdefault(literal.language or "", str(literal))
    if "" in messages:
        messages = _sparql_messages(report, node, focus, path, value) or messages
    message = messages.get(lang) or messages.get("en") or next(iter(messages.values()), "")
    severity = report.value(node, SH.resultSeverity)
    component = report.value(node, SH.sourceConstraintComponent)
    source_shape = _required(report.value(node, SH.sourceShape), "source shape")
    if component == SH.ClassConstraintComponent and source_shape in _plan().class_choices:
        component = SH.OrConstraintComponent  # the sh:or the plan wrote as one class
    return ValidationResult(
        focus_node=focus,
        path=path,
        constraint_component=URIRef(str(_required(component, "constraint component"))),
        severity=Severity(str(severity)) if severity is not None else Severity.VIOLATION,
        message=message,
        messages=messages,
        value=value,
        source_shape=source_shape,
        path_text=path_text(report, path),
    )


def _sparql_messages(
    report: Graph, node: Node, focus: Node, path: Node | None, value: Node | None
) -> dict[str, str]:
    """Per-language messages of a SPARQL result.

    pyshacl fills in {$this}/{?value}/{?path} but returns the text without its language tag; the
    report keeps the source constraint with the tagged templates, so fill those in instead.
    """
    constraint = report.value(node, SH.sourceConstraint)
    if constraint is None:
        return {}
    bindings = {"this": focus, "path": path, "value": value}
    return {
        template.language: fill_message(str(template), bindings)
        for template in report.objects(constraint, SH.message)
        if isinstance(template, Literal) and template.language
    }


PATH_SUFFIXES = ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?"))


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as SPARQL property-path text (IRIs unbracketed), readable where the report's
    blank node is not."""
    if path is None or isinstance(path, URIRef):
        return None if path is None else str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{path_text(graph, inverse)}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, p) or "" for p in graph.items(alternatives)) + ")"
    for predicate, suffix in PATH_SUFFIXES:
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({path_text(graph, inner)}){suffix}"
    steps = list(graph.items(path))
    if steps:
        return "/".join(path_text(graph, p) or "" for p in steps)
    return str(path)


def _required(node: Node | None, what: str) -> Node:
    if node is None:
        raise OntologyError(f"SHACL report result without {what}")
    return node
