"""One write in flight at a time, committed in order, failures reported with their own batch."""

from __future__ import annotations

import threading
from functools import partial

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kennisgraaf.graph.writer import WriteCounts
from kennisgraaf.loaders.background_writes import BackgroundWrites

EX = "http://example.org/"


class WriteFailedError(Exception):
    pass


def test_writes_run_one_at_a_time_in_order() -> None:
    done: list[int] = []
    running = threading.Semaphore(1)

    def write(n: int) -> WriteCounts:
        assert running.acquire(blocking=False), "two writes ran at once"
        try:
            return WriteCounts(nodes_created=n)
        finally:
            running.release()

    with BackgroundWrites(lambda i, c: done.append(c.nodes_created), lambda i, e: e) as writes:
        for n in range(5):
            writes.submit(n, partial(write, n), [])
        writes.wait()
    assert done == [0, 1, 2, 3, 4]


def test_a_failed_write_is_reported_with_its_batch_and_stops_the_next() -> None:
    started: list[int] = []

    def write(n: int) -> WriteCounts:
        started.append(n)
        if n == 1:
            raise WriteFailedError("boom")
        return WriteCounts()

    def failed(batch: int, e: Exception) -> Exception:
        return RuntimeError(f"batch {batch}: {e}")

    with BackgroundWrites(lambda i, c: None, failed) as writes:
        writes.submit(0, lambda: write(0), [])
        writes.submit(1, lambda: write(1), [])
        with pytest.raises(RuntimeError, match="batch 1: boom"):
            writes.submit(2, lambda: write(2), [])
    assert started == [0, 1]


def test_context_is_the_batch_in_flight_two_links_outwards() -> None:
    gate = threading.Event()

    def slow() -> WriteCounts:
        gate.wait(5)
        return WriteCounts()

    kept: list[tuple[str, str, str | ox.Literal]] = [
        (EX + "study", EX + "addresses", EX + "question"),
        (EX + "question", EX + "askedIn", EX + "school"),
        (EX + "school", EX + "name", ox.Literal("De Linde", language="nl")),
        (EX + "school", EX + "partOf", EX + "board"),
        (EX + "board", EX + "name", ox.Literal("Bestuur")),
        (EX + "elsewhere", EX + "name", ox.Literal("not reached")),
    ]
    with BackgroundWrites(lambda i, c: None, lambda i, e: e) as writes:
        assert len(writes.context([EX + "question"])) == 0  # nothing in flight
        writes.submit(0, slow, kept)
        context = writes.context([EX + "question"])
        gate.set()
        writes.wait()
        assert len(writes.context([EX + "question"])) == 0  # committed: Neo4j has it now
    subjects = {str(s) for s in context.subjects()}
    assert subjects == {EX + "question", EX + "school", EX + "board"}
    assert (URIRef(EX + "school"), URIRef(EX + "name"), Literal("De Linde", lang="nl")) in context
