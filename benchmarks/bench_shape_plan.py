"""pyshacl on shapes.ttl as written against the planned shapes the gate uses, on one batch.

    python -m benchmarks.bench_shape_plan FILE [--statements 20000] [--repeat 3]

Takes the first N statements of FILE (a generated benchmark file), validates them with pyshacl
given shapes.ttl as written and with the plan of ontology/shape_plan.py, alternating the two
`--repeat` times in one process, and prints each time (parsing the statements into an rdflib
graph included, the same for both), the ratio of the medians, and whether the results are the
same (focus node, path, component, severity, message, value, source shape).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from pyshacl import validate as pyshacl_validate

    from kennisgraaf.ontology.files import model_graph, shapes_graph
    from kennisgraaf.ontology.validation import ValidationResult, _result, validate

    with args.file.open(encoding="utf-8") as f:
        text = "".join(islice(f, args.statements))
    shapes, model = shapes_graph(), model_graph()
    validate(Graph())  # the plan is made once per process, before anything is timed

    def key(r: ValidationResult) -> tuple[str, ...]:
        return tuple(map(str, (r.focus_node, r.path, r.constraint_component, r.severity,
                               r.message, r.value, r.source_shape)))  # fmt: skip

    def as_written() -> list[tuple[str, ...]]:
        data = Graph().parse(data=text, format="nt")
        _, report, _ = pyshacl_validate(
            data, shacl_graph=shapes, ont_graph=model, inference="none", advanced=True,
            allow_warnings=True, inplace=True,
        )  # fmt: skip
        assert isinstance(report, Graph)
        nodes = report.subjects(RDF.type, SH.ValidationResult)
        return sorted(key(_result(report, n, "en")) for n in nodes)

    def planned() -> list[tuple[str, ...]]:
        data = Graph().parse(data=text, format="nt")
        return sorted(key(r) for r in validate(data, disposable=True).results)

    times: dict[str, list[float]] = {"as written": [], "planned": []}
    results: dict[str, list[tuple[str, ...]]] = {}
    for _ in range(args.repeat):
        for name, run in (("as written", as_written), ("planned", planned)):
            began = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - began)
    for name, seconds in times.items():
        print(f"{name:11} " + " ".join(f"{s:.2f}" for s in seconds) + " s")
    ratio = statistics.median(times["as written"]) / statistics.median(times["planned"])
    same = results["as written"] == results["planned"]
    print(f"{args.statements:,} statements: planned {ratio:.1f}× faster (medians); "
          f"{len(results['planned'])} results, same as written: {same}")  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
