"""What the mapping needs to know from the model: natural datatypes and class hierarchy."""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDF, RDFS, SH, URIRef

from kennisgraaf.graph.naming import PREFIXES, name_for
from kennisgraaf.ontology.files import ontology_graph, shapes_graph

XSD = PREFIXES["xsd"]


@lru_cache(maxsize=1)
def natural_datatypes() -> dict[str, str]:
    """Property IRI → the datatype stored without a key suffix: its declared XSD range in the
    ontology or, for reused properties such as dcterms:date, the one datatype the shapes require."""
    found: dict[str, str] = {}
    shapes = shapes_graph()
    required: dict[str, set[str]] = {}
    for shape, datatype in shapes.subject_objects(SH.datatype):
        path = shapes.value(shape, SH.path)
        if isinstance(path, URIRef) and isinstance(datatype, URIRef):
            required.setdefault(str(path), set()).add(str(datatype))
    for prop, datatypes in required.items():
        if len(datatypes) == 1 and next(iter(datatypes)).startswith(XSD):
            found[prop] = next(iter(datatypes))
    for prop_term, rng in ontology_graph().subject_objects(RDFS.range):
        if isinstance(prop_term, URIRef) and isinstance(rng, URIRef) and str(rng).startswith(XSD):
            found[str(prop_term)] = str(rng)
    return found


@lru_cache(maxsize=1)
def superclass_labels() -> dict[str, frozenset[str]]:
    """Label of a class → labels of all its named superclasses, so `(:Study)` finds projects
    and publications. Only asserted types are exported; these labels are for querying."""
    graph = ontology_graph()
    direct: dict[str, set[str]] = {}
    for cls in set(graph.subjects(RDF.type, URIRef(PREFIXES["owl"] + "Class"))):
        if isinstance(cls, URIRef):
            direct[str(cls)] = {
                str(sup) for sup in graph.objects(cls, RDFS.subClassOf) if isinstance(sup, URIRef)
            }
    closure: dict[str, frozenset[str]] = {}
    for class_iri, parents in direct.items():
        seen: set[str] = set()
        todo = list(parents)
        while todo:
            sup = todo.pop()
            if sup not in seen and sup != class_iri:
                seen.add(sup)
                todo.extend(direct.get(sup, ()))
        closure[name_for(class_iri)] = frozenset(name_for(s) for s in seen)
    return closure
