"""Every SHACL shape: a conforming fixture and violating cases with their exact results.

All cases are validated together in one pyshacl run per language (each case adds its own focus
nodes next to the conforming fixture), and every result must belong to exactly one case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SH

from kennisgraaf.errors import OntologyError
from kennisgraaf.ontology.files import ontology_graph, shapes_graph
from kennisgraaf.ontology.validation import Severity, ValidationOutcome, validate
from tests.model_nro_cases import NRO_CASES, VALID_NRO

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"
PREFIXES = (FIXTURES / "prefixes.ttl").read_text(encoding="utf-8")
KG = Namespace("https://w3id.org/kennisgraaf/def#")
KGSH = Namespace("https://w3id.org/kennisgraaf/def/shapes#")
EX = Namespace("http://example.org/")
V, W, INFO = Severity.VIOLATION, Severity.WARNING, Severity.INFO
BLANK = "blank node"
INVERSE_GENERATED = ("^", PROV.wasGeneratedBy)

Path_ = URIRef | tuple[str, URIRef] | None
Key = tuple[object, Path_, str, Severity, str]


@dataclass(frozen=True)
class Case:
    name: str
    turtle: str
    expected: tuple[Key, ...]


def r(focus: object, path: Path_, component: str, severity: Severity, shape: str) -> Key:
    return (focus, path, component, severity, shape)


QUESTION = (
    'a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; prov:wasGeneratedBy ex:a1 ; '
    "kg:sector sector:PO ; kg:theme theme:diversity ; kg:status qstatus:open"
)
MEMBERSHIP = (
    "a org:Membership ; org:member ex:person ; org:organization ex:school ; org:role role:teacher"
)
START = ' ; kg:startDate "2020-01-01"^^xsd:date'
SHARING = (
    "a kg:KnowledgeSharing ; kg:function fn:sharing ; prov:used ex:p1 ; "
    "prov:wasAssociatedWith ex:person ; kg:throughNetwork ex:network"
)
ARTICULATION = "a kg:QuestionArticulation ; prov:wasAssociatedWith ex:person"
CREATION = "a kg:KnowledgeCreation ; prov:wasAssociatedWith ex:person"
ORGANISING = "a kg:KnowledgeOrganisation ; prov:wasAssociatedWith ex:person"
USE = "a kg:KnowledgeUse ; prov:wasAssociatedWith ex:school"
STUDY = 'a kg:ResearchProject ; dcterms:title "S"@nl ; prov:wasGeneratedBy ex:c1'
PRODUCT = "a kg:ToolkitStrand ; prov:wasGeneratedBy ex:o1"
DOCUMENT = "a kg:PolicyDocument ; dcterms:creator ex:council"
AGENDA = "a kg:StructuralExploration"
DATASET = "a dcat:Dataset"
D = '"{}"^^xsd:date'


def date(value: str) -> str:
    return D.format(value)


def question_for(articulation: str, question: str) -> str:
    return (
        f'ex:{question} a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        f"prov:wasGeneratedBy ex:{articulation} ; kg:sector sector:PO ; "
        "kg:theme theme:diversity ; kg:status qstatus:open ."
    )


def study_for(creation: str, study: str) -> str:
    return (
        f'ex:{study} a kg:ResearchProject ; dcterms:title "S"@nl ; '
        f"prov:wasGeneratedBy ex:{creation} ; kg:studyDesign design:survey ."
    )


def product_for(organising: str, product: str) -> str:
    return (
        f'ex:{product} a kg:PracticeGuide ; dcterms:title "G"@nl ; '
        f"prov:wasGeneratedBy ex:{organising} ."
    )


SCHEMA = Namespace("https://schema.org/")

CASES = [
    # records across classes
    Case(
        "record-iri",
        '[] a kg:Initiative ; dcterms:title "Leeg"@nl .',
        (r(BLANK, None, "NodeKindConstraintComponent", V, "RecordIriShape"),),
    ),
    Case(
        "type-literal",
        'ex:typed-by-literal a "Person" ; foaf:name "T" .',
        (r(EX["typed-by-literal"], RDF.type, "SPARQLConstraintComponent", V, "TypeIsClassShape"),),
    ),
    Case(
        "ill-typed-literals",
        'ex:ill-typed ex:when "2024-13-40"^^xsd:date ; kg:sampleSize "x"^^xsd:integer ; '
        'ex:share "1,5"^^xsd:decimal ; ex:year "24"^^xsd:gYear ; '
        'ex:at "2024-01-01T25:00:00"^^xsd:dateTime ; ex:link "http://x y"^^xsd:anyURI ; '
        'ex:fine "2024-02-29"^^xsd:date .',
        tuple(
            r(EX["ill-typed"], path, "SPARQLConstraintComponent", V, "WellFormedLiteralShape")
            for path in (EX.when, KG.sampleSize, EX.share, EX.year, EX.at, EX.link)
        ),
    ),
    Case(
        "identifier-line-break",
        'ex:orcid-newline kg:orcid "0000-0002-1825-0097\\n" .',
        (
            r(
                EX["orcid-newline"],
                KG.orcid,
                "SPARQLConstraintComponent",
                V,
                "OneLineIdentifierShape",
            ),
        ),
    ),
    Case(
        "boundary-crosser",
        'ex:bc a kg:Person , kg:BoundaryCrosser ; foaf:name "B" .',
        (r(EX.bc, None, "NotConstraintComponent", V, "DerivedBoundaryCrosserShape"),),
    ),
    Case(
        "future-date",
        f'ex:doc-future {DOCUMENT} ; dcterms:title "D"@nl ; dcterms:issued {date("2999-01-01")} .',
        (r(EX["doc-future"], DCTERMS.issued, "SPARQLConstraintComponent", V, "NoFutureDateShape"),),
    ),
    Case(
        "sector-value",
        'ex:init-sector a kg:Initiative ; dcterms:title "I"@nl ; kg:sector sector:XX .',
        (r(EX["init-sector"], KG.sector, "InConstraintComponent", V, "SectorValueShape-sector"),),
    ),
    Case(
        # an unknown theme is kept and reported, never refused (issue 12: open subjects)
        "theme-value",
        'ex:init-theme a kg:Initiative ; dcterms:title "I"@nl ; kg:theme theme:astrology .',
        (r(EX["init-theme"], KG.theme, "InConstraintComponent", W, "ThemeValueShape-theme"),),
    ),
    Case(
        "served-function",
        'ex:init-fn a kg:Initiative ; dcterms:title "I"@nl ; kg:servesFunction sector:PO .',
        (
            r(
                EX["init-fn"],
                KG.servesFunction,
                "InConstraintComponent",
                V,
                "ServedFunctionValueShape-function",
            ),
        ),
    ),
    Case(
        "evidence-value",
        'ex:init-ev a kg:Initiative ; dcterms:title "I"@nl ; kg:evidenceStrength evidence:9 .',
        (
            r(
                EX["init-ev"],
                KG.evidenceStrength,
                "InConstraintComponent",
                V,
                "EvidenceStrengthValueShape-strength",
            ),
        ),
    ),
    Case(
        "register-status",
        'ex:org-status a kg:Organisation ; foaf:name "S" ; '
        "kg:registerStatus regstatus:active , qstatus:open .",
        (
            r(
                EX["org-status"],
                KG.registerStatus,
                "MaxCountConstraintComponent",
                V,
                "RegisterStatusValueShape-status",
            ),
            r(
                EX["org-status"],
                KG.registerStatus,
                "InConstraintComponent",
                V,
                "RegisterStatusValueShape-status",
            ),
        ),
    ),
    Case(
        "denomination",
        'ex:school-denomination a kg:School ; foaf:name "D" ; kg:sector sector:VO ; '
        "kg:denomination sector:PO .",
        (
            r(
                EX["school-denomination"],
                KG.denomination,
                "InConstraintComponent",
                V,
                "DenominationValueShape-denomination",
            ),
        ),
    ),
    Case(
        "board-number",
        'ex:board-zero a kg:SchoolBoard ; foaf:name "B" ; kg:boardNumber "010053" .',
        (
            r(
                EX["board-zero"],
                KG.boardNumber,
                "PatternConstraintComponent",
                V,
                "BoardNumberShape-number",
            ),
        ),
    ),
    Case(
        "postal-address",
        'ex:school-address-bad a kg:School ; foaf:name "A" ; kg:sector sector:VO ; '
        "schema:address ex:bad-address . "
        'ex:bad-address schema:postalCode "ASSEN" ; '
        'schema:streetAddress "Bosrand 2" , "Bosrand 3" .',
        (
            r(
                EX["bad-address"],
                SCHEMA.addressLocality,
                "MinCountConstraintComponent",
                V,
                "PostalAddressShape-locality",
            ),
            r(
                EX["bad-address"],
                SCHEMA.postalCode,
                "PatternConstraintComponent",
                V,
                "PostalAddressShape-postcode",
            ),
            r(
                EX["bad-address"],
                SCHEMA.streetAddress,
                "MaxCountConstraintComponent",
                V,
                "PostalAddressShape-street",
            ),
        ),
    ),
    Case(
        "corop",
        "ex:municipality-corop kg:corop <https://w3id.org/kennisgraaf/id/region/CR41> .",
        (
            r(
                EX["municipality-corop"],
                KG.corop,
                "PatternConstraintComponent",
                V,
                "CoropValueShape-corop",
            ),
        ),
    ),
    Case(
        "doi",
        'ex:init-doi a kg:Initiative ; dcterms:title "I"@nl ; kg:doi "10.5555/ABC" .',
        (r(EX["init-doi"], KG.doi, "PatternConstraintComponent", V, "DoiShape-doi"),),
    ),
    Case(
        "orcid",
        'ex:person-orcid a kg:Person ; foaf:name "O" ; '
        'kg:orcid "https://orcid.org/0000-0002-1825-0097" .',
        (r(EX["person-orcid"], KG.orcid, "PatternConstraintComponent", V, "OrcidShape-orcid"),),
    ),
    Case(
        "ror",
        'ex:org-ror a kg:ExpertiseOrganisation ; foaf:name "R" ; '
        'kg:ror "https://ror.org/04pp8hn57" .',
        (r(EX["org-ror"], KG.ror, "PatternConstraintComponent", V, "RorShape-ror"),),
    ),
    Case(
        "brin",
        'ex:school-brin a kg:School ; foaf:name "S" ; kg:sector sector:PO ; kg:brin "99zz" .',
        (r(EX["school-brin"], KG.brin, "PatternConstraintComponent", V, "BrinShape-brin"),),
    ),
    Case(
        "nro",
        'ex:init-nro a kg:Initiative ; dcterms:title "I"@nl ; kg:nroProjectNumber "NRO-2020-1" .',
        (
            r(
                EX["init-nro"],
                KG.nroProjectNumber,
                "PatternConstraintComponent",
                V,
                "NroProjectNumberShape-number",
            ),
        ),
    ),
    Case(
        "region",
        'ex:init-region a kg:Initiative ; dcterms:title "I"@nl ; '
        'kg:region "Utrecht" , "Amsterdam" .',
        (r(EX["init-region"], KG.region, "MaxCountConstraintComponent", V, "RegionShape-region"),),
    ),
    # actors
    Case(
        "person-name",
        "ex:person-noname a kg:Person .",
        (r(EX["person-noname"], FOAF.name, "MinCountConstraintComponent", V, "PersonShape-name"),),
    ),
    Case(
        "organisation-name",
        "ex:org-noname a kg:ExpertiseOrganisation .",
        (
            r(
                EX["org-noname"],
                FOAF.name,
                "MinCountConstraintComponent",
                V,
                "OrganisationShape-name",
            ),
        ),
    ),
    Case(
        "organisation-parent",
        'ex:org-parent a kg:ExpertiseOrganisation ; foaf:name "P" ; '
        "org:subOrganizationOf ex:person .",
        (
            r(
                EX["org-parent"],
                ORG.subOrganizationOf,
                "ClassConstraintComponent",
                V,
                "OrganisationShape-parent",
            ),
        ),
    ),
    Case(
        "school-sector",
        'ex:school-nosector a kg:School ; foaf:name "S" .',
        (
            r(
                EX["school-nosector"],
                KG.sector,
                "MinCountConstraintComponent",
                V,
                "SchoolShape-sector",
            ),
        ),
    ),
    Case(
        "research-group-parent",
        'ex:lectorate-orphan a kg:Lectorate ; foaf:name "L" .',
        (
            r(
                EX["lectorate-orphan"],
                ORG.subOrganizationOf,
                "MinCountConstraintComponent",
                W,
                "ResearchGroupShape-parent",
            ),
        ),
    ),
    Case(
        "network-kind",
        'ex:net-nokind a kg:Network ; foaf:name "N" ; kg:sector sector:PO .',
        (
            r(
                EX["net-nokind"],
                KG.networkKind,
                "MinCountConstraintComponent",
                V,
                "NetworkShape-kind",
            ),
        ),
    ),
    Case(
        "network-member",
        'ex:net-member a kg:Network ; foaf:name "N" ; kg:networkKind netkind:platform ; '
        "kg:sector sector:PO ; org:hasMember ex:q1 .",
        (r(EX["net-member"], ORG.hasMember, "OrConstraintComponent", V, "NetworkShape-member"),),
    ),
    Case(
        "network-sector",
        'ex:net-nosector a kg:Network ; foaf:name "N" ; kg:networkKind netkind:platform .',
        (
            r(
                EX["net-nosector"],
                KG.sector,
                "MinCountConstraintComponent",
                W,
                "NetworkShape-sector",
            ),
        ),
    ),
    Case(
        "membership-member",
        "ex:m-member a org:Membership ; org:organization ex:school ; "
        f"org:role role:teacher{START} .",
        (
            r(
                EX["m-member"],
                ORG.member,
                "MinCountConstraintComponent",
                V,
                "MembershipShape-member",
            ),
        ),
    ),
    Case(
        "membership-organisation",
        f"ex:m-org a org:Membership ; org:member ex:person ; org:organization ex:person ; "
        f"org:role role:teacher{START} .",
        (
            r(
                EX["m-org"],
                ORG.organization,
                "ClassConstraintComponent",
                V,
                "MembershipShape-organisation",
            ),
        ),
    ),
    Case(
        "membership-role",
        f"ex:m-role a org:Membership ; org:member ex:person ; org:organization ex:school ; "
        f"org:role role:astronaut{START} .",
        (r(EX["m-role"], ORG.role, "InConstraintComponent", V, "MembershipShape-role"),),
    ),
    Case(
        "membership-start",
        f'ex:m-start {MEMBERSHIP} ; kg:startDate "2020-01-01" .',
        (
            r(
                EX["m-start"],
                KG.startDate,
                "DatatypeConstraintComponent",
                V,
                "MembershipShape-start",
            ),
        ),
    ),
    Case(
        "membership-start-missing",
        f"ex:m-nostart {MEMBERSHIP} .",
        (
            r(
                EX["m-nostart"],
                KG.startDate,
                "MinCountConstraintComponent",
                W,
                "MembershipShape-startMissing",
            ),
        ),
    ),
    Case(
        "membership-end",
        f'ex:m-end {MEMBERSHIP}{START} ; kg:endDate "2021-13-45" .',
        (r(EX["m-end"], KG.endDate, "DatatypeConstraintComponent", V, "MembershipShape-end"),),
    ),
    Case(
        "period",
        f"ex:m-period {MEMBERSHIP} ; kg:startDate {date('2021-01-01')} ; "
        f"kg:endDate {date('2020-01-01')} .",
        (r(EX["m-period"], KG.endDate, "SPARQLConstraintComponent", V, "PeriodShape"),),
    ),
    # knowledge questions
    Case(
        "question-text",
        'ex:q-text a kg:KnowledgeQuestion ; kg:questionText "no tag" ; prov:wasGeneratedBy ex:a1 ; '
        "kg:sector sector:PO ; kg:theme theme:diversity ; kg:status qstatus:open .",
        (
            r(
                EX["q-text"],
                KG.questionText,
                "DatatypeConstraintComponent",
                V,
                "KnowledgeQuestionShape-text",
            ),
            r(
                EX["q-text"],
                KG.questionText,
                "LanguageInConstraintComponent",
                V,
                "KnowledgeQuestionShape-text",
            ),
        ),
    ),
    Case(
        "question-articulation",
        'ex:q-noart a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "kg:sector sector:PO ; kg:theme theme:diversity ; kg:status qstatus:open .",
        (
            r(
                EX["q-noart"],
                PROV.wasGeneratedBy,
                "MinCountConstraintComponent",
                V,
                "KnowledgeQuestionShape-articulation",
            ),
        ),
    ),
    Case(
        "question-sector",
        'ex:q-nosector a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "prov:wasGeneratedBy ex:a1 ; "
        "kg:theme theme:diversity ; kg:status qstatus:open .",
        (
            r(
                EX["q-nosector"],
                KG.sector,
                "MinCountConstraintComponent",
                V,
                "KnowledgeQuestionShape-sector",
            ),
        ),
    ),
    Case(
        "question-status",
        'ex:q-status a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "prov:wasGeneratedBy ex:a1 ; "
        "kg:sector sector:PO ; kg:theme theme:diversity ; kg:status qstatus:maybe .",
        (
            r(
                EX["q-status"],
                KG.status,
                "InConstraintComponent",
                V,
                "KnowledgeQuestionShape-status",
            ),
        ),
    ),
    Case(
        "question-theme",
        'ex:q-notheme a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "prov:wasGeneratedBy ex:a1 ; "
        "kg:sector sector:PO ; kg:status qstatus:open .",
        (
            r(
                EX["q-notheme"],
                KG.theme,
                "MinCountConstraintComponent",
                W,
                "KnowledgeQuestionShape-theme",
            ),
        ),
    ),
    Case(
        "question-refines",
        f"ex:q-refines {QUESTION} ; kg:refines ex:s1 .",
        (
            r(
                EX["q-refines"],
                KG.refines,
                "ClassConstraintComponent",
                V,
                "KnowledgeQuestionShape-refines",
            ),
        ),
    ),
    Case(
        "refinement-cycle",
        f"ex:q-cycle-a {QUESTION} ; kg:refines ex:q-cycle-b . ex:q-cycle-b {QUESTION} ; "
        "kg:refines ex:q-cycle-a .",
        (
            r(EX["q-cycle-a"], KG.refines, "SPARQLConstraintComponent", V, "RefinementCycleShape"),
            r(EX["q-cycle-b"], KG.refines, "SPARQLConstraintComponent", V, "RefinementCycleShape"),
        ),
    ),
    Case(
        "answered-status",
        'ex:q-answered a kg:KnowledgeQuestion ; kg:questionText "V?"@nl ; '
        "prov:wasGeneratedBy ex:a1 ; "
        "kg:sector sector:PO ; kg:theme theme:diversity ; kg:status qstatus:answered .",
        (r(EX["q-answered"], KG.status, "SPARQLConstraintComponent", W, "AnsweredStatusShape"),),
    ),
    # every cycle activity
    Case(
        "activity-date",
        f"ex:sh-nodate {SHARING} .",
        (
            r(
                EX["sh-nodate"],
                DCTERMS.date,
                "MinCountConstraintComponent",
                V,
                "CycleActivityShape-date",
            ),
        ),
    ),
    Case(
        "activity-function",
        f"ex:sh-fn {SHARING} ; kg:function fn:nonsense ; dcterms:date {date('2021-10-01')} .",
        (
            r(EX["sh-fn"], KG.function, "InConstraintComponent", V, "CycleActivityShape-function"),
            r(
                EX["sh-fn"],
                KG.function,
                "MaxCountConstraintComponent",
                V,
                "CycleActivityShape-function",
            ),
        ),
    ),
    Case(
        "activity-agent",
        "ex:sh-agent a kg:KnowledgeSharing ; kg:function fn:sharing ; "
        f"dcterms:date {date('2021-10-01')} ; "
        "prov:used ex:p1 ; prov:wasAssociatedWith ex:p1 ; kg:throughNetwork ex:network .",
        (
            r(
                EX["sh-agent"],
                PROV.wasAssociatedWith,
                "OrConstraintComponent",
                V,
                "CycleActivityShape-agent",
            ),
        ),
    ),
    # articulation
    Case(
        "articulation-function",
        f"ex:a-fn {ARTICULATION} ; kg:function fn:creation ; dcterms:date {date('2023-02-01')} . "
        + question_for("a-fn", "q-a-fn"),
        (
            r(
                EX["a-fn"],
                KG.function,
                "HasValueConstraintComponent",
                V,
                "ArticulationShape-function",
            ),
        ),
    ),
    Case(
        "articulation-place",
        f"ex:a-place {ARTICULATION} ; kg:function fn:articulation ; "
        f"dcterms:date {date('2023-02-01')} ; "
        "kg:articulatedIn ex:q1 . " + question_for("a-place", "q-a-place"),
        (
            r(
                EX["a-place"],
                KG.articulatedIn,
                "ClassConstraintComponent",
                V,
                "ArticulationShape-place",
            ),
        ),
    ),
    Case(
        "articulation-raised-by",
        f"ex:a-raised {ARTICULATION} ; kg:function fn:articulation ; "
        f"dcterms:date {date('2023-02-01')} ; "
        "prov:wasInformedBy ex:sh1 . " + question_for("a-raised", "q-a-raised"),
        (
            r(
                EX["a-raised"],
                PROV.wasInformedBy,
                "ClassConstraintComponent",
                V,
                "ArticulationShape-raisedBy",
            ),
        ),
    ),
    Case(
        "articulation-generates",
        f"ex:a-alone {ARTICULATION} ; kg:function fn:articulation ; "
        f"dcterms:date {date('2023-02-01')} .",
        (
            r(
                EX["a-alone"],
                INVERSE_GENERATED,
                "MinCountConstraintComponent",
                W,
                "ArticulationShape-generates",
            ),
        ),
    ),
    Case(
        "articulation-after-use",
        f"ex:a-early {ARTICULATION} ; kg:function fn:articulation ; "
        f"dcterms:date {date('2022-01-01')} ; "
        "prov:wasInformedBy ex:use1 . " + question_for("a-early", "q-a-early"),
        (
            r(
                EX["a-early"],
                PROV.wasInformedBy,
                "SPARQLConstraintComponent",
                V,
                "ArticulationAfterUseShape",
            ),
        ),
    ),
    # creation
    Case(
        "creation-function",
        f"ex:c-fn {CREATION} ; kg:function fn:use ; dcterms:date {date('2021-03-01')} ; "
        "prov:used ex:q1 . " + study_for("c-fn", "s-c-fn"),
        (r(EX["c-fn"], KG.function, "HasValueConstraintComponent", V, "CreationShape-function"),),
    ),
    Case(
        "creation-used",
        f"ex:c-used {CREATION} ; kg:function fn:creation ; dcterms:date {date('2021-03-01')} ; "
        "prov:used ex:p1 . " + study_for("c-used", "s-c-used"),
        (r(EX["c-used"], PROV.used, "ClassConstraintComponent", V, "CreationShape-used"),),
    ),
    Case(
        "creation-start",
        f"ex:c-start {CREATION} ; kg:function fn:creation ; dcterms:date {date('2021-03-01')} ; "
        'kg:startDate "2020-01-01" . ' + study_for("c-start", "s-c-start"),
        (r(EX["c-start"], KG.startDate, "DatatypeConstraintComponent", V, "CreationShape-start"),),
    ),
    Case(
        "creation-generates",
        f"ex:c-alone {CREATION} ; kg:function fn:creation ; dcterms:date {date('2021-03-01')} .",
        (
            r(
                EX["c-alone"],
                INVERSE_GENERATED,
                "MinCountConstraintComponent",
                W,
                "CreationShape-generates",
            ),
        ),
    ),
    Case(
        "creation-period",
        f"ex:c-period {CREATION} ; kg:function fn:creation ; dcterms:date {date('2021-03-01')} ; "
        f"kg:startDate {date('2021-06-01')} . " + study_for("c-period", "s-c-period"),
        (r(EX["c-period"], KG.startDate, "SPARQLConstraintComponent", V, "CreationPeriodShape"),),
    ),
    Case(
        "creation-after-question",
        f"ex:c-early {CREATION} ; kg:function fn:creation ; dcterms:date {date('2019-12-31')} ; "
        "prov:used ex:q1 . " + study_for("c-early", "s-c-early"),
        (
            r(
                EX["c-early"],
                PROV.used,
                "SPARQLConstraintComponent",
                V,
                "CreationAfterQuestionShape",
            ),
        ),
    ),
    # organisation
    Case(
        "organising-function",
        f"ex:o-fn {ORGANISING} ; kg:function fn:sharing ; dcterms:date {date('2021-07-01')} ; "
        "prov:used ex:s1 . " + product_for("o-fn", "p-o-fn"),
        (r(EX["o-fn"], KG.function, "HasValueConstraintComponent", V, "OrganisingShape-function"),),
    ),
    Case(
        "organising-used",
        f"ex:o-used {ORGANISING} ; kg:function fn:organisation ; "
        f"dcterms:date {date('2021-07-01')} ; "
        "prov:used ex:person . " + product_for("o-used", "p-o-used"),
        (r(EX["o-used"], PROV.used, "OrConstraintComponent", V, "OrganisingShape-used"),),
    ),
    Case(
        "organising-generates",
        f"ex:o-alone {ORGANISING} ; kg:function fn:organisation ; "
        f"dcterms:date {date('2021-07-01')} ; "
        "prov:used ex:s1 .",
        (
            r(
                EX["o-alone"],
                INVERSE_GENERATED,
                "MinCountConstraintComponent",
                W,
                "OrganisingShape-generates",
            ),
        ),
    ),
    Case(
        "product-after-studies",
        f"ex:o-early {ORGANISING} ; kg:function fn:organisation ; "
        f"dcterms:date {date('2020-12-01')} ; "
        "prov:used ex:s1 . " + product_for("o-early", "p-o-early"),
        (r(EX["o-early"], PROV.used, "SPARQLConstraintComponent", V, "ProductAfterStudiesShape"),),
    ),
    Case(
        "product-after-questions",
        f"ex:o-before {ORGANISING} ; kg:function fn:organisation ; "
        f"dcterms:date {date('2021-07-01')} ; "
        "prov:used ex:q2 . " + product_for("o-before", "p-o-before"),
        (
            r(
                EX["o-before"],
                PROV.used,
                "SPARQLConstraintComponent",
                V,
                "ProductAfterQuestionsShape",
            ),
        ),
    ),
    # sharing
    Case(
        "sharing-function",
        "ex:sh-wrongfn a kg:KnowledgeSharing ; kg:function fn:use ; "
        f"dcterms:date {date('2021-10-01')} ; "
        "prov:used ex:p1 ; prov:wasAssociatedWith ex:person ; kg:throughNetwork ex:network .",
        (
            r(
                EX["sh-wrongfn"],
                KG.function,
                "HasValueConstraintComponent",
                V,
                "SharingShape-function",
            ),
        ),
    ),
    Case(
        "sharing-used",
        "ex:sh-used a kg:KnowledgeSharing ; kg:function fn:sharing ; "
        f"dcterms:date {date('2021-10-01')} ; "
        "prov:used ex:q1 ; prov:wasAssociatedWith ex:person ; kg:throughNetwork ex:network .",
        (r(EX["sh-used"], PROV.used, "OrConstraintComponent", V, "SharingShape-used"),),
    ),
    Case(
        "sharing-network",
        "ex:sh-net a kg:KnowledgeSharing ; kg:function fn:sharing ; "
        f"dcterms:date {date('2021-10-01')} ; "
        "prov:used ex:p1 ; prov:wasAssociatedWith ex:person ; kg:throughNetwork ex:school .",
        (
            r(
                EX["sh-net"],
                KG.throughNetwork,
                "ClassConstraintComponent",
                V,
                "SharingShape-network",
            ),
        ),
    ),
    Case(
        "sharing-network-missing",
        "ex:sh-nonet a kg:KnowledgeSharing ; kg:function fn:sharing ; "
        f"dcterms:date {date('2021-10-01')} ; "
        "prov:used ex:p1 ; prov:wasAssociatedWith ex:person .",
        (
            r(
                EX["sh-nonet"],
                KG.throughNetwork,
                "MinCountConstraintComponent",
                W,
                "SharingShape-networkMissing",
            ),
        ),
    ),
    Case(
        "sharing-after-shared",
        f"ex:sh-early {SHARING} ; dcterms:date {date('2021-05-01')} .",
        (r(EX["sh-early"], PROV.used, "SPARQLConstraintComponent", V, "SharingAfterSharedShape"),),
    ),
    # use
    Case(
        "use-function",
        f"ex:u-fn {USE} ; kg:function fn:sharing ; dcterms:date {date('2022-01-01')} ; "
        "prov:used ex:p1 ; "
        'kg:outcome "Goed"@nl .',
        (r(EX["u-fn"], KG.function, "HasValueConstraintComponent", V, "UseShape-function"),),
    ),
    Case(
        "use-used",
        f"ex:u-used {USE} ; kg:function fn:use ; dcterms:date {date('2022-01-01')} ; "
        "prov:used ex:person ; "
        'kg:outcome "Goed"@nl .',
        (r(EX["u-used"], PROV.used, "OrConstraintComponent", V, "UseShape-used"),),
    ),
    Case(
        "use-sharing",
        f"ex:u-sharing {USE} ; kg:function fn:use ; dcterms:date {date('2022-01-01')} ; "
        "prov:used ex:p1 ; "
        'prov:wasInformedBy ex:o1 ; kg:outcome "Goed"@nl .',
        (
            r(
                EX["u-sharing"],
                PROV.wasInformedBy,
                "ClassConstraintComponent",
                V,
                "UseShape-sharing",
            ),
        ),
    ),
    Case(
        "use-outcome",
        f"ex:u-outcome {USE} ; kg:function fn:use ; dcterms:date {date('2022-01-01')} ; "
        "prov:used ex:p1 ; "
        'kg:outcome "Gut"@de .',
        (r(EX["u-outcome"], KG.outcome, "LanguageInConstraintComponent", V, "UseShape-outcome"),),
    ),
    Case(
        "use-outcome-missing",
        f"ex:u-nooutcome {USE} ; kg:function fn:use ; dcterms:date {date('2022-01-01')} ; "
        "prov:used ex:p1 .",
        (
            r(
                EX["u-nooutcome"],
                KG.outcome,
                "MinCountConstraintComponent",
                INFO,
                "UseShape-outcomeMissing",
            ),
        ),
    ),
    Case(
        "use-after-used",
        f"ex:u-early {USE} ; kg:function fn:use ; dcterms:date {date('2021-05-01')} ; "
        "prov:used ex:p1 ; "
        'kg:outcome "Goed"@nl .',
        (r(EX["u-early"], PROV.used, "SPARQLConstraintComponent", V, "UseAfterUsedShape"),),
    ),
    Case(
        "use-after-sharing",
        f"ex:u-before {USE} ; kg:function fn:use ; dcterms:date {date('2021-08-01')} ; "
        "prov:used ex:p1 ; "
        'prov:wasInformedBy ex:sh1 ; kg:outcome "Goed"@nl .',
        (
            r(
                EX["u-before"],
                PROV.wasInformedBy,
                "SPARQLConstraintComponent",
                V,
                "UseAfterSharingShape",
            ),
        ),
    ),
    # studies
    Case(
        "study-title",
        "ex:s-notitle a kg:ResearchProject ; prov:wasGeneratedBy ex:c1 ; "
        "kg:studyDesign design:survey .",
        (r(EX["s-notitle"], DCTERMS.title, "MinCountConstraintComponent", V, "StudyShape-title"),),
    ),
    Case(
        "study-creation",
        'ex:s-gen a kg:ResearchProject ; dcterms:title "S"@nl ; prov:wasGeneratedBy ex:o1 ; '
        "kg:studyDesign design:survey .",
        (
            r(
                EX["s-gen"],
                PROV.wasGeneratedBy,
                "ClassConstraintComponent",
                V,
                "StudyShape-creation",
            ),
        ),
    ),
    Case(
        "study-design",
        f"ex:s-design {STUDY} ; kg:studyDesign design:astrology .",
        (r(EX["s-design"], KG.studyDesign, "InConstraintComponent", V, "StudyShape-design"),),
    ),
    Case(
        "study-design-missing",
        f"ex:s-nodesign {STUDY} .",
        (
            r(
                EX["s-nodesign"],
                KG.studyDesign,
                "MinCountConstraintComponent",
                W,
                "StudyShape-designMissing",
            ),
        ),
    ),
    Case(
        "study-wwc",
        f"ex:s-wwc {STUDY} ; kg:studyDesign design:rct ; kg:wwcRating wwc:great .",
        (r(EX["s-wwc"], KG.wwcRating, "InConstraintComponent", V, "StudyShape-wwc"),),
    ),
    Case(
        "study-effect-size",
        f'ex:s-effect {STUDY} ; kg:studyDesign design:rct ; kg:effectSize "large" .',
        (
            r(
                EX["s-effect"],
                KG.effectSize,
                "DatatypeConstraintComponent",
                V,
                "StudyShape-effectSize",
            ),
        ),
    ),
    Case(
        "study-sample-size",
        f"ex:s-sample {STUDY} ; kg:studyDesign design:rct ; kg:sampleSize 0 .",
        (
            r(
                EX["s-sample"],
                KG.sampleSize,
                "MinInclusiveConstraintComponent",
                V,
                "StudyShape-sampleSize",
            ),
        ),
    ),
    Case(
        "study-funder",
        f"ex:s-funder {STUDY} ; kg:studyDesign design:rct ; kg:funder ex:q1 .",
        (r(EX["s-funder"], KG.funder, "ClassConstraintComponent", V, "StudyShape-funder"),),
    ),
    # products
    Case(
        "product-title",
        f'ex:p-title {PRODUCT} ; dcterms:title "T" .',
        (
            r(
                EX["p-title"],
                DCTERMS.title,
                "DatatypeConstraintComponent",
                V,
                "KnowledgeProductShape-title",
            ),
            r(
                EX["p-title"],
                DCTERMS.title,
                "LanguageInConstraintComponent",
                V,
                "KnowledgeProductShape-title",
            ),
        ),
    ),
    Case(
        "product-organising",
        'ex:p-nogen a kg:ToolkitStrand ; dcterms:title "T"@nl .',
        (
            r(
                EX["p-nogen"],
                PROV.wasGeneratedBy,
                "MinCountConstraintComponent",
                V,
                "KnowledgeProductShape-organising",
            ),
        ),
    ),
    Case(
        "product-publisher",
        f'ex:p-publisher {PRODUCT} ; dcterms:title "T"@nl ; dcterms:publisher ex:q1 .',
        (
            r(
                EX["p-publisher"],
                DCTERMS.publisher,
                "ClassConstraintComponent",
                V,
                "KnowledgeProductShape-publisher",
            ),
        ),
    ),
    # the development agenda
    Case(
        "document-title",
        f'ex:doc-title {DOCUMENT} ; dcterms:title "D"@nl , "E"@nl ; '
        f"dcterms:issued {date('2019-01-01')} .",
        (
            r(
                EX["doc-title"],
                DCTERMS.title,
                "UniqueLangConstraintComponent",
                V,
                "PolicyDocumentShape-title",
            ),
        ),
    ),
    # an undated document is kept with a warning (real sources often give no date); a date that
    # is no exact date is refused
    Case(
        "document-issued",
        f'ex:doc-issued {DOCUMENT} ; dcterms:title "D"@nl .\n'
        f'ex:doc-year {DOCUMENT} ; dcterms:title "D"@nl ; dcterms:issued "2019"^^xsd:gYear .',
        (
            r(
                EX["doc-issued"],
                DCTERMS.issued,
                "MinCountConstraintComponent",
                W,
                "PolicyDocumentShape-issuedKnown",
            ),
            r(
                EX["doc-year"],
                DCTERMS.issued,
                "DatatypeConstraintComponent",
                V,
                "PolicyDocumentShape-issued",
            ),
        ),
    ),
    Case(
        "document-creator",
        'ex:doc-creator a kg:PolicyDocument ; dcterms:title "D"@nl ; '
        f"dcterms:issued {date('2019-01-01')} ; "
        "dcterms:creator ex:person .",
        (
            r(
                EX["doc-creator"],
                DCTERMS.creator,
                "ClassConstraintComponent",
                V,
                "PolicyDocumentShape-creator",
            ),
        ),
    ),
    Case(
        "agenda-title",
        f"ex:ag-title {AGENDA} ; kg:sector sector:PO ; kg:servesFunction fn:use ; "
        "dcterms:isPartOf ex:document .",
        (
            r(
                EX["ag-title"],
                DCTERMS.title,
                "MinCountConstraintComponent",
                V,
                "AgendaActivityShape-title",
            ),
        ),
    ),
    Case(
        "agenda-sector",
        f'ex:ag-sector {AGENDA} ; dcterms:title "A"@nl ; kg:servesFunction fn:use ; '
        "dcterms:isPartOf ex:document .",
        (
            r(
                EX["ag-sector"],
                KG.sector,
                "MinCountConstraintComponent",
                V,
                "AgendaActivityShape-sector",
            ),
        ),
    ),
    Case(
        "agenda-function",
        f'ex:ag-fn {AGENDA} ; dcterms:title "A"@nl ; kg:sector sector:PO ; '
        "dcterms:isPartOf ex:document .",
        (
            r(
                EX["ag-fn"],
                KG.servesFunction,
                "MinCountConstraintComponent",
                V,
                "AgendaActivityShape-function",
            ),
        ),
    ),
    Case(
        "agenda-document",
        f'ex:ag-doc {AGENDA} ; dcterms:title "A"@nl ; kg:sector sector:PO ; '
        "kg:servesFunction fn:use ; "
        "dcterms:isPartOf ex:initiative .",
        (
            r(
                EX["ag-doc"],
                DCTERMS.isPartOf,
                "ClassConstraintComponent",
                V,
                "AgendaActivityShape-document",
            ),
        ),
    ),
    Case(
        "initiative-title",
        "ex:init-notitle a kg:Initiative .",
        (
            r(
                EX["init-notitle"],
                DCTERMS.title,
                "MinCountConstraintComponent",
                V,
                "InitiativeShape-title",
            ),
        ),
    ),
    # dataset descriptions
    Case(
        "dataset-title",
        f'ex:ds-title {DATASET} ; dcterms:title "D" ; '
        "dcterms:license <https://spdx.org/licenses/EUPL-1.2> ; "
        f"dcterms:issued {date('2024-01-01')} .",
        (
            r(
                EX["ds-title"],
                DCTERMS.title,
                "DatatypeConstraintComponent",
                V,
                "DatasetShape-title",
            ),
            r(
                EX["ds-title"],
                DCTERMS.title,
                "LanguageInConstraintComponent",
                V,
                "DatasetShape-title",
            ),
        ),
    ),
    Case(
        "dataset-license",
        f'ex:ds-license {DATASET} ; dcterms:title "D"@en ; dcterms:license "EUPL" ; '
        f"dcterms:issued {date('2024-01-01')} .",
        (
            r(
                EX["ds-license"],
                DCTERMS.license,
                "NodeKindConstraintComponent",
                V,
                "DatasetShape-license",
            ),
        ),
    ),
    Case(
        "dataset-issued",
        f'ex:ds-issued {DATASET} ; dcterms:title "D"@en ; '
        "dcterms:license <https://spdx.org/licenses/EUPL-1.2> ; "
        'dcterms:issued "2024" .',
        (
            r(
                EX["ds-issued"],
                DCTERMS.issued,
                "DatatypeConstraintComponent",
                V,
                "DatasetShape-issued",
            ),
        ),
    ),
    # the NRO model: tests/model_nro_cases.py
    *(Case(case.name, case.turtle, case.expected) for case in NRO_CASES),
]


def _graph(*turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + "\n".join(turtle), format="turtle")


def _valid_turtle() -> str:
    return (FIXTURES / "valid.ttl").read_text(encoding="utf-8") + VALID_NRO.read_text(
        encoding="utf-8"
    )


def _path(outcome: ValidationOutcome, path: object) -> Path_:
    if isinstance(path, BNode):
        inverse = outcome.report_graph.value(path, SH.inversePath)
        assert isinstance(inverse, URIRef), f"unexpected complex path {path}"
        return ("^", inverse)
    assert path is None or isinstance(path, URIRef)
    return path


def _keys(outcome: ValidationOutcome) -> list[Key]:
    keys = []
    for result in outcome.results:
        focus: object = BLANK if isinstance(result.focus_node, BNode) else result.focus_node
        component = str(result.constraint_component).removeprefix(str(SH))
        shape = str(result.source_shape).removeprefix(str(KGSH))
        keys.append((focus, _path(outcome, result.path), component, result.severity, shape))
    return keys


@pytest.fixture(scope="module")
def outcomes() -> dict[str, ValidationOutcome]:
    data = _graph(_valid_turtle(), *(case.turtle for case in CASES))
    return {lang: validate(data, lang=lang) for lang in ("en", "nl")}


def test_valid_fixture_gives_no_result_at_all() -> None:
    outcome = validate(_graph(_valid_turtle()))
    assert outcome.conforms
    assert outcome.results == ()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_violating_case_gives_exactly_its_results(
    case: Case, outcomes: dict[str, ValidationOutcome]
) -> None:
    focus_nodes = {key[0] for key in case.expected}
    found = [key for key in _keys(outcomes["en"]) if key[0] in focus_nodes]
    assert sorted(found, key=repr) == sorted(case.expected, key=repr)


def test_no_result_outside_the_cases(outcomes: dict[str, ValidationOutcome]) -> None:
    expected = sorted((key for case in CASES for key in case.expected), key=repr)
    assert sorted(_keys(outcomes["en"]), key=repr) == expected


def test_conforms_flag_follows_severity() -> None:
    warning_only = _graph(_valid_turtle(), 'ex:lectorate-orphan a kg:Lectorate ; foaf:name "L" .')
    outcome = validate(warning_only)
    assert outcome.conforms
    assert [r.severity for r in outcome.results] == [Severity.WARNING]
    violation = _graph(_valid_turtle(), "ex:person-noname a kg:Person .")
    assert not validate(violation).conforms


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_result_has_messages_in_both_languages(
    lang: str, outcomes: dict[str, ValidationOutcome]
) -> None:
    results = outcomes[lang].results
    assert results
    for result in results:
        assert set(result.messages) == {"en", "nl"}, result
        assert result.message == result.messages[lang]
        assert result.message


def test_sparql_messages_fill_in_the_value(outcomes: dict[str, ValidationOutcome]) -> None:
    result = next(r for r in outcomes["nl"].results if r.focus_node == EX["c-early"])
    assert str(EX.q1) in result.message
    assert result.value == EX.q1


def test_unknown_language_is_refused() -> None:
    with pytest.raises(OntologyError):
        validate(Graph(), lang="de")


def test_every_shape_is_exercised_by_a_case() -> None:
    shapes = shapes_graph()
    exercised = {key[4] for case in CASES for key in case.expected}
    constraining = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    ):
        own = {SH.sparql, SH.nodeKind, SH["not"], SH.path}
        if any(shapes.value(shape, p) is not None for p in own):
            constraining.add(str(shape).removeprefix(str(KGSH)))
    assert constraining - exercised == set()


def test_valid_fixture_covers_every_target() -> None:
    """Every target class has an instance in the conforming fixture — of the class or of a
    subclass, as SHACL targets them — except kg:BoundaryCrosser: it is derived, and its shape
    refuses any asserted instance. Every targetSubjectsOf property has a subject."""
    shapes = shapes_graph()
    ontology = ontology_graph()
    data = _graph(_valid_turtle())
    targets = set(shapes.objects(None, SH.targetClass))
    assert KG.BoundaryCrosser in targets
    wrong = []
    for cls in targets:
        classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
        instances = {s for c in classes for s in data.subjects(RDF.type, c)}
        if bool(instances) == (cls == KG.BoundaryCrosser):
            wrong.append(str(cls))
    assert sorted(wrong) == []
    properties = set(shapes.objects(None, SH.targetSubjectsOf))
    assert properties
    assert sorted(str(p) for p in properties if next(data.subject_objects(p), None) is None) == []
