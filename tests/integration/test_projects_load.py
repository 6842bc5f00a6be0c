"""The project intake through the pipeline on a real Neo4j: the example file loads whole and the
graph holds exactly its programmes, calls, grants and outputs (worked out from
loaders/examples/projects-example.jsonl by hand); a changed file replaces what the source said;
a bad record is quarantined with its reason while the rest loads."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from neo4j import Driver

from kennisgraaf.loaders import projects
from tests.pipeline_helpers import load

EXAMPLE = Path(projects.__file__).with_name("examples") / "projects-example.jsonl"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
ID = "https://w3id.org/kennisgraaf/id/"

OUTPUTS = """
MATCH (g:Grant)
OPTIONAL MATCH (g)-[:schema_fundedItem]->(o)
RETURN g.nroProjectNumber AS number, collect(o.doi) AS dois ORDER BY number
"""
GRANTS = """
MATCH (g:Grant)-[:dcterms_isPartOf]->(c:Call)-[:dcterms_isPartOf]->(p:Programme)-[:funder]->(f)
OPTIONAL MATCH (g)-[:leadApplicant]->(lead:Person)
OPTIONAL MATCH (g)-[:schema_amount]->(a)
RETURN g.nroProjectNumber AS number, c.iri AS call, p.iri AS programme, f.iri AS funder,
       lead.foaf_name AS lead, a.schema_value AS amount, a.schema_currency AS currency,
       g.startDate AS start, g.endDate AS end
ORDER BY number
"""


def rows(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params, database_=database)
    return [dict(r) for r in records]


def _outputs(driver: Driver, database: str) -> dict[str, set[str]]:
    return {r["number"]: set(r["dois"]) for r in rows(driver, database, OUTPUTS)}


# Mutation caught: dropping the call from the grant (dcterms:isPartOf) leaves GRANTS empty.
def test_the_example_loads_with_exactly_its_grants_and_outputs(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load(driver, database, VOCABULARIES, tmp_path)
    report = load(driver, database, EXAMPLE, tmp_path, kind="projects")
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (3, 0)
    assert (summary["statements_rejected"], summary["resources_rejected"]) == (0, 0)
    assert _outputs(driver, database) == {
        "40.5.90001.001": {"10.5555/kg-example.1", "10.5555/kg-example.2"},
        "40.5.90001.002": {"10.5555/kg-example.3"},
        "405-15-718": set(),
    }
    grants = rows(driver, database, GRANTS)
    assert [(g["number"], g["call"], g["programme"], g["lead"]) for g in grants] == [
        ("40.5.90001.001", ID + "call/pgo-2020-voorbeeld", ID + "programme/pgo-voorbeeld",
         "Marieke Voorbeeld"),
        ("40.5.90001.002", ID + "call/pgo-2020-voorbeeld", ID + "programme/pgo-voorbeeld",
         "Joris Proef"),
        ("405-15-718", ID + "call/kennisbenutting-2016-voorbeeld",
         ID + "programme/kennisbenutting-voorbeeld", "Sanne Steekproef"),
    ]  # fmt: skip
    assert {g["funder"] for g in grants} == {ID + "organisation/nro"}
    assert [(g["amount"], g["currency"]) for g in grants] == [
        (250000.0, "EUR"), (180000.0, "EUR"), (None, None)
    ]  # fmt: skip
    assert str(grants[0]["start"]) == "2020-09-01" and str(grants[0]["end"]) == "2022-08-31"
    creators = rows(
        driver, database,
        "MATCH (s:Report {doi: '10.5555/kg-example.1'})-[:prov_wasGeneratedBy]->(c)"
        "-[:prov_wasAssociatedWith]->(a) RETURN collect(a.iri) AS who",
    )  # fmt: skip
    assert set(creators[0]["who"]) == {
        ID + "person/orcid/0000-0002-9990-0011",
        ID + "organisation/ror/04pp8hn57",
        ID + "organisation/brin/99AA",
    }


# Mutation caught: a withdrawal that skips the stale keys (the old outputs and grant would stay).
def test_a_changed_file_replaces_what_the_source_said(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load(driver, database, VOCABULARIES, tmp_path)
    load(driver, database, EXAMPLE, tmp_path, kind="projects", source="nro-projecten")
    records = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    records[0]["outputs"] = records[0]["outputs"][:1]  # output .2 no longer listed
    changed = tmp_path / "projecten-2.jsonl"
    changed.write_text("".join(json.dumps(r) + "\n" for r in records[:2]), encoding="utf-8")
    report = load(driver, database, changed, tmp_path, kind="projects", source="nro-projecten")
    assert report.status != "unchanged"
    assert _outputs(driver, database) == {
        "40.5.90001.001": {"10.5555/kg-example.1"},
        "40.5.90001.002": {"10.5555/kg-example.3"},
    }
    # what only the dropped record and output said is gone: the study, the person, the programme
    left = [ID + "study/doi/10.5555/kg-example.2", ID + "person/orcid/0000-0002-9990-002X",
            ID + "programme/kennisbenutting-voorbeeld"]  # fmt: skip
    gone = rows(
        driver, database, "MATCH (n:Resource) WHERE n.iri IN $iris RETURN collect(n.iri) AS left",
        iris=left,
    )  # fmt: skip
    assert gone == [{"left": []}]


# Mutation caught: a converter that raises for a bad record (the whole file refused).
def test_a_bad_record_is_quarantined_and_the_rest_loads(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load(driver, database, VOCABULARIES, tmp_path)
    records = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    records[1]["outputs"][0]["doi"] = "10.55/te-kort"
    path = tmp_path / "projecten.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = load(driver, database, path, tmp_path, kind="projects")
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (3, 1)
    assert set(_outputs(driver, database)) == {"40.5.90001.001", "405-15-718"}
    refused = [p for p in report.quarantine if p.name.endswith(".records.jsonl")]
    quarantined = [json.loads(line) for line in refused[0].read_text(encoding="utf-8").splitlines()]
    assert [q["problems"] for q in quarantined] == [
        [{"field": "outputs[1].doi",
          "reason": "invalid DOI '10.55/te-kort': expected 10.<4-9 digits>/<suffix>"}]
    ]  # fmt: skip
