"""Reconciliation and register linking on the register-loaded graph.

    python -m benchmarks.bench_reconcile_registers [--runs 20]

A throw-away local Neo4j gets the vocabularies, the seed, the sample and every shipped register
file (CBS municipalities, DUO vestigingen, ROR) through the real pipeline; then
`kennisgraaf registers link` runs once (its time is measured), and the reconciliation service's
own function (no HTTP: api/reconciliation.reconcile) answers, `--runs` times each, one batch of
the twenty names people type of tests/integration/test_reconciliation_registers.py and each of
those names alone. Printed: load and link times, organisations in the graph, the median and
95th percentile latency of the batch and of a single query.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path

from benchmarks.engine import DATABASE, local_neo4j, open_bench_driver

BASE_IRI = "https://w3id.org/kennisgraaf/"
REGISTERS = Path(__file__).resolve().parents[1] / "data" / "registers"
NAMES = [
    ("RSG Wolfsbos", "school"), ("rsg wolfsbos hoogeveen", None),
    ("CSG Vincent van Gogh", "school"), ("Vincent van Gogh Assen", "school"),
    ("Dr. Nassau College Noordenveld", "school"), ("esdal college emmen", "school"),
    ("Carmelcollege Emmen", None), ("Dingstede Meppel", "school"),
    ("greijdanus meppel", "school"), ("Gomarus College Assen", "school"),
    ("De Nieuwe Veste Coevorden", "school"), ("Hondsrug College", "school"),
    ("PRAKTIJKSCHOOL EMMEN", "school"), ("De Meander Hoogeveen", "school"),
    ("RSG de Borgen", "school"), ("HvA", "research-organisation"),
    ("hogeschool van amsterdam", None), ("UvA", "research-organisation"),
    ("Universiteit Utrecht", "research-organisation"),
    ("Hogeschool voor de Kunsten Utrecht", None),
]  # fmt: skip


def _query(text: str, type_id: str | None) -> dict[str, object]:
    return {"query": text, **({"type": type_id} if type_id else {})}


def _percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {1000 * statistics.median(ordered):.1f} ms, p95 {1000 * p95:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from kennisgraaf.api import reconciliation as recon
    from kennisgraaf.graph.schema import ensure_schema
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file
    from kennisgraaf.loaders.register_links import link_registers
    from kennisgraaf.ontology.files import dataset_path

    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    files = [
        (vocabularies, "rdf"), (dataset_path("seed"), "rdf"), (dataset_path("sample"), "rdf"),
        (REGISTERS / "cbs" / "municipalities.csv", "cbs-regions"),
        *((p, "duo") for p in sorted((REGISTERS / "duo").glob("*.csv"))),
        (REGISTERS / "ror" / "ror-nl.json.gz", "ror"),
    ]  # fmt: skip
    with (
        tempfile.TemporaryDirectory(prefix="kg-bench-regs-") as tmp,
        local_neo4j() as uri,
        open_bench_driver(uri) as driver,
    ):
        ensure_schema(driver, DATABASE)
        options = LoadOptions(base_iri=BASE_IRI, quarantine_dir=Path(tmp) / "quarantine")
        began = time.monotonic()
        for path, kind in files:
            options.kind = kind
            report = load_file(path, driver, DATABASE, options)
            print(f"{path.name}: {report.status}, {report.statements_loaded} statements")
        print(f"load: {time.monotonic() - began:.1f} s")
        options.kind = "rdf"
        began = time.monotonic()
        links = link_registers(driver, DATABASE, options)
        print(f"link: {time.monotonic() - began:.1f} s, {links.summary()}")
        records, _, _ = driver.execute_query(
            "MATCH (o:Organisation) RETURN count(o) AS n", database_=DATABASE
        )
        print(f"organisations in the graph: {records[0]['n']}")
        batch = recon.parse_batch({f"q{i}": _query(*n) for i, n in enumerate(NAMES)})
        singles = [recon.parse_batch({"q": _query(*n)}) for n in NAMES]
        for _ in range(3):  # warm-up: query plans, page cache
            recon.reconcile(driver, DATABASE, batch)
        timed: list[float] = []
        for _ in range(args.runs):
            began = time.perf_counter()
            recon.reconcile(driver, DATABASE, batch)
            timed.append(time.perf_counter() - began)
        print(f"batch of {len(NAMES)} names: {_percentiles(timed)}")
        timed = []
        for _ in range(args.runs):
            for single in singles:
                began = time.perf_counter()
                recon.reconcile(driver, DATABASE, single)
                timed.append(time.perf_counter() - began)
        print(f"one name: {_percentiles(timed)} ({len(timed)} queries)")


if __name__ == "__main__":
    main()
