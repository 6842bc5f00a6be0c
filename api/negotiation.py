"""Content negotiation for resources: which representation to send.

A client names it by a format suffix (`.ttl`), a `?format=` parameter, or the `Accept` header
(the one rule of `kennisgraaf.accept`). The RDF offers come from `kennisgraaf.rdf_formats`; HTML
is the one offer that is no RDF.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kennisgraaf import accept, rdf_formats
from kennisgraaf.rdf_formats import RdfSyntax


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    content_type: str  # what the response says, with charset where the type has one
    suffix: str
    rdf: ox.RdfFormat | None  # None for HTML
    accepted_as: tuple[str, ...] = ()  # other media types a client may ask for it by
    names: tuple[str, ...] = ()  # what `?format=` may call it

    @classmethod
    def of(cls, syntax: RdfSyntax) -> Format:
        names = (syntax.name, syntax.suffix[1:], *syntax.nicknames)
        return cls(syntax.name, syntax.media_type, syntax.content_type, syntax.suffix,
                   syntax.format, syntax.accepted_as, names)  # fmt: skip


# In order of the server's preference (the table's order, then HTML): an RDF client sending
# `*/*` gets Turtle; browsers ask for text/html by name and get it.
RDF_OFFERS: tuple[Format, ...] = tuple(Format.of(s) for s in rdf_formats.RDF_SYNTAXES)
_BY_NAME = {offer.name: offer for offer in RDF_OFFERS}
TURTLE = _BY_NAME[rdf_formats.TURTLE.name]
JSONLD = _BY_NAME[rdf_formats.JSONLD.name]
NTRIPLES = _BY_NAME[rdf_formats.NTRIPLES.name]
RDFXML = _BY_NAME[rdf_formats.RDFXML.name]
NQUADS = _BY_NAME[rdf_formats.NQUADS.name]
TRIG = _BY_NAME[rdf_formats.TRIG.name]
HTML = Format("html", "text/html", "text/html; charset=utf-8", ".html", None,
              ("application/xhtml+xml",), ("html",))  # fmt: skip

# What every negotiating route offers: resources, the model, the dataset's description.
RESOURCE_FORMATS: tuple[Format, ...] = (*RDF_OFFERS, HTML)


def choose(header: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The offer the client's Accept header prefers, None when it accepts none of them."""
    return accept.choose(header, offers)


def by_param(value: str, offers: tuple[Format, ...]) -> Format | None:
    wanted = value.strip().lower()
    return next((offer for offer in offers if wanted in offer.names), None)


def split_suffix(path: str, offers: tuple[Format, ...]) -> tuple[str, Format] | None:
    """`key.ttl` → (`key`, Turtle); None when the path ends in no known suffix."""
    for offer in offers:
        if path.endswith(offer.suffix) and len(path) > len(offer.suffix):
            return path[: -len(offer.suffix)], offer
    return None
