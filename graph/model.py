"""What the mapping needs to know from the ontology: each property's natural datatype."""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, URIRef

from kennisgraaf.graph.naming import PREFIXES

XSD = PREFIXES["xsd"]


@lru_cache(maxsize=1)
def natural_datatypes() -> dict[str, str]:
    """Property IRI → its declared XSD range (the datatype stored without a key suffix)."""
    from kennisgraaf.ontology.files import ontology_graph

    graph = ontology_graph()
    found: dict[str, str] = {}
    for prop, rng in graph.subject_objects(RDFS.range):
        if isinstance(prop, URIRef) and isinstance(rng, URIRef) and str(rng).startswith(XSD):
            found[str(prop)] = str(rng)
    return found
