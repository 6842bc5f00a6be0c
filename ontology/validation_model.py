"""The ontology and vocabularies as the validator is given them: what a shape can read.

pyshacl copies the model into every data graph it validates, so that sh:class sees
rdfs:subClassOf and the vocabularies' concepts and their codes. Documentation (labels,
comments, definitions) and OWL axioms are half of the model's statements and no shape reads
them; the OWL axioms' blank nodes are even cloned one by one. For the small validations the
gate runs around what it removed (loaders/gate.py), that copy was a third of the time. So they
are left out — unless a shape names the predicate, in a path or in the text of a SPARQL
constraint or target, in which case it stays. tests/unit/test_validation_model.py validates
every shipped dataset and every shape fixture with the whole model and with this one: the same
results.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kennisgraaf.ontology.shape_plan import prefix_declarations

KG = "https://w3id.org/kennisgraaf/def#"

# Predicates of documentation and of OWL axioms: nothing SHACL does without inference reads them.
UNREAD = frozenset(
    {
        RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.domain, RDFS.range, RDFS.subPropertyOf,
        SKOS.definition, SKOS.scopeNote, SKOS.example, SKOS.editorialNote, SKOS.changeNote,
        SKOS.historyNote, DCTERMS.modified, DCTERMS.description,
        OWL.versionInfo, OWL.versionIRI, OWL.equivalentClass, OWL.inverseOf, OWL.onProperty,
        OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue, OWL.cardinality,
        OWL.minCardinality, OWL.maxCardinality, OWL.unionOf, OWL.intersectionOf, OWL.oneOf,
        URIRef(KG + "derivationQuery"),
    }
)  # fmt: skip
PATH_STEPS = (
    RDF.first, RDF.rest, SH.inversePath, SH.alternativePath,
    SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath,
)  # fmt: skip


def named_by_shapes(shapes: Graph) -> set[URIRef]:
    """The predicates of UNREAD a shape names: in a path, or in a SPARQL query's text (full
    IRI, or prefixed with a prefix the shapes declare)."""
    named: set[URIRef] = set()
    for path in shapes.objects(None, SH.path):
        _path_predicates(shapes, path, named)
    queries = [(p, q) for p in (SH.select, SH.ask) for q in shapes.subject_objects(p)]
    texts = [str(text) + prefix_declarations(shapes, node) for _, (node, text) in queries]
    text = "\n".join(texts)
    prefixes = {str(ns): prefix for prefix, ns in shapes.namespaces()}
    for predicate in UNREAD:
        if str(predicate) in text or any(
            str(predicate).startswith(ns) and f"{prefix}:{str(predicate)[len(ns) :]}" in text
            for ns, prefix in prefixes.items()
        ):
            named.add(predicate)
    return named & UNREAD


def _path_predicates(shapes: Graph, node: object, found: set[URIRef]) -> None:
    if isinstance(node, URIRef):
        found.add(node)
        return
    for step, value in shapes.predicate_objects(node):  # type: ignore[arg-type]
        if step in PATH_STEPS:
            _path_predicates(shapes, value, found)


def validation_model(model: Graph, shapes: Graph) -> Graph:
    """`model` without the statements no shape can read: those with an UNREAD predicate the
    shapes do not name, and those of the OWL axioms' blank nodes."""
    dropped = UNREAD - named_by_shapes(shapes)
    out = Graph()
    for prefix, namespace in model.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in model:
        if p in dropped or isinstance(s, BNode) or isinstance(o, BNode):
            continue
        out.add((s, p, o))
    return out
