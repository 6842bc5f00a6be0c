"""A SPARQL query process: runs queries on a store directory, opened read-only, and answers the
API process over stdin/stdout.

Why a process: pyoxigraph has no query timeout and evaluation cannot be interrupted from Python,
so the only sure way to stop a runaway query is to kill the process running it
(`pool` does that and starts a replacement).

Why no network: pyoxigraph fetches `SERVICE` IRIs. The API refuses SERVICE before sending a query
here; as a second line, the process moves itself into an empty network namespace at start-up
(Linux; unprivileged through a user namespace when needed), where no connection can be made. The
hello message says whether that worked.

Why a memory limit: one query can allocate without bound (a `GROUP_CONCAT` over a cartesian
product reached 2.3 GB in 10 s). The process limits its own address space (RLIMIT_AS) at start-up,
before it opens anything; an allocation past it fails, which ends the process (Rust aborts:
"memory allocation of … failed") or raises MemoryError in Python (answered `memory`, after which
the pool replaces the process). glibc's per-thread malloc arenas would reserve 64 MiB of address
space each, so the pool starts the process with MALLOC_ARENA_MAX=2: an idle process then maps
about 0.2 GiB.

Protocol: frames of a 4-byte big-endian length and a payload. The process first sends a JSON hello;
then, for each JSON request it reads, it sends a JSON answer frame and a body frame.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from itertools import islice
from typing import Any

import pyoxigraph as ox

from kennisgraaf.rdf_formats import BY_MEDIA_TYPE
from kennisgraaf.sparql.results import write_boolean, write_rows
from kennisgraaf.worker_process import isolate_network, limit_memory, read_frame, write_frame


def _exit_with_parent(parent: int) -> None:
    """End this process when the API process is gone (it may have been killed outright)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


class Engine:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        self.path: str | None = None
        self.store: ox.Store | None = None

    def open(self, path: str) -> ox.Store:
        if self.store is None or path != self.path:
            self.store = None  # close the previous generation first
            self.store = ox.Store.read_only(path)
            self.path = path
        return self.store

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        try:
            named: list[ox.NamedNode | ox.BlankNode] | None = [
                ox.NamedNode(i) for i in request["named_graphs"]
            ] or None
            default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = [
                ox.NamedNode(i) for i in request["default_graphs"]
            ] or None
            if named and default is None:
                default = []  # as with FROM NAMED alone: the default graph is empty
        except ValueError as e:
            return {"error": "bad-graph-iri", "message": f"not an IRI: {e}"}, b""
        try:
            store = self.open(request["store"])
        except OSError as e:
            return {"error": "store", "message": str(e)}, b""
        try:
            result = store.query(request["query"], default_graph=default, named_graphs=named)
        except SyntaxError as e:
            return {"error": "syntax", "message": str(e)}, b""
        cap: int = request["max_results"]
        try:
            if isinstance(result, ox.QueryBoolean):
                fmt = request["results_format"]
                if fmt is None:
                    return {"error": "not-acceptable", "kind": "ask"}, b""
                return {"kind": "ask", "format": fmt, "count": 1, "truncated": False}, (
                    write_boolean(fmt, bool(result))
                )
            if isinstance(result, ox.QuerySolutions):
                fmt = request["results_format"]
                if fmt is None:
                    return {"error": "not-acceptable", "kind": "select"}, b""
                variables = [v.value for v in result.variables]
                rows = [list(s) for s in islice(result, cap + 1)]
                meta = {"kind": "select", "format": fmt, "count": min(len(rows), cap),
                        "truncated": len(rows) > cap}  # fmt: skip
                return meta, write_rows(fmt, variables, rows[:cap])
            fmt = request["graph_format"]
            if fmt is None:
                return {"error": "not-acceptable", "kind": "graph"}, b""
            triples = list(islice(result, cap + 1))
            body = ox.serialize(
                triples[:cap], format=BY_MEDIA_TYPE[fmt].format, prefixes=self.prefixes
            )
            meta = {"kind": "graph", "format": fmt, "count": min(len(triples), cap),
                    "truncated": len(triples) > cap}  # fmt: skip
            return meta, body or b""
        except (OSError, ValueError, RuntimeError, TypeError) as e:
            # Evaluation errors (a bad regex, an unsupported feature) come up while iterating.
            return {"error": "evaluation", "message": str(e)}, b""
        except MemoryError:
            return {"error": "memory", "message": "the memory limit was reached"}, b""


def main() -> None:
    isolated = isolate_network()  # first: it needs a process without threads
    parent = int(sys.argv[1])
    prefixes: dict[str, str] = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    limit_memory(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the protocol stream
    _exit_with_parent(parent)
    engine = Engine(prefixes)
    write_frame(out, json.dumps({"hello": True, "isolated": isolated}).encode())
    while (frame := read_frame(inp)) is not None:
        try:
            meta, body = engine.answer(json.loads(frame))
        except MemoryError:
            meta, body = {"error": "memory", "message": "the memory limit was reached"}, b""
        except Exception as e:  # an answer, never a dead process, for whatever went wrong
            meta, body = {"error": "internal", "message": f"{type(e).__name__}: {e}"}, b""
        write_frame(out, json.dumps(meta).encode())
        write_frame(out, body)


if __name__ == "__main__":
    main()
