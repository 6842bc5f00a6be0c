"""`/health` while an import runs: how long a request waits on a server that is loading data.

    python -m benchmarks.bench_api_load [--triples 100000] [--idle 15] [--write BENCHMARKS.md]

A throw-away local Neo4j and `kennisgraaf serve` (one uvicorn process) on loopback. First
`/health` is asked, one request after the other, for `--idle` seconds on the idle server; then
a generated file of about `--triples` statements (benchmarks/generate.py) is sent to
`POST /imports`, and `/health` is asked the same way until the import's job is done. Client and
server share the machine; the import runs in a process of its own (api/import_jobs.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.served import serve

HEADING = "## API under load (issue 10)"


def health_times(client: Any, url: str, until: Any) -> list[float]:
    """Seconds per `/health` request, asked one after the other until `until()` is true."""
    times = []
    while not until():
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.text
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "requests": len(times),
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def run(triples: int, idle_s: float) -> dict[str, Any]:
    import httpx

    from benchmarks.engine import free_port, local_neo4j
    from benchmarks.generate import main as generate
    from kennisgraaf.api.auth import create_token, tokens_path

    with tempfile.TemporaryDirectory(prefix="kg-bench-api-") as tmp, local_neo4j() as uri:
        data = Path(tmp) / "data.nt"
        generate(["--triples", str(triples), "--out", str(data)])
        statements = sum(1 for _ in data.open("rb"))
        data_dir = Path(tmp) / "serve-data"
        token = create_token(tokens_path(data_dir), "bench", ["write"])
        port = free_port()
        proc = serve(uri, data_dir, port)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(timeout=600) as client:
                for _ in range(20):  # warm-up: connections, query plans
                    client.get(base + "/health")
                load_before = os.getloadavg()[0]
                stop_at = time.monotonic() + idle_s
                idle = health_times(client, base + "/health", lambda: time.monotonic() > stop_at)
                began = time.perf_counter()
                accepted = client.post(
                    base + "/imports?source=bench",
                    content=data.read_bytes(),
                    headers={"content-type": "application/n-triples",
                             "authorization": f"Bearer {token}"},
                )  # fmt: skip
                answered = time.perf_counter() - began
                assert accepted.status_code == 202, accepted.text
                job = accepted.headers["location"]
                state: dict[str, Any] = {}

                def done() -> bool:
                    state.update(client.get(job).json())
                    return state["state"] in ("done", "failed", "interrupted")

                loaded = health_times(client, base + "/health", done)
                seconds = time.perf_counter() - began
                assert state["state"] == "done", state
                stop_at = time.monotonic() + idle_s
                after = health_times(client, base + "/health", lambda: time.monotonic() > stop_at)
                load_after = os.getloadavg()[0]
        finally:
            proc.terminate()
            proc.wait(timeout=120)
    return {
        "statements": statements,
        "post_ms": answered * 1000,
        "import_s": seconds,
        "loaded_statements": state["report"]["statements_loaded"],
        "idle": summary(idle),
        "loading": summary(loaded),
        "after": summary(after),
        "load_average": (load_before, load_after),
        "cores": os.cpu_count(),
    }


def section(result: dict[str, Any], command: str) -> str:
    idle, loading = result["idle"], result["loading"]
    rows = [
        "| server | `/health` requests | median (ms) | p95 (ms) | max (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    after = result["after"]
    for name, s in (("idle, before", idle), ("while the import runs", loading),
                    ("idle, after", after)):  # fmt: skip
        rows.append(f"| {name} | {s['requests']:,} | {s['median_ms']:.1f} | {s['p95_ms']:.1f} | "
                    f"{s['max_ms']:.1f} |")  # fmt: skip
    idle_median = statistics.median([idle["median_ms"], after["median_ms"]])
    ratio = loading["median_ms"] / idle_median if idle_median else 0.0
    before_load, after_load = result["load_average"]
    return "\n".join([
        HEADING, "",
        f"`{command}` — `kennisgraaf serve` (one uvicorn process) and a throw-away local Neo4j "
        "on loopback; `/health` (one Neo4j round trip) asked one request after the other, "
        "first on the idle server, then while `POST /imports` of a generated file of "
        f"{result['statements']:,} statements runs as a job ({result['loaded_statements']:,} "
        f"loaded in {result['import_s']:.0f} s). `POST /imports` answered 202 in "
        f"{result['post_ms']:.0f} ms (the body is spooled and hashed; nothing is parsed on the "
        "request path). Client, server, import process and Neo4j share the machine "
        f"({result['cores']} cores, shared with other work: load average {before_load:.1f} "
        f"before, {after_load:.1f} after), so single slow requests are the machine's as much "
        "as the server's.", "",
        *rows, "",
        f"Median `/health` while importing is {ratio:.1f}× the idle medians (before and after): "
        "the import runs in "
        "a process of its own, so the server's event loop is never blocked by it; what remains "
        "is sharing the CPU and Neo4j with the load. Before imports ran as jobs (the handler "
        "called `load_file` on the event loop), every request on the server waited for the "
        "whole import.", "",
    ])  # fmt: skip


def write_section(path: Path, text: str) -> None:
    current = path.read_text() if path.exists() else ""
    start = current.find(HEADING + "\n")
    if start < 0:
        path.write_text(current.rstrip("\n") + "\n\n" + text)
        return
    following = current.find("\n## ", start + len(HEADING))
    end = len(current) if following < 0 else following + 1
    path.write_text(current[:start] + text + ("\n" + current[end:] if following >= 0 else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--idle", type=float, default=15.0, help="seconds of idle /health")
    parser.add_argument("--write", type=Path, help="replace the section in this Markdown file")
    args = parser.parse_args(argv)
    result = run(args.triples, args.idle)
    command = "python -m benchmarks.bench_api_load" + (
        f" --triples {args.triples}" if args.triples != 100_000 else ""
    )
    text = section(result, command)
    print(text)
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
