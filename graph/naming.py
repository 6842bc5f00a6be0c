"""Names in the property graph for IRIs in RDF: labels, relationship types and property keys.

One bijective rule for all three (documented in graph/MAPPING.md):

* a term of the kennisgraaf namespace whose local name is alphanumeric → the local name
  (`kg:KnowledgeQuestion` → label `KnowledgeQuestion`, `kg:addresses` → type `addresses`);
* a term of a well-known vocabulary → `prefix_local` (`prov:used` → `prov_used`,
  `skos:prefLabel` → `skos_prefLabel`);
* anything else → the full IRI in angle brackets (`<http://example.org/p>`).

Local names of kennisgraaf terms never contain `_`, so the three forms cannot collide.
"""

from __future__ import annotations

import re

KG = "https://w3id.org/kennisgraaf/def#"

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "fabio": "http://purl.org/spar/fabio/",
    "bibo": "http://purl.org/ontology/bibo/",
    "cito": "http://purl.org/spar/cito/",
    "frapo": "http://purl.org/cerif/frapo/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
_BY_NAMESPACE = {ns: prefix for prefix, ns in PREFIXES.items()}
# Keys the mapping itself uses on nodes and relationships.
RESERVED = frozenset({"iri", "sources", "Resource"})
_KG_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_OTHER_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1], iri[cut + 1 :]


def name_for(iri: str) -> str:
    """The label, relationship type or property key (without suffix) for a term IRI."""
    if iri.startswith(KG):
        local = iri[len(KG) :]
        if _KG_LOCAL.fullmatch(local) and local not in RESERVED:
            return local
        return f"<{iri}>"
    namespace, local = _split(iri)
    prefix = _BY_NAMESPACE.get(namespace)
    if prefix and _OTHER_LOCAL.fullmatch(local):
        return f"{prefix}_{local}"
    return f"<{iri}>"


def iri_for(name: str) -> str:
    """The inverse of `name_for`."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition("_")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return KG + name


def curie(iri: str) -> str:
    """Datatype IRIs in property-key suffixes: `xsd:date`, or the full IRI in angle brackets."""
    namespace, local = _split(iri)
    prefix = _BY_NAMESPACE.get(namespace)
    return f"{prefix}:{local}" if prefix and _OTHER_LOCAL.fullmatch(local) else f"<{iri}>"


def uncurie(text: str) -> str:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, _, local = text.partition(":")
    return PREFIXES[prefix] + local
