"""Trace and cycle analytics on the sample graph, against answers worked out from sample.ttl
(its header documents every question's furthest stage, loops and shortcuts)."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import Driver
from rdflib import Graph, URIRef

from kennisgraaf.errors import InputError
from kennisgraaf.ontology.files import dataset_path, ontology_graph
from kennisgraaf.ontology.stages import stage_names
from kennisgraaf.queries.analytics import cycle
from kennisgraaf.queries.analytics.trace import reverse_trace, trace_question

ID = "https://w3id.org/kennisgraaf/id/"
Q = ID + "question/"
# Furthest stage per question, from the sample's trace index.
FURTHEST = {
    "articulation": "q06 q37 q38 q39 q40 q41 q42 q43 q45 q46 q47 q48 q49",
    "creation": "q03 q31 q32 q33 q34 q35 q36",
    "organisation": "q24 q25 q26 q27 q28 q29 q30 q44",
    "sharing": "q17 q18 q19 q20 q21 q22 q23",
    "use": "q01 q02 q04 q05 q07 q08 q09 q10 q11 q12 q13 q14 q15 q16",
}
# Kennisrotonde answers made straight from background studies: no creation for the question.
NO_CREATION = {"q09", "q11", "q16", "q22", "q25", "q29", "q44"}
# Studies shared without a product: no organisation for the question.
NO_ORGANISATION = {"q12", "q21"}

STAGES = stage_names()


def test_full_trace_in_cycle_order_with_dates_people_and_networks(
    sample_graph: tuple[Driver, str],
) -> None:
    trace = trace_question(*sample_graph, Q + "q01", depth=0)
    assert [[a.iri for a in trace.stages[s]] for s in STAGES] == [
        [ID + "articulation/q01"],
        [ID + "creation/doi/10.5555/kg-sample.s01"],
        [ID + "organising/p01"],
        [ID + "sharing/sh01"],
        [ID + "use/u01"],
    ]
    dates = [trace.stages[s][0].date for s in STAGES]
    assert dates == [
        dt.date(2019, 9, 12), dt.date(2021, 6, 30), dt.date(2021, 11, 15),
        dt.date(2022, 2, 10), dt.date(2022, 4, 1),
    ]  # fmt: skip
    articulation = trace.stages["articulation"][0]
    assert [p.name for p in articulation.people] == ["Iris Bos"]
    assert [n.iri for n in articulation.networks] == [ID + "network/kennistafel-begrijpend-lezen"]
    assert [o.name for o in trace.stages["use"][0].organisations] == ["OBS De Lindenhof"]
    assert trace.missing == []
    assert trace.lead_time_days == (dt.date(2022, 4, 1) - dt.date(2019, 9, 12)).days == 932
    assert trace.days_to("creation") == (dt.date(2021, 6, 30) - dt.date(2019, 9, 12)).days
    assert trace.text["en"].startswith("How can we teach reading comprehension")


def test_a_use_loops_back_into_new_questions_to_a_bounded_depth(
    sample_graph: tuple[Driver, str],
) -> None:
    # u01 raised q02; q02's use u02 raised q03.
    deep = trace_question(*sample_graph, Q + "q01", depth=2)
    assert [t.iri for t in deep.raised] == [Q + "q02"]
    assert [t.iri for t in deep.raised[0].raised] == [Q + "q03"]
    assert deep.raised[0].raised[0].furthest == "creation"
    shallow = trace_question(*sample_graph, Q + "q01", depth=0)
    assert shallow.raised == [] and shallow.raised_iris == [Q + "q02"]


def test_branches_keep_every_sharing(sample_graph: tuple[Driver, str]) -> None:
    trace = trace_question(*sample_graph, Q + "q04", depth=0)
    assert [a.iri for a in trace.stages["sharing"]] == [ID + "sharing/sh04a", ID + "sharing/sh04b"]


@pytest.mark.parametrize(("stage", "questions"), FURTHEST.items())
def test_every_question_stops_where_the_sample_says(
    sample_graph: tuple[Driver, str], stage: str, questions: str
) -> None:
    for name in questions.split():
        trace = trace_question(*sample_graph, Q + name, depth=0)
        assert trace.furthest == stage, name
        expected_missing = [s for s in STAGES if STAGES.index(s) > STAGES.index(stage)]
        if name in NO_CREATION:
            expected_missing = ["creation", *expected_missing]
        if name in NO_ORGANISATION:
            expected_missing = ["organisation", *expected_missing]
        assert trace.missing == expected_missing, name


def test_unknown_question_is_a_clear_error(sample_graph: tuple[Driver, str]) -> None:
    with pytest.raises(InputError, match="no knowledge question with IRI"):
        trace_question(*sample_graph, Q + "nope")
    with pytest.raises(InputError, match="depth must be between"):
        trace_question(*sample_graph, Q + "q01", depth=99)


def test_reverse_trace_from_a_product_and_from_a_study(sample_graph: tuple[Driver, str]) -> None:
    product = reverse_trace(*sample_graph, ID + "product/p01")
    assert product.kind == "product"
    assert product.questions == (Q + "q01",)
    assert [u.iri for u in product.uses] == [ID + "use/u01"]
    study = reverse_trace(*sample_graph, ID + "study/doi/10.5555/kg-sample.s01")
    assert study.kind == "study"
    assert study.questions == (Q + "q01",)
    assert study.products == (ID + "product/p01",)
    assert [u.iri for u in study.uses] == [ID + "use/u01"]


def test_funnel_counts_questions_per_stage(sample_graph: tuple[Driver, str]) -> None:
    rows = cycle.question_stages(*sample_graph)
    reached = {
        stage: {q for later in STAGES[STAGES.index(stage) :] for q in FURTHEST[later].split()}
        for stage in STAGES
    }
    reached["creation"] -= NO_CREATION
    reached["organisation"] -= NO_ORGANISATION
    expected = {stage: len(qs) for stage, qs in reached.items()}
    assert expected == {"articulation": 49, "creation": 29, "organisation": 27, "sharing": 21,
                        "use": 14}  # fmt: skip
    assert cycle.funnel(rows) == {"all": expected}
    by_year = cycle.funnel(rows, "year")
    assert sum(f["articulation"] for f in by_year.values()) == 49
    with pytest.raises(InputError, match="grouping must be one of"):
        cycle.funnel(rows, "colour")


def test_funnel_by_sector_matches_the_data(sample_graph: tuple[Driver, str]) -> None:
    rows = {r.iri: r for r in cycle.question_stages(*sample_graph)}
    graph = Graph().parse(dataset_path("sample"))
    sector_of: dict[str, set[str]] = {}
    for q, s in graph.subject_objects(URIRef("https://w3id.org/kennisgraaf/def#sector")):
        if str(q).startswith(Q):
            sector_of.setdefault(str(s).rsplit("/", 1)[-1], set()).add(str(q).rsplit("/", 1)[-1])
    funnel = cycle.funnel(list(rows.values()), "sector")
    for sector, questions in sector_of.items():
        assert funnel[sector]["articulation"] == len(questions)
        assert funnel[sector]["use"] == len(questions & set(FURTHEST["use"].split()))


def test_stalled_questions(sample_graph: tuple[Driver, str]) -> None:
    rows = cycle.question_stages(*sample_graph)
    found = {r.iri for r in cycle.stalled(rows, 365, today=dt.date(2026, 1, 1))}
    # Only articulated; q39–q41 and q45–q49 are younger than a year on that day and q42 is
    # withdrawn.
    assert found == {Q + q for q in ("q06", "q37", "q38", "q43")}


def test_lead_times_per_stage(sample_graph: tuple[Driver, str]) -> None:
    rows = cycle.question_stages(*sample_graph)
    times = cycle.lead_times(rows)
    use = times["use"]
    assert use is not None and use.n == 14
    q01 = next(r for r in rows if r.iri == Q + "q01")
    assert use.minimum <= 932 <= use.maximum
    assert q01.dates["use"] == dt.date(2022, 4, 1)


def _sparql(query: str) -> set[str]:
    graph = Graph().parse(dataset_path("sample"))
    graph += ontology_graph()
    return {str(row[0]) for row in graph.query(query)}  # type: ignore[index]


PREFIXES = """PREFIX kg: <https://w3id.org/kennisgraaf/def#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def test_products_never_used(sample_graph: tuple[Driver, str]) -> None:
    # Products of questions that stopped at sharing (q21 has none) or at organisation.
    numbers = ["17", "18", "19", "20", "22", "23", "24", "25", "26", "27", "28", "29", "30"]
    # and the NRO section's strands t01 t02, revised answer p11r and answer p44, none used
    expected = {ID + f"product/{n}" for n in ["t01", "t02", "p11r", "p44"]}
    expected |= {ID + f"product/p{n}" for n in numbers}
    found = {r.iri for r in cycle.products_never_used(*sample_graph)}
    assert found == expected
    oracle = _sparql(
        PREFIXES
        + """SELECT ?p WHERE {
        ?p a/rdfs:subClassOf* kg:KnowledgeProduct .
        FILTER NOT EXISTS { ?u a kg:KnowledgeUse ; prov:used ?p } }"""
    )
    assert found == oracle


def test_studies_never_shared(sample_graph: tuple[Driver, str]) -> None:
    found = {r.iri for r in cycle.studies_never_shared(*sample_graph)}
    oracle = _sparql(
        PREFIXES
        + """SELECT ?s WHERE {
        ?s a/rdfs:subClassOf* kg:Study .
        FILTER NOT EXISTS { ?sh a kg:KnowledgeSharing ; prov:used ?s }
        FILTER NOT EXISTS { ?o a kg:KnowledgeOrganisation ; prov:used ?s .
                            ?p prov:wasGeneratedBy ?o .
                            ?sh2 a kg:KnowledgeSharing ; prov:used ?p } }"""
    )
    assert found == oracle
    # The studies of questions that stopped at creation were never shared.
    for q in FURTHEST["creation"].split():
        trace = trace_question(*sample_graph, Q + q, depth=0)
        studies = {iri for a in trace.stages["creation"] for iri in a.generated}
        assert studies and studies <= found, q
