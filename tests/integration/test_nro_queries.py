"""The NRO queries on the sample graph: funding and follow-up, open access, Kennisrotonde
referrals, agenda items, toolkit strands and citation paths. Every expected value is worked
out by hand from the NRO section of sample.ttl (its header lists the same answers)."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.agenda import agenda_items
from kennisgraaf.queries.analytics.funding import follow_up, grant_outputs, open_access
from kennisgraaf.queries.analytics.kennisrotonde import handled_questions, referral_summary
from kennisgraaf.queries.analytics.synthesis import citation_paths, end_studies, toolkit_strands
from tests.analytics_graph import ID

DOI = ID + "study/doi/10.5555/kg-sample."
P, Q, SH, U = ID + "product/", ID + "question/", ID + "sharing/", ID + "use/"
G1, G2, G3, G4 = (
    ID + "grant/nro/40.5.19501.001",
    ID + "grant/nro/40.5.19501.002",
    ID + "grant/nro/40.5.21501.003",
    ID + "grant/nro/40.5.21502.004",
)
PGO = ID + "programme/praktijkgericht-onderzoek"
SYNTHESE = ID + "programme/kennissynthese"


def test_grants_with_their_outputs_and_follow_up(sample_graph: tuple[Driver, str]) -> None:
    grants = grant_outputs(*sample_graph)
    assert [g.grant for g in grants] == [G4, G1, G2, G3]  # programme kennissynthese sorts first
    g1 = grants[1]
    assert (g1.project_number, g1.call, g1.programme) == (
        "40.5.19501.001",
        ID + "call/pgo-2019",
        PGO,
    )
    assert g1.lead == ID + "person/hanna-mulder" and g1.funders == (ID + "organisation/nro",)
    assert g1.partners == (
        ID + "organisation/ror/04pp8hn57",
        ID + "organisation/spo-rijnvallei",
    )
    assert (g1.start, g1.end) == (dt.date(2019, 11, 1), dt.date(2021, 10, 31))
    assert (g1.amount, g1.currency) == (350000.0, "EUR")
    # s01 is followed up through p01, made from it; review r01 is open but nobody shared it.
    assert [(o.iri, o.kind, o.access, o.sharings, o.uses) for o in g1.outputs] == [
        (P + "p01", "product", None, (SH + "sh01",), (U + "u01",)),
        (DOI + "r01", "study", "open", (), ()),
        (DOI + "s01", "study", None, (SH + "sh01",), (U + "u01",)),
    ]
    assert [(o.iri, o.sharings, o.uses) for o in grants[2].outputs] == [
        (P + "p04", (SH + "sh04a", SH + "sh04b"), (U + "u04",)),
        (DOI + "s04", (SH + "sh04a", SH + "sh04b"), (U + "u04",)),
    ]
    assert [(o.iri, o.sharings, o.uses) for o in grants[3].outputs] == [
        (P + "p17", (SH + "sh17",), ()),
        (DOI + "s17", (SH + "sh17",), ()),
    ]
    assert [(o.iri, o.access, o.sharings) for o in grants[0].outputs] == [
        (P + "p11r", "open", ()),
        (P + "t01", "open", ()),
        (P + "t02", "metadata-only", ()),
        (ID + "study/rp01", "embargoed", ()),
    ]
    assert [
        (f.programme, f.grants, f.amount, f.outputs, f.shared, f.used) for f in follow_up(grants)
    ] == [
        (SYNTHESE, 1, 180000.0, 4, 0, 0),
        (PGO, 3, 870000.0, 7, 6, 4),
    ]


def test_outputs_of_one_programme_call_or_grant(sample_graph: tuple[Driver, str]) -> None:
    assert [g.grant for g in grant_outputs(*sample_graph, PGO)] == [G1, G2, G3]
    assert [g.grant for g in grant_outputs(*sample_graph, ID + "call/pgo-2021")] == [G3]
    assert [g.grant for g in grant_outputs(*sample_graph, G4)] == [G4]
    with pytest.raises(InputError, match="is no programme, call or grant"):
        grant_outputs(*sample_graph, Q + "q01")


def test_open_access_share_per_programme_and_sector(sample_graph: tuple[Driver, str]) -> None:
    by_programme = open_access(*sample_graph)
    assert [
        (a.group, a.outputs, a.open, a.embargoed, a.restricted, a.metadata_only, a.unknown)
        for a in by_programme
    ] == [
        (SYNTHESE, 4, 2, 1, 0, 1, 0),
        (PGO, 7, 1, 0, 0, 0, 6),
    ]
    assert [a.share for a in by_programme] == [pytest.approx(0.5), pytest.approx(1 / 7)]
    assert by_programme[1].title == {
        "nl": "Praktijkgericht onderwijsonderzoek",
        "en": "Practice-based educational research",
    }
    # Sectors of the partners: WO in every grant, PO in G1 and G3, VO in G2, HBO in G4.
    by_sector = {
        a.group: (a.outputs, a.open, a.share) for a in open_access(*sample_graph, "sector")
    }
    assert by_sector == {
        "HBO": (4, 2, pytest.approx(0.5)),
        "PO": (5, 1, pytest.approx(0.2)),
        "VO": (2, 0, 0.0),
        "WO": (11, 3, pytest.approx(3 / 11)),
    }
    with pytest.raises(InputError, match="grouping must be one of"):
        open_access(*sample_graph, "region")


def test_kennisrotonde_referrals_and_reuse_of_earlier_answers(
    sample_graph: tuple[Driver, str],
) -> None:
    handled = {q.iri.removeprefix(Q): q for q in handled_questions(*sample_graph)}
    assert sorted(handled) == [
        "q09", "q11", "q16", "q22", "q25", "q29", "q44", "q45", "q46", "q47", "q48", "q49",
    ]  # fmt: skip
    q11 = handled["q11"]
    assert (q11.status, q11.answers, q11.related) == (
        "answered",
        (P + "p11", P + "p11r"),
        (P + "p22",),
    )
    assert handled["q22"].related == (P + "p11r",) and handled["q44"].related == (P + "p29",)
    q45 = handled["q45"]
    assert (q45.status, q45.articulated, q45.asker_role, q45.answers) == (
        "referred-to-earlier-answer",
        dt.date(2025, 1, 27),
        "intern-begeleider",
        (),
    )
    assert [(t.iri, t.kind) for t in q45.referred_to] == [(P + "p11", "answer")]
    assert [(t.iri, t.kind) for t in handled["q47"].referred_to] == [(P + "p44", "answer")]
    assert [(t.kind, handled["q48"].status) for t in handled["q48"].referred_to] == [
        ("source", "referred-to-other-source")
    ]
    assert [(t.iri, t.kind) for t in handled["q49"].referred_to] == [(DOI + "s34", "study")]
    summary = referral_summary(list(handled.values()))
    assert summary.questions == 12
    assert summary.by_status == {
        "answered": 7,
        "referred-to-earlier-answer": 3,
        "referred-to-other-source": 1,
        "routed-to-research": 1,
    }
    assert summary.earlier_answer_share == pytest.approx(0.25)
    assert summary.referred_share == pytest.approx(5 / 12)
    assert summary.reuse == {P + "p11": 2, P + "p44": 1}


def test_agenda_items_with_their_questions_and_takers(sample_graph: tuple[Driver, str]) -> None:
    items = agenda_items(*sample_graph)
    assert [i.item.rsplit("/", 1)[1] for i in items] == [
        "feedback",
        "lerarentekort",
        "onderzoekstijd",
    ]
    feedback, shortage, time = items
    assert {i.agenda for i in items} == {ID + "agenda/kennisagenda"}
    assert feedback.agenda_kind == "kennisagenda"
    assert [(q.iri, q.status) for q in feedback.questions] == [
        (Q + "q29", "answered"),
        (Q + "q44", "answered"),
    ]
    assert [(t.iri, t.kind) for t in feedback.taken_up_by] == [(G4, "grant")]
    assert feedback.grants == (G4,)
    assert [(q.iri.removeprefix(Q), q.status) for q in shortage.questions] == [
        ("q13", "answered"),
        ("q17", "answered"),
        ("q43", "open"),
    ]
    assert [(t.iri, t.kind) for t in shortage.taken_up_by] == [(G3, "grant"), (PGO, "programme")]
    assert shortage.grants == (G1, G2, G3)
    assert [q.iri for q in time.questions] == [Q + "q06", Q + "q38"]
    assert time.taken_up_by == () and time.grants == () and time.open
    assert agenda_items(*sample_graph, ID + "agenda/kennisagenda") == items
    with pytest.raises(InputError, match="is not a research agenda"):
        agenda_items(*sample_graph, PGO)


def test_toolkit_strands_with_answers_and_studies(sample_graph: tuple[Driver, str]) -> None:
    strands = toolkit_strands(*sample_graph)
    assert [
        (s.iri.removeprefix(P), s.impact_months, s.cost_rating, s.number_of_studies, s.strength)
        for s in strands
    ] == [
        ("p01", None, None, None, 4),
        ("p19", None, None, None, 1),
        ("t01", 6.0, 1, 48, 4),
        ("t02", 3.0, 3, 28, 3),
    ]
    assert [(s.answers, s.studies) for s in strands] == [
        ((), (DOI + "s01", DOI + "sb01")),
        ((), (ID + "study/s19",)),
        ((P + "p44",), (DOI + "r01", DOI + "sb08")),
        ((P + "p11r",), (DOI + "sb04",)),
    ]
    assert strands[2].title["en"] == "Feedback and formative assessment"


def test_citation_paths_from_a_question_to_its_studies(sample_graph: tuple[Driver, str]) -> None:
    paths = citation_paths(*sample_graph, Q + "q44")
    t01, r01 = P + "t01", DOI + "r01"
    assert [(p.nodes, p.links) for p in paths] == [
        ((P + "p44", t01, DOI + "sb08"), ("buildsOn", "synthesises")),
        ((P + "p44", t01, r01, DOI + "s01"), ("buildsOn", "synthesises", "synthesises")),
        ((P + "p44", t01, r01, DOI + "s04"), ("buildsOn", "synthesises", "cito_cites")),
        ((P + "p44", t01, r01, DOI + "sb01"), ("buildsOn", "synthesises", "synthesises")),
        ((P + "p44", t01, r01, DOI + "sb08"), ("buildsOn", "synthesises", "synthesises")),
    ]
    assert {(p.answer, p.start) for p in paths} == {(P + "p44", P + "p44")}
    assert [p.hops for p in paths] == [2, 3, 3, 3, 3]
    assert [p.design for p in paths] == ["meta-analysis", "rct", "quasi-experimental",
                                         "meta-analysis", "meta-analysis"]  # fmt: skip
    assert end_studies(paths) == [DOI + "s01", DOI + "s04", DOI + "sb01", DOI + "sb08"]
    # q11's answer p11 cites nothing, but its revision p11r builds on strand t02.
    [revised] = citation_paths(*sample_graph, Q + "q11")
    assert (revised.answer, revised.start, revised.nodes[1:], revised.design) == (
        P + "p11",
        P + "p11r",
        (P + "t02", DOI + "sb04"),
        "rct",
    )
    assert citation_paths(*sample_graph, Q + "q01") == []
    assert len(citation_paths(*sample_graph, Q + "q44", limit=2)) == 2
    with pytest.raises(InputError, match="is not a knowledge question"):
        citation_paths(*sample_graph, P + "p44")
