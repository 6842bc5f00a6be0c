"""Where a load's wall-clock time goes, stage by stage, without a profiler's overhead.

    python -m benchmarks.stage_times FILE [--batch-size 20000]

Starts a throw-away local Neo4j, warms it up with a load of 10,000 statements, then loads FILE
once with a timer around each pipeline stage and prints a Markdown table: seconds summed over
the calls of each stage, and its share of the load's wall time. The Neo4j writes run in a
background thread while the next batch is validated, so the shares add up to more than 100 %;
the writes' share is time the load overlaps, not time it adds. (cProfile, as in
profile_load.py, sees only the main thread.)
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

# (label, module, attribute): what is timed. Attributes are looked up where the pipeline calls them.
STAGES = (
    ("reading the file: checking parse (count)", "kennisgraaf.loaders.rdf_reader",
     "count_statements"),
    ("blank nodes → IRIs, read-ahead thread (resolve)", "kennisgraaf.loaders.batch_loop",
     "resolve"),
    ("context from Neo4j (context_graph)", "kennisgraaf.loaders.batch_sinks", "context_graph"),
    ("SHACL gate (gate)", "kennisgraaf.loaders.batch_loop", "gate"),
    ("  Jena SHACL, the gate's JVM (validate_batch)", "kennisgraaf.ontology.jena_gate",
     "validate_batch"),
    ("  pyshacl gate: batch → rdflib graph (_graph_of)", "kennisgraaf.loaders.gate", "_graph_of"),
    ("  pyshacl gate: validation (validate)", "kennisgraaf.loaders.gate", "validate"),
    ("map to the property graph (map_statements)", "kennisgraaf.loaders.batch_sinks",
     "map_statements"),
    ("rows built before the transaction (prepare)", "kennisgraaf.graph.writer",
     "GraphWriter.prepare"),
    ("waiting for the write in flight (wait)", "kennisgraaf.loaders.background_writes",
     "BackgroundWrites.wait"),
    ("Neo4j writes, background thread (write_batch)", "kennisgraaf.graph.change_journal",
     "JournalledWriter.write_batch"),
    ("withdrawing stale statements (withdraw_stale)", "kennisgraaf.graph.change_journal",
     "JournalledWriter.withdraw_stale"),
)  # fmt: skip


@contextmanager
def timed(totals: dict[str, float]) -> Iterator[None]:
    """Wrap each stage's function with a timer for the duration of the block."""
    import importlib

    lock = threading.Lock()
    undo: list[Callable[[], None]] = []

    def timer(label: str, f: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                with lock:
                    totals[label] += time.perf_counter() - began

        return wrapped

    for label, module_name, attribute in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        setattr(owner, name, timer(label, original))
        undo.append(partial(setattr, owner, name, original))
    try:
        yield
    finally:
        for restore in reversed(undo):
            restore()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch-size", type=int, default=20_000)
    args = parser.parse_args(argv)

    from benchmarks.children import BASE_IRI
    from benchmarks.engine import local_neo4j, open_bench_driver, reset
    from benchmarks.generate import generate
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file
    from kennisgraaf.ontology.validation import _model, _plan

    _plan(), _model()  # parsed once per process, not part of the load
    options = LoadOptions(base_iri=BASE_IRI, batch_size=args.batch_size)
    warmup = args.file.with_name("kg-bench-warmup-stage-times.nt")
    generate(warmup, 10_000, 1)
    totals: dict[str, float] = defaultdict(float)
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        reset(driver, "kennisgraaf")
        load_file(warmup, driver, "neo4j", options)
        reset(driver, "kennisgraaf")
        with timed(totals):
            began = time.perf_counter()
            report = load_file(args.file, driver, "neo4j", options)
            wall = time.perf_counter() - began
    print(f"{args.file.name}: {report.statements_read:,} statements, batch size "
          f"{args.batch_size:,}, load {wall:.1f} s wall\n")  # fmt: skip
    print("| stage | seconds | share of the load's wall time |")
    print("|---|---:|---:|")
    print(f"| whole load | {wall:.1f} | 100% |")
    for label, _, _ in STAGES:
        if label in totals:
            shown = label.replace("  ", "· ")
            print(f"| {shown} | {totals[label]:.1f} | {totals[label] / wall:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
