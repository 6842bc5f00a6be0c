"""Reconciliation at work and under the attacks of issue 16 (finding 4), side by side with an
older checkout of the project when one is given.

    python -m benchmarks.bench_reconcile [--base /tmp/base-worktree] [--parallel 45]
                                         [--write BENCHMARKS.md]

A throw-away local Neo4j gets the vocabularies, the seed and the sample through the real
pipeline. For each system (this tree; with --base, that checkout, imported through a package
link tree like the editable install's) one uvicorn process serves the API on loopback, rate
limits off so the cost bounds themselves are measured, and the benchmark measures:

* work: the median latency of an OpenRefine-sized batch (10 queries: names of people,
  organisations, questions) and of a single query;
* the 128 KB attacks: one batch of 500 queries of 256 bytes, and one query of 128 KB text;
* the flood: `--parallel` 2 KB requests at once (one query of 2 KB text, every type), a
  `/health` request sent 0.5 s into it (its latency), the time until the last answer;
* the peak RSS of the server process (VmHWM), the largest over the phases.

Each phase runs on a fresh server process (after three warm-up batches), so work that a
timed-out client left behind does not weigh on the next. This tree runs once more with its
default rate limits on, the flood only, to show what the flood gets then. A request still
unanswered after --timeout seconds counts as that many seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from benchmarks.engine import DATABASE, free_port, local_neo4j, open_bench_driver
from benchmarks.served import wait_for_health

HEADING = "## Reconciliation cost limits (issue 16)"
BASE_IRI = "https://w3id.org/kennisgraaf/"
WORK_BATCH = {
    "p1": {"query": "Ayse Demir", "type": "person"},
    "p2": {"query": "Lote Visser", "type": "person"},
    "p3": {"query": "Hanna Mulder", "type": "person"},
    "o1": {"query": "Universiteit Utrecht", "type": "organisation"},
    "o2": {"query": "Inspectie van het Onderwijs", "type": "organisation"},
    "n1": {"query": "Werkplaats Rijnvallei", "type": "network"},
    "q1": {
        "query": "Hoe kunnen we begrijpend lezen in groep 6 t/m 8 effectiever onderwijzen",
        "type": "question",
    },
    "q2": {"query": "feedback in het voortgezet onderwijs"},
    "s1": {"query": "Expliciete directe instructie", "type": "study"},
    "x1": {"query": "Basisschool De Regenboog"},
}
WORDS = [
    "hoe",
    "kunnen",
    "leraren",
    "onderwijs",
    "school",
    "lezen",
    "rekenen",
    "feedback",
    "groep",
    "leerlingen",
]


def text_of(size: int) -> str:
    """Dutch words, repeated, cut to `size` characters."""
    out: list[str] = []
    length = 0
    while length < size:
        out.append(WORDS[len(out) % len(WORDS)])
        length += len(out[-1]) + 1
    return " ".join(out)[:size]


def form(queries: dict[str, Any]) -> dict[str, str]:
    return {"queries": json.dumps(queries)}


def load_sample(uri: str, tmp: Path) -> None:
    from kennisgraaf.graph.schema import ensure_schema
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file
    from kennisgraaf.ontology.files import dataset_path

    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    with open_bench_driver(uri) as driver:
        ensure_schema(driver, DATABASE)
        for path in (vocabularies, dataset_path("seed"), dataset_path("sample")):
            options = LoadOptions(base_iri=BASE_IRI, quarantine_dir=tmp / "quarantine")
            report = load_file(path, driver, DATABASE, options)
            assert report.status == "loaded", report


def link_tree(checkout: Path, into: Path) -> Path:
    """`kennisgraaf.*` of another checkout, laid out as pyproject's package-dir says."""
    config = tomllib.loads((checkout / "pyproject.toml").read_text())
    mapping: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    root = into / "kennisgraaf"
    root.mkdir(parents=True)
    for entry in (checkout / mapping["kennisgraaf"]).iterdir():
        (root / entry.name).symlink_to(entry)
    for package, folder in mapping.items():
        parts = package.split(".")[1:]
        if len(parts) == 1:
            (root / parts[0]).symlink_to(checkout / folder)
    return into


def serve(uri: str, data_dir: Path, port: int, pythonpath: Path | None, limits: bool) -> Any:
    env = {
        **os.environ,
        "NEO4J_URI": uri,
        "KENNISGRAAF_DATA_DIR": str(data_dir),
        "KENNISGRAAF_RATE_LIMIT_ENABLED": "true" if limits else "false",
    }
    env.pop("NEO4J_PASSWORD", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    code = (
        "import uvicorn\nfrom kennisgraaf.api.app import create_app\n"
        f"uvicorn.run(create_app(), host='127.0.0.1', port={port}, log_level='warning')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=tempfile.gettempdir())
    return wait_for_health(proc, port, 90, "the API")


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def post(url: str, data: dict[str, str], timeout: float) -> tuple[int, float]:
    """Status and seconds; a request unanswered after `timeout` is (0, timeout)."""
    import httpx

    began = time.perf_counter()
    try:
        status = httpx.post(url, data=data, timeout=timeout).status_code
    except httpx.TimeoutException:
        return 0, timeout
    return status, time.perf_counter() - began


def median_of(run: Callable[[], float], times: int) -> float:
    return statistics.median(run() for _ in range(times))


def work(url: str, timeout: float) -> dict[str, Any]:
    one = form({"q": WORK_BATCH["q1"]})
    return {
        "batch10_ms": 1000 * median_of(lambda: post(url, form(WORK_BATCH), timeout)[1], 15),
        "single_ms": 1000 * median_of(lambda: post(url, one, timeout)[1], 15),
    }


def batch500(url: str, timeout: float) -> dict[str, Any]:
    many = {f"q{i}": {"query": text_of(230)} for i in range(500)}
    return {"batch500": post(url, form(many), timeout), "batch500_bytes": len(json.dumps(many))}


def text128k(url: str, timeout: float) -> dict[str, Any]:
    return {"text128k": post(url, form({"q": {"query": text_of(128 * 1024)}}), timeout)}


def flood(url: str, parallel: int, timeout: float) -> dict[str, Any]:
    import httpx

    attack = form({"q": {"query": text_of(2000)}})
    results: list[tuple[int, float]] = []
    threads = [
        threading.Thread(target=lambda: results.append(post(url, attack, timeout)))
        for _ in range(parallel)
    ]
    began = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(0.5)
    health_url = url.removesuffix("/reconcile") + "/health"
    health_began = time.perf_counter()
    try:
        httpx.get(health_url, timeout=timeout).raise_for_status()
        health_s = time.perf_counter() - health_began
    except httpx.TimeoutException:
        health_s = timeout
    for t in threads:
        t.join()
    return {
        "health_s": health_s,
        "flood_s": time.perf_counter() - began,
        "flood_statuses": sorted({s for s, _ in results}),
        "flood_429": sum(1 for s, _ in results if s == 429),
    }


def run_system(
    uri: str, tmp: Path, pythonpath: Path | None, limits: bool, parallel: int, timeout: float
) -> dict[str, Any]:
    """Each phase on a fresh server process, so work a timed-out client left behind does not
    weigh on the next phase; the peak RSS is the largest of the phases'. With rate limits on,
    only the flood (the other phases would mostly measure the limiter)."""
    phases: list[Callable[[str], dict[str, Any]]] = [
        lambda url: flood(url, parallel, timeout),
    ]
    if not limits:
        phases[:0] = [
            lambda url: work(url, timeout),
            lambda url: batch500(url, timeout),
            lambda url: text128k(url, timeout),
        ]
    out: dict[str, Any] = {"peak_rss_mb": 0.0}
    for phase in phases:
        port = free_port()
        proc = serve(uri, tmp / f"data-{port}", port, pythonpath, limits)
        try:
            url = f"http://127.0.0.1:{port}/reconcile"
            for _ in range(3):  # warm-up: plans cached, index online
                post(url, form(WORK_BATCH), timeout)
            out.update(phase(url))
            out["peak_rss_mb"] = max(out["peak_rss_mb"], peak_rss_mb(proc.pid))
        finally:
            proc.terminate()  # uvicorn waits for requests in flight: a stuck one is killed
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return out


def status_time(result: tuple[int, float], timeout: float) -> str:
    status, seconds = result
    if status == 0:
        return f"no answer in {timeout:g} s"
    return f"{status} in {seconds:.2f} s"


def report(results: dict[str, dict[str, Any]], parallel: int, timeout: float) -> str:
    names = list(results)
    rows = [
        ("batch of 10 queries (OpenRefine's size), median", "batch10_ms", "{:.0f} ms"),
        ("one query, median", "single_ms", "{:.0f} ms"),
    ]
    lines = [
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for label, key, fmt in rows:
        lines.append(
            f"| {label} | "
            + " | ".join(fmt.format(results[n][key]) if key in results[n] else "–" for n in names)
            + " |"
        )
    first = results[names[0]]
    lines += [
        f"| 128 KB: 500 queries of 256 bytes ({first['batch500_bytes'] // 1024} KB) | "
        + " | ".join(
            status_time(results[n]["batch500"], timeout) if "batch500" in results[n] else "–"
            for n in names
        )
        + " |",
        "| 128 KB: one query of 128 KB text | "
        + " | ".join(
            status_time(results[n]["text128k"], timeout) if "text128k" in results[n] else "–"
            for n in names
        )
        + " |",
        f"| {parallel} parallel 2 KB requests: `/health` sent 0.5 s in | "
        + " | ".join(f"{results[n]['health_s']:.2f} s" for n in names)
        + " |",
        f"| {parallel} parallel 2 KB requests: last answer | "
        + " | ".join(f"{results[n]['flood_s']:.1f} s" for n in names)
        + " |",
        f"| {parallel} parallel 2 KB requests: statuses (429s) | "
        + " | ".join(f"{results[n]['flood_statuses']} ({results[n]['flood_429']})" for n in names)
        + " |",
        "| peak RSS of the server process (VmHWM) | "
        + " | ".join(f"{results[n]['peak_rss_mb']:.0f} MB" for n in names)
        + " |",
    ]
    return "\n".join(lines)


def write_section(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find(HEADING)
    section = f"{HEADING}\n\n{body}\n"
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout to measure side by side")
    parser.add_argument("--parallel", type=int, default=45)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--write", type=Path, help="put the section into this file")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-recon-") as tmp_name, local_neo4j() as uri:
        tmp = Path(tmp_name)
        load_sample(uri, tmp)
        systems: list[tuple[str, Path | None, bool]] = [("this tree", None, False)]
        if args.base:
            base = link_tree(args.base.resolve(), tmp / "base-packages")
            commit = subprocess.run(
                ["git", "-C", str(args.base), "rev-parse", "--short", "HEAD"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()  # fmt: skip
            systems.append((f"base {commit}", base, False))
        systems.append(("this tree, rate limits on", None, True))
        for name, pythonpath, limits in systems:
            print(f"measuring {name} …", flush=True)
            results[name] = run_system(uri, tmp, pythonpath, limits, args.parallel, args.timeout)
            print(json.dumps(results[name]), flush=True)
    given = list(sys.argv[1:] if argv is None else argv)
    if "--write" in given:  # where the figures go is no part of how they were measured
        at = given.index("--write")
        del given[at : at + 2]
    command = " ".join(["python -m benchmarks.bench_reconcile", *given])
    body = (
        f"`{command}` — the sample graph (vocabularies, seed, sample) in a local Neo4j; one "
        "uvicorn process per system on loopback, client and server on the same machine; rate "
        "limits off except in the last column. Statuses: 200 answered, 400 refused (batch over "
        f"the cap), 429 over the rate limit, 503 over the time budget.\n\n"
        + report(results, args.parallel, args.timeout)
    )
    print(body)
    if args.write:
        write_section(args.write, body)


if __name__ == "__main__":
    main()
