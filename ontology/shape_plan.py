"""The shapes as pyshacl is given them: the same constraints, arranged so they run per shape
rather than per focus node.

pyshacl evaluates `sh:property` by validating the property shape once for every focus node of
its node shape, re-reading the shape's parameters each time; on a batch of 20,000 statements that
is tens of thousands of shape evaluations. A property shape that carries the node shape's
targets itself is evaluated once, over all its focus nodes, with the same results (same focus
node, path, value, severity, message and source shape): SHACL lets a property shape have
targets of its own. So for every node shape that

- has only class, node, subjects-of or objects-of targets (a SPARQL target would then run once
  per property shape),
- is not used inside another shape (`sh:node`, `sh:and`, `sh:or`, `sh:xone`, `sh:not`,
  `sh:qualifiedValueShape`), where its `sh:property` must stay part of its conformance, and
- is not deactivated,

its property shapes are given its targets and the `sh:property` link is dropped. A property
shape shared by two node shapes gets both sets of targets.

A choice between classes, `sh:or ( [ sh:class A ] [ sh:class B ] )`, costs pyshacl a full shape
evaluation per alternative per value node, and a discarded report for every alternative that
fails. It is planned as `sh:class U`, with A and B declared subclasses of a class U made for the
purpose (added to the model the validator mixes in): a value is an instance of U exactly when it
is an instance of A or of B. Only shapes without a `sh:class` of their own are rewritten, so a
class result of such a shape can only come from the choice; validation.py reports it as the
sh:OrConstraintComponent result it stands for.

SPARQL targets (`sh:target [ a sh:SPARQLTarget ; sh:select … ]`) are taken out of the plan and
resolved per validation by `sparql_targets.py`, which hands pyshacl their focus nodes as
`sh:targetNode`: the same nodes, found by a compiled SPARQL engine instead of rdflib's.

Shapes named as `native` (the literal shapes, see literal_check.py) are taken out of what pyshacl
gets, all but their SPARQL targets: the caller evaluates them for the nodes those select.

shapes.ttl stays as written for readers; only the copy handed to the validator is rearranged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

DIRECT_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
UNION_PREFIX = "urn:kennisgraaf:shape-plan:class-choice:"
SHAPE_REFERENCES = (SH.node, SH["and"], SH["or"], SH.xone, SH["not"], SH.qualifiedValueShape)


def referenced_shapes(shapes: Graph) -> set[Node]:
    """Shapes used inside other shapes, including members of the lists that sh:and/or/xone take."""
    used: set[Node] = set()
    for predicate in SHAPE_REFERENCES:
        for value in shapes.objects(None, predicate):
            used.add(value)
            if predicate in (SH["and"], SH["or"], SH.xone):
                used.update(shapes.items(value))
    return used


def hoist_property_shapes(shapes: Graph) -> Graph:
    """A copy of `shapes` with property shapes carrying their node shapes' direct targets."""
    out = Graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace)
    out += shapes
    used = referenced_shapes(shapes)
    for node_shape in set(shapes.subjects(SH.property, None)):
        if node_shape in used or (node_shape, SH.deactivated, Literal(True)) in shapes:
            continue
        if shapes.value(node_shape, SH.target) is not None:
            continue
        targets = [(p, o) for p in DIRECT_TARGETS for o in shapes.objects(node_shape, p)]
        if not targets:
            continue
        for prop_shape in list(shapes.objects(node_shape, SH.property)):
            if prop_shape in used:
                continue
            for p, o in targets:
                out.add((prop_shape, p, o))
            out.remove((node_shape, SH.property, prop_shape))
    return out


@dataclass(frozen=True)
class SparqlTarget:
    shape: Node
    query: str  # the SELECT with its PREFIX declarations; ?this is the focus node


@dataclass(frozen=True)
class ShapePlan:
    shapes: Graph  # hoisted, without the SPARQL targets, class choices as one class
    sparql_targets: tuple[SparqlTarget, ...]
    model_additions: Graph  # the subclass statements of the classes made for class choices
    class_choices: frozenset[Node]  # shapes whose sh:class stands for an sh:or
    native: frozenset[Node] = frozenset()  # shapes evaluated outside pyshacl, on their targets


def prefix_declarations(shapes: Graph, target: Node) -> str:
    """PREFIX lines for the sh:prefixes a SPARQL-based target names (SHACL §5.2.1)."""
    lines = []
    for ontology in shapes.objects(target, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def class_alternatives(shapes: Graph, choice: Node) -> list[Node] | None:
    """The classes of an sh:or list whose every member is a blank shape with one sh:class only."""
    classes = []
    for member in shapes.items(choice):
        if not isinstance(member, BNode):
            return None
        statements = list(shapes.predicate_objects(member))
        if len(statements) != 1 or statements[0][0] != SH["class"]:
            return None
        classes.append(statements[0][1])
    return classes or None


def collapse_class_choices(shapes: Graph) -> tuple[Graph, frozenset[Node]]:
    """Rewrite, in place, each sh:or of classes as one sh:class of a class made for it."""
    additions = Graph()
    rewritten = set()
    for shape in set(shapes.subjects(SH["or"], None)):
        choices = list(shapes.objects(shape, SH["or"]))
        if len(choices) != 1 or shapes.value(shape, SH["class"]) is not None:
            continue
        classes = class_alternatives(shapes, choices[0])
        if classes is None:
            continue
        key = "\0".join([str(shape), *sorted(map(str, classes))])
        union = URIRef(UNION_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:16])
        shapes.remove((shape, SH["or"], choices[0]))
        shapes.add((shape, SH["class"], union))
        for cls in classes:
            additions.add((cls, RDFS.subClassOf, union))
        rewritten.add(shape)
    return additions, frozenset(rewritten)


def remove_description(graph: Graph, node: Node) -> None:
    """Remove `node`'s statements and, recursively, those of the blank nodes only it uses."""
    for _, _, value in list(graph.triples((node, None, None))):
        graph.remove((node, None, value))
        if isinstance(value, BNode) and next(graph.subjects(None, value), None) is None:
            remove_description(graph, value)


def plan_shapes(shapes: Graph, native: frozenset[Node] = frozenset()) -> ShapePlan:
    hoisted = hoist_property_shapes(shapes)
    additions, choices = collapse_class_choices(hoisted)
    found = []
    for shape, target in list(hoisted.subject_objects(SH.target)):
        select = hoisted.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in hoisted or select is None:
            continue  # other target types stay with pyshacl
        query = f"{prefix_declarations(hoisted, target)}\n{select}"
        found.append(SparqlTarget(shape=shape, query=query))
        hoisted.remove((shape, SH.target, target))
    for shape in native:
        remove_description(hoisted, shape)
    return ShapePlan(
        shapes=hoisted,
        sparql_targets=tuple(found),
        model_additions=additions,
        class_choices=choices,
        native=native,
    )
