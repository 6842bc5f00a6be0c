"""Producing a load's next batch while the current one is validated and written.

Parsing and naming the blank nodes of a batch is Python work; validating the batch before it is
mostly waiting — on the gate's JVM, on Neo4j for the context — with the interpreter idle. A
thread that reads one batch ahead fills those waits. Every source kind's batches depend on the
file alone (a converted source reads its spooled statements), never on what the load did with
the batches before, so reading ahead changes no result: the items arrive in order, and an error
raised while producing one is raised where the loop asks for it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Iterable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")
_POLL_S = 0.1  # how often a producer with a full queue looks whether it was told to stop


class _End:
    pass


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class ReadAhead(Generic[T]):
    """Iterate `items` with the next `depth` of them produced in a background thread; use it
    as a context manager, so a loop left early stops the thread."""

    def __init__(self, items: Iterable[T], *, depth: int = 1, name: str = "read-ahead") -> None:
        self._items = items
        self._queue: queue.Queue[T | _End | _Failed] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name=name, daemon=True)
        self._done = False

    def __enter__(self) -> ReadAhead[T]:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        item = self._queue.get()
        if isinstance(item, _End):
            self._done = True
            raise StopIteration
        if isinstance(item, _Failed):
            self._done = True
            raise item.error
        return item

    def close(self) -> None:
        """Stop producing and wait for the thread (at most the item it is producing)."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # make room for a blocked producer
                self._queue.get(timeout=_POLL_S)
        self._done = True

    def _produce(self) -> None:
        items = iter(self._items)
        try:
            for item in items:
                if not self._put(item):
                    return
            self._put(_End())
        except BaseException as e:  # handed to the consumer, raised where it asks
            self._put(_Failed(e))
        finally:
            if isinstance(items, Generator):
                items.close()  # its open file, when the loop stopped early

    def _put(self, item: T | _End | _Failed) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False
