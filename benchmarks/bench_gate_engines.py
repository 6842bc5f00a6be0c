"""The load gate's two SHACL engines side by side: Jena SHACL (child JVM) and pyshacl.

    python -m benchmarks.bench_gate_engines [--sizes 100000 1000000] [--batch-size 20000]
        [--no-load] [--json FILE]

For each size, on the same generated file (benchmarks/generate.py, in --data-dir), in one run:

1. The validation stage: the gate (loaders/gate.py) on every batch of the file with no
   context, as a load without a graph would run it, once with each engine, each in its own
   process (so the Jena time includes starting its JVM and compiling its code: what a load
   pays). Both must reject the same resources with the same results; the run stops if not.
2. The whole validated load (`load_file` into a freshly started local Neo4j, emptied between
   systems) with each engine, and rdflib-neo4j loading the same file, as bench_load.py runs
   them; each system first loads a small file once (not recorded), then each loads the file in
   two rounds, the second in the reverse order, and its faster round is reported.

Prints a Markdown table per part with the ratios, and the machine's load average seen during
each measurement (the machine is shared: compare only what ran side by side).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENID = "https://w3id.org/kennisgraaf/.well-known/genid/"
ENGINES = ("jena", "pyshacl")


def stage(path: Path, engine: str, batch_size: int) -> dict[str, Any]:
    """The gate on each batch of `path` (child process): seconds, results, a digest of them."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kennisgraaf.loaders.gate import gate, prepare_gate

    triples = [
        (q.subject.value, q.predicate.value,
         q.object if isinstance(q.object, ox.Literal) else q.object.value)
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    ]  # fmt: skip
    digest = hashlib.sha256()
    violations = warnings = validations = 0
    began = time.perf_counter()
    prepare_gate(engine)  # as a load does: the JVM starts while the first batch is read
    for start in range(0, len(triples), batch_size):
        outcome = gate(triples[start : start + batch_size], Graph(), genid=GENID, engine=engine)
        violations += len(outcome.violations)
        warnings += len(outcome.warnings)
        validations += outcome.validations
        found = sorted(
            f"{r.focus_node} {r.path_text} {r.constraint_component} {r.severity.name}"
            for r in [*outcome.violations, *outcome.warnings]
        )
        digest.update("\n".join([*sorted(outcome.rejected_subjects), *found]).encode())
    seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "statements": len(triples),
        "violations": violations,
        "warnings": warnings,
        "validations": validations,
        "digest": digest.hexdigest()[:16],
    }


def run_child(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        argv, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})}
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return {**json.loads(lines[-1]), "load_1m": os.getloadavg()[0]}


def measure_stage(files: dict[int, Path], batch_size: int) -> list[dict[str, Any]]:
    rows = []
    for size, path in files.items():
        by_engine = {}
        for engine in ENGINES:
            argv = [sys.executable, "-m", "benchmarks.bench_gate_engines", "--stage", str(path),
                    "--engine", engine, "--batch-size", str(batch_size)]  # fmt: skip
            log(f"{size}: validation stage, {engine} …")
            by_engine[engine] = run_child(argv)
            log(f"  {by_engine[engine]['seconds']:.1f} s")
        if by_engine["jena"]["digest"] != by_engine["pyshacl"]["digest"]:
            raise SystemExit(f"{size}: the engines gave different results: {by_engine}")
        rows.append({"size": size, **{e: by_engine[e] for e in ENGINES}})
    return rows


def measure_load(files: dict[int, Path], batch_size: int) -> list[dict[str, Any]]:
    from benchmarks.bench_load import RDFLIB_CHILD, ensure_rdflib_venv, kennisgraaf_child
    from benchmarks.engine import local_neo4j, open_bench_driver, reset
    from benchmarks.generate import generate

    rdflib_python = ensure_rdflib_venv()
    warmup = next(iter(files.values())).with_name("kg-bench-gate-warmup.nt")
    generate(warmup, 2_000, 1)
    rows = []
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        systems: dict[str, tuple[str, dict[str, str]]] = {
            f"kennisgraaf load, {e} gate": ("kennisgraaf", {"KENNISGRAAF_GATE_ENGINE": e})
            for e in ENGINES
        }
        systems["rdflib-neo4j"] = ("rdflib-neo4j", {})

        def argv(system: str, path: Path) -> list[str]:
            if systems[system][0] == "rdflib-neo4j":
                return [str(rdflib_python), str(RDFLIB_CHILD), str(path), uri]
            return kennisgraaf_child("load", path, batch_size, uri)

        for system, (kind, env) in systems.items():  # warm-up, not recorded
            reset(driver, kind)
            run_child(argv(system, warmup), env)
        for size, path in files.items():
            row: dict[str, Any] = {"size": size}
            # Two rounds, the order turned round in the second (A B C, C B A): whichever system
            # runs first after the warm-up meets the engine's colder caches. Each system's row
            # is its faster round.
            order = list(systems)
            for round_ in range(2):
                for system in order if round_ == 0 else order[::-1]:
                    kind, env = systems[system]
                    reset(driver, kind)
                    log(f"{size}: {system} (round {round_ + 1}) …")
                    measured = run_child(argv(system, path), env)
                    log(f"  {measured['seconds']:.1f} s")
                    if system not in row or measured["seconds"] < row[system]["seconds"]:
                        row[system] = measured
            rows.append(row)
    return rows


def markdown(header: list[str], cells: list[list[str]]) -> str:
    """A Markdown table: the first column right-aligned, the second left, the others right."""
    align = ["---:", "---"] + ["---:"] * (len(header) - 2)
    lines = [header, align, *cells]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def stage_table(rows: list[dict[str, Any]]) -> str:
    cells = []
    for row in rows:
        ratio = row["pyshacl"]["seconds"] / row["jena"]["seconds"]
        for engine in ENGINES:
            r = row[engine]
            cells.append([
                f"{r['statements']:,}", engine, f"{r['seconds']:.1f}",
                f"{r['statements'] / r['seconds']:,.0f}", str(r["violations"]),
                str(r["warnings"]), str(r["validations"]), f"{r['load_1m']:.1f}",
                f"{ratio:.1f}×" if engine == "jena" else "",
            ])  # fmt: skip
    header = ["statements", "engine", "seconds", "statements/s", "violations", "warnings",
              "validations", "load avg", "pyshacl / jena"]  # fmt: skip
    return markdown(header, cells)


def load_table(rows: list[dict[str, Any]]) -> str:
    cells = []
    for row in rows:
        base = row["rdflib-neo4j"]["seconds"]
        for system, r in row.items():
            if system == "size":
                continue
            statements = r.get("statements") or row["size"]
            cells.append([
                f"{statements:,}", system, f"{r['seconds']:.1f}",
                f"{statements / r['seconds']:,.0f}", str(r.get("loaded", "–")),
                str(r.get("rejected", "–")), f"{r['load_1m']:.1f}",
                f"{base / r['seconds']:.2f}×",
            ])  # fmt: skip
    header = ["statements", "system", "seconds", "statements/s", "loaded", "rejected",
              "load avg", "rate / rdflib-neo4j"]  # fmt: skip
    return markdown(header, cells)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--no-load", action="store_true", help="the validation stage only")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--stage", type=Path, help=argparse.SUPPRESS)  # a child's part
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(stage(args.stage, args.engine, args.batch_size)))
        return 0
    from benchmarks.generate import generate

    args.data_dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for size in args.sizes:
        files[size] = args.data_dir / f"kg-bench-{size}-seed{args.seed}.nt"
        if not files[size].exists():
            generate(files[size], size, args.seed)
    results: dict[str, Any] = {"stage": measure_stage(files, args.batch_size)}
    print("Validation stage\n\n" + stage_table(results["stage"]) + "\n", flush=True)
    if not args.no_load:
        results["load"] = measure_load(files, args.batch_size)
        print("Whole validated load\n\n" + load_table(results["load"]) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
