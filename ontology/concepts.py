"""What the loaders look up in the model: the kg: terms the ontology declares and the SKOS
concept schemes of the vocabularies, indexed so a cell or field text finds its concept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kennisgraaf.ontology.files import KG, ontology_graph, vocabularies_graph

_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@lru_cache(maxsize=1)
def declared_terms() -> Mapping[str, frozenset[URIRef]]:
    """The kg: classes and properties the ontology declares, as ``{"class": …, "property": …}``."""
    graph = ontology_graph()

    def declared(types: Sequence[URIRef]) -> frozenset[URIRef]:
        return frozenset(
            s
            for t in types
            for s in graph.subjects(RDF.type, t)
            if isinstance(s, URIRef) and s.startswith(KG)
        )

    return {"class": declared([OWL.Class, RDFS.Class]), "property": declared(_PROPERTY_TYPES)}


@dataclass(frozen=True)
class ConceptScheme:
    """A SKOS concept scheme indexed by notation and labels, for text → concept lookups."""

    name: str
    iri: URIRef
    notations: tuple[str, ...]
    by_text: Mapping[str, URIRef]

    def lookup(self, text: str) -> URIRef | None:
        return self.by_text.get(text.strip().casefold())


@lru_cache(maxsize=1)
def concept_schemes() -> Mapping[str, ConceptScheme]:
    """The vocabularies' concept schemes by their last IRI segment (``sector``, ``theme``, …)."""
    graph = vocabularies_graph()
    schemes: dict[str, ConceptScheme] = {}
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        if not isinstance(scheme, URIRef):
            continue
        texts: dict[str, set[URIRef]] = {}
        notations: list[str] = []
        for concept in graph.subjects(SKOS.inScheme, scheme):
            if not isinstance(concept, URIRef):
                continue
            for notation in graph.objects(concept, SKOS.notation):
                notations.append(str(notation))
                texts.setdefault(str(notation).casefold(), set()).add(concept)
            for label in graph.objects(concept, SKOS.prefLabel):
                texts.setdefault(str(label).casefold(), set()).add(concept)
        # A text naming two concepts (e.g. a label equal to another's notation) is ambiguous.
        unique = {text: next(iter(found)) for text, found in texts.items() if len(found) == 1}
        name = str(scheme).rstrip("/").rsplit("/", 1)[-1]
        schemes[name] = ConceptScheme(name, scheme, tuple(sorted(notations)), unique)
    return schemes
