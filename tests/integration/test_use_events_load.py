"""The use-and-sharing intake through the pipeline on a real Neo4j: after the example projects,
the example rows load whole as the sharings and uses of their outputs (worked out from
loaders/examples/use-events-example.csv by hand), and a changed file replaces what the source
said."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

from neo4j import Driver

from kennisgraaf.loaders import use_events
from tests.pipeline_helpers import load

EXAMPLES = Path(use_events.__file__).with_name("examples")
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
ID = "https://w3id.org/kennisgraaf/id/"
DEF = "https://w3id.org/kennisgraaf/def/"

STAGES = """
MATCH (a:CycleActivity)-[:prov_used]->(s:Study)
WHERE a:KnowledgeSharing OR a:KnowledgeUse
OPTIONAL MATCH (a)-[:sharingKind]->(k)
OPTIONAL MATCH (a)-[:useLevel]->(l)
RETURN a.dcterms_identifier AS id, CASE WHEN a:KnowledgeUse THEN 'use' ELSE 'sharing' END AS stage,
       k.iri AS kind, l.iri AS level, collect(s.doi) AS used
ORDER BY id
"""
PEOPLE = """
MATCH (a:CycleActivity)-[:prov_wasAssociatedWith]->(p:Person)
WHERE a:KnowledgeSharing OR a:KnowledgeUse
RETURN a.dcterms_identifier AS id, p.foaf_name AS name ORDER BY id
"""


def rows(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [dict(r) for r in records]


def _loaded(driver: Driver, database: str, tmp_path: Path) -> None:
    load(driver, database, VOCABULARIES, tmp_path)
    load(driver, database, EXAMPLES / "projects-example.jsonl", tmp_path, kind="projects")


def _stages(driver: Driver, database: str) -> list[tuple[Any, ...]]:
    return [
        (r["id"], r["stage"], r["kind"], r["level"], sorted(r["used"]))
        for r in rows(driver, database, STAGES)
    ]


# Mutation caught: a use report typed as a sharing (its stage would read 'sharing').
def test_the_example_loads_as_sharings_and_uses_of_the_outputs(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    _loaded(driver, database, tmp_path)
    report = load(
        driver, database, EXAMPLES / "use-events-example.csv", tmp_path, kind="use-events"
    )
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (5, 0)
    assert (summary["statements_rejected"], summary["resources_rejected"]) == (0, 0)
    kind, level = DEF + "sharing-kind/", DEF + "use-level/"
    assert _stages(driver, database) == [
        ("VB-BEN-004", "use", None, level + "school", ["10.5555/kg-example.1"]),
        ("VB-BEN-005", "use", None, level + "bestuur", ["10.5555/kg-example.2"]),
        ("VB-DEEL-001", "sharing", kind + "event", level + "regio", ["10.5555/kg-example.1"]),
        ("VB-DEEL-002", "sharing", kind + "training", level + "school",
         ["10.5555/kg-example.1", "10.5555/kg-example.2"]),
        ("VB-DEEL-003", "sharing", kind + "newsletter", None, ["10.5555/kg-example.3"]),
    ]  # fmt: skip
    informed = rows(
        driver, database,
        "MATCH (u:KnowledgeUse)-[:prov_wasInformedBy]->(s:KnowledgeSharing)"
        "-[:prov_atLocation]->(school:School) "
        "RETURN u.dcterms_identifier AS use, s.dcterms_identifier AS sharing, school.brin AS brin",
    )  # fmt: skip
    assert informed == [{"use": "VB-BEN-004", "sharing": "VB-DEEL-002", "brin": "99AA"}]
    # the only person is the one who consented; the projects' names are not restated
    assert rows(driver, database, PEOPLE) == [{"id": "VB-DEEL-002", "name": "Marieke Voorbeeld"}]
    school = ID + "organisation/hogeschool-voorbeeldstad"
    names = rows(driver, database, "MATCH (o {iri: $iri}) RETURN o.foaf_name AS name", iri=school)
    assert names == [{"name": "Hogeschool Voorbeeldstad"}]


# Mutation caught: keying the activities by row number instead of id (a changed file would
# leave the old activities next to the new ones).
def test_a_changed_file_replaces_what_the_source_said(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    _loaded(driver, database, tmp_path)
    first = EXAMPLES / "use-events-example.csv"
    load(driver, database, first, tmp_path, kind="use-events", source="gebruik")
    with first.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    kept = [r for r in records if r["id"] != "VB-BEN-005"]
    kept[0]["level"] = "school"  # VB-DEEL-001 now at school level
    changed = tmp_path / "gebruik-2.csv"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(records[0]))
        writer.writeheader()
        writer.writerows(kept)
    load(driver, database, changed, tmp_path, kind="use-events", source="gebruik")
    stages = _stages(driver, database)
    assert [s[0] for s in stages] == ["VB-BEN-004", "VB-DEEL-001", "VB-DEEL-002", "VB-DEEL-003"]
    assert stages[1][3] == DEF + "use-level/school"
