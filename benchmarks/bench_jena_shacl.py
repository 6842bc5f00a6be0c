"""What a compiled SHACL engine would give: Apache Jena SHACL against the planned pyshacl, on
the same batches.

    python -m benchmarks.bench_jena_shacl FILE [--batch-size 20000] [--passes 3]

Both validate FILE (N-Triples, one statement per line) batch by batch, each batch on its own
with the model added and no context from other batches, so both report the same cross-batch
results; each pass reads and parses the file again. Jena runs in one JVM (built with Maven from
benchmarks/jena_shacl on first use, like the Neo4j launcher), pyshacl in this process; each
engine makes all its passes in turn and the best pass of each is compared (the JVM's first pass
includes compiling its code). Not part of the product: the gate validates with pyshacl.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.maven_build import classpath

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "jena_shacl"


def build(build_dir: Path) -> str:
    """Compile the Jena project and return its classpath."""
    return classpath(PROJECT, build_dir)


def jena(file: Path, batch: int, passes: int, build_dir: Path) -> dict[str, object]:
    import kennisgraaf.ontology as ontology

    model = Path(ontology.__file__).parent
    argv = ["java", "-cp", build(build_dir), "nl.kennisgraaf.bench.JenaShacl",
            str(model / "shapes.ttl"), str(model / "kennisgraaf.ttl"),
            str(model / "vocabularies.ttl"), str(file), str(batch), str(passes)]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    return dict(json.loads(line))


def pyshacl(file: Path, batch: int, passes: int) -> dict[str, object]:
    from rdflib import Graph

    from kennisgraaf.ontology.validation import validate

    validate(Graph())  # the shapes are planned once per process, before anything is timed
    seconds, results, statements = [], 0, 0
    for _ in range(passes):
        results = statements = 0
        began = time.perf_counter()
        with file.open(encoding="utf-8") as f:
            lines = f.readlines()  # held in memory: a benchmark input, not a load
        for start in range(0, len(lines), batch):
            chunk = lines[start : start + batch]
            data = Graph().parse(data="".join(chunk), format="nt")
            results += len(validate(data, disposable=True).results)
            statements += len(chunk)
        seconds.append(time.perf_counter() - began)
    return {"seconds": seconds, "statements": statements, "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument(
        "--build-dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-jena-shacl"
    )
    args = parser.parse_args(argv)
    rows = {
        "Jena SHACL 5.6.0 (JVM)": jena(args.file, args.batch_size, args.passes, args.build_dir),
        "pyshacl, planned shapes": pyshacl(args.file, args.batch_size, args.passes),
    }
    print("| engine | seconds per pass | best | statements/s (best) | results |")
    print("|---|---|---:|---:|---:|")
    best = {}
    for name, row in rows.items():
        times = [float(s) for s in row["seconds"]]  # type: ignore[attr-defined]
        best[name] = min(times)
        rate = int(str(row["statements"])) / best[name]
        print(f"| {name} | {', '.join(f'{s:.2f}' for s in times)} | {best[name]:.2f} | "
              f"{rate:,.0f} | {row['results']} |")  # fmt: skip
    names = list(rows)
    print(f"\nJena / pyshacl (best passes): {best[names[1]] / best[names[0]]:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
