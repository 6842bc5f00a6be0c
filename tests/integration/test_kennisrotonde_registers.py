"""A Kennisrotonde record naming the asker's school by BRIN loads on a real Neo4j after the
registers: the question reaches the register's school and, through its municipality, the
province — no organisation minted, no person — and passes the gate."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from tests.pipeline_helpers import load
from tests.register_graph import REGISTERS, VOCABULARIES, duo_rows

SCHOOL_AND_REGION = """
MATCH (q:KnowledgeQuestion)-[:prov_wasGeneratedBy]->(a)-[:prov_wasAssociatedWith]->(s:School)
MATCH (q)-[:inRegion]->(m)-[:skos_broader]->(p)
RETURN q.iri AS question, s.brin AS brin, m.cbsCode AS municipality, p.iri AS province
"""


# Mutation caught: leaving out the school link (asker_school_triples) returns no row.
def test_the_question_reaches_the_register_school_and_its_province(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load(driver, database, VOCABULARIES, tmp_path)
    load(driver, database, REGISTERS / "cbs" / "municipalities.csv", tmp_path, kind="cbs-regions")
    for path in sorted((REGISTERS / "duo").glob("*.csv")):
        load(driver, database, path, tmp_path, kind="duo")
    row = next(r for r in duo_rows() if r["VESTIGINGSNAAM"].startswith("Greijdanus"))
    record = {
        "number": "KR.7", "date": "2020-01-10", "sectors": "VO", "question": "Werkt samen lezen?",
        "asker_role": "teacher", "asker_school_brin": row["VESTIGINGSCODE"],
    }  # fmt: skip
    path = tmp_path / "kennisrotonde.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    report = load(driver, database, path, tmp_path, kind="kennisrotonde")
    assert (report.rejected_resources, report.summary()["records_quarantined"]) == (0, 0)
    records, _, _ = driver.execute_query(SCHOOL_AND_REGION, database_=database)
    assert [(r["brin"], r["municipality"], r["province"]) for r in records] == [
        (
            row["VESTIGINGSCODE"],
            f"GM{row['GEMEENTENUMMER']}",
            "https://w3id.org/kennisgraaf/def/region/PV22",  # Drenthe
        )
    ]
    people, _, _ = driver.execute_query("MATCH (p:Person) RETURN count(p) AS n", database_=database)
    assert people[0]["n"] == 0
