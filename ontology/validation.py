"""SHACL validation of a data graph against the shapes shipped in this package.

Shapes come only from ontology/shapes.ttl — never from the data graph — so untrusted data cannot
switch constraints off. The ontology and vocabularies are passed as ont_graph: pyshacl mixes them
into a copy of the data so rdfs:subClassOf is visible to sh:targetClass and sh:class. Inference is
off: subclass reasoning is all the shapes need and RDFS closure would multiply the work per batch.
The shapes reach pyshacl arranged for speed (shape_plan.py, sparql_targets.py), same results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import model_graph, shapes_graph
from kennisgraaf.ontology.shape_plan import ShapePlan, plan_shapes
from kennisgraaf.ontology.sparql_targets import resolve_targets
from kennisgraaf.ontology.terms import TermConverter

LANGUAGES = ("en", "nl")


class Severity(Enum):
    """SHACL severities; only VIOLATION blocks loading."""

    VIOLATION = str(SH.Violation)
    WARNING = str(SH.Warning)
    INFO = str(SH.Info)

    @property
    def iri(self) -> URIRef:
        return URIRef(self.value)


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, flattened."""

    focus_node: Node
    path: Node | None
    constraint_component: URIRef
    severity: Severity
    message: str
    messages: dict[str, str]
    value: Node | None
    source_shape: Node
    path_text: str | None = None  # SPARQL property-path text: "^" + IRI for an inverse path


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
    return plan_shapes(shapes_graph())


def _shapes(data: Graph, store: ox.Store | None) -> Graph:
    """The arranged shapes, with this data's SPARQL-target focus nodes as sh:targetNode."""
    plan = _plan()
    if not plan.sparql_targets:
        return plan.shapes
    shapes = Graph()
    shapes += plan.shapes
    shapes += resolve_targets(plan.sparql_targets, data, _model_quads(), store)
    return shapes


@lru_cache(maxsize=1)
def _model() -> Graph:
    # Parsed once per process; pyshacl copies the data graph before mixing this in.
    model = model_graph()
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
) -> ValidationOutcome:
    """Validate `data` with the packaged shapes; messages are given in `lang` ('en' or 'nl').

    With `disposable`, the model is mixed into `data` itself instead of a copy: for callers
    that throw `data` away. `store` may hold the same statements as pyoxigraph quads, for the
    SPARQL targets (see sparql_targets.resolve_targets); it is changed."""
    if lang not in LANGUAGES:
        raise OntologyError(f"unsupported message language {lang!r}; use one of {LANGUAGES}")
    try:
        conforms, report, _text = pyshacl_validate(
            data,
            shacl_graph=_shapes(data, store),
            ont_graph=_model(),
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
    )
    return ValidationOutcome(conforms=bool(conforms), results=results, report_graph=report)


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
    messages: dict[str, str] = {}
    for template in report.objects(constraint, SH.message):
        if isinstance(template, Literal) and template.language:
            text = str(template)
            for name, bound in bindings.items():
                if bound is not None:
                    text = text.replace(f"{{${name}}}", str(bound)).replace(
                        f"{{?{name}}}", str(bound)
                    )
            messages[template.language] = text
    return messages


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
