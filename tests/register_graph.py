"""The shipped register files loaded as the demo loads them, for the tests of linking and
reconciliation: the vocabularies, the CBS municipalities, the DUO vestigingen file(s) and the
ROR snapshot.
Whatever register files are shipped are read: the expected answers of the tests are looked up
in them."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from neo4j import Driver

from tests.pipeline_helpers import load

ROOT = Path(__file__).resolve().parents[1]
REGISTERS = ROOT / "data" / "registers"
DUO_FILES = sorted((REGISTERS / "duo").glob("*.csv"))
ROR_FILE = REGISTERS / "ror" / "ror-nl.json.gz"
VOCABULARIES = Path(str(resources.files("kennisgraaf.ontology") / "vocabularies.ttl"))
ORGANISATION = "https://w3id.org/kennisgraaf/id/organisation/"


def duo_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in DUO_FILES:
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle, delimiter=";"))
    return rows


def load_registers(driver: Driver, database: str, folder: Path) -> Driver:
    load(driver, database, VOCABULARIES, folder)
    load(driver, database, REGISTERS / "cbs" / "municipalities.csv", folder, kind="cbs-regions")
    for path in DUO_FILES:
        load(driver, database, path, folder, kind="duo")  # the loader's own tests check it
    load(driver, database, ROR_FILE, folder, kind="ror")
    return driver


def school(code: str) -> str:
    return f"{ORGANISATION}brin/{code}"


def ror(ror_id: str) -> str:
    return f"{ORGANISATION}ror/{ror_id}"
