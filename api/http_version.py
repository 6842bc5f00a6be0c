"""The graph's version, for HTTP validators: a tag that changes whenever the graph does, and the
moment it last changed (`queries/http/graph_version.cypher`).

Read at most once a `ttl_s` per process (concurrent requests share the read), so a busy server
asks Neo4j about once a second whatever its load; a change shows in ETags at most that late."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kennisgraaf.queries.runner import read

TTL_S = 1.0


@dataclass(frozen=True)
class GraphVersion:
    tag: str  # a short digest: equal tags, equal graphs
    modified: dt.datetime  # UTC, whole seconds (what an HTTP date holds)


def _native(value: Any) -> dt.datetime | None:
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    return native if isinstance(native, dt.datetime) else None


def _whole_seconds(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)


class GraphVersions:
    """The current version of one database's graph, cached for `ttl_s` seconds."""

    def __init__(self, ttl_s: float = TTL_S) -> None:
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._cached: tuple[float, GraphVersion] | None = None
        self._failed_at: float | None = None
        # When this process first saw each tag: the change time of a graph no import explains.
        self._first_seen: dict[str, dt.datetime] = {}

    def fresh(self) -> GraphVersion | None:
        """The cached version while it is young enough; None when it must be read."""
        cached = self._cached
        if cached is not None and time.monotonic() - cached[0] < self.ttl_s:
            return cached[1]
        return None

    def recently_failed(self) -> bool:
        """Whether the last read failed less than `ttl_s` ago: a database that is down is not
        asked again on every request (the routes answer for it)."""
        failed = self._failed_at
        return failed is not None and time.monotonic() - failed < self.ttl_s

    def current(self, driver: Driver, database: str) -> GraphVersion:
        """The version now (blocking: call from a worker thread)."""
        with self._lock:  # one read at a time; those waiting take its result
            found = self.fresh()
            if found is not None:
                return found
            started = time.monotonic()
            try:
                version = self._read(driver, database)
            except Exception:
                self._failed_at = time.monotonic()
                raise
            self._failed_at = None
            self._cached = (started, version)
            return version

    def _read(self, driver: Driver, database: str) -> GraphVersion:
        row = read(driver, database, "http.graph_version")[0]
        text = "\n".join([*row["imports"], str(row["nodes"]), str(row["relationships"])])
        tag = hashlib.sha256(text.encode()).hexdigest()[:20]
        seen = self._first_seen.setdefault(tag, _whole_seconds(dt.datetime.now(dt.UTC)))
        if len(self._first_seen) > 64:  # old tags are never asked about again
            self._first_seen = {tag: seen}
        finished = _native(row["modified"])
        # The latest finished import; when no finished import explains the graph (none at all,
        # or one that committed batches without finishing), when this process first saw it.
        if finished is None or any(_unfinished(entry) for entry in row["imports"]):
            return GraphVersion(tag, seen)
        return GraphVersion(tag, _whole_seconds(finished))


def _unfinished(entry: str) -> bool:
    """An import ('id status batches finishedAt') whose committed batches are visible unfinished."""
    _, status, batches, _ = entry.rsplit(" ", 3)
    return status in ("running", "interrupted") and batches != "0"
