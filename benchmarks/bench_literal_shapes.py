"""What the two shapes on literals (literal as rdf:type, ill-typed literals) cost the gate.

    python -m benchmarks.bench_literal_shapes FILE [--statements 100000] [--dirty 161] [--repeat 3]

Takes the first N statements of FILE (a generated benchmark file) and validates them the way the
gate does (rdflib terms converted from pyoxigraph's, the same quads in a store for the SPARQL
targets, the model mixed in place), alternating in one process:

* without   — the shapes minus the two literal shapes (what the gate ran before they existed);
* python    — the shapes as the gate runs them: literal shapes checked by literal_check.py on the
              nodes their SPARQL targets select;
* pyshacl   — the same plan, but pyshacl evaluates the literal shapes' SPARQL constraints itself.

Each arrangement runs on the clean data and on the data with `--dirty` ill-typed literals added
(one per resource); pyshacl on the dirty data runs once, as it takes minutes. Prints the times,
the ratios to "without", and the number of results (the arrangements must agree). First, the
work the literal shapes add to the gate is timed on its own (their targets, then the check), a
figure that a busy machine disturbs less than the whole validation's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import islice
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--dirty", type=int, default=161)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--own-work-only", action="store_true", help="skip the whole-gate runs")
    args = parser.parse_args(argv)

    import logging
    import warnings

    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.term import Node

    from kennisgraaf.ontology.files import shapes_graph
    from kennisgraaf.ontology.literal_check import NATIVE_SHAPES
    from kennisgraaf.ontology.shape_plan import ShapePlan, plan_shapes, remove_description
    from kennisgraaf.ontology.sparql_targets import resolve_targets
    from kennisgraaf.ontology.terms import to_rdflib
    from kennisgraaf.ontology.validation import _literal_check, _model_quads, validate

    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # one traceback per bad literal
    warnings.filterwarnings("ignore", message="Parsing weird boolean")
    with args.file.open(encoding="utf-8") as f:
        text = "".join(islice(f, args.statements))
    clean = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    subjects = list(dict.fromkeys(q.subject for q in clean))[: args.dirty]
    bad = [("2024-13-40", "date"), ("x", "integer"), ("maybe", "boolean"), ("1,5", "decimal")]
    xsd = "http://www.w3.org/2001/XMLSchema#"
    dirty = clean + [
        ox.Quad(s, ox.NamedNode("https://example.org/when"),
                ox.Literal(bad[i % 4][0], datatype=ox.NamedNode(xsd + bad[i % 4][1])))
        for i, s in enumerate(subjects)
    ]  # fmt: skip

    shapes = shapes_graph()
    cut = Graph()  # a copy: shapes_graph() is shared
    cut += shapes
    for shape in NATIVE_SHAPES:
        remove_description(cut, shape)
    plans: dict[str, ShapePlan] = {
        "without": plan_shapes(cut),
        "python": plan_shapes(shapes, native=NATIVE_SHAPES),
        "pyshacl": plan_shapes(shapes),
    }

    def once(plan: ShapePlan, quads: list[ox.Quad]) -> tuple[float, int]:
        data = Graph()
        for q in quads:
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        store = ox.Store()
        store.bulk_extend(quads)
        began = time.perf_counter()
        outcome = validate(data, disposable=True, store=store, plan=plan)
        return time.perf_counter() - began, len(outcome.violations)

    native_targets = [t for t in plans["python"].sparql_targets if t.shape in NATIVE_SHAPES]

    def own_work(quads: list[ox.Quad]) -> tuple[float, float, int]:
        """The work the literal shapes add in the gate: resolving their targets, checking."""
        data = Graph()
        for q in quads:
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        store = ox.Store()
        store.bulk_extend(quads)
        began = time.perf_counter()
        focus: dict[Node, list[Node]] = {}
        for shape, _, node in resolve_targets(native_targets, data, _model_quads(), store):
            focus.setdefault(shape, []).append(node)
        resolved = time.perf_counter()
        found = _literal_check().results(focus, store, "en")
        return resolved - began, time.perf_counter() - resolved, len(found)

    validate(Graph())  # the model and plan are made once per process, before anything is timed
    for label, quads in (("clean", clean), (f"{len(subjects)} ill-typed literals", dirty)):
        runs = [own_work(quads) for _ in range(args.repeat)]
        targets = statistics.median(r[0] for r in runs)
        checks = statistics.median(r[1] for r in runs)
        print(f"{len(quads):,} statements, {label}: the literal shapes' own work "
              f"{targets:.3f} s targets + {checks:.4f} s check, {runs[0][2]} results")  # fmt: skip
    for label, quads in (("clean", clean), (f"{len(subjects)} ill-typed literals", dirty)):
        if args.own_work_only:
            break
        times: dict[str, list[float]] = {name: [] for name in plans}
        counts: dict[str, int] = {}
        for round_ in range(args.repeat):
            for name, plan in plans.items():
                if name == "pyshacl" and quads is dirty and round_ > 0:
                    continue
                seconds, counts[name] = once(plan, quads)
                times[name].append(seconds)
        base = statistics.median(times["without"])
        print(f"{len(quads):,} statements, {label}:")
        for name, seconds_list in times.items():
            shown = " ".join(f"{s:.2f}" for s in seconds_list)
            ratio = statistics.median(seconds_list) / base
            print(f"  {name:8} {shown} s  x{ratio:.3f}  {counts[name]} violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
