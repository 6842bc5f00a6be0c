"""The service basics: health, one error shape, request size limit, tokens."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from kennisgraaf.api.auth import create_token, find_token, tokens_path
from kennisgraaf.settings import Settings


def test_health_names_the_neo4j(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["neo4j"]["version"].startswith("5.26")


def test_tokens_are_stored_hashed_and_scoped(tmp_path: Path) -> None:
    path = tokens_path(tmp_path)
    token = create_token(path, "nro-import", ["write"])
    stored = path.read_text()
    assert token not in stored and token.startswith("kg_")
    record = find_token(path, token)
    assert record is not None and record.scopes == ("write",)
    assert find_token(path, token + "x") is None
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_oversized_body_is_refused_with_413(client: TestClient, api_settings: Settings) -> None:
    too_big = b"x" * (api_settings.max_upload_bytes + 1)
    response = client.post("/health", content=too_big)
    assert response.status_code == 413 and response.json()["error"] == "too-large"
