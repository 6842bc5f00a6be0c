"""Search over question and answer texts, titles of studies, products and initiatives, names
and identifiers: two Neo4j full-text indexes (queries/schema/search_index.cypher), one with the
Dutch analyzer (stemming) and one folding accents that also holds the identifiers, queried with a
Lucene query built only from the words of the user's text. A text that is one identifier in a
common spelling (an ORCID iD, ROR ID or DOI with or without its URL, a Kennisrotonde number as
`KR.1234` or `kr 1234`, a BRIN code) is also looked for in that identifier's field, normalised.

Its cost is bounded: the text is cut to `search_max_query_chars` characters (settings) and its
first MAX_WORDS words; a word becomes a prefix query only from PREFIX_MIN letters on; at most
`search_max_results` hits; the index read stops after `search_timeout_s` (503)."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import ClientError, Forbidden

from kennisgraaf.api.errors import ApiError
from kennisgraaf.api.i18n import N_
from kennisgraaf.api.labels import name_from_props
from kennisgraaf.api.lucene import escape
from kennisgraaf.graph.pids import recognise
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)

MAX_WORDS = 12
MAX_QUERY_CHARS = 200
PREFIX_MIN = 2  # a one-letter prefix expands to a large part of the index's terms
KINDS = (
    "KnowledgeQuestion", "Study", "KnowledgeProduct", "Network", "Initiative", "Person",
    "Organisation",
)  # fmt: skip
KIND_NAMES = {  # English, translated where shown
    "KnowledgeQuestion": N_("question"),
    "Study": N_("study"),
    "KnowledgeProduct": N_("knowledge product"),
    "Initiative": N_("initiative"),
    "Network": N_("network"),
    "Person": N_("person"),
    "Organisation": N_("organisation"),
    "resource": N_("resource"),
}
_WORD = re.compile(r"[^\W_]+")  # letters and digits, no underscore
_KR_NUMBER = re.compile(r"kr[\s._-]*(\d{1,9})", re.IGNORECASE)  # loaders/kennisrotonde: KR1234
_BRIN = re.compile(r"\d{2}[a-z]{2}(\d{2})?", re.IGNORECASE)  # an institution, or a location
ID_BOOST = 8  # an identifier's own field outranks its digits in a text
# Neo4j's codes for a transaction stopped by its timeout
TIMED_OUT = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    name: str
    score: float


def identifier_fields(text: str) -> list[tuple[str, str]]:
    """(field, normal form) of each identifier the whole text may be, in the index's fields."""
    found: list[tuple[str, str]] = []
    if pid := recognise(text):
        found.append(pid)  # the scheme names its property: orcid, ror, doi
    candidate = text.strip()
    if kr := _KR_NUMBER.fullmatch(candidate):
        found.append(("dcterms_identifier", "KR" + kr.group(1)))
    if _BRIN.fullmatch(candidate):
        found.append(("brin", candidate.upper()))
    return found


def lucene_query(text: str, max_chars: int = MAX_QUERY_CHARS) -> str | None:
    """Every word must match, as a word or a prefix; or the text as an identifier, in its own
    field. Words are lower-cased letters and digits only, and escaped besides, identifiers are
    quoted and escaped, so no Lucene operator or syntax from the user's text survives."""
    text = text[:max_chars]
    words = [escape(w.lower()) for w in _WORD.findall(text)][:MAX_WORDS]
    clauses = [f'{field}:"{escape(value)}"^{ID_BOOST}' for field, value in identifier_fields(text)]
    if words:
        clauses.append(
            "("
            + " AND ".join(f"({w}^2 OR {w}*)" if len(w) >= PREFIX_MIN else w for w in words)
            + ")"
        )
    return " OR ".join(clauses) if clauses else None


def ensure_index(driver: Driver, database: str, query_name: str = "schema.search_index") -> None:
    """Create the index if it is missing and wait until it is online (idempotent)."""
    with driver.session(database=database) as session:
        for statement in get_query(query_name).statements():
            session.run(statement).consume()


class IndexGuard:
    """Runs an index's idempotent creation (`schema.search_index` unless named) once per app and
    database rather than on every request."""

    def __init__(self, query_name: str = "schema.search_index") -> None:
        self.query_name = query_name
        self._done: set[str] = set()
        self._lock = threading.Lock()

    def ensure(self, driver: Driver, database: str) -> None:
        with self._lock:
            if database not in self._done:
                try:
                    ensure_index(driver, database, self.query_name)
                except Forbidden as e:
                    # A reader account may not create indexes; loads create them (schema).
                    log.warning("cannot create the index of %s: %s", self.query_name, e)
                self._done.add(database)


def kind_of(labels: list[str] | tuple[str, ...]) -> str:
    return next((k for k in KINDS if k in labels), "resource")


def search(
    driver: Driver,
    database: str,
    text: str,
    lang: str,
    guard: IndexGuard,
    limit: int = 50,
    max_chars: int = MAX_QUERY_CHARS,
    timeout_s: float = 5.0,
) -> list[Hit]:
    query_text = lucene_query(text, max_chars)
    if query_text is None:
        return []
    guard.ensure(driver, database)
    query = get_query("ld.search")
    try:
        records, _, _ = driver.execute_query(
            neo4j.Query(query.text, timeout=timeout_s),
            query.bind({"query": query_text, "limit": limit}),
            database_=database,
            routing_=neo4j.RoutingControl.READ,
        )
    except ClientError as e:
        if e.code in TIMED_OUT:
            raise ApiError(
                503,
                "time-budget",
                f"the search took longer than {timeout_s:g} s (setting search_timeout_s) "
                "and was stopped; try fewer or longer words",
            ) from e
        raise
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
