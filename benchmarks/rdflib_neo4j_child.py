"""rdflib-neo4j loading one file, run with the interpreter of its own virtual environment.

    benchmarks/.venv-rdflib-neo4j/bin/python benchmarks/rdflib_neo4j_child.py FILE URI [BATCH]

Standalone on purpose (it must not import kennisgraaf, whose neo4j driver may differ). The
engine has no authentication, so the store gets a driver made without credentials. Prints one
JSON line last: seconds (parse and load), triples, peak resident memory (KiB).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def current_rss_kib() -> int:
    with Path("/proc/self/status").open() as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    from importlib.metadata import version

    from neo4j import GraphDatabase
    from rdflib import Graph
    from rdflib_neo4j import (  # type: ignore[import-not-found]
        HANDLE_VOCAB_URI_STRATEGY,
        Neo4jStore,
        Neo4jStoreConfig,
    )

    path, uri = Path(sys.argv[1]), sys.argv[2]
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    fmt = "nt" if path.suffix == ".nt" else "turtle"
    with GraphDatabase.driver(uri, auth=None) as driver:
        driver.verify_connectivity()
        config = Neo4jStoreConfig(
            handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
            batching=True,
            batch_size=batch,
        )
        base = current_rss_kib()
        began = time.perf_counter()
        graph = Graph(store=Neo4jStore(config=config, neo4j_driver=driver))
        graph.parse(path, format=fmt)
        triples = graph.store.total_triples  # type: ignore[attr-defined]
        graph.close(True)
        seconds = time.perf_counter() - began
    print(
        json.dumps(
            {
                "seconds": seconds,
                "statements": triples,
                "rss_after_imports_kib": base,
                "peak_rss_kib": int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                "versions": {p: version(p) for p in ("rdflib-neo4j", "rdflib", "neo4j")},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
