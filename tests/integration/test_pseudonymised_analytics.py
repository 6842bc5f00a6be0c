"""Pseudonymised analytics (README "Personal data"): a person shown by role only still counts
in the analytics — here a boundary crosser — but the public answer names only their roles and
organisations: no name, an opaque IRI. The demo's public trace shows such a person by role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rich.console import Console

from kennisgraaf.api.app import create_app
from kennisgraaf.api.person_roles import role_names
from kennisgraaf.cli.demo_personal_data import show_restricted_trace
from kennisgraaf.graph.provenance import RESTRICTED_KEY, restricted_values
from kennisgraaf.settings import Settings
from tests.conftest import _sample
from tests.database import Declare
from tests.ld_helpers import app_settings
from tests.pipeline_helpers import BASE, load

HIDDEN = BASE + "id/person/anon-c7d0c8c20c"  # the sample's Thomas van Dijk, never asked
NAME = "Thomas van Dijk"
ROR = BASE + "id/organisation/ror/027bh9e22"


def _research_role(driver: Driver, database: str, folder: Path) -> tuple[Driver, str]:
    """The sample, and a research role for a school leader who is shown by role only: practice
    and research side, so a boundary crosser."""
    _sample(driver, database, folder)
    extra = folder / "research-role.ttl"
    extra.write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        f"<{BASE}id/membership/m-research-1> a org:Membership ;\n"
        f"    org:member <{HIDDEN}> ;\n"
        f"    org:organization <{ROR}> ;\n"
        "    org:role <https://w3id.org/kennisgraaf/def/role/researcher> .\n",
        encoding="utf-8",
    )
    report = load(driver, database, extra, folder)
    assert report.statements_rejected == 0, report.rejections
    return driver, database


@pytest.fixture(scope="module")
def graph(module_graph: Declare) -> tuple[Driver, str]:
    loaded: tuple[Driver, str] = module_graph(_research_role)
    return loaded


@pytest.fixture
def api(
    graph: tuple[Driver, str], neo4j_settings: Settings, tmp_path: Path
) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings(neo4j_settings, tmp_path), driver=graph[0])) as c:
        yield c


def test_a_boundary_crosser_shown_by_role_counts_but_is_not_named(api: TestClient) -> None:
    r = api.get("/analytics/boundary-crossers")
    assert r.status_code == 200
    assert NAME not in r.text and "Thomas" not in r.text
    crossers = {c["iri"]: c for c in r.json()}
    assert HIDDEN in crossers  # counted: the analytics see the roles of restricted people
    entry = crossers[HIDDEN]
    assert entry["name"] is None
    assert [x["role"] for x in entry["practice_roles"]] == ["school-leader"]
    assert [(x["role"], x["organisation"]) for x in entry["research_roles"]] == [
        ("researcher", ROR)
    ]
    assert all(x["organisation_name"] for x in entry["practice_roles"] + entry["research_roles"])
    # The people who consented are named as before.
    assert crossers[BASE + "id/person/eva-jansen"]["name"] == "Eva Jansen"


def test_the_demo_shows_a_public_trace_with_a_restricted_actor_by_role(
    graph: tuple[Driver, str], neo4j_settings: Settings
) -> None:
    driver, database = graph
    console = Console(record=True, width=200)
    show_restricted_trace(driver, neo4j_settings, console)
    text = console.export_text()
    assert "public trace of question/" in text
    hidden = driver.execute_query(
        "MATCH (p:Person) WHERE p._hidden RETURN p.iri AS iri, p._restricted AS restricted",
        database_=database,
    ).records
    kept = [restricted_values({RESTRICTED_KEY: r["restricted"]}) for r in hidden]
    names = [n for values in kept for n in values.get("foaf_name", [])]
    assert len(names) == len(hidden) >= 5 and NAME in names
    assert not [n for n in names if n in text] and "/person/" not in text
    roles = role_names(driver, database, {r["iri"] for r in hidden}, "en")
    shown = [role for role in roles.values() if f"by {role}" in text]
    assert shown and all(re.fullmatch(r"an? [a-z -]+ at an? .+", role) for role in shown)
