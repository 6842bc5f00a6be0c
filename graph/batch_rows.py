"""The rows a batch's write sends, worked out before its transaction as far as they can be.

A node's new state depends on what the graph holds of it only when the graph holds it. So each
node's row is built as if the node were new (its sources' parts from this import, nothing else),
and each relationship's row as if it did not exist; the transaction reads which of them the graph
holds and rebuilds just those from the stored state (graph/writer.py). In a first load of a
source nearly everything is new, and the rows are ready before the transaction starts: built on
the loading thread while the batch before is still being written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kennisgraaf.graph.mapping import MappedBatch, NodeStatements
from kennisgraaf.graph.provenance import IMP, merged_state

Link = tuple[str, str, str]  # subject, relationship type, object


class Rows(list[Any]):
    """A query's list parameter, shown by its length. The driver formats every query's
    parameters for its debug log whether or not debug logging is on (neo4j 6.4, Bolt 5 RUN):
    for a batch's rows that is a tenth of the load's Python time."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


@dataclass
class PreparedBatch(MappedBatch):
    """A mapped batch with its rows for resources and links the graph does not hold yet."""

    import_id: str = ""
    parts: dict[str, dict[str, NodeStatements]] = field(default_factory=dict)  # iri → key → part
    fresh: dict[str, dict[str, Any]] = field(default_factory=dict)  # iri → row of a new node
    links: dict[Link, list[str]] = field(default_factory=dict)  # link → keys asserting it
    link_rows: dict[Link, dict[str, Any]] = field(default_factory=dict)  # rows of new links


def prepare(batch: MappedBatch, import_id: str, natural: dict[str, str]) -> PreparedBatch:
    """The batch with every row that does not depend on the graph's state."""
    if isinstance(batch, PreparedBatch) and batch.import_id == import_id:
        return batch
    parts: dict[str, dict[str, NodeStatements]] = defaultdict(dict)
    for (iri, key), statements in batch.nodes.items():
        parts[iri][key] = statements
    fresh = {}
    for iri, by_key in parts.items():
        props, labels = merged_state(iri, dict(by_key), dict.fromkeys(by_key, import_id), natural)
        fresh[iri] = {"iri": iri, "props": props, "labels": sorted(labels)}
    links: dict[Link, list[str]] = {}
    for s, t, o, k in sorted(batch.relationships):
        keys = links.setdefault((s, t, o), [])
        if k not in keys:
            keys.append(k)
    return PreparedBatch(
        nodes=batch.nodes,
        relationships=batch.relationships,
        references=batch.references,
        graphs=batch.graphs,
        statements=batch.statements,
        import_id=import_id,
        parts=dict(parts),
        fresh=fresh,
        links=links,
        link_rows={link: new_link_row(link, keys, import_id) for link, keys in links.items()},
    )


def new_link_row(link: Link, keys: list[str], import_id: str) -> dict[str, Any]:
    """A relationship the graph does not hold: its ends, type and every property it gets."""
    s, t, o = link
    props: dict[str, Any] = {"sources": keys}
    props.update((IMP + key, import_id) for key in keys)
    return {"s": s, "type": t, "o": o, "props": props}
