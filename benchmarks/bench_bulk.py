"""Bulk initial load benchmark: `kennisgraaf load --bulk` against rdflib-neo4j and the normal load.

    python -m benchmarks.bench_bulk [--sizes 1000000 10000000] [--rdflib-sizes 1000000]
        [--normal-sizes 1000000] [--write BENCHMARKS.md]

In one run, on the same generated N-Triples file per size: the bulk load (gate, mapping and
staging, CSV files, Neo4j's offline importer, engine start, schema and import records) into a
fresh local engine of its own, with the time of each stage; parsing alone (the floor of any
load); rdflib-neo4j loading the file into a fresh local engine (benchmarks/bench_load.py's child,
from its own virtual environment); and the normal validated load (`load_file`) into the same
engine, emptied. Each system runs in its own process, which reports its peak resident memory;
the bulk load also reports the importer JVM's. The load average is recorded after each.
`--rdflib-sizes` and `--normal-sizes` limit the slower systems to some sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_load import RDFLIB_CHILD, ROOT, ensure_rdflib_venv, kennisgraaf_child

HEADING = "## Bulk initial load (issue 15)"
BASE_IRI = "https://w3id.org/kennisgraaf/"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child(argv: list[str]) -> dict[str, Any]:
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    return {**json.loads(line), "load_1m": os.getloadavg()[0]}


def bulk_child(path: Path, batch_size: int) -> dict[str, Any]:
    """One bulk load into a fresh local engine, in this process (run as a child)."""
    from benchmarks.engine import free_port
    from kennisgraaf.graph.local_engine import LocalEngine
    from kennisgraaf.loaders.bulk_load import bulk_load
    from kennisgraaf.loaders.options import LoadOptions
    from kennisgraaf.settings import Settings

    with tempfile.TemporaryDirectory(prefix="kg-bench-bulk-") as home:
        engine = LocalEngine(Path(home), free_port(), build_root=Settings().data_dir / "build")
        engine.start(exit_with_pid=os.getpid())  # an empty database, as for a first load
        try:
            options = LoadOptions(
                base_iri=BASE_IRI,
                batch_size=batch_size,
                quarantine_dir=Path(home) / "quarantine",
            )
            began = time.perf_counter()
            report = bulk_load([path], engine, "neo4j", options, work_dir=Path(home))
            seconds = time.perf_counter() - began
        finally:
            engine.stop()
    importer = report.importer
    return {
        "seconds": seconds,
        "statements": sum(f.statements_read for f in report.files),
        "loaded": sum(f.statements_loaded for f in report.files),
        "rejected": sum(f.statements_rejected for f in report.files),
        "nodes": report.nodes,
        "relationships": report.relationships,
        "stages": report.seconds,
        "importer_seconds": importer.seconds if importer else 0.0,
        "peak_rss_kib": report.python_peak_rss_mb * 1024,
        "importer_peak_rss_kib": (importer.peak_rss_mb * 1024) if importer else 0.0,
    }


def parse_child(path: Path) -> dict[str, Any]:
    """Parsing alone, as a load reads the file (the floor of every load)."""
    import resource

    from kennisgraaf.loaders.sources import open_source

    began = time.perf_counter()
    reader = open_source(path, kind="rdf", base_iri=BASE_IRI)
    statements = sum(len(batch.statements) for batch in reader.batches(20_000))
    return {
        "seconds": time.perf_counter() - began,
        "statements": statements,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    from benchmarks.engine import graph_size, local_neo4j, open_bench_driver, reset
    from benchmarks.generate import generate

    args.data_dir.mkdir(parents=True, exist_ok=True)
    rdflib_python = ensure_rdflib_venv()
    me = [sys.executable, "-m", "benchmarks.bench_bulk"]
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        path = args.data_dir / f"kg-bench-{size}-seed{args.seed}.nt"
        if not path.exists():
            generate(path, size, args.seed)
        log(f"{size}: parse only …")
        rows.append({"size": size, "system": "parse only", **child([*me, "parse", str(path)])})
        log(f"  {rows[-1]['seconds']:.1f} s")
        log(f"{size}: bulk load …")
        argv = [*me, "bulk", str(path), "--batch-size", str(args.batch_size)]
        rows.append({"size": size, "system": "kennisgraaf load --bulk", **child(argv)})
        log(f"  {rows[-1]['seconds']:.1f} s {rows[-1]['stages']}")
        slow = [s for s in ("rdflib", "normal") if size in getattr(args, f"{s}_sizes")]
        if not slow:
            continue
        with local_neo4j() as uri, open_bench_driver(uri) as driver:
            if "rdflib" in slow:
                reset(driver, "rdflib-neo4j")
                log(f"{size}: rdflib-neo4j …")
                row = child([str(rdflib_python), str(RDFLIB_CHILD), str(path), uri])
                rows.append({"size": size, "system": "rdflib-neo4j", **row, **graph_size(driver)})
                log(f"  {row['seconds']:.1f} s")
            if "normal" in slow:
                reset(driver, "kennisgraaf")
                log(f"{size}: kennisgraaf load (normal) …")
                row = child(kennisgraaf_child("load", path, args.batch_size, uri))
                rows.append({"size": size, "system": "kennisgraaf load", **row,
                             **graph_size(driver)})  # fmt: skip
                log(f"  {row['seconds']:.1f} s")
    return rows


def section(command: str, rows: list[dict[str, Any]], gate: str) -> str:
    lines = [
        HEADING,
        "",
        f"`{command}` — gate engine: {gate}. Each system in its own process on the same "
        "generated file; the bulk load into a fresh local engine of its own, rdflib-neo4j and "
        "the normal load into another fresh engine (emptied between them). Rate = statements "
        "read / wall-clock seconds; ratio = rate / rdflib-neo4j's rate at the same size (when "
        "measured). Peak RSS: the Python process; for the bulk load also the importer's JVM.",
        "",
        "| statements | system | seconds | statements/s | × rdflib-neo4j | Python peak RSS MiB "
        "| importer JVM peak RSS MiB | load avg (1 min) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    rdflib = {r["size"]: r for r in rows if r["system"] == "rdflib-neo4j"}
    for r in rows:
        rate = r["statements"] / r["seconds"] if r["seconds"] else 0.0
        base = rdflib.get(r["size"])
        ratio = f"{rate / (base['statements'] / base['seconds']):.2f}" if base else "—"
        jvm = r.get("importer_peak_rss_kib")
        lines.append(
            f"| {r['statements']:,} | {r['system']} | {r['seconds']:.1f} | {rate:,.0f} "
            f"| {ratio} | {r['peak_rss_kib'] / 1024:.0f} "
            f"| {f'{jvm / 1024:.0f}' if jvm else '—'} | {r['load_1m']:.1f} |"
        )
    lines += ["", "Stages of the bulk load (seconds):", ""]
    for r in rows:
        if "stages" in r:
            stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
            lines.append(
                f"- {r['statements']:,} statements: {stages}; importer alone "
                f"{r['importer_seconds']:.1f}; {r['nodes']:,} nodes, "
                f"{r['relationships']:,} relationships"
            )
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    """This benchmark's section of the file replaced (or added last); the others kept. A file
    that does not exist yet gets the section alone."""
    if not path.exists():
        path.write_text(text, encoding="utf-8")
        return
    parts = re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8"))
    mine = [n for n, part in enumerate(parts) if part.startswith(HEADING + "\n")]
    if mine:
        parts[mine[0]] = text + ("\n" if mine[0] < len(parts) - 1 else "")
    else:
        parts.append(("\n" if not parts[-1].endswith("\n\n") else "") + text)
    path.write_text("".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("what", nargs="?", choices=("run", "bulk", "parse"), default="run")
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--rdflib-sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--normal-sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    # A generated file of N statements holds a few more: the largest must pass the input cap
    # (the children inherit it).
    os.environ.setdefault("KENNISGRAAF_INPUT_MAX_STATEMENTS", str(max(args.sizes) * 2))
    if args.what == "bulk":
        print(json.dumps(bulk_child(args.file, args.batch_size)))
        return 0
    if args.what == "parse":
        print(json.dumps(parse_child(args.file)))
        return 0
    from kennisgraaf.settings import get_settings

    rows = measure(args)
    command = "python -m benchmarks.bench_bulk " + " ".join(argv or sys.argv[1:])
    text = section(command, rows, str(getattr(get_settings(), "gate_engine", "pyshacl")))
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
