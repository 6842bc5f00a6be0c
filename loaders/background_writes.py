"""Writing one batch while the next is validated.

Validation is Python work; a write is mostly Neo4j work, with the client waiting on a socket. So a
load hands each batch's write to one background thread and goes on validating the next batch;
before handing over another it waits for the one in flight, so batches still commit in order, one
at a time, and a failed write stops the load before anything after it is written.

The batch in flight is not yet visible in Neo4j, yet the next batch may point into it (a study
whose question was in the batch before). Its statements are therefore kept in a small in-memory
store and given to the gate as context, read the way the graph is read: each resource of the
new batch and what it links to, two links outwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph

from kennisgraaf.graph.mapping import Triple
from kennisgraaf.graph.writer import WriteCounts
from kennisgraaf.loaders.local_context import as_quads, outward_context

Write = Callable[[], WriteCounts]
Done = Callable[[int, WriteCounts], None]  # batch index, what its write did
Failed = Callable[[int, Exception], Exception]  # batch index, error → the error to raise


@dataclass
class _InFlight:
    index: int
    future: Future[WriteCounts]
    store: ox.Store


class BackgroundWrites:
    """At most one batch written at a time, in a background thread, in the order submitted."""

    def __init__(self, on_done: Done, on_failure: Failed) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kennisgraaf-write")
        self._on_done = on_done
        self._on_failure = on_failure
        self._in_flight: _InFlight | None = None

    def __enter__(self) -> BackgroundWrites:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # On an error elsewhere, a write under way still finishes (it is one transaction).
        self._pool.shutdown(wait=True)

    def submit(
        self,
        index: int,
        write: Write,
        kept: Iterable[Triple],
        kept_ntriples: bytes | None = None,
    ) -> None:
        """Wait for the write in flight (raising its error), then start this one.
        `kept_ntriples`: `kept` as N-Triples already, when the gate wrote them so."""
        self.wait()
        store = ox.Store()
        if kept_ntriples is None:
            store.bulk_extend(as_quads(kept))
        else:
            store.bulk_load(kept_ntriples, format=ox.RdfFormat.N_TRIPLES)
        self._in_flight = _InFlight(index, self._pool.submit(write), store)

    def wait(self) -> None:
        flight, self._in_flight = self._in_flight, None
        if flight is None:
            return
        try:
            counts = flight.future.result()
        except Exception as e:
            raise self._on_failure(flight.index, e) from e
        self._on_done(flight.index, counts)

    def context(self, iris: Iterable[str]) -> Graph:
        """What the batch in flight says around `iris`, two links outwards."""
        if self._in_flight is None:
            return Graph()
        return outward_context(self._in_flight.store, iris)
