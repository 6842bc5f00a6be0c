"""Writing mapped batches to Neo4j with per-source provenance.

Each node keeps, per source key, what that source said about it and which import of the source
said it last (the format is graph/provenance.py); its visible labels and properties are the
union over sources. Relationships keep the list of sources asserting them (`sources`) and the
last import per source. So a source can be replaced — statements another source also asserts
stay — and a batch written twice changes nothing.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction

from kennisgraaf.graph.batch_rows import Link, PreparedBatch, Rows, prepare
from kennisgraaf.graph.mapping import MappedBatch, NodeStatements
from kennisgraaf.graph.provenance import merged_state, split_provenance, visible
from kennisgraaf.queries.registry import get_query

log = logging.getLogger(__name__)
WITHDRAW_CHUNK = 5000  # resources per transaction when withdrawing


@dataclass
class WriteCounts:
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0

    def add(self, other: WriteCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class _Laps:
    """Debug log of how long each step of a batch's transaction took."""

    def __init__(self, batch_index: int) -> None:
        self.batch_index = batch_index
        self.last = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        log.debug("batch %d %s: %.3f s", self.batch_index, step, now - self.last)
        self.last = now


class GraphWriter:
    def __init__(self, driver: Driver, database: str, natural: dict[str, str]) -> None:
        self.driver = driver
        self.database = database
        self.natural = natural
        self._read = get_query("load.read_nodes").text
        self._nodes = get_query("load.write_nodes").text
        self._create = get_query("load.create_nodes").text
        self._refs = get_query("load.merge_references").text
        self._rels = get_query("load.write_relationships").text
        self._read_rels = get_query("load.read_relationships").text
        self._assert = get_query("load.assert_relationships").text
        self._done = get_query("load.import_batch_done").text

    def prepare(self, batch: MappedBatch, import_id: str) -> PreparedBatch:
        """What of the batch's write can be worked out before its transaction (batch_rows.py):
        done on the loading thread, it overlaps the write of the batch before."""
        return prepare(batch, import_id, self.natural)

    def write_batch(
        self,
        batch: MappedBatch,
        import_id: str,
        batch_index: int,
        rejected: int,
        held: str = "[]",
        report: str | None = None,
    ) -> WriteCounts:
        """One managed transaction: retried on transient errors, idempotent when repeated.
        `held` (the statements held back for the next batch) and `report` (what the batch sent
        to quarantine) are recorded with it, so a resumed import continues from here."""
        began = time.perf_counter()
        with self.driver.session(database=self.database) as session:
            counts = session.execute_write(
                self._write, batch, import_id, batch_index, rejected, held, report
            )
        log.debug("batch %d transaction: %.3f s", batch_index, time.perf_counter() - began)
        return counts

    def _write(
        self,
        tx: ManagedTransaction,
        batch: MappedBatch,
        import_id: str,
        batch_index: int,
        rejected: int,
        held: str = "[]",
        report: str | None = None,
    ) -> WriteCounts:
        counts = WriteCounts()
        lap = _Laps(batch_index)
        ready = prepare(batch, import_id, self.natural)  # ready already when given prepared
        lap("rows")
        existing = {
            r["iri"]: (set(r["labels"]), dict(r["props"]))
            for r in tx.run(self._read, iris=Rows(sorted(ready.fresh)))
        }
        lap("read")
        # What the graph holds is merged with its stored state; the rest is created as prepared.
        known = {iri: ready.parts[iri] for iri in ready.fresh if iri in existing}
        rows = self._node_rows(known, existing, import_id, counts)
        new = [row for iri, row in ready.fresh.items() if iri not in existing]
        counts.nodes_created += len(new)
        lap("merge")
        if rows:
            tx.run(self._nodes, rows=Rows(rows)).consume()
        tx.run(self._create, rows=Rows(new)).consume()
        lap("nodes")
        refs = sorted(batch.references - ready.fresh.keys())
        created_refs = tx.run(self._refs, iris=Rows(refs)).consume().counters.nodes_created
        counts.nodes_created += created_refs
        lap("references")
        # Resources new in this batch have no links yet: only known subjects are looked up.
        new_rows, seen_rows = self._relationship_rows(tx, ready, sorted(known))
        lap("read relationships")
        # CREATE for new ones and an id lookup for known ones: a MERGE on a relationship
        # type given at run time scans every link of both ends, which hubs make slow.
        summary = tx.run(self._rels, rows=Rows(new_rows)).consume()
        if seen_rows:
            tx.run(self._assert, rows=Rows(seen_rows), import_id=import_id).consume()
        counts.relationships_created += summary.counters.relationships_created
        lap("relationships")
        tx.run(
            self._done,
            id=import_id,
            batch=batch_index,
            statements=batch.statements,
            rejected=rejected,
            keys=sorted(batch.graphs),
            graphs=sorted(f"{k} {g or ''}" for k, g in batch.graphs.items()),
            held=held,
            report=report,
        ).consume()
        lap("done")
        return counts

    def _node_rows(
        self,
        by_iri: dict[str, dict[str, NodeStatements]],
        existing: dict[str, tuple[set[str], dict[str, Any]]],
        import_id: str,
        counts: WriteCounts,
    ) -> list[dict[str, Any]]:
        """Each stored node's new state: its sources' parts from this import merged into it."""
        rows = []
        for iri, new_parts in by_iri.items():
            old_labels, old_props = existing[iri]
            snaps, imports = split_provenance(old_props)
            for key, statements in new_parts.items():
                if imports.get(key) == import_id and key in snaps:
                    snaps[key].merge(statements)  # the same import, continuing or re-run
                else:
                    snaps[key] = statements
                imports[key] = import_id
            props, labels = merged_state(iri, snaps, imports, self.natural)
            drop = old_labels - labels - {"Resource"}
            if visible(props) != visible(old_props) or drop or labels - old_labels:
                counts.nodes_updated += 1
            rows.append(
                {"iri": iri, "props": props, "labels": sorted(labels), "drop": sorted(drop)}
            )
        return rows

    def _relationship_rows(
        self, tx: ManagedTransaction, batch: PreparedBatch, subjects: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Split the batch's relationships into new ones (rows as prepared) and ones that
        exist already (the source added to their list)."""
        existing: dict[Link, tuple[str, list[str]]] = {}
        for r in tx.run(self._read_rels, iris=Rows(subjects)) if subjects else ():
            existing[(r["s"], r["type"], r["o"])] = (r["id"], list(r["sources"] or []))
        if not existing:
            return list(batch.link_rows.values()), []
        created: list[dict[str, Any]] = []
        seen: list[dict[str, Any]] = []
        for link, keys in batch.links.items():
            if link not in existing:
                created.append(batch.link_rows[link])
                continue
            rel_id, sources = existing[link]
            for k in keys:
                if k not in sources:
                    sources.append(k)
                seen.append({"id": rel_id, "key": k, "sources": list(sources)})
        return created, seen

    def withdraw_stale(self, key: str, import_id: str) -> WriteCounts:
        """Remove what source `key` asserted before but its import `import_id` did not, found by
        scanning every node and relationship: the fallback when the key's extent is unknown
        (graph/change_journal.py finds it within the extent otherwise)."""
        counts = WriteCounts()
        with self.driver.session(database=self.database) as session:
            record = session.run(
                get_query("load.stale_relationships").text, key=key, import_id=import_id
            ).single()
            counts.relationships_deleted = int(record["deleted"]) if record else 0
            stale = [
                r["iri"]
                for r in session.run(
                    get_query("load.stale_nodes").text, key=key, import_id=import_id
                )
            ]
            for start in range(0, len(stale), WITHDRAW_CHUNK):
                chunk = stale[start : start + WITHDRAW_CHUNK]
                counts.nodes_updated += session.execute_write(self._withdraw_nodes, chunk, key)
            summary = session.run(get_query("load.delete_orphans").text).consume()
            counts.nodes_deleted = summary.counters.nodes_deleted
        return counts

    def withdraw_within(self, key: str, import_id: str, subjects: list[str]) -> WriteCounts:
        """`withdraw_stale` for a graph where every stale statement of `key` has its subject in
        `subjects`: only their outgoing relationships and themselves are looked at, and only they
        and the ends of deleted relationships can become orphans."""
        counts = WriteCounts()
        ends: set[str] = set()
        with self.driver.session(database=self.database) as session:
            for start in range(0, len(subjects), WITHDRAW_CHUNK):
                chunk = subjects[start : start + WITHDRAW_CHUNK]
                deleted, gone_ends = session.execute_write(
                    _withdraw_relationships, chunk, key, import_id
                )
                counts.relationships_deleted += deleted
                ends.update(gone_ends)
            stale: list[str] = []
            for start in range(0, len(subjects), WITHDRAW_CHUNK):
                chunk = subjects[start : start + WITHDRAW_CHUNK]
                stale += session.execute_read(_stale_among, chunk, key, import_id)
            for start in range(0, len(stale), WITHDRAW_CHUNK):
                chunk = stale[start : start + WITHDRAW_CHUNK]
                counts.nodes_updated += session.execute_write(self._withdraw_nodes, chunk, key)
            candidates = sorted(ends | set(subjects))
            for start in range(0, len(candidates), WITHDRAW_CHUNK):
                chunk = candidates[start : start + WITHDRAW_CHUNK]
                counts.nodes_deleted += session.execute_write(_delete_orphans_among, chunk)
        return counts

    def _withdraw_nodes(self, tx: ManagedTransaction, iris: list[str], key: str) -> int:
        rows = []
        for r in tx.run(self._read, iris=iris):
            snaps, imports = split_provenance(dict(r["props"]))
            snaps.pop(key, None)
            imports.pop(key, None)
            props, labels = merged_state(r["iri"], snaps, imports, self.natural)
            drop = set(r["labels"]) - labels - {"Resource"}
            rows.append(
                {"iri": r["iri"], "props": props, "labels": sorted(labels), "drop": sorted(drop)}
            )
        tx.run(self._nodes, rows=rows).consume()
        return len(rows)


def _withdraw_relationships(
    tx: ManagedTransaction, iris: list[str], key: str, import_id: str
) -> tuple[int, list[str]]:
    record = tx.run(
        get_query("load.stale_relationships_from").text, iris=iris, key=key, import_id=import_id
    ).single()
    if record is None:
        return 0, []
    return int(record["deleted"] or 0), list(record["ends"] or [])


def _stale_among(tx: ManagedTransaction, iris: list[str], key: str, import_id: str) -> list[str]:
    query = get_query("load.stale_nodes_among").text
    return [r["iri"] for r in tx.run(query, iris=iris, key=key, import_id=import_id)]


def _delete_orphans_among(tx: ManagedTransaction, iris: list[str]) -> int:
    record = tx.run(get_query("load.delete_orphans_among").text, iris=iris).single()
    return int(record["deleted"]) if record else 0
