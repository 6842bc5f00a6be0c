"""Time and peak memory to load each shipped register, in the demo's order.

    python -m benchmarks.bench_registers [--rounds N] [--registers DIR]

A fresh local Neo4j (own home, free port); per round the database is emptied and the
vocabularies loaded (set-up, not measured), then each register file of data/registers (CBS
municipalities, then DUO school locations, then ROR, as `kennisgraaf demo` finds them) is loaded
in a process of its own, so its peak resident memory (ru_maxrss) is that load's alone. Prints one
line per register and round: seconds of the load (not the process start-up), statements read
and loaded, records refused, resident memory just before the load and the process's peak, MiB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE_IRI = "https://w3id.org/kennisgraaf/"


def child(path: Path, kind: str, uri: str) -> dict[str, Any]:
    """One register load in this process: what the parent prints."""
    from benchmarks.children import current_rss_kib, peak_rss_kib
    from kennisgraaf.graph.connection import open_driver
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file
    from kennisgraaf.settings import Settings

    options = LoadOptions(
        base_iri=BASE_IRI,
        kind=kind,
        quarantine_dir=Path(tempfile.gettempdir()) / "kg-bench-quarantine",
    )
    with open_driver(Settings(neo4j_uri=uri, neo4j_password=None), start_local=False) as driver:
        before = current_rss_kib()  # the imports and the ontology, before any register row
        began = time.perf_counter()
        report = load_file(path, driver, "neo4j", options)
        seconds = time.perf_counter() - began
    return {
        "file": path.name,
        "kind": kind,
        "seconds": round(seconds, 2),
        "statements": report.statements_read,
        "loaded": report.statements_loaded,
        "refused_records": len(report.refused_records),
        "rss_before_mib": round(before / 1024, 1),
        "peak_rss_mib": round(peak_rss_kib() / 1024, 1),
    }


def _run_child(path: Path, kind: str, uri: str) -> dict[str, Any]:
    argv = [sys.executable, "-m", "benchmarks.bench_registers", "--child", str(path)]
    argv += ["--kind", kind, "--uri", uri]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return dict(json.loads(lines[-1]))


def measure(registers: Path, rounds: int) -> list[dict[str, Any]]:
    from benchmarks.children import vocabularies_path
    from benchmarks.engine import local_neo4j, open_bench_driver, reset
    from kennisgraaf.cli.demo import register_inputs
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file

    inputs = register_inputs(registers)
    if not inputs:
        raise SystemExit(f"no register files under {registers}")
    results = []
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        for index in range(1, rounds + 1):
            reset(driver, "kennisgraaf")
            load_file(vocabularies_path(), driver, "neo4j", LoadOptions(base_iri=BASE_IRI))
            for path, kind in inputs:
                row = {"round": index, **_run_child(path, kind, uri)}
                print(json.dumps(row), flush=True)
                results.append(row)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--registers", type=Path, default=ROOT / "data" / "registers")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--kind", help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.kind, args.uri)))
        return 0
    measure(args.registers, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
