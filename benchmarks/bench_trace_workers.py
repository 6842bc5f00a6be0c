"""Throughput of the trace endpoint with one and with two API worker processes.

    python -m benchmarks.bench_trace_workers --nodes 1000000 --duration 20 --rounds 2

One graph of synthetic cycle chains (the trace benchmark's, benchmarks/bench_trace.py; `--keep`
reuses a store it kept) in one local Neo4j. `kennisgraaf serve --workers 1` and `--workers 2`
take turns over it (1, 2, 1, 2, …), and for each, wrk drives `/questions/{key}/trace?depth=0`
with 1 and with 16 connections, every request for the next of a few thousand random existing
questions (benchmarks/wrk/rotate_paths.lua). Requests/s, p50, p99 and the responses that were
not 2xx/3xx go to stdout and, with --write, to BENCHMARKS.md, with the 2-worker / 1-worker
ratio of requests/s. wrk, the API workers and Neo4j share the machine's cores: the load average
is sampled during every run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_trace import trace_graph
from benchmarks.engine import free_port
from benchmarks.served import wait_for_health

LUA = Path(__file__).parent / "wrk" / "rotate_paths.lua"
RESULT_PREFIX = "wrk-result "
WARM_UP_S = 5


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    non_2xx_3xx: int
    socket_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def parse_wrk(output: str) -> WrkResult:
    """The figures of the `wrk-result {…}` line rotate_paths.lua prints when wrk is done."""
    lines = [line for line in output.splitlines() if line.startswith(RESULT_PREFIX)]
    if len(lines) != 1:
        raise ValueError(f"expected one {RESULT_PREFIX.strip()!r} line in wrk's output:\n{output}")
    r = json.loads(lines[0].removeprefix(RESULT_PREFIX))
    if r["duration_us"] <= 0:
        raise ValueError(f"wrk ran for no time: {lines[0]}")
    return WrkResult(
        requests=r["requests"],
        seconds=r["duration_us"] / 1e6,
        non_2xx_3xx=r["non_2xx_3xx"],
        socket_errors=r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"],
        p50_ms=r["p50_us"] / 1000,
        p90_ms=r["p90_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
    )


def run_wrk(url: str, paths: Path, connections: int, seconds: int) -> WrkResult:
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(LUA), url, "--", str(paths)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return parse_wrk(out)


@contextmanager
def load_samples() -> Iterator[list[float]]:
    """The 1-minute load average, sampled every second while the block runs."""
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(1.0):
            samples.append(os.getloadavg()[0])

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


def serve(uri: str, workers: int, port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    """`kennisgraaf serve --workers N` over the Neo4j at `uri`, ready once /health answers."""
    env = {**os.environ, "NEO4J_URI": uri, "KENNISGRAAF_DATA_DIR": str(data_dir)}
    env.pop("NEO4J_PASSWORD", None)
    cli = Path(sys.executable).with_name("kennisgraaf")
    proc = subprocess.Popen(
        [str(cli), "serve", "--port", str(port), "--workers", str(workers)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    return wait_for_health(proc, port, what=f"kennisgraaf serve --workers {workers}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)  # its own session: the workers go with it
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@dataclass(frozen=True)
class Run:
    workers: int
    connections: int
    result: WrkResult
    load: float


def measure(
    uri: str, paths: Path, workers_order: list[int], connections: list[int], seconds: int
) -> list[Run]:
    runs = []
    with tempfile.TemporaryDirectory(prefix="kg-trace-workers-") as data:
        for workers in workers_order:
            port = free_port()
            proc = serve(uri, workers, port, Path(data))
            try:
                url = f"http://127.0.0.1:{port}"
                run_wrk(url, paths, 4, WARM_UP_S)  # warm-up: plans cached, every worker busy
                for c in connections:
                    with load_samples() as load:
                        result = run_wrk(url, paths, c, seconds)
                    runs.append(Run(workers, c, result, statistics.fmean(load or [0.0])))
                    print(f"workers {workers}, connections {c:>2}: {result.rps:7.1f} req/s, "
                          f"p50 {result.p50_ms:6.1f} ms, p99 {result.p99_ms:6.1f} ms, "
                          f"non-2xx/3xx {result.non_2xx_3xx}, socket errors "
                          f"{result.socket_errors}, load average {runs[-1].load:.1f}",
                          flush=True)  # fmt: skip
            finally:
                stop(proc)
    return runs


def summary(runs: list[Run], connections: list[int]) -> list[str]:
    """Markdown rows: median figures per workers and connections, and the 2 / 1 worker ratio."""
    lines = [
        "| connections | workers | runs | req/s (median) | p50 (ms) | p99 (ms) | non-2xx/3xx "
        "| socket errors | load avg | req/s 2 / 1 worker |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in connections:
        rps = {}
        for workers in (1, 2):
            mine = [r for r in runs if r.connections == c and r.workers == workers]
            if not mine:
                continue
            rps[workers] = statistics.median(r.result.rps for r in mine)
            ratio = f"{rps[2] / rps[1]:.2f}×" if workers == 2 and rps.get(1) else ""
            lines.append(
                f"| {c} | {workers} | {len(mine)} | {rps[workers]:.1f} | "
                f"{statistics.median(r.result.p50_ms for r in mine):.1f} | "
                f"{statistics.median(r.result.p99_ms for r in mine):.1f} | "
                f"{sum(r.result.non_2xx_3xx for r in mine)} | "
                f"{sum(r.result.socket_errors for r in mine)} | "
                f"{statistics.fmean(r.load for r in mine):.1f} | {ratio} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000, help="size of the trace graph")
    parser.add_argument("--keep", type=Path, help="the trace benchmark's folder of kept stores")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--page-cache-mb", type=int, default=1024)
    parser.add_argument("--questions", type=int, default=5000, help="distinct questions asked")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="turns of 1 and 2 workers")
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: `make bench-tools` installs it")
    with trace_graph(args.nodes, args.heap, args.page_cache_mb, args.keep, True) as graph:
        rng = random.Random(7)
        keys = rng.sample(range(graph.chains), min(args.questions, graph.chains))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("".join(f"/questions/b{k}/trace?depth=0\n" for k in keys))
        paths = Path(f.name)
        try:
            order = [1, 2] * args.rounds
            runs = measure(graph.uri, paths, order, args.connections, args.duration)
        finally:
            paths.unlink()
    lines = summary(runs, args.connections)
    print("\n".join(lines))
    if args.write:
        head = [
            "",
            "## Trace endpoint and API workers",
            "",
            f"Command: `python -m benchmarks.bench_trace_workers --nodes {args.nodes} "
            f"--duration {args.duration} --rounds {args.rounds} --write BENCHMARKS.md`",
            "",
            f"{graph.nodes:,}-node trace graph; {len(keys):,} distinct questions; wrk "
            f"{args.duration} s per run; workers in turn {' '.join(map(str, order))}.",
            "",
        ]
        with args.write.open("a", encoding="utf-8") as out:
            out.write("\n".join(head + lines) + "\n")


if __name__ == "__main__":
    main()
