"""POST /validate and POST /imports: good and bad payloads, languages, authentication."""

from __future__ import annotations

from fastapi.testclient import TestClient
from rdflib import Graph

from kennisgraaf.api.auth import create_token, tokens_path
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


def test_validate_conforming_data(client: TestClient) -> None:
    response = client.post("/validate", content=dataset_path("seed").read_bytes(), headers=TURTLE)
    assert response.status_code == 200
    body = response.json()
    assert body["conforms"] is True and body["statements_read"] == 389


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
    empty = client.post("/validate", content=b"", headers=TURTLE)
    assert empty.status_code == 400 and empty.json()["error"] == "empty-body"


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
    created = client.post("/imports?source=seed", content=body, headers=writer)
    assert created.status_code == 201, created.text
    report = created.json()
    assert report["statements_loaded"] == 389 and report["conforms"] is True
    again = client.post("/imports?source=seed", content=body, headers=writer)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    shown = client.get(f"/imports/{report['import']}").json()
    assert shown["status"] == "complete" and shown["source"] == "seed" and shown["current"]
    assert shown["summary"]["statements_loaded"] == 389
    assert client.get("/imports/nope").status_code == 404
    nodes, _ = count_all(driver, database)  # type: ignore[arg-type]
    assert nodes > 0


def test_import_quarantines_violations(client: TestClient, api_settings: Settings) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    response = client.post("/imports?source=bad", content=QUESTION_WITHOUT_TEXT, headers=writer)
    body = response.json()
    assert response.status_code == 201
    assert body["statements_loaded"] == 0 and body["resources_rejected"] == 1
    assert any((api_settings.data_dir / "quarantine").glob("*.rejected.ttl"))


def test_import_refuses_bad_source_names_and_kinds(
    client: TestClient, api_settings: Settings
) -> None:
    writer = {**TURTLE, **_token(api_settings, "write")}
    assert client.post("/imports?source=../etc", content=b"x", headers=writer).status_code == 400
    assert client.post("/imports?source=a&kind=zip", content=b"x",
                       headers=writer).status_code == 400  # fmt: skip
    assert client.post("/imports", content=b"x", headers=writer).status_code == 422
