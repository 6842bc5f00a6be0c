"""An import costs what it changes: loading 1,000 statements into graphs of growing size, and how
soon SPARQL answers with them.

    python -m benchmarks.bench_incremental --sizes 100000 1000000 [--increment 1000]
        [--out /tmp/kg-incremental.md]

For each size, on a freshly started local Neo4j: the generated graph of that size is loaded
(`load_file`, the validated load) and the SPARQL projection built from it; then a generated file
of about `--increment` statements is loaded as a new source, and a second version of it replaces
the first (its statements withdrawn where the new version does not repeat them). After each of
those two loads returns (the import has committed), one SPARQL request through the service
(`SparqlService.execute`: version read, update of the projection, query in a query process)
asks for a resource only the new data has; the time from the commit to its answer is what the
endpoint's users wait. Each request's projection update must be incremental, and the
projection is then compared with a rebuild (`sparql.repair.verify`). Right after the SPARQL
answer, the dataset description's counts (VoID) are asked for as the API asks (`StatsCache` with
the projection's counts) and compared with a pass over the graph (`api.void.compute`), which is
also timed: what every VoID request after an import cost before. For comparison, a full rebuild
of the projection at the same size: what every import cost before; and the query that finds a
replacing import's stale statements within the source's extent against the scan of the whole
graph it replaces. The load average (`os.getloadavg`) is taken before and after each size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.engine import local_neo4j, open_bench_driver
from benchmarks.generate import generate

ASK = "ASK {{ <{iri}> ?p ?o }}"
JSON = "application/sparql-results+json"


def subjects(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as f:
        return {line.split(" ", 1)[0][1:-1] for line in f if line.startswith("<")}


def disk_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def asks(service: Any, iri: str) -> bool:
    answer = service.execute(ASK.format(iri=iri), JSON)
    return b"true" in answer.body


def differences(a: Any, b: Any) -> dict[str, Any]:
    """The fields of two VoID statistics that differ (and, for the partitions, how)."""
    out: dict[str, Any] = {}
    for name in ("triples", "entities", "modified", "issued", "sources"):
        if getattr(a, name) != getattr(b, name):
            out[name] = (getattr(a, name), getattr(b, name))
    for name in ("classes", "properties"):
        x, y = getattr(a, name), getattr(b, name)
        out.update({k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)})
    return out


def measure(size: int, increment: int, work: Path, lean: bool = False) -> dict[str, Any]:
    """One size; `lean` leaves out what only compares with the old way and grows with the
    graph (the VoID pass over the graph and the timed full rebuild): the projection is still
    verified equal to a rebuild."""
    from kennisgraaf.api.void import StatsCache, compute
    from kennisgraaf.graph.mapping import source_key
    from kennisgraaf.loaders.options import LoadOptions
    from kennisgraaf.loaders.pipeline import load_file
    from kennisgraaf.queries.registry import get_query
    from kennisgraaf.settings import Settings
    from kennisgraaf.sparql.repair import verify
    from kennisgraaf.sparql.service import SparqlService

    base, v1, v2 = work / f"base-{size}.nt", work / "inc-1.nt", work / "inc-2.nt"
    n_base = generate(base, size, seed=1)
    n_v1 = generate(v1, increment, seed=501)
    n_v2 = generate(v2, increment, seed=502)
    s_base, s_v1, s_v2 = subjects(base), subjects(v1), subjects(v2)
    only_v1 = sorted(s_v1 - s_v2 - s_base)[0]
    only_v2 = sorted(s_v2 - s_v1 - s_base)[0]
    row: dict[str, Any] = {"size": n_base, "increment": (n_v1, n_v2)}
    row["load_before"] = os.getloadavg()[0]
    with local_neo4j() as uri:
        driver = open_bench_driver(uri)
        settings = Settings(neo4j_uri=uri, neo4j_password=None, data_dir=work / f"data-{size}")

        def options(source: str | None) -> LoadOptions:
            return LoadOptions(base_iri=settings.base_iri, quarantine_dir=work / "q", source=source)

        started = time.perf_counter()
        load_file(base, driver, "neo4j", options(None))
        row["base_load_s"] = time.perf_counter() - started
        service = SparqlService(settings, driver, pool_size=1)
        try:
            started = time.perf_counter()
            assert not asks(service, only_v1)
            row["first_build_s"] = time.perf_counter() - started
            for label, path, present, absent in (
                ("new", v1, only_v1, only_v2),
                ("replace", v2, only_v2, only_v1),
            ):
                started = time.perf_counter()
                report = load_file(path, driver, "neo4j", options("increment"))
                committed = time.perf_counter()
                row[f"load_{label}_s"] = committed - started
                row[f"loaded_{label}"] = report.statements_loaded
                fresh = asks(service, present)
                row[f"fresh_{label}_s"] = time.perf_counter() - committed
                assert fresh and not asks(service, absent), label
                generation = service.store.current
                assert generation is not None and generation.kind == "incremental", generation
                row[f"update_{label}_s"] = generation.build_seconds
                row[f"changed_{label}"] = generation.changed
                row[f"laps_{label}"] = dict(service.store.laps)
                started = time.perf_counter()
                kept = StatsCache().get(driver, "neo4j", settings.base_iri, settings)
                row[f"void_{label}_s"] = time.perf_counter() - started
                if lean:
                    continue
                started = time.perf_counter()
                passed = compute(driver, "neo4j", settings.base_iri)
                assert kept == passed, (label, differences(kept, passed))
                row[f"void_pass_{label}_s"] = time.perf_counter() - started
            for name, query in (("stale_scan_s", "projection.stale_subjects"),
                                ("stale_within_s", "load.stale_subjects_within")):  # fmt: skip
                started = time.perf_counter()
                driver.execute_query(
                    get_query(query).text,
                    key=source_key("increment", None),
                    import_id="none",
                    database_="neo4j",
                )
                row[name] = time.perf_counter() - started
            started = time.perf_counter()
            comparison = verify(service.store)
            row["verify_s"] = time.perf_counter() - started
            row["equal"] = comparison.equal
            row["triples"] = comparison.rebuilt
            if not lean:
                started = time.perf_counter()
                rebuilt = service.store.rebuild()
                row["rebuild_s"] = time.perf_counter() - started
                row["triples"] = rebuilt.triples
            row["store_mib"] = disk_mib(service.store.root / "primary")
            row["load_after"] = os.getloadavg()[0]
        finally:
            service.close()
            driver.close()
    return row


def _count(n: int | None) -> str:
    return f"{n:,}" if n is not None else "–"


def section(command: str, rows: list[dict[str, Any]]) -> str:
    lines = [
        "## Import cost by graph size, SPARQL freshness (issue 15)",
        "",
        f"Command (repository root, project venv): `{command}`",
        "",
        "Machine: the one of the Load section (AMD EPYC, 2 cores shared, Neo4j 5.26 Community, "
        "local engine with 1 GiB heap and 256 MiB page cache). Load average (1 min) before / "
        "after each size: "
        + ", ".join(f"{r['size']:,}: {r['load_before']:.1f} / {r['load_after']:.1f}" for r in rows)
        + ".",
        "",
        "| graph (statements) | projection (triples) | load 1,000 new (s) | load 1,000 "
        "replacing (s) | SPARQL answers after commit: new / replacing (s) | projection update: "
        "new / replacing (s) | VoID after the answer: new / replacing (s) | VoID by a pass over "
        "the graph (s) | full rebuild (s) | rebuild / update | stale statements: within the "
        "extent / whole-graph scan (s) | equal to a rebuild (time to verify) | projection on "
        "disk (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        update = max(r["update_new_s"], r["update_replace_s"])
        passes = [r[k] for k in ("void_pass_new_s", "void_pass_replace_s") if k in r]
        rebuild = r.get("rebuild_s")
        lines.append(
            f"| {r['size']:,} | {_count(r.get('triples'))} | {r['load_new_s']:.2f} | "
            f"{r['load_replace_s']:.2f} | {r['fresh_new_s']:.2f} / {r['fresh_replace_s']:.2f} | "
            f"{r['update_new_s']:.2f} / {r['update_replace_s']:.2f} | "
            f"{r['void_new_s']:.2f} / {r['void_replace_s']:.2f} | "
            f"{f'{max(passes):.2f}' if passes else 'not run'} | "
            f"{f'{rebuild:.1f}' if rebuild else 'not run'} | "
            f"{f'{rebuild / update:.0f}×' if rebuild else '–'} | {r['stale_within_s']:.3f} / "
            f"{r['stale_scan_s']:.2f} | {'yes' if r['equal'] else 'NO'} "
            f"({r['verify_s']:.0f} s) | {r['store_mib']:.0f} |"
        )
    lines += ["", "Where a projection update's time went (s), new / replacing:"]
    for r in rows:
        steps = ", ".join(
            f"{step} {r['laps_new'].get(step, 0):.2f} / {r['laps_replace'].get(step, 0):.2f}"
            for step in ("changes", "open", "derive", "store")
        )
        lines.append(f"- {r['size']:,}: {steps}.")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        lines += [
            "",
            f"Growth from {first['size']:,} to {last['size']:,} statements "
            f"(×{last['size'] / first['size']:.0f}): load of the new 1,000 "
            f"×{last['load_new_s'] / first['load_new_s']:.2f}, of the replacing 1,000 "
            f"×{last['load_replace_s'] / first['load_replace_s']:.2f}; SPARQL freshness "
            f"×{last['fresh_new_s'] / first['fresh_new_s']:.2f} (new), "
            f"×{last['fresh_replace_s'] / first['fresh_replace_s']:.2f} (replacing); "
            + (
                f"full rebuild ×{last['rebuild_s'] / first['rebuild_s']:.1f}."
                if "rebuild_s" in first and "rebuild_s" in last
                else "full rebuild not timed at every size."
            ),
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--increment", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="write the Markdown section here")
    parser.add_argument(
        "--lean-above",
        type=int,
        default=1_000_000,
        help="above this size, leave out the VoID pass over the graph and the timed rebuild "
        "(the projection is still verified equal to a rebuild)",
    )
    args = parser.parse_args(argv)
    # A generated file of N statements holds a few more: the largest must pass the input cap.
    limit = max(args.sizes) * 2
    os.environ.setdefault("KENNISGRAAF_INPUT_MAX_STATEMENTS", str(limit))
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-incremental-") as tmp:
        for size in args.sizes:
            row = measure(size, args.increment, Path(tmp), lean=size > args.lean_above)
            print(row, flush=True)
            rows.append(row)
    command = "python -m benchmarks.bench_incremental " + " ".join(argv or sys.argv[1:])
    text = section(command, rows)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
