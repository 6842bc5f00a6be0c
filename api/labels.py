"""Human names of resources and terms for pages: from the properties the graph keeps, or from
the ontology and vocabularies for model terms."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import RDFS, SKOS, Literal, URIRef

from kennisgraaf.graph.naming import KG, PREFIXES
from kennisgraaf.ontology.files import ontology_graph, vocabularies_graph

# Properties that name a resource, best first; each either language-tagged or plain.
NAMING_KEYS = ("questionText", "dcterms_title", "foaf_name", "skos_prefLabel", "rdfs_label")
ONTOLOGY_IRI = "https://w3id.org/kennisgraaf/def"
_CURIE_PREFIXES = {**PREFIXES, "kg": KG}


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(sorted(value)[0]) if value else None
    return None if value is None else str(value)


def name_from_props(props: dict[str, Any], lang: str) -> str | None:
    """The resource's name in `lang`, else in the other language or untagged."""
    for key in NAMING_KEYS:
        for suffix in (f"@{lang}", "", "@en", "@nl"):
            found = _first(props.get(key + suffix))
            if found:
                return found
    return None


def curie(iri: str) -> str:
    best = ""
    for prefix, namespace in _CURIE_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best = namespace
            short = f"{prefix}:{iri[len(namespace) :]}"
    return short if best else iri


@lru_cache(maxsize=1)
def _term_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for graph in (ontology_graph(), vocabularies_graph()):
        for predicate in (SKOS.prefLabel, RDFS.label):
            for s, o in graph.subject_objects(predicate):
                if isinstance(s, URIRef) and isinstance(o, Literal):
                    labels.setdefault(str(s), {}).setdefault(o.language or "", str(o))
    return labels


def term_label(iri: str, lang: str) -> str | None:
    """The label the ontology or a vocabulary gives a term, if it is one of theirs."""
    found = _term_labels().get(iri)
    if not found:
        return None
    return found.get(lang) or found.get("en") or found.get("") or next(iter(found.values()))


def fallback_name(iri: str, base_iri: str) -> str:
    """A readable stand-in: the IRI's path below the data namespace, or its compact form."""
    data = base_iri + "id/"
    if iri.startswith(data):
        return iri[len(data) :]
    return curie(iri)
