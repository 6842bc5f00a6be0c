"""Resident memory of a validated load, sampled after every batch: flat means the peak is set
by the batch, not by the input.

    python -m benchmarks.memory_per_batch FILE [--batch-size 10000]

Starts its own local Neo4j, loads FILE through `load_file` and prints VmRSS (MiB, after
`gc.collect()`) at the start and after each committed batch.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from benchmarks.engine import DATABASE, local_neo4j, open_bench_driver


def rss_mib() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return -1


def main() -> None:
    from kennisgraaf.graph.schema import ensure_schema
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch-size", type=int, default=10_000)
    args = parser.parse_args()
    samples: list[int] = []

    def after_batch(_: int) -> None:
        gc.collect()
        samples.append(rss_mib())

    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        ensure_schema(driver, DATABASE)
        start = rss_mib()
        options = LoadOptions(base_iri="https://w3id.org/kennisgraaf/", batch_size=args.batch_size)
        report = load_file(args.file, driver, DATABASE, options, progress=after_batch)
    print(f"{report.statements_read:,} statements, batches of {args.batch_size:,}")
    print(f"VmRSS MiB: start {start}; after each batch: {', '.join(map(str, samples))}")


if __name__ == "__main__":
    main()
