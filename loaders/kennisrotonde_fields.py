"""Reading the values of a Kennisrotonde record's fields: text, dates, years, lists, concept
codes, identifiers and links. Each reader raises a FieldError naming the field."""

from __future__ import annotations

import re
from datetime import date

from rdflib import URIRef

from kennisgraaf.loaders.record_conversion import FieldError
from kennisgraaf.ontology.concepts import ConceptScheme, concept_schemes

LANGUAGES = ("nl", "en")
YES = ("true", "yes", "ja", "1")
NO = ("false", "no", "nee", "0")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def text(field: str, value: object, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError(field, "a value is required")
        return None
    if not isinstance(value, str):
        raise FieldError(field, f"expected text, got {value!r}")
    return value.strip()


def a_date(field: str, value: object, required: bool = False) -> date | None:
    given = text(field, value, required)
    if given is None:
        return None
    dutch = re.fullmatch(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})", given)
    try:
        if dutch:
            return date(int(dutch.group(3)), int(dutch.group(2)), int(dutch.group(1)))
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", given):
            return date.fromisoformat(given)
    except ValueError:
        pass
    raise FieldError(field, f"{given!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")


def year(field: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    given = (
        str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    )
    if not re.fullmatch(r"[0-9]{4}", given):
        raise FieldError(field, f"{value!r} is not a year")
    return int(given)


def texts(field: str, value: object, what: str = "names") -> tuple[str, ...]:
    """A list of texts, or one text of ``;``-separated parts."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(n.strip() for n in value.split(";") if n.strip())
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return tuple(n.strip() for n in value if n.strip())
    raise FieldError(field, f"expected a list of {what}")


def language(field: str, value: object, default: str) -> str:
    given = text(field, value) or default
    if given not in LANGUAGES:
        raise FieldError(field, f"{given!r} is not one of {', '.join(LANGUAGES)}")
    return given


def consent(field: str, value: object) -> bool:
    if value is None or value == "" or value is False:
        return False
    if value is True or (isinstance(value, str) and value.strip().casefold() in YES):
        return True
    if isinstance(value, str) and value.strip().casefold() in NO:
        return False
    raise FieldError(field, f"{value!r} is not true or false")


def url(field: str, value: object) -> str | None:
    given = text(field, value)
    if given is not None and not _URL.fullmatch(given):
        raise FieldError(field, f"{given!r} is not an http(s) URL")
    return given


def is_url(given: str) -> bool:
    return bool(_URL.fullmatch(given))


def concepts(field: str, value: object, scheme: str) -> tuple[URIRef, ...]:
    return tuple(dict.fromkeys(concept(field, t, scheme) for t in texts(field, value, "codes")))


def concept(field: str, given: str, scheme_name: str) -> URIRef:
    scheme: ConceptScheme = concept_schemes()[scheme_name]
    found = scheme.lookup(given)
    if found is None:
        known = ", ".join(scheme.notations)
        raise FieldError(field, f"unknown {scheme_name} code {given.strip()!r} (known: {known})")
    return found


def optional_concept(field: str, value: object, scheme_name: str) -> URIRef | None:
    given = text(field, value)
    return concept(field, given, scheme_name) if given else None
