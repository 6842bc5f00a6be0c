"""The NRO queries over the API and the CLI, on the sample graph (vocabularies and sample only,
so the answers are the ones the sample's header lists for its NRO section)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID
from tests.integration.test_api_resources import get
from tests.integration.test_cli_queries import _cli

P, Q = ID + "product/", ID + "question/"
G3, G4 = ID + "grant/nro/40.5.21501.003", ID + "grant/nro/40.5.21502.004"
PGO = ID + "programme/praktijkgericht-onderzoek"


@pytest.fixture(scope="module")
def api(
    sample_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("nro-routes") / "data"}
    )
    with TestClient(create_app(settings, driver=sample_graph[0])) as client:
        yield client


def test_funding_routes(api: TestClient) -> None:
    grants = get(api, "/analytics/funding")
    assert [g["project_number"] for g in grants] == [
        "40.5.21502.004", "40.5.19501.001", "40.5.19501.002", "40.5.21501.003",
    ]  # fmt: skip
    assert grants[1]["start"] == "2019-11-01" and grants[1]["amount"] == 350000.0
    assert [(o["iri"], o["access"]) for o in grants[0]["outputs"]][-1] == (
        ID + "study/rp01",
        "embargoed",
    )
    assert [g["grant"] for g in get(api, f"/analytics/funding?iri={ID}call/pgo-2021")] == [G3]
    refused = get(api, f"/analytics/funding?iri={Q}q01", 400)
    assert "no programme, call or grant" in refused["message"]
    follow = get(api, f"/analytics/funding/follow-up?iri={PGO}")
    assert follow == [
        {"programme": PGO, "grants": 3, "amount": 870000.0, "outputs": 7, "shared": 6, "used": 4}
    ]


def test_open_access_route(api: TestClient) -> None:
    by_sector = get(api, "/analytics/open-access?by=sector")
    assert [(a["group"], a["outputs"], a["open"]) for a in by_sector] == [
        ("HBO", 4, 2), ("PO", 5, 1), ("VO", 2, 0), ("WO", 11, 3),
    ]  # fmt: skip
    assert by_sector[1]["share"] == pytest.approx(0.2)
    by_programme = get(api, "/analytics/open-access")
    assert [(a["outputs"], a["open"], a["unknown"]) for a in by_programme] == [(4, 2, 0), (7, 1, 6)]
    get(api, "/analytics/open-access?by=region", 422)


def test_referrals_agenda_toolkit_and_citation_routes(api: TestClient) -> None:
    referrals = get(api, "/analytics/kennisrotonde/referrals")
    assert referrals["summary"]["questions"] == 12
    assert referrals["summary"]["earlier_answer_share"] == pytest.approx(0.25)
    assert referrals["summary"]["reuse"] == {P + "p11": 2, P + "p44": 1}
    assert len(referrals["questions"]) == 12
    items = get(api, "/analytics/agenda")
    assert [len(i["questions"]) for i in items] == [2, 3, 2]
    assert items[1]["grants"] == [
        ID + "grant/nro/40.5.19501.001", ID + "grant/nro/40.5.19501.002", G3,
    ]  # fmt: skip
    get(api, f"/analytics/agenda?iri={PGO}", 400)
    strands = get(api, "/analytics/toolkit")
    assert [(s["iri"], s["impact_months"], s["answers"]) for s in strands][2:] == [
        (P + "t01", 6.0, [P + "p44"]),
        (P + "t02", 3.0, [P + "p11r"]),
    ]
    paths = get(api, "/analytics/citation-paths/q44")
    assert [p["hops"] for p in paths] == [2, 3, 3, 3, 3]
    assert get(api, "/analytics/citation-paths/q44?limit=1")[0]["study"] == (
        ID + "study/doi/10.5555/kg-sample.sb08"
    )
    get(api, "/analytics/citation-paths/q99", 404)


@pytest.mark.usefixtures("sample_graph")
def test_nro_commands(neo4j_settings: Settings) -> None:
    result = _cli(neo4j_settings, "nro", "referrals", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["by_status"]["referred-to-earlier-answer"] == 3
    table = _cli(neo4j_settings, "nro", "open-access", "--by", "sector")
    assert table.returncode == 0, table.stderr
    assert "WO" in table.stdout and "27%" in table.stdout  # 3 of 11
    outputs = _cli(neo4j_settings, "nro", "outputs")
    assert "praktijkgericht-onderzoek: 3 grants, EUR 870,000, 7 outputs, 6 shared, 4 used" in (
        outputs.stdout
    )
    paths = _cli(neo4j_settings, "nro", "citations", "q44")
    assert "p44 → t01 → kg-sample.sb08" in paths.stdout
    agenda = json.loads(_cli(neo4j_settings, "nro", "agenda", "--json").stdout)
    assert agenda[0]["taken_up_by"] == [{"iri": G4, "kind": "grant"}]
    strands = _cli(neo4j_settings, "nro", "toolkit")
    assert "+6.0" in strands.stdout and "+3.0" in strands.stdout
    wrong = _cli(neo4j_settings, "nro", "open-access", "--by", "region")
    assert wrong.returncode == 2 and "--by takes programme or sector" in wrong.stderr
