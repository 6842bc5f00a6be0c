"""The reconciliation service: every response validates against the Reconciliation Service API
0.2 JSON Schemas (from ../shared/specs beside the repository), scores and match flags follow
the rules in kennisgraaf.api.reconciliation, and CORS is on these routes only.

Besides the sample, two records with identifiers: a namesake of Hanna Mulder with an ORCID iD
and a school with a BRIN code whose name holds characters HTML must escape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from neo4j import Driver
from referencing import Registry, Resource

from kennisgraaf.api import reconciliation as recon
from kennisgraaf.api.app import create_app
from kennisgraaf.api.reconciliation import clip, name_score, normalise
from kennisgraaf.settings import Settings
from tests.analytics_graph import ID, load_graph
from tests.database import Declare
from tests.pipeline_helpers import load

SCHEMAS = Path(__file__).parents[2] / ".." / "shared" / "specs" / "reconciliation-0.2" / "schemas"
ORCID = "0000-0002-1825-0097"
NAMESAKE = ID + "person/orcid/" + ORCID
PUBLIC_URL = "https://kennisgraaf.example/api/"
SCHOOL = ID + "organisation/brin/12AB"
EXTRA = f"""
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix sector: <https://w3id.org/kennisgraaf/def/sector/> .
<{NAMESAKE}> a kg:Person ; foaf:name "Hanna Mulder" ; kg:orcid "{ORCID}" .
<{SCHOOL}> a kg:School ; foaf:name "Basisschool <De Regenboog> & Co" ; kg:brin "12AB" ;
    kg:sector sector:PO ; kg:region "Utrecht" .
"""


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft7Validator]:
    schemas = {p.stem: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
    assert schemas, f"no JSON schemas in {SCHEMAS}: the specification must sit beside the checkout"
    registry: Registry = Registry().with_resources(
        (s["$id"].rstrip("#"), Resource.from_contents(s, default_specification=_draft7()))
        for s in schemas.values()
    )
    return {name: Draft7Validator(s, registry=registry) for name, s in schemas.items()}


def _draft7() -> Any:
    from referencing.jsonschema import DRAFT7

    return DRAFT7


def load_identified(driver: Driver, database: str, folder: Path) -> Driver:
    """Vocabularies, seed, sample, and people and organisations known by their identifiers."""
    load_graph(driver, database, folder)
    extra = folder / "identified.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    assert load(driver, database, extra, folder).status == "loaded"
    return driver


@pytest.fixture(scope="module")
def api(
    module_graph: Declare, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    driver = module_graph(load_identified)
    tmp = tmp_path_factory.mktemp("reconciliation")
    settings = neo4j_settings.model_copy(
        update={"data_dir": tmp / "data", "public_url": PUBLIC_URL}
    )
    with TestClient(create_app(settings, driver=driver)) as client:
        yield client


@pytest.fixture
def api_with(
    api: TestClient, session_driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> Iterator[Callable[..., TestClient]]:
    """Clients of apps over the same loaded graph (`api`'s) with other settings."""
    with ExitStack() as stack:

        def make(**settings: Any) -> TestClient:
            changed = neo4j_settings.model_copy(update={"data_dir": tmp_path / "data", **settings})
            app = create_app(changed, driver=session_driver)
            return stack.enter_context(TestClient(app))

        yield make


def valid(validators: dict[str, Draft7Validator], schema: str, body: Any) -> Any:
    errors = sorted(validators[schema].iter_errors(body), key=str)
    assert not errors, [e.message for e in errors]
    return body


def reconcile(
    api: TestClient,
    validators: dict[str, Draft7Validator],
    queries: dict[str, Any],
    post: bool = False,
) -> dict[str, Any]:
    payload = {"queries": json.dumps(queries)}
    response = (
        api.post("/reconcile", data=payload) if post else api.get("/reconcile", params=payload)
    )
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    return valid(validators, "reconciliation-result-batch", response.json())  # type: ignore[no-any-return]


def top(result: dict[str, Any]) -> list[tuple[str, float, bool]]:
    return [(c["id"], c["score"], c["match"]) for c in result["result"]]


def test_the_schemas_check_something(validators: dict[str, Draft7Validator]) -> None:
    # guard against a registry that resolves nothing and so accepts everything
    assert list(validators["manifest"].iter_errors({"versions": ["0.1"], "name": "x"}))
    assert list(validators["reconciliation-result-batch"].iter_errors({"q0": {"result": [{}]}}))


def test_manifest(api: TestClient, validators: dict[str, Draft7Validator]) -> None:
    response = api.get("/reconcile")
    assert response.headers["access-control-allow-origin"] == "*"
    body = valid(validators, "manifest", response.json())
    assert body["versions"] == ["0.2"]
    assert body["identifierSpace"] == "https://w3id.org/kennisgraaf/id/"
    assert [t["id"] for t in body["defaultTypes"]] == [
        "person",
        "organisation",
        "study",
        "network",
        "question",
    ]
    assert body["view"]["url"] == "{{id}}"
    # every URL from the configured public URL, none from the address the request came to
    assert body["preview"]["url"] == PUBLIC_URL + "reconcile/preview?id={{id}}"
    assert body["documentation"] == PUBLIC_URL + "docs"
    assert body["suggest"]["entity"] == {
        "service_url": PUBLIC_URL.rstrip("/"),
        "service_path": "/reconcile/suggest/entity",
    }
    assert "testserver" not in response.text
    assert body["batchSize"] == 50


def test_manifest_ignores_the_host_header(
    api: TestClient, api_with: Callable[..., TestClient], validators: dict[str, Draft7Validator]
) -> None:
    # A shared cache keyed on the URL would hand a poisoned manifest to everyone.
    hostile = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    response = api.get("/reconcile", headers=hostile)
    valid(validators, "manifest", response.json())
    assert "evil.example" not in response.text
    assert response.json()["preview"]["url"].startswith(PUBLIC_URL)
    # without public_url, the configured host and port, still not the request's
    default = api_with(host="10.1.2.3", port=8123).get("/reconcile", headers=hostile)
    assert "evil.example" not in default.text
    assert default.json()["preview"]["url"] == "http://10.1.2.3:8123/reconcile/preview?id={{id}}"


def test_names_accents_and_namesakes(
    api: TestClient, validators: dict[str, Draft7Validator]
) -> None:
    body = reconcile(
        api,
        validators,
        {
            "accents": {"query": "ayse DEMIR", "type": "person"},
            "namesakes": {"query": "Hanna Mulder", "type": "person"},
            "typo": {"query": "Lote Visser", "type": "person", "limit": 1},
            "org": {"query": "Universiteit Utrecht", "type": "organisation", "limit": 2},
            "question": {
                "query": "hoe kunnen we begrijpend lezen in groep 6 tot en met 8 effectiever "
                "onderwijzen",
                "type": "question",
                "limit": 1,
            },
            "question-abbreviated": {
                "query": "Hoe kunnen we begrijpend lezen in groep 6 t/m 8 effectiever onderwijzen",
                "type": "question",
                "limit": 1,
            },
        },
        post=True,
    )
    assert top(body["accents"])[0] == (ID + "person/ayse-demir", 100.0, True)
    assert body["accents"]["result"][0]["name"] == "Ayşe Demir"
    # two people called Hanna Mulder: both 100, neither is a match
    assert top(body["namesakes"])[:2] == [
        (ID + "person/hanna-mulder", 100.0, False),
        (NAMESAKE, 100.0, False),
    ]
    (typo,) = top(body["typo"])
    assert typo[0] == ID + "person/lotte-visser" and typo[1] < 90 and typo[2] is False
    assert top(body["org"])[0] == (ID + "organisation/ror/04pp8hn57", 100.0, True)
    assert body["org"]["result"][0]["type"] == [{"id": "organisation", "name": "Organisation"}]
    assert top(body["question"]) == [(ID + "question/q01", 100.0, True)]
    ((iri, score, match),) = top(body["question-abbreviated"])
    assert iri == ID + "question/q01" and 80 < score < 90 and match is False


def test_identifiers_decide(api: TestClient, validators: dict[str, Draft7Validator]) -> None:
    body = reconcile(
        api,
        validators,
        {
            "orcid": {
                "query": "Hanna Mulder",
                "type": "person",
                "properties": [{"pid": "orcid", "v": "https://orcid.org/" + ORCID}],
            },
            "orcid-only": {"properties": [{"pid": "orcid", "v": ORCID}]},
            "doi": {
                "query": "a title nobody wrote",
                "properties": [{"pid": "doi", "v": "doi:10.5555/KG-SAMPLE.S01"}],
            },
            "ror": {
                "query": "Utrecht",
                "type": "organisation",
                "properties": [{"pid": "ror", "v": ["04pp8hn57"]}],
            },
            "brin": {"query": "Regenboog", "properties": [{"pid": "brin", "v": "12ab"}]},
            "bad-orcid": {
                "query": "Hanna Mulder",
                "type": "person",
                "properties": [{"pid": "orcid", "v": "not-an-orcid"}],
            },
        },
    )
    orcid = top(body["orcid"])
    assert orcid[0] == (NAMESAKE, 100.0, True)
    assert orcid[1] == (ID + "person/hanna-mulder", 100.0, False)
    assert {"id": "orcid", "value": True} in body["orcid"]["result"][0]["features"]
    assert top(body["orcid-only"]) == [(NAMESAKE, 100.0, True)]
    assert top(body["doi"]) == [(ID + "study/doi/10.5555/kg-sample.s01", 100.0, True)]
    assert top(body["ror"])[0] == (ID + "organisation/ror/04pp8hn57", 100.0, True)
    assert top(body["brin"])[0] == (SCHOOL, 100.0, True)
    # an identifier that is no ORCID iD matches nothing: the name decides, and ties
    assert [m for _, _, m in top(body["bad-orcid"])] == [False, False]


def test_types_and_limits(api: TestClient, validators: dict[str, Draft7Validator]) -> None:
    body = reconcile(
        api,
        validators,
        {
            "network": {"query": "Werkplaats Rijnvallei", "type": "network", "limit": 1},
            "class-iri": {
                "query": "Werkplaats Rijnvallei",
                "type": "https://w3id.org/kennisgraaf/def#Network",
                "limit": 1,
            },
            "all": {
                "query": "Rijnvallei",
                "type": ["network", "organisation"],
                "type_strict": "all",
            },
            "any": {"query": "Rijnvallei", "type": ["network", "organisation"], "limit": 10},
        },
    )
    assert top(body["network"])[0][0] == ID + "network/werkplaats-rijnvallei"
    assert top(body["class-iri"]) == top(body["network"])
    assert body["all"]["result"] == []
    kinds = {c["type"][0]["id"] for c in body["any"]["result"]}
    assert kinds == {"network", "organisation"}


@pytest.mark.parametrize(
    ("queries", "says"),
    [
        ("not json", "not valid JSON"),
        ("[]", "non-empty JSON object"),
        ('{"q0": {}}', "needs a query text or properties"),
        ('{"q0": {"query": "x", "type": "cat"}}', "unknown type 'cat'"),
        ('{"q0": {"query": "x", "properties": [{"pid": "isbn", "v": "1"}]}}', "unknown property"),
        ('{"q0": {"query": "x", "colour": "red"}}', "colour"),
        ('{"q0": {"query": "x", "limit": 0}}', "limit"),
    ],
)
def test_bad_batches_are_400_with_cors(api: TestClient, queries: str, says: str) -> None:
    response = api.get("/reconcile", params={"queries": queries})
    assert response.status_code == 400
    assert response.headers["access-control-allow-origin"] == "*"
    assert says in response.json()["message"]


def test_preview_escapes(api: TestClient) -> None:
    response = api.get("/reconcile/preview", params={"id": SCHOOL})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "Basisschool &lt;De Regenboog&gt; &amp; Co" in response.text
    assert "<De Regenboog>" not in response.text
    assert "brin: 12AB" in response.text
    assert response.headers["access-control-allow-origin"] == "*"
    missing = api.get("/reconcile/preview", params={"id": "urn:x:<b>"})
    assert missing.status_code == 404 and "&lt;b&gt;" in missing.text


def test_suggest(api: TestClient, validators: dict[str, Draft7Validator]) -> None:
    entity = api.get("/reconcile/suggest/entity", params={"prefix": "ayş"})
    body = valid(validators, "suggest-entities-response", entity.json())
    assert [r["id"] for r in body["result"]] == [ID + "person/ayse-demir"]
    body = api.get(
        "/reconcile/suggest/entity", params={"prefix": "rijnv", "type": "network"}
    ).json()
    assert [r["id"] for r in body["result"]] == [  # a word of the name starts with it
        ID + "network/huisacademie-spo-rijnvallei",
        ID + "network/werkplaats-rijnvallei",
    ]
    types = valid(
        validators,
        "suggest-types-response",
        api.get("/reconcile/suggest/type", params={"prefix": "org"}).json(),
    )
    assert [t["id"] for t in types["result"]] == ["organisation"]
    props = valid(
        validators,
        "suggest-properties-response",
        api.get("/reconcile/suggest/property", params={"prefix": "b"}).json(),
    )
    assert [p["id"] for p in props["result"]] == ["brin"]
    assert entity.headers["access-control-allow-origin"] == "*"


def test_cors_on_reconciliation(api: TestClient) -> None:
    preflight = api.options(
        "/reconcile",
        headers={"Origin": "https://openrefine.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    # every read route answers other origins too (tests/integration/test_http.py); writes do not
    assert "access-control-allow-origin" not in api.post("/cypher").headers


def test_name_scores() -> None:
    assert normalise("  Ayşe  DEMİR-van der Berg ") == "ayse demir van der berg"
    assert name_score("Ayse Demir", "Ayşe Demir") == 100.0
    assert name_score("Demir, Ayşe", "Ayşe Demir") > 60
    assert name_score("", "x") == 0.0
    assert name_score("Hanna Mulder", "Hanna Mulders") < 100


# --- cost bounds (the service is public) ---------------------------------------------------


def test_a_batch_over_the_cap_is_400_naming_the_cap(api: TestClient) -> None:
    queries = {f"q{i}": {"query": "Hanna Mulder", "type": "person"} for i in range(51)}
    response = api.post("/reconcile", data={"queries": json.dumps(queries)})
    assert response.status_code == 400, response.text
    assert "at most 50 queries" in response.json()["message"]
    assert "not 51" in response.json()["message"]
    assert response.headers["access-control-allow-origin"] == "*"


def test_the_batch_cap_is_a_setting(
    api_with: Callable[..., TestClient], validators: dict[str, Draft7Validator]
) -> None:
    small = api_with(reconcile_max_batch=2)
    assert valid(validators, "manifest", small.get("/reconcile").json())["batchSize"] == 2
    three = {f"q{i}": {"query": "Hanna Mulder"} for i in range(3)}
    refused = small.get("/reconcile", params={"queries": json.dumps(three)})
    assert refused.status_code == 400 and "at most 2 queries" in refused.json()["message"]


def test_a_long_query_text_is_cut_to_the_cap(
    api: TestClient, validators: dict[str, Draft7Validator]
) -> None:
    # 128 KB in one query: matched as its first 500 characters, without the cut word
    text = "Ayşe Demir " + "onderzoek " * 13_000
    long = reconcile(api, validators, {"q": {"query": text, "type": "person"}}, post=True)
    cut = clip(text, 500)
    assert len(cut) <= 500 and cut.endswith("onderzoek")
    short = reconcile(api, validators, {"q": {"query": cut, "type": "person"}}, post=True)
    assert long == short
    assert top(long["q"])[0][0] == ID + "person/ayse-demir"


def test_only_the_best_index_hits_are_scored(
    api_with: Callable[..., TestClient],
    validators: dict[str, Draft7Validator],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scored: set[str] = set()
    real_score = recon.score

    def counting(query: recon.ReconQuery, candidate: recon.Candidate, *rest: Any, **kw: Any) -> Any:
        scored.add(candidate.iri)
        return real_score(query, candidate, *rest, **kw)

    monkeypatch.setattr(recon, "score", counting)
    client = api_with(reconcile_candidates=3)
    body = reconcile(
        client, validators, {"q": {"query": "Ayşe Demir van de Vries", "type": "person"}}
    )
    # 28 people in the graph; three of them are scored, and the one named is among them
    assert 0 < len(scored) <= 3
    assert ID + "person/ayse-demir" in [c["id"] for c in body["q"]["result"]]


def test_the_time_budget_stops_a_batch(api_with: Callable[..., TestClient]) -> None:
    hurried = api_with(reconcile_time_budget_s=1e-9)
    queries = {"q": {"query": "Hanna Mulder", "type": "person"}}
    response = hurried.get("/reconcile", params={"queries": json.dumps(queries)})
    assert response.status_code == 503, response.text
    assert response.json()["error"] == "time-budget"
    assert "reconcile_time_budget_s" in response.json()["message"]
    assert response.headers["access-control-allow-origin"] == "*"


def test_a_body_over_the_cap_is_413_before_parsing(api_with: Callable[..., TestClient]) -> None:
    small = api_with(reconcile_max_body_bytes=1024)
    queries = json.dumps({"q": {"query": "x" * 2000}})
    for response in (
        small.post("/reconcile", data={"queries": queries}),
        small.get("/reconcile", params={"queries": queries}),
    ):
        assert response.status_code == 413, response.text
        assert "reconcile_max_body_bytes" in response.json()["message"]
        assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "text",
    [
        "*:*",
        'foaf_name:"Hanna Mulder" OR orcid:*',
        "Hanna AND NOT Mulder || (Demir",
        'Hanna Mulder"~2 [a TO z] {x} ^9 \\ / ? !',
        "orcid:0000-0002-1825-0097",
        " ".join(f"w{i}" for i in range(2000)),
    ],
)
def test_lucene_syntax_in_a_query_is_only_words(
    api: TestClient, validators: dict[str, Draft7Validator], text: str
) -> None:
    body = reconcile(api, validators, {"q": {"query": text, "limit": 10}}, post=True)
    found = body["q"]["result"]
    # the text is words to compare with names: no field, wildcard or identifier lookup in it
    assert all([f["id"] for f in c["features"]] == ["name"] for c in found)
    if text == "*:*":
        assert found == []
    if text.startswith("orcid:"):
        assert NAMESAKE not in [c["id"] for c in found]


def test_every_word_misspelt_still_finds_candidates(
    api: TestClient, validators: dict[str, Draft7Validator]
) -> None:
    # no word of the text is in the index: a second pass looks one edit away
    body = reconcile(api, validators, {"q": {"query": "Lote Viser", "type": "person"}})
    ((iri, score, match), *_) = top(body["q"])
    assert iri == ID + "person/lotte-visser" and 30 <= score < 90 and match is False
