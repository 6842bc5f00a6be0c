"""Focus nodes of SPARQL-based targets, found with pyoxigraph.

rdflib's SPARQL engine is interpreted Python and was the larger part of validating a batch; the
target queries select few nodes out of many, which pyoxigraph does in a fraction of the time.
The store holds the same data pyshacl validates (data graph plus the model it mixes in), so the
nodes are exactly the ones pyshacl's own evaluation of the target would find.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.shape_plan import SparqlTarget
from kennisgraaf.ontology.terms import TermConverter, to_rdflib


def resolve_targets(
    targets: Iterable[SparqlTarget],
    data: Graph,
    model: Iterable[ox.Quad],
    store: ox.Store | None = None,
) -> Graph:
    """`shape sh:targetNode node` for every node each SPARQL target selects in data + model.

    `store`, if given, already holds the statements of `data` (a caller that has them as
    pyoxigraph terms spares the conversion); the model is added to it here."""
    targets = list(targets)
    out = Graph()
    if not targets:
        return out
    if store is None:
        store = ox.Store()
        store.bulk_extend(TermConverter().quads(data))
    store.bulk_extend(model)
    for target in targets:
        try:
            solutions = store.query(target.query)
        except (SyntaxError, OSError) as e:
            raise OntologyError(f"SPARQL target of {target.shape} could not run: {e}") from e
        if not isinstance(solutions, ox.QuerySolutions):
            raise OntologyError(f"SPARQL target of {target.shape} is not a SELECT query")
        for row in solutions:
            node = row["this"]
            if node is not None:
                out.add((target.shape, SH.targetNode, to_rdflib(node)))
    return out
