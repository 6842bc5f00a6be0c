"""Where a kennisgraaf load spends its time: one load under cProfile, summed by pipeline stage.

    python -m benchmarks.profile_load FILE [--batch-size 2000] [--validate-only]
        [--vocabularies] [--top 0]

Starts its own local Neo4j (unless --validate-only), loads FILE once under cProfile and prints
the cumulative seconds of each stage: parsing, the context fetched from Neo4j, building the
rdflib graph, pyshacl, mapping. --top N also prints the N most expensive functions. cProfile
sees the main thread only: the Neo4j writes, which run in a background thread, are not in it
(benchmarks/stage_times.py times every stage, writes included, by the wall clock).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

# (label, file suffix, function name): cumulative time of that function.
STAGES = (
    ("whole load", "loaders/pipeline.py", "load_file"),
    ("whole validation", "loaders/pipeline.py", "validate_file"),
    ("parse, first pass (count_statements)", "loaders/rdf_reader.py", "count_statements"),
    ("parse, batches (iter_batches)", "loaders/rdf_reader.py", "iter_batches"),
    ("blank nodes → IRIs (resolve)", "graph/mapping.py", "resolve"),
    ("context from Neo4j (context_graph)", "loaders/gate.py", "context_graph"),
    ("  of which the Cypher query (execute_query)", "neo4j/_sync/driver.py", "execute_query"),
    ("SHACL gate (gate)", "loaders/gate.py", "gate"),
    ("  batch → rdflib graph (_graph_of)", "loaders/gate.py", "_graph_of"),
    ("  pyshacl (validate)", "pyshacl/entrypoints.py", "validate"),
    ("    data graph + ontology copy (clone/mix)", "pyshacl/validator.py", "mix_in_ontology"),
    ("    focus nodes (targets, incl. SPARQL targets)", "pyshacl/shape.py", "focus_nodes"),
    ("    report → results (_result)", "ontology/validation.py", "_result"),
    ("  dropping rejected (_without)", "loaders/gate.py", "_without"),
    ("map to property graph (map_statements)", "graph/mapping.py", "map_statements"),
    ("Neo4j writes (write_batch)", "graph/writer.py", "write_batch"),
    ("withdraw stale (withdraw_stale)", "graph/writer.py", "withdraw_stale"),
)  # fmt: skip


def stage_times(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    table = stats.stats  # type: ignore[attr-defined]
    out = []
    for label, suffix, name in STAGES:
        total, calls = 0.0, 0
        for (filename, _, function), (_, ncalls, _, cumtime, _) in table.items():
            if function == name and filename.endswith(suffix):
                total += cumtime
                calls += ncalls
        if calls:
            out.append((label, total, calls))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--validate-only", action="store_true")
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--vocabularies", action="store_true", help="load vocabularies.ttl first")
    args = parser.parse_args(argv)

    from benchmarks.children import BASE_IRI, vocabularies_path
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file, validate_file
    from kennisgraaf.ontology.validation import _model, _plan

    _plan(), _model()  # parsed once per process; not part of what is profiled
    options = LoadOptions(base_iri=BASE_IRI, batch_size=args.batch_size)
    profile = cProfile.Profile()
    began = time.perf_counter()
    if args.validate_only:
        report = profile.runcall(validate_file, args.file, options)
    else:
        from benchmarks.engine import local_neo4j, open_bench_driver, reset

        with local_neo4j() as uri, open_bench_driver(uri) as driver:
            reset(driver, "kennisgraaf")
            if args.vocabularies:
                load_file(vocabularies_path(), driver, "neo4j", options)
            began = time.perf_counter()
            report = profile.runcall(load_file, args.file, driver, "neo4j", options)
    wall = time.perf_counter() - began
    stats = pstats.Stats(profile)
    print(f"{args.file}: {report.statements_read} statements, batch size {args.batch_size}, "
          f"{wall:.1f} s wall under the profiler")  # fmt: skip
    print(f"{'stage':52} {'seconds':>9} {'share':>6} {'calls':>8}")
    whole = max((t for _, t, _ in stage_times(stats)), default=wall) or wall
    for label, seconds, calls in stage_times(stats):
        print(f"{label:52} {seconds:9.1f} {seconds / whole:6.0%} {calls:8}")
    if args.top:
        stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
