"""The shipped CBS register excerpt through the pipeline on a real Neo4j: every municipality of
data/registers/cbs/municipalities.csv is in the graph once, under exactly one province (the
vocabulary's own concept, not a copy), and Gelderland holds the municipalities the file gives it.
The expected figures are counted from the file here, never from the loader."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

from neo4j import Driver

from tests.pipeline_helpers import load

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "registers" / "cbs" / "municipalities.csv"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))

MUNICIPALITIES = """
MATCH (m:skos_Concept) WHERE m.cbsCode STARTS WITH 'GM'
RETURN count(m) AS municipalities
"""
PROVINCES_PER_MUNICIPALITY = """
MATCH (m:skos_Concept) WHERE m.cbsCode STARTS WITH 'GM'
OPTIONAL MATCH (m)-[:skos_broader]->(p:skos_Concept)
               -[:skos_broader]->(:skos_Concept {cbsCode: 'NL01'})
WHERE p.cbsCode STARTS WITH 'PV'
RETURN m.cbsCode AS code, count(p) AS provinces
"""
IN_PROVINCE = """
MATCH (m:skos_Concept)-[:skos_broader]->(p:skos_Concept {cbsCode: $province})
WHERE m.cbsCode STARTS WITH 'GM'
RETURN count(m) AS municipalities
"""
PROVINCE_NODES = "MATCH (p:skos_Concept) WHERE p.cbsCode STARTS WITH 'PV' RETURN count(p) AS n"


def _rows() -> list[dict[str, str]]:
    with SNAPSHOT.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _one(driver: Driver, database: str, query: str, **params: Any) -> Any:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return records[0][0]


# Mutation caught: pointing skos:broader at id/region/PV… (not the vocabulary's def/region/PV…)
# leaves the graph without one municipality (0 == 26).
def test_the_shipped_snapshot_loads_every_municipality_under_one_province(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    rows = _rows()
    load(driver, database, VOCABULARIES, tmp_path)
    report = load(driver, database, SNAPSHOT, tmp_path, kind="cbs-regions")
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (len(rows), 0)
    assert _one(driver, database, MUNICIPALITIES) == len(rows)
    records, _, _ = driver.execute_query(PROVINCES_PER_MUNICIPALITY, database_=database)
    assert {r["code"]: r["provinces"] for r in records} == {row["code"]: 1 for row in rows}
    assert _one(driver, database, PROVINCE_NODES) == 12
    gelderland = sum(1 for row in rows if row["province"] == "PV25")
    assert _one(driver, database, IN_PROVINCE, province="PV25") == gelderland
