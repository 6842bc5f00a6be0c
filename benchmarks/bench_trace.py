"""Trace latency at two graph sizes: the cost of a trace follows its path, not the graph.

    python -m benchmarks.bench_trace --nodes 100000 1000000 --samples 2000

For each size, a fresh local Neo4j gets synthetic cycle chains (about 10 nodes each, every one
linked to shared hubs — sectors, networks, people — that end up with hundreds of thousands of
links), written directly in the property-graph form of graph/MAPPING.md. Then `trace_question`
(the same function the CLI and API call) runs for random questions after a warm-up; p50/p90/p99
latencies go to stdout and, with --write, to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from benchmarks.engine import DATABASE, local_neo4j, open_bench_driver

BASE = "https://w3id.org/kennisgraaf/"
SECTORS = ["PO", "VO", "MBO", "HBO", "WO", "SO"]
NODES_PER_CHAIN = 5.6  # 2 + 2·4/5 + 2·3/5 + 2·2/5: chains stop at each stage in turn
HERE = Path(__file__).parent / "cypher"


def build(driver: object, chains: int) -> int:
    from kennisgraaf.graph.schema import ensure_schema

    ensure_schema(driver, DATABASE)  # type: ignore[arg-type]
    hubs = (HERE / "trace_scale_hubs.cypher").read_text()
    chain = (HERE / "trace_scale_chains.cypher").read_text()
    driver.execute_query(hubs, base=BASE, sectors=SECTORS, database_=DATABASE)  # type: ignore[attr-defined]
    step = 5000
    for start in range(0, chains, step):
        driver.execute_query(  # type: ignore[attr-defined]
            chain, start=start, count=min(step, chains - start), base=BASE, sectors=SECTORS,
            database_=DATABASE,
        )  # fmt: skip
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    rows = []
    for nodes in args.nodes:
        chains = int(nodes / NODES_PER_CHAIN)
        with local_neo4j(heap="2g", page_cache_mb=1024) as uri, open_bench_driver(uri) as driver:
            began = time.perf_counter()
            total = build(driver, chains)
            built = time.perf_counter() - began
            result = measure(driver, chains, args.samples)
        rows.append((total, built, result))
        print(f"{total:>9,} nodes (built in {built:.0f} s): p50 {result['p50']:.2f} ms, "
              f"p90 {result['p90']:.2f} ms, p99 {result['p99']:.2f} ms")  # fmt: skip
    if args.write:
        lines = [
            "",
            "## Trace latency (issue 5)",
            "",
            "Command: `python -m benchmarks.bench_trace --nodes "
            + " ".join(str(n) for n in args.nodes)
            + f" --samples {args.samples} --write BENCHMARKS.md`",
            "",
            "`trace_question` (depth 0) on random questions of synthetic chains, after 200 "
            "warm-up traces; local Neo4j 5.26 with 2 GB heap and 1 GB page cache; every chain "
            "links to 6 sector, 7 network and 50 person hubs.",
            "",
            "| nodes | build (s) | p50 (ms) | p90 (ms) | p99 (ms) | mean (ms) |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for total, built, r in rows:
            lines.append(f"| {total:,} | {built:.0f} | {r['p50']:.2f} | {r['p90']:.2f} | "
                         f"{r['p99']:.2f} | {r['mean']:.2f} |")  # fmt: skip
        if len(rows) == 2:
            ratio = rows[1][2]["p99"] / rows[0][2]["p99"]
            lines += ["", f"p99 ratio, largest / smallest graph: {ratio:.2f}× for "
                      f"{rows[1][0] / rows[0][0]:.1f}× the nodes."]  # fmt: skip
        with args.write.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
