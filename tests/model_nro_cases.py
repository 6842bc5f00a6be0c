"""The SHACL cases of the NRO model (funding, typed links, open subjects, publication metadata,
toolkit strands, Kennisrotonde referrals, coded regions, the agenda layer, sharing and use from
the intake): each a realistic wrong record and the exact results it must give next to the
conforming fixtures valid.ttl and valid-nro.ttl. Shared by tests/unit/test_model_nro.py (per
model point) and tests/unit/test_shapes.py (every shape exercised, no result outside the cases)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kennisgraaf.ontology.validation import Severity

VALID_NRO = Path(__file__).parent / "fixtures" / "shapes" / "valid-nro.ttl"
KG = Namespace("https://w3id.org/kennisgraaf/def#")
EX = Namespace("http://example.org/")
SCHEMA = Namespace("https://schema.org/")
CITO = Namespace("http://purl.org/spar/cito/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
V, W = Severity.VIOLATION, Severity.WARNING
PREFIXES = """
@prefix skos:      <http://www.w3.org/2004/02/skos/core#> .
@prefix schema:    <https://schema.org/> .
@prefix cito:      <http://purl.org/spar/cito/> .
@prefix bibo:      <http://purl.org/ontology/bibo/> .
@prefix asker:     <https://w3id.org/kennisgraaf/def/asker-role/> .
@prefix region:    <https://w3id.org/kennisgraaf/def/region/> .
@prefix actstatus: <https://w3id.org/kennisgraaf/def/activity-status/> .
@prefix agendakind: <https://w3id.org/kennisgraaf/def/agenda-kind/> .
@prefix sharingkind: <https://w3id.org/kennisgraaf/def/sharing-kind/> .
"""

Key = tuple[object, URIRef | None, str, Severity, str]
Focus = URIRef | Literal


@dataclass(frozen=True)
class NroCase:
    """A model point, a wrong record and the results (focus, path, component, severity, shape)."""

    point: str
    name: str
    turtle: str
    expected: tuple[Key, ...]


def _r(focus: Focus, path: URIRef | None, component: str, severity: Severity, shape: str) -> Key:
    return (focus, path, component + "ConstraintComponent", severity, shape)


def _case(point: str, name: str, turtle: str, *expected: Key) -> NroCase:
    return NroCase(point, name, PREFIXES + turtle, expected)


INITIATIVE = 'a kg:Initiative ; dcterms:title "I"@nl'
QUESTION = (
    'a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; kg:sector sector:PO ; '
    "kg:theme theme:diversity"
)
ARTICULATION = (
    "a kg:QuestionArticulation ; kg:function fn:articulation ; "
    'dcterms:date "2023-02-01"^^xsd:date ; '
    "prov:wasAssociatedWith ex:school"
)
META_STUDY = 'a kg:Publication ; dcterms:title "S"@nl ; kg:studyDesign design:survey'

NRO_CASES = [
    # 1. funding and projects
    _case(
        "funding",
        "grant-period-reversed",
        "ex:g-reversed a kg:Grant ; kg:funder ex:funder ; "
        'kg:startDate "2021-09-01"^^xsd:date ; kg:endDate "2020-08-31"^^xsd:date .',
        _r(EX["g-reversed"], KG.endDate, "SPARQL", V, "PeriodShape"),
    ),
    _case(
        "funding",
        "grant-fields",
        "ex:g-wrong a kg:Grant ; kg:leadApplicant ex:school ; "
        "kg:participatingOrganisation ex:person ; "
        "dcterms:isPartOf ex:programme ; schema:amount ex:person ; schema:fundedItem ex:person ; "
        'kg:startDate "2020"^^xsd:gYear ; kg:endDate "2021-01-01T00:00:00"^^xsd:dateTime .',
        _r(EX["g-wrong"], KG.funder, "MinCount", V, "GrantShape-funder"),
        _r(EX["g-wrong"], KG.leadApplicant, "Class", V, "GrantShape-lead"),
        _r(EX["g-wrong"], KG.participatingOrganisation, "Class", V, "GrantShape-partner"),
        _r(EX["g-wrong"], DCTERMS.isPartOf, "Class", V, "GrantShape-call"),
        _r(EX["g-wrong"], SCHEMA.amount, "Class", V, "GrantShape-amount"),
        _r(EX["g-wrong"], SCHEMA.fundedItem, "Or", V, "GrantShape-funded"),
        _r(EX["g-wrong"], KG.startDate, "Datatype", V, "GrantShape-start"),
        _r(EX["g-wrong"], KG.endDate, "Datatype", V, "GrantShape-end"),
    ),
    _case(
        "funding",
        "amount",
        'ex:amount-wrong a schema:MonetaryAmount ; schema:value "-5"^^xsd:decimal ; '
        'schema:currency "euro" .',
        _r(EX["amount-wrong"], SCHEMA.value, "MinInclusive", V, "MonetaryAmountShape-value"),
        _r(EX["amount-wrong"], SCHEMA.currency, "Pattern", V, "MonetaryAmountShape-currency"),
    ),
    _case(
        "funding",
        "programme-and-call",
        "ex:programme-untitled a kg:Programme ; kg:funder ex:person .\n"
        'ex:call-orphan a kg:Call ; dcterms:title "C" ; dcterms:issued "2019"^^xsd:gYear .',
        _r(EX["programme-untitled"], DCTERMS.title, "MinCount", V, "ProgrammeShape-title"),
        _r(EX["programme-untitled"], KG.funder, "Class", V, "ProgrammeShape-funder"),
        _r(EX["call-orphan"], DCTERMS.title, "Datatype", V, "CallShape-title"),
        _r(EX["call-orphan"], DCTERMS.isPartOf, "MinCount", V, "CallShape-programme"),
        _r(EX["call-orphan"], DCTERMS.issued, "Datatype", V, "CallShape-issued"),
    ),
    # 2. typed links between outputs
    _case(
        "links",
        "cites-later-study",
        f"ex:s-cites-later {META_STUDY} ; prov:wasGeneratedBy ex:c-cites-later ; "
        "cito:cites ex:s-meta .\n"
        "ex:c-cites-later a kg:KnowledgeCreation ; kg:function fn:creation ; "
        'dcterms:date "2020-06-01"^^xsd:date ; prov:wasAssociatedWith ex:person .',
        _r(EX["s-cites-later"], CITO.cites, "SPARQL", V, "LinkAfterLinkedShape"),
    ),
    _case(
        "links",
        "links-to-a-person",
        f"ex:s-links {META_STUDY} ; prov:wasGeneratedBy ex:c-meta ; cito:cites ex:person ; "
        "kg:synthesises ex:person ; cito:reviews ex:person ; bibo:translationOf ex:person ; "
        "dcterms:isVersionOf ex:person ; prov:wasRevisionOf ex:person .",
        *(
            _r(EX["s-links"], path, "SPARQL", V, "CitedWorkShape")
            for path in (
                CITO.cites,
                KG.synthesises,
                CITO.reviews,
                BIBO.translationOf,
                DCTERMS.isVersionOf,
                PROV.wasRevisionOf,
            )
        ),
    ),
    _case(
        "links",
        "answer-builds-on-a-study",
        'ex:answer-on-study a kg:KennisrotondeAnswer ; dcterms:title "A"@nl ; '
        "prov:wasGeneratedBy ex:o-answer ; kg:buildsOn ex:s1 .",
        _r(EX["answer-on-study"], KG.buildsOn, "Class", V, "OutputLinkShape-buildsOn"),
    ),
    # 3. open subjects and education levels
    _case(
        "subjects",
        "unknown-keyword",
        f'ex:init-keywords {INITIATIVE} ; kg:keyword ex:kw-bare , ex:kw-odd , "gedrag" .\n'
        'ex:kw-odd skos:prefLabel "x"@nl ; skos:broadMatch sector:PO ; skos:closeMatch sector:VO .',
        _r(EX["init-keywords"], KG.keyword, "NodeKind", V, "KeywordValueShape-keyword"),
        _r(EX["kw-bare"], SKOS.prefLabel, "MinCount", W, "KeywordConceptShape-label"),
        # a text keyword is refused by its subject and, having no label, reported as a tag
        _r(Literal("gedrag"), SKOS.prefLabel, "MinCount", W, "KeywordConceptShape-label"),
        _r(EX["kw-odd"], SKOS.broadMatch, "In", W, "KeywordConceptShape-broadMatch"),
        _r(EX["kw-odd"], SKOS.closeMatch, "In", W, "KeywordConceptShape-closeMatch"),
    ),
    _case(
        "subjects",
        "education-level",
        f"ex:init-level {INITIATIVE} ; kg:educationLevel sector:PO .",
        _r(EX["init-level"], KG.educationLevel, "In", V, "EducationLevelValueShape-level"),
    ),
    # 4. publication metadata
    _case(
        "publication",
        "publication-metadata",
        f"ex:s-meta-wrong {META_STUDY} ; prov:wasGeneratedBy ex:c-meta ; "
        'dcterms:language "Nederlands" ; dcterms:accessRights "open" ; '
        'dcterms:license "CC-BY" ; kg:fullText <ftp://example.org/x.pdf> ; '
        "dcterms:creator sector:PO ; dcterms:publisher ex:person .",
        _r(EX["s-meta-wrong"], DCTERMS.language, "Pattern", V, "PublicationMetadataShape-language"),
        _r(EX["s-meta-wrong"], DCTERMS.accessRights, "In", V, "PublicationMetadataShape-access"),
        _r(EX["s-meta-wrong"], DCTERMS.license, "NodeKind", V, "PublicationMetadataShape-license"),
        _r(EX["s-meta-wrong"], KG.fullText, "Pattern", V, "PublicationMetadataShape-fullText"),
        _r(EX["s-meta-wrong"], DCTERMS.creator, "Or", V, "PublicationMetadataShape-creator"),
        _r(EX["s-meta-wrong"], DCTERMS.publisher, "Class", V, "StudyShape-publisher"),
    ),
    # 5. toolkit strands
    _case(
        "toolkit",
        "toolkit-strand",
        'ex:strand-wrong a kg:ToolkitStrand ; dcterms:title "T"@nl ; '
        "prov:wasGeneratedBy ex:o-strand ; "
        'kg:costRating 7 ; kg:averageImpactMonths "30"^^xsd:decimal ; kg:numberOfStudies -1 ; '
        'kg:implementationNotes "Zonder taal" .',
        _r(EX["strand-wrong"], KG.costRating, "MaxInclusive", V, "ToolkitStrandShape-cost"),
        _r(
            EX["strand-wrong"],
            KG.averageImpactMonths,
            "MaxInclusive",
            V,
            "ToolkitStrandShape-impact",
        ),
        _r(EX["strand-wrong"], KG.numberOfStudies, "MinInclusive", V, "ToolkitStrandShape-studies"),
        _r(EX["strand-wrong"], KG.implementationNotes, "Datatype", V, "ToolkitStrandShape-notes"),
    ),
    # 6. Kennisrotonde
    _case(
        "kennisrotonde",
        "referred-without-link",
        f"ex:q-referred-nowhere {QUESTION} ; prov:wasGeneratedBy ex:a-referred-nowhere ; "
        "kg:status qstatus:referred-to-other-source .\n"
        f"ex:a-referred-nowhere {ARTICULATION} .",
        _r(EX["q-referred-nowhere"], KG.referredTo, "SPARQL", V, "ReferralLinkShape"),
    ),
    _case(
        "kennisrotonde",
        "intake-fields",
        f"ex:q-intake {QUESTION} ; prov:wasGeneratedBy ex:a-intake ; kg:status qstatus:open ; "
        'kg:questionAsAsked "zonder taal" ; kg:sharpenedQuestion "zonder taal" ; '
        'kg:referredTo "antwoord 123" .\n'
        f"ex:a-intake {ARTICULATION} ; kg:askerRole role:teacher .",
        _r(EX["q-intake"], KG.questionAsAsked, "Datatype", V, "KnowledgeQuestionShape-asked"),
        _r(EX["q-intake"], KG.sharpenedQuestion, "Datatype", V, "KnowledgeQuestionShape-sharpened"),
        _r(EX["q-intake"], KG.referredTo, "NodeKind", V, "KnowledgeQuestionShape-referredTo"),
        _r(EX["a-intake"], KG.askerRole, "In", V, "ArticulationShape-askerRole"),
    ),
    # 7. coded regions
    _case(
        "regions",
        "regions",
        f"ex:init-uncoded {INITIATIVE} ; kg:inRegion ex:place-uncoded .\n"
        'ex:place-uncoded skos:prefLabel "Scholen Carmel"@nl .\n'
        f"ex:init-twice {INITIATIVE} ; kg:inRegion ex:gm-twice .\n"
        'ex:gm-twice kg:cbsCode "GM0200" ; skos:broader region:PV25 , region:PV26 .\n'
        'ex:gm-short kg:cbsCode "GM12" .\n'
        'ex:gm-in-country kg:cbsCode "GM0344" ; skos:broader region:NL01 .',
        _r(EX["init-uncoded"], KG.inRegion, "SPARQL", V, "InRegionShape"),
        _r(EX["gm-twice"], SKOS.broader, "MaxCount", V, "CodedRegionShape-broader"),
        _r(EX["gm-short"], KG.cbsCode, "Pattern", V, "CbsCodeShape-code"),
        _r(EX["gm-in-country"], SKOS.broader, "SPARQL", V, "RegionHierarchyShape"),
    ),
    # 8. the agenda layer
    _case(
        "agenda",
        "agenda",
        'ex:agenda-kindless a kg:ResearchAgenda ; dcterms:title "A"@nl ; '
        'dcterms:issued "2019-10-01"^^xsd:date ; dcterms:creator ex:council .\n'
        # announced but not yet drawn up: no issue date, kept with a warning
        'ex:agenda-undated a kg:ResearchAgenda ; dcterms:title "Landelijke R&D-agenda"@nl ; '
        "kg:agendaKind agendakind:national-rd-agenda ; dcterms:creator ex:council .\n"
        'ex:item-orphan a kg:AgendaItem ; dcterms:title "Zonder taal" ; kg:fedBy ex:person ; '
        "kg:takenUpBy ex:person .\n"
        'ex:activity-wrong a kg:SpecificActivity ; dcterms:title "A"@nl ; kg:sector sector:PO ; '
        "kg:servesFunction fn:use ; dcterms:isPartOf ex:document ; kg:leadOrganisation ex:person ; "
        'kg:plannedStart "binnenkort" ; kg:activityStatus qstatus:open .',
        _r(EX["agenda-kindless"], KG.agendaKind, "MinCount", V, "ResearchAgendaShape-kind"),
        _r(EX["agenda-undated"], DCTERMS.issued, "MinCount", W, "PolicyDocumentShape-issuedKnown"),
        _r(EX["item-orphan"], DCTERMS.title, "Datatype", V, "AgendaItemShape-title"),
        _r(EX["item-orphan"], DCTERMS.isPartOf, "MinCount", V, "AgendaItemShape-agenda"),
        _r(EX["item-orphan"], KG.fedBy, "Class", V, "AgendaItemShape-fedBy"),
        _r(EX["item-orphan"], KG.takenUpBy, "Or", V, "AgendaItemShape-takenUpBy"),
        _r(EX["activity-wrong"], KG.leadOrganisation, "Class", V, "AgendaActivityShape-lead"),
        _r(
            EX["activity-wrong"], KG.plannedStart, "Datatype", V, "AgendaActivityShape-plannedStart"
        ),
        _r(EX["activity-wrong"], KG.activityStatus, "In", V, "AgendaActivityShape-status"),
    ),
    # 9. sharing and use from the intake: a sharing given two kinds and a sector as its level
    _case(
        "intake",
        "sharing-kind-and-level",
        "ex:sh-two-kinds kg:sharingKind sharingkind:event , sharingkind:newsletter ; "
        "kg:useLevel sector:PO .",
        _r(EX["sh-two-kinds"], KG.sharingKind, "MaxCount", V, "SharingKindValueShape-kind"),
        _r(EX["sh-two-kinds"], KG.useLevel, "In", V, "UseLevelValueShape-level"),
    ),
]
