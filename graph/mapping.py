"""RDF statements → property-graph rows (the rules are documented in graph/MAPPING.md).

Pure functions, no database: a batch of statements becomes, per source, the node statements
(types and literal statements, kept per subject) and the relationships between resources.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kennisgraaf.graph.literals import RDF_LANGSTRING, XSD_STRING, property_key
from kennisgraaf.graph.naming import PREFIXES, name_for

RDF_TYPE = PREFIXES["rdf"] + "type"
GENID = ".well-known/genid/"


def source_key(source: str, graph: str | None) -> str:
    """Short stable key of a source (a file or upload name) and one of its named graphs."""
    return hashlib.sha256(f"{source}\0{graph or ''}".encode()).hexdigest()[:12]


@dataclass
class NodeStatements:
    """What one source says about one subject: its classes and its literal statements."""

    labels: set[str] = field(default_factory=set)
    literals: set[tuple[str, str]] = field(default_factory=set)  # (property key, lexical form)

    def merge(self, other: NodeStatements) -> None:
        self.labels |= other.labels
        self.literals |= other.literals

    def to_json(self) -> dict[str, list[str] | list[list[str]]]:
        return {"t": sorted(self.labels), "s": [list(kv) for kv in sorted(self.literals)]}

    @classmethod
    def from_json(cls, data: dict[str, list[object]]) -> NodeStatements:
        return cls(
            labels={str(t) for t in data.get("t", [])},
            literals={(str(kv[0]), str(kv[1])) for kv in data.get("s", []) if isinstance(kv, list)},
        )


@dataclass
class MappedBatch:
    nodes: dict[tuple[str, str], NodeStatements] = field(default_factory=dict)  # (iri, source key)
    relationships: set[tuple[str, str, str, str]] = field(default_factory=set)  # s, type, o, key
    references: set[str] = field(default_factory=set)  # IRIs used as objects
    graphs: dict[str, str | None] = field(default_factory=dict)  # source key → graph name
    statements: int = 0


class Skolemizer:
    """Blank nodes → stable IRIs: numbered in order of first appearance within one source version.

    The parser's own blank-node labels are random per parse; the order of appearance is not, so
    the same file always yields the same IRIs, and a new version of it yields new ones.
    """

    def __init__(self, base_iri: str, scope: str) -> None:
        self.prefix = base_iri + GENID
        self.scope = scope
        self.seen: dict[str, str] = {}

    def iri(self, node: ox.BlankNode) -> str:
        found = self.seen.get(node.value)
        if found is None:
            ordinal = len(self.seen)
            digest = hashlib.sha256(f"{self.scope}\0{ordinal}".encode()).hexdigest()[:32]
            found = self.prefix + digest
            self.seen[node.value] = found
        return found


ObjectTerm = str | ox.Literal  # an IRI (blank nodes skolemised) or a literal
Triple = tuple[str, str, ObjectTerm]
Resolved = tuple[str, str, ObjectTerm, str | None]  # with the named graph, None for default


def resolve(statements: Iterable[object], skolem: Skolemizer) -> list[Resolved]:
    """Statements with blank nodes replaced by their stable IRIs."""
    out: list[Resolved] = []
    for st in statements:
        s = st.subject  # type: ignore[attr-defined]
        o = st.object  # type: ignore[attr-defined]
        out.append(
            (
                s.value if isinstance(s, ox.NamedNode) else skolem.iri(s),
                st.predicate.value,  # type: ignore[attr-defined]
                o
                if isinstance(o, ox.Literal)
                else (o.value if isinstance(o, ox.NamedNode) else skolem.iri(o)),
                st.graph,  # type: ignore[attr-defined]
            )
        )
    return out


def map_statements(
    statements: Iterable[Resolved], natural: dict[str, str], source: str
) -> MappedBatch:
    out = MappedBatch()
    keys: dict[str | None, str] = {}
    # A batch uses few terms many times: each name is worked out once per batch.
    names: dict[str, str] = {}
    props: dict[tuple[str, str, str | None], str] = {}
    for subject, predicate, obj, graph in statements:
        key = keys.get(graph)
        if key is None:
            key = keys[graph] = source_key(source, graph)
            out.graphs[key] = graph
        out.statements += 1
        node = out.nodes.get((subject, key))
        if node is None:
            node = out.nodes[(subject, key)] = NodeStatements()
        if isinstance(obj, ox.Literal):
            datatype = obj.datatype.value
            language = obj.language
            prop = props.get((predicate, datatype, language))
            if prop is None:
                prop = props[(predicate, datatype, language)] = property_key(
                    predicate,
                    None if datatype in (XSD_STRING, RDF_LANGSTRING) else datatype,
                    language,
                    natural.get(predicate, XSD_STRING),
                )
            node.literals.add((prop, obj.value))
        else:
            term = obj if predicate == RDF_TYPE else predicate
            name = names.get(term)
            if name is None:
                name = names[term] = name_for(term)
            if predicate == RDF_TYPE:
                node.labels.add(name)
            else:
                out.references.add(obj)
                out.relationships.add((subject, name, obj, key))
    return out
