"""rdflib's SPARQL engine, made to parse a query text once per process.

pyshacl hands rdflib the text of a SPARQL constraint once per focus node, and rdflib parses it
every time (0.1-0.8 s with pyparsing): a batch whose bad resources meet a SPARQL constraint (an
ill-typed date also reads as a future one) paid that per resource. The parsed and translated
query is kept by its text, base and prefixes and reused, as rdflib's own prepared queries are;
the answers are the same. Installed on first validation, never at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query


@lru_cache(maxsize=256)
def _translated(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return translateQuery(parseQuery(text), base, dict(namespaces))


def parse_sparql_once() -> None:
    """Route rdflib's SPARQL text queries through the cache of parsed queries (idempotent)."""
    if getattr(SPARQLProcessor.query, "_kennisgraaf_cached", False):
        return
    plain = SPARQLProcessor.query

    def query(
        self: SPARQLProcessor,
        strOrQuery: str | Query,  # noqa: N803 — rdflib's own parameter names
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        prepared = strOrQuery
        if isinstance(strOrQuery, str):
            names = tuple(sorted((k, str(v)) for k, v in (initNs or {}).items()))
            prepared = _translated(strOrQuery, base, names)
        return plain(self, prepared, initBindings, initNs, base, DEBUG)

    query._kennisgraaf_cached = True  # type: ignore[attr-defined]
    SPARQLProcessor.query = query  # type: ignore[method-assign]
