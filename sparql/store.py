"""The SPARQL store: a pyoxigraph projection of Neo4j's public statements, kept on disk, shared by
every API worker process of a machine and updated from each import's changes.

Neo4j is the single source of truth; the projection is derived from it and can always be rebuilt.

Versioning: the graph's version is the list of current imports with the moment each finished
(`queries/sparql/graph_version.cypher`, one cheap read per request; concurrent requests of a
process share one read that began after they arrived). Every completed load changes it. A request
that finds the projection behind brings it up to date before it queries; requests that arrive
meanwhile wait for that rather than read a store the import has already made stale.

Updating: the resources the completed imports recorded as changed (sparql/change_sets.py) are
derived again and their statements replaced (sparql/projection.py); what the records cannot
explain (a wipe, an erasure, a load without records, a change touching much of the graph) is
rebuilt from the whole graph instead. `kennisgraaf sparql rebuild` rebuilds on demand and
`kennisgraaf sparql verify` checks the projection equals a rebuild.

Layout of `<parent>/projection`, shared by the processes that use the same directory:
- `update.lock`: an fcntl lock, held while the projection is brought up to date, so one process
  updates and the others wait for its result instead of building their own (the kernel frees it
  when its holder dies);
- `primary/`: the read-write store the updater changes, opened only under the lock;
- `g<n>-<version>/`: generations, hard-linked copies (RocksDB backups) of the primary, which the
  query processes open read-only; a generation is never changed once made;
- `state.json`: the current generation, the version and the imports it reflects, and the
  generations retired with when; a retired one is removed once no query can still be reading it
  (`grace_s`, beyond the query time limit).
A projection kept from an earlier run is used again when it matches the graph (the same Neo4j,
database and base IRI): a restart does not rebuild.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from neo4j import Bookmarks, Driver
from neo4j.exceptions import DriverError, Neo4jError

from kennisgraaf.graph.connection import read_session
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from kennisgraaf.sparql.change_sets import change_set
from kennisgraaf.sparql.projection import Counts, Deriver

log = logging.getLogger(__name__)
REBUILD = "rebuild"
INCREMENTAL = "incremental"
# Re-deriving more resources than a tenth of the statements costs about what a rebuild does.
REBUILD_SHARE = 10
JOURNAL_KEEP_HOURS = 24
PRUNE_EVERY_S = 600.0


@dataclass(frozen=True)
class GraphVersion:
    digest: str
    entries: list[str]
    bookmarks: Bookmarks | None = None


def read_version(driver: Driver, database: str) -> GraphVersion:
    """The current imports (a reading member, after what this process wrote) and their digest."""
    with read_session(driver, database) as session:
        record = session.run(get_query("sparql.graph_version").text).single()
        bookmarks = session.last_bookmarks()
    entries = [str(e) for e in record["imports"]] if record else []
    return GraphVersion(_digest(entries), entries, bookmarks)


def graph_version(driver: Driver, database: str) -> str:
    """A short digest of the current imports; changes with every completed load."""
    return read_version(driver, database).digest


def _digest(entries: list[str]) -> str:
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Generation:
    version: str
    path: Path
    triples: int
    build_seconds: float
    kind: str = REBUILD  # how it was made: rebuilt, or updated from the imports' changes
    changed: int = 0  # triples removed and added by an incremental update
    counts: dict[str, Any] | None = None  # the dataset's counts (projection.Counts)


@dataclass
class State:
    """What `state.json` records."""

    identity: str
    version: str
    entries: list[str]
    generation: str
    number: int
    triples: int
    kind: str
    seconds: float
    changed: int = 0
    retired: dict[str, float] = field(default_factory=dict)  # generation → when retired
    counts: dict[str, Any] | None = None  # the dataset's counts (projection.Counts)


class DerivedStore:
    """The projection under `parent/projection`: leases on its current generation, brought up to
    date first when the graph has moved on."""

    def __init__(
        self,
        parent: Path,
        driver: Driver,
        database: str,
        base_iri: str,
        *,
        identity: str | None = None,
        grace_s: float = 120.0,
    ) -> None:
        self.root = parent / "projection"
        self.root.mkdir(parents=True, exist_ok=True)
        self.driver, self.database, self.base_iri = driver, database, base_iri
        self.identity = identity or f"{database} {base_iri}"
        self.grace_s = grace_s
        self.current: Generation | None = None
        self.updates = 0  # updates this process made (rebuilds and incremental)
        self.laps: dict[str, float] = {}  # how long each step of the last update took
        self._update_lock = threading.Lock()
        self._checks = threading.Condition()
        self._checking: float | None = None  # start of the version read in flight
        self._checked: tuple[float, GraphVersion] | None = None  # start and result of the last
        self._state_seen: tuple[int, int] | None = None
        self._state: State | None = None
        self._pruned_at = time.monotonic()
        self._journal_index()

    def _journal_index(self) -> None:
        try:
            self.driver.execute_query(
                get_query("projection.journal_index").text, database_=self.database
            )
        except (DriverError, Neo4jError) as e:  # a read-only user: records are found slower
            log.warning("index of the import change records not created: %s", e)

    # -- the graph's version ---------------------------------------------------------------
    def version(self) -> GraphVersion:
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
        result: tuple[float, GraphVersion] | None = None
        try:
            result = (started, read_version(self.driver, self.database))
            return result[1]
        finally:
            with self._checks:
                self._checking = None
                if result is not None:
                    self._checked = result
                self._checks.notify_all()

    # -- leases ------------------------------------------------------------------------------
    @contextmanager
    def lease(self) -> Iterator[Generation]:
        """The generation matching Neo4j now (brought up to date first if needed)."""
        yield self.up_to(self.version())

    def up_to(self, version: GraphVersion) -> Generation:
        state = self._read_state()
        if self._serves(state, version):
            assert state is not None
            return self._generation(state)
        with self._update_lock, self._file_lock():
            # Whoever waited for the lock finds the update the holder made.
            state = self._read_state()
            if self._serves(state, version):
                assert state is not None
                return self._generation(state)
            return self._generation(self._update(state, version))

    def built(self) -> bool:
        """Whether a projection of this graph is kept (an update, not a build, brings it up)."""
        state = self._read_state()
        return state is not None and state.identity == self.identity

    def _serves(self, state: State | None, version: GraphVersion) -> bool:
        return (
            state is not None
            and state.identity == self.identity
            and state.version == version.digest
            and (self.root / state.generation).is_dir()
        )

    def _generation(self, state: State) -> Generation:
        current = self.current
        path = self.root / state.generation
        if current is None or current.path != path:
            current = self.current = Generation(
                state.version, path, state.triples, state.seconds, state.kind, state.changed,
                state.counts,
            )  # fmt: skip
        return current

    # -- updating (under the lock) ---------------------------------------------------------------
    def _update(self, state: State | None, version: GraphVersion, force: bool = False) -> State:
        started = time.perf_counter()
        self.laps = {}
        primary = self.root / "primary"
        dirty = self.root / "primary.dirty"  # an update of the primary began and did not end
        changes = None
        usable = state is not None and state.identity == self.identity and primary.exists()
        if not force and usable and not dirty.exists():
            assert state is not None
            changes = change_set(
                self.driver, self.database, state.entries, version.entries, version.bookmarks
            )
            self._lap("changes", started)
            if changes is not None and len(changes.iris) * REBUILD_SHARE > max(
                state.triples, 10_000
            ):
                log.info("SPARQL projection: %d resources changed, rebuilding", len(changes.iris))
                changes = None
        number = (state.number if state else 0) + 1
        name = f"g{number}-{version.digest}"
        shutil.rmtree(self.root / name, ignore_errors=True)
        deriver = Deriver(self.driver, self.database, self.base_iri)
        counts = Counts(deriver.genid)
        if changes is None:
            kind, changed = REBUILD, 0
            triples = self._rebuild(deriver, version, name, counts)
        else:
            assert state is not None
            kind = INCREMENTAL
            dirty.touch()
            store = ox.Store(str(primary))
            try:
                if state.counts is not None:
                    counts = Counts.from_json(deriver.genid, state.counts)
                else:  # kept from before the counts were
                    counts = Counts.of_store(deriver.genid, store)
                self._lap("open", started)
                removed, added = deriver.apply(store, changes.iris, version.bookmarks, counts)
                self._lap("derive", started)
                store.flush()
                store.backup(str(self.root / name))
            finally:
                del store
            self._lap("store", started)
            dirty.unlink()
            changed, triples = removed + added, state.triples - removed + added
        seconds = time.perf_counter() - started
        retired = dict(state.retired) if state else {}
        if state is not None:
            retired[state.generation] = time.time()
        new = State(
            self.identity, version.digest, version.entries, name, number, triples, kind,
            seconds, changed, retired, counts.as_json(),
        )  # fmt: skip
        self._collect(new)
        self._write_state(new)
        self.updates += 1
        log.info(
            "SPARQL projection %s (%s): %d triples, %d changed, in %.2f s",
            name, kind, triples, changed, seconds,
        )  # fmt: skip
        self._prune_soon()
        return new

    def _lap(self, step: str, started: float) -> None:
        """Record the time of an update's step (the time since `started` less earlier steps)."""
        self.laps[step] = time.perf_counter() - started - sum(self.laps.values())

    def _rebuild(self, deriver: Deriver, version: GraphVersion, name: str, counts: Counts) -> int:
        fresh = self.root / "primary.new"
        shutil.rmtree(fresh, ignore_errors=True)
        count = 0

        def quads() -> Iterator[ox.Quad]:
            nonlocal count
            for t in deriver.counting(deriver.everything(version.bookmarks), counts):
                count += 1
                yield ox.Quad(t.subject, t.predicate, t.object)

        store = ox.Store(str(fresh))
        try:
            store.bulk_extend(quads())
            store.flush()
            store.backup(str(self.root / name))
        finally:
            del store  # closed before anything else opens it
        primary = self.root / "primary"
        shutil.rmtree(primary, ignore_errors=True)
        fresh.rename(primary)
        (self.root / "primary.dirty").unlink(missing_ok=True)
        return count

    def rebuild(self) -> Generation:
        """Rebuild the projection from the whole graph now (the repair command)."""
        with self._update_lock, self._file_lock():
            return self._generation(self._update(self._read_state(), self.version(), force=True))

    def _collect(self, state: State) -> None:
        """Remove generations retired longer ago than any query can run, and leftovers."""
        now = time.time()
        keep = {state.generation, "primary"}
        for entry in self.root.iterdir():
            if not entry.is_dir() or entry.name in keep:
                continue
            at = state.retired.get(entry.name)
            if at is None or now - at > self.grace_s:
                shutil.rmtree(entry, ignore_errors=True)
                state.retired.pop(entry.name, None)

    def _prune_soon(self) -> None:
        """Prune the change records now and then (every `PRUNE_EVERY_S`), not at every update:
        the request that waits for the update pays for it only that once."""
        now = time.monotonic()
        if now - self._pruned_at < PRUNE_EVERY_S:
            return
        self._pruned_at = now
        self._prune_journal()

    def _prune_journal(self) -> None:
        try:
            self.driver.execute_query(
                get_query("projection.prune_changes").text,
                keep_hours=JOURNAL_KEEP_HOURS,
                database_=self.database,
            )
        except (DriverError, Neo4jError) as e:
            log.warning("import change records not pruned: %s", e)

    # -- state and lock files ------------------------------------------------------------------
    def _read_state(self) -> State | None:
        path = self.root / "state.json"
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._state, self._state_seen = None, None
            return None
        seen = (stat.st_mtime_ns, stat.st_ino)
        if seen != self._state_seen:
            try:
                data: dict[str, Any] = json.loads(path.read_text())
                self._state = State(**data)
            except (OSError, ValueError, TypeError) as e:
                log.warning("SPARQL projection state %s unreadable (%s): rebuilding", path, e)
                self._state = None
            self._state_seen = seen
        return self._state

    def _write_state(self, state: State) -> None:
        path = self.root / "state.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(state)))
        tmp.replace(path)

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        with (self.root / "update.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes or its holder dies
            yield

    def close(self) -> None:
        """Nothing to remove: the projection stays for the next start and the other workers."""
        self.current = None


def store_for(settings: Settings, driver: Driver) -> DerivedStore:
    """The projection of the configured graph under the data directory, shared by every process
    that uses it; a retired generation stays while a query may still read it."""
    return DerivedStore(
        settings.data_dir / "sparql",
        driver,
        settings.neo4j_database,
        settings.base_iri,
        identity=f"{settings.bolt_uri} {settings.neo4j_database} {settings.base_iri}",
        grace_s=max(60.0, 2 * settings.sparql_timeout_s + 30.0),
    )
