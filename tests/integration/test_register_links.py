"""Linking organisations to the national registers on a real Neo4j (loaders/register_links.py):
by identifier, by folded name and municipality, ambiguous names listed and never linked,
the rest unmatched; the links are schema:sameAs statements of the source register-links, and a
run replaces the last run's.

The registers are the shipped files (tests/register_graph.py); the expected entries are the
register's codes for the names used, looked up in those files here. One made-up DUO row — the
Gomarus College's location under another BRIN in Meppel — gives a name two institutions share.
"""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from kennisgraaf.loaders.options import LoadOptions
from kennisgraaf.loaders.register_links import link_registers
from tests.pipeline_helpers import BASE, load
from tests.register_graph import REGISTERS, duo_rows, load_registers, ror, school

EX = "https://example.org/org/"
REGION = "https://w3id.org/kennisgraaf/id/region/"
TWIN = "99ZZ"  # the made-up second Gomarus College
LINKS = """
MATCH (a:Organisation)-[r:schema_sameAs]->(b:Organisation)
RETURN a.iri AS org, b.iri AS entry, r.sources AS sources ORDER BY org
"""


def _brin_of(name: str) -> str:
    """The institution (BRIN) of the register rows with this location name: exactly one."""
    found = {r["INSTELLINGSCODE"] for r in duo_rows() if r["VESTIGINGSNAAM"] == name}
    assert len(found) == 1, (name, found)
    return found.pop()


def _municipality_of(name: str) -> str:
    return next(f"GM{r['GEMEENTENUMMER']}" for r in duo_rows() if r["VESTIGINGSNAAM"] == name)


WOLFSBOS = "Regionale Scholengemeenschap Wolfsbos"
CARMEL = "Carmelcollege Emmen"
GOMARUS = "Gomarus College voor Vwo Havo Mavo Vbo Lwoo"
PRAKTIJK_ASSEN = "School voor Praktijkonderwijs Assen"
HVA, UVA = "00y2z2s03", "04dkp9463"  # ROR IDs of the two Amsterdam records in the snapshot


def _twin_file(folder: Path) -> Path:
    """The Gomarus College's row again under BRIN 99ZZ, in Meppel (0119): a register file of its
    own family (release.json beside it), so it replaces none of the shipped files."""
    row = next(r for r in duo_rows() if r["VESTIGINGSNAAM"] == GOMARUS)
    twin = {**row, "INSTELLINGSCODE": TWIN, "VESTIGINGSCODE": f"{TWIN}00", "GEMEENTENUMMER": "0119"}
    header = list(row)
    shipped = json.loads((REGISTERS / "duo" / "release.json").read_text(encoding="utf-8"))
    family = {**shipped["families"][0], "family": "twin", "key": "register:duo:twin"}
    family["files"] = "twin"
    (folder / "twin").mkdir()
    release = {**shipped, "families": [family], "snapshot": []}
    (folder / "twin" / "release.json").write_text(json.dumps(release), encoding="utf-8")
    path = folder / "twin" / "twin.csv"
    lines = [";".join(header), ";".join(twin[c] for c in header)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _organisations(folder: Path, with_unknown: bool = True) -> Path:
    """Organisations as the seed or a loader describes them, none of them a register entry."""
    assen = _municipality_of(PRAKTIJK_ASSEN)
    text = f"""
@prefix kg: <https://w3id.org/kennisgraaf/def#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<{EX}praktijk> a kg:Organisation ; foaf:name "PrO Assen" ; kg:brin "{_brin_of(PRAKTIJK_ASSEN)}" .
<{EX}hva> a kg:Organisation ; foaf:name "HvA" ; kg:ror "{HVA}" .
<{EX}wolfsbos> a kg:Organisation ; foaf:name "R.S.G. Wolfsbos" ;
    kg:inRegion <{REGION}{_municipality_of(WOLFSBOS)}> .
<{EX}uva> a kg:Organisation ; foaf:name "universiteit van  Amsterdam" .
<{EX}carmel-elsewhere> a kg:Organisation ; foaf:name "{CARMEL}" ; kg:inRegion <{REGION}{assen}> .
<{EX}gomarus> a kg:Organisation ;
    foaf:name "Stichting Gomarus College voor VWO HAVO MAVO VBO LWOO" .
<{EX}gomarus-assen> a kg:Organisation ; foaf:name "{GOMARUS}" ; kg:inRegion <{REGION}{assen}> .
"""
    if with_unknown:
        text += f'<{EX}unknown> a kg:Organisation ; foaf:name "Basisschool Nergenshuizen" .\n'
    path = folder / ("organisations.ttl" if with_unknown else "organisations-2.ttl")
    path.write_text(text, encoding="utf-8")
    return path


# Mutations caught: dropping the identifier step links "PrO Assen" nowhere (unmatched); not
# folding "R.S.G." leaves Wolfsbos unmatched; ignoring the municipality links the Carmelcollege
# in Assen to Emmen's and makes gomarus-assen ambiguous; taking the first of several entries
# links "gomarus" instead of listing it.
def test_organisations_link_by_identifier_then_name_and_ambiguous_names_are_listed(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    load_registers(driver, database, tmp_path)
    assert load(driver, database, _twin_file(tmp_path), tmp_path, kind="duo").status == "loaded"
    load(driver, database, _organisations(tmp_path), tmp_path, source="organisations")
    options = LoadOptions(base_iri=BASE, quarantine_dir=tmp_path / "quarantine")
    report = link_registers(driver, database, options)

    gomarus = school(_brin_of(GOMARUS))
    assert sorted(report.by_identifier) == [
        (f"{EX}hva", ror(HVA)),
        (f"{EX}praktijk", school(_brin_of(PRAKTIJK_ASSEN))),
    ]
    assert sorted(report.by_name) == [
        (f"{EX}gomarus-assen", gomarus),
        (f"{EX}uva", ror(UVA)),
        (f"{EX}wolfsbos", school(_brin_of(WOLFSBOS))),
    ]
    assert report.ambiguous == [(f"{EX}gomarus", sorted([gomarus, school(TWIN)]))]
    assert report.unmatched == [f"{EX}carmel-elsewhere", f"{EX}unknown"]
    assert report.load is not None and report.load.rejected_resources == 0

    records, _, _ = driver.execute_query(LINKS, database_=database)
    stored = [(r["org"], r["entry"]) for r in records if r["org"].startswith(EX)]
    assert stored == report.links()
    assert all(len(r["sources"]) == 1 for r in records)

    # A second run after the HvA's record lost its ROR ID: its link is withdrawn.
    load(driver, database, _organisations(tmp_path, False), tmp_path, source="organisations")
    driver.execute_query(f"MATCH (o {{iri: '{EX}hva'}}) REMOVE o.ror", database_=database)
    again = link_registers(driver, database, options)
    assert f"{EX}hva" in again.unmatched
    records, _, _ = driver.execute_query(LINKS, database_=database)
    assert (f"{EX}hva", ror(HVA)) not in [(r["org"], r["entry"]) for r in records]
    assert again.load is not None and again.load.status == "loaded"
