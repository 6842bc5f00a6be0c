"""What a benchmark measures inside its own process, so each gets its own peak memory.

    python -m benchmarks.children load FILE --uri bolt://… [--batch-size N] [--vocabularies]
    python -m benchmarks.children validate FILE [--batch-size N]
    python -m benchmarks.children writes FILE --uri bolt://… [--batch-size N]

`writes` is the floor of a load, not a way to load: the file parsed, mapped and written batch by
batch exactly as a load writes it — each batch's rows prepared on the loading thread, its write
in the background while the next batch is read — with no SHACL gate (so nothing checked,
nothing quarantined).

Prints one JSON line: seconds (the load or validation only, not start-up; for loads and
validations also the process's CPU seconds), statements,
resident memory after imports and peak resident memory (ru_maxrss), in KiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

BASE_IRI = "https://w3id.org/kennisgraaf/"


def current_rss_kib() -> int:
    with Path("/proc/self/status").open() as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def peak_rss_kib() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def vocabularies_path() -> Path:
    import kennisgraaf.ontology

    return Path(kennisgraaf.ontology.__file__).parent / "vocabularies.ttl"


def run(args: argparse.Namespace) -> dict[str, Any]:
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file, validate_file

    options = LoadOptions(
        base_iri=BASE_IRI, batch_size=args.batch_size, quarantine_dir=args.quarantine
    )
    if args.what == "writes":
        return writes_only(args)
    if args.what == "validate":
        base = current_rss_kib()
        cpu, began = time.process_time(), time.perf_counter()
        report = validate_file(args.file, options)
        seconds = time.perf_counter() - began
    else:
        from kennisgraaf.graph.connection import open_driver
        from kennisgraaf.settings import Settings

        with open_driver(
            Settings(neo4j_uri=args.uri, neo4j_password=None), start_local=False
        ) as driver:
            if args.vocabularies:  # set-up, not measured: concepts get their skos_Concept label
                load_file(vocabularies_path(), driver, "neo4j", options)
            base = current_rss_kib()
            cpu, began = time.process_time(), time.perf_counter()
            report = load_file(args.file, driver, "neo4j", options)
            seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        # This process's own CPU (all its threads; not Neo4j's): steadier than the wall clock
        # on a shared machine.
        "cpu_seconds": time.process_time() - cpu,
        "statements": report.statements_read,
        "loaded": report.statements_loaded,
        "rejected": report.statements_rejected,
        "resources_rejected": report.rejected_resources,
        "warnings": len(report.warnings),
        "rss_after_imports_kib": base,
        "peak_rss_kib": peak_rss_kib(),
        "summary": report.summary(),
    }


def writes_only(args: argparse.Namespace) -> dict[str, Any]:
    from kennisgraaf.graph.connection import open_driver
    from kennisgraaf.graph.mapping import Skolemizer, map_statements, resolve
    from kennisgraaf.graph.model import natural_datatypes
    from kennisgraaf.graph.schema import ensure_schema
    from kennisgraaf.graph.writer import GraphWriter, WriteCounts
    from kennisgraaf.loaders.background_writes import BackgroundWrites
    from kennisgraaf.loaders.sources import open_source
    from kennisgraaf.settings import Settings

    settings = Settings(neo4j_uri=args.uri, neo4j_password=None)
    with open_driver(settings, start_local=False) as driver:
        natural = natural_datatypes()
        base = current_rss_kib()
        began = time.perf_counter()
        ensure_schema(driver, "neo4j")
        reader = open_source(args.file, kind="rdf", fmt=None, mapping=None, base_iri=BASE_IRI)
        writer = GraphWriter(driver, "neo4j", natural)
        skolem = Skolemizer(BASE_IRI, scope="writes-only")
        statements = 0

        def failed(index: int, e: Exception) -> Exception:
            return e

        def done(index: int, counts: WriteCounts) -> None:
            pass

        with BackgroundWrites(done, failed) as writes:
            for batch in reader.batches(args.batch_size):
                resolved = resolve(batch.statements, skolem)
                mapped = writer.prepare(
                    map_statements(resolved, natural, args.file.name), "writes-only"
                )
                writes.submit(batch.index, partial(writer.write_batch, mapped, "writes-only",
                                                   batch.index, 0), ())  # fmt: skip
                statements += mapped.statements
            writes.wait()
        seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "statements": statements,
        "loaded": statements,
        "rss_after_imports_kib": base,
        "peak_rss_kib": peak_rss_kib(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One measured kennisgraaf load or validation.")
    parser.add_argument("what", choices=("load", "validate", "writes"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--uri", help="Bolt URI of the Neo4j to load into (load only)")
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument(
        "--quarantine", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-quarantine"
    )
    parser.add_argument(
        "--vocabularies", action="store_true", help="load vocabularies.ttl first (not timed)"
    )
    args = parser.parse_args(argv)
    if args.what in ("load", "writes") and not args.uri:
        parser.error(f"{args.what} needs --uri")
    print(json.dumps(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
