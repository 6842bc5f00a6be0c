"""How a node records who said what: the provenance format on the node itself.

Each node keeps, per source key, what that source said about it (`_by:<key>`, JSON of its
NodeStatements) and which import of the source said it last (`_imp:<key>`); its visible labels
and properties are the union over sources, and `_sources` and `_types` list the keys and the
asserted classes. The writer builds nodes in this format, the gate reads it to see the graph
as it will be after a replacing load, and the exporter turns it back into statements.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from kennisgraaf.graph.literals import parse_key, to_property
from kennisgraaf.graph.mapping import NodeStatements
from kennisgraaf.graph.model import superclass_labels

BY = "_by:"
IMP = "_imp:"


def merged_state(
    iri: str,
    snapshots: dict[str, NodeStatements],
    imports: dict[str, str],
    natural: dict[str, str],
) -> tuple[dict[str, Any], set[str]]:
    """Visible properties (plus provenance keys) and labels of a node from its per-source parts."""
    props: dict[str, Any] = {"iri": iri, "_sources": sorted(snapshots)}
    asserted: set[str] = set()
    values: dict[str, set[str]] = defaultdict(set)
    for key, snap in snapshots.items():
        props[BY + key] = json.dumps(snap.to_json(), ensure_ascii=False, separators=(",", ":"))
        props[IMP + key] = imports[key]
        asserted |= snap.labels
        for prop, lexical in snap.literals:
            values[prop].add(lexical)
    for prop, lexicals in values.items():
        _, datatype, language = parse_key(prop, natural)
        props[prop] = to_property(lexicals, None if language else datatype)
    props["_types"] = sorted(asserted)
    supers = superclass_labels()
    labels = set(asserted)
    for label in asserted:
        labels |= supers.get(label, frozenset())
    return props, labels


def visible(props: dict[str, Any]) -> dict[str, Any]:
    """The properties a reader sees: all but the `_`-prefixed bookkeeping."""
    return {k: v for k, v in props.items() if not k.startswith("_")}


def split_provenance(props: dict[str, Any]) -> tuple[dict[str, NodeStatements], dict[str, str]]:
    """A node's stored properties back to what each source said and the import that said it."""
    snaps: dict[str, NodeStatements] = {}
    imports: dict[str, str] = {}
    for name, value in props.items():
        if name.startswith(BY):
            snaps[name[len(BY) :]] = NodeStatements.from_json(json.loads(value))
        elif name.startswith(IMP):
            imports[name[len(IMP) :]] = str(value)
    return snaps, imports
