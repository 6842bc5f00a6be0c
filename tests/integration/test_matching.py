"""Ontmoet een onderzoeker, on the sample graph; expectations worked out from sample.ttl.

Researchers (a research-side role): sanne-de-vries, mohamed-el-idrissi, eva-jansen,
pieter-bakker, lotte-visser, ayse-demir, hanna-mulder, daan-smit, femke-willems, sofie-dekker,
martijn-de-boer, wouter-brouwer, emma-peters.
"""

from __future__ import annotations

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.matching import ResearcherMatch, researchers_for
from tests.analytics_graph import ID


def kinds(match: ResearcherMatch) -> list[str]:
    return [r.kind for r in match.reasons]


def test_matches_for_a_question_only_articulated(analytics_graph: tuple[Driver, str]) -> None:
    # q37 (citizenship) asked by ruben-hendriks (member of werkplaats-rijnvallei; worked with
    # eva-jansen on s02). Citizenship work: s10/p10 (ayse-demir, hanna-mulder), s26/p26
    # (lotte-visser). Related questions q10 (s10), q12 (s12: lotte), q26 (s26: lotte).
    # 2 steps: eva (s02, werkplaats), hanna (werkplaats); 4 steps: ayse (s10 with hanna),
    # sanne (s34 with hanna), emma (p01 with hanna), pieter (Radboud, member of the werkplaats).
    found = researchers_for(*analytics_graph, ID + "question/q37", limit=20)
    assert [(m.name, m.score, m.distance) for m in found] == [
        ("Hanna Mulder", 6.0, 2),  # theme 2 + related 1 + network 1 + distance 2
        ("Ayşe Demir", 4.0, 4),  # theme 2 + related 1 + distance 1
        ("Lotte Visser", 4.0, None),  # theme 2 + related s12, s26
        ("Eva Jansen", 3.0, 2),  # network 1 + distance 2
        ("Emma Peters", 1.0, 4),
        ("Pieter Bakker", 1.0, 4),
        ("Sanne de Vries", 1.0, 4),
    ]
    hanna = found[0]
    assert kinds(hanna) == ["theme", "related_work", "network", "distance"]
    assert hanna.reasons[0].items == (ID + "product/p10", ID + "study/s10")
    assert hanna.reasons[1].items == (ID + "study/s10", ID + "question/q10")
    assert hanna.reasons[2].items == (ID + "network/werkplaats-rijnvallei",)
    assert "citizenship" in hanna.reasons[0].text
    assert [(r.role, r.organisation) for r in hanna.roles] == [
        ("researcher", ID + "organisation/ror/04pp8hn57")
    ]
    lotte = found[2]
    assert [r.items[0] for r in lotte.reasons if r.kind == "related_work"] == [
        ID + "study/s12",
        ID + "study/s26",
    ]
    assert [m.name for m in researchers_for(*analytics_graph, ID + "question/q37", limit=2)] == [
        "Hanna Mulder",
        "Ayşe Demir",
    ]


def test_matches_for_a_teacher(analytics_graph: tuple[Driver, str]) -> None:
    # yara-koster (teacher, Learning Lab De Kaap) asked q18 (diversity, curriculum-and-pedagogy):
    # s18/p18 by mohamed-el-idrissi and wouter-brouwer, both in the learning lab. Related
    # questions: q33 (s33 wouter), q12 (s12 lotte), q29 (p29 emma), q01 (s01 hanna),
    # q02 (s02 eva), q03 (s03 pieter, femke). ayse-demir shares Het Baken (4 steps).
    found = researchers_for(*analytics_graph, ID + "person/yara-koster", limit=20)
    assert [(m.name, m.score) for m in found] == [
        ("Wouter Brouwer", 10.0),  # on question 4 + theme 2 + related 1 + network 1 + near 2
        ("Mohamed El Idrissi", 9.0),  # on question 4 + theme 2 + network 1 + near 2
        ("Emma Peters", 3.0),
        ("Hanna Mulder", 3.0),
        ("Lotte Visser", 3.0),
        ("Ayşe Demir", 1.0),
        ("Eva Jansen", 1.0),
        ("Femke Willems", 1.0),
        ("Pieter Bakker", 1.0),
    ]
    wouter = found[0]
    assert kinds(wouter) == ["on_question", "theme", "related_work", "network", "distance"]
    assert wouter.reasons[0].items == (ID + "product/p18", ID + "study/s18")
    assert found[1].roles[0].role == "teacher-researcher"
    # the same researchers, for the question she asked
    by_question = researchers_for(*analytics_graph, ID + "question/q18", limit=20)
    assert [(m.iri, m.score) for m in by_question] == [(m.iri, m.score) for m in found]


def test_askers_are_never_their_own_match(analytics_graph: tuple[Driver, str]) -> None:
    # q04 was asked by sanne-de-vries, herself a researcher
    found = researchers_for(*analytics_graph, ID + "question/q04", limit=50)
    assert ID + "person/sanne-de-vries" not in {m.iri for m in found}
    assert found[0].iri == ID + "person/sofie-dekker"  # studied q04 with her (s04, p04)
    assert found[0].reasons[0].kind == "on_question"


def test_unknown_or_wrong_iri_is_refused_by_name(analytics_graph: tuple[Driver, str]) -> None:
    with pytest.raises(InputError, match=r"no resource with IRI .*person/nobody"):
        researchers_for(*analytics_graph, ID + "person/nobody")
    with pytest.raises(InputError, match=r"study/s10' is neither a knowledge question"):
        researchers_for(*analytics_graph, ID + "study/s10")
