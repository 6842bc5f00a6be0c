"""What the shape of a batch's write costs Neo4j: the writer's queries against variants of them.

    python -m benchmarks.bench_write_shapes [--size 100000] [--rounds 3] [--warm 3]

The generated file of `--size` statements is parsed, mapped and its rows prepared once, as a
load prepares them (graph/batch_rows.py, batches of 20,000). Then, on one local Neo4j warmed by
`--warm` writes of the whole file, each variant writes every batch in its own transaction into
the emptied database, `--rounds` times, the variants' order turned round every other round:

- *as written*: the writer's queries for new resources (load.create_nodes,
  load.merge_references, load.write_relationships);
- *links without provenance*: relationships without their properties (`sources`, `_imp:<key>`);
- *links by subject*: relationships sent one row per subject (one look-up of the subject);
- *nodes without snapshots*: nodes without their per-source snapshots (`_by:<key>` JSON);
- *nodes only*: no relationships at all (what the relationships cost, by difference).

Printed per variant, median round: seconds in the queries, in the commit, and the Neo4j process's
CPU seconds (from /proc). Only ratios within one run mean something on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.engine import local_neo4j, open_bench_driver, reset
from benchmarks.generate import generate

HERE = Path(__file__).parent / "cypher"
BASE_IRI = "https://w3id.org/kennisgraaf/"
VARIANTS = (
    "as written",
    "links without provenance",
    "links by subject",
    "nodes without snapshots",
    "nodes only",
)


def neo4j_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def engine_pid(port: str) -> int:
    """The local engine's process: the java whose command line names the Bolt port."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"java") and port.encode() in argv:
            return int(entry.name)
    raise RuntimeError(f"no engine process for port {port}")


def prepared_batches(path: Path) -> list[Any]:
    from kennisgraaf.graph.batch_rows import prepare
    from kennisgraaf.graph.mapping import Skolemizer, map_statements, resolve
    from kennisgraaf.graph.model import natural_datatypes
    from kennisgraaf.loaders.sources import open_source

    natural = natural_datatypes()
    reader = open_source(path, kind="rdf", fmt=None, mapping=None, base_iri=BASE_IRI)
    skolem = Skolemizer(BASE_IRI, scope="write-shapes")
    return [
        prepare(map_statements(resolve(b.statements, skolem), natural, path.name), "bench", natural)
        for b in reader.batches(20_000)
    ]


def _by_subject(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        links[r["s"]].append({"type": r["type"], "o": r["o"], "props": r["props"]})
    return [{"s": s, "links": found} for s, found in links.items()]


def _without_snapshots(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**r, "props": {k: v for k, v in r["props"].items() if not k.startswith("_by:")}}
        for r in rows
    ]


def writer(variant: str) -> Callable[[Any, Any], None]:
    from kennisgraaf.graph.batch_rows import Rows
    from kennisgraaf.queries.registry import get_query

    nodes = get_query("load.create_nodes").text
    refs = get_query("load.merge_references").text
    links = get_query("load.write_relationships").text
    bare = (HERE / "write_links_bare.cypher").read_text(encoding="utf-8")
    by_subject = (HERE / "write_links_by_subject.cypher").read_text(encoding="utf-8")

    def write(tx: Any, batch: Any) -> None:
        node_rows = list(batch.fresh.values())
        if variant == "nodes without snapshots":
            node_rows = _without_snapshots(node_rows)
        tx.run(nodes, rows=Rows(node_rows)).consume()
        tx.run(refs, iris=Rows(sorted(batch.references - batch.fresh.keys()))).consume()
        link_rows = list(batch.link_rows.values())
        if variant == "links without provenance":
            tx.run(bare, rows=Rows(link_rows)).consume()
        elif variant == "links by subject":
            tx.run(by_subject, rows=Rows(_by_subject(link_rows))).consume()
        elif variant != "nodes only":
            tx.run(links, rows=Rows(link_rows)).consume()

    return write


def write_all(driver: Any, batches: list[Any], variant: str, pid: int) -> tuple[float, ...]:
    reset(driver, "kennisgraaf")
    write = writer(variant)
    queries = commits = 0.0
    cpu = neo4j_cpu_seconds(pid)
    for batch in batches:
        with driver.session(database="neo4j") as session:
            tx = session.begin_transaction()
            began = time.perf_counter()
            write(tx, batch)
            ran = time.perf_counter()
            tx.commit()
            queries += ran - began
            commits += time.perf_counter() - ran
    return queries, commits, neo4j_cpu_seconds(pid) - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    path = args.data_dir / f"kg-bench-{args.size}-seed1.nt"
    generate(path, args.size, 1)
    batches = prepared_batches(path)
    nodes = sum(len(b.fresh) for b in batches)
    links = sum(len(b.link_rows) for b in batches)
    print(f"{path.name}: {len(batches)} batches, {nodes:,} new nodes, {links:,} relationships")
    results: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        pid = engine_pid(uri.rsplit(":", 1)[1])
        for _ in range(args.warm):
            write_all(driver, batches, "as written", pid)
        for round_ in range(args.rounds):
            for variant in VARIANTS if round_ % 2 == 0 else VARIANTS[::-1]:
                results[variant].append(write_all(driver, batches, variant, pid))
                q, c, cpu = results[variant][-1]
                print(
                    f"  round {round_ + 1}, {variant}: {q:.2f} + {c:.2f} s, Neo4j CPU {cpu:.2f} s"
                )
    print("\n| variant | queries (s) | commit (s) | total (s) | / as written | Neo4j CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    median = {
        v: sorted(r, key=lambda x: x[0] + x[1])[(len(r) - 1) // 2] for v, r in results.items()
    }
    base = sum(median["as written"][:2])
    for variant, (q, c, cpu) in median.items():
        print(f"| {variant} | {q:.2f} | {c:.2f} | {q + c:.2f} | {(q + c) / base:.2f} | {cpu:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
