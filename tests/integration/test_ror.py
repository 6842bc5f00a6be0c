"""The shipped ROR snapshot through the pipeline on a real Neo4j: every record becomes one
organisation, every organisation only named in a parent/child link is there once too, and the
University of Amsterdam has the children its record gives. The expected figures are counted from
the file here, never from the loader."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from neo4j import Driver

from tests.pipeline_helpers import load

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "registers" / "ror" / "ror-nl.json.gz"
UVA = "04dkp9463"
# Hand-checked from the record of the University of Amsterdam in the snapshot: its six "child"
# relationships (its four "related" ones are kg:relatedOrganisation); it has no parent.
UVA_CHILDREN = ["013rctf62", "01yx4wq53", "022gvqh28", "03hxzy361", "04x9ra670", "04xe7ws48"]

ORGANISATIONS = "MATCH (o:Organisation) WHERE o.ror IS NOT NULL RETURN o.ror AS ror"
CHILDREN = """
MATCH (c:Organisation)-[:org_subOrganizationOf]->(:University {ror: $ror})
RETURN c.ror AS ror ORDER BY ror
"""
PARENTS = """
MATCH (:University {ror: $ror})-[:org_subOrganizationOf]->(p:Organisation)
RETURN p.ror AS ror ORDER BY ror
"""

RELATED = """
MATCH (:University {ror: $ror})-[:relatedOrganisation]->(o:Organisation)
RETURN o.ror AS ror ORDER BY ror
"""
STATUS = "MATCH (o:Organisation)-[:registerStatus]->(s {iri: $status}) RETURN o.ror AS ror"
ACTIVE = "https://w3id.org/kennisgraaf/def/register-status/active"


def _records() -> list[dict[str, Any]]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as handle:
        records: list[dict[str, Any]] = json.load(handle)
    return records


def _ror(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def _column(driver: Driver, database: str, query: str, **params: Any) -> list[Any]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [record[0] for record in records]


# Mutation caught: not describing the organisations only named in a link (parent, child, related,
# successor, predecessor) leaves fewer organisations in the graph than the file's records plus
# the ones its links name (the links' targets are no organisations, so records are held back).
# Mutation caught: a "child" link written the wrong way round leaves the university only the four
# children whose own records name it as parent.
def test_the_shipped_snapshot_loads_every_organisation_once_with_its_links(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    records = _records()
    in_file = {_ror(r["id"]) for r in records}
    named_only = {
        _ror(link["id"])
        for r in records
        for link in r["relationships"]
        if link["type"] in ("parent", "child", "related", "successor", "predecessor")
    } - in_file
    report = load(driver, database, SNAPSHOT, tmp_path, kind="ror")
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (len(records), 0)
    organisations = _column(driver, database, ORGANISATIONS)
    assert len(organisations) == len(set(organisations)) == len(records) + len(named_only)
    assert set(organisations) == in_file | named_only
    uva = next(r for r in records if _ror(r["id"]) == UVA)
    from_record = sorted(_ror(x["id"]) for x in uva["relationships"] if x["type"] == "child")
    assert from_record == UVA_CHILDREN
    assert _column(driver, database, CHILDREN, ror=UVA) == UVA_CHILDREN
    assert _column(driver, database, PARENTS, ror=UVA) == []
    related = sorted(_ror(x["id"]) for x in uva["relationships"] if x["type"] == "related")
    assert len(related) == 4
    assert _column(driver, database, RELATED, ror=UVA) == related
    active = _column(driver, database, STATUS, status=ACTIVE)
    assert sorted(active) == sorted(in_file)
