"""The model's namespace, served from the shipped Turtle: the ontology at `def` (its terms are
`def#Term`, so they share that document), the vocabularies and shapes documents, each concept
scheme with its concepts, and each concept."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import OWL, RDF, SKOS, Graph, URIRef

from kennisgraaf.api.labels import ONTOLOGY_IRI
from kennisgraaf.ontology.files import ontology_graph, shapes_graph, vocabularies_graph


@dataclass(frozen=True)
class Definition:
    iri: str
    kind: str  # ontology | vocabularies | shapes | scheme | concept
    graph: Graph  # the statements served, parsed (labels for pages come from here)

    @property
    def documents_whole_model(self) -> bool:
        """The ontology documentation page describes these in full."""
        return self.kind in ("ontology", "vocabularies", "shapes")


@lru_cache(maxsize=1)
def _graphs() -> dict[str, Graph]:
    return {
        "ontology": ontology_graph(),
        "vocabularies": vocabularies_graph(),
        "shapes": shapes_graph(),
    }


@lru_cache(maxsize=1)
def _document_iris() -> dict[str, str]:
    """Ontology IRIs and their version IRIs → which document they name."""
    found: dict[str, str] = {}
    for kind, graph in _graphs().items():
        for ontology in graph.subjects(RDF.type, OWL.Ontology):
            found[str(ontology)] = kind
            for version in graph.objects(ontology, OWL.versionIRI):
                found[str(version)] = kind
    found.setdefault(ONTOLOGY_IRI, "ontology")
    found.setdefault(ONTOLOGY_IRI + "/shapes", "shapes")
    return found


@lru_cache(maxsize=256)
def resolve(path: str) -> Definition | None:
    """`path` below `def` ('' for the ontology itself) → what it names, or None."""
    iri = ONTOLOGY_IRI + ("/" + path if path else "")
    graphs = _graphs()
    kind = _document_iris().get(iri)
    if kind is not None:
        return Definition(iri, kind, graphs[kind])
    vocabularies = graphs["vocabularies"]
    node = URIRef(iri)
    if (node, RDF.type, SKOS.ConceptScheme) in vocabularies:
        described = vocabularies.cbd(node)
        for concept in vocabularies.subjects(SKOS.inScheme, node):
            described += vocabularies.cbd(concept)
        return Definition(iri, "scheme", described)
    if (node, None, None) in vocabularies:
        return Definition(iri, "concept", vocabularies.cbd(node))
    return None


def to_triples(graph: Graph) -> list[ox.Triple]:
    data = graph.serialize(format="nt", encoding="utf-8")
    return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


@lru_cache(maxsize=64)
def triples_of(path: str) -> tuple[ox.Triple, ...]:
    found = resolve(path)
    return tuple(to_triples(found.graph)) if found else ()
