"""The input pre-scan against the parse it guards, and memory while refusing hostile inputs.

    python -m benchmarks.bench_prescan [--sizes 100000 1000000] [--dir /tmp/kg-prescan] [--repeat 3]

For each size, generates (once, kept in --dir) an N-Triples file and the same graph as Turtle
with benchmarks/generate.py, and as RDF/XML and JSON-LD with pyoxigraph; then times,
alternating in one process, `prescan.scan` and `rdf_reader.count_statements` (pyoxigraph's
parse, every statement iterated in Python: the pipeline's first pass over a file), and prints
the medians (wall and CPU time) and the ratios scan / parse.

Then, for the entity bombs and the deepest cases of tests/hostile_inputs.py, runs a child
process that opens the file as the pipeline does (`open_source`, so the pre-scan refuses it)
and prints the child's peak RSS (VmHWM) after its imports and after the refusal.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BOMBS = (
    "rdfxml-billion-laughs",
    "rdfxml-billion-laughs-after-comment",
    "rdfxml-entity-500k-references",
    "jsonld-deep-objects",
    "ntriples-deep-triple-terms",
    "rdfxml-deep",
    "turtle-huge-literal",
    "kennisrotonde-json-deep-objects",
)

_CHILD = """
import json, sys
from pathlib import Path
from kennisgraaf.errors import InputError
from kennisgraaf.loaders.sources import open_source

def peak_kb():  # this process's own high-water mark (ru_maxrss would include the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

before = peak_kb()
try:
    open_source(Path(sys.argv[1]), kind=sys.argv[2]).count()
    outcome = "accepted"
except InputError as e:
    outcome = type(e).__name__
print(json.dumps({"before_kb": before, "after_kb": peak_kb(), "outcome": outcome}))
"""


def _files(folder: Path, size: int) -> list[tuple[Path, str]]:
    """The generated graph as N-Triples, Turtle, RDF/XML and JSON-LD, with the pre-scan's
    syntax names."""
    import pyoxigraph as ox

    nt, ttl = folder / f"kg-{size}.nt", folder / f"kg-{size}.ttl"
    if not (nt.is_file() and ttl.is_file()):
        from benchmarks import generate

        generate.main(["--triples", str(size), "--out", str(nt), "--turtle", str(ttl)])
    files = [(nt, "ntriples"), (ttl, "turtle")]
    for suffix, fmt, syntax in (
        ("rdf", ox.RdfFormat.RDF_XML, "rdfxml"), ("jsonld", ox.RdfFormat.JSON_LD, "jsonld")
    ):  # fmt: skip
        path = folder / f"kg-{size}.{suffix}"
        if not path.is_file():
            quads = ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                         output=str(path), format=fmt)  # fmt: skip
        files.append((path, syntax))
    return files


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds: on a shared machine the CPU time is the fairer figure."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def speed(folder: Path, sizes: list[int], repeat: int) -> None:
    from kennisgraaf.loaders import prescan, rdf_reader

    print(
        f"{'file':<16} {'MB':>7} {'statements':>11} {'scan s':>8} {'parse s':>8} "
        f"{'wall ratio':>10} {'scan cpu':>9} {'parse cpu':>9} {'cpu ratio':>9}"
    )
    for size in sizes:
        for path, syntax in _files(folder, size):
            fmt = rdf_reader.format_of(path)
            scans, parses = [], []
            statements = rdf_reader.count_statements(path, fmt)  # warm the page cache
            for _ in range(repeat):
                scans.append(_timed(lambda p=path, s=syntax: prescan.scan(p, s)))
                parses.append(_timed(lambda p=path, f=fmt: rdf_reader.count_statements(p, f)))
            scan_w, parse_w = (statistics.median(t[0] for t in ts) for ts in (scans, parses))
            scan_c, parse_c = (statistics.median(t[1] for t in ts) for ts in (scans, parses))
            print(
                f"{path.name:<16} {path.stat().st_size / 1e6:>7.1f} {statements:>11,} "
                f"{scan_w:>8.3f} {parse_w:>8.3f} {scan_w / parse_w:>10.1%} "
                f"{scan_c:>9.3f} {parse_c:>9.3f} {scan_c / parse_c:>9.1%}"
            )


def memory() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.hostile_inputs import case

    print(f"\n{'hostile input':<38} {'MB':>6} {'RSS after imports':>18} {'peak RSS':>9}  outcome")
    with tempfile.TemporaryDirectory(prefix="kg-bench-prescan-") as folder:
        for name in BOMBS:
            hostile = case(name)
            path = hostile.write(Path(folder))
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path), hostile.kind],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{name:<38} {path.stat().st_size / 1e6:>6.1f} "
                f"{figures['before_kb'] / 1024:>15.0f} MB {figures['after_kb'] / 1024:>6.0f} MB"
                f"  {figures['outcome']}"
            )
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-prescan")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the hostile inputs")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    speed(args.dir, args.sizes, args.repeat)
    if not args.no_memory:
        memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
