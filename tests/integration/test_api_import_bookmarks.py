"""An import run by the API (in a process of its own) hands the app the bookmarks of its
commits, so the app's next reads wait for them even on another member of a cluster."""

from __future__ import annotations

import time

import neo4j
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.settings import Settings

PERSON = "https://w3id.org/kennisgraaf/id/person/bm"
BODY = (
    "@prefix kg: <https://w3id.org/kennisgraaf/def#> .\n"
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    f'<{PERSON}> a kg:Person ; foaf:name "Bea Mark" ; kg:consentToBeNamed true .\n'
).encode()


def test_the_app_reads_after_the_bookmarks_of_an_import(
    client: TestClient, api_settings: Settings, driver: Driver, database: str
) -> None:
    token = create_token(tokens_path(api_settings.data_dir), "test", ["write"])
    accepted = client.post(
        "/imports?source=bm",
        content=BODY,
        headers={"content-type": "text/turtle", "authorization": f"Bearer {token}"},
    )
    assert accepted.status_code == 202, accepted.text
    jobs = client.app.state.import_jobs  # type: ignore[attr-defined]
    deadline = time.monotonic() + 180
    while (job := jobs.get(accepted.json()["import"])).state not in ("done", "failed"):
        assert time.monotonic() < deadline, job.view()
        time.sleep(0.1)
    assert job.state == "done", job.view()
    assert job.bookmarks and all(isinstance(b, str) and b for b in job.bookmarks)
    # Given to the app's driver before the job was seen done, for its next reads to wait on.
    app_driver: Driver = client.app.state.driver  # type: ignore[attr-defined]
    assert set(job.bookmarks) <= set(app_driver.execute_query_bookmark_manager.get_bookmarks())
    # Real bookmarks of the import: a read after them sees what it wrote.
    with driver.session(
        database=database,
        default_access_mode=neo4j.READ_ACCESS,
        bookmarks=neo4j.Bookmarks.from_raw_values(job.bookmarks),
    ) as session:
        found = session.run("MATCH (p:Person {iri: $iri}) RETURN p.foaf_name AS name", iri=PERSON)
        assert [r["name"] for r in found] == ["Bea Mark"]
