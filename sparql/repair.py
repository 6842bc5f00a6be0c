"""The projection's repair: check it equals a rebuild from the whole graph, or rebuild it.

`verify` brings the projection up to date as a request would (from the imports' changes), then
derives every public statement from Neo4j afresh into a scratch store and compares the two
triple for triple. The graph must not change meanwhile: if its version moved, the comparison
says so instead of reporting differences that are only the new import.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from kennisgraaf.sparql.projection import Deriver
from kennisgraaf.sparql.store import DerivedStore, Generation

EXAMPLES = 10


@dataclass(frozen=True)
class Comparison:
    generation: Generation
    projected: int  # triples in the projection
    rebuilt: int  # triples a rebuild derives
    missing: list[str] = field(default_factory=list)  # in a rebuild, not in the projection
    extra: list[str] = field(default_factory=list)  # in the projection, not in a rebuild
    graph_moved: bool = False  # the graph changed while comparing: nothing can be said

    @property
    def equal(self) -> bool:
        return not self.graph_moved and self.projected == self.rebuilt and not self.missing


def verify(store: DerivedStore) -> Comparison:
    version = store.version()
    generation = store.up_to(version)
    deriver = Deriver(store.driver, store.database, store.base_iri)
    scratch = tempfile.mkdtemp(prefix="verify-", dir=store.root.parent)
    try:
        fresh = ox.Store(scratch)
        fresh.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in
                          deriver.everything(version.bookmarks))  # fmt: skip
        current = ox.Store.read_only(str(generation.path))
        moved = store.version().digest != version.digest
        missing = (q for q in fresh if q not in current)
        extra = (q for q in current if q not in fresh)
        return Comparison(
            generation,
            projected=len(current),
            rebuilt=len(fresh),
            missing=[str(q.triple) for q in islice(missing, EXAMPLES)],
            extra=[str(q.triple) for q in islice(extra, EXAMPLES)],
            graph_moved=moved,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
