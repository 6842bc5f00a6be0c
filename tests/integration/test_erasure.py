"""Erasure ("recht op vergetelheid", README "Personal data"): load, erase, then look for the
person everywhere — Neo4j (every node and relationship, bookkeeping included), the SPARQL store,
every dump and the steward's export, search, the quarantine, the provenance records — and find
nothing; load the old sources again: still nothing, and the load reports an erased person
skipped. Their questions and studies stay, linked to a stand-in shown by role."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from kennisgraaf.api.app import create_app
from kennisgraaf.api.audit import read_audit
from kennisgraaf.api.auth import create_token, tokens_path
from kennisgraaf.api.dumps import DUMPS
from kennisgraaf.api.restricted_cypher import BOOKKEEPING_KEYS
from kennisgraaf.graph.erasure import person_iri
from kennisgraaf.loaders.pipeline import FileReport, LoadOptions, load_file
from kennisgraaf.ontology.files import dataset_path
from kennisgraaf.settings import Settings
from tests.ld_helpers import app_settings
from tests.pipeline_helpers import BASE, exported_bytes

KEY = "sanne-de-vries"
IRI = BASE + "id/person/" + KEY
NAME = "Sanne de Vries"
ORCID = "0000-0002-9990-0038"
EMAIL = "sanne.devries@example.org"
# What must not be found anywhere after the erasure; the key also spells her memberships' IRIs.
TRACES = (NAME, IRI, KEY, ORCID, EMAIL)
# Keys of the bookkeeping nodes a public /cypher may read: ids, sources, states, counts, times.
# Any other key must be refused to it (api/restricted_cypher.py BOOKKEEPING_KEYS).
HARMLESS_KEYS = frozenset({
    "id", "source", "checksum", "format", "startedAt", "resumedAt", "interruptedAt", "finishedAt",
    "status", "batchesCommitted", "statementsLoaded", "rejected", "batchSize", "sourceKeys",
    "graphs", "current", "summary", "amendedByErasure", "release", "releaseLabel", "import",
    "batch", "part", "key", "since", "at", "name", "owner", "what", "expiresAt", "imports",
})  # fmt: skip
BOOKKEEPING_KEYS_HELD = """
MATCH (n) WHERE NOT n:Resource
UNWIND keys(n) AS key
RETURN DISTINCT key
"""
NEIGHBOURS = """
MATCH (p:Resource {iri: $iri})--(n:Resource)
WHERE NOT n:org_Membership
RETURN collect(DISTINCT n.iri) AS iris
"""


def _sources(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Her contact details from a second source, and a third source the gate refuses (an
    ORCID iD written as a URL) whose statements about her go to quarantine."""
    contact = tmp_path / "contact.ttl"
    contact.write_text(
        f'<{IRI}> <https://w3id.org/kennisgraaf/def#orcid> "{ORCID}" ;\n'
        f'    <https://schema.org/email> "{EMAIL}" .\n',
        encoding="utf-8",
    )
    refused = tmp_path / "refused.ttl"
    refused.write_text(
        f'<{IRI}> <http://xmlns.com/foaf/0.1/name> "{NAME}" ;\n'
        f'    <https://w3id.org/kennisgraaf/def#orcid> "https://orcid.org/{ORCID}" .\n',
        encoding="utf-8",
    )
    return dataset_path("sample"), contact, refused


def _everything(client: TestClient, driver: Driver, database: str, quarantine: Path) -> str:
    """All the graph and everything derived from it, as one text to search."""
    parts: list[str] = []
    for query in (
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props",
        "MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS props",
    ):
        records, _, _ = driver.execute_query(query, database_=database)
        parts += [json.dumps(r.data(), ensure_ascii=False, default=str) for r in records]
    sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    r = client.get(
        "/sparql?" + urlencode({"query": sparql}), headers={"accept": "application/n-triples"}
    )
    assert r.status_code == 200, r.text[:300]
    parts.append(r.text)
    for suffix in DUMPS:
        r = client.get(f"/dumps/kennisgraaf.{suffix}")
        assert r.status_code == 200, suffix
        parts.append(r.text)
    for fmt in ("ntriples", "turtle"):
        parts.append(exported_bytes(driver, database, fmt).decode())
    for text in (NAME, "Sanne", "Vries", ORCID):
        for route in ("/search", "/people"):
            r = client.get(f"{route}?" + urlencode({"q": text}), headers={"accept": "text/html"})
            assert r.status_code == 200, (route, r.status_code)
            # The page repeats the words asked: only what it found counts.
            parts.append(r.text.replace(quote(text), "").replace(text, ""))
    parts += [p.read_text(encoding="utf-8") for p in quarantine.rglob("*") if p.is_file()]
    return "\n".join(parts)


@pytest.fixture
def app(driver: Driver, neo4j_settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings(neo4j_settings, tmp_path), driver=driver)) as c:
        yield c


def test_an_erased_person_is_nowhere_and_stays_out(
    app: TestClient, driver: Driver, database: str, tmp_path: Path
) -> None:
    settings = app.app.state.settings  # type: ignore[attr-defined]
    quarantine = settings.data_dir / "quarantine"
    options = LoadOptions(base_iri=BASE, quarantine_dir=quarantine)
    vocabularies = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
    sample, contact, refused = _sources(tmp_path)
    for path in (vocabularies, sample, contact, refused):
        report = load_file(path, driver, database, options)
        assert report.erased_people_skipped == 0
    assert report.statements_rejected == 2 and report.quarantine
    linked = driver.execute_query(NEIGHBOURS, iri=IRI, database_=database).records[0]["iris"]
    assert len(linked) >= 5  # her questions, uses, projects and networks

    before = _everything(app, driver, database, quarantine)
    assert [t for t in TRACES if t not in before] == []  # there to be erased

    writer = create_token(tokens_path(settings.data_dir), "loader", ["write"])
    steward = create_token(tokens_path(settings.data_dir), "steward", ["restricted", "write"])
    url = f"/restricted/people/{KEY}/erase"
    assert app.post(url).status_code == 401
    assert app.post(url, headers={"authorization": f"Bearer {writer}"}).status_code == 403
    r = app.post(url, headers={"authorization": f"Bearer {steward}"})
    assert r.status_code == 200, r.text
    answer = r.json()
    stand_in = answer["stand_in"]
    assert answer["found"] and answer["renamed"] == 2 and answer["quarantine_files"] >= 1
    assert stand_in.startswith(BASE + "id/person/erased/") and KEY not in stand_in

    after = _everything(app, driver, database, quarantine)
    assert [t for t in TRACES if t in after] == []
    # Kept: what she took part in, now linked to the stand-in, which shows her role only.
    kept = driver.execute_query(NEIGHBOURS, iri=stand_in, database_=database).records[0]["iris"]
    assert sorted(kept) == sorted(linked)
    page = app.get(stand_in.removeprefix(BASE.rstrip("/")), headers={"accept": "text/html"})
    assert page.status_code == 200 and re.search(r"\ban? (researcher|teacher) at\b", page.text)
    assert app.get(f"/id/person/{KEY}", headers={"accept": "text/html"}).status_code == 404

    # The erasure record and the audit line hold no identifier.
    records, _, _ = driver.execute_query("MATCH (e:Erasure) RETURN e", database_=database)
    assert len(records) == 1
    lines = [x for x in read_audit(settings) if x["route"].endswith("/erase")]
    assert len(lines) == 1 and lines[0]["who"] == "steward"
    assert not [t for t in TRACES if t in json.dumps(lines) + str(records[0].data())]

    # The old sources again: the same versions (amended by the erasure, so not skipped as
    # unchanged), an older version of one, and the refused file under another name.
    older = tmp_path / "contact-2019.ttl"
    older.write_text(contact.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again_as = {older: contact.name, refused: "refused-again"}
    reports: list[FileReport] = [
        load_file(
            path,
            driver,
            database,
            LoadOptions(BASE, quarantine_dir=quarantine, source=again_as.get(path)),
        )
        for path in (sample, contact, older, refused)
    ]
    assert [r.status for r in reports[:2]] == ["loaded", "loaded"]
    assert [r.erased_people_skipped for r in reports] == [1, 1, 1, 1]
    assert all(json.loads(json.dumps(r.summary()))["erased_people_skipped"] == 1 for r in reports)
    again = _everything(app, driver, database, quarantine)
    assert [t for t in TRACES if t in again] == []

    # Every key of the bookkeeping nodes (imports, extents, change records, the erasure, the
    # lease) is either harmless or refused to a token without the restricted scope.
    keys = {r["key"] for r in driver.execute_query(BOOKKEEPING_KEYS_HELD, database_=database)[0]}
    assert keys - HARMLESS_KEYS - BOOKKEEPING_KEYS == set()
    assert {"iris", "identifiers", "keyHash", "standIn"} <= keys & BOOKKEEPING_KEYS
    kept = driver.execute_query(NEIGHBOURS, iri=stand_in, database_=database).records[0]["iris"]
    assert sorted(kept) == sorted(linked)


def test_a_key_is_a_person_iri_or_its_path() -> None:
    assert person_iri("anon/3e12453277", BASE) == BASE + "id/person/anon/3e12453277"
    assert person_iri(IRI, BASE) == IRI
    with pytest.raises(Exception, match="key is required"):
        person_iri("  ", BASE)


def test_the_command_line_erases_records_and_audits(
    driver: Driver, database: str, neo4j_settings: Settings, tmp_path: Path
) -> None:
    person = BASE + "id/person/anon/0a1b2c3d4e"
    report = tmp_path / "report.ttl"
    report.write_text(
        f"<{person}> a <https://w3id.org/kennisgraaf/def#Person> ;\n"
        f'    <http://xmlns.com/foaf/0.1/name> "Wim Wisdaar" .\n'
        f"<{BASE}id/thing/report> <http://purl.org/dc/terms/creator> <{person}> .\n",
        encoding="utf-8",
    )
    load_file(report, driver, database, LoadOptions(BASE, quarantine_dir=tmp_path / "q"))
    data = tmp_path / "data"
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.bolt_uri,
        "NEO4J_USERNAME": neo4j_settings.neo4j_username,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password or "",
        "KENNISGRAAF_DATA_DIR": str(data),
        "COLUMNS": "200",
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kennisgraaf", *args],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    # The steward's export holds restricted data: audited; the public one is not.
    for args in (["--public"], []):
        exported = cli("export", "-o", str(tmp_path / "out.ttl"), *args)
        assert exported.returncode == 0, exported.stderr
    assert "Wim Wisdaar" in (tmp_path / "out.ttl").read_text(encoding="utf-8")
    done = cli("person", "erase", "anon/0a1b2c3d4e", "--quarantine", str(tmp_path / "q"))
    assert done.returncode == 0, done.stderr
    stand_in = json.loads(done.stdout[done.stdout.index("{") :])["stand_in"]
    rows = driver.execute_query(
        "MATCH (n:Resource) WHERE n.iri IN [$a, $b] RETURN n.iri AS iri, n.foaf_name AS name,"
        " n._restricted AS restricted",
        a=person,
        b=stand_in,
        database_=database,
    ).records
    assert [(r["iri"], r["name"]) for r in rows] == [(stand_in, None)]
    assert "Wisdaar" not in str(rows[0]["restricted"])
    lines = read_audit(Settings(data_dir=data))
    assert [x["route"] for x in lines] == ["kennisgraaf export", "kennisgraaf person erase"]
    assert all(x["who"].startswith("command line") for x in lines)
    listed = cli("person", "erasures")
    assert listed.returncode == 0 and "1 erasure(s)" in listed.stdout
    # The same person again: the graph no longer holds them, the erasure is recorded anyway.
    again = cli("person", "erase", "anon/0a1b2c3d4e", "--quarantine", str(tmp_path / "q"))
    assert again.returncode == 0 and "holds no such person" in again.stdout
