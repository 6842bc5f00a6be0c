"""ROR register files: reading a JSON list of ROR v2 records (plain or gzip-compressed) and
rebuilding the Dutch snapshot from a full ROR data dump.

The official dump (https://doi.org/10.5281/zenodo.6347574) is one JSON list of every record;
the snapshot keeps the active records with a location in the Netherlands, sorted by ROR ID, so
a rebuild from the same dump gives the same file byte for byte.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from kennisgraaf.errors import InputError

SUFFIXES = (".json", ".json.gz")


def is_ror_file(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def read_records(path: Path) -> list[Any]:
    """The file's records, in order; a file that is not a JSON list is refused whole."""
    if not is_ror_file(path):
        raise InputError(f"{path.name}: unknown ROR file format (use .json or .json.gz)")
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                records = json.load(handle)
        else:
            records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{path.name}: not a readable JSON file of ROR records ({e})") from e
    if not isinstance(records, list):
        raise InputError(f"{path.name}: expected a JSON list of ROR records")
    return records


def is_dutch_active(record: Any) -> bool:
    if not isinstance(record, dict) or record.get("status") != "active":
        return False
    locations = record.get("locations") or []
    countries = [
        (place.get("geonames_details") or {}).get("country_code")
        for place in locations
        if isinstance(place, dict)
    ]
    return "NL" in countries


def rebuild(dump: Path, target: Path) -> int:
    """Writes the Dutch active subset of `dump` to `target` (gzip when it ends in .gz); the
    number of records written."""
    subset = sorted(
        (record for record in read_records(dump) if is_dutch_active(record)),
        key=lambda record: str(record.get("id")),
    )
    text = json.dumps(subset, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if target.name.endswith(".gz"):
        with gzip.GzipFile(target, "wb", mtime=0) as handle:  # mtime 0: the same bytes each run
            handle.write(text.encode("utf-8"))
    else:
        target.write_text(text, encoding="utf-8")
    return len(subset)
