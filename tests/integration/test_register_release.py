"""Replacing a register release on a real Neo4j: a real DUO excerpt (rows of
data/registers/duo/) and a real ROR excerpt (records of data/registers/ror/), then a "newer
release" built here from them — one entry removed, one added, one renamed, one moved. The load
report names exactly those changes, the graph holds exactly the new release, the release is
described and traceable from the statements, and a refused newer release leaves the old one."""

from __future__ import annotations

import copy
import csv
import gzip
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kennisgraaf.errors import InputError
from kennisgraaf.graph.mapping import source_key
from kennisgraaf.queries.registry import get_query
from kennisgraaf.settings import Settings
from tests.integration.test_cli_queries import _cli
from tests.pipeline_helpers import load

ROOT = Path(__file__).resolve().parents[2]
DUO = ROOT / "data" / "registers" / "duo" / "alle-vestigingen-vo-drenthe.csv"
ROR = ROOT / "data" / "registers" / "ror" / "ror-nl.json.gz"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
BASE = "https://w3id.org/kennisgraaf/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

LOCATIONS = """
MATCH (s:School) WHERE size(s.brin) = 6
OPTIONAL MATCH (s)-[:inRegion]->(m)
RETURN s.brin AS code, s.foaf_name AS name, collect(m.cbsCode) AS regions
"""
ROR_ORGANISATIONS = """
MATCH (o:Organisation) WHERE o.ror IS NOT NULL
RETURN o.ror AS ror, o.foaf_name AS name, o.region AS city
"""
CURRENT = """
MATCH (i:Import {source: $source, current: true})
RETURN i.id AS id, i.release AS release, i.releaseLabel AS label
"""
NODE = """
MATCH (n:Resource {iri: $iri})
RETURN n.skos_altLabel AS alt, n.foaf_name AS name, n.brin AS brin, n._sources AS s
"""
STATUS = "MATCH (:Organisation {ror: $ror})-[:registerStatus]->(s) RETURN s.iri AS status"
RELEASES = "MATCH (r:dcat_Distribution) RETURN r.iri AS iri ORDER BY iri"


def _query(driver: Driver, database: str, text: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(text, params, database_=database)
    return [record.data() for record in records]


# --- DUO -------------------------------------------------------------------------------------


def _duo_rows() -> tuple[list[str], list[list[str]]]:
    with DUO.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return rows[0], rows[1:]


def _write_duo(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows([header, *rows])
    return path


def _municipalities(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    code, name = header.index("GEMEENTENUMMER"), header.index("GEMEENTENAAM")
    found = sorted({(f"GM{r[code]}", r[name]) for r in rows})
    path = tmp_path / "municipalities.csv"
    lines = ["code,name,province", *(f"{c},{n},PV22" for c, n in found)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _by_code(header: list[str], rows: list[list[str]]) -> dict[str, list[str]]:
    return {r[header.index("VESTIGINGSCODE")]: r for r in rows}


def _expected(header: list[str], rows: list[list[str]]) -> dict[str, tuple[str, list[str]]]:
    at = header.index
    return {
        r[at("VESTIGINGSCODE")]: (r[at("VESTIGINGSNAAM")], [f"GM{r[at('GEMEENTENUMMER')]}"])
        for r in rows
    }


def _newer_duo(header: list[str], rows: list[list[str]], spare: list[str]) -> list[list[str]]:
    """Release 2: 20LO08 gone, 19IW00 (the spare row) added, 20LO04 renamed, 02EB04 moved to
    Midden-Drenthe (GM1731)."""
    at = header.index
    newer = [list(r) for r in rows if r[at("VESTIGINGSCODE")] != "20LO08"]
    by_code = _by_code(header, newer)
    by_code["20LO04"][at("VESTIGINGSNAAM")] = "Dr Nassau College Penta"
    by_code["02EB04"][at("GEMEENTENUMMER")] = "1731"
    by_code["02EB04"][at("GEMEENTENAAM")] = "MIDDEN-DRENTHE"
    return [*newer, spare]


def _codes(items: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in items]


# Mutations caught: naming the source by the file (the pipeline's default) loads release 2 as a
# second source — nothing is withdrawn and the changes are None; comparing against the new
# file's own statements reports no change; skipping the withdrawal leaves 20LO08 in the graph.
def test_a_newer_duo_release_replaces_the_previous_one_and_reports_what_changed(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    header, all_rows = _duo_rows()
    rows, spare = all_rows[:12], _by_code(header, all_rows)["19IW00"]
    assert {"20LO08", "20LO04", "02EB04"} <= set(_by_code(header, rows))
    load(driver, database, VOCABULARIES, tmp_path)
    load(
        driver, database, _municipalities(tmp_path, header, all_rows), tmp_path, kind="cbs-regions"
    )
    first = tmp_path / "one" / "02.-alle-vestigingen-vo-2026-01.csv"
    first.parent.mkdir()
    report = load(
        driver, database, _write_duo(first, header, rows), tmp_path, kind="duo",
        release="2026-01-01",
    )  # fmt: skip
    assert report.source == "register:duo:vo"
    assert report.register is not None and report.register["changes"] is None  # nothing before
    # Another source says something of the location that is going to close.
    gone = BASE + "id/organisation/brin/20LO08"
    other = tmp_path / "other.nt"
    other.write_text(f'<{gone}> <http://www.w3.org/2004/02/skos/core#altLabel> "Quintus" .\n')
    load(driver, database, other, tmp_path)

    newer = _newer_duo(header, rows, spare)
    second = _write_duo(tmp_path / "alle-vestigingen-vo-feb.csv", header, newer)
    report = load(driver, database, second, tmp_path, kind="duo", release="2026-02-01")

    assert (report.source, report.status, report.statements_rejected) == (
        "register:duo:vo",
        "loaded",
        0,
    )
    assert report.register is not None
    changes = report.register["changes"]
    assert isinstance(changes, dict)
    assert changes["counts"] == {"opened": 1, "closed": 1, "merged": 0, "renamed": 1, "moved": 1}
    assert _codes(changes["opened"]) == ["19IW00"]
    assert _codes(changes["closed"]) == ["20LO08"]
    assert [(x["id"], x["name"], x["old_name"]) for x in changes["renamed"]] == [
        ("20LO04", "Dr Nassau College Penta", _by_code(header, rows)["20LO04"][4])
    ]
    assert [(x["id"], x["old_place"], x["place"]) for x in changes["moved"]] == [
        ("02EB04", "GM0106", "GM1731")
    ]
    assert report.summary()["register"] == report.register  # the JSON report carries it

    # The graph holds exactly release 2.
    found = {r["code"]: (r["name"], r["regions"]) for r in _query(driver, database, LOCATIONS)}
    assert found == _expected(header, newer)
    # What the other source said of the closed location stays; the register's statements go.
    [node] = _query(driver, database, NODE, iri=gone)
    assert (node["alt"], node["name"], node["brin"]) == ("Quintus", None, None)
    key = source_key("register:duo:vo", None)
    assert key not in node["s"]

    # The release: described, current on the import, traceable from a location's statements.
    [current] = _query(driver, database, CURRENT, source="register:duo:vo")
    release = BASE + "id/register/register-duo-vo/2026-02-01"
    assert (current["release"], current["label"]) == (release, "2026-02-01")
    assert [r["iri"] for r in _query(driver, database, RELEASES) if "duo" in r["iri"]] == [release]
    [traced] = _query(
        driver, database, get_query("registers.release_of").text,
        iri=BASE + "id/organisation/brin/19IW00", key=key,
    )  # fmt: skip
    assert (traced["import"], traced["release"], traced["version"], traced["licence"]) == (
        current["id"],
        release,
        "2026-02-01",
        CC0,
    )
    assert traced["publisher"] == "https://ror.org/0234pcb82"


# Mutation caught: a file whose header lacks a required column, loaded as the new release, must
# fail before anything is written — the location names stay those of release 1.
def test_a_refused_newer_duo_release_leaves_the_previous_one(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    header, all_rows = _duo_rows()
    rows = all_rows[:12]
    load(driver, database, VOCABULARIES, tmp_path)
    load(
        driver, database, _municipalities(tmp_path, header, all_rows), tmp_path, kind="cbs-regions"
    )
    first = _write_duo(tmp_path / "alle-vestigingen-vo-1.csv", header, rows)
    load(driver, database, first, tmp_path, kind="duo", release="2026-01-01")
    before = _query(driver, database, LOCATIONS)
    [current] = _query(driver, database, CURRENT, source="register:duo:vo")

    broken_header = ["VESTIGINGS NAAM" if h == "VESTIGINGSNAAM" else h for h in header]
    broken = _write_duo(tmp_path / "alle-vestigingen-vo-2.csv", broken_header, rows[:3])
    with pytest.raises(InputError, match="VESTIGINGSNAAM"):
        load(driver, database, broken, tmp_path, kind="duo", release="2026-02-01")
    empty = _write_duo(tmp_path / "alle-vestigingen-vo-3.csv", header, [])
    with pytest.raises(InputError):
        load(driver, database, empty, tmp_path, kind="duo", release="2026-03-01")

    after = _query(driver, database, LOCATIONS)
    key = lambda r: r["code"]  # noqa: E731
    assert sorted(after, key=key) == sorted(before, key=key)
    assert len(after) == 12
    assert _query(driver, database, CURRENT, source="register:duo:vo") == [current]


# --- ROR -------------------------------------------------------------------------------------


def _ror_records() -> list[dict[str, Any]]:
    with gzip.open(ROR, "rt", encoding="utf-8") as handle:
        records: list[dict[str, Any]] = json.load(handle)
    return [r for r in records if not r["relationships"]]


def _ror_id(record: dict[str, Any]) -> str:
    return str(record["id"]).rsplit("/", 1)[1]


def _write_ror(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


# Mutation caught: reading the place from the wrong statement (the name) reports every
# renamed organisation as moved too; ignoring the register status leaves the inactive record
# open (nothing merged).
def test_a_newer_ror_release_replaces_the_previous_one_and_reports_what_changed(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    records = _ror_records()[:8]
    spare = _ror_records()[8]
    first = _write_ror(tmp_path / "v2.8-ror-data.json", records)
    report = load(driver, database, first, tmp_path, kind="ror", release="v2.8")
    assert report.source == "register:ror"

    newer = [*copy.deepcopy(records[1:]), spare]  # records[0] gone, spare added
    renamed, moved = newer[0], newer[1]
    for name in renamed["names"]:
        if "ror_display" in name["types"]:
            old_name, name["value"] = name["value"], name["value"] + " (renamed)"
    old_city = moved["locations"][0]["geonames_details"]["name"]
    moved["locations"][0]["geonames_details"]["name"] = "Zwolle" if old_city != "Zwolle" else "Ede"
    # records[3] closes in favour of the spare (ROR: inactive, with a successor relation).
    merged = newer[2]
    merged["status"] = "inactive"
    merged["relationships"] = [
        {"id": spare["id"], "type": "successor", "label": spare["names"][0]["value"]}
    ]
    second = _write_ror(tmp_path / "v2.9-ror-data.json", newer)
    report = load(driver, database, second, tmp_path, kind="ror", release="v2.9")

    assert report.register is not None
    changes = report.register["changes"]
    assert isinstance(changes, dict)
    assert changes["counts"] == {"opened": 1, "closed": 1, "merged": 1, "renamed": 1, "moved": 1}
    assert _codes(changes["opened"]) == [_ror_id(spare)]
    assert [(x["id"], x["into"]) for x in changes["merged"]] == [(_ror_id(merged), _ror_id(spare))]
    assert _codes(changes["closed"]) == [_ror_id(records[0])]
    assert [(x["id"], x["old_name"]) for x in changes["renamed"]] == [(_ror_id(renamed), old_name)]
    assert [(x["id"], x["old_place"]) for x in changes["moved"]] == [(_ror_id(moved), old_city)]

    found = {r["ror"]: (r["name"], r["city"]) for r in _query(driver, database, ROR_ORGANISATIONS)}
    expected = {
        _ror_id(r): (
            next(n["value"] for n in r["names"] if "ror_display" in n["types"]),
            r["locations"][0]["geonames_details"]["name"],
        )
        for r in newer
    }
    assert found == expected  # the inactive record stays, with its status (below)
    status = _query(driver, database, STATUS, ror=_ror_id(merged))
    assert status == [{"status": BASE + "def/register-status/inactive"}]
    [current] = _query(driver, database, CURRENT, source="register:ror")
    assert current["release"] == BASE + "id/register/register-ror/v2.9"


# --- The CLI ---------------------------------------------------------------------------------


# Mutation caught: not printing the change table leaves the renamed organisation out of stdout.
def test_kennisgraaf_load_names_the_release_and_prints_the_changes(
    driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    records = _ror_records()[:3]
    first = _write_ror(tmp_path / "ror-a.json", records)
    newer = copy.deepcopy(records)
    for name in newer[1]["names"]:
        if "ror_display" in name["types"]:
            name["value"] = "Renamed Research Institute"
    second = _write_ror(tmp_path / "ror-b.json", newer)
    common = ("load", "--kind", "ror", "--quarantine", str(tmp_path / "q"))
    result = _cli(neo4j_settings, *common, "--release", "2026-01-31", str(first))
    assert result.returncode == 0, result.stderr
    assert "register:ror, release 2026-01-31" in result.stdout
    result = _cli(neo4j_settings, *common, "--release", "2026-02-28", str(second))
    assert result.returncode == 0, result.stderr
    assert "register:ror, release 2026-02-28" in result.stdout
    assert "'renamed': 1" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "Renamed Research Institute" in x)
    assert "renamed" in line and _ror_id(newer[1]) in line
    refused = _cli(neo4j_settings, "load", "--release", "v1", str(first))
    assert refused.returncode != 0 and "no register kind" in refused.stderr
