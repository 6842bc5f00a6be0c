"""The shipped seed and sample datasets conform and contain what later test suites rely on."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import (
    BASE,
    KG,
    dataset_graph,
    dataset_path,
    ontology_graph,
    vocabularies_graph,
)
from kennisgraaf.ontology.validation import Severity, ValidationOutcome, validate

DEF = "https://w3id.org/kennisgraaf/def/"
DATA = BASE + "id/"
K = {
    name: URIRef(KG + name)
    for name in (
        "KnowledgeQuestion",
        "QuestionArticulation",
        "KnowledgeCreation",
        "KnowledgeOrganisation",
        "KnowledgeSharing",
        "KnowledgeUse",
        "Person",
        "BoundaryCrosser",
        "sector",
        "theme",
        "orcid",
        "brin",
        "ror",
        "region",
        "Initiative",
        "AgendaActivity",
        "SpecificActivity",
        "StructuralExploration",
    )
}
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
REAL_RORS = {"04pp8hn57", "04dkp9463", "016xsfp80", "027bh9e22", "012p63287", "02jz4aj89"}
FURTHEST_STAGE = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://w3id.org/kennisgraaf/def#>
SELECT ?q (MAX(?order) AS ?stage) WHERE {
  ?q a kg:KnowledgeQuestion .
  {
    ?q prov:wasGeneratedBy ?activity .
  } UNION {
    ?activity prov:used ?q .
  } UNION {
    ?creation prov:used ?q . ?study prov:wasGeneratedBy ?creation . ?activity prov:used ?study .
  } UNION {
    ?organising prov:used ?q . ?product prov:wasGeneratedBy ?organising .
    ?activity prov:used ?product .
  } UNION {
    ?creation prov:used ?q . ?study prov:wasGeneratedBy ?creation .
    ?organising prov:used ?study . ?product prov:wasGeneratedBy ?organising .
    ?activity prov:used ?product .
  }
  ?activity kg:function/kg:cycleOrder ?order .
} GROUP BY ?q
"""


@pytest.fixture(scope="module")
def sample() -> Graph:
    return dataset_graph("sample")


@pytest.fixture(scope="module")
def seed() -> Graph:
    return dataset_graph("seed")


@pytest.fixture(scope="module")
def sample_outcome(sample: Graph) -> ValidationOutcome:
    return validate(sample)


def _stages(graph: Graph) -> dict[str, int]:
    rows = (graph + vocabularies_graph()).query(FURTHEST_STAGE)
    return {str(q).rsplit("/", 1)[1]: int(str(stage)) for q, stage in _pairs(rows)}


def _pairs(rows: object) -> list[tuple[object, object]]:
    return [(row[0], row[1]) for row in rows]  # type: ignore[attr-defined]


def test_sample_conforms_and_only_warns_about_researched(sample_outcome: ValidationOutcome) -> None:
    # ResearchEd is a real network; its sectors are not stated anywhere, so none is invented.
    assert sample_outcome.conforms
    assert [(str(r.focus_node), r.severity, str(r.path)) for r in sample_outcome.results] == [
        (DATA + "network/researched", Severity.WARNING, KG + "sector"),
    ]


# The networks of the seed whose sectors the document does not state (seed-actors.csv's two
# networks and the initiatives of seed-initiatives.csv with a network_kind and no sectors).
NETWORKS_WITHOUT_SECTOR = [
    "network/researched", "network/leiden-education-fieldlab", "initiative/huisacademies",
    "initiative/datateams-en-samenwerking-carmel-college-en-universiteit-twente",
    "initiative/datateam-de-populier", "initiative/kennistafel-pact",
    "initiative/learning-lab-snijdersschool", "initiative/learning-lab-light",
    "initiative/werkplaats-onderwijsonderzoek-amsterdam",
    "initiative/werkplaatsen-onderwijsonderzoek-inspectie",
    "initiative/werkplaats-onderwijsonderzoek-gepersonaliseerd-leren-met-ict",
    "initiative/werkplaats-onderwijsonderzoek-utrecht",
    "initiative/werkplaats-onderwijsonderzoek-school-of-education",
]  # fmt: skip


# The research agendas of seed-agendas.csv: the document dates none of them.
UNDATED_AGENDAS = [
    "agenda/landelijke-r-d-agenda", "agenda/kennisagenda-ministerie-van-ocw",
    "agenda/strategische-onderzoeksagenda-vereniging-hogescholen",
    "initiative/r-d-agenda-voor-het-funderend-onderwijs",
]  # fmt: skip


def test_seed_conforms_and_only_warns_about_networks_without_sector_and_undated_agendas(
    seed: Graph,
) -> None:
    outcome = validate(seed)
    assert outcome.conforms
    assert {(str(r.focus_node), r.severity, str(r.path)) for r in outcome.results} == {
        (DATA + key, Severity.WARNING, KG + "sector") for key in NETWORKS_WITHOUT_SECTOR
    } | {(DATA + key, Severity.WARNING, str(DCTERMS.issued)) for key in UNDATED_AGENDAS}


def test_seed_and_sample_merge_without_violation(seed: Graph, sample: Graph) -> None:
    assert validate(seed + sample).violations == ()


def test_seed_holds_the_facts_of_the_csv_files(seed: Graph) -> None:
    assert len(set(seed.subjects(RDF.type, K["Initiative"]))) == 48
    assert len(set(seed.subjects(RDF.type, K["SpecificActivity"]))) == 10
    assert len(set(seed.subjects(RDF.type, K["StructuralExploration"]))) == 2
    initiatives_with_place = {
        s for s in seed.subjects(K["region"], None) if (s, RDF.type, K["Initiative"]) in seed
    }
    assert len(initiatives_with_place) == 45  # three have place_confidence "unknown"
    names = {str(o) for o in seed.objects(None, URIRef("http://xmlns.com/foaf/0.1/name"))}
    # 19 organisations of seed-actors.csv (17 + the landelijke werkgroep and the onderzoeksbende)
    # and the 15 initiatives of seed-initiatives.csv with a network_kind (a network has a name)
    assert len(names) == 19 + 15


def test_sample_has_at_least_forty_questions_over_all_sectors_and_themes(sample: Graph) -> None:
    questions = set(sample.subjects(RDF.type, K["KnowledgeQuestion"]))
    assert len(questions) >= 40
    sectors = {o for q in questions for o in sample.objects(q, K["sector"])}
    assert sectors == {URIRef(DEF + f"sector/{s}") for s in ("PO", "VO", "MBO", "HBO", "WO", "SO")}
    themes = {o for q in questions for o in sample.objects(q, K["theme"])}
    vocab_themes = {
        URIRef(DEF + "theme/" + t)
        for t in (
            "equal-opportunities",
            "teacher-shortage",
            "ict-personalised-learning",
            "citizenship",
            "inclusive-education",
            "diversity",
            "educational-disadvantage",
            "professional-development",
            "data-informed-practice",
            "research-culture",
            "open-science",
            "talent-development",
            "educational-innovation",
            "team-learning",
            "curriculum-and-pedagogy",
            "recognition-and-rewards",
        )
    }
    assert themes == vocab_themes


def test_sample_questions_stop_at_every_stage(sample: Graph) -> None:
    stages = _stages(sample)
    # q45–q49 were referred or routed (only articulated); q44 has a Kennisrotonde answer
    assert Counter(stages.values()) == {1: 13, 2: 7, 3: 8, 4: 7, 5: 14}
    assert stages["q02"] == 5 and stages["q03"] == 2 and stages["q06"] == 1


def test_sample_uses_raise_new_questions(sample: Graph) -> None:
    raised = {
        (str(use).rsplit("/", 1)[1], str(articulation).rsplit("/", 1)[1])
        for articulation, use in sample.subject_objects(PROV.wasInformedBy)
        if (articulation, RDF.type, K["QuestionArticulation"]) in sample
    }
    assert raised == {("u01", "q02"), ("u02", "q03"), ("u05", "q06")}


def test_boundary_crossers_are_derived_not_asserted(sample: Graph) -> None:
    assert not list(sample.subjects(RDF.type, K["BoundaryCrosser"]))
    query = str(ontology_graph().value(K["BoundaryCrosser"], URIRef(KG + "derivationQuery")))
    rows = (sample + vocabularies_graph()).query(query)
    crossers = {str(row[0]).rsplit("/", 1)[1] for row in rows}  # type: ignore[index]
    assert crossers == {
        "sanne-de-vries",
        "mohamed-el-idrissi",
        "eva-jansen",
        "pieter-bakker",
        "lotte-visser",
        "ayse-demir",
    }


def test_sample_invents_no_real_looking_identifiers(sample: Graph) -> None:
    assert not list(sample.objects(None, K["orcid"]))
    assert not list(sample.objects(None, K["brin"]))
    assert {str(o) for o in sample.objects(None, K["ror"])} == REAL_RORS
    assert all(str(o).startswith("10.5555/") for o in sample.objects(None, URIRef(KG + "doi")))


def test_sample_stage_dates_lie_between_2016_and_2025(sample: Graph) -> None:
    dates = [o for o in sample.objects(None, DCTERMS.date) if isinstance(o, Literal)]
    assert dates and all(o.datatype == XSD_DATE for o in dates)
    years = {o.toPython().year for o in dates}
    assert min(years) >= 2016 and max(years) <= 2025


def test_every_stage_activity_carries_its_function(sample: Graph) -> None:
    expected = {
        "QuestionArticulation": "articulation",
        "KnowledgeCreation": "creation",
        "KnowledgeOrganisation": "organisation",
        "KnowledgeSharing": "sharing",
        "KnowledgeUse": "use",
    }
    for cls, function in expected.items():
        for activity in sample.subjects(RDF.type, K[cls]):
            assert sample.value(activity, URIRef(KG + "function")) == URIRef(
                DEF + f"function/{function}"
            )


def test_memberships_link_people_to_organisations(sample: Graph) -> None:
    people = set(sample.subjects(RDF.type, K["Person"]))
    members = set(sample.objects(None, ORG.member))
    assert members == people


def test_dataset_path_points_at_the_shipped_file() -> None:
    assert dataset_path("sample").name == "sample.ttl"
    assert dataset_path("seed").is_file()


def test_unknown_dataset_is_refused() -> None:
    with pytest.raises(OntologyError):
        dataset_path("nope")
