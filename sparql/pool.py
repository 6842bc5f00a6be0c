"""A small pool of SPARQL query processes (`worker`), each killed and replaced when a query
overruns its time limit, passes its memory limit or crashes it.

A request takes an idle process, waiting at most the time limit for one. At most `queue_size`
requests wait at a time: one more is refused at once (`PoolBusyError`), so a burst of slow
queries holds a bounded number of the server's threads and everyone else learns at once to come
back later. The query is sent and the answer read against a deadline. Past the deadline the
process is killed — that is what stops the query — and a fresh one is started in its place; its
start-up (about a tenth of a second) is not charged to the next query's time limit. A process
that died while idle is replaced before it is given a query. Processes are separate interpreters
started with `python -m`, not forks of this multi-threaded server.

How a process ended says whose the failure was: an allocation past the memory limit (Rust prints
"memory allocation of … failed" and aborts) is the query's cost (`QueryMemoryError`); a crash by
a signal the process raised itself (SIGSEGV from a stack overflow, SIGABRT, …) is the query's too
(`QueryCrashedError`); anything else — killed from outside, say — is the engine's
(`WorkerFailedError`). The process's stderr is read line by line into this module's log.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from kennisgraaf.child_frames import (
    ChildClosedError,
    FrameTimeoutError,
    read_frame,
    send_request,
)

log = logging.getLogger(__name__)
STARTUP_TIMEOUT_S = 30.0
# Signals a process raises on itself when what it runs goes wrong (not a kill from outside).
SELF_INFLICTED = frozenset({signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL,
                            signal.SIGFPE})  # fmt: skip
_ALLOCATION_FAILED = "memory allocation of"


class QueryTimeoutError(Exception):
    """The query ran past its deadline; its process has been killed."""


class WorkerFailedError(Exception):
    """The query process died (not by the query's doing) or broke the protocol."""


class QueryMemoryError(Exception):
    """The query needed more memory than a query process may use; the process is replaced."""


class QueryCrashedError(Exception):
    """The query process crashed on the query (a signal of its own); it is replaced."""

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name


class PoolBusyError(Exception):
    """No query process became free in time, or too many requests wait for one already."""

    def __init__(self, queue_full: bool) -> None:
        super().__init__("queue full" if queue_full else "no process became free in time")
        self.queue_full = queue_full


class Worker:
    def __init__(self, prefixes: dict[str, str], memory_limit_bytes: int = 0) -> None:
        env = {**os.environ, "MALLOC_ARENA_MAX": "2", "RUST_BACKTRACE": "0"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kennisgraaf.sparql.worker", str(os.getpid()),
             json.dumps(prefixes), str(memory_limit_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            env=env,
            start_new_session=True,  # a Ctrl-C at the terminal is the server's to handle
        )  # fmt: skip
        self.isolated: bool | None = None
        self.allocation_failed = False
        self._stderr_tail: deque[str] = deque(maxlen=5)
        assert self.proc.stderr is not None
        self._stderr = threading.Thread(
            target=self._read_stderr, args=(self.proc.stderr,), daemon=True,
            name=f"sparql-worker-{self.proc.pid}-stderr",
        )  # fmt: skip
        self._stderr.start()

    def _read_stderr(self, stream: IO[bytes]) -> None:
        with stream:
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip()
                if _ALLOCATION_FAILED in line:
                    self.allocation_failed = True
                self._stderr_tail.append(line)
                log.warning("SPARQL query process %d: %s", self.proc.pid, line)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def call(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        if self.isolated is None:
            started = time.monotonic()
            hello = json.loads(self._frame(started + STARTUP_TIMEOUT_S, startup=True))
            self.isolated = bool(hello.get("isolated"))
            if not self.isolated:
                log.warning("SPARQL query process runs with network access (no namespace)")
            deadline += time.monotonic() - started  # start-up is not the query's time
        try:
            send_request(self.proc, request)
        except OSError as e:
            raise self._ended() from e
        meta = json.loads(self._frame(deadline))
        return meta, self._frame(deadline)

    def _frame(self, deadline: float, startup: bool = False) -> bytes:
        try:
            return read_frame(self.proc, deadline)
        except FrameTimeoutError:
            if startup:
                raise WorkerFailedError("the query process did not start in time") from None
            raise QueryTimeoutError from None
        except ChildClosedError:
            if not startup:
                raise self._ended() from None
        # Not the query's doing: say why it would not start.
        code = self.proc.wait()
        self._stderr.join(timeout=2.0)
        last = f": {self._stderr_tail[-1]}" if self._stderr_tail else ""
        raise WorkerFailedError(f"the query process ended as it started (exit {code}){last}")

    def _ended(self) -> Exception:
        """Why the process ended, once it has: the query's doing or not."""
        try:
            code = self.proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            return WorkerFailedError("the query process closed its output but did not end")
        self._stderr.join(timeout=2.0)  # its last words say whether an allocation failed
        if self.allocation_failed:
            return QueryMemoryError()
        if code < 0 and -code in SELF_INFLICTED:
            return QueryCrashedError(signal.Signals(-code).name)
        last = f": {self._stderr_tail[-1]}" if self._stderr_tail else ""
        return WorkerFailedError(f"the query process ended (exit {code}){last}")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class WorkerPool:
    def __init__(
        self,
        size: int,
        prefixes: dict[str, str],
        memory_limit_bytes: int = 0,
        queue_size: int | None = None,
    ) -> None:
        self.size = size
        self.prefixes = prefixes
        self.memory_limit_bytes = memory_limit_bytes
        self.queue_size = size if queue_size is None else queue_size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._in_flight = 0  # requests running or waiting for a process
        self._closed = False
        self.replaced = 0
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        worker = Worker(self.prefixes, self.memory_limit_bytes)
        with self._lock:
            self._all.add(worker)
        return worker

    def run(self, request: dict[str, Any], timeout_s: float) -> tuple[dict[str, Any], bytes]:
        """Answer `request` in a pooled process within `timeout_s`."""
        with self.admission():
            return self.run_admitted(request, timeout_s)

    @contextmanager
    def admission(self) -> Iterator[None]:
        """A place among the requests running or waiting; PoolBusyError when there is none.
        Held around everything a request waits for (the store's rebuild too), so no more than
        `size + queue_size` of the server's threads ever wait on SPARQL."""
        with self._lock:
            if self._in_flight >= self.size + self.queue_size:
                raise PoolBusyError(queue_full=True)
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def run_admitted(
        self, request: dict[str, Any], timeout_s: float
    ) -> tuple[dict[str, Any], bytes]:
        """`run` for a request that holds its `admission`."""
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty as e:
            raise PoolBusyError(queue_full=False) from e
        while not worker.alive():  # died while idle (killed from outside): not the query's doing
            self._give_back(worker, healthy=False)
            try:
                worker = self._idle.get(timeout=timeout_s)  # the replacement, or another
            except queue.Empty as e:
                raise PoolBusyError(queue_full=False) from e
        healthy = False
        try:
            meta, body = worker.call(request, time.monotonic() + timeout_s)
            if meta.get("error") == "memory":
                raise QueryMemoryError
            healthy = True
            return meta, body
        finally:
            self._give_back(worker, healthy)

    def _give_back(self, worker: Worker, healthy: bool) -> None:
        if healthy and not self._closed:
            self._idle.put(worker)
            return
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._closed:
            self.replaced += 1
            self._idle.put(self._start())

    @property
    def in_flight(self) -> int:
        """Requests running or waiting for a process now."""
        with self._lock:
            return self._in_flight

    def pids(self) -> list[int]:
        """The query processes' ids (for measurements)."""
        with self._lock:
            return [w.proc.pid for w in self._all]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
