"""Search over question texts, study and product titles and names: a Neo4j full-text index,
queried with a Lucene query built only from the words of the user's text."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver

from kennisgraaf.api.labels import name_from_props
from kennisgraaf.queries.registry import get_query

MAX_WORDS = 12
MAX_QUERY_CHARS = 200
KINDS = ("KnowledgeQuestion", "Study", "KnowledgeProduct", "Network", "Person", "Organisation")
KIND_NAMES = {
    "KnowledgeQuestion": "question",
    "Study": "study",
    "KnowledgeProduct": "knowledge product",
    "Network": "network",
    "Person": "person",
    "Organisation": "organisation",
}
_WORD = re.compile(r"[^\W_]+")  # letters and digits, no underscore


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    name: str
    score: float


def lucene_query(text: str) -> str | None:
    """Every word must match, as a word or a prefix. Words are lower-cased letters and digits
    only, so no Lucene operator or syntax from the user's text survives."""
    words = [w.lower() for w in _WORD.findall(text[:MAX_QUERY_CHARS])][:MAX_WORDS]
    if not words:
        return None
    return " AND ".join(f"({w}^2 OR {w}*)" for w in words)


def ensure_index(driver: Driver, database: str) -> None:
    """Create the index if it is missing and wait until it is online (idempotent)."""
    with driver.session(database=database) as session:
        for statement in get_query("ld.search_index").statements():
            session.run(statement).consume()


class IndexGuard:
    """Runs `ensure_index` once per app and database rather than on every search."""

    def __init__(self) -> None:
        self._done: set[str] = set()
        self._lock = threading.Lock()

    def ensure(self, driver: Driver, database: str) -> None:
        with self._lock:
            if database not in self._done:
                ensure_index(driver, database)
                self._done.add(database)


def kind_of(labels: list[str] | tuple[str, ...]) -> str:
    return next((k for k in KINDS if k in labels), "resource")


def search(
    driver: Driver, database: str, text: str, lang: str, guard: IndexGuard, limit: int = 50
) -> list[Hit]:
    query_text = lucene_query(text)
    if query_text is None:
        return []
    guard.ensure(driver, database)
    query = get_query("ld.search")
    records, _, _ = driver.execute_query(
        query.text,
        query.bind({"query": query_text, "limit": limit}),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    hits = []
    for r in records:
        props: dict[str, Any] = dict(r["props"])
        hits.append(
            Hit(
                r["iri"],
                kind_of(r["labels"]),
                name_from_props(props, lang) or r["iri"],
                float(r["score"]),
            )
        )
    return hits
