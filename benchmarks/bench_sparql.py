"""SPARQL: pyoxigraph (the endpoint's engine) against rdflib's own engine, and `/sparql` under load.

    python -m benchmarks.bench_sparql [--triples 100000] [--duration 15] [--write BENCHMARKS.md]

For each graph — the sample (with the vocabularies) and, when `benchmarks/generate.py` is there, a
generated graph of about `--triples` statements — the data is loaded into a throw-away local Neo4j
through the real pipeline, the endpoint's derived store is built from Neo4j, and rdflib parses the
same statements. The same query texts then run on both engines in this one process (results
compared row for row). With the largest graph still loaded, `kennisgraaf serve` answers `/sparql`
on loopback while wrk (or, without wrk, an httpx asyncio client) keeps concurrent requests coming.
The cost of the process pool (one round trip, replacing a killed process) is measured too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.served import serve

HEADING = "## SPARQL (issue 6)"
BASE = "https://w3id.org/kennisgraaf/"
PREFIXES = """PREFIX kg: <https://w3id.org/kennisgraaf/def#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
QUERIES = {
    "studies per theme (GROUP BY)": PREFIXES
    + """SELECT ?theme (COUNT(?s) AS ?n) WHERE {
  ?s prov:wasGeneratedBy ?c ; kg:theme ?theme } GROUP BY ?theme ORDER BY DESC(?n) ?theme""",
    "question→study→product (4-way join)": PREFIXES
    + """SELECT ?q ?s ?p WHERE {
  ?c prov:used ?q . ?q a kg:KnowledgeQuestion . ?s prov:wasGeneratedBy ?c .
  ?o prov:used ?s . ?p prov:wasGeneratedBy ?o } ORDER BY ?q ?s ?p""",
    "people A–M (FILTER regex)": PREFIXES
    + """SELECT ?p ?name WHERE {
  ?p a kg:Person ; foaf:name ?name FILTER(REGEX(?name, "^[A-M]")) } ORDER BY ?name ?p""",
    "English titles (CONSTRUCT)": PREFIXES
    + """CONSTRUCT { ?x dcterms:title ?t } WHERE {
  ?x dcterms:title ?t FILTER(LANG(?t) = "en") }""",
}
BOUNDARY = "boundary crossers (shipped .rq)"


def timed(run: Callable[[], object], budget_s: float, at_most: int) -> tuple[float, int]:
    """Median seconds of `run` over as many repetitions as fit `budget_s` (≥ 3, ≤ at_most)."""
    times: list[float] = []
    while len(times) < 3 or (sum(times) < budget_s and len(times) < at_most):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(times)


def rows_of(result: Any) -> list[tuple[str, ...]]:
    """A result as comparable rows of term values, whichever engine gave it."""
    import pyoxigraph as ox

    if isinstance(result, ox.QuerySolutions):
        return [tuple("" if t is None else t.value for t in s) for s in result]
    if isinstance(result, ox.QueryTriples):
        return sorted((t.subject.value, t.predicate.value, t.object.value) for t in result)
    if getattr(result, "type", None) == "CONSTRUCT":
        return sorted(tuple(str(x) for x in t) for t in result)
    return [tuple("" if t is None else str(t) for t in row) for row in result]


def load_graph(driver: Any, files: list[Path], tmp: Path) -> int:
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file

    loaded = 0
    for path in files:
        report = load_file(path, driver, "neo4j", LoadOptions(
            base_iri=BASE, quarantine_dir=tmp / "quarantine", batch_size=20000))  # fmt: skip
        loaded += report.statements_loaded
    return loaded


def compare_engines(driver: Any, tmp: Path, name: str) -> dict[str, Any]:
    import pyoxigraph as ox
    from rdflib import Graph

    from kennisgraaf.graph.exporter import iter_triples
    from kennisgraaf.graph.model import natural_datatypes
    from kennisgraaf.queries.registry import get_query
    from kennisgraaf.sparql.store import DerivedStore

    derived = DerivedStore(tmp / f"store-{name}", driver, "neo4j", BASE)
    with derived.lease() as generation:
        store = ox.Store.read_only(str(generation.path))
        started = time.perf_counter()
        data = ox.serialize(iter_triples(driver, "neo4j", BASE, natural_datatypes()),
                            format=ox.RdfFormat.N_TRIPLES)  # fmt: skip
        graph = Graph().parse(data=data, format="nt")
        rdflib_load = time.perf_counter() - started
        queries = {BOUNDARY: get_query("networks.boundary_crossers_sparql").text, **QUERIES}
        results = []
        for label, text in queries.items():
            ox_rows = rows_of(store.query(text))
            rdf_rows = rows_of(graph.query(text))
            same = sorted(ox_rows) == sorted(rdf_rows)
            ox_s, ox_n = timed(lambda t=text: rows_of(store.query(t)), 2.0, 200)
            rdf_s, rdf_n = timed(lambda t=text: rows_of(graph.query(t)), 10.0, 20)
            results.append({"query": label, "rows": len(ox_rows), "same": same,
                            "pyoxigraph_ms": ox_s * 1000, "rdflib_ms": rdf_s * 1000,
                            "runs": (ox_n, rdf_n)})  # fmt: skip
            print(f"  {label}: {len(ox_rows)} rows, same={same}, pyoxigraph "
                  f"{ox_s * 1000:.2f} ms, rdflib {rdf_s * 1000:.1f} ms, "
                  f"×{rdf_s / ox_s:.0f}")  # fmt: skip
    derived.close()
    return {"graph": name, "triples": generation.triples, "build_s": generation.build_seconds,
            "rdflib_load_s": rdflib_load, "queries": results}  # fmt: skip


def pool_overhead(driver: Any, tmp: Path) -> dict[str, float]:
    """One round trip through a query process versus the same query in-process."""
    import pyoxigraph as ox

    from kennisgraaf.sparql.pool import Worker, WorkerPool
    from kennisgraaf.sparql.store import DerivedStore, graph_version

    derived = DerivedStore(tmp / "store-overhead", driver, "neo4j", BASE)
    with derived.lease() as generation:
        request = {"store": str(generation.path), "query": "ASK {}", "default_graphs": [],
                   "named_graphs": [], "results_format": "json", "graph_format": None,
                   "max_results": 10}  # fmt: skip
        store = ox.Store.read_only(str(generation.path))
        in_process, _ = timed(lambda: bool(store.query("ASK {}")), 1.0, 2000)
        pool = WorkerPool(1, {})
        pool.run(request, 30.0)
        round_trip, _ = timed(lambda: pool.run(request, 10.0), 1.0, 2000)
        pool.close()
        version, _ = timed(lambda: graph_version(driver, "neo4j"), 1.0, 500)
        spawn: list[float] = []
        for _ in range(5):
            started = time.perf_counter()
            worker = Worker({})
            worker.call(request, time.monotonic() + 30.0)
            spawn.append(time.perf_counter() - started)
            worker.kill()
    derived.close()
    return {"in_process_ms": in_process * 1000, "round_trip_ms": round_trip * 1000,
            "version_check_ms": version * 1000,
            "replacement_ms": statistics.median(spawn) * 1000}  # fmt: skip


def wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    units = {"us": 1e-3, "ms": 1.0, "s": 1000.0}

    def latency(pct: str) -> float:
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        assert m, out
        return float(m.group(1)) * units[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert rps, out
    return {"rps": float(rps.group(1)), "p50_ms": latency("50"), "p99_ms": latency("99"),
            "errors": float(non2xx.group(1)) if non2xx else 0.0}  # fmt: skip


def httpx_load(url: str, duration: int, connections: int) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0

    async def client(http: httpx.AsyncClient, until: float) -> None:
        nonlocal errors
        while time.monotonic() < until:
            started = time.perf_counter()
            response = await http.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200

    async def run() -> None:
        until = time.monotonic() + duration
        async with httpx.AsyncClient(timeout=60) as http:
            await asyncio.gather(*(client(http, until) for _ in range(connections)))

    asyncio.run(run())
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / duration, "p50_ms": q[49], "p99_ms": q[98],
            "errors": float(errors)}  # fmt: skip


def http_load(uri: str, tmp: Path, duration: int, connections: int) -> dict[str, Any]:
    from benchmarks.engine import free_port
    from kennisgraaf.queries.registry import get_query

    port = free_port()
    proc = serve(uri, tmp / "serve-data", port)
    try:
        import httpx

        measured: dict[str, Any] = {"tool": "wrk" if shutil.which("wrk") else "httpx"}
        for label, text in ((BOUNDARY, get_query("networks.boundary_crossers_sparql").text),
                            ("studies per theme (GROUP BY)", QUERIES[
                                "studies per theme (GROUP BY)"])):  # fmt: skip
            url = f"http://127.0.0.1:{port}/sparql?query={quote(text, safe='')}"
            assert httpx.get(url, timeout=120).status_code == 200  # builds the store
            load = wrk if measured["tool"] == "wrk" else httpx_load
            measured[label] = load(url, duration, connections)
            print(f"  /sparql {label}: {measured[label]}")
        return measured
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def section(args: argparse.Namespace, graphs: list[dict[str, Any]], overhead: dict[str, float],
            load: dict[str, Any], facts: dict[str, str]) -> str:  # fmt: skip
    lines = [
        HEADING, "",
        f"Command (repository root, project venv): `python -m benchmarks.bench_sparql "
        f"--triples {args.triples} --duration {args.duration} --connections {args.connections} "
        "--write BENCHMARKS.md`", "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in facts.items()) + ".", "",
        "Each graph is loaded into a throw-away local Neo4j through the real pipeline; the "
        "endpoint's store is derived from Neo4j (`iter_triples` → on-disk pyoxigraph); rdflib "
        "parses the same statements. Same query text on both engines, in one process, results "
        "compared row for row; times are medians of repeated runs including reading all rows.",
        "",
        "### Engines: pyoxigraph vs rdflib's SPARQL engine", "",
        "| graph | triples | query | rows | same rows | pyoxigraph (ms) | rdflib (ms) | "
        "rdflib / pyoxigraph |",
        "|---|---:|---|---:|---|---:|---:|---:|",
    ]  # fmt: skip
    for g in graphs:
        for q in g["queries"]:
            lines.append(
                f"| {g['graph']} | {g['triples']:,} | {q['query']} | {q['rows']:,} | "
                f"{'yes' if q['same'] else 'NO'} | {q['pyoxigraph_ms']:.2f} | "
                f"{q['rdflib_ms']:.1f} | {q['rdflib_ms'] / q['pyoxigraph_ms']:,.0f}× |"
            )
    lines += ["", "| graph | triples | derived store build from Neo4j (s) | rdflib parse (s) |",
              "|---|---:|---:|---:|"]  # fmt: skip
    for g in graphs:
        lines.append(f"| {g['graph']} | {g['triples']:,} | {g['build_s']:.2f} | "
                     f"{g['rdflib_load_s']:.2f} |")  # fmt: skip
    lines += [
        "", "### Cost of the time limit (query processes)", "",
        f"- `ASK {{}}` in-process: {overhead['in_process_ms']:.3f} ms; through a query process "
        f"(JSON request, framed pipes, answer): {overhead['round_trip_ms']:.3f} ms — "
        f"{overhead['round_trip_ms'] - overhead['in_process_ms']:.3f} ms added per query.",
        f"- Graph-version check (one Cypher query per request): "
        f"{overhead['version_check_ms']:.2f} ms.",
        f"- Replacing a killed process (start to first answer): "
        f"{overhead['replacement_ms']:.0f} ms, not charged to the next query's limit.",
        "", f"### `/sparql` under concurrent load ({load['tool']}, loopback)", "",
        f"`kennisgraaf serve` (one uvicorn process, query pool of "
        f"{_pool_size()} processes) against the local Neo4j holding the largest graph; "
        f"{args.connections} connections for {args.duration} s per query, GET with the query "
        "in the URL, JSON results; client and server share the machine.", "",
        "| query | requests/s | p50 (ms) | p99 (ms) | non-200 |", "|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for label, m in load.items():
        if label != "tool":
            lines.append(f"| {label} | {m['rps']:,.0f} | {m['p50_ms']:.1f} | "
                         f"{m['p99_ms']:.1f} | {m['errors']:.0f} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def _pool_size() -> int:
    from kennisgraaf.sparql.service import default_pool_size

    return default_pool_size()


def write_section(path: Path, text: str, heading: str = HEADING) -> None:
    """Replace the section under `heading`, or append it; other sections stay as they are."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = current.find(heading + "\n")
    if start < 0:
        path.write_text(current.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    following = current.find("\n## ", start + len(heading))
    rest = current[following + 1 :] if following >= 0 else ""
    path.write_text(current[:start] + text + ("\n" + rest if rest else ""), encoding="utf-8")


def machine() -> dict[str, str]:
    import platform
    from importlib.metadata import version

    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines
                if line.startswith("model name")), "unknown")  # fmt: skip
    return {"cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "pyoxigraph": version("pyoxigraph"), "rdflib": version("rdflib")}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000,
                        help="size of the generated graph (0: sample only)")  # fmt: skip
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per query")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--write", type=Path, help="put the section into this Markdown file")
    args = parser.parse_args()

    from benchmarks.engine import local_neo4j, open_bench_driver, reset
    from kennisgraaf.ontology.files import dataset_path

    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    graphs: list[tuple[str, list[Path]]] = [("sample", [vocabularies, dataset_path("sample")])]
    with tempfile.TemporaryDirectory(prefix="kg-bench-sparql-") as scratch:
        tmp = Path(scratch)
        generator = Path(__file__).with_name("generate.py")
        if args.triples and generator.exists():
            out = tmp / "generated.nt"
            subprocess.run([sys.executable, "-m", "benchmarks.generate", "--triples",
                            str(args.triples), "--out", str(out)], check=True)  # fmt: skip
            graphs.append((f"generated {args.triples:,}", [vocabularies, out]))
        results = []
        with local_neo4j(heap="2g", page_cache_mb=1024) as uri, open_bench_driver(uri) as driver:
            for name, files in graphs:
                reset(driver, "kennisgraaf")
                started = time.perf_counter()
                loaded = load_graph(driver, files, tmp)
                print(f"{name}: {loaded:,} statements loaded in "
                      f"{time.perf_counter() - started:.0f} s")  # fmt: skip
                results.append(compare_engines(driver, tmp, name.split()[0]))
            overhead = pool_overhead(driver, tmp)
            print(f"pool: {overhead}")
            load = http_load(uri, tmp, args.duration, args.connections)
    text = section(args, results, overhead, load, machine())
    print(text)
    if args.write:
        write_section(args.write, text)


if __name__ == "__main__":
    main()
