"""The Accept header (RFC 9110 §12.5.1) and the choice among what a route offers: the one parser
every route negotiates with (linked data, dumps' description, SPARQL).

The rule:
- No header, or an empty one, accepts anything: the route's first offer.
- A header with no valid media range at all (`Accept: garbage`) is disregarded, as the RFC
  allows: the same as no header.
- Otherwise each offer gets the q of the most specific range matching its media type (of equally
  specific ones, the highest); the other media types an offer is accepted as count only when
  named exactly (`text/*` is not XML by way of `text/xml`). The offer with the highest q > 0
  wins, ties going to the route's order of preference. None when no offer has q > 0 (`q=0`
  excludes): the route answers 406 and lists what it offers.
- Malformed ranges and q-values are left out, the rest of the header still counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Offer(Protocol):
    @property
    def media_type(self) -> str: ...

    @property
    def accepted_as(self) -> tuple[str, ...]: ...


OfferT = TypeVar("OfferT", bound=Offer)


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


ANYTHING = (MediaRange("*", "*", 1.0),)
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


def _media_range(item: str) -> MediaRange | None:
    first, *params = _split_outside_quotes(item, ";")
    m = _RANGE.fullmatch(first)
    if not m or (m.group(1) == "*" and m.group(2) != "*"):
        return None
    q = 1.0
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            if not _QVALUE.fullmatch(value):
                return None
            q = float(value)
            break  # what follows q are accept-extensions, not media-type parameters
    return MediaRange(m.group(1).lower(), m.group(2).lower(), q)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The valid media ranges of an Accept header, in order. A missing or empty header accepts
    anything; malformed ranges and q-values are left out rather than failing the request."""
    if header is None or not header.strip():
        return list(ANYTHING)
    ranges = (_media_range(item) for item in _split_outside_quotes(header, ",") if item.strip())
    return [r for r in ranges if r is not None]


def quality(ranges: Sequence[MediaRange], media_type: str, exact_only: bool = False) -> float:
    """The q of the most specific range matching `media_type` (equally specific: the highest)."""
    best: tuple[int, float] | None = None
    for r in ranges:
        if r.matches(media_type) and (r.specificity == 2 or not exact_only):
            key = (r.specificity, r.q)
            if best is None or key > best:
                best = key
    return best[1] if best else 0.0


def choose(header: str | None, offers: Sequence[OfferT]) -> OfferT | None:
    """The offer the client prefers most (q > 0), by the rule above."""
    ranges = parse_accept(header) or ANYTHING
    chosen: OfferT | None = None
    chosen_q = 0.0
    for offer in offers:
        q = max(
            [quality(ranges, offer.media_type)]
            + [quality(ranges, other, exact_only=True) for other in offer.accepted_as]
        )
        if q > chosen_q:
            chosen, chosen_q = offer, q
    return chosen
