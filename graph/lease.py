"""One writer per database: a lease held in Neo4j itself.

Relationship creation and the per-source provenance of nodes assume one writer, so a load
(from the CLI, the API or another machine) first takes the database's writer lease: a
`WriterLease` node with its owner (host, process id, a random part), what it loads, when it
started and when it expires. The lease is renewed by a heartbeat thread while the load runs and
deleted when it ends, also on error; a holder that dies stops renewing and the lease expires, so
the next load takes it over. Expiry is judged by the database's clock, the same for every machine.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from kennisgraaf.errors import LoadBusyError
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)
Waiting = Callable[[str], None]  # told who holds the lease, each time that changes


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Holder:
    owner: str
    what: str
    started: str
    expires: str

    def describe(self) -> str:
        return f"{self.what} (held by {self.owner} since {self.started}, expires {self.expires})"


class WriterLease:
    """`with WriterLease(...)`: wait for the lease (up to `wait_s`), hold it, give it up."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        what: str,
        *,
        duration_s: float = 30.0,
        wait_s: float = 600.0,
        poll_s: float | None = None,
        on_wait: Waiting | None = None,
    ) -> None:
        if duration_s <= 0:
            raise ValueError("a lease lasts a positive time")
        self.driver, self.database, self.what = driver, database, what
        self.owner = owner_id()
        self.duration_s, self.wait_s = duration_s, wait_s
        self.poll_s = poll_s if poll_s is not None else min(1.0, duration_s / 3)
        self.on_wait = on_wait
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def lost(self) -> bool:
        """The heartbeat could not renew the lease in time: another load may hold it now."""
        return self._lost.is_set()

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait_s
        last: str | None = None
        while True:
            holder = self._try()
            if holder is None:
                break
            if holder.owner != last:
                last = holder.owner
                message = f"waiting for the running load to finish: {holder.describe()}"
                log.warning(message)
                if self.on_wait is not None:
                    self.on_wait(message)
            if time.monotonic() >= deadline:
                raise LoadBusyError(
                    f"another load holds the database's writer lease: {holder.describe()}; "
                    f"waited {self.wait_s:g} s — try again when it has finished"
                )
            time.sleep(max(0.01, min(self.poll_s, deadline - time.monotonic())))
        self._heartbeat = threading.Thread(
            target=self._renew_until_stopped, name="kennisgraaf-lease", daemon=True
        )
        self._heartbeat.start()

    def _try(self) -> Holder | None:
        """None when the lease is ours now; else who holds it."""
        records, _, _ = self.driver.execute_query(
            get_query("load.lease_acquire").text,
            owner=self.owner,
            what=self.what,
            ms=int(self.duration_s * 1000),
            database_=self.database,
        )
        r = records[0]
        if r["acquired"]:
            return None
        return Holder(r["owner"], r["what"], r["startedAt"], r["expiresAt"])

    def _renew_until_stopped(self) -> None:
        interval = self.duration_s / 3
        renewed_at = time.monotonic()
        while not self._stop.wait(interval):
            try:
                records, _, _ = self.driver.execute_query(
                    get_query("load.lease_renew").text,
                    owner=self.owner,
                    ms=int(self.duration_s * 1000),
                    database_=self.database,
                )
            except (DriverError, Neo4jError) as e:
                log.warning("writer lease not renewed: %s", e)
                if time.monotonic() - renewed_at > self.duration_s:
                    self._lost.set()
                continue
            if not records[0]["renewed"]:
                log.error("writer lease lost: another load took it over after it expired")
                self._lost.set()
                return
            renewed_at = time.monotonic()

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
            self._heartbeat = None
        try:
            self.driver.execute_query(
                get_query("load.lease_release").text, owner=self.owner, database_=self.database
            )
        except (DriverError, Neo4jError) as e:  # it expires by itself
            log.warning("writer lease not released (it expires by itself): %s", e)

    def __enter__(self) -> WriterLease:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
