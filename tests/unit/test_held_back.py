"""Statements held back for a later batch are validated again only with a batch that concerns
them: the cost of a dirty load does not grow with the number of batches before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from kennisgraaf.graph.mapping import Resolved
from kennisgraaf.loaders import gate as gate_module
from kennisgraaf.loaders.held_back import wake
from kennisgraaf.loaders.pipeline import LoadOptions, validate_file
from kennisgraaf.ontology.validation import validate
from tests.pipeline_helpers import EX, HELD, KG, NAME, TYPE, people_file


def _held() -> list[Resolved]:
    return [
        (f"{EX}a", f"{EX}knows", f"{EX}b", None),
        (f"{EX}b", TYPE, f"{KG}Person", None),
        (f"{EX}c", f"{EX}cites", f"{EX}z", None),  # z: not held (described in the graph, say)
    ]


@pytest.mark.parametrize(
    ("batch", "woken"),
    [
        ([(f"{EX}b", NAME, "x", None)], {"a", "b"}),  # more about b: its group (a links to b)
        ([(f"{EX}q", f"{EX}knows", f"{EX}a", None)], {"a", "b"}),  # a link into a
        ([(f"{EX}z", TYPE, f"{KG}Study", None)], {"c"}),  # what c links to, described
        ([(f"{EX}q", f"{EX}cites", f"{EX}z", None)], set()),  # q links where c does: no news
        ([(f"{EX}q", TYPE, f"{KG}Person", None)], set()),  # another person
    ],
)
def test_a_batch_wakes_the_held_groups_it_concerns(batch: list[Resolved], woken: set[str]) -> None:
    concerned, waiting = wake(_held(), batch)
    assert {s.removeprefix(EX) for s, *_ in concerned} == woken
    assert sorted(concerned + waiting) == sorted(_held())


def _count_validations_of(iri: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the gate ran pyshacl on data that held `iri`'s statements."""
    seen = [0]

    def counting(data: Graph, **kw: Any) -> Any:
        if (URIRef(iri), None, None) in data:
            seen[0] += 1
        return validate(data, **kw)

    monkeypatch.setattr(gate_module, "validate", counting)
    return seen


@pytest.mark.parametrize("batches", [3, 12])
def test_a_resource_never_completed_is_validated_twice_however_many_batches_follow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: int
) -> None:
    seen = _count_validations_of(HELD, monkeypatch)
    path = people_file(tmp_path / "people.nt", batches, named_in=None)
    report = validate_file(path, LoadOptions(base_iri=EX, batch_size=2))
    # In its own batch, then in the final pass; never with the batches that say nothing of it.
    assert seen[0] == 2
    assert [(r.focus, r.path, r.component) for r in report.rejections] == [
        (HELD, NAME, "MinCountConstraintComponent")
    ]
    assert report.rejections[0].message == (
        "A person has exactly one name (foaf:name, plain string)."
    )
    assert (report.statements_rejected, report.statements_loaded) == (1, 2 * batches - 1)


def test_a_resource_completed_by_a_later_batch_passes_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _count_validations_of(HELD, monkeypatch)
    path = people_file(tmp_path / "people.nt", 12, named_in=8)
    report = validate_file(path, LoadOptions(base_iri=EX, batch_size=2))
    assert seen[0] == 2  # in its own batch, then with the batch that names it
    assert report.rejections == []
    assert (report.statements_rejected, report.statements_loaded) == (0, 24)
