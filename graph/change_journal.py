"""What an import may change, recorded before it writes: the SPARQL projection's change sets.

Before each batch is written, the resources it describes or links from are recorded
(`ProjectionChange` nodes: import, part, IRIs); before a source's stale statements are withdrawn,
the resources they belong to are. Recorded *before* the write, a record never misses a change
(if the write then fails, the record names resources that did not change, which costs the
projection a re-read, nothing more), and a resumed import has the records of the batches an
earlier run committed. Once the import is complete, the projection re-derives just those
resources (sparql/projection.py); a change that leaves no record makes it rebuild.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kennisgraaf.graph.mapping import MappedBatch
from kennisgraaf.graph.writer import GraphWriter, WriteCounts
from kennisgraaf.queries.registry import get_query


def batch_subjects(batch: MappedBatch) -> list[str]:
    """The resources a batch describes or links from: the subjects of its statements."""
    subjects = {iri for iri, _ in batch.nodes}
    subjects.update(s for s, _, _, _ in batch.relationships)
    return sorted(subjects)


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
    """The graph writer, recording what each write may change before it writes."""

    def write_batch(
        self, batch: MappedBatch, import_id: str, batch_index: int, *rest: Any, **named: Any
    ) -> WriteCounts:
        subjects = batch_subjects(batch)
        if subjects:
            record_changes(self.driver, self.database, import_id, f"batch {batch_index}", subjects)
        return super().write_batch(batch, import_id, batch_index, *rest, **named)

    def withdraw_stale(self, key: str, import_id: str) -> WriteCounts:
        if self._loaded_before(key, import_id):
            self._record_stale(key, import_id)
        return super().withdraw_stale(key, import_id)

    def _loaded_before(self, key: str, import_id: str) -> bool:
        """Whether another import wrote under `key`: else nothing can be stale, and the scan
        for stale statements (through the whole graph) is not needed to record them."""
        records, _, _ = self.driver.execute_query(
            get_query("projection.key_loaded_before").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        return bool(records[0]["before"])

    def _record_stale(self, key: str, import_id: str) -> None:
        records, _, _ = self.driver.execute_query(
            get_query("projection.stale_subjects").text,
            key=key,
            import_id=import_id,
            database_=self.database,
        )
        stale = sorted(records[0]["iris"]) if records else []
        if stale:
            record_changes(self.driver, self.database, import_id, f"withdraw {key}", stale)
