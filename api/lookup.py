"""Finding the resource a URL names, reading named queries for the routes, and the keys by
which results name resources in URLs."""

from __future__ import annotations

from typing import Any, Protocol, Self, TypeVar

from neo4j import Driver

from kennisgraaf.api.errors import ApiError
from kennisgraaf.queries.analytics.rows import iri_candidates, key_of
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings

# The label a resource of each kind carries; organisations exclude networks (a subclass).
LABELS = {
    "question": "KnowledgeQuestion",
    "study": "Study",
    "product": "KnowledgeProduct",
    "person": "Person",
    "organisation": "Organisation",
    "network": "Network",
}


class Keyed(Protocol):
    """A result naming a resource by IRI, with a `key` for its URL that the API fills in."""

    @property
    def iri(self) -> str: ...

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self: ...


K = TypeVar("K", bound=Keyed)


def with_keys(results: list[K], settings: Settings, kind: str) -> list[K]:
    """The results with `key`: their IRI's part after {base}id/{kind}/ (None elsewhere)."""
    return [r.model_copy(update={"key": key_of(r.iri, settings.base_iri, kind)}) for r in results]


def resolve(driver: Driver, settings: Settings, kind: str, key: str) -> str:
    """The IRI of the `kind` resource with this key, or a 404 naming what was looked for."""
    for iri in iri_candidates(settings.base_iri, kind, key):
        rows = read(driver, settings.neo4j_database, "lookup.resource_labels", iri=iri)
        if not rows:
            continue
        labels = set(rows[0]["labels"])
        if LABELS[kind] in labels and not (kind == "organisation" and "Network" in labels):
            return iri
    raise ApiError(404, "not-found", f"no {kind} with key {key!r}")


def one_row(driver: Driver, settings: Settings, name: str, **params: Any) -> dict[str, Any]:
    rows = read(driver, settings.neo4j_database, name, **params)
    if not rows:  # the resource went away between resolving and reading it
        raise ApiError(404, "not-found", f"no resource with IRI {params.get('iri')!r}")
    return rows[0]
