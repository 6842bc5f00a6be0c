"""Whole-graph dumps, streamed: the exporter writes in a thread into a bounded queue of chunks
that the response reads from, so memory stays flat whatever the size of the graph, and a client
that goes away stops the export."""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, cast

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.exporter import export
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.rdf_formats import RDF_SYNTAXES

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
QUEUE_CHUNKS = 16  # at most ~1 MiB in flight


@dataclass(frozen=True)
class Dump:
    suffix: str
    fmt: str  # exporter format name
    media_type: str


# A dump in every RDF format, named by its extension.
DUMPS: dict[str, Dump] = {
    s.suffix[1:]: Dump(s.suffix[1:], s.name, s.content_type) for s in RDF_SYNTAXES
}


class _ReaderGoneError(Exception):
    """The reader went away: end the export."""


class _Done:
    pass


_DONE = _Done()


class _QueueWriter(io.RawIOBase):
    def __init__(self, chunks: queue.Queue[bytes | BaseException | _Done], stop: threading.Event):
        self._chunks = chunks
        self._stop = stop
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._put(bytes(self._buffer[:CHUNK]))
            del self._buffer[:CHUNK]
        return len(data)

    def flush_all(self) -> None:
        if self._buffer:
            self._put(bytes(self._buffer))
            self._buffer.clear()

    def _put(self, item: bytes) -> None:
        # Wait for the reader, but notice when it has gone.
        while True:
            if self._stop.is_set():
                raise _ReaderGoneError
            try:
                self._chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_dump(
    driver: Driver, database: str, fmt: str, base_iri: str, extra: Sequence[ox.Triple] = ()
) -> Generator[bytes, None, None]:
    """The dump's bytes in chunks, `extra` (the dataset's description) after the graph. The
    first chunk is produced before this returns, so a database that cannot be read fails the
    request instead of cutting the body short."""
    chunks: queue.Queue[bytes | BaseException | _Done] = queue.Queue(maxsize=QUEUE_CHUNKS)
    stop = threading.Event()
    writer = _QueueWriter(chunks, stop)
    natural = natural_datatypes()

    def run() -> None:
        try:
            # A file-like sink is all export needs; it only ever calls write().
            sink = cast("BinaryIO", writer)
            count = export(
                driver,
                database,
                sink,
                fmt,
                base_iri,
                natural,
                public=True,
                by_source=True,
                extra=extra,
            )
            writer.flush_all()
            log.info("dump %s: %d statements", fmt, count)
            _put_final(chunks, _DONE, stop)
        except _ReaderGoneError:
            log.info("dump %s: client went away", fmt)
        except BaseException as e:  # handed to the reader, which raises or logs it
            _put_final(chunks, e, stop)

    thread = threading.Thread(target=run, name=f"dump-{fmt}", daemon=True)
    thread.start()
    first = chunks.get()
    if isinstance(first, BaseException):
        raise first
    return _rest(first, chunks, stop)


def _put_final(
    chunks: queue.Queue[bytes | BaseException | _Done], item: BaseException | _Done,
    stop: threading.Event,
) -> None:  # fmt: skip
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            continue


def _rest(
    first: bytes | _Done, chunks: queue.Queue[bytes | BaseException | _Done], stop: threading.Event
) -> Generator[bytes, None, None]:
    try:
        item: bytes | BaseException | _Done = first
        while not isinstance(item, _Done):
            if isinstance(item, BaseException):
                # Headers are sent: the server can only break the connection off, which tells
                # the client the body is incomplete.
                log.error("dump ended early: %s", item)
                raise item
            yield item
            item = chunks.get()
    finally:
        stop.set()
