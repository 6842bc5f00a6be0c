"""The Jena SHACL load gate gives pyshacl's results: the same focus node, path, constraint
component, severity and source shape — and the same messages and values — on every violating
case of the tests, the seed, the sample and generated data with violations put in, validated
whole and through the gate batch by batch. pyshacl (ontology/validation.py) is the oracle.

Blank-node source shapes are compared by a structural key (what the shape says, without the
targets and class choices the pyshacl plan rearranges): the two engines read the shapes from
separate parses. The JVM is the real one, built by Maven like the OWL check.
"""

from __future__ import annotations

import importlib
import os
import random
import signal
import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Node

from kennisgraaf.graph.mapping import Triple
from kennisgraaf.loaders.gate import GateOutcome, gate
from kennisgraaf.loaders.local_context import as_quads
from kennisgraaf.ontology import jena_gate
from kennisgraaf.ontology.files import dataset_graph, shapes_graph
from kennisgraaf.ontology.results import ValidationResult
from kennisgraaf.ontology.terms import TermConverter, to_rdflib
from kennisgraaf.ontology.validation import _plan, validate
from tests.quiet_rdflib import _quiet_rdflib  # noqa: F401 (autouse fixture)
from tests.unit.test_literal_shapes import _cases as literal_cases
from tests.unit.test_shapes import CASES, _graph, _valid_turtle

REPOSITORY = Path(__file__).resolve().parents[2]
GENID = "https://w3id.org/kennisgraaf/.well-known/genid/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# What the pyshacl plan changes on a shape (shape_plan.py): left out of the structural key.
PLAN_CHANGED = frozenset(
    {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
    | {SH["or"], SH["class"], SH.property}
)

Key = tuple[str, ...]


def shape_key(shapes: Graph, node: Node, seen: tuple[Node, ...] = ()) -> str:
    if not isinstance(node, BNode):
        return str(node)
    if node in seen:
        return "(cycle)"
    parts = sorted(
        f"{p} {shape_key(shapes, o, (*seen, node))}"
        for p, o in shapes.predicate_objects(node)
        if p not in PLAN_CHANGED
    )
    return "[" + "; ".join(parts) + "]"


def keys(results: Iterable[ValidationResult], shapes: Graph) -> set[Key]:
    return {
        (
            str(r.focus_node),
            str(r.path_text),
            str(r.constraint_component),
            r.severity.name,
            shape_key(shapes, r.source_shape),
            repr(sorted(r.messages.items())),
            str(r.value),
        )
        for r in results
    }


def pyshacl_keys(data: Graph) -> set[Key]:
    copy = Graph()
    copy += data  # validated in place: blank nodes keep their labels
    return keys(validate(copy, disposable=True).results, _plan().shapes)


def jena_keys(data: Graph) -> set[Key]:
    found = jena_gate.validate_quads(TermConverter().quads(data), what="the test data")
    return keys(found, jena_gate.gate_shapes())


def assert_same(data: Graph, at_least: int) -> None:
    expected = pyshacl_keys(data)
    assert len(expected) >= at_least  # the data does violate something
    found = jena_keys(data)
    assert found - expected == set()
    assert expected - found == set()


def test_the_structural_key_is_the_same_for_two_parses_of_the_shapes() -> None:
    """Blank-node shapes get other labels in every parse; their keys stay."""
    one, other = jena_gate.gate_shapes(), shapes_graph()
    blank_one = {shape_key(one, s) for s in one.subjects() if isinstance(s, BNode)}
    blank_other = {shape_key(other, s) for s in other.subjects() if isinstance(s, BNode)}
    assert blank_one and blank_one == blank_other
    assert not {str(s) for s in one.subjects()} >= {
        str(s) for s in other.subjects() if isinstance(s, BNode)
    }  # the labels did change


def test_every_violating_case_of_the_shape_tests() -> None:
    assert_same(_graph(_valid_turtle(), *(case.turtle for case in CASES)), len(CASES))


def test_the_valid_fixture_gives_nothing_with_either() -> None:
    data = _graph(_valid_turtle())
    assert pyshacl_keys(data) == jena_keys(data) == set()


def test_the_literal_cases() -> None:
    data, _ = literal_cases()
    assert_same(data, 30)


@pytest.mark.parametrize("name", ["seed", "sample"])
def test_the_shipped_datasets(name: str) -> None:
    assert_same(dataset_graph(name), 1)


def _generated(tmp: Path, statements: int, seed: int) -> list[Triple]:
    """Generated data (with ill-typed dates) and, put in at random, missing statements,
    malformed literals, links to things not described and literals as types."""
    path = tmp / f"generated-{seed}.nt"
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(REPOSITORY))  # benchmarks/ is not installed
        generate = importlib.import_module("benchmarks.generate").generate
    generate(path, statements, seed=seed, dirty_every=400)
    rng = random.Random(seed)
    triples: list[Triple] = []
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        s, p = q.subject.value, q.predicate.value
        o = q.object if isinstance(q.object, ox.Literal) else q.object.value
        roll = rng.random()
        if roll < 0.003:
            continue
        if roll < 0.005 and isinstance(o, ox.Literal):
            o = (
                ox.Literal(o.value + "\n", language=o.language)
                if o.language
                else ox.Literal("x" + o.value, datatype=o.datatype)
            )
        elif roll < 0.007 and isinstance(o, str) and p != RDF_TYPE:
            o = f"https://w3id.org/kennisgraaf/id/nothing/{rng.randint(0, 9)}"
        elif roll < 0.008:
            triples.append((s, RDF_TYPE, ox.Literal("Person")))
        triples.append((s, p, o))
    return triples


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Triple]:
    return _generated(tmp_path_factory.mktemp("generated"), 6000, seed=5)


def _as_graph(triples: list[Triple]) -> Graph:
    g = Graph()
    for q in as_quads(triples):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def test_generated_data_with_violations_validated_whole(generated: list[Triple]) -> None:
    assert_same(_as_graph(generated), 50)


def _outcome(o: GateOutcome) -> tuple[object, ...]:
    return (
        sorted(o.rejected_subjects),
        sorted(o.final_subjects),
        sorted(map(str, o.kept)),
        sorted(map(str, o.quarantined)),
        o.validations,
    )


def test_generated_data_with_violations_through_the_gate(generated: list[Triple]) -> None:
    """Batch by batch, as a load gates them: the same resources rejected (and judged final),
    the same statements kept and quarantined, after the same rounds, with the same results."""
    rejected = 0
    for start in range(0, len(generated), 2000):
        batch = generated[start : start + 2000]
        by_jena = gate(list(batch), Graph(), genid=GENID, engine="jena")
        by_pyshacl = gate(list(batch), Graph(), genid=GENID, engine="pyshacl")
        assert _outcome(by_jena) == _outcome(by_pyshacl)
        for kind in ("violations", "warnings", "infos"):
            found = keys(getattr(by_jena, kind), jena_gate.gate_shapes())
            expected = keys(getattr(by_pyshacl, kind), _plan().shapes)
            assert found == expected, kind
        rejected += len(by_pyshacl.rejected_subjects)
    assert rejected >= 20  # the put-in violations were found


def test_messages_come_in_both_languages() -> None:
    data = _graph(_valid_turtle(), *(case.turtle for case in CASES))
    for lang in ("en", "nl"):
        found = jena_gate.validate_quads(TermConverter().quads(data), what="cases", lang=lang)
        assert found
        assert all(r.message == r.messages[lang] for r in found)


# -- a JVM that fails -------------------------------------------------------------------------

SMALL: list[Triple] = [
    ("https://example.org/p", RDF_TYPE, "https://w3id.org/kennisgraaf/def#Person"),
]


def test_a_hung_engine_is_stopped_and_named_and_the_next_batch_starts_a_new_one() -> None:
    jena_gate.start()
    pid = jena_gate.engine_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        with pytest.raises(jena_gate.GateEngineError, match="did not answer within 2 s") as e:
            jena_gate.validate_quads(
                [ox.Quad(ox.NamedNode("https://example.org/p"), ox.NamedNode(RDF_TYPE),
                         ox.Literal("x"))],
                what="batch 7 of hung.nt",
                timeout_s=2,
            )  # fmt: skip
        assert "batch 7 of hung.nt" in str(e.value)
    finally:
        if jena_gate.engine_pid() == pid:
            os.kill(pid, signal.SIGCONT)
    assert jena_gate.engine_pid() is None  # stopped, not left behind
    outcome = gate(list(SMALL), Graph(), genid=GENID, engine="jena")
    assert outcome.rejected_subjects == {"https://example.org/p"}  # a new JVM answered
    assert jena_gate.engine_pid() not in (None, pid)


def test_an_engine_that_dies_mid_batch_is_an_error_naming_the_batch() -> None:
    jena_gate.start()
    pid = jena_gate.engine_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # it cannot answer before it is killed
    killer = threading.Timer(1.0, os.kill, (pid, signal.SIGKILL))
    killer.start()
    try:
        with pytest.raises(jena_gate.GateEngineError, match="exited while validating") as e:
            gate(list(SMALL), Graph(), genid=GENID, engine="jena")
    finally:
        killer.join()
    assert "a batch of 1 statements (first subject <https://example.org/p>), round 1" in str(
        e.value
    )
    assert isinstance(e.value, jena_gate.GateEngineError)
    jena_gate.stop()


def test_one_jvm_serves_every_batch_and_round() -> None:
    jena_gate.start()
    pid = jena_gate.engine_pid()
    for _ in range(3):
        gate(list(SMALL), Graph(), genid=GENID, engine="jena")
    assert jena_gate.engine_pid() == pid


def test_the_engine_is_given_no_literal_of_a_message_and_no_import() -> None:
    shapes = Graph().parse(data=jena_gate._shapes_ntriples(), format="nt")
    tags = [m for m in shapes.objects(None, SH.message) if isinstance(m, Literal)]
    assert tags and all(str(m).startswith(jena_gate.CONSTRAINT_TAG) for m in tags)
    owl_imports = "http://www.w3.org/2002/07/owl#imports"
    assert not [t for t in shapes if str(t[1]) == owl_imports]


def test_the_gates_quads_are_handed_on_only_when_it_kept_the_whole_batch(
    generated: list[Triple],
) -> None:
    """The write's in-memory context reuses the quads the gate made (background_writes.py):
    they must be exactly the kept statements, and absent once anything was removed."""
    sample: list[Triple] = []
    for q in TermConverter().quads(dataset_graph("sample")):
        assert isinstance(q.subject, ox.NamedNode) and isinstance(
            q.object, ox.NamedNode | ox.Literal
        )
        o = q.object if isinstance(q.object, ox.Literal) else q.object.value
        sample.append((q.subject.value, q.predicate.value, o))
    whole = gate(sample, Graph(), genid=GENID, engine="jena")
    assert not whole.rejected_subjects
    assert whole.kept_ntriples is not None
    kept = list(ox.parse(whole.kept_ntriples, format=ox.RdfFormat.N_TRIPLES))
    assert kept == list(as_quads(whole.kept))
    assert len(kept) == len(sample)
    damaged = gate(generated[:2000], Graph(), genid=GENID, engine="jena")
    assert damaged.rejected_subjects
    assert damaged.kept_ntriples is None
