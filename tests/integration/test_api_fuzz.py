"""Property-based fuzz of the whole API from its own OpenAPI schema: no input gives a 500."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from neo4j import Driver
from schemathesis.checks import not_a_server_error

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings

EXAMPLES = 15


@pytest.fixture(scope="module")
def app(
    sample_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> FastAPI:
    tmp = tmp_path_factory.mktemp("fuzz")
    settings_ = neo4j_settings.model_copy(update={"data_dir": tmp / "data"})
    return create_app(settings_, driver=sample_graph[0])


def test_no_input_gives_a_server_error(app: FastAPI) -> None:
    # Each operation of the OpenAPI schema gets its own property-based run; pytest plugins are
    # not used, so this runs the same under any pytest version.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    # An Err (a broken schema) has no ok(): the test fails there, as it should.
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case[Any]) -> None:
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])

        try:
            run()
        except Exception as e:  # collect every operation's failure, then report them all
            failures[operation.label] = f"{type(e).__name__}: {str(e)[:500]}"
    assert failures == {}
