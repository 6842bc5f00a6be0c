"""POST /validate and POST /imports: good and bad payloads, languages, authentication; imports as
jobs (202, then their state at the import's URL)."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver
from rdflib import Graph

from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.graph.lease import WriterLease
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.conftest import count_all

QUESTION_WITHOUT_TEXT = """@prefix kg: <https://w3id.org/kennisgraaf/def#> .
<https://w3id.org/kennisgraaf/id/question/x> a kg:KnowledgeQuestion .
"""
TURTLE = {"content-type": "text/turtle"}


def _token(settings: Settings, *scopes: str) -> dict[str, str]:
    token = create_token(tokens_path(settings.data_dir), "test", list(scopes))
    return {"authorization": f"Bearer {token}"}


def finished(client: TestClient, url: str, timeout_s: float = 180.0) -> dict[str, Any]:
    """The import at `url` once its job has ended (done, failed or interrupted)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        shown = client.get(url)
        assert shown.status_code == 200, shown.text
        if shown.json()["state"] in ("done", "failed", "interrupted"):
            return dict(shown.json())
        time.sleep(0.2)
    raise AssertionError(f"{url} did not finish within {timeout_s} s: {shown.json()}")


def test_validate_conforming_data(client: TestClient) -> None:
    response = client.post("/validate", content=dataset_path("seed").read_bytes(), headers=TURTLE)
    assert response.status_code == 200
    body = response.json()
    assert body["conforms"] is True and body["statements_read"] == 698


def test_validate_reports_violations_in_the_requested_language(client: TestClient) -> None:
    nl = client.post("/validate", content=QUESTION_WITHOUT_TEXT,
                     headers={**TURTLE, "accept-language": "nl-NL, en;q=0.5"})  # fmt: skip
    en = client.post("/validate", content=QUESTION_WITHOUT_TEXT,
                     headers={**TURTLE, "accept-language": "en"})  # fmt: skip
    assert nl.json()["conforms"] is False
    paths = {v["path"] for v in nl.json()["violations"]}
    assert "https://w3id.org/kennisgraaf/def#questionText" in paths
    text_nl = next(v["message"] for v in nl.json()["violations"] if v["path"].endswith("Text"))
    text_en = next(v["message"] for v in en.json()["violations"] if v["path"].endswith("Text"))
    assert text_nl.startswith("Een vraag") and text_en.startswith("A question")


def test_validate_returns_a_shacl_report_in_turtle(client: TestClient) -> None:
    response = client.post("/validate", content=QUESTION_WITHOUT_TEXT,
                           headers={**TURTLE, "accept": "text/turtle"})  # fmt: skip
    assert response.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=response.text, format="turtle")
    assert (None, None, None) in report and "ValidationResult" in response.text


def test_bad_payloads_get_clear_4xx_answers(client: TestClient) -> None:
    broken = client.post(
        "/validate",
        content=b"<http://ex/a> <http://ex/b> <http://ex/c> .\n<c> <d> <e",
        headers=TURTLE,
    )
    assert broken.status_code == 400
    assert broken.json()["error"] == "bad-input" and ":2" in broken.json()["message"]
    wrong_type = client.post("/validate", content=b"x", headers={"content-type": "image/png"})
    assert wrong_type.status_code == 415 and "text/turtle" in wrong_type.json()["message"]


def test_import_needs_a_write_token(client: TestClient, api_settings: Settings) -> None:
    body = dataset_path("seed").read_bytes()
    assert client.post("/imports?source=seed", content=body, headers=TURTLE).status_code == 401
    reader = _token(api_settings, "query")
    forbidden = client.post("/imports?source=seed", content=body, headers={**TURTLE, **reader})
    assert forbidden.status_code == 403
    bogus = {"authorization": "Bearer kg_not-a-token"}
    assert client.post("/imports?source=seed", content=body,
                       headers={**TURTLE, **bogus}).status_code == 401  # fmt: skip


def test_import_runs_the_pipeline_and_is_reported_later(
    client: TestClient, api_settings: Settings, driver: object, database: str
) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    body = dataset_path("seed").read_bytes()
    accepted = client.post("/imports?source=seed", content=body, headers=writer)
    assert accepted.status_code == 202, accepted.text
    url = accepted.headers["location"]
    assert accepted.json()["url"] == url and url.endswith(f"/imports/{accepted.json()['import']}")
    assert accepted.json()["state"] in ("queued", "reading", "loading")
    shown = finished(client, url)
    assert shown["state"] == "done", shown
    report = shown["report"]
    assert report["statements_loaded"] == 698 and report["conforms"] is True
    assert report["status"] == "loaded"
    # The Import node's record, as before jobs: complete, current, with its summary.
    assert shown["status"] == "complete" and shown["source"] == "seed" and shown["current"]
    assert shown["summary"]["statements_loaded"] == 698
    assert shown["progress"]["statements_total"] == 698
    assert shown["progress"]["statements_done"] == 698
    again = client.post("/imports?source=seed", content=body, headers=writer)
    assert again.status_code == 202 and again.headers["location"] == url
    assert finished(client, url)["report"]["status"] == "unchanged"
    assert client.get("/imports/nope").status_code == 404
    nodes, _ = count_all(driver, database)  # type: ignore[arg-type]
    assert nodes > 0


def test_import_quarantines_violations(client: TestClient, api_settings: Settings) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    response = client.post("/imports?source=bad", content=QUESTION_WITHOUT_TEXT, headers=writer)
    assert response.status_code == 202
    body = finished(client, response.headers["location"])["report"]
    assert body["statements_loaded"] == 0 and body["resources_rejected"] == 1
    assert any((api_settings.data_dir / "quarantine").glob("*.rejected.ttl"))


def test_a_failed_import_says_why_without_server_paths(
    client: TestClient, api_settings: Settings, driver: object, database: str
) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    broken = b"<http://ex/a> <http://ex/b> <http://ex/c> .\n<c> <d> <e"
    response = client.post("/imports?source=broken&name=mine.ttl", content=broken, headers=writer)
    assert response.status_code == 202
    shown = finished(client, response.headers["location"])
    assert shown["state"] == "failed" and shown["error"]["error"] == "bad-input", shown
    message = shown["error"]["message"]
    assert message.startswith("mine.ttl:2"), message
    assert str(api_settings.data_dir) not in message and "/tmp" not in message
    assert count_all(driver, database) == (0, 0)  # type: ignore[arg-type]
    # Nothing of the upload is left behind on the server.
    assert not any((api_settings.data_dir / "imports").iterdir())


def test_validation_errors_name_the_upload_not_the_server_folder(client: TestClient) -> None:
    broken = b"<http://ex/a> <http://ex/b> <http://ex/c> .\n<c> <d> <e"
    plain = client.post("/validate", content=broken, headers=TURTLE)
    assert plain.status_code == 400 and plain.json()["message"].startswith("upload.ttl:2")
    named = client.post("/validate?name=export.ttl", content=broken, headers=TURTLE)
    assert named.json()["message"].startswith("export.ttl:2"), named.json()
    disposition = {**TURTLE, "content-disposition": 'attachment; filename="C:\\x\\dump.ttl"'}
    by_header = client.post("/validate", content=broken, headers=disposition)
    assert by_header.json()["message"].startswith("dump.ttl:2"), by_header.json()
    for answer in (plain, named, by_header):
        assert "kennisgraaf-upload" not in answer.text and "/tmp/" not in answer.text
    assert client.post("/validate?name=../x", content=broken, headers=TURTLE).status_code == 400


def test_empty_uploads_are_answered_as_the_cli_answers_empty_files(
    client: TestClient, api_settings: Settings, driver: object, database: str
) -> None:
    # Validation: an empty document conforms (as `kennisgraaf validate` of an empty file).
    empty = client.post("/validate", content=b"", headers=TURTLE)
    assert empty.status_code == 200, empty.text
    assert empty.json()["conforms"] is True and empty.json()["statements_read"] == 0
    # Import: refused (as `kennisgraaf load` of an empty file), at once for an empty body…
    writer = {**TURTLE, **_token(api_settings, "write")}
    refused = client.post("/imports?source=nothing", content=b"", headers=writer)
    assert refused.status_code == 400 and refused.json()["error"] == "empty-body"
    # … and by the pipeline for a document without statements; nothing is written.
    prefixes_only = b"@prefix ex: <http://example.org/> .\n"
    accepted = client.post("/imports?source=nothing", content=prefixes_only, headers=writer)
    shown = finished(client, accepted.headers["location"])
    assert shown["state"] == "failed" and shown["error"]["error"] == "bad-input", shown
    assert "no statements" in shown["error"]["message"]
    assert count_all(driver, database) == (0, 0)  # type: ignore[arg-type]


def test_import_refuses_bad_source_names_and_kinds(
    client: TestClient, api_settings: Settings
) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    assert client.post("/imports?source=../etc", content=b"x", headers=writer).status_code == 400
    assert client.post("/imports?source=a&kind=zip", content=b"x",
                       headers=writer).status_code == 400  # fmt: skip
    assert client.post("/imports", content=b"x", headers=writer).status_code == 422
    # The whole name must match: a trailing newline would reach log lines and file names.
    refused = client.post("/imports", params={"source": "abc\n"}, content=b"x", headers=writer)
    assert refused.status_code == 400 and refused.json()["error"] == "bad-source"


def test_an_import_waits_for_the_writer_lease_and_says_for_which_load(
    client: TestClient, api_settings: Settings, driver: Driver, database: str
) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    body = dataset_path("seed").read_bytes()
    with WriterLease(driver, database, "import z of source 'from the command line'"):
        before = count_all(driver, database)  # the lease's own node
        accepted = client.post("/imports?source=seed", content=body, headers=writer)
        assert accepted.status_code == 202, accepted.text
        url = accepted.headers["location"]
        deadline = time.monotonic() + 120
        shown = client.get(url).json()
        while shown["state"] != "waiting" and time.monotonic() < deadline:
            assert shown["state"] in ("queued", "reading"), shown
            time.sleep(0.2)
            shown = client.get(url).json()
        assert shown["state"] == "waiting", shown
        assert "source 'from the command line'" in shown["waiting_for"]
        assert count_all(driver, database) == before  # nothing written while it waits
    done = finished(client, url)
    assert done["state"] == "done" and done["report"]["statements_loaded"] == 698, done
    assert "waiting_for" not in done
