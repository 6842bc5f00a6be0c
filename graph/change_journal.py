"""What an import may change, recorded before it writes: the SPARQL projection's change sets, and
each source key's extent, which bounds what a later import of the key may withdraw.

Before each batch is written, the resources it describes or links from are recorded
(`ProjectionChange` nodes: import, part, IRIs), and per source key the resources it says
something about under that key (`SourceExtent` nodes: key, import, part, IRIs) — in one round
trip. Before a source's stale statements are withdrawn, the resources they belong to are
recorded too. Recorded *before* the write, a record never misses a change (if the write then
fails, the record names resources that did not change, which costs a re-read, nothing more), and
a resumed import has the records of the batches an earlier run committed. Once the import is
complete, the projection re-derives just those resources (sparql/projection.py); a change that
leaves no record makes it rebuild.

Withdrawal costs what the source held, not what the graph holds. A key's extent records are kept
while the statements they cover may still be in the graph: once import X of key K has withdrawn
what K no longer says, every statement under K is X's, so the records of K's other imports are
dropped and K is marked complete (`SourceExtentComplete {key}`). The next import of K then finds
the stale statements among the resources of K's earlier extent records only: stale nodes are
those whose `_imp:K` is another import's, stale relationships the ones K asserted from those
resources, and orphans are looked for among them and the ends of deleted relationships
(`GraphWriter.withdraw_within`). A key with no complete mark — its statements were written by a
version that kept no extents, or by a writer that wrote none — is withdrawn by the full scan
(`GraphWriter.withdraw_stale`), after which it is marked; a key no other import wrote under has
nothing to withdraw.

Any other writer of a source's statements (a bulk import into an empty database included) keeps
this exact when it writes, for each source key K it writes, `(:SourceExtent {key: K, import:
<its Import id>, part: <any text>, iris: [...]})` nodes whose `iris` together list every resource
it gave a statement under K (a node's `_by:K`/`_imp:K`, or a relationship with K in `sources`
starting there; one node per chunk of IRIs, e.g. 10,000), then one `(:SourceExtentComplete {key:
K})`, and the `Import` node with K in `sourceKeys` (that is how a later import knows K was loaded
before). Writing none is safe: the next import of K then scans the whole graph once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from neo4j import Driver

from kennisgraaf.graph.mapping import MappedBatch
from kennisgraaf.graph.writer import GraphWriter, WriteCounts
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)


def batch_subjects(batch: MappedBatch) -> list[str]:
    """The resources a batch describes or links from: the subjects of its statements."""
    subjects = {iri for iri, _ in batch.nodes}
    subjects.update(s for s, _, _, _ in batch.relationships)
    return sorted(subjects)


def batch_extents(batch: MappedBatch) -> list[dict[str, Any]]:
    """Per source key, the resources the batch says something about under it."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for iri, key in batch.nodes:
        by_key[key].add(iri)
    for s, _, _, key in batch.relationships:
        by_key[key].add(s)
    return [{"key": key, "iris": sorted(iris)} for key, iris in sorted(by_key.items())]


def record_changes(
    driver: Driver, database: str, import_id: str, part: str, iris: list[str]
) -> None:
    driver.execute_query(
        get_query("projection.record_changes").text,
        import_id=import_id,
        part=part,
        iris=iris,
        database_=database,
    )


class JournalledWriter(GraphWriter):
    """The graph writer, recording what each write may change before it writes, and
    withdrawing a source's stale statements within its extent."""

    def __init__(self, driver: Driver, database: str, natural: dict[str, str]) -> None:
        super().__init__(driver, database, natural)
        self._indexed = False

    def write_batch(
        self, batch: MappedBatch, import_id: str, batch_index: int, *rest: Any, **named: Any
    ) -> WriteCounts:
        subjects = batch_subjects(batch)
        if subjects:
            self._ensure_index()
            self.driver.execute_query(
                get_query("load.extent_record").text,
                import_id=import_id,
                part=f"batch {batch_index}",
                iris=subjects,
                extents=batch_extents(batch),
                database_=self.database,
            )
        return super().write_batch(batch, import_id, batch_index, *rest, **named)

    def _ensure_index(self) -> None:
        if not self._indexed:
            self.driver.execute_query(get_query("load.extent_index").text, database_=self.database)
            self._indexed = True

    def withdraw_stale(self, key: str, import_id: str) -> WriteCounts:
        """What `key` said before and its import `import_id` does not, withdrawn: within the
        key's extent when it is complete, else by the full scan."""
        counts = WriteCounts()
        if self._loaded_before(key, import_id):
            within = self._stale_within(key, import_id)
            if within is None:
                log.info("source key %s: no complete extent, scanning the whole graph", key)
                self._record_stale(key, import_id, self._stale_everywhere(key, import_id))
                counts = super().withdraw_stale(key, import_id)
            else:
                self._record_stale(key, import_id, within)
                counts = self.withdraw_within(key, import_id, within)
        self.driver.execute_query(
            get_query("load.extent_settle").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        return counts

    def _loaded_before(self, key: str, import_id: str) -> bool:
        """Whether another import wrote under `key`: else nothing can be stale."""
        records, _, _ = self.driver.execute_query(
            get_query("projection.key_loaded_before").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        return bool(records[0]["before"])

    def _stale_within(self, key: str, import_id: str) -> list[str] | None:
        """The resources with stale statements of `key`, from its extent; None when the
        extent is not complete."""
        self._ensure_index()
        records, _, _ = self.driver.execute_query(
            get_query("load.stale_subjects_within").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        if not records or not records[0]["complete"]:
            return None
        return sorted(records[0]["iris"])

    def _stale_everywhere(self, key: str, import_id: str) -> list[str]:
        records, _, _ = self.driver.execute_query(
            get_query("projection.stale_subjects").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        return sorted(records[0]["iris"]) if records else []

    def _record_stale(self, key: str, import_id: str, stale: list[str]) -> None:
        if stale:
            record_changes(self.driver, self.database, import_id, f"withdraw {key}", stale)
