"""POST /imports and POST /validate take every input kind that comes as one file (read from
loaders/sources.KINDS): the example project file, uploaded as JSON Lines, loads whole with
exactly its programmes, calls, grants and outputs, worked out from
loaders/examples/projects-example.jsonl by hand — three records; programmes pgo-voorbeeld and
kennisbenutting-voorbeeld; calls pgo-2020-voorbeeld and kennisbenutting-2016-voorbeeld; grants
40.5.90001.001 (DOIs kg-example.1 and .2), 40.5.90001.002 (kg-example.3) and 405-15-718 (none).
A CSV that needs a mapping is refused with the reason."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.uploads import upload_kinds
from kennisgraaf.loaders import projects
from kennisgraaf.loaders.sources import KINDS
from kennisgraaf.settings import Settings
from tests.integration.test_api_imports import _token, finished

EXAMPLE = Path(projects.__file__).with_name("examples") / "projects-example.jsonl"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
JSON_LINES = {"content-type": "application/x-ndjson"}
GRAPH = """
MATCH (g:Grant)
OPTIONAL MATCH (g)-[:schema_fundedItem]->(o)
WITH g, collect(o.doi) AS dois ORDER BY g.nroProjectNumber
RETURN COUNT { (:Programme) } AS programmes, COUNT { (:Call) } AS calls,
       collect([g.nroProjectNumber, dois]) AS grants
"""


def test_every_kind_but_the_mapped_csv_may_be_uploaded() -> None:
    assert upload_kinds() == [k.name for k in KINDS if k.name != "csv"]
    assert {"rdf", "kennisrotonde", "projects", "use-events"} <= set(upload_kinds())


# Mutation caught: upload kinds limited to rdf and kennisrotonde again → 400 bad-kind.
def test_a_project_file_uploads_as_json_lines_and_loads_whole(
    client: TestClient, api_settings: Settings, driver: Driver, database: str
) -> None:
    writer = _token(api_settings, "write")
    vocabularies = client.post("/imports?source=vocabularies", content=VOCABULARIES.read_bytes(),
                               headers={"content-type": "text/turtle", **writer})  # fmt: skip
    assert finished(client, vocabularies.headers["location"])["state"] == "done"
    checked = client.post("/validate?kind=projects", content=EXAMPLE.read_bytes(),
                          headers=JSON_LINES)  # fmt: skip
    assert checked.status_code == 200, checked.text
    assert checked.json()["conforms"] is True
    accepted = client.post(
        "/imports", params={"source": "projects", "kind": "projects", "name": EXAMPLE.name},
        content=EXAMPLE.read_bytes(), headers={**JSON_LINES, **writer},
    )  # fmt: skip
    assert accepted.status_code == 202, accepted.text
    done = finished(client, accepted.headers["location"])
    assert done["state"] == "done", done
    report = done["report"]
    assert (report["records_read"], report["records_quarantined"]) == (3, 0), report
    assert report["statements_rejected"] == 0
    records, _, _ = driver.execute_query(GRAPH, database_=database)
    graph = dict(records[0])
    assert (graph["programmes"], graph["calls"]) == (2, 2)
    assert [(number, sorted(dois)) for number, dois in graph["grants"]] == [
        ("40.5.90001.001", ["10.5555/kg-example.1", "10.5555/kg-example.2"]),
        ("40.5.90001.002", ["10.5555/kg-example.3"]),
        ("405-15-718", []),
    ]


def test_a_kind_that_needs_a_mapping_or_is_unknown_is_refused_with_the_reason(
    client: TestClient, api_settings: Settings
) -> None:
    writer = {"content-type": "text/csv", **_token(api_settings, "write")}
    mapped = client.post("/imports?source=a&kind=csv", content=b"a,b\n1,2\n", headers=writer)
    assert mapped.status_code == 400 and "mapping" in mapped.json()["message"]
    unknown = client.post("/validate?kind=zip", content=b"x", headers={"content-type": "text/csv"})
    assert unknown.status_code == 400
    assert "projects" in unknown.json()["message"] and "use-events" in unknown.json()["message"]
    image = client.post("/imports?source=a&kind=projects", content=b"x",
                        headers={**writer, "content-type": "image/png"})  # fmt: skip
    assert image.status_code == 415 and "application/x-ndjson" in image.json()["message"]
