"""What a resource page shows, built from the same triples the RDF formats send: the resource's
types, its statements grouped by property, and the resources that link to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kennisgraaf.api.html import Site
from kennisgraaf.api.labels import NAMING_KEYS, curie, fallback_name, term_label
from kennisgraaf.graph.naming import PREFIXES, iri_for

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"
LANG_STRING = PREFIXES["rdf"] + "langString"
_NAMING_PREDICATES = [iri_for(k) for k in NAMING_KEYS]
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class LinkView:
    iri: str
    href: str | None
    label: str


@dataclass(frozen=True)
class LiteralView:
    text: str
    lang: str | None
    datatype: str | None  # compact form; None for plain strings


@dataclass
class BlankView:
    rows: list[Row]


Value = LinkView | LiteralView | BlankView


@dataclass
class Row:
    predicate: LinkView
    values: list[Value] = field(default_factory=list)


@dataclass
class ResourceView:
    resource: LinkView
    types: list[LinkView]
    rows: list[Row]
    incoming: list[Row]
    incoming_total: int
    incoming_shown: int


class Namer:
    """Names for IRIs on one page: from the page's data first, then the model, then the IRI."""

    def __init__(self, site: Site, lang: str, known: dict[str, str] | None = None) -> None:
        self.site = site
        self.lang = lang
        self.known = known or {}

    def __call__(self, iri: str) -> str:
        return (
            self.known.get(iri)
            or term_label(iri, self.lang)
            or fallback_name(iri, self.site.base_iri)
        )

    def link(self, iri: str) -> LinkView:
        return LinkView(iri, self.site.href(iri), self(iri))

    def predicate(self, iri: str) -> LinkView:
        """Properties of reused vocabularies read better as words: prov:wasAssociatedWith →
        'was associated with'."""
        label = self.known.get(iri) or term_label(iri, self.lang)
        if not label:
            local = iri[max(iri.rfind("#"), iri.rfind("/")) + 1 :]
            label = _CAMEL.sub(" ", local).lower() if local.isalnum() else curie(iri)
        return LinkView(iri, self.site.href(iri), label)


def _literal(term: ox.Literal) -> LiteralView:
    datatype = term.datatype.value
    plain = datatype in (XSD_STRING, LANG_STRING)
    return LiteralView(term.value, term.language, None if plain else curie(datatype))


def _predicate_order(namer: Namer) -> Callable[[str], tuple[int, str]]:
    def key(predicate: str) -> tuple[int, str]:
        if predicate in _NAMING_PREDICATES:
            return (_NAMING_PREDICATES.index(predicate), "")
        return (len(_NAMING_PREDICATES), namer.predicate(predicate).label)

    return key


def _rows(
    subject: ox.NamedNode | ox.BlankNode,
    triples: list[ox.Triple],
    namer: Namer,
    depth: int = 0,
) -> list[Row]:
    by_predicate: dict[str, list[Value]] = {}
    for t in triples:
        if t.subject != subject or t.predicate.value == RDF_TYPE:
            continue
        value: Value
        if isinstance(t.object, ox.Literal):
            value = _literal(t.object)
        elif isinstance(t.object, ox.BlankNode):
            nested = _rows(t.object, triples, namer, depth + 1) if depth < 3 else []
            value = BlankView(nested)
        elif isinstance(t.object, ox.NamedNode):
            value = namer.link(t.object.value)
        else:
            continue
        by_predicate.setdefault(t.predicate.value, []).append(value)
    order = _predicate_order(namer)
    return [
        Row(namer.predicate(p), _sorted_values(vals))
        for p, vals in sorted(by_predicate.items(), key=lambda kv: order(kv[0]))
    ]


def _sorted_values(values: list[Value]) -> list[Value]:
    def key(v: Value) -> tuple[int, str]:
        if isinstance(v, LiteralView):
            return (0, f"{v.lang or ''} {v.text}")
        if isinstance(v, LinkView):
            return (1, v.label.lower())
        return (2, "")

    return sorted(values, key=key)


def resource_view(
    iri: str,
    triples: Iterable[ox.Triple],
    namer: Namer,
    incoming_total: int | None = None,
) -> ResourceView:
    all_triples = list(triples)
    subject = ox.NamedNode(iri)
    types = sorted(
        (
            namer.link(t.object.value)
            for t in all_triples
            if t.subject == subject
            and t.predicate.value == RDF_TYPE
            and isinstance(t.object, ox.NamedNode)
        ),
        key=lambda v: v.label.lower(),
    )
    incoming: dict[str, list[Value]] = {}
    for t in all_triples:
        if t.object == subject and isinstance(t.subject, ox.NamedNode):
            incoming.setdefault(t.predicate.value, []).append(namer.link(t.subject.value))
    order = _predicate_order(namer)
    incoming_rows = [
        Row(namer.predicate(p), _sorted_values(vals))
        for p, vals in sorted(incoming.items(), key=lambda kv: order(kv[0]))
    ]
    shown = sum(len(r.values) for r in incoming_rows)
    return ResourceView(
        resource=namer.link(iri),
        types=types,
        rows=_rows(subject, all_triples, namer),
        incoming=incoming_rows,
        incoming_total=shown if incoming_total is None else incoming_total,
        incoming_shown=shown,
    )
