"""Trace latency at two graph sizes: the cost of a trace follows its path, not the graph.

    python -m benchmarks.bench_trace --nodes 100000 1000000 --samples 2000

For each size, a fresh local Neo4j gets synthetic cycle chains (about 10 nodes each, every one
linked to shared hubs — sectors, networks, people — that end up with hundreds of thousands of
links), written directly in the property-graph form of graph/MAPPING.md. Then `trace_question`
(the same function the CLI and API call) runs for random questions after a warm-up; p50/p90/p99
latencies go to stdout and, with --write, to BENCHMARKS.md.

At 10⁷ nodes (about 1.8 million chains) keep the store for later runs, give the page cache room
for the whole store (3.6 GiB) and read it once before timing (--warm):

    python -m benchmarks.bench_trace --nodes 10000000 --heap 1g --page-cache-mb 4096 \\
        --keep DIR --warm
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.engine import DATABASE, free_port, open_bench_driver

BASE = "https://w3id.org/kennisgraaf/"
SECTORS = ["PO", "VO", "MBO", "HBO", "WO", "SO"]
NODES_PER_CHAIN = 5.6  # 2 + 2·4/5 + 2·3/5 + 2·2/5: chains stop at each stage in turn
HERE = Path(__file__).parent / "cypher"
STEP = 100_000  # chains per request
COMMIT_ROWS = 10_000  # chains per transaction


def build(driver: object, chains: int, progress: bool = False) -> int:
    """Write the hubs and `chains` chains (CALL … IN TRANSACTIONS, COMMIT_ROWS chains per
    transaction, STEP per request); returns the number of nodes."""
    from kennisgraaf.queries.registry import get_query

    # The constraints only: the trace reads none of the full-text indexes, and writing 10⁷ nodes
    # takes a third longer with them.
    with driver.session(database=DATABASE) as session:  # type: ignore[attr-defined]
        for statement in get_query("schema.constraints").statements():
            session.run(statement).consume()
    hubs = (HERE / "trace_scale_hubs.cypher").read_text()
    chain = (HERE / "trace_scale_chains.cypher").read_text()
    driver.execute_query(hubs, base=BASE, sectors=SECTORS, database_=DATABASE)  # type: ignore[attr-defined]
    began = time.perf_counter()
    with driver.session(database=DATABASE) as session:  # type: ignore[attr-defined]
        for start in range(0, chains, STEP):
            session.run(
                chain, start=start, count=min(STEP, chains - start), rows=COMMIT_ROWS, base=BASE,
                sectors=SECTORS,
            ).consume()  # fmt: skip
            if progress:
                done = min(start + STEP, chains)
                print(f"  {done:,}/{chains:,} chains, {time.perf_counter() - began:.0f} s",
                      flush=True)  # fmt: skip
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=DATABASE)  # type: ignore[attr-defined]
    return int(records[0]["n"])


def measure(driver: object, chains: int, samples: int, seed: int = 1) -> dict[str, float]:
    from kennisgraaf.queries.analytics.trace import trace_question

    rng = random.Random(seed)
    pick = [f"{BASE}id/question/b{rng.randrange(chains)}" for _ in range(samples + 200)]
    for iri in pick[:200]:  # warm-up: plans cached, pages in cache
        trace_question(driver, DATABASE, iri, depth=0)  # type: ignore[arg-type]
    times = []
    for iri in pick[200:]:
        began = time.perf_counter()
        trace_question(driver, DATABASE, iri, depth=0)  # type: ignore[arg-type]
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": q[49], "p90": q[89], "p99": q[98], "mean": statistics.fmean(times)}


def store_bytes(home: Path) -> int:
    """Bytes the database's store files and indexes take on disk under `home` (its
    transaction logs, under data/transactions, not counted)."""
    store = home / "data" / "databases" / DATABASE
    return sum(f.stat().st_blocks * 512 for f in store.rglob("*") if f.is_file())  # as du counts


@dataclass(frozen=True)
class TraceGraph:
    uri: str
    chains: int
    nodes: int
    build_s: float
    store_bytes: int


@contextmanager
def trace_graph(
    nodes: int, heap: str, page_cache_mb: int, keep: Path | None = None, progress: bool = False
) -> Iterator[TraceGraph]:
    """A running local Neo4j holding the synthetic chains for about `nodes` nodes. With `keep`,
    the engine's home is kept under that folder and a store built earlier is reused (its build
    time read from the note written beside it)."""
    from kennisgraaf.graph.local_engine import LocalEngine
    from kennisgraaf.settings import Settings

    chains = int(nodes / NODES_PER_CHAIN)
    with contextlib.ExitStack() as stack:
        if keep is None:
            home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-trace-")))
        else:
            home = keep / f"nodes-{nodes}"
        note = home / "trace-graph.json"
        engine = LocalEngine(
            home, free_port(), build_root=Settings().data_dir / "build", heap=heap,
            page_cache_mb=page_cache_mb,
        )  # fmt: skip
        uri = engine.start(exit_with_pid=os.getpid()).uri
        stack.callback(engine.stop)
        if note.exists():
            built = json.loads(note.read_text())
        else:
            with open_bench_driver(uri) as driver:
                began = time.perf_counter()
                total = build(driver, chains, progress)
                built = {"nodes": total, "build_s": time.perf_counter() - began}
            if keep is not None:
                note.write_text(json.dumps(built))
        yield TraceGraph(uri, chains, built["nodes"], built["build_s"], store_bytes(home))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--heap", default="2g", help="the engine's Java heap")
    parser.add_argument("--page-cache-mb", type=int, default=1024)
    parser.add_argument("--keep", type=Path, help="keep each store under this folder, reuse it")
    parser.add_argument("--warm", action="store_true", help="read the whole store before timing")
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    rows = []
    for nodes in args.nodes:
        with trace_graph(nodes, args.heap, args.page_cache_mb, args.keep, True) as graph:
            with open_bench_driver(graph.uri) as driver:
                if args.warm:
                    warm = (HERE / "trace_scale_warm.cypher").read_text()
                    driver.execute_query(warm, database_=DATABASE)
                result = measure(driver, graph.chains, args.samples)
            result["load"] = os.getloadavg()[0]
        rows.append((graph, result))
        print(f"{graph.nodes:>10,} nodes (built in {graph.build_s:.0f} s, store "
              f"{graph.store_bytes / 2**20:,.0f} MiB): p50 {result['p50']:.2f} ms, "
              f"p90 {result['p90']:.2f} ms, p99 {result['p99']:.2f} ms, "
              f"load average {result['load']:.1f}", flush=True)  # fmt: skip
    if args.write:
        write(args, rows)


def write(args: argparse.Namespace, rows: list[tuple[TraceGraph, dict[str, float]]]) -> None:
    lines = [
        "",
        "## Trace latency",
        "",
        "Command: `python -m benchmarks.bench_trace --nodes "
        + " ".join(str(n) for n in args.nodes)
        + f" --samples {args.samples} --heap {args.heap} --page-cache-mb {args.page_cache_mb}"
        " --write BENCHMARKS.md`",
        "",
        "`trace_question` (depth 0) on random questions of synthetic chains, after 200 "
        f"warm-up traces; local Neo4j 5.26 with {args.heap} heap and {args.page_cache_mb} MB "
        "page cache; every chain links to 6 sector, 7 network and 50 person hubs.",
        "",
        "| nodes | build (s) | store (MiB) | p50 (ms) | p90 (ms) | p99 (ms) | mean (ms) "
        "| load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for g, r in rows:
        lines.append(f"| {g.nodes:,} | {g.build_s:.0f} | {g.store_bytes / 2**20:,.0f} | "
                     f"{r['p50']:.2f} | {r['p90']:.2f} | {r['p99']:.2f} | {r['mean']:.2f} | "
                     f"{r['load']:.1f} |")  # fmt: skip
    for (g0, r0), (g1, r1) in itertools.pairwise(rows):
        lines.append(f"\np99 {g1.nodes:,} / {g0.nodes:,} nodes: {r1['p99'] / r0['p99']:.2f}×.")
    with args.write.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
