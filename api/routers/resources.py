"""Studies, knowledge products, people, organisations and networks: paged lists and details."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Path, Query
from neo4j import Driver

from kennisgraaf.api.deps import DriverDep, Limit, Offset, SettingsDep
from kennisgraaf.api.lookup import one_row, resolve
from kennisgraaf.queries.analytics import resources as results
from kennisgraaf.queries.analytics.resources import (
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
from kennisgraaf.queries.analytics.rows import words
from kennisgraaf.queries.analytics.trace import reverse_trace
from kennisgraaf.queries.runner import read
from kennisgraaf.settings import Settings

router = APIRouter(tags=["resources"])

Key = Annotated[str, Path(description="the part of the resource's IRI after {base}id/{kind}/")]
Text = Annotated[str | None, Query(max_length=500, description="words the name or title must hold")]
P = TypeVar("P", bound=Page[Any])


def _page(
    page: type[P],
    summary: Callable[[dict[str, Any], str], Any],
    driver: Driver,
    settings: Settings,
    name: str,
    q: str | None,
    limit: int,
    offset: int,
) -> P:
    """A page of the named list query's rows, each made into its summary."""
    row = read(driver, settings.neo4j_database, name, words=words(q), offset=offset, limit=limit)[0]
    items = [summary(r, settings.base_iri) for r in row["items"]]
    return page(total=int(row["total"]), limit=limit, offset=offset, items=items)


def _row(driver: Driver, settings: Settings, kind: str, key: str) -> dict[str, Any]:
    """The `api.{kind}` row of the resource the key names (404 when there is none)."""
    iri = resolve(driver, settings, kind, key)
    return one_row(driver, settings, f"api.{kind}", iri=iri)


# --- studies and products ----------------------------------------------------------------------


def _work_detail(driver: Driver, settings: Settings, kind: str, key: str) -> WorkDetail:
    iri = resolve(driver, settings, kind, key)
    row = one_row(driver, settings, "api.work", iri=iri)
    back = reverse_trace(driver, settings.neo4j_database, iri)
    return results.work_detail(row, back, settings.base_iri, kind)


@router.get("/studies", summary="Studies")
def list_studies(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page[WorkSummary]:
    summary = partial(results.work_summary, kind="study")
    return _page(Page[WorkSummary], summary, driver, settings, "api.studies", q, limit, offset)


@router.get("/studies/{key:path}", summary="One study")
def study_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> WorkDetail:
    return _work_detail(driver, settings, "study", key)


@router.get("/products", summary="Knowledge products")
def list_products(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page[WorkSummary]:
    summary = partial(results.work_summary, kind="product")
    return _page(Page[WorkSummary], summary, driver, settings, "api.products", q, limit, offset)


@router.get("/products/{key:path}", summary="One knowledge product")
def product_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> WorkDetail:
    return _work_detail(driver, settings, "product", key)


# --- people, organisations and networks --------------------------------------------------------


@router.get("/people", summary="People")
def list_people(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page[PersonSummary]:
    summary = results.person_summary
    return _page(Page[PersonSummary], summary, driver, settings, "api.people", q, limit, offset)


@router.get("/people/{key:path}", summary="One person")
def person_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> PersonDetail:
    return results.person_detail(_row(driver, settings, "person", key), settings.base_iri)


@router.get("/organisations", summary="Organisations")
def list_organisations(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page[OrganisationSummary]:
    page, summary = Page[OrganisationSummary], results.organisation_summary
    return _page(page, summary, driver, settings, "api.organisations", q, limit, offset)


@router.get("/organisations/{key:path}", summary="One organisation")
def organisation_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> OrganisationDetail:
    row = _row(driver, settings, "organisation", key)
    return results.organisation_detail(row, settings.base_iri)


@router.get("/networks", summary="Networks")
def list_networks(
    driver: DriverDep, settings: SettingsDep, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page[NetworkSummary]:
    summary = results.network_summary
    return _page(Page[NetworkSummary], summary, driver, settings, "api.networks", q, limit, offset)


@router.get("/networks/{key:path}", summary="One network")
def network_detail(key: Key, driver: DriverDep, settings: SettingsDep) -> NetworkDetail:
    return results.network_detail(_row(driver, settings, "network", key), settings.base_iri)
