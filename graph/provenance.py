"""How a node records who said what: the provenance format on the node itself.

Each node keeps, per source key, what that source said about it (`_by:<key>`, JSON of its
NodeStatements) and which import of the source said it last (`_imp:<key>`); its visible labels
and properties are the union over sources, and `_sources` and `_types` list the keys and the
asserted classes. The writer builds nodes in this format, the gate reads it to see the graph
as it will be after a replacing load, and the exporter turns it back into statements.

Personal data (graph/disclosure.py): only public values become visible properties, so every
public view reads public data only; restricted values are kept apart in `_restricted` (JSON,
property key → lexical forms) for authorised readers, never-published ones only in the `_by:`
parts, and `_hidden` marks a person who may not be named publicly (shown by role).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from kennisgraaf.graph.disclosure import NEVER, PUBLIC, RESTRICTED, person_hidden, split_literals
from kennisgraaf.graph.literals import parse_key, to_property
from kennisgraaf.graph.mapping import NodeStatements
from kennisgraaf.graph.model import superclass_labels

BY = "_by:"
IMP = "_imp:"
RESTRICTED_KEY = "_restricted"
HIDDEN_KEY = "_hidden"
WITHHELD_KEY = "_withheld"  # some value is not visible: the gate reads the node in full


def merged_state(
    iri: str,
    snapshots: dict[str, NodeStatements],
    imports: dict[str, str],
    natural: dict[str, str],
    public_only: bool = True,
) -> tuple[dict[str, Any], set[str]]:
    """Visible properties (plus provenance keys) and labels of a node from its per-source parts.
    With `public_only` (what is stored) restricted and never-published values are not visible;
    without, every value is (what the gate validates against)."""
    props: dict[str, Any] = {"iri": iri, "_sources": sorted(snapshots)}
    asserted: set[str] = set()
    literals: set[tuple[str, str]] = set()
    for key, snap in snapshots.items():
        props[BY + key] = json.dumps(snap.to_json(), ensure_ascii=False, separators=(",", ":"))
        props[IMP + key] = imports[key]
        asserted |= snap.labels
        literals |= snap.literals
    props["_types"] = sorted(asserted)
    supers = superclass_labels()
    labels = set(asserted)
    for label in asserted:
        labels |= supers.get(label, frozenset())
    if public_only:
        levels = split_literals(labels, literals, natural)
        literals = levels[PUBLIC]
        if levels[RESTRICTED]:
            props[RESTRICTED_KEY] = _grouped_json(levels[RESTRICTED])
        if levels[RESTRICTED] or levels[NEVER]:
            props[WITHHELD_KEY] = True
        if person_hidden(labels, levels[PUBLIC] | levels[RESTRICTED], natural):
            props[HIDDEN_KEY] = True
    values: dict[str, set[str]] = defaultdict(set)
    for prop, lexical in literals:
        values[prop].add(lexical)
    for prop, lexicals in values.items():
        _, datatype, language = parse_key(prop, natural)
        props[prop] = to_property(lexicals, None if language else datatype)
    return props, labels


def _grouped_json(literals: set[tuple[str, str]]) -> str:
    grouped: dict[str, list[str]] = defaultdict(list)
    for prop, lexical in sorted(literals):
        grouped[prop].append(lexical)
    return json.dumps(grouped, ensure_ascii=False, separators=(",", ":"))


def restricted_values(props: dict[str, Any]) -> dict[str, list[str]]:
    """The restricted values kept apart on a node: property key → lexical forms."""
    raw = props.get(RESTRICTED_KEY)
    return dict(json.loads(raw)) if isinstance(raw, str) else {}


def full_props(iri: str, props: dict[str, Any], natural: dict[str, str]) -> dict[str, Any]:
    """A stored node's properties with every value visible again, from its per-source parts:
    for the gate and the non-public export, never for a public view."""
    snaps, imports = split_provenance(props)
    if not snaps or WITHHELD_KEY not in props:
        return props
    return merged_state(iri, snaps, imports, natural, public_only=False)[0]


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
