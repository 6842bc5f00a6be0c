"""The SPARQL endpoint's engine room: refusals, negotiation, the derived store and the query pool.

One query, start to end:
1. Refused before anything runs: text longer than `sparql_max_query_chars` (400
   `query-too-long`), SPARQL Update (400 `update-refused`; `LOAD` is an update), `SERVICE` (400
   `service-refused`), and nesting or chains beyond `sparql_max_nesting` /
   `sparql_max_operators` (400 `query-too-complex`), see `guard`.
2. `Accept` picks a results format (SELECT/ASK) and an RDF format (CONSTRUCT/DESCRIBE) (see
   `formats`); with neither acceptable the answer is 406 at once.
3. The derived store is brought up to Neo4j's version (`store`: from the completed imports'
   changes, or rebuilt) and leased; every API worker process of the machine shares it.
4. A pooled query process runs the query on it (`pool`, `worker`) within
   `sparql_timeout_s`; past that the process is killed and the answer is 503 `query-timeout`,
   naming the limit. A query that needs more than `sparql_memory_limit_mb` is stopped by the
   process's own address-space limit: 400 `query-too-costly` — it is the query's cost, the same
   on every try, not load. A query that crashes its process is 400 `query-crashed-engine`. Either
   way the process is replaced and the server goes on. When every process is busy and
   `sparql_queue_size` requests already wait (or none frees up within the time limit), the
   answer is 503 `busy` with Retry-After; a process killed from outside is 503 `engine-failed`
   with Retry-After.
5. At most `sparql_max_results` solutions (or triples) are returned; the response says whether
   that cut anything in the headers `Kennisgraaf-Results-Truncated` (`true`/`false`) and
   `Kennisgraaf-Results-Limit`.

`FROM`, `FROM NAMED` and the protocol's `default-graph-uri`/`named-graph-uri` only ever select
graphs of the local store (which holds the default graph): pyoxigraph fetches nothing for them,
so a remote IRI there simply names an empty graph.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from kennisgraaf.errors import ConfigurationError, Neo4jUnavailableError
from kennisgraaf.graph.naming import PREFIXES
from kennisgraaf.rdf_formats import BY_MEDIA_TYPE, RESULTS_BY_KEY
from kennisgraaf.settings import Settings
from kennisgraaf.sparql import formats
from kennisgraaf.sparql.guard import service_position, shape_excess, update_keyword
from kennisgraaf.sparql.pool import (
    PoolBusyError,
    QueryCrashedError,
    QueryMemoryError,
    QueryTimeoutError,
    WorkerFailedError,
    WorkerPool,
)
from kennisgraaf.sparql.refusals import RetryLaterError, SparqlError, refuse_update, too_long
from kennisgraaf.sparql.store import store_for

log = logging.getLogger(__name__)
TRUNCATED_HEADER = "Kennisgraaf-Results-Truncated"
LIMIT_HEADER = "Kennisgraaf-Results-Limit"
MIN_MEMORY_LIMIT_MB = 512


def default_pool_size() -> int:
    return min(4, max(2, os.cpu_count() or 2))


@dataclass(frozen=True)
class SparqlAnswer:
    body: bytes
    media_type: str
    count: int
    truncated: bool


class SparqlService:
    def __init__(self, settings: Settings, driver: Driver, pool_size: int | None = None) -> None:
        if 0 < settings.sparql_memory_limit_mb < MIN_MEMORY_LIMIT_MB:
            # Opening a store (RocksDB's threads) needs ~0.3 GiB of address space already.
            raise ConfigurationError(
                f"sparql_memory_limit_mb is {settings.sparql_memory_limit_mb}: a query process "
                f"needs at least {MIN_MEMORY_LIMIT_MB} (or 0 for no limit)"
            )
        self.settings = settings
        self.store = store_for(settings, driver)
        prefixes = {**PREFIXES, "kg": settings.base_iri + "def#", "id": settings.base_iri + "id/"}
        self.pool = WorkerPool(
            pool_size or settings.sparql_pool_size or default_pool_size(),
            prefixes,
            memory_limit_bytes=settings.sparql_memory_limit_mb * 1024 * 1024,
            queue_size=settings.sparql_queue_size,
        )

    def execute(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> SparqlAnswer:
        """The answer to `query` in the format `accept` prefers; SparqlError when refused."""
        refusal = refusal_before_running(query, self.settings)
        if refusal is not None:
            raise refusal
        results, graph = formats.choose(accept)
        if results is None and graph is None:
            raise formats.not_acceptable(None)
        try:
            with self.pool.admission(), self.store.lease() as generation:
                request = {
                    "store": str(generation.path),
                    "query": query,
                    "default_graphs": default_graphs or [],
                    "named_graphs": named_graphs or [],
                    "results_format": results.key if results else None,
                    "graph_format": graph.media_type if graph else None,
                    "max_results": self.settings.sparql_max_results,
                }
                meta, body = self.pool.run_admitted(request, self.settings.sparql_timeout_s)
        except (DriverError, Neo4jError) as e:
            raise Neo4jUnavailableError(f"cannot read the graph's version: {e}") from e
        except (QueryTimeoutError, QueryMemoryError, QueryCrashedError, PoolBusyError,
                WorkerFailedError) as e:  # fmt: skip
            raise refusal_for(e, self.settings) from e
        return _answer(meta, body)

    def close(self) -> None:
        self.pool.close()
        self.store.close()


def refusal_before_running(query: str, s: Settings) -> SparqlError | None:
    """Why `query` is refused before it reaches a query process (see `guard`), or None."""
    if len(query) > s.sparql_max_query_chars:
        return too_long(len(query), s.sparql_max_query_chars)
    keyword = update_keyword(query)
    if keyword:
        return refuse_update(keyword)
    where = service_position(query)
    if where:
        return SparqlError(
            400, "service-refused",
            f"SERVICE (line {where[0]}, column {where[1]}) is refused: this endpoint "
            "never fetches anything from elsewhere",
        )  # fmt: skip
    excess = shape_excess(query, s.sparql_max_nesting, s.sparql_max_operators)
    if excess:
        what = (
            f"nests {{ ( [ deeper than {excess.limit} levels (sparql_max_nesting)"
            if excess.what == "nesting" else
            f"has more than {excess.limit} operators, separators and opening brackets "
            "(sparql_max_operators)"
        )  # fmt: skip
        return SparqlError(
            400, "query-too-complex",
            f"the query {what}; the limit is passed at line {excess.line}, column "
            f"{excess.column}",
        )  # fmt: skip
    return None


def refusal_for(e: Exception, s: Settings) -> SparqlError:
    """The answer to a query the pool could not run to its end (`e` is one of the pool's
    errors): the query's own cost is 400, a stopped or busy engine 503."""
    timeout = s.sparql_timeout_s
    if isinstance(e, PoolBusyError):
        why = (
            f"{s.sparql_queue_size} requests already wait for a query process"
            if e.queue_full else f"no query process became free within {timeout:g} s"
        )  # fmt: skip
        return RetryLaterError("busy", f"{why}; try again later", timeout)
    if isinstance(e, QueryTimeoutError):
        status, kind = 503, "query-timeout"
        message = (
            f"the query ran longer than the time limit of {timeout:g} s (sparql_timeout_s) "
            "and was stopped"
        )
    elif isinstance(e, QueryMemoryError):
        status, kind = 400, "query-too-costly"
        message = (
            f"the query needed more memory than a query may use ({s.sparql_memory_limit_mb} "
            "MiB, sparql_memory_limit_mb) and was stopped; bound it (fewer unconnected "
            "patterns, LIMIT inside subqueries, no aggregate over a cartesian product)"
        )
    elif isinstance(e, QueryCrashedError):
        status, kind = 400, "query-crashed-engine"
        message = (
            f"the query crashed the query process ({e.signal_name}), most likely by its "
            "nesting or length; the process was replaced"
        )
    else:
        return RetryLaterError(
            "engine-failed", f"the query engine failed: {e}; it was replaced, try again", 1
        )
    return SparqlError(status, kind, message)


def _answer(meta: dict[str, Any], body: bytes) -> SparqlAnswer:
    error = meta.get("error")
    if error is None:
        fmt = str(meta["format"])
        syntax = BY_MEDIA_TYPE[fmt] if meta["kind"] == "graph" else RESULTS_BY_KEY[fmt]
        return SparqlAnswer(body, syntax.content_type, int(str(meta["count"])),
                            bool(meta["truncated"]))  # fmt: skip
    message = str(meta.get("message", ""))
    if error == "syntax":
        raise SparqlError(400, "syntax-error", f"the query is not valid SPARQL 1.1: {message}")
    if error == "not-acceptable":
        raise formats.not_acceptable(str(meta.get("kind")))
    if error in {"evaluation", "bad-graph-iri"}:
        raise SparqlError(400, "query-failed", f"the query could not be evaluated: {message}")
    log.error("SPARQL query process: %s: %s", error, message)
    raise SparqlError(500, "internal", f"the query engine failed: {message}")
