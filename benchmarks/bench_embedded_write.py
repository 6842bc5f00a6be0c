"""The floor of a load's writes: the same prepared rows through Bolt, through Cypher inside the
engine's JVM, and through Neo4j's embedded core API.

    python -m benchmarks.bench_embedded_write [--size 1000000] [--rounds 2] [--warm 1]
        [--heap 2g] [--embedded-heap 4g] [--page-cache-mb 2048]
        [--full-text sync|eventual|none] [--no-bolt]

The generated file of `--size` statements is parsed, mapped and its rows prepared once, as a
load prepares them (graph/batch_rows.py, batches of 20,000). Then, one after the other, on
engines with the same page cache (the embedded one with a larger heap: it also holds the rows and
the input), each batch is written in its own transaction into the
emptied database:

- *Bolt (the writer's Cypher)*: the local engine (graph/launcher), the rows sent from this
  process as the writer sends them (the *as written* variant of bench_write_shapes);
- *Cypher in the JVM*: the same queries and rows, run in the engine's JVM (no driver, no wire);
- *core API*: the same nodes, properties and relationships through the embedded API, ends found
  once per batch through the `iri` index — what a loader inside the engine's JVM would write at;
- *core API + Jena SHACL*: as the core API, each batch written once Jena SHACL (in the same JVM,
  on a thread of its own, running ahead) has validated its statements, parsed from the file
  with the model added: the floor of a validated load in the engine's JVM, short of mapping
  the statements and of the gate's context (each batch is validated on its own).

`--full-text` changes the embedded engine's full-text indexes (the project's are updated in the
committing transaction) to show what they cost the commits. The JVM variants run in one
embedded engine (benchmarks/embedded_write, built with Maven on
first use), turn about; the Bolt variant before them. Seconds are the writes' and the commits'
wall time; CPU is the engine process's. Only ratios within one run mean something.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.bench_write_shapes import engine_pid, prepared_batches, write_all
from benchmarks.engine import local_neo4j, open_bench_driver
from benchmarks.generate import generate
from benchmarks.maven_build import classpath

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "embedded_write"
QUERIES = HERE.parent / "queries"
BOLT = "Bolt (the writer's Cypher)"


def build(build_dir: Path) -> str:
    """Compile the Java benchmark and return its classpath."""
    return classpath(PROJECT, build_dir)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def dump_batches(batches: list[Any], out: Path) -> None:
    """One JSON line per batch: its new nodes, the references and its new links."""
    with out.open("w", encoding="utf-8") as f:
        for b in batches:
            line = {
                "nodes": [
                    {
                        "labels": row["labels"],
                        "props": {k: _json_value(v) for k, v in row["props"].items()},
                    }
                    for row in b.fresh.values()
                ],
                "refs": sorted(b.references - b.fresh.keys()),
                "links": list(b.link_rows.values()),
            }
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def schema_file(out: Path, full_text: str) -> None:
    """The project's schema statements; with `full_text` "eventual" its full-text indexes
    updated after the commit instead of in it, with "none" without them."""
    from kennisgraaf.queries.registry import get_query

    statements = [
        s
        for name in ("schema.constraints", "schema.reconcile_index", "schema.search_index")
        for s in get_query(name).statements()
    ]
    if full_text == "none":
        statements = [s for s in statements if "FULLTEXT" not in s and "awaitIndex(" not in s]
    elif full_text == "eventual":
        eventual = "`fulltext.eventually_consistent`: true, `fulltext.analyzer`"
        statements = [s.replace("`fulltext.analyzer`", eventual) for s in statements]
    out.write_text("".join(s + ";\n" for s in statements), encoding="utf-8")


def bolt(
    batches: list[Any], heap: str, page_cache_mb: int, warm: int, rounds: int
) -> list[tuple[float, ...]]:
    runs: list[tuple[float, ...]] = []
    with (
        local_neo4j(heap=heap, page_cache_mb=page_cache_mb) as uri,
        open_bench_driver(uri) as driver,
    ):
        pid = engine_pid(uri.rsplit(":", 1)[1])
        for _ in range(warm):
            write_all(driver, batches, "as written", pid)
        for round_ in range(rounds):
            q, c, cpu = write_all(driver, batches, "as written", pid)
            print(f"  round {round_ + 1}, Bolt: {q:.2f} + {c:.2f} s, CPU {cpu:.2f} s", flush=True)
            runs.append((q, c, cpu))
    return runs


def embedded(
    batch_file: Path, schema: Path, data: Path, heap: str, page_cache_mb: int, warm: int,
    rounds: int, build_dir: Path,
) -> dict[str, list[tuple[float, ...]]]:  # fmt: skip
    import kennisgraaf.ontology as ontology

    model = Path(ontology.__file__).parent
    classpath = build(build_dir)
    runs: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="kg-bench-embedded-") as home:
        argv = [
            "java", f"-Xmx{heap}", "-cp", classpath, "nl.kennisgraaf.bench.EmbeddedWrite",
            str(batch_file), str(schema), str(QUERIES / "load"), home, str(page_cache_mb),
            str(warm), str(rounds), str(model / "shapes.ttl"), str(model / "kennisgraaf.ttl"),
            str(model / "vocabularies.ttl"), str(data),
        ]  # fmt: skip
        done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"EmbeddedWrite failed ({done.returncode}):\n{done.stderr[-3000:]}")
    for line in done.stderr.splitlines():
        if line.startswith(("validation results", "graph after")):
            print(f"  {line}")
    for line in done.stdout.splitlines():
        round_, name, q, c, cpu = line.split("\t")
        print(f"  round {round_}, {name}: {q} + {c} s, CPU {cpu} s", flush=True)
        runs[name].append((float(q), float(c), float(cpu)))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warm", type=int, default=1)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--page-cache-mb", type=int, default=2048)
    parser.add_argument(
        "--embedded-heap",
        default="4g",
        help="the embedded JVM's heap: the engine's plus the benchmark's rows and input",
    )
    parser.add_argument(
        "--full-text",
        choices=("sync", "eventual", "none"),
        default="sync",
        help="the embedded engine's full-text indexes: as the project's schema (updated in the "
        "commit), eventually consistent, or none",
    )
    parser.add_argument("--no-bolt", action="store_true", help="the embedded variants only")
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument(
        "--build-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-embedded-write"
    )
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    path = args.data_dir / f"kg-bench-{args.size}-seed1.nt"
    generate(path, args.size, 1)
    batches = prepared_batches(path)
    batch_file = args.data_dir / f"kg-bench-{args.size}-batches.jsonl"
    dump_batches(batches, batch_file)
    schema = args.data_dir / f"schema-{args.full_text}.cypher"
    schema_file(schema, args.full_text)
    nodes = sum(len(b.fresh) for b in batches)
    links = sum(len(b.link_rows) for b in batches)
    print(f"{path.name}: {len(batches)} batches, {nodes:,} new nodes, {links:,} relationships")
    print(
        f"engines: {args.heap} heap, {args.page_cache_mb} MiB page cache; embedded full-text "
        f"indexes: {args.full_text}"
    )
    results: dict[str, list[tuple[float, ...]]] = {}
    if not args.no_bolt:
        results[BOLT] = bolt(batches, args.heap, args.page_cache_mb, args.warm, args.rounds)
    results.update(
        embedded(batch_file, schema, path, args.embedded_heap, args.page_cache_mb, args.warm,
                 args.rounds, args.build_dir)
    )  # fmt: skip
    median = {
        n: sorted(r, key=lambda x: x[0] + x[1])[(len(r) - 1) // 2] for n, r in results.items()
    }
    first = next(iter(median))
    print(f"\n| writes | writes (s) | commits (s) | total (s) | / {first} | engine CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    base = sum(median[first][:2])
    for name, (q, c, cpu) in median.items():
        print(f"| {name} | {q:.2f} | {c:.2f} | {q + c:.2f} | {(q + c) / base:.2f} | {cpu:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
