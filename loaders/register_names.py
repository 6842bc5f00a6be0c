"""Organisation names as people write them, folded to one comparable form: what linking to the
registers and reconciliation compare.

``fold`` — in this order:

1. case folded, accents stripped (NFKD, combining marks dropped): ``Fryslân`` → ``fryslan``;
2. ``&`` read as ``en`` (Dutch "and"): ``Stad & Esch`` → ``stad en esch``;
3. initialisms with dots joined: ``O.B.S.`` → ``obs``, ``B.V.`` → ``bv``;
4. anything but letters and digits folded to one space (punctuation, apostrophes, hyphens,
   whitespace): ``'s-Gravenhage`` → ``s gravenhage``;
5. the school-type abbreviations of :data:`ABBREVIATIONS` written out (``obs`` →
   ``openbaar basisschool``, ``rsg`` → ``regionaal scholengemeenschap``, …);
6. the inflected adjectives of school names to their base form (:data:`INFLECTIONS`:
   ``christelijke`` → ``christelijk``), since the register writes both;
7. legal-form words dropped (:data:`LEGAL_FORMS`: ``stichting``, ``vereniging``, ``bv``, ``nv``,
   …), unless nothing else is left.

Two names are "the same name" when their folds are equal. ``distinctive`` says whether a folded
text holds a word that is more than a school type, sector or filler (:data:`GENERIC`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

ABBREVIATIONS: Mapping[str, str] = {
    "obs": "openbare basisschool",
    "cbs": "christelijke basisschool",
    "pcbs": "protestants christelijke basisschool",
    "pc": "protestants christelijke",
    "kbs": "katholieke basisschool",
    "rkbs": "rooms katholieke basisschool",
    "rk": "rooms katholieke",
    "sbo": "speciale basisschool",
    "sbao": "speciale basisschool",
    "rsg": "regionale scholengemeenschap",
    "csg": "christelijke scholengemeenschap",
    "osg": "openbare scholengemeenschap",
    "sg": "scholengemeenschap",
    "sgm": "scholengemeenschap",
    "vso": "voortgezet speciaal onderwijs",
    "pro": "praktijkonderwijs",
}
INFLECTIONS: Mapping[str, str] = {
    "openbare": "openbaar",
    "christelijke": "christelijk",
    "katholieke": "katholiek",
    "protestantse": "protestants",
    "regionale": "regionaal",
    "speciale": "speciaal",
    "bijzondere": "bijzonder",
    "algemene": "algemeen",
    "gereformeerde": "gereformeerd",
    "interconfessionele": "interconfessioneel",
    "islamitische": "islamitisch",
}
LEGAL_FORMS = frozenset(
    {"stichting", "vereniging", "bv", "nv", "cv", "vof", "ua", "cooperatie", "maatschap"}
)
# Words that name a kind of school, a sector or nothing at all: a query made of these alone
# says which kind, not which school.
GENERIC = frozenset(
    {
        *INFLECTIONS.values(),
        *LEGAL_FORMS,
        "basisschool", "scholengemeenschap", "school", "scholen", "college", "lyceum",
        "gymnasium", "atheneum", "praktijkonderwijs", "praktijkschool", "onderwijs",
        "voortgezet", "rooms", "hogeschool", "universiteit", "university", "instituut",
        "vwo", "havo", "mavo", "vbo", "vmbo", "lwoo", "de", "het", "een", "van", "voor", "en",
        "der", "den", "te", "in", "of", "the", "and", "for",
    }
)  # fmt: skip
_INITIALISM = re.compile(r"\b(?:[a-z]\.){2,}")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The folded form of a name (see the module's description)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("&", " en ")
    bare = _INITIALISM.sub(lambda m: m.group(0).replace(".", "") + " ", bare)
    words: list[str] = []
    for word in re.sub(r"[^0-9a-z]+", " ", bare).split():
        words.extend(ABBREVIATIONS.get(word, word).split())
    words = [INFLECTIONS.get(w, w) for w in words]
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept or words)


def distinctive(folded: str, places: Iterable[str] = ()) -> bool:
    """Whether a folded text names more than a kind of school, or a kind of school in a place:
    one word that is not generic, a number, or a word of one of the `places`."""
    ignored = GENERIC | {w for p in places for w in fold(p).split()}
    return any(w not in ignored and not w.isdigit() for w in folded.split())


def without_place(folded: str, places: Iterable[str]) -> str | None:
    """The folded text with a place name (folded) cut from its end or start — "de klimroos
    utrecht" with the place "Utrecht" → "de klimroos" —, or None when it names none of them."""
    words = folded.split()
    for place in places:
        cut = fold(place).split()
        n = len(cut)
        if not cut or n >= len(words):
            continue
        if words[-n:] == cut:
            return " ".join(words[:-n])
        if words[:n] == cut:
            return " ".join(words[n:])
    return None


def contains_phrase(query: str, name: str) -> bool:
    """Whether the folded query's words appear, in order and together, in the folded name."""
    q, n = f" {query} ", f" {name} "
    return bool(query) and q in n
