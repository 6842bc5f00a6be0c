"""Studies, knowledge products, people, organisations and networks: paged lists and details."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kennisgraaf.api.deps import DriverDep, Limit, Offset, SettingsDep
from kennisgraaf.api.graphdata import as_list, concept, date, key_of, named, notation, one, texts
from kennisgraaf.api.graphdata import words as words_of
from kennisgraaf.api.lookup import one_row, resolve
from kennisgraaf.api.models import (
    NetworkDetail,
    NetworkSummary,
    OrganisationDetail,
    OrganisationSummary,
    Page,
    PersonDetail,
    PersonSummary,
    WorkDetail,
    WorkSummary,
)
from kennisgraaf.queries._run import read
from kennisgraaf.queries.analytics.trace import reverse_trace
from kennisgraaf.settings import Settings

router = APIRouter(tags=["resources"])

Key = Annotated[str, Path(description="the part of the resource's IRI after {base}id/{kind}/")]
Text = Annotated[str | None, Query(max_length=500, description="words the name or title must hold")]


def _page(
    driver: Any, settings: Settings, name: str, q: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    row = read(
        driver, settings.neo4j_database, name, words=words_of(q), offset=offset, limit=limit
    )[0]
    return int(row["total"]), list(row["items"])


def _str(value: Any) -> str | None:
    first = one(value)
    return str(first) if first is not None else None


# --- studies and products ----------------------------------------------------------------------


def _work_summary(row: dict[str, Any], settings: Settings, kind: str) -> dict[str, Any]:
    return {
        "iri": row["iri"],
        "key": key_of(row["iri"], settings.base_iri, kind),
        "types": as_list(row["types"]),
        "title": texts(nl=row["title_nl"], en=row["title_en"]),
        "doi": _str(row.get("doi")),
        "date": date(row["date"]),
    }


def _work_detail(driver: Any, settings: Settings, kind: str, key: str) -> dict[str, Any]:
    iri = resolve(driver, settings, kind, key)
    row = one_row(driver, settings, "api.work", iri=iri)
    back = reverse_trace(driver, settings.neo4j_database, iri).to_json()
    made = row["made"]
    return {
        "iri": iri,
        "key": key_of(iri, settings.base_iri, kind),
        "kind": row["kind"],
        "types": as_list(row["types"]),
        "title": texts(nl=row["title_nl"], en=row["title_en"]),
        "doi": [str(v) for v in as_list(row["doi"])],
        "nro_project": [str(v) for v in as_list(row["nro_project"])],
        "design": concept(row["design"]),
        "strength": concept(row["strength"]),
        "wwc": concept(row["wwc"]),
        "effect_size": one(row["effect_size"]),
        "sample_size": one(row["sample_size"]),
        "themes": [concept(c) for c in row["themes"]],
        "funders": [named(o) for o in row["funders"]],
        "publishers": [named(o) for o in row["publishers"]],
        "made": None
        if made is None
        else {
            "iri": made["iri"],
            "date": date(made["date"]),
            "started": date(made["started"]),
            "people": [named(p) for p in made["people"]],
            "organisations": [named(o) for o in made["organisations"]],
        },
        "synthesises": row["synthesises"],
        "questions": back["questions"],
        "products": back["products"],
        "uses": back["uses"],
    }


@router.get("/studies", response_model=Page[WorkSummary], summary="Studies")
def list_studies(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    total, rows = _page(driver, settings, "api.studies", q, limit, offset)
    items = [_work_summary(r, settings, "study") for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/studies/{key:path}", response_model=WorkDetail, summary="One study")
def study_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    return _work_detail(driver, settings, "study", key)


@router.get("/products", response_model=Page[WorkSummary], summary="Knowledge products")
def list_products(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    total, rows = _page(driver, settings, "api.products", q, limit, offset)
    items = [_work_summary(r, settings, "product") for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/products/{key:path}", response_model=WorkDetail, summary="One knowledge product")
def product_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    return _work_detail(driver, settings, "product", key)


# --- people --------------------------------------------------------------------------------------


@router.get("/people", response_model=Page[PersonSummary], summary="People")
def list_people(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    total, rows = _page(driver, settings, "api.people", q, limit, offset)
    items = [
        {
            "iri": r["iri"],
            "key": key_of(r["iri"], settings.base_iri, "person"),
            "name": _str(r["name"]),
            "orcid": _str(r["orcid"]),
        }
        for r in rows
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/people/{key:path}", response_model=PersonDetail, summary="One person")
def person_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    iri = resolve(driver, settings, "person", key)
    row = one_row(driver, settings, "api.person", iri=iri)
    return {
        "iri": iri,
        "key": key_of(iri, settings.base_iri, "person"),
        "name": _str(row["name"]),
        "orcid": _str(row["orcid"]),
        "roles": [
            {
                "role": concept(h["role"]),
                "sides": [notation(s) for s in h["sides"]],
                "organisation": named(h["organisation"]) if h["organisation"] else None,
                "start": date(h["start"]),
                "end": date(h["end"]),
            }
            for h in row["roles"]
        ],
        "networks": [named(n) for n in row["networks"]],
        "boundary_crosser": row["boundary_crosser"],
        "questions": row["questions"],
        "studies": row["studies"],
        "products": row["products"],
    }


# --- organisations and networks ----------------------------------------------------------------


@router.get("/organisations", response_model=Page[OrganisationSummary], summary="Organisations")
def list_organisations(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    total, rows = _page(driver, settings, "api.organisations", q, limit, offset)
    items = [
        {
            "iri": r["iri"],
            "key": key_of(r["iri"], settings.base_iri, "organisation"),
            "name": _str(r["name"]),
            "types": as_list(r["types"]),
            "sectors": [notation(s) for s in r["sectors"]],
            "ror": _str(r["ror"]),
            "brin": _str(r["brin"]),
        }
        for r in rows
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get(
    "/organisations/{key:path}", response_model=OrganisationDetail, summary="One organisation"
)
def organisation_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    iri = resolve(driver, settings, "organisation", key)
    row = one_row(driver, settings, "api.organisation", iri=iri)
    return {
        "iri": iri,
        "key": key_of(iri, settings.base_iri, "organisation"),
        "name": _str(row["name"]),
        "types": as_list(row["types"]),
        "ror": _str(row["ror"]),
        "brin": _str(row["brin"]),
        "sectors": [concept(c) for c in row["sectors"]],
        "regions": [str(r) for r in as_list(row["regions"])],
        "part_of": [named(o) for o in row["part_of"]],
        "units": [named(o) for o in row["units"]],
        "people": [
            {
                **named(p),
                "role": notation(p["role"]) if p["role"] else None,
                "start": date(p["start"]),
                "end": date(p["end"]),
            }
            for p in row["people"]
        ],
        "networks": [named(n) for n in row["networks"]],
    }


@router.get("/networks", response_model=Page[NetworkSummary], summary="Networks")
def list_networks(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    total, rows = _page(driver, settings, "api.networks", q, limit, offset)
    items = [
        {
            "iri": r["iri"],
            "key": key_of(r["iri"], settings.base_iri, "network"),
            "name": _str(r["name"]),
            "kind": notation(r["kind"]) if r["kind"] else None,
            "sectors": [notation(s) for s in r["sectors"]],
            "regions": [str(x) for x in as_list(r["regions"])],
        }
        for r in rows
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/networks/{key:path}", response_model=NetworkDetail, summary="One network")
def network_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> dict[str, Any]:
    iri = resolve(driver, settings, "network", key)
    row = one_row(driver, settings, "api.network", iri=iri)
    return {
        "iri": iri,
        "key": key_of(iri, settings.base_iri, "network"),
        "name": _str(row["name"]),
        "kind": concept(row["kind"]),
        "sectors": [concept(c) for c in row["sectors"]],
        "regions": [str(x) for x in as_list(row["regions"])],
        "functions": [concept(c) for c in row["functions"]],
        "people": [named(p) for p in row["people"]],
        "organisations": [named(o) for o in row["organisations"]],
        "questions": row["questions"],
        "sharings": row["sharings"],
    }
