"""The SPARQL store: an on-disk pyoxigraph store derived from Neo4j, rebuilt when the graph changes.

Neo4j is the single source of truth; this store is a disposable, read-only projection of it.

Derivation: `graph.exporter.iter_triples` streams the whole graph's public statements (the
exact inverse of the load mapping, restricted personal data left out: /sparql is public) into a
fresh RocksDB-backed pyoxigraph store in its own directory. The writer is closed
before any query process opens the directory, read-only.

Versioning: the graph's version is the list of current imports with the moment each finished
(`queries/sparql/graph_version.cypher`, one cheap query per request; concurrent requests share
one read that began after they arrived). Every completed load changes it, so the first SPARQL
request after an import rebuilds the store and every later request sees the new data. Only one
rebuild runs at a time; requests that arrive meanwhile wait for it rather than read a store that
the import has already made stale. The version is read *before* the build, so
writes that land during a build change the version again and cause one more rebuild.

Generations: each build gets a new directory. A directory is removed once it is no longer current
and no request holds a lease on it; query processes reopen the current directory on their next
request.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from neo4j import Driver

from kennisgraaf.graph.exporter import iter_triples
from kennisgraaf.graph.local_engine import pid_alive
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)


def graph_version(driver: Driver, database: str) -> str:
    """A short digest of the current imports; changes with every completed load."""
    # A plain auto-commit read: a quarter of `execute_query`'s cost, and it runs on every request.
    # Default access mode, so in a cluster it goes to the leader, which has every import.
    with driver.session(database=database) as session:
        record = session.run(get_query("sparql.graph_version").text).single()
    entries = record["imports"] if record else []
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Generation:
    version: str
    path: Path
    triples: int
    build_seconds: float


class DerivedStore:
    """Builds store generations under `root` (a private directory per instance) and hands out
    leases on the current one."""

    def __init__(self, parent: Path, driver: Driver, database: str, base_iri: str) -> None:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(parent)
        self.root = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
        self.driver = driver
        self.database = database
        self.base_iri = base_iri
        self.current: Generation | None = None
        self._build_lock = threading.Lock()
        self._state = threading.Lock()
        self._leases: dict[Path, int] = {}
        self._building: Path | None = None
        self._checks = threading.Condition()
        self._checking: float | None = None  # start of the version read in flight
        self._checked: tuple[float, str] | None = None  # start and result of the last one
        self._builds = 0

    def version(self) -> str:
        """Neo4j's graph version as of a read that began after this call did.

        Concurrent callers share one read (single flight): a read already running when a caller
        arrives began too early for it, so the caller waits for the next one, which it shares
        with everyone else who arrived meanwhile.
        """
        arrived = time.monotonic()
        with self._checks:
            while True:
                if self._checked is not None and self._checked[0] >= arrived:
                    return self._checked[1]
                if self._checking is None:
                    break
                self._checks.wait()
            started = self._checking = time.monotonic()
        result: tuple[float, str] | None = None
        try:
            result = (started, graph_version(self.driver, self.database))
            return result[1]
        finally:
            with self._checks:
                self._checking = None
                if result is not None:
                    self._checked = result
                self._checks.notify_all()

    @contextmanager
    def lease(self) -> Iterator[Generation]:
        """The generation matching Neo4j now (built first if needed), kept on disk while held."""
        version = self.version()
        generation = self._ensure(version)
        with self._state:
            self._leases[generation.path] = self._leases.get(generation.path, 0) + 1
        try:
            yield generation
        finally:
            with self._state:
                self._leases[generation.path] -= 1
            self._collect()

    def _ensure(self, version: str) -> Generation:
        current = self.current
        if current is not None and current.version == version:
            return current
        with self._build_lock:
            # Whoever waited on the lock finds the build the first caller made.
            current = self.current
            if current is not None and current.version == version:
                return current
            generation = self._build(version)
            self.current = generation
        self._collect()
        return generation

    def _build(self, version: str) -> Generation:
        self._builds += 1
        path = self.root / f"g{self._builds}-{version}"
        with self._state:
            self._building = path
        started = time.perf_counter()
        count = 0
        store = ox.Store(str(path))
        try:

            def quads() -> Iterator[ox.Quad]:
                nonlocal count
                natural = natural_datatypes()
                for t in iter_triples(
                    self.driver, self.database, self.base_iri, natural, public=True
                ):
                    count += 1
                    yield ox.Quad(t.subject, t.predicate, t.object)

            store.bulk_extend(quads())
            store.flush()
        finally:
            # Closing the writer (dropping its last reference) before any reader opens the path.
            del store
            with self._state:
                self._building = None
        seconds = time.perf_counter() - started
        log.info("SPARQL store %s built: %d triples in %.2f s", path.name, count, seconds)
        return Generation(version, path, count, seconds)

    def _collect(self) -> None:
        """Remove generations that are neither current nor leased."""
        with self._state:
            keep = {self.current.path if self.current else None, self._building}
            idle = [p for p, n in self._leases.items() if n == 0 and p not in keep]
            for p in idle:
                del self._leases[p]
            stale = [
                p
                for p in self.root.iterdir()
                if p not in keep and self._leases.get(p, 0) == 0 and p.name.startswith("g")
            ]
        for p in stale:
            shutil.rmtree(p, ignore_errors=True)

    def close(self) -> None:
        with self._build_lock:
            self.current = None
            shutil.rmtree(self.root, ignore_errors=True)


def _remove_orphans(parent: Path) -> None:
    """Directories left by processes that died without closing their store."""
    for entry in parent.iterdir():
        pid, _, _ = entry.name.partition("-")
        if entry.is_dir() and pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
