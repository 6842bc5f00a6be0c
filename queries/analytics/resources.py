"""Resources as the API shows them: pages of questions, studies, products, people,
organisations and networks, and the detail of each, made from the rows of the named queries
`api.*` (and a question's trace, a work's reverse trace). Pure conversions: reading the rows,
and answering 404 for what is not there, is the caller's work."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import Field

from kennisgraaf.queries.analytics.common import (
    ID,
    Concept,
    Day,
    Named,
    Result,
    notation,
    result_config,
)
from kennisgraaf.queries.analytics.rows import as_list, concept, key_of, named, one, one_text, texts
from kennisgraaf.queries.analytics.trace import ReverseTrace, Trace, Use

T = TypeVar("T")


class Page(Result, Generic[T]):
    total: int = Field(description="resources that pass the filters, over all pages")
    limit: int
    offset: int
    items: list[T]


class QuestionSummary(Result):
    model_config = result_config(
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
    articulated: Day


class Articulation(Result):
    iri: str
    date: Day
    people: list[Named]
    organisations: list[Named]
    where: list[Named] = Field(description="network or organisation it was articulated in")
    informed_by: list[str] = Field(description="uses that raised the question")


class QuestionDetail(Result):
    model_config = result_config(
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


class WorkSummary(Result):
    model_config = result_config(
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
    date: Day = Field(description="date of the activity that made it")


class Making(Result):
    iri: str
    date: Day
    started: Day
    people: list[Named]
    organisations: list[Named]


class WorkDetail(Result):
    model_config = result_config(
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
            "uses": [{"iri": ID + "use/u01", "date": "2022-04-01", "used": ID + "product/p01",
                      "by": [ID + "organisation/obs-de-lindenhof"]}],
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
    uses: list[Use]


class PersonSummary(Result):
    model_config = result_config(
        {"iri": ID + "person/hanna-mulder", "key": "hanna-mulder", "name": "Hanna Mulder",
         "orcid": None}
    )  # fmt: skip
    iri: str
    key: str | None
    name: str | None
    orcid: str | None


class HeldRole(Result):
    role: Concept | None
    sides: list[str] = Field(description="practice and/or research")
    organisation: Named | None
    start: Day
    end: Day


class PersonDetail(PersonSummary):
    model_config = result_config(
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


class OrganisationSummary(Result):
    model_config = result_config(
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


class Member(Result):
    iri: str
    name: str | None
    role: str | None
    start: Day
    end: Day


class OrganisationDetail(Result):
    model_config = result_config(
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


class NetworkSummary(Result):
    model_config = result_config(
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


class NetworkDetail(Result):
    model_config = result_config(
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


# --- from rows ---------------------------------------------------------------------------------


def question_summary(row: dict[str, Any], base: str) -> QuestionSummary:
    return QuestionSummary(
        iri=row["iri"],
        key=key_of(row["iri"], base, "question"),
        text=texts(nl=row["text_nl"], en=row["text_en"]),
        status=notation(row["status"]) if row["status"] else None,
        sectors=[notation(s) for s in row["sectors"]],
        themes=[notation(t) for t in row["themes"]],
        articulated=row["articulated"],
    )


def _articulation(row: dict[str, Any]) -> Articulation:
    return Articulation(
        iri=row["iri"],
        date=row["date"],
        people=[named(p) for p in row["people"]],
        organisations=[named(o) for o in row["organisations"]],
        where=[named(w) for w in row["where"]],
        informed_by=row["informed_by"],
    )


def question_detail(row: dict[str, Any], trace: Trace, base: str) -> QuestionDetail:
    """The question of an `api.question` row, with how far its trace (depth 0) got."""
    return QuestionDetail(
        iri=trace.iri,
        key=key_of(trace.iri, base, "question"),
        text=texts(nl=row["text_nl"], en=row["text_en"]),
        status=concept(row["status"]),
        sectors=[c for c in map(concept, row["sectors"]) if c],
        themes=[c for c in map(concept, row["themes"]) if c],
        articulations=[_articulation(a) for a in row["articulations"]],
        refines=row["refines"],
        refined_by=row["refined_by"],
        reached=trace.reached,
        missing=trace.missing,
        lead_time_days=trace.lead_time_days,
        studies=sorted({i for a in trace.stages["creation"] for i in a.generated}),
        products=sorted({i for a in trace.stages["organisation"] for i in a.generated}),
    )


def work_summary(row: dict[str, Any], base: str, kind: str) -> WorkSummary:
    return WorkSummary(
        iri=row["iri"],
        key=key_of(row["iri"], base, kind),
        types=as_list(row["types"]),
        title=texts(nl=row["title_nl"], en=row["title_en"]),
        doi=one_text(row.get("doi")),
        date=row["date"],
    )


def _making(made: dict[str, Any] | None) -> Making | None:
    if made is None:
        return None
    return Making(
        iri=made["iri"],
        date=made["date"],
        started=made["started"],
        people=[named(p) for p in made["people"]],
        organisations=[named(o) for o in made["organisations"]],
    )


def work_detail(row: dict[str, Any], back: ReverseTrace, base: str, kind: str) -> WorkDetail:
    """The study or product of an `api.work` row, with what its reverse trace found."""
    return WorkDetail(
        iri=back.iri,
        key=key_of(back.iri, base, kind),
        kind=row["kind"],
        types=as_list(row["types"]),
        title=texts(nl=row["title_nl"], en=row["title_en"]),
        doi=[str(v) for v in as_list(row["doi"])],
        nro_project=[str(v) for v in as_list(row["nro_project"])],
        design=concept(row["design"]),
        strength=concept(row["strength"]),
        wwc=concept(row["wwc"]),
        effect_size=one(row["effect_size"]),
        sample_size=one(row["sample_size"]),
        themes=[c for c in map(concept, row["themes"]) if c],
        funders=[named(o) for o in row["funders"]],
        publishers=[named(o) for o in row["publishers"]],
        made=_making(row["made"]),
        synthesises=row["synthesises"],
        questions=list(back.questions),
        products=list(back.products),
        uses=list(back.uses),
    )


def _identity(row: dict[str, Any], base: str, kind: str) -> dict[str, Any]:
    """The IRI, key and name every person, organisation and network shows first."""
    return {"iri": row["iri"], "key": key_of(row["iri"], base, kind), "name": one_text(row["name"])}


def person_summary(row: dict[str, Any], base: str) -> PersonSummary:
    return PersonSummary(
        **_identity(row, base, "person"),
        orcid=one_text(row["orcid"]),
    )


def _held_role(row: dict[str, Any]) -> HeldRole:
    return HeldRole(
        role=concept(row["role"]),
        sides=[notation(s) for s in row["sides"]],
        organisation=named(row["organisation"]) if row["organisation"] else None,
        start=row["start"],
        end=row["end"],
    )


def person_detail(row: dict[str, Any], base: str) -> PersonDetail:
    return PersonDetail(
        **person_summary(row, base).model_dump(),
        roles=[_held_role(h) for h in row["roles"]],
        networks=[named(n) for n in row["networks"]],
        boundary_crosser=row["boundary_crosser"],
        questions=row["questions"],
        studies=row["studies"],
        products=row["products"],
    )


def organisation_summary(row: dict[str, Any], base: str) -> OrganisationSummary:
    return OrganisationSummary(
        **_identity(row, base, "organisation"),
        types=as_list(row["types"]),
        sectors=[notation(s) for s in row["sectors"]],
        ror=one_text(row["ror"]),
        brin=one_text(row["brin"]),
    )


def _member(row: dict[str, Any]) -> Member:
    return Member(
        iri=row["iri"],
        name=one_text(row.get("name")),
        role=notation(row["role"]) if row["role"] else None,
        start=row["start"],
        end=row["end"],
    )


def organisation_detail(row: dict[str, Any], base: str) -> OrganisationDetail:
    return OrganisationDetail(
        **_identity(row, base, "organisation"),
        types=as_list(row["types"]),
        ror=one_text(row["ror"]),
        brin=one_text(row["brin"]),
        sectors=[c for c in map(concept, row["sectors"]) if c],
        regions=[str(r) for r in as_list(row["regions"])],
        part_of=[named(o) for o in row["part_of"]],
        units=[named(o) for o in row["units"]],
        people=[_member(p) for p in row["people"]],
        networks=[named(n) for n in row["networks"]],
    )


def network_summary(row: dict[str, Any], base: str) -> NetworkSummary:
    return NetworkSummary(
        **_identity(row, base, "network"),
        kind=notation(row["kind"]) if row["kind"] else None,
        sectors=[notation(s) for s in row["sectors"]],
        regions=[str(x) for x in as_list(row["regions"])],
    )


def network_detail(row: dict[str, Any], base: str) -> NetworkDetail:
    return NetworkDetail(
        **_identity(row, base, "network"),
        kind=concept(row["kind"]),
        sectors=[c for c in map(concept, row["sectors"]) if c],
        regions=[str(x) for x in as_list(row["regions"])],
        functions=[c for c in map(concept, row["functions"]) if c],
        people=[named(p) for p in row["people"]],
        organisations=[named(o) for o in row["organisations"]],
        questions=row["questions"],
        sharings=row["sharings"],
    )
