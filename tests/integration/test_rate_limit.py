"""Per-client rate limits of the public, costly routes: 429 with Retry-After and a JSON body,
counted per route group and per client; other routes are never limited. The test session turns
the limiter off (tests/conftest.py); these tests turn it on."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.errors import ConfigurationError
from kennisgraaf.settings import Settings

QUERIES = json.dumps({"q": {"query": "Hanna Mulder"}})


@pytest.fixture
def limited(driver: Driver, api_settings: Settings) -> Iterator[Callable[..., TestClient]]:
    with ExitStack() as stack:

        def make(client: tuple[str, int] = ("192.0.2.1", 50000), **rates: Any) -> TestClient:
            settings = api_settings.model_copy(update={"rate_limit_enabled": True, **rates})
            app = create_app(settings, driver=driver)
            return stack.enter_context(TestClient(app, client=client))

        yield make


def assert_refused(response: Any) -> int:
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["retry-after"])
    body = response.json()
    assert body["status"] == 429 and body["error"] == "too-many-requests"
    assert body["retry_after"] == retry_after
    assert f"try again in {retry_after} s" in body["message"]
    return retry_after


def test_reconciliation_over_its_rate_gets_429_with_retry_after(
    limited: Callable[..., TestClient],
) -> None:
    client = limited(rate_limit_reconcile="2/minute")
    assert client.get("/reconcile").status_code == 200
    assert client.get("/reconcile", params={"queries": QUERIES}).status_code == 200
    refused = client.post("/reconcile", data={"queries": QUERIES})
    assert 1 <= assert_refused(refused) <= 60
    assert "reconcile" in refused.json()["message"]
    # browser-based reconciliation clients can read the refusal
    assert refused.headers["access-control-allow-origin"] == "*"
    # the group covers the suggest routes; preflights and other routes are never counted
    assert_refused(client.get("/reconcile/suggest/entity", params={"prefix": "han"}))
    assert client.options("/reconcile").status_code == 204
    for _ in range(5):
        assert client.get("/health").status_code == 200


def test_every_rate_of_a_group_holds(limited: Callable[..., TestClient]) -> None:
    client = limited(rate_limit_search="100/minute;1/hour")
    first = client.get("/search", params={"q": "lezen"})
    assert first.status_code == 200, first.text
    # the second rate refuses: the wait is the hour's, not the minute's
    assert assert_refused(client.get("/search", params={"q": "lezen"})) > 60


def test_groups_and_clients_are_counted_apart(limited: Callable[..., TestClient]) -> None:
    rates = {
        "rate_limit_sparql": "1/minute",
        "rate_limit_validate": "1/minute",
        "rate_limit_reconcile": "1/minute",
    }
    one = limited(**rates)
    turtle = {"content-type": "text/turtle"}
    assert one.get("/sparql", params={"query": "ASK {}"}).status_code != 429
    assert_refused(one.get("/sparql", params={"query": "ASK {}"}))
    assert one.post("/validate", content=b"", headers=turtle).status_code != 429
    assert_refused(one.post("/validate", content=b"", headers=turtle))
    assert one.get("/reconcile").status_code == 200
    # another client of the same app has its own allowance
    other = TestClient(one.app, client=("192.0.2.2", 50000))
    assert other.get("/reconcile").status_code == 200
    assert_refused(one.get("/reconcile"))


def test_a_rate_that_does_not_parse_names_its_setting(api_settings: Settings) -> None:
    settings = api_settings.model_copy(
        update={"rate_limit_enabled": True, "rate_limit_sparql": "lots"}
    )
    with pytest.raises(ConfigurationError, match="rate_limit_sparql: 'lots'"):
        create_app(settings)


def test_off_by_setting(limited: Callable[..., TestClient]) -> None:
    client = limited(rate_limit_enabled=False, rate_limit_reconcile="1/minute")
    assert all(client.get("/reconcile").status_code == 200 for _ in range(3))
