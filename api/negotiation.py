"""Content negotiation: which representation of a resource to send.

A client names it by a format suffix (`.ttl`), a `?format=` parameter, or the `Accept` header
(RFC 9110 §12.5.1: media ranges with q-values; the most specific matching range gives an
offer its quality; ties go to the server's order of preference).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    content_type: str  # what the response says, with charset where the type has one
    suffix: str
    rdf: ox.RdfFormat | None  # None for HTML
    aliases: tuple[str, ...] = ()  # other media types a client may ask for


# In order of the server's preference: an RDF client sending `*/*` gets Turtle; browsers ask
# for text/html by name and get it.
TURTLE = Format(
    "turtle",
    "text/turtle",
    "text/turtle; charset=utf-8",
    ".ttl",
    ox.RdfFormat.TURTLE,
    ("application/x-turtle",),
)
JSONLD = Format(
    "jsonld",
    "application/ld+json",
    "application/ld+json",
    ".jsonld",
    ox.RdfFormat.JSON_LD,
    ("application/json",),
)
NTRIPLES = Format(
    "ntriples", "application/n-triples", "application/n-triples", ".nt", ox.RdfFormat.N_TRIPLES
)
RDFXML = Format(
    "rdfxml", "application/rdf+xml", "application/rdf+xml", ".rdf", ox.RdfFormat.RDF_XML
)
HTML = Format(
    "html", "text/html", "text/html; charset=utf-8", ".html", None, ("application/xhtml+xml",)
)

RESOURCE_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)
_PARAM_NAMES: dict[str, Format] = {
    **{f.name: f for f in RESOURCE_FORMATS},
    **{f.suffix[1:]: f for f in RESOURCE_FORMATS},
    "json-ld": JSONLD,
    "xml": RDFXML,
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        type_, _, subtype = media_type.partition("/")
        return self.type in ("*", type_) and self.subtype in ("*", subtype)


_TCHARS = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TCHARS})/({_TCHARS})\s*$")
_QVALUE = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header. A missing or empty header accepts anything;
    malformed ranges and q-values are left out rather than failing the request."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for item in _split_outside_quotes(header, ","):
        if not item.strip():
            continue
        first, *params = _split_outside_quotes(item, ";")
        m = _RANGE.fullmatch(first)
        if not m or (m.group(1) == "*" and m.group(2) != "*"):
            continue
        q = 1.0
        valid = True
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                valid = bool(_QVALUE.fullmatch(value))
                q = float(value) if valid else 0.0
                break  # what follows q are accept-extensions, not media-type parameters
        if valid:
            ranges.append(MediaRange(m.group(1).lower(), m.group(2).lower(), q))
    return ranges


def quality(ranges: list[MediaRange], media_type: str, exact_only: bool = False) -> float:
    """The q of the most specific range matching `media_type` (equally specific: the highest)."""
    best: tuple[int, float] | None = None
    for r in ranges:
        if r.matches(media_type) and (r.specificity == 2 or not exact_only):
            key = (r.specificity, r.q)
            if best is None or key > best:
                best = key
    return best[1] if best else 0.0


def choose(header: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The offer the client prefers most (q > 0); ties go to the earlier offer. A header
    with no valid range at all is ignored, as if the client had sent none."""
    ranges = parse_accept(header) or parse_accept(None)
    chosen: Format | None = None
    chosen_q = 0.0
    for offer in offers:
        # Aliases count only when named: `application/*` must not pick Turtle for
        # application/x-turtle.
        q = max(
            [quality(ranges, offer.media_type)]
            + [quality(ranges, alias, exact_only=True) for alias in offer.aliases]
        )
        if q > chosen_q:
            chosen, chosen_q = offer, q
    return chosen


def by_param(value: str, offers: tuple[Format, ...]) -> Format | None:
    found = _PARAM_NAMES.get(value.strip().lower())
    return found if found in offers else None


def split_suffix(path: str, offers: tuple[Format, ...]) -> tuple[str, Format] | None:
    """`key.ttl` → (`key`, Turtle); None when the path ends in no known suffix."""
    for offer in offers:
        if path.endswith(offer.suffix) and len(path) > len(offer.suffix):
            return path[: -len(offer.suffix)], offer
    return None
