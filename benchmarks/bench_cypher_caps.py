"""How long Neo4j's parser takes on the texts /cypher's caps let through, and on bigger ones.

    python -m benchmarks.bench_cypher_caps [--uri bolt://…] [--timeout 20]

For each family of text that makes Neo4j's parser recurse or work per token — nested
parentheses, lists, maps, runs of NOT, long `+` and `AND` chains — the text is made at the
cap the text gate (api/cypher_text.py) lets through and at several times it. Each size is
planned three times with `EXPLAIN` (a unique prefix each time, so the plan cache does not
answer) in a child process that is given `--timeout` seconds: a text that overflows the
parser's stack loses its error on the way back and hangs the connection, which shows as
"hung". Beside each, the time the text gate takes to refuse or pass the same text, measured
in this process. Without `--uri` a throw-away local Neo4j is started.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

CHILD = """
import sys, time, neo4j
uri, text = sys.argv[1], sys.stdin.read()
with neo4j.GraphDatabase.driver(uri, auth=None, connection_timeout=5) as driver:
    for run in range(3):
        with driver.session() as session:
            began = time.monotonic()
            try:
                session.run("EXPLAIN WITH %d AS z " % time.time_ns() + text).consume()
                said = "ok"
            except neo4j.exceptions.Neo4jError as e:
                said = (e.code or "error").rsplit(".", 1)[-1]
            print(f"{time.monotonic() - began:.4f} {said}", flush=True)
"""


def family(kind: str, n: int) -> str:
    if kind == "parentheses":
        return "RETURN " + "(" * n + "1" + ")" * n
    if kind == "lists":
        return "RETURN " + "[" * n + "1" + "]" * n
    if kind == "maps":
        return "RETURN " + "{a: " * n + "1" + "}" * n
    if kind == "NOT run":
        return "RETURN " + "NOT " * n + "true"
    if kind == "+ chain":
        return "RETURN 1" + "+1" * n
    if kind == "AND chain":
        return "RETURN true" + " AND true" * n
    raise ValueError(kind)


# (family, size at the default caps, sizes beyond them): depth 32, tokens 2,000, 10,000 chars
PROBES = [
    ("parentheses", 31, [64, 128, 256, 512, 3000]),
    ("lists", 31, [64, 128, 256, 512]),
    ("maps", 31, [64, 128, 256]),
    ("NOT run", 31, [64, 256, 1000]),
    ("+ chain", 995, [1_500, 2_500, 5_000]),
    ("AND chain", 995, [1_500, 2_500]),
]


def explain_times(uri: str, text: str, timeout_s: float) -> tuple[float | None, str]:
    """Median EXPLAIN seconds over three fresh plans, or None with "hung"."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, uri],
            input=text,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"hung (> {timeout_s:g} s)"
    lines = [line.split() for line in done.stdout.splitlines() if line.strip()]
    if not lines:
        return None, "failed: " + done.stderr.strip().splitlines()[-1][:80]
    return statistics.median(float(t) for t, _ in lines), lines[-1][1]


def gate_time(text: str) -> tuple[float, str]:
    from kennisgraaf.api.cypher_text import TextLimits, check_text
    from kennisgraaf.api.errors import ApiError
    from kennisgraaf.settings import Settings

    s = Settings()
    limits = TextLimits(s.cypher_max_length, s.cypher_max_tokens, s.cypher_max_depth)
    times: list[float] = []
    said = "passes"
    for _ in range(5):
        began = time.perf_counter()
        try:
            check_text(text, limits)
        except ApiError as e:
            said = f"400 {e.kind}"
        times.append(time.perf_counter() - began)
    return statistics.median(times), said


@contextmanager
def neo4j_uri(given: str | None) -> Iterator[str]:
    if given:
        yield given
        return
    from benchmarks.engine import local_neo4j

    with local_neo4j() as uri:
        yield uri


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", help="a running Neo4j (default: start a throw-away one)")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    with neo4j_uri(args.uri) as uri:
        explain_times(uri, "RETURN 1", args.timeout)  # warm-up: the first plan is slow
        print(f"{'text':<22}{'chars':>8}  {'EXPLAIN (median of 3)':<26}{'text gate':<34}")
        for kind, at_cap, beyond in PROBES:
            for n in [at_cap, *beyond]:
                text = family(kind, n)
                seconds, said = explain_times(uri, text, args.timeout)
                plan = f"{seconds:.3f} s {said}" if seconds is not None else said
                gate_s, gate_said = gate_time(text)
                label = f"{kind} ×{n}"
                print(
                    f"{label:<22}{len(text):>8}  {plan:<26}{gate_s * 1000:.2f} ms {gate_said}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
