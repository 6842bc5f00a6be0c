"""Content negotiation for SPARQL results: `Accept` with q-values against the formats on offer.

A query's form is only known once it is parsed, so the best results format (SELECT, ASK) and the
best RDF format (CONSTRUCT, DESCRIBE) are both chosen up front; either may be None, and the query
process answers "not acceptable" (406) when the one its query needs is None.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    aliases: tuple[str, ...] = ()


# In order of preference: the first is the default for `*/*` or no Accept at all.
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
)
RESULT_BY_KEY = {f.key: f for f in RESULT_FORMATS}
GRAPH_BY_MEDIA_TYPE = {f.media_type: f for f in GRAPH_FORMATS}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values; malformed entries are skipped."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.count("/") != 1:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((media.lower(), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching `media_type` (0 when none matches)."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == media_type:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = q, rank
    return best


def choose(offers: tuple[Format, ...], ranges: list[tuple[str, float]]) -> Format | None:
    """The acceptable offer with the highest q; the server's order breaks ties."""
    best: Format | None = None
    best_q = 0.0
    for offer in offers:
        # Aliases count only when named: `text/*` means CSV or TSV, not XML as `text/xml`.
        q = max([_quality(offer.media_type, ranges)]
                + [q for media, q in ranges if media in offer.aliases])  # fmt: skip
        if q > best_q:
            best, best_q = offer, q
    return best
