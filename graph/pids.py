"""Persistent identifiers as IRIs, and recognising one in what a user typed.

The graph keeps each identifier as a normalised literal (`kg:orcid "0000-0002-1825-0097"`,
`kg:ror "04pp8hn57"`, `kg:doi "10.1234/abc"`; core/identifiers.py). Every public RDF view
(resource descriptions, dumps, the SPARQL store) also states the identifier's resolvable IRI:

    <…/id/person/orcid/0000-0002-1825-0097> schema:sameAs <https://orcid.org/0000-0002-1825-0097> .

`schema:sameAs` ("a reference web page that unambiguously indicates the item's identity") and
not `owl:sameAs`: the ORCID record, ROR record and DOI landing page identify the same person,
organisation or work, but they are other parties' descriptions, and `owl:sameAs` would make
every statement of either side a statement of the other for a reasoner. BRIN codes have no
official IRI (DUO and RIO publish none that resolves per code), so they stay literals.

The links are derived from the *visible* literals when the graph is turned back into RDF, never
stored: an identifier that personal-data rules keep out of public views (the ORCID iD of a
person who is not named publicly) yields no link there either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kennisgraaf.errors import InputError
from kennisgraaf.graph.literals import lexicals_of, parse_key
from kennisgraaf.graph.naming import KG, PREFIXES
from kennisgraaf.identifiers import normalise

LINK = PREFIXES["schema"] + "sameAs"
# identifier property → (normalisation scheme, resolver prefix)
RESOLVERS: dict[str, tuple[str, str]] = {
    KG + "orcid": ("orcid", "https://orcid.org/"),
    KG + "ror": ("ror", "https://ror.org/"),
    KG + "doi": ("doi", "https://doi.org/"),
}
SCHEMES = {scheme: prefix for scheme, prefix in RESOLVERS.values()}
# What stays unescaped of a DOI in its IRI: RFC 3986 sub-delimiters, ":", "@" and "/".
_DOI_SAFE = "/:@!$&'()*+,;=-._~"
_LINK = ox.NamedNode(LINK)


def pid_iri(scheme: str, value: str) -> str:
    """The resolvable IRI of an identifier (`scheme` orcid, ror or doi), from any spelling."""
    normal = normalise(scheme, value)
    if scheme == "doi":
        normal = quote(normal, safe=_DOI_SAFE)
    return SCHEMES[scheme] + normal


def pid_links(props: dict[str, Any], natural: dict[str, str]) -> Iterator[str]:
    """The PID IRIs of a node's identifier properties (a malformed value yields none)."""
    for key, value in props.items():
        if key == "iri" or key.startswith("_"):
            continue
        predicate, _, language = parse_key(key, natural)
        found = RESOLVERS.get(predicate)
        if found is None or language:
            continue
        for lexical in lexicals_of(value):
            try:
                yield pid_iri(found[0], lexical)
            except InputError:
                continue


def link_triples(
    subject: ox.NamedNode | ox.BlankNode, props: dict[str, Any], natural: dict[str, str]
) -> Iterator[ox.Triple]:
    """`subject schema:sameAs <PID IRI>` for each identifier the node's properties give."""
    for iri in sorted(set(pid_links(props, natural))):
        yield ox.Triple(subject, _LINK, ox.NamedNode(iri))


def recognise(text: str) -> tuple[str, str] | None:
    """The (scheme, normal form) of a text that is one ORCID iD, ROR ID or DOI in a common
    spelling (`https://doi.org/10.…`, `doi:10.…`, `10.…`; an ORCID iD or ROR ID with or without
    its URL), else None. A bare ROR ID counts only when its check digits hold."""
    candidate = text.strip()
    if not candidate or any(c.isspace() for c in candidate):
        return None
    for scheme in _guesses(candidate):
        try:
            return scheme, normalise(scheme, candidate)
        except InputError:
            continue
    return None


def _guesses(text: str) -> Iterable[str]:
    lowered = text.lower()
    if "doi.org/" in lowered or lowered.startswith(("doi:", "10.")):
        return ("doi",)
    if "orcid.org/" in lowered:
        return ("orcid",)
    if "ror.org/" in lowered:
        return ("ror",)
    return ("orcid", "ror")
