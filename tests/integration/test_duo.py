"""The DUO school register through the pipeline on a real Neo4j: the shipped excerpt
(data/registers/duo/alle-vestigingen-vo-drenthe.csv) loads whole, one school location per row
of the file (counted here from the file), each in exactly one board and one municipality,
the ones its row names."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from neo4j import Driver

from tests.pipeline_helpers import load

ROOT = Path(__file__).resolve().parents[2]
EXCERPT = ROOT / "data" / "registers" / "duo" / "alle-vestigingen-vo-drenthe.csv"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
BOARD = "https://w3id.org/kennisgraaf/id/organisation/bevoegd-gezag/"

LOCATIONS = """
MATCH (s:School) WHERE size(s.brin) = 6
OPTIONAL MATCH (s)-[:org_subOrganizationOf]->(b:SchoolBoard)
OPTIONAL MATCH (s)-[:inRegion]->(m)
RETURN s.brin AS code, collect(DISTINCT b.iri) AS boards, collect(DISTINCT m.cbsCode) AS regions
"""


def _rows() -> list[dict[str, str]]:
    with EXCERPT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _municipalities(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """The excerpt's municipalities as a cbs-regions file (all in Drenthe, PV22); the names as
    the DUO file writes them, which is all the test needs of them."""
    path = tmp_path / "municipalities.csv"
    names = sorted({(f"GM{r['GEMEENTENUMMER']}", r["GEMEENTENAAM"]) for r in rows})
    lines = ["code,name,province", *(f"{code},{name},PV22" for code, name in names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Mutation caught: leaving out the location's kg:inRegion empties its municipalities in `found`.
def test_the_excerpt_loads_one_location_per_row_each_in_one_board_and_municipality(
    driver: Driver, database: str, tmp_path: Path
) -> None:
    rows = _rows()
    load(driver, database, VOCABULARIES, tmp_path)
    load(driver, database, _municipalities(tmp_path, rows), tmp_path, kind="cbs-regions")
    report = load(driver, database, EXCERPT, tmp_path, kind="duo")
    summary = report.summary()
    assert (summary["records_read"], summary["records_quarantined"]) == (len(rows), 0)
    assert (summary["statements_rejected"], summary["resources_rejected"]) == (0, 0)
    records, _, _ = driver.execute_query(LOCATIONS, database_=database)
    found = {r["code"]: (r["boards"], r["regions"]) for r in records}
    expected = {
        r["VESTIGINGSCODE"]: ([BOARD + r["BEVOEGD GEZAG NUMMER"]], [f"GM{r['GEMEENTENUMMER']}"])
        for r in rows
    }
    assert len(found) == len(rows) == 45
    assert found == expected
