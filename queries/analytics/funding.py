"""Funding: what the grants of a programme produced, how far that got, and how open it is.

A grant (kg:Grant) is awarded in a call of a programme and funds studies and knowledge
products (schema:fundedItem). The follow-up of an output is what the cycle did with it next:
the sharings and uses of the output itself or, for a study, of a knowledge product made from
it. Open access is read from the output's COAR access right (dcterms:accessRights).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from neo4j import Driver
from pydantic import Field

from kennisgraaf.errors import InputError
from kennisgraaf.queries.analytics.common import ID, Day, Result, notation, result_config
from kennisgraaf.queries.analytics.rows import texts
from kennisgraaf.queries.runner import labels_of, read

COAR = "http://purl.org/coar/access_right/"
ACCESS = {
    COAR + "c_abf2": "open",
    COAR + "c_f1cf": "embargoed",
    COAR + "c_16ec": "restricted",
    COAR + "c_14cb": "metadata-only",
}
GROUPINGS = ("programme", "sector")
_FUNDING = ("Programme", "Call", "Grant")
# result field → column of funding.outputs (columns avoid the words Cypher reserves)
_GRANT_COLUMNS = {
    "grant": "grant_iri", "call": "call_iri", "start": "start_date", "end": "end_date",
    "programme": "programme", "lead": "lead", "currency": "currency", "amount": "amount",
    "project_number": "project_number",
}  # fmt: skip


class FundedOutput(Result):
    iri: str
    kind: str = Field(description="study or product")
    title: dict[str, str] = Field(description="by language tag")
    access: str | None = Field(
        description="open, embargoed, restricted or metadata-only (COAR); null when not given"
    )
    sharings: tuple[str, ...] = Field(description="sharings of it or of a product made from it")
    uses: tuple[str, ...] = Field(description="uses of it or of a product made from it")


class GrantOutputs(Result):
    model_config = result_config(
        {"grant": ID + "grant/nro/40.5.19501.001", "project_number": "40.5.19501.001",
         "call": ID + "call/pgo-2019", "programme": ID + "programme/praktijkgericht-onderzoek",
         "programme_title": {"nl": "Praktijkgericht onderwijsonderzoek"},
         "funders": [ID + "organisation/nro"], "lead": ID + "person/hanna-mulder",
         "partners": [ID + "organisation/spo-rijnvallei"], "start": "2019-11-01",
         "end": "2021-10-31", "amount": 350000.0, "currency": "EUR",
         "outputs": [{"iri": ID + "product/p01", "kind": "product", "title": {},
                      "access": None, "sharings": [ID + "sharing/sh01"],
                      "uses": [ID + "use/u01"]}]}
    )  # fmt: skip
    grant: str
    project_number: str | None
    call: str | None
    programme: str | None
    programme_title: dict[str, str]
    funders: tuple[str, ...]
    lead: str | None = Field(description="the lead applicant, a person")
    partners: tuple[str, ...] = Field(description="participating organisations")
    start: Day
    end: Day
    amount: float | None
    currency: str | None
    outputs: tuple[FundedOutput, ...]


class ProgrammeFollowUp(Result):
    programme: str | None
    grants: int
    amount: float = Field(description="sum of the grants' amounts (those given)")
    outputs: int = Field(description="distinct outputs of its grants")
    shared: int = Field(description="outputs with at least one sharing")
    used: int = Field(description="outputs with at least one use")


class AccessShare(Result):
    group: str = Field(description="the programme's IRI or the sector's notation")
    title: dict[str, str]
    outputs: int
    open: int
    embargoed: int
    restricted: int
    metadata_only: int
    unknown: int
    share: float = Field(description="open / outputs")


def _output(value: dict[str, Any]) -> FundedOutput:
    return FundedOutput(
        iri=value["iri"],
        kind=value["kind"],
        title=texts(nl=value["title_nl"], en=value["title_en"]),
        access=ACCESS.get(value["access"], value["access"]) if value["access"] else None,
        sharings=tuple(value["sharings"]),
        uses=tuple(value["uses"]),
    )


def grant_outputs(driver: Driver, database: str, iri: str | None = None) -> list[GrantOutputs]:
    """Every grant (or those of one programme, call or grant) with its outputs and follow-up."""
    if iri is not None and not labels_of(driver, database, iri) & set(_FUNDING):
        raise InputError(f"{iri!r} is no programme, call or grant")
    rows = read(driver, database, "funding.outputs", iri=iri)
    return [
        GrantOutputs(
            **{field: r[column] for field, column in _GRANT_COLUMNS.items()},
            programme_title=texts(nl=r["programme_title_nl"], en=r["programme_title_en"]),
            funders=tuple(r["funders"]),
            partners=tuple(r["partners"]),
            outputs=tuple(_output(o) for o in r["outputs"]),
        )
        for r in rows
    ]


def follow_up(grants: list[GrantOutputs]) -> list[ProgrammeFollowUp]:
    """Per programme: its grants, their total amount, and how many outputs were shared and used."""
    by_programme: dict[str | None, list[GrantOutputs]] = defaultdict(list)
    for grant in grants:
        by_programme[grant.programme].append(grant)
    result = []
    for programme, members in sorted(by_programme.items(), key=lambda kv: kv[0] or ""):
        outputs = {o.iri: o for g in members for o in g.outputs}
        result.append(
            ProgrammeFollowUp(
                programme=programme,
                grants=len(members),
                amount=sum(g.amount or 0.0 for g in members),
                outputs=len(outputs),
                shared=sum(1 for o in outputs.values() if o.sharings),
                used=sum(1 for o in outputs.values() if o.uses),
            )
        )
    return result


def open_access(driver: Driver, database: str, by: str = "programme") -> list[AccessShare]:
    """Open-access share of funded outputs per programme or per sector of the partners."""
    if by not in GROUPINGS:
        raise InputError(f"grouping must be one of {', '.join(GROUPINGS)}, not {by!r}")
    rows = read(driver, database, "funding.open_access", by=by)
    return [
        AccessShare(
            **{k: r[k] for k in ("outputs", "open", "embargoed", "restricted", "unknown", "share")},
            group=notation(r["group"]) if by == "sector" else r["group"],
            title=texts(nl=r["title_nl"], en=r["title_en"]),
            metadata_only=r["metadata_only"],
        )
        for r in rows
    ]
