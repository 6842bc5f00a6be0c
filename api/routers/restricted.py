"""The authorised view of a resource: its public and its restricted statements, for a token
with the `restricted` scope (README "Personal data"). Never-published values are not shown here
either; only the steward's non-public export holds them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kennisgraaf.api.auth import require_scope
from kennisgraaf.api.deps import DriverDep, SettingsDep
from kennisgraaf.api.describe import describe
from kennisgraaf.api.errors import ApiError
from kennisgraaf.graph.literals import lexicals_of
from kennisgraaf.graph.model import natural_datatypes
from kennisgraaf.graph.provenance import HIDDEN_KEY, restricted_values, visible

router = APIRouter(tags=["restricted"])


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
) -> dict[str, Any]:
    """The resource's visible properties and, apart, the restricted values (property key →
    values) the public views leave out; `hidden` says whether a person is shown by role only."""
    require_scope(request, "restricted")
    found = describe(
        driver, settings.neo4j_database, settings.base_iri, [iri], natural_datatypes(), 0
    )
    if found is None:
        raise ApiError(404, "not-found", f"no resource with IRI {iri!r}")
    d = found[1]
    return {
        "iri": d.iri,
        "types": list(d.types),
        "properties": {k: lexicals_of(v) for k, v in visible(d.props).items() if k != "iri"},
        "restricted": restricted_values(d.props),
        "hidden": bool(d.props.get(HIDDEN_KEY)),
    }
