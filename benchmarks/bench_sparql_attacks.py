"""SPARQL under attack: memory of the server and of its query processes, and the latency of an
ordinary query meanwhile.

    python -m benchmarks.bench_sparql_attacks [--duration 20] [--attackers 2]
        [--write BENCHMARKS.md] [--pythonpath DIR --label NAME --json FILE] [--merge FILE …]

The sample (with the vocabularies) is loaded into a throw-away local Neo4j through the real
pipeline; `kennisgraaf serve` answers on loopback (rate limits off: they would hide what the
endpoint itself does). For each attack, `--attackers` clients send it in a loop for `--duration`
seconds while one more client asks an ordinary query (count the questions) over and over. The
resident memory of the server process and of every query process (its children) is sampled
every 10 ms; peaks are the highest VmHWM seen. Attacks:

- cartesian GROUP_CONCAT: each row of a 3-way product of all statements adds the whole graph's
  text to one string (gigabytes within the time limit when nothing stops it);
- nested groups: 5,000 nested `{ … }` (overflows pyoxigraph's parser stack).

`--pythonpath` serves another checkout's code instead (a tree of `kennisgraaf/…` links, as
`pip install -e` makes it), for a side-by-side run; `--label` names that run in the output.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.served import wait_for_health

HEADING = "## SPARQL under attack (issue 16, finding 5)"
KG = "https://w3id.org/kennisgraaf/def#"
ORDINARY = f"SELECT (COUNT(*) AS ?n) {{ ?q a <{KG}KnowledgeQuestion> }}"
ATTACKS = {
    "cartesian GROUP_CONCAT": (
        "SELECT (GROUP_CONCAT(?big) AS ?x) WHERE { { SELECT (GROUP_CONCAT(STR(?o)) AS ?big) "
        "WHERE { ?s ?p ?o } } ?a ?b ?c . ?d ?e ?f }"
    ),
    "5,000 nested groups": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
}


def hwm_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def query_processes(pid: int) -> list[int]:
    """The children of `pid` running the SPARQL query process (not one between fork and exec,
    which still shows the server's memory)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = [int(c) for c in task.read_text().split()]
        except OSError:
            continue
        for child in children:
            try:
                if b"sparql.worker" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
            except OSError:
                continue
    return found


class Peaks:
    """Peak resident memory of the server and (any one of) its query processes, sampled."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.server_kib = 0
        self.worker_kib = 0
        self.workers_seen: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.server_kib = max(self.server_kib, hwm_kib(self.server))
            for child in query_processes(self.server):
                self.workers_seen.add(child)
                self.worker_kib = max(self.worker_kib, hwm_kib(child))

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def ask(http: Any, base: str, query: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    response = http.post(f"{base}/sparql", content=query.encode(),
                         headers={"Content-Type": "application/sparql-query"})  # fmt: skip
    seconds = time.perf_counter() - started
    kind = ""
    if response.status_code != 200:
        try:
            kind = str(response.json().get("error", ""))
        except ValueError:
            kind = "?"
    return response.status_code, kind, seconds


def scenario(base: str, server: int, attack: str | None, duration: float,
             attackers: int) -> dict[str, Any]:  # fmt: skip
    import httpx

    until = time.monotonic() + duration
    outcomes: Counter[str] = Counter()
    attack_seconds: list[float] = []
    ordinary: list[float] = []
    ordinary_status: Counter[str] = Counter()
    lock = threading.Lock()

    def attacker() -> None:
        with httpx.Client(timeout=120) as http:
            while time.monotonic() < until and attack:
                status, kind, seconds = ask(http, base, attack)
                with lock:
                    outcomes[f"{status} {kind}".strip()] += 1
                    attack_seconds.append(seconds)

    def client() -> None:
        with httpx.Client(timeout=120) as http:
            while time.monotonic() < until:
                status, kind, seconds = ask(http, base, ORDINARY)
                with lock:
                    ordinary.append(seconds)
                    ordinary_status[f"{status} {kind}".strip()] += 1

    threads = [threading.Thread(target=attacker) for _ in range(attackers if attack else 0)]
    threads.append(threading.Thread(target=client))
    with Peaks(server) as peaks:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    ranked = sorted(ordinary)

    def pct(p: int) -> float:  # nearest rank: a latency that was measured
        return ranked[max(0, math.ceil(p / 100 * len(ranked)) - 1)]

    return {
        "attacks": dict(outcomes),
        "attack_median_s": statistics.median(attack_seconds) if attack_seconds else 0.0,
        "ordinary": len(ordinary),
        "ordinary_status": dict(ordinary_status),
        "ordinary_p50_ms": pct(50) * 1000,
        "ordinary_p95_ms": pct(95) * 1000,
        "ordinary_max_ms": ranked[-1] * 1000,
        "server_peak_mb": peaks.server_kib / 1024,
        "worker_peak_mb": peaks.worker_kib / 1024,
        "workers_seen": len(peaks.workers_seen),
    }


def serve(uri: str, data_dir: Path, port: int, pythonpath: str | None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEO4J_URI": uri, "KENNISGRAAF_DATA_DIR": str(data_dir),
           "KENNISGRAAF_RATE_LIMIT_ENABLED": "false"}  # fmt: skip
    env.pop("NEO4J_PASSWORD", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-m", "kennisgraaf", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    return wait_for_health(proc, port, 120, "kennisgraaf serve")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks.engine import free_port, local_neo4j, open_bench_driver, reset
    from kennisgraaf.loaders.pipeline import LoadOptions, load_file
    from kennisgraaf.ontology.files import dataset_path

    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-attacks-") as scratch:
        tmp = Path(scratch)
        with local_neo4j() as uri, open_bench_driver(uri) as driver:
            reset(driver, "kennisgraaf")
            for path in (vocabularies, dataset_path("sample")):
                options = LoadOptions(base_iri="https://w3id.org/kennisgraaf/", quarantine_dir=tmp)
                load_file(path, driver, "neo4j", options)
            port = free_port()
            proc = serve(uri, tmp / "serve-data", port, args.pythonpath)
            base = f"http://127.0.0.1:{port}"
            try:
                import httpx

                # builds the derived store and starts the processes
                url = f"{base}/sparql?query={quote(ORDINARY, safe='')}"
                assert httpx.get(url, timeout=120).status_code == 200
                results["no attack"] = scenario(base, proc.pid, None, args.duration, 0)
                print("no attack:", json.dumps(results["no attack"]))
                for name, text in ATTACKS.items():
                    results[name] = scenario(base, proc.pid, text, args.duration,
                                             args.attackers)  # fmt: skip
                    print(f"{name}:", json.dumps(results[name]))
                results["alive after"] = httpx.get(url, timeout=30).status_code == 200
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    return results


def section(args: argparse.Namespace, runs: dict[str, dict[str, Any]]) -> str:
    lines = [
        HEADING, "",
        "Commands (repository root, project venv): each run measures one code base and keeps "
        "its figures (`--json`); `--no-run --merge` puts them side by side. The base commit is "
        "served from a tree of links to a worktree of it (`kennisgraaf/` → `core/`, "
        "`kennisgraaf/api` → `api/`, …):", "",
        "```",
        "python -m benchmarks.bench_sparql_attacks --pythonpath /tmp/base-pkg "
        '--label "base cb0739d" --json base.json',
        "python -m benchmarks.bench_sparql_attacks --json this.json",
        "python -m benchmarks.bench_sparql_attacks --no-run --merge base.json this.json "
        "--write BENCHMARKS.md",
        "```", "",
        f"Machine: {os.cpu_count()} cores shared with other work; default settings (query pool "
        "of 2 processes here, 10 s time limit; this code: 1 GiB address space each, 8 requests "
        "may wait; base: no memory limit, any number wait up to the time limit); "
        f"{args.attackers} clients send the attack in a loop for {args.duration:g} s while one "
        "more asks an ordinary query (count the questions) in a loop. Memory: highest VmHWM "
        "sampled every 10 ms; a query process's is its peak before it was replaced.", "",
        "| run | attack | attack answers | server peak RSS (MB) | query process peak RSS (MB) "
        "| processes seen | ordinary query p50 / p95 / max (ms) | ordinary answers |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]  # fmt: skip
    for label, results in runs.items():
        for name, m in results.items():
            if not isinstance(m, dict):
                continue
            answers = ", ".join(f"{k}: {v}" for k, v in sorted(m["attacks"].items())) or "—"
            ordinary = ", ".join(f"{k}: {v}" for k, v in sorted(m["ordinary_status"].items()))
            lines.append(
                f"| {label} | {name} | {answers} | {m['server_peak_mb']:,.0f} | "
                f"{m['worker_peak_mb']:,.0f} | {m['workers_seen']} | "
                f"{m['ordinary_p50_ms']:,.0f} / {m['ordinary_p95_ms']:,.0f} / "
                f"{m['ordinary_max_ms']:,.0f} | {ordinary} |"
            )
    lines.append("")
    for label, results in runs.items():
        attacked = [m for name, m in results.items() if isinstance(m, dict) and m["attacks"]]
        server = max(m["server_peak_mb"] for m in attacked)
        worker = max(m["worker_peak_mb"] for m in attacked)
        lines.append(
            f"- {label}: server peak {server:,.0f} MB "
            f"({'under' if server < 500 else 'OVER'} the 500 MB bound), query process peak "
            f"{worker:,.0f} MB; served an ordinary query after the attacks: "
            f"{'yes' if results.get('alive after') else 'NO'}."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--attackers", type=int, default=2)
    parser.add_argument("--pythonpath", help="serve the code of this package tree instead")
    parser.add_argument("--label", default="this code")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--merge", type=Path, nargs="*", default=[],
                        help="JSON of earlier runs to put beside this one")  # fmt: skip
    parser.add_argument("--write", type=Path, help="put the section into this Markdown file")
    parser.add_argument("--no-run", action="store_true",
                        help="measure nothing: only put the --merge runs together")  # fmt: skip
    args = parser.parse_args()
    runs: dict[str, dict[str, Any]] = {}
    for earlier in args.merge:
        runs.update(json.loads(earlier.read_text(encoding="utf-8")))
    if not args.no_run:
        runs[args.label] = run(args)
        if args.json:
            args.json.write_text(json.dumps({args.label: runs[args.label]}, indent=1),
                                 encoding="utf-8")  # fmt: skip
    text = section(args, runs)
    print(text)
    if args.write:
        from benchmarks.bench_sparql import write_section

        write_section(args.write, text, HEADING)


if __name__ == "__main__":
    main()
