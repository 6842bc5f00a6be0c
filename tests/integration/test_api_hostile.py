"""The hostile-input corpus (tests/hostile_inputs.py) through the API: every case sent to
`POST /validate` (RDF) and `POST /imports` (RDF and Kennisrotonde records) is answered with a
clear error naming the limit and the place — a 4xx for validation, a failed job for an import —
never a 500 or a server path; the server keeps serving after each case and the graph is
unchanged."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.settings import Settings
from tests.conftest import count_all
from tests.hostile_inputs import (
    CASES,
    DEPTH,
    EXPANSION,
    LINE,
    LITERAL,
    STATEMENTS,
    HostileCase,
)
from tests.integration.test_api_imports import finished

API_CASES = [case for case in CASES if case.media_type is not None]
LIMITS = {DEPTH, LITERAL, LINE, STATEMENTS, EXPANSION}


def _status(case: HostileCase) -> set[int]:
    """A bound of the settings passed is 413; other unreadable input (encodings, entities) 400."""
    return {413} if LIMITS & set(case.expect) else {400}


@pytest.fixture(scope="module")
def clients(
    session_driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[tuple[str, int], ...], tuple[TestClient, dict[str, str]]]]:
    """One app (and a write token) per set of settings the cases need, kept for the module:
    processes stay up from case to case, as on a server."""
    made: dict[tuple[tuple[str, int], ...], tuple[TestClient, dict[str, str]]] = {}
    entered: list[TestClient] = []
    try:
        for case in API_CASES:
            key = tuple(sorted(case.settings.items()))
            if key in made:
                continue
            folder = tmp_path_factory.mktemp("hostile-api")
            settings = neo4j_settings.model_copy(
                update={"data_dir": folder / "data", **dict(case.settings)}
            )
            token = create_token(tokens_path(settings.data_dir), "hostile", ["write"])
            client = TestClient(create_app(settings, driver=session_driver))
            client.__enter__()
            entered.append(client)
            made[key] = (client, {"authorization": f"Bearer {token}"})
        yield made
    finally:
        for client in entered:
            client.__exit__(None, None, None)


def _clear(message: str, case: HostileCase) -> None:
    for expected in case.expect:
        assert expected in message, f"{case.name}: {expected!r} not in {message!r}"
    assert case.name in message, f"{case.name}: the upload is not named in {message!r}"
    for leak in ("/tmp/", "upload-", "kennisgraaf-upload", "Traceback"):
        assert leak not in message, f"{case.name}: {leak!r} in {message!r}"


def _alive(client: TestClient) -> None:
    health = client.get("/health")
    assert health.status_code == 200, health.text


@pytest.mark.parametrize("case", API_CASES, ids=[c.name for c in API_CASES])
def test_hostile_upload_is_refused_clearly_and_the_server_keeps_serving(
    case: HostileCase,
    clients: Mapping[tuple[tuple[str, int], ...], tuple[TestClient, dict[str, str]]],
    driver: Driver,
    database: str,
) -> None:
    client, writer = clients[tuple(sorted(case.settings.items()))]
    body = case.body()
    before = count_all(driver, database)
    headers: dict[str, Any] = {"content-type": case.media_type}
    name = f"{case.name}{case.suffix}"
    if case.kind == "rdf":
        refused = client.post("/validate", params={"name": name}, content=body, headers=headers)
        assert refused.status_code in _status(case), (case.name, refused.status_code)
        assert refused.json()["error"] not in ("parser-died", "too-slow", "internal"), refused.text
        _clear(refused.json()["message"], case)
        _alive(client)
    accepted = client.post(
        "/imports",
        params={"source": f"hostile-{case.name}", "kind": case.kind, "name": name},
        content=body,
        headers={**headers, **writer},
    )
    assert accepted.status_code == 202, (case.name, accepted.text)
    shown = finished(client, accepted.headers["location"])
    assert shown["state"] == "failed", (case.name, shown)
    assert shown["error"]["status"] in _status(case), (case.name, shown["error"])
    _clear(shown["error"]["message"], case)
    _alive(client)
    assert count_all(driver, database) == before, f"{case.name}: the graph changed"
