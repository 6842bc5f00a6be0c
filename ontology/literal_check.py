"""The two shapes on literals, evaluated here rather than by pyshacl: rdf:type never takes a
literal (kgsh:TypeIsClassShape) and literals of the XSD types the model uses are well-formed
(kgsh:WellFormedLiteralShape), whichever property carries them.

shapes.ttl states both in SHACL-SPARQL and pyshacl evaluates them when given shapes.ttl as
written. But pyshacl parses a SPARQL constraint's query once per focus node (0.1–0.3 s each), so
a batch with a few hundred ill-typed literals would take minutes. The shape plan therefore takes
these shapes out of what pyshacl gets; their SPARQL targets are still resolved (one pyoxigraph
scan of the batch), and the focus nodes they select are checked here with the same rules and the
messages of shapes.ttl, giving the same results (tests/unit/test_shape_plan.py compares them).
The patterns below mirror the SPARQL ones in shapes.ttl: keep the two in step.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.results import Severity, ValidationResult, fill_message
from kennisgraaf.ontology.terms import TermConverter, to_rdflib

KGSH = Namespace("https://w3id.org/kennisgraaf/def/shapes#")
TYPE_SHAPE = KGSH.TypeIsClassShape
WELL_FORMED_SHAPE = KGSH.WellFormedLiteralShape
NATIVE_SHAPES = frozenset({TYPE_SHAPE, WELL_FORMED_SHAPE})

_YEAR = "-?([1-9][0-9]{3,}|0[0-9]{3})"
_ZONE = "(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_MONTH_DAY = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = "T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]+)?|24:00:00([.]0+)?)"
LEXICAL_FORMS: dict[URIRef, re.Pattern[str]] = {
    XSD.date: re.compile(f"{_YEAR}-{_MONTH_DAY}{_ZONE}"),
    XSD.dateTime: re.compile(f"{_YEAR}-{_MONTH_DAY}{_TIME}{_ZONE}"),
    XSD.gYear: re.compile(f"{_YEAR}{_ZONE}"),
    XSD.integer: re.compile("[+-]?[0-9]+"),
    XSD.decimal: re.compile("[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)"),
    XSD.boolean: re.compile("true|false|1|0"),
    XSD.anyURI: re.compile('[^\\x00-\\x20<>"{}|^`\\\\]*'),
}
# A day that exists: 31 days in the long months, 30 in the others, 28 in February, and the 29th
# of February in leap years (divisible by 4, not by 100 unless by 400).
_EXISTING_DAY = re.compile(
    "-?[0-9]+-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    "|02-(0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = re.compile(
    "-?[0-9]*(0[48]|[2468][048]|[13579][26]|(0[048]|[2468][048]|[13579][26])00)-02-29"
)
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_CHECKED_DATATYPE = re.compile(r"datatype\(\?value\) = xsd:(\w+)\)")


def well_formed(lexical: str, datatype: URIRef) -> bool:
    """Whether `lexical` is a lexical form of `datatype` (XSD 1.1, no surrounding whitespace);
    datatypes not in LEXICAL_FORMS are not judged here."""
    pattern = LEXICAL_FORMS.get(datatype)
    if pattern is None:
        return True
    if "\n" in lexical or pattern.fullmatch(lexical) is None:
        return False
    if datatype in (XSD.date, XSD.dateTime):
        return bool(_EXISTING_DAY.match(lexical) or _LEAP_DAY.match(lexical))
    return True


Templates = Mapping[str, str]  # language → message template


@dataclass(frozen=True)
class LiteralCheck:
    """The rules with the severities and message templates shapes.ttl gives them."""

    severities: Mapping[Node, Severity]
    type_messages: Templates
    datatype_messages: Mapping[URIRef, Templates]

    @classmethod
    def from_shapes(cls, shapes: Graph) -> LiteralCheck:
        severities: dict[Node, Severity] = {}
        for shape in NATIVE_SHAPES:
            severity = shapes.value(shape, SH.severity)
            if severity is None:
                raise OntologyError(f"shapes.ttl lacks {shape} or its sh:severity")
            severities[shape] = Severity(str(severity))
        type_constraints = list(shapes.objects(TYPE_SHAPE, SH.sparql))
        if len(type_constraints) != 1:
            raise OntologyError(f"{TYPE_SHAPE} must have exactly one SPARQL constraint")
        by_datatype: dict[URIRef, Templates] = {}
        for constraint in shapes.objects(WELL_FORMED_SHAPE, SH.sparql):
            found = _CHECKED_DATATYPE.search(str(shapes.value(constraint, SH.select) or ""))
            if found is None or XSD[found.group(1)] not in LEXICAL_FORMS:
                raise OntologyError(f"{WELL_FORMED_SHAPE}: a constraint checks no known datatype")
            by_datatype[XSD[found.group(1)]] = _templates(shapes, constraint)
        if set(by_datatype) != set(LEXICAL_FORMS):
            raise OntologyError(f"{WELL_FORMED_SHAPE} and literal_check.py check other datatypes")
        return cls(severities, _templates(shapes, type_constraints[0]), by_datatype)

    def results(
        self, focus: Mapping[Node, Iterable[Node]], store: ox.Store, lang: str
    ) -> list[ValidationResult]:
        """The results of the two shapes for the focus nodes their targets selected.

        Values are read from `store` (the quads the targets were resolved on), not from the
        rdflib graph: a graph built with rdflib's literal normalisation has lost the lexical
        forms ("maybe"^^xsd:boolean reads as "false"); pyoxigraph keeps an invalid one as it is.
        """
        found = []
        terms = TermConverter()
        for node in set(focus.get(TYPE_SHAPE, ())):
            subject = terms.term(node)
            if isinstance(subject, ox.Literal):
                continue
            for kind in {q.object for q in store.quads_for_pattern(subject, _RDF_TYPE, None)}:
                if isinstance(kind, ox.Literal):
                    value = to_rdflib(kind)
                    found.append(
                        self._result(TYPE_SHAPE, self.type_messages, node, RDF.type, value, lang)
                    )
        for node in set(focus.get(WELL_FORMED_SHAPE, ())):
            subject = terms.term(node)
            if isinstance(subject, ox.Literal):
                continue
            statements = {
                (q.predicate, q.object) for q in store.quads_for_pattern(subject, None, None)
            }
            for predicate, literal in statements:
                if not isinstance(literal, ox.Literal):
                    continue
                datatype = URIRef(literal.datatype.value)
                if datatype in self.datatype_messages and not well_formed(literal.value, datatype):
                    templates = self.datatype_messages[datatype]
                    path, value = to_rdflib(predicate), to_rdflib(literal)
                    found.append(
                        self._result(WELL_FORMED_SHAPE, templates, node, path, value, lang)
                    )
        return found

    def scan(self, quads: Iterable[ox.Quad], lang: str) -> list[ValidationResult]:
        """The results of the two shapes over `quads` read one by one: what `results` gives for
        the focus nodes their targets select in the same statements (a literal as rdf:type; a
        literal of a checked datatype that is not well-formed), without a store or a query."""
        return self._found(
            {
                (q.subject, q.predicate, q.object)  # type: ignore[misc]
                for q in quads
                if isinstance(q.object, ox.Literal) and self._bad(q.predicate.value, q.object)
            },
            lang,
        )

    def scan_triples(
        self, triples: Iterable[tuple[str, str, object]], lang: str
    ) -> list[ValidationResult]:
        """`scan` over a batch's triples (subject and predicate IRIs as text, an object IRI as
        text or a pyoxigraph literal), with no quads made for the good ones."""
        return self._found(
            {
                (ox.NamedNode(s), ox.NamedNode(p), o)
                for s, p, o in triples
                if isinstance(o, ox.Literal) and self._bad(p, o)
            },
            lang,
        )

    def _bad(self, predicate: str, literal: ox.Literal) -> bool:
        if predicate == _RDF_TYPE.value:
            return True
        datatype = self._checked.get(literal.datatype.value)
        return datatype is not None and not well_formed(literal.value, datatype)

    @cached_property
    def _checked(self) -> dict[str, URIRef]:
        return {str(datatype): datatype for datatype in self.datatype_messages}

    def _found(
        self, bad: set[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.Literal]], lang: str
    ) -> list[ValidationResult]:
        found = []
        for subject, predicate, literal in bad:
            node, value = to_rdflib(subject), to_rdflib(literal)
            if predicate == _RDF_TYPE:
                found.append(
                    self._result(TYPE_SHAPE, self.type_messages, node, RDF.type, value, lang)
                )
            datatype = URIRef(literal.datatype.value)
            if datatype in self.datatype_messages and not well_formed(literal.value, datatype):
                templates = self.datatype_messages[datatype]
                path = to_rdflib(predicate)
                found.append(self._result(WELL_FORMED_SHAPE, templates, node, path, value, lang))
        return found

    def _result(
        self, shape: Node, templates: Templates, node: Node, path: Node, value: Node, lang: str
    ) -> ValidationResult:
        bindings: dict[str, Node | None] = {"this": node, "path": path, "value": value}
        messages = {language: fill_message(t, bindings) for language, t in templates.items()}
        return ValidationResult(
            focus_node=node,
            path=path,
            constraint_component=SH.SPARQLConstraintComponent,
            severity=self.severities[shape],
            message=messages.get(lang) or messages.get("en", ""),
            messages=messages,
            value=value,
            source_shape=shape,
            path_text=str(path),
        )


def _templates(shapes: Graph, constraint: Node) -> dict[str, str]:
    return {
        m.language: str(m)
        for m in shapes.objects(constraint, SH.message)
        if isinstance(m, Literal) and m.language
    }


def _not_an_ill_typed_literal(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Failed to convert Literal lexical form")


@contextmanager
def ill_typed_literals_unlogged() -> Iterator[None]:
    """rdflib logs a warning with a traceback for every ill-typed literal it builds (`"abc"^^
    xsd:date`): thousands of tracebacks for a dirty file, each printed again when a held
    statement is validated again. WellFormedLiteralShape reports every such literal with its
    resource and property, so while a file is validated or loaded those warnings are dropped."""
    logger = logging.getLogger("rdflib.term")
    logger.addFilter(_not_an_ill_typed_literal)
    try:
        yield
    finally:
        logger.removeFilter(_not_an_ill_typed_literal)
