"""Reading a load's batches one ahead in a thread (loaders/read_ahead.py): the same items in the
same order, an error where the loop asks for the item that failed, and a loop left early stops
the thread and closes the source."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kennisgraaf.errors import InputError
from kennisgraaf.loaders.read_ahead import ReadAhead


def test_items_arrive_in_order_and_end() -> None:
    with ReadAhead(iter(range(1000)), depth=2) as ahead:
        assert list(ahead) == list(range(1000))
        assert list(ahead) == []  # exhausted stays exhausted


def test_nothing_to_read() -> None:
    empty: list[int] = []
    with ReadAhead(iter(empty)) as ahead:
        assert list(ahead) == []


def test_an_error_is_raised_after_the_items_before_it() -> None:
    def source() -> Iterator[int]:
        yield 1
        yield 2
        raise InputError("data.nt:3: not valid RDF")

    got = []
    with ReadAhead(source()) as ahead, pytest.raises(InputError, match=r"data\.nt:3"):
        for item in ahead:
            got.append(item)
    assert got == [1, 2]


def test_the_producer_runs_in_another_thread_at_most_depth_ahead() -> None:
    produced: list[int] = []
    threads: set[str] = set()
    resume = threading.Event()

    def source() -> Iterator[int]:
        for i in range(10):
            threads.add(threading.current_thread().name)
            produced.append(i)
            yield i

    with ReadAhead(source(), depth=1, name="test-read") as ahead:
        assert next(ahead) == 0
        resume.wait(0.5)  # give the producer time to run ahead as far as it may
        # one item handed over, one waiting in the queue, one produced and waiting to be put
        assert len(produced) <= 3
        assert list(ahead) == list(range(1, 10))
    assert threads == {"test-read"}


def test_leaving_early_stops_the_thread_and_closes_the_source() -> None:
    closed = threading.Event()

    def source() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    ahead = ReadAhead(source())
    with ahead:
        for item in ahead:
            if item == 3:
                break
    assert closed.wait(2)
    assert not ahead._thread.is_alive()
    assert list(ahead) == []
