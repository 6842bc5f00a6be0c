"""Literal values as node properties, keeping datatype and language.

A literal statement `s p "lex"` becomes the property key

* `name`          when the literal's datatype is the property's natural datatype (its declared
                  XSD range in the ontology, xsd:string when it has none);
* `name@lang`     for a language-tagged string;
* `name^^xsd:dt`  for any other datatype.

Values are native Neo4j values (string, integer, float, boolean, date) when the native value
writes back to exactly the same lexical form; otherwise the lexical form is kept as a string, so
nothing is ever altered. Several values make a list (sorted, so the mapping is deterministic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kennisgraaf.graph.naming import PREFIXES, curie, iri_for, name_for, uncurie

XSD = PREFIXES["xsd"]
XSD_STRING = XSD + "string"
RDF_LANGSTRING = PREFIXES["rdf"] + "langString"
_MAX_INT = 2**63


def property_key(predicate: str, datatype: str | None, language: str | None, natural: str) -> str:
    base = name_for(predicate)
    if language:
        return f"{base}@{language}"
    if (datatype or XSD_STRING) == natural:
        return base
    return f"{base}^^{curie(datatype or XSD_STRING)}"


def parse_key(key: str, natural_of: dict[str, str]) -> tuple[str, str | None, str | None]:
    """(predicate IRI, datatype IRI or None, language or None) of a property key."""
    if key.startswith("<"):
        end = key.index(">") + 1
        base, rest = key[:end], key[end:]
    else:
        cut = min((i for i in (key.find("@"), key.find("^^")) if i >= 0), default=len(key))
        base, rest = key[:cut], key[cut:]
    predicate = iri_for(base)
    if rest.startswith("@"):
        return predicate, None, rest[1:]
    if rest.startswith("^^"):
        return predicate, uncurie(rest[2:]), None
    natural = natural_of.get(predicate, XSD_STRING)
    return predicate, (None if natural == XSD_STRING else natural), None


def _native(lexical: str, datatype: str) -> Any:
    """The native value of a lexical form, or None when it would not write back identically."""
    kind = datatype[len(XSD) :] if datatype.startswith(XSD) else ""
    try:
        if kind == "string":
            return lexical
        if kind == "boolean" and lexical in ("true", "false"):
            return lexical == "true"
        if kind == "integer":
            number = int(lexical)
            return number if str(number) == lexical and -_MAX_INT <= number < _MAX_INT else None
        if kind in ("decimal", "double"):
            real = float(lexical)
            return real if repr(real) == lexical else None
        if kind == "date":
            day = dt.date.fromisoformat(lexical)
            return day if day.isoformat() == lexical and len(lexical) == 10 else None
    except ValueError:
        return None
    return None


def to_property(lexicals: Iterable[str], datatype: str | None) -> Any:
    """The property value for the sorted lexical forms of one key."""
    forms = sorted(set(lexicals))
    dtype = datatype or XSD_STRING
    natives = [_native(f, dtype) for f in forms]
    values: list[Any] = forms if any(v is None for v in natives) else natives
    return values[0] if len(values) == 1 else values


def lexical_of(value: Any) -> str:
    """The lexical form of a stored property value (the inverse of `_native`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    iso = getattr(value, "iso_format", None)  # neo4j.time.Date
    if callable(iso):
        return str(iso())
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"unexpected property value type {type(value).__name__}")


def lexicals_of(value: Any) -> list[str]:
    return [lexical_of(v) for v in value] if isinstance(value, list) else [lexical_of(value)]
