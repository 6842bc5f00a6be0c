"""Proof that generated data conforms to the shapes: generate a small graph, validate it whole.

    python -m benchmarks.check_generated [--triples 20000] [--seed 1]

Exits 0 when the SHACL report has no Violation (and prints warnings and infos, if any); also
checks that the Turtle and N-Triples outputs hold the same graph.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path


def check(triples: int, seed: int) -> int:
    from rdflib import Graph
    from rdflib.compare import isomorphic
    from rdflib.namespace import RDF

    from benchmarks.generate import generate
    from kennisgraaf.ontology.validation import validate

    with tempfile.TemporaryDirectory() as tmp:
        nt, ttl = Path(tmp) / "check.nt", Path(tmp) / "check.ttl"
        written = generate(nt, triples, seed, turtle=ttl)
        graph = Graph().parse(nt, format="nt")
        same = isomorphic(graph, Graph().parse(ttl, format="turtle"))
        again = Path(tmp) / "again.nt"
        generate(again, triples, seed)
        deterministic = again.read_bytes() == nt.read_bytes()
    outcome = validate(graph)
    classes = Counter(str(o).rsplit("#", 1)[-1] for o in graph.objects(None, RDF.type))
    print(f"{written} statements, {len(graph)} distinct; classes: {dict(sorted(classes.items()))}")
    print(f"Turtle and N-Triples isomorphic: {same}; same bytes for the same seed: {deterministic}")
    for label, results in (("Violation", outcome.violations), ("Warning", outcome.warnings),
                           ("Info", outcome.infos)):  # fmt: skip
        print(f"{label}s: {len(results)}")
        for r in results[:10]:
            print(f"  {r.focus_node} {r.path}: {r.message}")
    ok = not outcome.violations and written == len(graph) and same and deterministic
    print("conforms" if ok else "DOES NOT CONFORM")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate a small generated graph whole.")
    parser.add_argument("--triples", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    return check(args.triples, args.seed)


if __name__ == "__main__":
    sys.exit(main())
