"""The NRO model: funding and projects, typed links between outputs, open subjects, publication
metadata, toolkit strands, the Kennisrotonde intake, coded regions, the agenda layer and the new
roles. Per point a valid record (in tests/fixtures/shapes/valid-nro.ttl) passes and realistic wrong
ones (tests/model_nro_cases.py) give exactly their results: focus node, path, constraint
component, severity and shape. No database needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG

from kennisgraaf.ontology.files import ontology_graph, vocabularies_graph
from kennisgraaf.ontology.validation import Severity, ValidationOutcome, validate
from tests.model_nro_cases import EX, KG, NRO_CASES, VALID_NRO, Key, NroCase

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"
KGSH = "https://w3id.org/kennisgraaf/def/shapes#"
SH = "http://www.w3.org/ns/shacl#"
DEF = "https://w3id.org/kennisgraaf/def/"
SCHEMA = Namespace("https://schema.org/")
FRAPO = Namespace("http://purl.org/cerif/frapo/")
CITO = Namespace("http://purl.org/spar/cito/")
POINTS = (
    "funding",
    "links",
    "subjects",
    "publication",
    "toolkit",
    "kennisrotonde",
    "regions",
    "agenda",
    "intake",
)


def _turtle(*extra: str) -> str:
    return "\n".join(
        [(FIXTURES / name).read_text(encoding="utf-8") for name in ("prefixes.ttl", "valid.ttl")]
        + [VALID_NRO.read_text(encoding="utf-8"), *extra]
    )


def _validate(*extra: str) -> ValidationOutcome:
    return validate(Graph().parse(data=_turtle(*extra), format="turtle"))


def _keys(outcome: ValidationOutcome) -> list[Key]:
    return [
        (
            r.focus_node,
            r.path if isinstance(r.path, URIRef) else None,
            str(r.constraint_component).removeprefix(SH),
            r.severity,
            str(r.source_shape).removeprefix(KGSH),
        )
        for r in outcome.results
    ]


@pytest.fixture(scope="module")
def outcome() -> ValidationOutcome:
    return _validate(*(case.turtle for case in NRO_CASES))


def test_the_valid_records_of_every_point_give_no_result() -> None:
    result = _validate()
    assert result.conforms
    assert result.results == ()


def test_every_point_has_a_wrong_record() -> None:
    assert {case.point for case in NRO_CASES} == set(POINTS)


@pytest.mark.parametrize("case", NRO_CASES, ids=[case.name for case in NRO_CASES])
def test_wrong_record_gives_exactly_its_results(case: NroCase, outcome: ValidationOutcome) -> None:
    focus_nodes = {key[0] for key in case.expected}
    found = [key for key in _keys(outcome) if key[0] in focus_nodes]
    assert sorted(found, key=repr) == sorted(case.expected, key=repr)


def test_no_result_outside_the_cases(outcome: ValidationOutcome) -> None:
    expected = sorted((key for case in NRO_CASES for key in case.expected), key=repr)
    assert sorted(_keys(outcome), key=repr) == expected


@pytest.mark.parametrize(
    "node",
    [
        "report",  # grey literature: an organisation as author, no personal author
        "doi-only",  # a cited work known only by its DOI
        "s-meta",  # synthesises and cites; publication language pt-BR
        "grant",  # project number, lead applicant, partners, period, amount, outputs
        "strand",  # impact, cost, number of studies, evidence strength, notes
        "q-referred",  # referred to an earlier answer, with the link
        "answer-v2",  # a revision and version of an answer, dated after it
        "answer-en",  # a translation
        "item",  # an agenda item fed by a question and taken up by a programme and a grant
        "gm-arnhem",  # a municipality in its province
    ],
)
def test_valid_record_is_in_the_fixture_and_passes(node: str, outcome: ValidationOutcome) -> None:
    fixture = Graph().parse(data=_turtle(), format="turtle")
    assert next(fixture.predicate_objects(EX[node]), None) is not None
    assert [r for r in outcome.results if r.focus_node == EX[node]] == []


def test_an_unknown_theme_is_a_warning_and_the_record_loads() -> None:
    result = _validate(
        'ex:q-gedrag a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "prov:wasGeneratedBy ex:a1 ; "
        "kg:sector sector:PO ; kg:status qstatus:open ; "
        "kg:theme <https://w3id.org/kennisgraaf/def/theme/gedrag> ."
    )
    assert result.conforms
    assert _keys(result) == [
        (
            EX["q-gedrag"],
            KG.theme,
            "InConstraintComponent",
            Severity.WARNING,
            "ThemeValueShape-theme",
        )
    ]


def test_an_undated_agenda_is_a_warning_and_a_future_one_is_refused() -> None:
    # the seed's landelijke R&D-agenda is announced in 2019 but not yet drawn up: no issue date
    agenda = (
        'a kg:ResearchAgenda ; dcterms:title "Landelijke R&D-agenda"@nl ; '
        "dcterms:creator ex:council ; kg:agendaKind <https://w3id.org/kennisgraaf/def/agenda-kind/national-rd-agenda>"
    )
    result = _validate(
        f"ex:agenda-planned {agenda} .",
        f'ex:agenda-future {agenda} ; dcterms:issued "2999-01-01"^^xsd:date .',
    )
    assert not result.conforms
    assert sorted(_keys(result), key=repr) == [
        (
            EX["agenda-future"],
            URIRef("http://purl.org/dc/terms/issued"),
            "SPARQLConstraintComponent",
            Severity.VIOLATION,
            "NoFutureDateShape",
        ),
        (
            EX["agenda-planned"],
            URIRef("http://purl.org/dc/terms/issued"),
            "MinCountConstraintComponent",
            Severity.WARNING,
            "PolicyDocumentShape-issuedKnown",
        ),
    ]


def test_an_unknown_keyword_never_blocks_loading(outcome: ValidationOutcome) -> None:
    tags = [r for r in outcome.results if str(r.source_shape).startswith(KGSH + "KeywordConcept")]
    assert tags and {r.severity for r in tags} == {Severity.WARNING}


def test_a_hybrid_teacher_is_a_boundary_crosser_and_a_teacher_alone_is_not() -> None:
    query = str(ontology_graph().value(KG.BoundaryCrosser, KG.derivationQuery))
    role = Namespace(DEF + "role/")
    data = Graph()
    for person, roles in {
        "hybrid": [role["hybrid-teacher"]],
        "teacher": [role.teacher],
        "teacher-and-professional": [role.teacher, role.professional],
        "teacher-and-researcher": [role.teacher, role.researcher],
        "policy-and-teacher": [role["policy-maker"], role.teacher],
    }.items():
        for index, held in enumerate(roles):
            membership = EX[f"m-{person}-{index}"]
            data.add((membership, ORG.member, EX[person]))
            data.add((membership, ORG.role, held))
    crossers = {row[0] for row in (data + vocabularies_graph()).query(query)}  # type: ignore[index]
    assert crossers == {EX.hybrid, EX["teacher-and-professional"], EX["teacher-and-researcher"]}


def test_new_roles_lie_on_their_sides() -> None:
    vocabularies = vocabularies_graph()
    side = Namespace(DEF + "role-side/")
    role = Namespace(DEF + "role/")
    assert set(vocabularies.objects(role["hybrid-teacher"], KG.roleSide)) == {
        side.practice,
        side.industry,
    }
    for name in ("intern-begeleider", "ict-coordinator", "school-based-teacher-educator"):
        assert set(vocabularies.objects(role[name], KG.roleSide)) == {side.practice}, name


def test_education_levels_map_to_one_isced_level_and_one_sector() -> None:
    vocabularies = vocabularies_graph()
    levels = set(vocabularies.subjects(SKOS.inScheme, URIRef(DEF + "education-level")))
    assert len(levels) >= 15
    for level in levels:
        isced = list(vocabularies.objects(level, KG.isced2011Level))
        sectors = list(vocabularies.objects(level, KG.sector))
        assert len(isced) == 1 and str(isced[0]).startswith(DEF + "isced-2011/"), level
        assert len(sectors) == 1 and str(sectors[0]).startswith(DEF + "sector/"), level
    vwo = URIRef(DEF + "education-level/vwo")
    assert vocabularies.value(vwo, KG.isced2011Level) == URIRef(DEF + "isced-2011/3")


def test_regions_are_coded_country_and_provinces() -> None:
    vocabularies = vocabularies_graph()
    country = URIRef(DEF + "region/NL01")
    regions = set(vocabularies.subjects(SKOS.inScheme, URIRef(DEF + "region")))
    assert len(regions) == 13
    for region in regions:
        code = vocabularies.value(region, KG.cbsCode)
        assert (
            code
            == vocabularies.value(region, SKOS.notation)
            == Literal(str(region).rsplit("/", 1)[1])
        )
        if region != country:
            assert str(code).startswith("PV")
            assert list(vocabularies.objects(region, SKOS.broader)) == [country]
    gelderland = URIRef(DEF + "region/PV25")
    assert Literal("Gelderland", lang="nl") in set(vocabularies.objects(gelderland, SKOS.prefLabel))


def test_outside_vocabularies_are_reused() -> None:
    ontology = ontology_graph()
    assert {FRAPO.Grant, SCHEMA.MonetaryGrant} <= set(ontology.objects(KG.Grant, RDFS.subClassOf))
    assert (KG.synthesises, RDFS.subPropertyOf, CITO.cites) in ontology
    assert (KG.funder, RDFS.subPropertyOf, SCHEMA.funder) in ontology
    statuses = set(vocabularies_graph().subjects(SKOS.inScheme, URIRef(DEF + "question-status")))
    assert {
        URIRef(DEF + "question-status/" + s)
        for s in ("referred-to-earlier-answer", "referred-to-other-source", "routed-to-research")
    } <= statuses
    coar = set(
        vocabularies_graph().subjects(SKOS.inScheme, URIRef("http://purl.org/coar/access_right"))
    )
    assert URIRef("http://purl.org/coar/access_right/c_abf2") in coar
    assert (URIRef(DEF + "role/hybrid-teacher"), RDF.type, ORG.Role) in vocabularies_graph()
