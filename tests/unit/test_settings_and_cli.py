"""Settings choose local or external Neo4j; the CLI maps error kinds to exit codes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kennisgraaf.cli import app
from kennisgraaf.errors import (
    ConfigurationError,
    InputError,
    KennisgraafError,
    Neo4jUnavailableError,
    OntologyError,
    ValidationError,
)
from kennisgraaf.settings import Settings


def test_local_engine_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("KENNISGRAAF_NEO4J_PORT", "7999")
    s = Settings()
    assert s.uses_local_neo4j and s.bolt_uri == "bolt://127.0.0.1:7999"


def test_neo4j_uri_selects_an_external_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USERNAME", "reader")
    monkeypatch.setenv("NEO4J_DATABASE", "kg")
    s = Settings()
    assert not s.uses_local_neo4j
    assert (s.bolt_uri, s.neo4j_username, s.neo4j_database) == (
        "neo4j+s://example.databases.neo4j.io",
        "reader",
        "kg",
    )


def test_every_error_kind_has_its_own_exit_code() -> None:
    kinds = [ConfigurationError, InputError, Neo4jUnavailableError, OntologyError, ValidationError]
    assert all(issubclass(k, KennisgraafError) for k in kinds)
    codes = [k.exit_code for k in kinds]
    assert len(set(codes)) == len(codes) and 0 not in codes and 1 not in codes


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "neo4j" in result.output and "demo" in result.output


def test_external_uri_makes_local_engine_commands_no_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    from kennisgraaf.settings import get_settings

    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["neo4j", "start"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0 and "local engine is not used" in result.output


def test_serve_flags_become_the_apps_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest's public URL is built from settings: `--host/--port` must reach them."""
    import uvicorn

    from kennisgraaf.settings import get_settings

    served: dict[str, object] = {}

    def run(app: object, host: str, port: int) -> None:  # stands in for the server loop only
        served.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("KENNISGRAAF_PUBLIC_URL", raising=False)
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["serve", "--host", "127.0.0.2", "--port", "9123"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.2", 9123)
    settings = served["app"].state.settings  # type: ignore[attr-defined]
    assert settings.public_base_url == "http://127.0.0.2:9123/"
