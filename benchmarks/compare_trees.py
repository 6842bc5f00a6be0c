"""This tree's validated load against another tree's (e.g. an earlier commit), side by side.

    python -m benchmarks.compare_trees FILE --other-tree /tmp/base-wt \
        --other-site /tmp/base-site --rounds 3 [--batch-size 20000] [--warm-up SMALLER_FILE]

`--other-site` holds the other tree's package installed with `pip install --no-deps --target`;
`--other-tree` its `benchmarks/` (the child that measures runs from there, with that package).
Both systems load FILE into the same throw-away local Neo4j, emptied before each load, in
alternating order (this, other, other, this, …) so that a machine busy with other work weighs on
both alike, after one load of each that is not counted (the engine's first planning of every
query is paid there). Prints each load and the ratio of medians (this / other).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def child(tree: Path, site: Path | None, path: Path, uri: str, batch: int) -> dict[str, Any]:
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = f"{site}{os.pathsep}{tree}"
    argv = [sys.executable, "-m", "benchmarks.children", "load", str(path), "--uri", uri]
    done = subprocess.run(
        [*argv, "--batch-size", str(batch)], capture_output=True, text=True, cwd=tree, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: load failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return dict(json.loads(lines[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--other-tree", type=Path, required=True)
    parser.add_argument("--other-site", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument("--warm-up", type=Path, help="a smaller file for the uncounted loads")
    args = parser.parse_args(argv)

    from benchmarks.engine import local_neo4j, open_bench_driver, reset

    systems = {"this": (ROOT, None), "other": (args.other_tree, args.other_site)}
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    with local_neo4j() as uri, open_bench_driver(uri) as driver:
        for name, (tree, site) in systems.items():  # warm-up, not counted
            reset(driver, "kennisgraaf")
            child(tree, site, args.warm_up or args.file, uri, args.batch_size)
            print(f"warm-up {name} done", flush=True)
        for n in range(args.rounds):
            order = ["this", "other"] if n % 2 == 0 else ["other", "this"]
            for name in order:
                reset(driver, "kennisgraaf")
                tree, site = systems[name]
                result = child(tree, site, args.file, uri, args.batch_size)
                seconds[name].append(float(result["seconds"]))
                print(f"round {n + 1} {name}: {json.dumps(result)}", flush=True)
    this, other = (statistics.median(seconds[k]) for k in ("this", "other"))
    print(f"median seconds: this {this:.2f}, other {other:.2f}; this/other {this / other:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
