"""All three shipped registers through the gate into one real Neo4j, in the order a steward
loads them (vocabularies, CBS, DUO, ROR): every row and record is read and none is quarantined,
every DUO location lies in a municipality of the CBS file, and the graph holds exactly the
numbers counted here from the files."""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources
from pathlib import Path
from typing import Any

from neo4j import Driver

from tests.pipeline_helpers import load

REGISTERS = Path(__file__).resolve().parents[2] / "data" / "registers"
CBS = REGISTERS / "cbs" / "municipalities.csv"
DUO = REGISTERS / "duo" / "alle-vestigingen-vo.csv"
ROR = REGISTERS / "ror" / "ror-nl.json.gz"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))

MUNICIPALITIES = """
MATCH (m {iri: 'https://w3id.org/kennisgraaf/id/region/' + m.cbsCode})
WHERE m.cbsCode STARTS WITH 'GM'
OPTIONAL MATCH (m)-[:skos_broader]->(p)
RETURN m.cbsCode AS code, collect(p.cbsCode) AS provinces
"""
LOCATIONS = """
MATCH (s:School) WHERE size(s.brin) = 6
MATCH (s)-[:inRegion]->(m)
OPTIONAL MATCH (s)-[:schema_address]->(a)
OPTIONAL MATCH (s)-[:denomination]->(d)
RETURN s.brin AS code, m.cbsCode AS municipality, a.schema_postalCode AS postcode,
       d.skos_notation AS denomination
"""
BOARDS = "MATCH (b:SchoolBoard) RETURN b.boardNumber AS number"
ROR_STATUS = """
MATCH (o:Organisation)-[:registerStatus]->(s) WHERE o.ror IS NOT NULL
RETURN o.ror AS ror, s.skos_notation AS status
"""


def _csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _query(driver: Driver, database: str, query: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, database_=database)
    return [record.data() for record in records]


# Mutation caught: a municipality missing from the CBS file quarantines the DUO rows that name it
# (their location would dangle); a DUO address or denomination left unmapped empties its column.
def test_the_whole_shipped_registers_load_with_nothing_quarantined(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    cbs, duo = _csv(CBS, ","), _csv(DUO, ";")
    with gzip.open(ROR, "rt", encoding="utf-8") as handle:
        ror = json.load(handle)
    load(driver, database, VOCABULARIES, tmp_path)
    for path, kind, rows in ((CBS, "cbs-regions", cbs), (DUO, "duo", duo), (ROR, "ror", ror)):
        summary = load(driver, database, path, tmp_path, kind=kind).summary()
        assert (summary["records_read"], summary["records_quarantined"]) == (len(rows), 0), kind
        assert (summary["statements_rejected"], summary["resources_rejected"]) == (0, 0), kind

    municipalities = _query(driver, database, MUNICIPALITIES)
    assert {m["code"]: m["provinces"] for m in municipalities} == {
        row["code"]: [row["province"]] for row in cbs
    }
    locations = {r["code"]: r for r in _query(driver, database, LOCATIONS)}
    assert {code: r["municipality"] for code, r in locations.items()} == {
        row["VESTIGINGSCODE"]: "GM" + row["GEMEENTENUMMER"] for row in duo
    }
    assert {code: r["postcode"] for code, r in locations.items()} == {
        row["VESTIGINGSCODE"]: row["POSTCODE"] for row in duo
    }
    assert {r["denomination"] for r in locations.values()} == {
        "openbaar", "bijzonder", "overige", "algemeen-bijzonder", "islamitisch", "samenwerking"
    }  # fmt: skip
    boards = [r["number"] for r in _query(driver, database, BOARDS)]
    assert sorted(boards) == sorted({row["BEVOEGD GEZAG NUMMER"] for row in duo})
    statuses = {r["ror"]: r["status"] for r in _query(driver, database, ROR_STATUS)}
    assert statuses == {record["id"].rsplit("/", 1)[1]: record["status"] for record in ror}
