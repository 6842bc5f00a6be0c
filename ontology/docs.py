"""Human-readable HTML documentation of the ontology, vocabularies and shapes, from the Turtle.

Run: python -m kennisgraaf.ontology.docs OUTPUT.html [--lang nl]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from rdflib import OWL, RDF, RDFS, SH, SKOS, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import KG, ontology_graph, shapes_graph, vocabularies_graph

LANGUAGES = ("en", "nl")
ONTOLOGY_IRI = URIRef("https://w3id.org/kennisgraaf/def")
KG_CYCLE_ORDER = URIRef(KG + "cycleOrder")
KG_SCALE_VALUE = URIRef(KG + "scaleValue")
KG_ROLE_SIDE = URIRef(KG + "roleSide")
KG_OPEN_DOMAIN = URIRef(KG + "openDomain")
KG_DERIVATION = URIRef(KG + "derivationQuery")
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

TEXT = {
    "en": {
        "classes": "Classes",
        "properties": "Properties",
        "vocabularies": "Vocabularies",
        "shapes": "Shapes",
        "subclass_of": "Subclass of",
        "domain": "Domain",
        "range": "Range",
        "open_domain": "open (any resource)",
        "derivation": "Derivation query",
        "properties_here": "Properties with this domain",
        "kind": "Kind",
        "notation": "Notation",
        "label": "Label",
        "definition": "Definition",
        "targets": "Targets",
        "severity": "Severity",
        "message": "Message",
        "version": "Version",
        "licence": "Licence",
        "creator": "Creator",
        "issued": "Issued",
        "modified": "Modified",
        "sub_property_of": "Subproperty of",
        "contents": "Contents",
    },
    "nl": {
        "classes": "Klassen",
        "properties": "Eigenschappen",
        "vocabularies": "Begrippenlijsten",
        "shapes": "Shapes",
        "subclass_of": "Subklasse van",
        "domain": "Domein",
        "range": "Bereik",
        "open_domain": "open (elke bron)",
        "derivation": "Afleidingsquery",
        "properties_here": "Eigenschappen met dit domein",
        "kind": "Soort",
        "notation": "Notatie",
        "label": "Label",
        "definition": "Definitie",
        "targets": "Doelen",
        "severity": "Ernst",
        "message": "Melding",
        "version": "Versie",
        "licence": "Licentie",
        "creator": "Maker",
        "issued": "Uitgegeven",
        "modified": "Gewijzigd",
        "sub_property_of": "Subeigenschap van",
        "contents": "Inhoud",
    },
}
PREFIXES = {
    KG: "kg:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/org#": "org:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://purl.org/spar/fabio/": "fabio:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/dcat#": "dcat:",
    "https://w3id.org/kennisgraaf/def/shapes#": "kgsh:",
}


@dataclass(frozen=True)
class Term:
    iri: str
    curie: str
    anchor: str
    label: str
    definition: str


@dataclass(frozen=True)
class ClassDoc:
    term: Term
    superclasses: list[str]
    properties: list[str]
    derivation: str | None


@dataclass(frozen=True)
class PropertyDoc:
    term: Term
    kind: str
    domain: list[str]
    range: list[str]
    superproperties: list[str]


@dataclass(frozen=True)
class ConceptDoc:
    term: Term
    notation: str
    extra: str


@dataclass(frozen=True)
class SchemeDoc:
    term: Term
    concepts: list[ConceptDoc] = field(default_factory=list)


@dataclass(frozen=True)
class ShapeDoc:
    term: Term
    targets: list[str]
    severity: str
    messages: list[str]


def curie(node: Node) -> str:
    """Short form of an IRI for display; class expressions get a readable stand-in."""
    if isinstance(node, BNode):
        return "(class expression)"
    text = str(node)
    for namespace, prefix in PREFIXES.items():
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return text


def _text(graph: Graph, node: Node, predicates: Iterable[URIRef], lang: str) -> str:
    found: dict[str, str] = {}
    for predicate in predicates:
        for value in graph.objects(node, predicate):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
    return found.get(lang) or found.get("en") or found.get("") or next(iter(found.values()), "")


def _term(graph: Graph, node: URIRef, lang: str) -> Term:
    label = _text(graph, node, (RDFS.label, SKOS.prefLabel, SH.name), lang) or curie(node)
    definition = _text(graph, node, (SKOS.definition, RDFS.comment), lang)
    anchor = curie(node).replace(":", "-").replace("/", "-")
    return Term(iri=str(node), curie=curie(node), anchor=anchor, label=label, definition=definition)


def _union_members(graph: Graph, node: Node) -> list[Node]:
    members = graph.value(node, OWL.unionOf)
    return [node] if members is None else list(graph.items(members))


def _union(graph: Graph, node: Node) -> list[str]:
    members = graph.value(node, OWL.unionOf)
    if members is None:
        return [curie(node)]
    return [curie(m) for m in graph.items(members)]


def _own(node: Node) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and node.startswith(KG)


def _classes(graph: Graph, lang: str) -> list[ClassDoc]:
    by_domain: dict[Node, list[str]] = {}
    for prop, domain in graph.subject_objects(RDFS.domain):
        for member in _union_members(graph, domain):
            by_domain.setdefault(member, []).append(curie(prop))
    docs = []
    # Only the model's own terms: the reused ones are declared for OWL 2 DL, not described here.
    for cls in sorted(c for c in graph.subjects(RDF.type, OWL.Class) if _own(c)):
        derivation = graph.value(cls, KG_DERIVATION)
        docs.append(
            ClassDoc(
                term=_term(graph, cls, lang),
                superclasses=sorted(
                    curie(s) for s in graph.objects(cls, RDFS.subClassOf) if isinstance(s, URIRef)
                ),
                properties=sorted(by_domain.get(cls, [])),
                derivation=str(derivation) if derivation is not None else None,
            )
        )
    return docs


def _properties(graph: Graph, lang: str, open_domain: str) -> list[PropertyDoc]:
    docs = []
    for kind in PROPERTY_KINDS:
        for prop in sorted(p for p in graph.subjects(RDF.type, kind) if _own(p)):
            domain = [d for node in graph.objects(prop, RDFS.domain) for d in _union(graph, node)]
            if not domain and graph.value(prop, KG_OPEN_DOMAIN) is not None:
                domain = [open_domain]
            docs.append(
                PropertyDoc(
                    term=_term(graph, prop, lang),
                    kind=curie(kind),
                    domain=domain,
                    range=[
                        r for node in graph.objects(prop, RDFS.range) for r in _union(graph, node)
                    ],
                    superproperties=sorted(
                        curie(s) for s in graph.objects(prop, RDFS.subPropertyOf)
                    ),
                )
            )
    return docs


def _concept_sort_key(graph: Graph, concept: Node) -> tuple[int, str]:
    order = graph.value(concept, KG_CYCLE_ORDER) or graph.value(concept, KG_SCALE_VALUE)
    rank = int(order) if isinstance(order, Literal) else 0
    return (rank, str(graph.value(concept, SKOS.notation) or concept))


def _schemes(graph: Graph, lang: str) -> list[SchemeDoc]:
    docs = []
    for scheme in sorted(
        s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)
    ):
        concepts = sorted(
            graph.subjects(SKOS.inScheme, scheme), key=lambda c: _concept_sort_key(graph, c)
        )
        entries = []
        for concept in concepts:
            if not isinstance(concept, URIRef):
                continue
            extra = [
                f"{curie(p)} {graph.value(concept, p)}"
                for p in (KG_CYCLE_ORDER, KG_SCALE_VALUE)
                if graph.value(concept, p) is not None
            ]
            extra += [
                f"kg:roleSide {_text(graph, side, (SKOS.prefLabel,), lang)}"
                for side in graph.objects(concept, KG_ROLE_SIDE)
            ]
            entries.append(
                ConceptDoc(
                    term=_term(graph, concept, lang),
                    notation=str(graph.value(concept, SKOS.notation) or ""),
                    extra="; ".join(extra),
                )
            )
        docs.append(SchemeDoc(term=_term(graph, scheme, lang), concepts=entries))
    return docs


def _shapes(graph: Graph, lang: str) -> list[ShapeDoc]:
    docs = []
    for shape in sorted(s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)):
        targets = [
            f"{curie(p)} {curie(o)}"
            for p in (SH.targetClass, SH.targetSubjectsOf)
            for o in graph.objects(shape, p)
        ]
        if graph.value(shape, SH.target) is not None:
            targets.append("sh:SPARQLTarget")
        parts = [shape, *graph.objects(shape, SH.property), *graph.objects(shape, SH.sparql)]
        messages = [m for part in parts if (m := _text(graph, part, (SH.message,), lang))]
        severity = graph.value(shape, SH.severity)
        docs.append(
            ShapeDoc(
                term=_term(graph, shape, lang),
                targets=targets,
                severity=curie(severity) if severity is not None else "sh:Violation",
                messages=messages,
            )
        )
    return docs


def render_docs(lang: str = "en") -> str:
    """The documentation as one self-contained HTML page in `lang` ('en' or 'nl')."""
    if lang not in LANGUAGES:
        raise OntologyError(f"unsupported documentation language {lang!r}; use one of {LANGUAGES}")
    ontology = ontology_graph()
    vocabularies = vocabularies_graph()
    text = TEXT[lang]
    environment = Environment(
        loader=PackageLoader("kennisgraaf.ontology", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    header = {
        text["version"]: str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI) or ""),
        text["licence"]: str(ontology.value(ONTOLOGY_IRI, DCTERMS.license) or ""),
        text["creator"]: str(ontology.value(ONTOLOGY_IRI, DCTERMS.creator) or ""),
        text["issued"]: str(ontology.value(ONTOLOGY_IRI, DCTERMS.issued) or ""),
        text["modified"]: str(ontology.value(ONTOLOGY_IRI, DCTERMS.modified) or ""),
    }
    return environment.get_template("ontology.html.j2").render(
        lang=lang,
        text=text,
        title=_text(ontology, ONTOLOGY_IRI, (DCTERMS.title,), lang),
        description=_text(ontology, ONTOLOGY_IRI, (RDFS.comment,), lang),
        header=header,
        classes=_classes(ontology, lang),
        properties=_properties(ontology, lang, text["open_domain"]),
        schemes=_schemes(vocabularies, lang),
        shapes=_shapes(shapes_graph(), lang),
    )


def write_docs(path: Path, *, lang: str = "en") -> Path:
    """Write the documentation page to `path` and return it."""
    html = render_docs(lang)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise OntologyError(f"cannot write documentation to {path}: {e}") from e
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the kennisgraaf ontology documentation as HTML."
    )
    parser.add_argument("output", type=Path, help="HTML file to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="en")
    args = parser.parse_args(argv)
    write_docs(args.output, lang=args.lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
