"""Load benchmark: kennisgraaf's validated load against rdflib-neo4j, side by side.

    python -m benchmarks.bench_load [--sizes 10000 100000] [--batch-size 20000] [--rounds 1]
        [--warm 100000] [--warm-rounds 2] [--sweep 1000 2000 5000 20000] [--vocabularies]
        [--baseline PYTHONPATH] [--write BENCHMARKS.md]

In one run, on the same generated files and the same freshly started local Neo4j, for each size:
the kennisgraaf load (SHACL gate + Neo4j writes, `load_file`), rdflib-neo4j loading the same
N-Triples file (from its own virtual environment, benchmarks/.venv-rdflib-neo4j, created on first
use), kennisgraaf's writes alone (parse, map, write; no gate — what a load cannot go below), and
validation only (`validate_file`, no Neo4j, as `kennisgraaf validate` runs). Every
measurement runs in its own process, which reports its time and its peak resident memory. The
database is emptied, and given only the constraints the next system needs, between systems.
First every system loads a warm-up file (`--warm` statements, `--warm-rounds` times, turn about)
so that none pays alone for the engine's query planning and just-in-time compilation; with
`--rounds N` each size is measured N times, the order turned round every other round, and the
ratios compare medians.
`--sweep` adds validation-only runs of the smallest file at other batch sizes. `--baseline` adds
writes only as another checkout (an older commit's worktree) does them, for a before/after.

    python -m benchmarks.bench_load --dirty-every 1000 [--sizes 100000 1000000] [--rounds 2]
        [--write BENCHMARKS.md]

Dirty mode (issue 10): for each size, the generated file and the same file with one ill-typed
date in about every N statements, each loaded (vocabularies first) into the emptied database,
side by side in one run; it reports both times, their ratio, and what was quarantined. With
--rounds N each pair is loaded N times, the order turned round every other round (clean–dirty,
dirty–clean, …) so neither file always runs on the engine the other just wiped; the ratio is
then the median of the rounds' ratios. With --write it fills the section "Dirty data (issue 10)".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks import report

ROOT = Path(__file__).resolve().parent.parent
RDFLIB_VENV = ROOT / "benchmarks" / ".venv-rdflib-neo4j"
RDFLIB_CHILD = ROOT / "benchmarks" / "rdflib_neo4j_child.py"
WARMUP_STATEMENTS = 2_000


@dataclass
class Results:
    command: str
    batch_size: int
    machine: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)  # one per (size, system)
    sweep: list[dict[str, Any]] = field(default_factory=list)


def ensure_rdflib_venv() -> Path:
    python = RDFLIB_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(RDFLIB_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import rdflib_neo4j"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "rdflib-neo4j"], check=True)
    return python


def run_child(argv: list[str], baseline: str | None = None) -> dict[str, Any]:
    """One measurement in its own process; with `baseline` (a PYTHONPATH, the checkout last) the
    kennisgraaf and benchmarks found there, e.g. an older commit's, instead of this checkout's."""
    env, cwd = None, ROOT
    if baseline:
        env = {**os.environ, "PYTHONPATH": baseline}
        cwd = Path(baseline.split(os.pathsep)[-1])
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return {**json.loads(lines[-1]), "load_1m": os.getloadavg()[0]}


def kennisgraaf_child(
    what: str, path: Path, batch: int, uri: str | None = None, vocabularies: bool = False
) -> list[str]:
    argv = [sys.executable, "-m", "benchmarks.children", what, str(path)]
    argv += ["--batch-size", str(batch)] + (["--uri", uri] if uri else [])
    return argv + (["--vocabularies"] if vocabularies else [])


# (row name, what the child does): the systems measured side by side, in this order.
SYSTEMS = (
    ("kennisgraaf load", "load"),
    ("kennisgraaf writes only", "writes"),
    ("rdflib-neo4j", "rdflib"),
    ("kennisgraaf validate", "validate"),
)


def system_argv(
    what: str, path: Path, args: argparse.Namespace, uri: str, rdflib_python: Path
) -> list[str]:
    if what == "rdflib":
        return [str(rdflib_python), str(RDFLIB_CHILD), str(path), uri]
    return kennisgraaf_child(what, path, args.batch_size, None if what == "validate" else uri)


def measure_one(
    args: argparse.Namespace,
    results: Results,
    driver: Any,
    uri: str,
    rdflib_python: Path,
    size: int,
    path: Path,
    round_: int,
    system: str,
    what: str,
) -> None:
    """One system at one size and round, and the variants that go with it (the load after
    the vocabularies, the baseline's writes)."""
    from benchmarks.engine import graph_size, reset

    def measured(
        name: str, argv: list[str], engine: str | None, baseline: str | None = None
    ) -> None:
        if engine:
            reset(driver, engine)
        log(f"{size}, round {round_}: {name} …")
        row = run_child(argv, baseline)
        sizes = graph_size(driver) if engine else {}
        results.rows.append({"size": size, "round": round_, "system": name, **row, **sizes})
        log(f"  {row['seconds']:.1f} s")

    engine = {"validate": None, "rdflib": "rdflib-neo4j"}.get(what, "kennisgraaf")
    measured(system, system_argv(what, path, args, uri, rdflib_python), engine)
    if what == "load" and args.vocabularies:
        argv = kennisgraaf_child("load", path, args.batch_size, uri, True)
        measured("kennisgraaf load (+vocabularies)", argv, "kennisgraaf")
    if what == "writes" and args.baseline:
        argv = kennisgraaf_child("writes", path, args.batch_size, uri)
        measured("kennisgraaf writes only (before)", argv, "kennisgraaf", args.baseline)


def measure(args: argparse.Namespace, results: Results) -> None:
    from benchmarks.engine import local_neo4j, open_bench_driver, reset, server
    from benchmarks.generate import generate

    args.data_dir.mkdir(parents=True, exist_ok=True)
    files: dict[int, Path] = {}
    for size in args.sizes:
        files[size] = args.data_dir / f"kg-bench-{size}-seed{args.seed}.nt"
        began = time.perf_counter()
        written = generate(files[size], size, args.seed)
        log(f"generated {written} statements in {time.perf_counter() - began:.1f} s: {files[size]}")
    rdflib_python = ensure_rdflib_venv()

    warmup = args.data_dir / f"kg-bench-warmup-{args.warm}-seed{args.seed}.nt"
    generate(warmup, args.warm, args.seed)
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        results.machine = report.machine_facts(server(driver), rdflib_python)
        results.machine["warm-up"] = (
            f"each system loads {args.warm:,} generated statements {args.warm_rounds}× first"
        )
        # A fresh engine plans each query on first use and keeps compiling its hot code for
        # several loads after that: whichever system ran first would pay for it. Every system
        # loads the warm-up file `--warm-rounds` times, turn about, before anything counts.
        log(f"warm-up: each system loads {args.warm} statements {args.warm_rounds}× "
            "(not recorded) …")  # fmt: skip
        for _ in range(args.warm_rounds):
            for _, what in SYSTEMS:
                if what == "validate":
                    continue  # no engine: nothing to warm
                reset(driver, "rdflib-neo4j" if what == "rdflib" else "kennisgraaf")
                run_child(system_argv(what, warmup, args, uri, rdflib_python))
        for size, path in files.items():
            for round_ in range(1, args.rounds + 1):
                # Turned round every other round: no system always runs right after another.
                order = SYSTEMS if round_ % 2 else SYSTEMS[::-1]
                for system, what in order:
                    measure_one(args, results, driver, uri, rdflib_python, size, path, round_,
                                system, what)  # fmt: skip
        reset(driver, "kennisgraaf")

    seen = [row["load_1m"] for row in results.rows]
    results.machine["load average (1 min) after each measurement"] = (
        f"{min(seen):.1f}–{max(seen):.1f} (2 cores; other work shared the machine)"
    )
    smallest = files[min(files)]
    for batch in args.sweep:
        log(f"sweep: validation only of {smallest.name} at batch size {batch} …")
        row = run_child(kennisgraaf_child("validate", smallest, batch))
        results.sweep.append({"size": min(files), "batch_size": batch, **row})
        log(f"  {row['seconds']:.1f} s")


DIRTY_HEADING = "## Dirty data (issue 10)"


def measure_dirty(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Clean and dirty loads of each size, alternating in one run on one engine."""
    from benchmarks.engine import graph_size, local_neo4j, open_bench_driver, reset
    from benchmarks.generate import generate

    args.data_dir.mkdir(parents=True, exist_ok=True)
    pairs: list[tuple[int, Path, Path]] = []
    for size in args.sizes:
        clean = args.data_dir / f"kg-bench-{size}-seed{args.seed}.nt"
        dirty = args.data_dir / f"kg-bench-{size}-seed{args.seed}-dirty{args.dirty_every}.nt"
        generate(clean, size, args.seed)
        generate(dirty, size, args.seed, dirty_every=args.dirty_every)
        pairs.append((size, clean, dirty))
    warmup = args.data_dir / f"kg-bench-warmup-seed{args.seed}-dirty{args.dirty_every}.nt"
    generate(warmup, WARMUP_STATEMENTS, args.seed, dirty_every=args.dirty_every)
    rows: list[dict[str, Any]] = []
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        reset(driver, "kennisgraaf")
        run_child(kennisgraaf_child("load", warmup, args.batch_size, uri, True))
        for size, clean, dirty in pairs:
            for round_ in range(1, args.rounds + 1):
                order = [("clean", clean), ("dirty", dirty)]
                for kind, path in order if round_ % 2 else order[::-1]:
                    reset(driver, "kennisgraaf")
                    log(f"{size}, round {round_}: {kind} load …")
                    row = run_child(kennisgraaf_child("load", path, args.batch_size, uri, True))
                    rows.append(
                        {"size": size, "round": round_, "data": kind, **row, **graph_size(driver)}
                    )
                    log(f"  {row['seconds']:.1f} s, {row['rejected']} statements quarantined")
        reset(driver, "kennisgraaf")
    return rows


def dirty_section(command: str, batch_size: int, rows: list[dict[str, Any]]) -> str:
    lines = [
        DIRTY_HEADING,
        "",
        f"`{command}` (batch size {batch_size}). Each size generated clean and with one "
        'ill-typed date (`"abc"^^xsd:date`) in about every N statements; each file loaded '
        "into the emptied database after the vocabularies, clean and dirty side by side in one "
        "run, each in its own process, the order turned round every other round. Ratio: dirty "
        "seconds / clean seconds of the same round; CPU: the loading process's own CPU seconds "
        "(not Neo4j's).",
        "",
        "| statements | round | data | seconds | ratio | CPU s | CPU ratio | loaded | quarantined "
        "| resources rejected | peak RSS MiB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    clean: dict[tuple[int, int], dict[str, Any]] = {
        (r["size"], r.get("round", 1)): r for r in rows if r["data"] == "clean"
    }
    ratios: dict[int, list[float]] = {}
    for r in rows:
        base = clean[(r["size"], r.get("round", 1))]
        ratio = r["seconds"] / base["seconds"]
        cpu_ratio = r.get("cpu_seconds", 0.0) / (base.get("cpu_seconds") or 1.0)
        if r["data"] == "dirty":
            ratios.setdefault(r["size"], []).append(ratio)
        lines.append(
            f"| {r['statements']:,} | {r.get('round', 1)} | {r['data']} | {r['seconds']:.1f} "
            f"| {ratio:.2f} | {r.get('cpu_seconds', 0.0):.1f} | {cpu_ratio:.2f} "
            f"| {r['loaded']:,} | {r['rejected']:,} | {r['resources_rejected']:,} "
            f"| {r['peak_rss_kib'] / 1024:.0f} |"
        )
    lines.append("")
    for size, found in ratios.items():
        shown = ", ".join(f"{x:.2f}" for x in found)
        lines.append(f"- {size:,} statements: median ratio **{median(found):.2f}** ({shown})")
    return "\n".join(lines) + "\n"


def write_dirty_section(path: Path, text: str) -> None:
    """Replace the dirty-data section of the file (or add it), keeping every other section."""
    old = path.read_text(encoding="utf-8")
    start = old.find(DIRTY_HEADING + "\n")
    if start < 0:
        path.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    following = old.find("\n## ", start + len(DIRTY_HEADING))
    rest = old[following + 1 :] if following >= 0 else ""
    path.write_text(old[:start] + text + ("\n" + rest if rest else ""), encoding="utf-8")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=20_000, help="kennisgraaf batch size")
    parser.add_argument("--sweep", type=int, nargs="*", default=[], help="extra batch sizes")
    parser.add_argument(
        "--vocabularies",
        action="store_true",
        help="also time a kennisgraaf load into a graph that holds vocabularies.ttl already",
    )
    parser.add_argument(
        "--baseline",
        help="also time writes only with the kennisgraaf on this PYTHONPATH (checkout last), "
        "e.g. an older commit's worktree, side by side",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dirty-every",
        type=int,
        default=0,
        help="dirty mode: clean against one ill-typed date in about every N statements",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure each size (dirty mode: each pair) this many times, the order of the "
        "systems turned round every other round; ratios are the medians over the rounds",
    )
    parser.add_argument("--warm", type=int, default=100_000, help="statements of the warm-up file")
    parser.add_argument(
        "--warm-rounds", type=int, default=2, help="times each system loads the warm-up file"
    )
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--write", type=Path, help="write the results into this Markdown file")
    parser.add_argument("--json", type=Path, help="also dump the raw results as JSON here")
    args = parser.parse_args(argv)
    shown = " ".join(["python -m benchmarks.bench_load", *(argv or sys.argv[1:])])
    if args.dirty_every:
        rows = measure_dirty(args)
        text = dirty_section(shown, args.batch_size, rows)
        print(text)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2, default=str))
        if args.write:
            write_dirty_section(args.write, text)
            log(f"written to {args.write}")
        return 0
    results = Results(command=shown, batch_size=args.batch_size)
    measure(args, results)
    text = report.section(results.command, results.batch_size, results.machine, results.rows,
                          results.sweep)  # fmt: skip
    print(report.table(results.rows))
    if args.json:
        args.json.write_text(json.dumps(results.__dict__, indent=2, default=str))
    if args.write:
        report.write_section(args.write, text)
        log(f"written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
