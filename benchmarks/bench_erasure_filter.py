"""What the erasure records cost a load: every statement passes `ErasedPeople.apply` before
the gate (graph/erasure_map.py), which with any erasure recorded hashes each distinct IRI once
(HMAC-SHA256 under the site secret).

    python -m benchmarks.bench_erasure_filter [--statements 100000] [--runs 5]

Statements as a load sees them (half literals, half links, one new IRI per two statements),
passed through the filter with no erasure and with one recorded; the median of the runs.
No database: this is the filter alone, to set beside a load's own time (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import statistics
import time

import pyoxigraph as ox

from kennisgraaf.graph.erasure_map import ErasedPeople, Hasher
from kennisgraaf.graph.mapping import Resolved

ID = "https://w3id.org/kennisgraaf/id/"


def statements(n: int) -> list[Resolved]:
    out: list[Resolved] = []
    for i in range(n // 2):
        s = f"{ID}thing/t{i}"
        out.append((s, "http://xmlns.com/foaf/0.1/name", ox.Literal(f"n{i}"), None))
        out.append((s, "http://purl.org/dc/terms/relation", f"{ID}thing/t{i + 1}", None))
    return out


def timed(erased: ErasedPeople, given: list[Resolved]) -> float:
    began = time.perf_counter()
    erased.apply(given)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    hasher = Hasher(b"k" * 32)
    given = statements(args.statements)
    none, one = [], []
    for _ in range(args.runs):
        none.append(timed(ErasedPeople({}, frozenset(), hasher), given))
        erased = ErasedPeople(
            {hasher.iri(ID + "person/x"): (ID + "person/erased/1", True)},
            frozenset(hasher.values("0000-0002-9990-0038")),
            hasher,
        )
        one.append(timed(erased, given))
    per = statistics.median(one) / args.statements * 1e6
    print(
        f"{args.statements} statements: no erasure {statistics.median(none) * 1e3:.3f} ms, "
        f"one erasure {statistics.median(one):.3f} s ({per:.1f} µs a statement)"
    )


if __name__ == "__main__":
    main()
