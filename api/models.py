"""Response models of the JSON API, with examples, so the OpenAPI document says what comes back."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
ID = "https://w3id.org/kennisgraaf/id/"


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class Named(BaseModel):
    iri: str
    name: str | None = None


class Concept(BaseModel):
    """A SKOS concept (sector, theme, role, …); labels by language tag."""

    iri: str
    notation: str | None = None
    label: dict[str, str] = Field(default_factory=dict)
    scale: int | None = Field(None, description="kg:scaleValue, on ordered scales only")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="resources that pass the filters, over all pages")
    limit: int
    offset: int
    items: list[T]


# --- questions ------------------------------------------------------------------------------


class QuestionSummary(BaseModel):
    model_config = _example(
        {
            "iri": ID + "question/q01",
            "key": "q01",
            "text": {"nl": "Hoe kunnen we begrijpend lezen … effectiever onderwijzen?"},
            "status": "answered",
            "sectors": ["PO"],
            "themes": ["curriculum-and-pedagogy", "educational-disadvantage"],
            "articulated": "2019-09-12",
        }
    )
    iri: str
    key: str | None = Field(description="the part of the IRI after {base}id/question/")
    text: dict[str, str] = Field(description="question text by language tag")
    status: str | None
    sectors: list[str] = Field(description="sector notations")
    themes: list[str] = Field(description="theme notations")
    articulated: dt.date | None


class Articulation(BaseModel):
    iri: str
    date: dt.date | None
    people: list[Named]
    organisations: list[Named]
    where: list[Named] = Field(description="network or organisation it was articulated in")
    informed_by: list[str] = Field(description="uses that raised the question")


class QuestionDetail(BaseModel):
    model_config = _example(
        {
            "iri": ID + "question/q03",
            "key": "q03",
            "text": {"en": "Which data show whether our reading approach also works …?"},
            "status": {"iri": "https://w3id.org/kennisgraaf/def/question-status/open",
                       "notation": "open", "label": {"en": "open"}, "scale": None},
            "sectors": [], "themes": [], "articulations": [], "refines": [], "refined_by": [],
            "reached": ["articulation", "creation"],
            "missing": ["organisation", "sharing", "use"],
            "lead_time_days": None,
            "studies": [ID + "study/s03"], "products": [],
        }
    )  # fmt: skip
    iri: str
    key: str | None
    text: dict[str, str]
    status: Concept | None
    sectors: list[Concept]
    themes: list[Concept]
    articulations: list[Articulation]
    refines: list[str]
    refined_by: list[str]
    reached: list[str] = Field(description="stages of the cycle the question reached, in order")
    missing: list[str]
    lead_time_days: int | None = Field(description="days from articulation to first use")
    studies: list[str] = Field(description="studies whose creation used the question")
    products: list[str] = Field(description="products made from the question or its studies")


class TraceParty(BaseModel):
    iri: str
    name: str | None


class TraceActivity(BaseModel):
    iri: str
    date: str | None
    started: str | None
    used: list[str]
    generated: list[str]
    informed_by: list[str]
    people: list[TraceParty]
    organisations: list[TraceParty]
    networks: list[TraceParty]


class Trace(BaseModel):
    """A question's path through the cycle; questions its uses raised are traced inside."""

    model_config = _example(
        {
            "question": ID + "question/q03",
            "text": {"nl": "Welke gegevens laten zien …?"},
            "reached": ["articulation", "creation"],
            "missing": ["organisation", "sharing", "use"],
            "lead_time_days": None,
            "days_from_articulation": {"creation": 314, "organisation": None, "sharing": None,
                                       "use": None},
            "stages": {"articulation": [{"iri": ID + "articulation/q03", "date": "2024-05-21",
                        "started": None, "used": [], "generated": [ID + "question/q03"],
                        "informed_by": [ID + "use/u02"], "people": [], "organisations": [],
                        "networks": []}]},
            "raised": [],
            "raised_not_expanded": [],
        }
    )  # fmt: skip
    question: str
    text: dict[str, str]
    reached: list[str]
    missing: list[str]
    lead_time_days: int | None
    days_from_articulation: dict[str, int | None]
    stages: dict[str, list[TraceActivity]]
    raised: list[Trace]
    raised_not_expanded: list[str]


# --- studies and products ---------------------------------------------------------------------


class WorkSummary(BaseModel):
    model_config = _example(
        {
            "iri": ID + "study/doi/10.5555/kg-sample.s01",
            "key": "doi/10.5555/kg-sample.s01",
            "types": ["ResearchProject"],
            "title": {"nl": "Expliciete strategie-instructie …", "en": "Explicit strategy …"},
            "doi": "10.5555/kg-sample.s01",
            "date": "2021-06-30",
        }
    )
    iri: str
    key: str | None
    types: list[str] = Field(description="asserted classes")
    title: dict[str, str]
    doi: str | None = None
    date: dt.date | None = Field(description="date of the activity that made it")


class Making(BaseModel):
    iri: str
    date: dt.date | None
    started: dt.date | None
    people: list[Named]
    organisations: list[Named]


class UseOf(BaseModel):
    iri: str
    date: str | None = None
    model_config = ConfigDict(extra="allow")


class WorkDetail(BaseModel):
    model_config = _example(
        {
            "iri": ID + "product/p01", "key": "p01", "kind": "product", "types": ["ToolkitStrand"],
            "title": {"nl": "Begrijpend lezen: expliciete strategie-instructie"},
            "doi": [], "nro_project": [], "design": None,
            "strength": {"iri": "https://w3id.org/kennisgraaf/def/evidence-strength/4",
                         "notation": "4", "label": {}, "scale": 4},
            "wwc": None, "effect_size": None, "sample_size": None, "themes": [], "funders": [],
            "publishers": [{"iri": ID + "organisation/nro", "name": "NRO"}],
            "made": None, "synthesises": [ID + "study/doi/10.5555/kg-sample.s01"],
            "questions": [ID + "question/q01"], "products": [],
            "uses": [{"iri": ID + "use/u01", "date": "2022-04-01"}],
        }
    )  # fmt: skip
    iri: str
    key: str | None
    kind: str = Field(description="study or product")
    types: list[str]
    title: dict[str, str]
    doi: list[str]
    nro_project: list[str]
    design: Concept | None
    strength: Concept | None
    wwc: Concept | None
    effect_size: float | None
    sample_size: int | None
    themes: list[Concept]
    funders: list[Named]
    publishers: list[Named]
    made: Making | None = Field(description="the creation or organisation that made it")
    synthesises: list[str] = Field(description="studies its organisation used (products)")
    questions: list[str] = Field(description="questions it serves")
    products: list[str] = Field(description="products made from it (studies)")
    uses: list[UseOf]


# --- people, organisations, networks ---------------------------------------------------------


class PersonSummary(BaseModel):
    model_config = _example(
        {"iri": ID + "person/hanna-mulder", "key": "hanna-mulder", "name": "Hanna Mulder",
         "orcid": None}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    orcid: str | None


class HeldRole(BaseModel):
    role: Concept | None
    sides: list[str] = Field(description="practice and/or research")
    organisation: Named | None
    start: dt.date | None
    end: dt.date | None


class PersonDetail(PersonSummary):
    model_config = _example(
        {"iri": ID + "person/eva-jansen", "key": "eva-jansen", "name": "Eva Jansen",
         "orcid": None, "roles": [], "networks": [], "boundary_crosser": True,
         "questions": [], "studies": [ID + "study/s02"], "products": [ID + "product/p02"]}
    )  # fmt: skip
    roles: list[HeldRole]
    networks: list[Named]
    boundary_crosser: bool = Field(description="holds roles on the practice and research side")
    questions: list[str] = Field(description="questions they articulated")
    studies: list[str]
    products: list[str]


class OrganisationSummary(BaseModel):
    model_config = _example(
        {"iri": ID + "organisation/ror/04pp8hn57", "key": "ror/04pp8hn57",
         "name": "Universiteit Utrecht", "types": ["University"], "sectors": ["WO"],
         "ror": "04pp8hn57", "brin": None}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    types: list[str]
    sectors: list[str]
    ror: str | None
    brin: str | None


class Member(BaseModel):
    iri: str
    name: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None


class OrganisationDetail(BaseModel):
    model_config = _example(
        {"iri": ID + "organisation/hs-rijnvallei", "key": "hs-rijnvallei",
         "name": "Hogeschool Rijnvallei", "types": ["Hogeschool"], "ror": None, "brin": None,
         "sectors": [], "regions": ["Gelderland"], "part_of": [],
         "units": [{"iri": ID + "organisation/pabo-rijnvallei", "name": "Pabo Rijnvallei"}],
         "people": [], "networks": []}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    types: list[str]
    ror: str | None
    brin: str | None
    sectors: list[Concept]
    regions: list[str]
    part_of: list[Named]
    units: list[Named]
    people: list[Member]
    networks: list[Named]


class NetworkSummary(BaseModel):
    model_config = _example(
        {"iri": ID + "network/werkplaats-rijnvallei", "key": "werkplaats-rijnvallei",
         "name": "Werkplaats Onderwijsonderzoek Rijnvallei", "kind": "werkplaats",
         "sectors": ["HBO", "PO", "WO"], "regions": ["Gelderland"]}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    kind: str | None
    sectors: list[str]
    regions: list[str]


class NetworkDetail(BaseModel):
    model_config = _example(
        {"iri": ID + "network/datateam-westerhaven", "key": "datateam-westerhaven",
         "name": "Datateam Lyceum Westerhaven", "kind": None, "sectors": [],
         "regions": ["Rotterdam"], "functions": [],
         "people": [{"iri": ID + "person/sanne-de-vries", "name": "Sanne de Vries"}],
         "organisations": [], "questions": [], "sharings": []}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    kind: Concept | None
    sectors: list[Concept]
    regions: list[str]
    functions: list[Concept] = Field(description="functions of the cycle it serves")
    people: list[Named]
    organisations: list[Named]
    questions: list[str] = Field(description="questions articulated in it")
    sharings: list[str] = Field(description="sharings that went through it")


# --- analytics ---------------------------------------------------------------------------------


class Funnel(BaseModel):
    model_config = _example(
        {"by": "sector", "stages": ["articulation", "creation", "organisation", "sharing", "use"],
         "groups": {"PO": {"articulation": 14, "creation": 9, "organisation": 9, "sharing": 7,
                           "use": 4}}}
    )  # fmt: skip
    by: str | None
    stages: list[str]
    groups: dict[str, dict[str, int]] = Field(description='questions reaching each stage; "all" '
                                              "when not grouped")  # fmt: skip


class StalledQuestion(BaseModel):
    iri: str
    key: str | None
    status: str | None
    articulated: dt.date | None
    days_open: int | None
    furthest: str
    sectors: list[str]
    themes: list[str]


class Stalled(BaseModel):
    model_config = _example(
        {"days": 365, "today": "2025-06-01",
         "items": [{"iri": ID + "question/q37", "key": "q37", "status": "open",
                    "articulated": "2023-03-01", "days_open": 823, "furthest": "articulation",
                    "sectors": ["PO"], "themes": ["citizenship"]}]}
    )  # fmt: skip
    days: int
    today: dt.date
    items: list[StalledQuestion]


class RoleAt(BaseModel):
    role: str
    organisation: str
    organisation_name: str | None


class BoundaryCrosser(BaseModel):
    model_config = _example(
        {"iri": ID + "person/eva-jansen", "key": "eva-jansen", "name": "Eva Jansen",
         "practice_roles": [{"role": "teacher-educator", "organisation":
                             ID + "organisation/pabo-rijnvallei",
                             "organisation_name": "Pabo Rijnvallei"}],
         "research_roles": [], "betweenness": 0.12}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    practice_roles: list[RoleAt]
    research_roles: list[RoleAt]
    betweenness: float = Field(description="share of practice–research shortest paths through them")


class MatchReason(BaseModel):
    kind: str
    text: str
    items: list[str]


class ResearcherMatch(BaseModel):
    model_config = _example(
        {"iri": ID + "person/hanna-mulder", "key": "hanna-mulder", "name": "Hanna Mulder",
         "score": 6.0, "distance": 2, "roles": [],
         "reasons": [{"kind": "theme", "text": "works on the theme citizenship (p10, s10)",
                      "items": [ID + "product/p10", ID + "study/s10"]}]}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    score: float
    distance: int | None
    roles: list[RoleAt]
    reasons: list[MatchReason]


class EvidenceItem(BaseModel):
    model_config = _example(
        {"iri": ID + "study/doi/10.5555/kg-sample.s01", "kind": "study",
         "types": ["ResearchProject"], "title": {"en": "Explicit strategy instruction …"},
         "strength": 4, "strength_label": "strong", "design": "rct", "effect_size": 0.23,
         "sample_size": 1240, "date": "2021-06-30", "direct": True,
         "reasons": ["studies the question"], "shared_themes": ["curriculum-and-pedagogy"]}
    )  # fmt: skip
    iri: str
    kind: str
    types: list[str]
    title: dict[str, str]
    strength: int | None
    strength_label: str | None
    design: str | None
    effect_size: float | None
    sample_size: int | None
    date: dt.date | None
    direct: bool
    reasons: list[str]
    shared_themes: list[str]


class Distribution(BaseModel):
    n: int
    minimum: int
    p25: float
    median: float
    p75: float
    maximum: int
    mean: float


class LeadTimes(BaseModel):
    model_config = _example(
        {"stages": {"creation": {"n": 28, "minimum": 40, "p25": 200.0, "median": 400.0,
                                 "p75": 600.0, "maximum": 900, "mean": 410.2},
                    "organisation": None, "sharing": None, "use": None}}
    )  # fmt: skip
    stages: dict[str, Distribution | None] = Field(
        description="days from articulation to the first activity of each later stage"
    )


class BreakItem(BaseModel):
    iri: str
    title: dict[str, str]
    date: dt.date | None


# --- read-only Cypher --------------------------------------------------------------------------


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (q:KnowledgeQuestion)-[:sector]->(s {skos_notation: $s}) "
                    "RETURN q.iri AS iri ORDER BY iri",
                    "parameters": {"s": "PO"},
                }
            ]
        },
    )
    query: str = Field(min_length=1, max_length=100_000, description="one read-only Cypher query")
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResult(BaseModel):
    model_config = _example(
        {"columns": ["iri"], "rows": [{"iri": ID + "question/q01"}], "truncated": False,
         "row_limit": 10000}
    )  # fmt: skip
    columns: list[str]
    rows: list[dict[str, Any]] = Field(
        description="one object per record; nodes, relationships and paths as objects, "
        "temporal values as ISO 8601 text"
    )
    truncated: bool = Field(description="true when the query had more rows than row_limit")
    row_limit: int
