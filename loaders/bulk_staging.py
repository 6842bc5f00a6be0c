"""What a bulk load has validated, kept on disk until every file is through the gate, then read
back resource by resource as the rows of Neo4j's importer.

Each mapped batch adds its node parts (what one source key says of one resource) and its
relationships to an SQLite file; memory stays flat whatever the size of the input. A resource's
parts from all files are merged into its stored state by the writer's own rules
(graph/provenance.py), a relationship gets the keys asserting it in the order of the loads and,
per key, the import that asserted it; a resource used only as an object is a bare `Resource`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kennisgraaf.graph.mapping import MappedBatch, NodeStatements
from kennisgraaf.graph.provenance import IMP, merged_state

NodeRow = tuple[str, dict[str, Any], list[str]]  # iri, properties, labels
RelationshipRow = tuple[str, str, str, dict[str, Any]]  # start, type, end, properties


class Staging:
    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "staging.sqlite3")
        self.db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;
            PRAGMA cache_size = -65536;
            CREATE TABLE parts (iri TEXT, key TEXT, imp TEXT, data TEXT);
            CREATE TABLE rels (s TEXT, t TEXT, o TEXT, key TEXT, imp TEXT);
            """
        )

    def add(self, batch: MappedBatch, import_id: str) -> None:
        self.db.executemany(
            "INSERT INTO parts VALUES (?, ?, ?, ?)",
            (
                (iri, key, import_id, json.dumps(part.to_json(), separators=(",", ":")))
                for (iri, key), part in batch.nodes.items()
            ),
        )
        self.db.executemany(
            "INSERT INTO rels VALUES (?, ?, ?, ?, ?)",
            ((s, t, o, key, import_id) for s, t, o, key in sorted(batch.relationships)),
        )

    def close(self) -> None:
        self.db.close()

    def nodes(self, natural: dict[str, str]) -> Iterator[NodeRow]:
        """Every resource's stored state, described ones first, then those only linked to."""
        self.db.execute("CREATE INDEX parts_iri ON parts (iri)")
        rows = self.db.execute("SELECT iri, key, imp, data FROM parts ORDER BY iri, rowid")
        iri: str | None = None
        snaps: dict[str, NodeStatements] = {}
        imports: dict[str, str] = {}
        for row_iri, key, imp, data in rows:
            if row_iri != iri:
                if iri is not None:
                    yield _node(iri, snaps, imports, natural)
                iri, snaps, imports = row_iri, {}, {}
            part = NodeStatements.from_json(json.loads(data))
            if key in snaps:
                snaps[key].merge(part)  # one import's statements about it in several batches
            else:
                snaps[key] = part
            imports[key] = imp
        if iri is not None:
            yield _node(iri, snaps, imports, natural)
        only_linked = self.db.execute(
            "SELECT DISTINCT o FROM rels WHERE NOT EXISTS (SELECT 1 FROM parts WHERE iri = o)"
        )
        for (o,) in only_linked:
            yield o, {"iri": o}, []

    def relationships(self) -> Iterator[RelationshipRow]:
        rows = self.db.execute("SELECT s, t, o, key, imp FROM rels ORDER BY s, t, o, rowid")
        link: tuple[str, str, str] | None = None
        props: dict[str, Any] = {}
        for s, t, o, key, imp in rows:
            if (s, t, o) != link:
                if link is not None:
                    yield (*link, props)
                link, props = (s, t, o), {"sources": []}
            if key not in props["sources"]:
                props["sources"].append(key)
            props[IMP + key] = imp
        if link is not None:
            yield (*link, props)


def _node(
    iri: str, snaps: dict[str, NodeStatements], imports: dict[str, str], natural: dict[str, str]
) -> NodeRow:
    props, labels = merged_state(iri, snaps, imports, natural)
    return iri, props, sorted(labels)
