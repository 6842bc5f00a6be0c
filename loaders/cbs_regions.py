"""CBS region codes → the region concepts of the ontology (source kind ``cbs-regions``).

Input: a CSV ``code,name,province`` with one municipality a row (the snapshot in
data/registers/cbs/municipalities.csv): its CBS code (``GM`` and four digits), its name as CBS
writes it, and the code of its province (``PV20`` … ``PV31``). Each municipality becomes the
concept the seed gives a municipality (seed_facts.region_iri: ``id/region/GM….``, in the region
scheme, ``skos:notation`` and ``kg:cbsCode`` its code, the name as ``skos:prefLabel`` in nl and
en) with ``skos:broader`` its province: the vocabulary's concept ``def/region/PV…``, which is
broader than ``def/region/NL01``. Provinces are only linked, never described again. A bad row
is refused on its own, naming line and column.

Two optional columns give the municipality's COROP region, where the file holds it: ``corop``
(``CR01`` … ``CR40``) and ``corop_name``. The municipality then has ``kg:corop`` the region's
concept ``id/region/CR..`` (in the scheme ``def/corop``, ``skos:notation`` and ``kg:cbsCode``
its code, its name as ``skos:prefLabel`` in nl and en), described with every municipality in it.

``python -m kennisgraaf.loaders.cbs_regions --rebuild FULL.csv`` writes the snapshot's rows from
CBS's own table "Gemeenten alfabetisch" (columns GemeentecodeGM, Gemeentenaam, ProvinciecodePV;
separated by ``;`` or ``,``) to standard output.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kennisgraaf.errors import InputError
from kennisgraaf.loaders import prescan
from kennisgraaf.loaders.converted_source import ConvertedSource
from kennisgraaf.loaders.csv_rows import csv_rows
from kennisgraaf.loaders.record_conversion import (
    Converted,
    FieldError,
    RdfTriple,
    RecordError,
    RecordRefusal,
)
from kennisgraaf.loaders.seed_facts import (
    REGION_SCHEME,
    K,
    region_iri,
    vocabulary_region_codes,
)
from kennisgraaf.loaders.source_kind import SourceKind, SourceOptions

COLUMNS = ("code", "name", "province")
COROP_COLUMNS = ("corop", "corop_name")
_MUNICIPALITY = re.compile(r"GM[0-9]{4}")
_COROP = re.compile(r"CR(0[1-9]|[1-3][0-9]|40)")
COROP_SCHEME = URIRef("https://w3id.org/kennisgraaf/def/corop")
# The columns of CBS's "Gemeenten alfabetisch" that the snapshot keeps.
CBS_COLUMNS = ("GemeentecodeGM", "Gemeentenaam", "ProvinciecodePV")


def municipality_triples(code: str, name: str, province: str) -> list[RdfTriple]:
    concept = region_iri(code)
    triples: list[RdfTriple] = [
        (concept, RDF.type, SKOS.Concept),
        (concept, SKOS.inScheme, REGION_SCHEME),
        (concept, SKOS.notation, Literal(code)),
        (concept, K.cbsCode, Literal(code)),
        (concept, SKOS.broader, region_iri(province)),
    ]
    triples += [(concept, SKOS.prefLabel, Literal(name, lang=lang)) for lang in ("nl", "en")]
    return triples


def corop_triples(municipality: str, code: str, name: str) -> list[RdfTriple]:
    """The municipality's COROP region and the region's own description."""
    region = URIRef(str(region_iri(municipality)).removesuffix(municipality) + code)
    triples: list[RdfTriple] = [
        (region_iri(municipality), K.corop, region),
        (region, RDF.type, SKOS.Concept),
        (region, SKOS.inScheme, COROP_SCHEME),
        (region, SKOS.notation, Literal(code)),
        (region, K.cbsCode, Literal(code)),
    ]
    triples += [(region, SKOS.prefLabel, Literal(name, lang=lang)) for lang in ("nl", "en")]
    return triples


def _checked(row: dict[str, str], provinces: frozenset[str], seen: dict[str, int]) -> None:
    errors: list[FieldError] = []
    code, name, province = (row.get(c, "") for c in COLUMNS)
    if not _MUNICIPALITY.fullmatch(code):
        errors.append(FieldError("code", f"{code!r} is no municipality code (GM and 4 digits)"))
    elif code in seen:
        errors.append(FieldError("code", f"{code} is already on line {seen[code]}"))
    if not name:
        errors.append(FieldError("name", "empty"))
    if province not in provinces:
        errors.append(FieldError("province", f"{province!r} is no province code (PV20 … PV31)"))
    corop, corop_name = (row.get(c, "") for c in COROP_COLUMNS)
    if (corop or corop_name) and not _COROP.fullmatch(corop):
        errors.append(FieldError("corop", f"{corop!r} is no COROP code (CR01 … CR40)"))
    if corop and not corop_name:
        errors.append(FieldError("corop_name", "empty while corop is given"))
    if errors:
        raise RecordError(errors, code or None)


def record_triples(path: Path | str) -> Iterator[Converted]:
    """For each row of `path`, in order, its municipality's triples or its refusal."""
    path = Path(path)
    provinces = frozenset(c for c in vocabulary_region_codes() if c.startswith("PV"))
    seen: dict[str, int] = {}

    def check_header(header: list[str]) -> None:
        if missing := [c for c in COLUMNS if c not in header]:
            raise InputError(f"{path.name}, line 1: missing columns {', '.join(missing)}")

    for count, (line, header, cells) in enumerate(csv_rows(path, check_header), start=1):
        row = {h: c.strip() for h, c in zip(header, cells, strict=False)}
        try:
            _checked(row, provinces, seen)
        except RecordError as e:
            yield RecordRefusal.of(path, count, line, e, "column")
            continue
        seen[row["code"]] = line
        triples = municipality_triples(row["code"], row["name"], row["province"])
        if row.get("corop"):
            triples += corop_triples(row["code"], row["corop"], row["corop_name"])
        yield triples


def _source(path: Path, _options: SourceOptions) -> ConvertedSource:
    return ConvertedSource(path, "cbs-regions", lambda: record_triples(path), unit="row")


def _check(path: Path, _options: SourceOptions) -> None:
    if path.suffix.lower() != ".csv":
        raise InputError(f"{path.name}: CBS region codes are read from a .csv file")
    prescan.scan(path, "csv")


KIND = SourceKind("cbs-regions", _check, _source)


# --- Rebuilding the snapshot from CBS's download ---------------------------------------------


def rebuild_rows(full: Path) -> list[tuple[str, str, str]]:
    """The snapshot's rows (code, name, province), sorted by code, from CBS's full table."""
    text = full.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    missing = [c for c in CBS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{full.name}, line 1: missing columns {', '.join(missing)}")
    rows = {
        (r["GemeentecodeGM"].strip(), r["Gemeentenaam"].strip(), r["ProvinciecodePV"].strip())
        for r in reader
    }
    return sorted(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisgraaf.loaders.cbs_regions")
    parser.add_argument("--rebuild", type=Path, required=True, metavar="FULL.csv")
    args = parser.parse_args(argv)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rebuild_rows(args.rebuild))
    return 0


if __name__ == "__main__":
    sys.exit(main())
