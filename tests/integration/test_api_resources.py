"""The JSON API over the sample graph (vocabularies, seed and sample loaded once per module).

Expectations are worked out from sample.ttl: its header lists each question's furthest stage
(use: q01 q02 q04 q05 q07–q16; creation: q03 q31–q36), the PO questions are those with
`kg:sector sector:PO`, and so on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID

PO = ["q01", "q02", "q03", "q11", "q16", "q17", "q22", "q25", "q28", "q30", "q36", "q37",
      "q41", "q43", "q45", "q46"]  # fmt: skip


@pytest.fixture(scope="module")
def api(
    analytics_graph: tuple[Driver, str],
    neo4j_settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    driver, _ = analytics_graph
    tmp = tmp_path_factory.mktemp("api-resources")
    settings = neo4j_settings.model_copy(update={"data_dir": tmp / "data"})
    with TestClient(create_app(settings, driver=driver)) as client:
        yield client


def keys(body: dict[str, Any]) -> list[str]:
    return [item["key"] for item in body["items"]]


def get(api: TestClient, url: str, status: int = 200) -> Any:
    response = api.get(url)
    assert response.status_code == status, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=PO", PO),
        ("sector=po", PO),
        ("theme=curriculum-and-pedagogy", ["q01", "q02", "q18", "q29", "q44", "q47"]),
        ("sector=PO&theme=curriculum-and-pedagogy", ["q01", "q02"]),
        ("network=kennistafel-begrijpend-lezen", ["q01"]),
        ("network=" + ID + "network/kennistafel-begrijpend-lezen", ["q01"]),
        ("since=2023-01-01&until=2023-12-31",
         ["q06", "q23", "q28", "q29", "q30", "q32", "q34", "q43"]),
        ("stage=use", ["q01", "q02", "q04", "q05", "q07", "q08", "q09", "q10", "q11", "q12",
                       "q13", "q14", "q15", "q16"]),
        ("sector=PO&stage=use", ["q01", "q02", "q11", "q16"]),
        ("furthest=creation", ["q03", "q31", "q32", "q33", "q34", "q35", "q36"]),
        ("q=Begrijpend", ["q01", "q02"]),
        ("q=reading+comprehension+team", ["q02"]),
        ("q=nothing-like-this", []),
    ],
)  # fmt: skip
def test_question_filters(api: TestClient, query: str, expected: list[str]) -> None:
    body = get(api, f"/questions?{query}&limit=100")
    assert keys(body) == expected
    assert body["total"] == len(expected)


def test_question_pages(api: TestClient) -> None:
    body = get(api, "/questions?limit=5&offset=40")
    assert (body["total"], body["limit"], body["offset"]) == (49, 5, 40)
    assert keys(body) == ["q41", "q42", "q43", "q44", "q45"]
    body = get(api, "/questions?sector=PO&limit=3&offset=3")
    assert keys(body) == ["q11", "q16", "q17"] and body["total"] == 16
    assert get(api, "/questions?offset=100")["items"] == []


def test_question_summary_shape(api: TestClient) -> None:
    first = get(api, "/questions?limit=1")["items"][0]
    assert first == {
        "iri": ID + "question/q01",
        "key": "q01",
        "text": {
            "nl": "Hoe kunnen we begrijpend lezen in groep 6 tot en met 8 effectiever onderwijzen?",
            "en": "How can we teach reading comprehension in grades 6 to 8 more effectively?",
        },
        "status": "answered",
        "sectors": ["PO"],
        "themes": ["curriculum-and-pedagogy", "educational-disadvantage"],
        "articulated": "2019-09-12",
    }


@pytest.mark.parametrize(
    "query",
    ["stage=nowhere", "since=yesterday", "limit=0", "limit=1001", "offset=-1", "furthest=use2"],
)
def test_bad_question_filters_are_422(api: TestClient, query: str) -> None:
    body = get(api, f"/questions?{query}", 422)
    assert body["error"] == "invalid-parameters" and body["details"]


def test_question_detail(api: TestClient) -> None:
    body = get(api, "/questions/q03")
    assert body["text"]["en"].startswith("Which data show")
    assert body["status"]["notation"] == "open"
    assert [c["notation"] for c in body["sectors"]] == ["PO"]
    assert [c["notation"] for c in body["themes"]] == ["data-informed-practice", "diversity"]
    (articulation,) = body["articulations"]
    assert articulation["date"] == "2024-05-21"
    assert articulation["people"] == [{"iri": ID + "person/pieter-bakker", "name": "Pieter Bakker"}]
    assert articulation["where"][0]["iri"] == ID + "organisation/ikc-de-klimroos"
    assert articulation["informed_by"] == [ID + "use/u02"]
    assert body["reached"] == ["articulation", "creation"]
    assert body["missing"] == ["organisation", "sharing", "use"]
    assert body["studies"] == [ID + "study/s03"] and body["products"] == []
    # q38 refines q06
    assert get(api, "/questions/q38")["refines"] == [ID + "question/q06"]
    assert get(api, "/questions/q06")["refined_by"] == [ID + "question/q38"]


def test_question_trace(api: TestClient) -> None:
    body = get(api, "/questions/q01/trace")
    assert body["reached"] == ["articulation", "creation", "organisation", "sharing", "use"]
    # u01 raised q02, whose use u02 raised q03
    assert [t["question"] for t in body["raised"]] == [ID + "question/q02"]
    assert [t["question"] for t in body["raised"][0]["raised"]] == [ID + "question/q03"]
    shallow = get(api, "/questions/q01/trace?depth=0")
    assert shallow["raised"] == [] and shallow["raised_not_expanded"] == [ID + "question/q02"]
    get(api, "/questions/q01/trace?depth=9", 422)


def test_unknown_resources_are_404(api: TestClient) -> None:
    for url in ["/questions/q99", "/questions/q99/trace", "/studies/s99", "/people/nobody",
                "/organisations/werkplaats-rijnvallei", "/networks/hs-rijnvallei",
                "/products/s01", "/questions/q99/matches", "/questions/q99/evidence"]:  # fmt: skip
        assert get(api, url, 404)["error"] == "not-found", url


def test_studies_and_products(api: TestClient) -> None:
    body = get(api, "/studies?q=meta")
    assert keys(body) == [
        "doi/10.5555/kg-sample.sb01",
        "doi/10.5555/kg-sample.sb02",
        "doi/10.5555/kg-sample.sb08",
    ]
    assert get(api, "/studies?limit=1")["total"] == 39
    assert get(api, "/products?limit=1")["total"] == 30
    study = get(api, "/studies/doi/10.5555/kg-sample.s01")
    assert study["types"] == ["ResearchProject"] and study["doi"] == ["10.5555/kg-sample.s01"]
    assert (study["design"]["notation"], study["strength"]["scale"]) == ("rct", 4)
    assert (study["effect_size"], study["sample_size"]) == (0.23, 1240)
    assert study["funders"] == [
        {"iri": ID + "organisation/nro", "name": study["funders"][0]["name"]}
    ]
    assert study["made"]["date"] == "2021-06-30" and study["made"]["started"] == "2019-11-01"
    assert [p["iri"] for p in study["made"]["people"]] == [
        ID + "person/hanna-mulder",
        ID + "person/iris-bos",
    ]
    assert study["questions"] == [ID + "question/q01"]
    assert study["products"] == [ID + "product/p01"]
    product = get(api, "/products/p01")
    assert product["kind"] == "product" and product["types"] == ["ToolkitStrand"]
    assert product["synthesises"] == [
        ID + "study/doi/10.5555/kg-sample.s01",
        ID + "study/doi/10.5555/kg-sample.sb01",
    ]
    assert [u["iri"] for u in product["uses"]] == [ID + "use/u01"]
    assert product["publishers"][0]["iri"] == ID + "organisation/nro"


def test_people(api: TestClient) -> None:
    body = get(api, "/people?limit=3")
    assert body["total"] == 27
    assert [i["name"] for i in body["items"]] == ["Anouk van Leeuwen", "Ayşe Demir", "Bram Kok"]
    assert [i["name"] for i in get(api, "/people?q=DE+vries")["items"]] == ["Sanne de Vries"]
    assert [i["name"] for i in get(api, "/people?q=jansen")["items"]] == ["Eva Jansen"]
    eva = get(api, "/people/eva-jansen")
    assert eva["boundary_crosser"] is True
    assert [
        (r["role"]["notation"], r["sides"], r["organisation"]["name"]) for r in eva["roles"]
    ] == [
        ("teacher-educator", ["practice"], "Pabo Rijnvallei"),
        ("lector", ["research"], "Lectoraat Leren en Innoveren"),
    ]
    assert eva["networks"] == [
        {
            "iri": ID + "network/werkplaats-rijnvallei",
            "name": "Werkplaats Onderwijsonderzoek Rijnvallei",
        }
    ]
    assert eva["studies"] == [
        ID + "study/doi/10.5555/kg-sample.s07",
        ID + "study/s02",
        ID + "study/s27",
        ID + "study/s30",
    ]
    assert eva["products"] == [ID + "product/p02", ID + "product/p27"]
    yara = get(api, "/people/yara-koster")
    assert yara["boundary_crosser"] is False  # two practice-side roles
    assert yara["questions"] == [ID + "question/q18"]


def test_organisations_and_networks(api: TestClient) -> None:
    body = get(api, "/organisations?q=rijnvallei")
    assert keys(body) == ["hs-rijnvallei", "pabo-rijnvallei", "spo-rijnvallei"]
    hs = get(api, "/organisations/hs-rijnvallei")
    assert hs["types"] == ["Hogeschool"] and hs["regions"] == ["Gelderland"]
    assert [u["iri"] for u in hs["units"]] == [
        ID + "organisation/lectoraat-leren-innoveren",
        ID + "organisation/pabo-rijnvallei",
    ]
    assert [n["iri"] for n in hs["networks"]] == [ID + "network/werkplaats-rijnvallei"]
    uu = get(api, "/organisations/ror/04pp8hn57")
    assert (uu["name"], uu["ror"]) == ("Universiteit Utrecht", "04pp8hn57")
    assert [(p["iri"], p["role"]) for p in uu["people"]] == [
        (ID + "person/hanna-mulder", "researcher")
    ]
    networks = get(api, "/networks")
    assert networks["total"] == 26  # the sample's 10 and the seed's 17, ResearchEd in both
    assert "werkplaats-rijnvallei" in keys(networks)
    assert "werkplaats-rijnvallei" not in keys(get(api, "/organisations?limit=1000"))
    assert all("Network" not in o["types"] for o in get(api, "/organisations?limit=1000")["items"])
    wp = get(api, "/networks/werkplaats-rijnvallei")
    assert wp["kind"]["notation"] == "werkplaats"
    assert [c["notation"] for c in wp["sectors"]] == ["HBO", "PO", "WO"]
    assert [f["notation"] for f in wp["functions"]] == ["creation", "sharing", "use"]
    assert [p["name"] for p in wp["people"]] == ["Eva Jansen", "Hanna Mulder", "Ruben Hendriks"]
    kt = get(api, "/networks/kennistafel-begrijpend-lezen")
    assert kt["questions"] == [ID + "question/q01"]
    assert kt["sharings"] == [ID + "sharing/sh01"]


def test_funnel(api: TestClient) -> None:
    body = get(api, "/analytics/funnel")
    # stage counts from the header's furthest stages; shortcuts (p09 … answer directly) and
    # studies shared without a product make later stages reachable without earlier ones
    assert body["groups"]["all"]["articulation"] == 49
    assert body["groups"]["all"]["use"] == 14
    assert body["stages"] == ["articulation", "creation", "organisation", "sharing", "use"]
    by_sector = get(api, "/analytics/funnel?by=sector")
    assert by_sector["groups"]["PO"]["articulation"] == 16
    assert by_sector["groups"]["PO"]["use"] == 4  # q01 q02 q11 q16
    get(api, "/analytics/funnel?by=colour", 422)


def test_stalled(api: TestClient) -> None:
    # open, articulated more than a year before 2025-06-01, no creation and no organisation:
    # of the articulation-only questions q06 (2023-04-12) and q43 (2023-06-05)
    body = get(api, "/analytics/stalled?days=365&today=2025-06-01")
    assert [(i["key"], i["articulated"], i["days_open"]) for i in body["items"]] == [
        ("q06", "2023-04-12", 781),
        ("q43", "2023-06-05", 727),
    ]
    assert body["items"][0]["furthest"] == "articulation"
    get(api, "/analytics/stalled?days=-1", 422)


def test_boundary_crossers(api: TestClient) -> None:
    body = get(api, "/analytics/boundary-crossers")
    assert sorted(c["key"] for c in body) == [
        "ayse-demir",
        "eva-jansen",
        "lotte-visser",
        "mohamed-el-idrissi",
        "pieter-bakker",
        "sanne-de-vries",
    ]
    scores = [c["betweenness"] for c in body]
    assert scores == sorted(scores, reverse=True)


def test_matches_and_evidence(api: TestClient) -> None:
    matches = get(api, "/questions/q37/matches?limit=2")
    assert [(m["key"], m["score"]) for m in matches] == [("hanna-mulder", 6.0), ("ayse-demir", 4.0)]
    # direct evidence for q01, all of strength 4, newest first: p01 (2021-11-15) synthesises
    # s01 (2021-06-30), which studied q01, and the background meta-analysis sb01 (2018-03-30)
    evidence = get(api, "/questions/q01/evidence?themes=false")
    assert [(e["iri"], e["strength"], e["date"]) for e in evidence] == [
        (ID + "product/p01", 4, "2021-11-15"),
        (ID + "study/doi/10.5555/kg-sample.s01", 4, "2021-06-30"),
        (ID + "study/doi/10.5555/kg-sample.sb01", 4, "2018-03-30"),
    ]
    assert all(e["direct"] for e in evidence)


def test_openapi_documents_examples(api: TestClient) -> None:
    spec = get(api, "/openapi.json")
    for path in ["/questions", "/questions/{key}", "/questions/{key}/trace", "/studies",
                 "/people/{key}", "/analytics/funnel", "/analytics/boundary-crossers", "/cypher",
                 "/reconcile"]:  # fmt: skip
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    for name in ["QuestionSummary", "QuestionDetail", "Trace", "WorkDetail", "Funnel"]:
        assert schemas[name].get("examples"), name
