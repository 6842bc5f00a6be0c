"""The SHACL gate: a batch is validated with the packaged shapes, together with the part of the
graph its shapes can reach; resources with Violations are held back with everything that would
dangle without them, and go to quarantine with their report.

Removing a rejected resource can make what links to it (or what it linked to) incomplete in
turn, so the gate validates again — but only around what was removed: the batch's subjects
that reach it within two links or that it linked to, with what their shapes can see (two links
outwards, the reach the graph's context is read with, and the links the shapes follow
backwards). A batch with a few bad resources costs one full validation and a few small ones.

Each rejected resource is also judged *final* when a Violation of its own in the first round
(all its statements present) is one that later statements cannot mend: an ill-typed or
malformed literal, a value outside a list or pattern, too many values, a literal used as a
class. Statements only accumulate in a load, so such a resource can never pass; the pipeline
quarantines it at once instead of retrying it with every later batch. A missing value or a
link to something not (yet) described may come right with a later batch: those wait."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from neo4j import Driver
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kennisgraaf.errors import ConfigurationError
from kennisgraaf.graph.exporter import TermMaker, node_triples
from kennisgraaf.graph.mapping import RDF_TYPE, Triple
from kennisgraaf.graph.naming import iri_for
from kennisgraaf.graph.provenance import full_props, merged_state, split_provenance
from kennisgraaf.loaders.local_context import as_quads, ntriples
from kennisgraaf.ontology import jena_gate
from kennisgraaf.ontology.files import shapes_graph
from kennisgraaf.ontology.terms import TermConverter, to_rdflib
from kennisgraaf.ontology.validation import ValidationResult, validate
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import get_settings

MAX_ROUNDS = 3
RECHECK_HOPS = 2
# Violations that no later statement can mend: the values the focus has are there to stay
# (statements only accumulate during a load) and each is wrong, or there are too many.
FINAL_COMPONENTS = frozenset(
    SH[name]
    for name in (
        "DatatypeConstraintComponent", "NodeKindConstraintComponent",
        "PatternConstraintComponent", "InConstraintComponent",
        "LanguageInConstraintComponent", "UniqueLangConstraintComponent",
        "MaxCountConstraintComponent", "MinLengthConstraintComponent",
        "MaxLengthConstraintComponent", "MinInclusiveConstraintComponent",
        "MaxInclusiveConstraintComponent", "MinExclusiveConstraintComponent",
        "MaxExclusiveConstraintComponent",
    )
)  # fmt: skip
# The two literal shapes evaluated in Python (ontology/literal_check.py): a literal as rdf:type,
# an ill-typed literal. SPARQL constraints are otherwise not judged final: they may look at
# anything.
FINAL_SHAPES = frozenset(
    URIRef("https://w3id.org/kennisgraaf/def/shapes#" + name)
    for name in ("TypeIsClassShape", "WellFormedLiteralShape")
)


ENGINES = ("jena", "pyshacl")
VALIDATOR_OF_RECORD = "pyshacl"  # `kennisgraaf validate` and POST /validate
_CHOSEN: ContextVar[str | None] = ContextVar("gate_engine", default=None)


@contextmanager
def engine_chosen(engine: str | None) -> Iterator[None]:
    """Gate with `engine` ("jena" or "pyshacl") in this context instead of the setting
    gate_engine; None changes nothing."""
    if engine is not None and engine not in ENGINES:
        raise ConfigurationError(f"unknown gate engine {engine!r}; use one of {ENGINES}")
    token = _CHOSEN.set(engine or _CHOSEN.get())
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def prepare_gate(engine: str | None = None) -> None:
    """Start the gate's engine in the background if it is the Jena JVM (the first batch waits
    for it): its start-up then overlaps with reading the input."""
    if (engine or _CHOSEN.get() or get_settings().gate_engine) == "jena":
        jena_gate.start_in_background()


@dataclass
class GateOutcome:
    kept: list[Triple]  # (subject IRI, predicate IRI, object term or IRI)
    rejected_subjects: set[str] = field(default_factory=set)
    quarantined: list[Triple] = field(default_factory=list)
    violations: list[ValidationResult] = field(default_factory=list)
    warnings: list[ValidationResult] = field(default_factory=list)
    infos: list[ValidationResult] = field(default_factory=list)
    # Rejected subjects with a Violation of the first round that later statements cannot mend.
    final_subjects: set[str] = field(default_factory=set)
    # `kept` as N-Triples when the gate wrote them so and kept everything: the write's
    # in-memory context (background_writes.py) reads them instead of converting again.
    kept_ntriples: bytes | None = None
    validations: int = 0  # how many times the shapes ran (the first one on the whole batch)


def is_final(result: ValidationResult) -> bool:
    return result.constraint_component in FINAL_COMPONENTS or (result.source_shape in FINAL_SHAPES)


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
        else:
            props = full_props(r["iri"], props, natural)  # restricted values count too
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
    snapshots, imports = split_provenance(props)
    kept = {k: v for k, v in snapshots.items() if k not in replacing or imports.get(k) == import_id}
    merged, _ = merged_state(iri, kept, {k: imports[k] for k in kept}, natural, public_only=False)
    return merged, list(merged["_types"])


def gate(
    triples: list[Triple],
    context: Graph,
    *,
    genid: str,
    lang: str = "en",
    engine: str | None = None,
) -> GateOutcome:
    """Validate; hold back violating subjects and what would dangle without them; repeat around
    what was removed, since removing a link can make its subject incomplete in turn. `engine`
    ("jena" or "pyshacl", unset: the setting gate_engine) validates: both give the same
    results (ontology/jena_gate.py)."""
    kept = list(triples)
    outcome = GateOutcome(kept=kept)
    focus: set[str] | None = None  # None: the whole batch
    others: list[Triple] = []  # the context as triples, made when a second round needs it
    engine = engine or _CHOSEN.get() or get_settings().gate_engine
    batch_ntriples: bytes | None = None
    for _ in range(MAX_ROUNDS):
        if focus is None:
            subjects = {s for s, _, _ in kept}
            chosen = kept
        else:
            subjects = focus
            chosen = _around(kept, others, focus)
        if engine == "jena":
            what = _batch_name(triples, outcome.validations + 1)
            found, data = _jena(chosen, context if focus is None else None, what, lang)
            if focus is None:
                batch_ntriples = data
        else:
            found = list(_pyshacl(chosen, context if focus is None else None, lang))
        outcome.validations += 1
        mine = [r for r in found if str(r.focus_node) in subjects]
        if outcome.validations == 1:
            outcome.warnings = [r for r in mine if r.severity.name == "WARNING"]
            outcome.infos = [r for r in mine if r.severity.name == "INFO"]
        violations = [r for r in mine if r.severity.name == "VIOLATION"]
        bad = {str(r.focus_node) for r in violations} - outcome.rejected_subjects
        if not bad:
            break
        if outcome.validations == 1:
            outcome.final_subjects = {str(r.focus_node) for r in violations if is_final(r)}
        outcome.violations += violations
        outcome.rejected_subjects |= bad
        kept, dropped = _without(kept, outcome.rejected_subjects, genid)
        outcome.quarantined += dropped
        others = others or _context_triples(context)
        focus = _near(kept, others, dropped)
        if not focus:
            break  # nothing left that could have leant on what was removed
    outcome.kept = kept
    if not outcome.rejected_subjects:
        outcome.kept_ntriples = batch_ntriples
    return outcome


def _jena(
    chosen: list[Triple], context: Graph | None, what: str, lang: str
) -> tuple[list[ValidationResult], bytes]:
    """Jena's results for `chosen` (with the graph's `context` in the first round), and
    `chosen` as the N-Triples it was sent as."""
    around = list(TermConverter().quads(context)) if context is not None else []
    data = ntriples(chosen)
    sent = data + (ox.serialize(around, format=ox.RdfFormat.N_TRIPLES) or b"")
    timeout = get_settings().gate_engine_timeout_s
    found = jena_gate.validate_batch(sent, chosen, around, what=what, lang=lang, timeout_s=timeout)
    return found, data


def _pyshacl(chosen: list[Triple], context: Graph | None, lang: str) -> list[ValidationResult]:
    data = _graph_of(chosen)
    store = ox.Store()  # the same statements for the SPARQL targets, without converting
    store.bulk_extend(as_quads(chosen))
    if context is not None:
        data += context
        store.bulk_extend(TermConverter().quads(context))
    return list(validate(data, lang=lang, disposable=True, store=store).results)


def _batch_name(triples: list[Triple], round_: int) -> str:
    first = triples[0][0] if triples else "-"
    return f"a batch of {len(triples):,} statements (first subject <{first}>), round {round_}"


def _links(
    triples: Iterable[tuple[str, str, object]],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Links between resources: outward (subject → objects) and inward (object → subjects)."""
    out: dict[str, set[str]] = {}
    into: dict[str, set[str]] = {}
    for s, _, o in triples:
        if isinstance(o, str):
            out.setdefault(s, set()).add(o)
            into.setdefault(o, set()).add(s)
    return out, into


def _reach(links: dict[str, set[str]], start: set[str], hops: int) -> set[str]:
    seen = set(start)
    frontier = set(start)
    for _ in range(hops):
        frontier = {n for f in frontier for n in links.get(f, ())} - seen
        seen |= frontier
    return seen


def _context_triples(context: Graph) -> list[Triple]:
    """The context as the batch's own triples (IRIs as text, literals as pyoxigraph's)."""
    terms = TermConverter()
    return [
        (str(s), str(p), str(o) if isinstance(o, URIRef) else terms.term(o))  # type: ignore[misc]
        for s, p, o in context
    ]


def _near(kept: list[Triple], others: list[Triple], dropped: list[Triple]) -> set[str]:
    """The batch's remaining subjects whose shapes could see what was just removed: those that
    reach it within RECHECK_HOPS links, and those it linked to (inverse paths)."""
    removed = {s for s, _, _ in dropped}
    targets = {o for _, _, o in dropped if isinstance(o, str)}
    _, into = _links([*kept, *dropped, *others])
    subjects = {s for s, _, _ in kept}
    return (_reach(into, removed, RECHECK_HOPS) | targets) & subjects


@lru_cache(maxsize=1)
def inverse_predicates() -> frozenset[str]:
    """Predicates the shapes follow backwards (sh:inversePath): a link over one of them is seen
    from its object too."""
    shapes = shapes_graph()
    return frozenset(str(p) for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef))


def _around(kept: list[Triple], others: list[Triple], focus: set[str]) -> list[Triple]:
    """What the shapes of `focus` can see: the statements of every resource within
    RECHECK_HOPS links outwards (the reach the graph's context is read with), and the links
    into them the shapes follow backwards, with the types of their subjects."""
    out, _ = _links([*kept, *others])
    reach = _reach(out, focus, RECHECK_HOPS)
    backwards = inverse_predicates()
    linking = {s for s, p, o in [*kept, *others] if o in focus and p in backwards}
    return [
        t
        for t in [*kept, *others]
        if t[0] in reach or (t[0] in linking and (t[1] == RDF_TYPE or t[2] in focus))
    ]


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
