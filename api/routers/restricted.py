"""The authorised views of personal data (README "Personal data"): a resource with its
restricted statements, for a token with the `restricted` scope, and the erasure of a person,
for a token with both the `restricted` and the `write` scope. Never-published values are not
shown here either; only the steward's non-public export holds them. Every call is written to
the audit log (api/audit.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from kennisgraaf.api.audit import audit, token_actor
from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.describe import describe
from kennisgraaf.api.errors import ApiError
from kennisgraaf.graph.erasure import erase_person
from kennisgraaf.graph.literals import lexicals_of
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.provenance import HIDDEN_KEY, restricted_values, visible

router = APIRouter(tags=["restricted"])


class RestrictedResource(BaseModel):
    """A resource as an authorised reader sees it."""

    iri: str
    types: list[str]
    properties: dict[str, list[str]]  # the visible (public) values: property key → values
    restricted: dict[str, list[str]]  # what the public views leave out: property key → values
    hidden: bool  # a person shown by role only in the public views


class ErasureAnswer(BaseModel):
    """What an erasure did (the person's identifiers are not repeated)."""

    erasure: str  # the erasure record's id
    found: bool  # the graph held the person (False: only recorded, so no load brings them)
    stand_in: str | None  # the opaque IRI their questions and studies now point at
    renamed: int  # other resources given an opaque IRI (their memberships)
    imports: list[str]  # imports amended
    records: int  # import records and batch reports rewritten
    quarantine_files: int  # quarantine files rewritten


@router.get(
    "/restricted/resource",
    summary="A resource with its restricted statements (token with the restricted scope)",
    responses={
        401: {"description": "no valid bearer token"},
        403: {"description": "the token lacks the restricted scope"},
        404: {"description": "the graph holds no resource with this IRI"},
    },
)
def restricted_resource(
    iri: Annotated[str, Query(max_length=2000, description="the resource's IRI")],
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
) -> RestrictedResource:
    """The resource's visible properties and, apart, the restricted values (property key →
    values) the public views leave out; `hidden` says whether a person is shown by role only."""
    token = require_scope(request, "restricted")
    found = describe(
        driver, settings.neo4j_database, settings.base_iri, [iri], natural_datatypes(), 0
    )
    audit(settings, token_actor(token), "GET /restricted/resource", [iri], found=found is not None)
    if found is None:
        raise ApiError(404, "not-found", f"no resource with IRI {iri!r}")
    d = found[1]
    return RestrictedResource(
        iri=d.iri,
        types=list(d.types),
        properties={k: lexicals_of(v) for k, v in visible(d.props).items() if k != "iri"},
        restricted=restricted_values(d.props),
        hidden=bool(d.props.get(HIDDEN_KEY)),
    )


@router.post(
    "/restricted/people/{key:path}/erase",
    summary="Erase a person (token with the restricted and the write scope)",
    responses={
        400: {"description": "the key names something that is not a person"},
        401: {"description": "no valid bearer token"},
        403: {"description": "the token lacks the restricted or the write scope"},
        503: {"description": "a load holds the database's writer lease for too long"},
    },
)
def erase(key: str, request: Request, driver: DriverDep, settings: SettingsDep) -> ErasureAnswer:
    """Takes the person `key` names (an IRI, or its path below `id/person/`, such as
    `anon/3e12453277`) out of the graph, the SPARQL store, dumps, search, the import records
    and the quarantine; their questions and studies stay, linked to a stand-in shown by role.
    Written to the audit log and recorded (keyed hashes only); later loads keep them out."""
    token = require_scope(request, "restricted")
    require_scope(request, "write")
    result = erase_person(
        driver,
        settings.neo4j_database,
        settings.base_iri,
        key,
        f"token {token.name}",
        natural_datatypes(),
        [settings.data_dir / "quarantine"],
    )
    audit(
        settings,
        token_actor(token),
        "POST /restricted/people/{key}/erase",
        [result.stand_in] if result.stand_in else [],
        erasure=result.id,
    )
    return ErasureAnswer(
        erasure=result.id,
        found=result.found,
        stand_in=result.stand_in,
        renamed=result.renamed,
        imports=result.imports,
        records=result.records,
        quarantine_files=len(result.files),
    )
