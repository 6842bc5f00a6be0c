"""Identifier normalisation and checking, and the minting of stable data IRIs.

Every loader passes identifiers through here before anything is validated, so that the same
thing always gets the same IRI and the same identifier literal, whatever form the source used.

Normal forms (the ontology's convention: literals carry no resolver prefix):

* doi — ``10.1234/ABC``, ``doi:…``, ``https://doi.org/…``, ``http://dx.doi.org/…``
  → ``10.1234/abc`` (lower case; URL and ``doi:`` forms are percent-decoded first)
* orcid — ``0000-0002-1825-0097``, ``https://orcid.org/…``, 16 characters without dashes
  → ``0000-0002-1825-0097``
* ror — ``04pp8hn57``, ``https://ror.org/04pp8hn57`` → ``04pp8hn57`` (lower case)
* brin — ``00ab``, ``00AB01`` → ``00AB`` / ``00AB01`` (upper case)
* nro — ``405-15-718``, ``40.5.18300.018`` → digits with ``-`` or ``.``, as written
* kennisrotonde — ``KR.123``, ``kr 123``, ``123`` → ``KR123``

Checks: DOI syntax ``^10\\.\\d{4,9}/\\S+$``; the ORCID ISO 7064 MOD 11-2 check character; the ROR
check digits (ISO 7064 MOD 97-10 over the Crockford base32 value of the first seven characters);
BRIN as two digits, two letters and an optional two-digit location number.

Data IRIs are ``{base}id/{kind}/{key}`` (see :func:`mint_iri`). A key is either
``{scheme}/{normal form}`` (:func:`identifier_key`) or a slug of a name (:func:`slugify`).

Slug collisions: names that differ only in case, accents, punctuation or spacing ("VO-raad",
"VO raad") get the same slug and so the same IRI — across sources that is deliberate, they name
the same thing. Within one CSV file a thing is normally named once, so the CSV loader reports two
different texts with one slug as a row error (a near-duplicate or a real clash; either needs a
look). Slugs longer than :data:`MAX_SLUG_LENGTH` are cut and suffixed with a hash of the whole
name so they stay distinct; a name without any letter or digit gets a hash-only slug.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote

from rdflib import URIRef

from kennisgraaf.errors import InputError
from kennisgraaf.settings import get_settings

logger = logging.getLogger(__name__)

MAX_SLUG_LENGTH = 80

_DOI = re.compile(r"10\.[0-9]{4,9}/[^\s\x00-\x1f\x7f]+")
_DOI_URL_PREFIX = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)
_DOI_URI_PREFIX = re.compile(r"^doi:\s*", re.IGNORECASE)
_ORCID = re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]")
_ORCID_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)
_ROR = re.compile(r"0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}")
_ROR_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?ror\.org/", re.IGNORECASE)
_BRIN = re.compile(r"[0-9]{2}[A-Z]{2}(?:[0-9]{2})?")
_NRO_PROJECT = re.compile(r"[0-9]+(?:[-.][0-9]+)*")
_KENNISROTONDE = re.compile(r"(?:KR)?[\s.:-]*([0-9]+)", re.IGNORECASE)
_KIND = re.compile(r"[a-z][a-z0-9-]*")
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


class InvalidIdentifierError(InputError):
    """An identifier that cannot be normalised; `reason` omits where it was found."""

    def __init__(self, scheme: str, value: object, expected: str) -> None:
        self.scheme = scheme
        self.value = value
        self.reason = f"invalid {_SCHEME_NAMES.get(scheme, scheme)} {value!r}: {expected}"
        super().__init__(self.reason)


_SCHEME_NAMES = {
    "doi": "DOI",
    "orcid": "ORCID iD",
    "ror": "ROR ID",
    "brin": "BRIN code",
    "nro": "NRO project number",
    "kennisrotonde": "Kennisrotonde number",
}


def _text(scheme: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidIdentifierError(scheme, value, "expected text")
    return str(value).strip()


# --- DOI ------------------------------------------------------------------------------------


def normalise_doi(value: object) -> str:
    """``10.1234/abc``: resolver prefix stripped, URL forms percent-decoded, lower case."""
    text = _text("doi", value)
    # Only URL and doi: forms are percent-encoded; decoding a bare DOI would change a real
    # "%" in it and make normalisation non-idempotent.
    if _DOI_URL_PREFIX.match(text):
        text = unquote(_DOI_URL_PREFIX.sub("", text, count=1))
    elif _DOI_URI_PREFIX.match(text):
        text = unquote(_DOI_URI_PREFIX.sub("", text, count=1))
    doi = text.strip().lower()
    if not _DOI.fullmatch(doi):
        raise InvalidIdentifierError("doi", value, "expected 10.<4-9 digits>/<suffix>")
    return doi


# --- ORCID ----------------------------------------------------------------------------------


def orcid_check_character(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for char in base_digits:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: object) -> str:
    """``0000-0002-1825-0097``: resolver prefix stripped, dashes placed, check character checked."""
    text = _ORCID_PREFIX.sub("", _text("orcid", value), count=1).upper()
    if re.fullmatch(r"[0-9]{15}[0-9X]", text):
        text = "-".join(text[i : i + 4] for i in range(0, 16, 4))
    if not _ORCID.fullmatch(text):
        raise InvalidIdentifierError("orcid", value, "expected the form 0000-0000-0000-000X")
    digits = text.replace("-", "")
    expected = orcid_check_character(digits[:15])
    if digits[15] != expected:
        raise InvalidIdentifierError(
            "orcid", value, f"check character is {digits[15]}, expected {expected}"
        )
    return text


def orcid_url(orcid: str) -> str:
    """The resolvable form ``https://orcid.org/…`` of an ORCID iD."""
    return f"https://orcid.org/{normalise_orcid(orcid)}"


# --- ROR ------------------------------------------------------------------------------------


def ror_check_digits(first_seven: str) -> str:
    """ISO 7064 MOD 97-10 check digits over the Crockford base32 value of a ROR ID's first 7."""
    number = 0
    for char in first_seven.lower():
        number = number * 32 + _CROCKFORD.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def normalise_ror(value: object) -> str:
    """``04pp8hn57``: resolver prefix stripped, lower case, pattern and check digits verified."""
    text = _ROR_PREFIX.sub("", _text("ror", value), count=1).lower()
    if not _ROR.fullmatch(text):
        raise InvalidIdentifierError(
            "ror", value, "expected 0 + 6 base32 characters + 2 check digits, e.g. 04pp8hn57"
        )
    expected = ror_check_digits(text[:7])
    if text[7:] != expected:
        raise InvalidIdentifierError(
            "ror", value, f"check digits are {text[7:]}, expected {expected}"
        )
    return text


# --- Dutch identifiers ----------------------------------------------------------------------


def normalise_brin(value: object) -> str:
    """``00AB`` or ``00AB01`` (institution plus location number), upper case."""
    text = re.sub(r"[\s-]", "", _text("brin", value)).upper()
    if not _BRIN.fullmatch(text):
        raise InvalidIdentifierError(
            "brin", value, "expected 2 digits + 2 letters (+ 2 digits for a location), e.g. 00AB"
        )
    return text


def normalise_nro_project(value: object) -> str:
    """An NRO project number: digits separated by ``-`` or ``.``, kept as written."""
    text = re.sub(r"\s+", "", _text("nro", value))
    if not _NRO_PROJECT.fullmatch(text):
        raise InvalidIdentifierError("nro", value, "expected digits and dashes, e.g. 405-15-718")
    return text


def normalise_kennisrotonde(value: object) -> str:
    """``KR123`` from ``KR.123``, ``kr 123``, ``123`` or the integer 123."""
    match = _KENNISROTONDE.fullmatch(_text("kennisrotonde", value))
    if not match:
        raise InvalidIdentifierError("kennisrotonde", value, "expected KR.<number> or a number")
    return f"KR{int(match.group(1))}"


NORMALISERS: Mapping[str, Callable[[object], str]] = {
    "doi": normalise_doi,
    "orcid": normalise_orcid,
    "ror": normalise_ror,
    "brin": normalise_brin,
    "nro": normalise_nro_project,
    "kennisrotonde": normalise_kennisrotonde,
}


def normalise(scheme: str, value: object) -> str:
    """Normalise `value` as an identifier of `scheme` (a key of :data:`NORMALISERS`)."""
    try:
        normaliser = NORMALISERS[scheme]
    except KeyError:
        known = ", ".join(sorted(NORMALISERS))
        raise InputError(f"unknown identifier scheme {scheme!r} (known: {known})") from None
    return normaliser(value)


# --- Keys and IRIs --------------------------------------------------------------------------


def identifier_key(scheme: str, value: object) -> str:
    """The IRI key of an identified thing: ``{scheme}/{normal form}``, e.g. ``doi/10.1234/abc``."""
    return f"{scheme}/{normalise(scheme, value)}"


def slugify(text: str) -> str:
    """A lower-case ASCII slug of a name: accents dropped, other characters folded to ``-``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:10]
    if not slug:
        return f"h-{digest}"
    if len(slug) > MAX_SLUG_LENGTH:
        return f"{slug[: MAX_SLUG_LENGTH - 11].rstrip('-')}-{digest}"
    return slug


def _encode_segment(segment: str) -> str:
    encoded = quote(segment, safe="")
    # "." and ".." segments would be removed by IRI normalisation; escape them.
    return encoded.replace(".", "%2E") if encoded in {".", ".."} else encoded


def mint_iri(kind: str, key: str, base: str | None = None) -> URIRef:
    """``{base}id/{kind}/{key}``; each ``/``-separated part of `key` is percent-encoded.

    `key` is raw text (a DOI's suffix may hold ``<``, ``#`` or spaces); encoding is applied here,
    once, so the same key always yields the same valid IRI.
    """
    if not _KIND.fullmatch(kind):
        raise InputError(f"invalid IRI kind {kind!r}: expected lower-case letters, digits, '-'")
    if not key:
        raise InputError(f"invalid IRI key for kind {kind!r}: the key is empty")
    root = base if base is not None else get_settings().base_iri
    if not root.endswith(("/", "#")):
        root += "/"
    path = "/".join(_encode_segment(part) for part in key.split("/"))
    return URIRef(f"{root}id/{kind}/{path}")


def mint_identified_iri(kind: str, scheme: str, value: object, base: str | None = None) -> URIRef:
    """IRI of a thing known by an identifier, e.g. ``id/person/orcid/0000-0002-1825-0097``."""
    return mint_iri(kind, identifier_key(scheme, value), base)


def mint_slug_iri(kind: str, name: str, base: str | None = None) -> URIRef:
    """IRI of a thing known only by its name, e.g. ``id/initiative/huisacademies``."""
    return mint_iri(kind, slugify(name), base)
