"""What the network analytics cost on the shipped data: the projection's size and the wall time
of reading it and of each analysis (boundary crossers, communities, sector bridges).

    python -m benchmarks.bench_networks --rounds 5

A fresh local Neo4j gets the vocabularies, the seed and the sample; each round reads the
projection once and runs every analysis on it. Medians go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_reconcile import load_sample
from benchmarks.engine import DATABASE, local_neo4j, open_bench_driver
from kennisgraaf.queries.analytics.networks import (
    boundary_crossers,
    communities,
    read_projection,
    sector_bridges,
)

ANALYSES: dict[str, Callable[..., Any]] = {
    "boundary crossers": boundary_crossers,
    "communities": communities,
    "sector bridges": sector_bridges,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {"read projection": [], **{name: [] for name in ANALYSES}}
    with local_neo4j() as uri, tempfile.TemporaryDirectory() as tmp:
        load_sample(uri, Path(tmp))
        with open_bench_driver(uri) as driver:
            for _ in range(args.rounds):
                projection = read_projection(driver, DATABASE)
                seconds["read projection"].append(projection.read_seconds)
                for name, analysis in ANALYSES.items():
                    began = time.perf_counter()
                    analysis(driver, DATABASE, projection)
                    seconds[name].append(time.perf_counter() - began)
    graph = projection.graph
    print(f"projection: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print("| step | median ms |\n|---|---:|")
    for name, values in seconds.items():
        print(f"| {name} | {1000 * statistics.median(values):.1f} |")


if __name__ == "__main__":
    main()
