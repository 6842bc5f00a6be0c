"""Turning graph rows into result values: keys and IRIs of resources, texts, concepts, names.

A node property holds one value or, when a statement repeats it, a sorted list (see the
mapping); the helpers here accept both so that every result shows the same shape.
"""

from __future__ import annotations

from typing import Any

from kennisgraaf.errors import InputError
from kennisgraaf.identifiers import mint_iri
from kennisgraaf.queries.analytics.common import Concept, Named, notation

KINDS = ("question", "study", "product", "person", "organisation", "network")


def id_root(base_iri: str) -> str:
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


def iri_candidates(base_iri: str, kind: str, key: str) -> list[str]:
    """IRIs a key from a URL may stand for: minted the loaders' way (each segment
    percent-encoded) and as written, for IRIs that did not come from the minting code."""
    if not key.strip("/"):
        raise InputError(f"a {kind} key is required")
    try:
        minted = str(mint_iri(kind, key, id_root(base_iri)))
    except InputError:
        minted = None
    plain = f"{id_root(base_iri)}id/{kind}/{key}"
    return [i for i in dict.fromkeys([minted, plain]) if i]


def key_of(iri: str, base_iri: str, kind: str) -> str | None:
    prefix = f"{id_root(base_iri)}id/{kind}/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def one(value: Any) -> Any:
    """The first of several values (they are stored sorted), or the value itself."""
    values = as_list(value)
    return values[0] if values else None


def one_text(value: Any) -> str | None:
    first = one(value)
    return str(first) if first is not None else None


def texts(**by_language: Any) -> dict[str, str]:
    return {lang: str(one(v)) for lang, v in by_language.items() if one(v) is not None}


def concept(row: dict[str, Any] | None) -> Concept | None:
    if row is None:
        return None
    scale = one(row.get("scaleValue"))
    code = one(row.get("skos_notation"))
    return Concept(
        iri=row["iri"],
        notation=str(code) if code is not None else notation(row["iri"]),
        label=texts(nl=row.get("skos_prefLabel@nl"), en=row.get("skos_prefLabel@en")),
        scale=scale if isinstance(scale, int) else None,
    )


def named(row: dict[str, Any]) -> Named:
    return Named(iri=row["iri"], name=one_text(row.get("name")))


def words(text: str | None) -> list[str] | None:
    """The lower-case words of a text filter; None when there is nothing to filter on."""
    found = (text or "").lower().split()
    return found or None
