"""Evidence for a question, on the sample graph; expectations worked out from sample.ttl."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.evidence import evidence_for
from tests.analytics_graph import ID

DOI = ID + "study/doi/10.5555/kg-sample."


def test_q01_direct_and_thematic_evidence_ranked_by_strength_then_recency(
    analytics_graph: tuple[Driver, str],
) -> None:
    # q01 (themes curriculum-and-pedagogy, educational-disadvantage): s01 studies it, p01
    # synthesises s01 together with background study sb01; sb08, p29 (curriculum) and sb04,
    # p11, s31 (disadvantage) only share a theme. Strength 4 first, then 3; newest first.
    found = evidence_for(*analytics_graph, ID + "question/q01")
    assert [(e.iri, e.strength, e.date, e.direct) for e in found] == [
        (ID + "product/p01", 4, dt.date(2021, 11, 15), True),
        (DOI + "s01", 4, dt.date(2021, 6, 30), True),
        (DOI + "sb08", 4, dt.date(2019, 10, 31), False),
        (DOI + "sb01", 4, dt.date(2018, 3, 30), True),
        (ID + "study/s31", 3, dt.date(2024, 12, 20), False),
        (ID + "product/p29", 3, dt.date(2023, 5, 8), False),
        (ID + "product/p11", 3, dt.date(2019, 7, 8), False),
        (DOI + "sb04", 3, dt.date(2016, 9, 30), False),
    ]
    top = found[1]
    assert top.kind == "study" and top.types == ("ResearchProject",)
    assert top.effect_size == pytest.approx(0.23) and top.sample_size == 1240
    assert top.design == "rct" and top.strength_label == "extensive"
    assert top.reasons == ("studies the question",)
    assert top.shared_themes == ("curriculum-and-pedagogy",)
    assert top.title["en"] == "Explicit strategy instruction in reading comprehension in grades 6-8"
    assert found[0].reasons == ("synthesises a study of the question",)
    assert found[0].effect_size is None and found[0].types == ("ToolkitStrand",)
    assert found[3].reasons == ("synthesised in an answer to the question",)
    assert found[3].effect_size == pytest.approx(0.36)
    assert found[4].shared_themes == ("educational-disadvantage",)

    assert [e.iri for e in evidence_for(*analytics_graph, ID + "question/q01", limit=2)] == [
        ID + "product/p01",
        DOI + "s01",
    ]
    assert [e.iri for e in evidence_for(*analytics_graph, ID + "question/q01", themes=False)] == [
        ID + "product/p01",
        DOI + "s01",
        DOI + "sb01",
    ]


def test_question_only_articulated_gets_thematic_evidence_with_unrated_items_last(
    analytics_graph: tuple[Driver, str],
) -> None:
    # q37 (citizenship) has no trace beyond articulation; citizenship items: s10 (strength 2),
    # s26 (1), and practice guides p26 (2023-10-23) and p10 (2023-03-20) without a strength.
    found = evidence_for(*analytics_graph, ID + "question/q37")
    assert [(e.iri, e.strength) for e in found] == [
        (ID + "study/s10", 2),
        (ID + "study/s26", 1),
        (ID + "product/p26", None),
        (ID + "product/p10", None),
    ]
    assert not any(e.direct for e in found)
    assert evidence_for(*analytics_graph, ID + "question/q37", themes=False) == []


def test_kennisrotonde_answer_and_its_background_study(analytics_graph: tuple[Driver, str]) -> None:
    # p09 answers q09 directly from background study sb03 (no creation for q09)
    found = evidence_for(*analytics_graph, ID + "question/q09", themes=False)
    assert [(e.iri, e.reasons, e.strength) for e in found] == [
        (ID + "product/p09", ("answers the question",), 1),
        (DOI + "sb03", ("synthesised in an answer to the question",), 1),
    ]


def test_unknown_or_wrong_iri_is_refused_by_name(analytics_graph: tuple[Driver, str]) -> None:
    with pytest.raises(InputError, match=r"no resource with IRI .*question/q99"):
        evidence_for(*analytics_graph, ID + "question/q99")
    with pytest.raises(InputError, match=r"person/iris-bos' is not a knowledge question"):
        evidence_for(*analytics_graph, ID + "person/iris-bos")
    with pytest.raises(InputError, match="limit must be"):
        evidence_for(*analytics_graph, ID + "question/q01", limit=0)
