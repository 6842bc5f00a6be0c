"""The SHACL gate: a batch is validated with the packaged shapes, together with the part of the
graph its shapes can reach; resources with Violations are held back with everything that would
dangle without them, and go to quarantine with their report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from neo4j import Driver
from rdflib import Graph, URIRef

from kennisgraaf.graph.exporter import TermMaker, node_triples
from kennisgraaf.graph.mapping import Triple
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.loaders.local_context import as_quads
from kennisgraaf.ontology.terms import TermConverter, to_rdflib
from kennisgraaf.ontology.validation import ValidationResult, validate
from kennisgraaf.queries.registry import get_query

MAX_ROUNDS = 3


@dataclass
class GateOutcome:
    kept: list[Triple]  # (subject IRI, predicate IRI, object term or IRI)
    rejected_subjects: set[str] = field(default_factory=set)
    quarantined: list[Triple] = field(default_factory=list)
    violations: list[ValidationResult] = field(default_factory=list)
    warnings: list[ValidationResult] = field(default_factory=list)
    infos: list[ValidationResult] = field(default_factory=list)


def _graph_of(triples: Iterable[Triple]) -> Graph:
    g = Graph()
    add = g.store.add  # Graph.add re-checks every term; these are built right here
    named: dict[str, URIRef] = {}  # a batch names the same resources and predicates many times

    def iri(value: str) -> URIRef:
        found = named.get(value)
        if found is None:
            found = named[value] = URIRef(value)
        return found

    for s, p, o in triples:
        add((iri(s), iri(p), iri(o) if isinstance(o, str) else to_rdflib(o)), g, False)
    return g


def context_graph(
    driver: Driver | None,
    database: str,
    iris: list[str],
    base_iri: str,
    natural: dict[str, str],
    replacing: frozenset[str] = frozenset(),
    import_id: str = "",
) -> Graph:
    """What the graph already holds around the batch: the resources within two links outwards,
    as the *other* sources describe them — the source being loaded is replacing what it said
    before, so statements of its earlier imports must not count (an old name beside a new one is
    no conflict); what earlier batches of this import wrote does count."""
    g = Graph()
    if driver is None or not iris:
        return g
    terms = TermMaker(base_iri="\0")  # keep skolem IRIs as IRIs: the batch uses them too
    records, _, _ = driver.execute_query(
        get_query("export.describe_context").text,
        iris=iris,
        replacing=sorted(replacing),
        import_id=import_id,
        database_=database,
    )
    for r in records:
        props = dict(r["props"])
        types = props.get("_types", r["labels"])
        if replacing & set(props.get("_sources", ())):
            props, types = _without_replaced(r["iri"], props, replacing, import_id, natural)
        for t in node_triples(terms, r["iri"], types, props, natural):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        for rel_type, target in r["out"]:
            g.add((URIRef(r["iri"]), URIRef(iri_for(rel_type)), URIRef(target)))
    return g


def _without_replaced(
    iri: str,
    props: dict[str, Any],
    replacing: frozenset[str],
    import_id: str,
    natural: dict[str, str],
) -> tuple[dict[str, Any], list[str]]:
    from kennisgraaf.graph.writer import merged_state, split_provenance

    snapshots, imports = split_provenance(props)
    kept = {k: v for k, v in snapshots.items() if k not in replacing or imports.get(k) == import_id}
    merged, _ = merged_state(iri, kept, {k: imports[k] for k in kept}, natural)
    return merged, list(merged["_types"])


def gate(
    triples: list[Triple],
    context: Graph,
    *,
    genid: str,
    lang: str = "en",
) -> GateOutcome:
    """Validate; hold back violating subjects and what would dangle without them; repeat, since
    removing a link can make its subject incomplete in turn."""
    kept = list(triples)
    outcome = GateOutcome(kept=kept)
    context_quads = TermConverter().quads(context)
    for _ in range(MAX_ROUNDS):
        subjects = {s for s, _, _ in kept}
        data = _graph_of(kept)
        data += context
        store = ox.Store()  # the same statements for the SPARQL targets, without converting
        store.bulk_extend(as_quads(kept))
        store.bulk_extend(context_quads)
        result = validate(data, lang=lang, disposable=True, store=store)
        mine = [r for r in result.results if str(r.focus_node) in subjects]
        if not outcome.violations and not outcome.warnings:
            outcome.warnings = [r for r in mine if r.severity.name == "WARNING"]
            outcome.infos = [r for r in mine if r.severity.name == "INFO"]
        bad = {str(r.focus_node) for r in mine if r.severity.name == "VIOLATION"} - (
            outcome.rejected_subjects
        )
        if not bad:
            break
        outcome.violations += [r for r in mine if r.severity.name == "VIOLATION"]
        outcome.rejected_subjects |= bad
        kept, dropped = _without(kept, outcome.rejected_subjects, genid)
        outcome.quarantined += dropped
    outcome.kept = kept
    return outcome


def _without(
    triples: list[Triple], rejected: set[str], genid: str
) -> tuple[list[Triple], list[Triple]]:
    """Drop the rejected subjects' statements, every link pointing at them, and the blank nodes
    (skolemised) that only they described."""
    frontier = set(rejected)
    while frontier:
        owned = {
            o
            for s, _, o in triples
            if s in frontier and isinstance(o, str) and o.startswith(genid) and o not in rejected
        }
        rejected |= owned
        frontier = owned
    kept, dropped = [], []
    for t in triples:
        s, _, o = t
        if s in rejected or (isinstance(o, str) and o in rejected):
            dropped.append(t)
        else:
            kept.append(t)
    return kept, dropped
