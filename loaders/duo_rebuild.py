"""Rebuilding the shipped DUO excerpt from a register file as DUO publishes it.

``python -m kennisgraaf.loaders.duo_rebuild FULL.csv [--province Drenthe]`` reads one of DUO's
"alle vestigingen" files (Windows-1252, ``;``-separated, the encoding DUO serves; ``--encoding``
for another) and writes to standard output, as UTF-8, its header and the rows of the
province named (every row without ``--province``): the rows unchanged, in the file's order.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from kennisgraaf.errors import InputError

PROVINCE = "PROVINCIE"


def subset(lines: TextIO, province: str | None) -> Iterator[list[str]]:
    """The header, then each row whose PROVINCIE is `province` (every row if None)."""
    reader = csv.reader(lines, delimiter=";")
    header = next(reader, None)
    if header is None:
        raise InputError("line 1: the file is empty (no header)")
    if province is not None and PROVINCE not in header:
        raise InputError(f"line 1: no {PROVINCE} column to choose the rows by")
    yield header
    column = header.index(PROVINCE) if province is not None else -1
    wanted = province.casefold() if province is not None else None
    for row in reader:
        if wanted is None or (len(row) > column and row[column].strip().casefold() == wanted):
            yield row


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("register", type=Path, help="a DUO 'alle vestigingen' CSV file")
    parser.add_argument("--province", help="keep only this province's rows (PROVINCIE)")
    parser.add_argument("--encoding", default="cp1252", help="the file's encoding (cp1252)")
    args = parser.parse_args(argv)
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    try:
        with args.register.open(encoding=args.encoding, newline="") as handle:
            writer.writerows(subset(handle, args.province))
    except (OSError, UnicodeDecodeError, InputError) as e:
        print(f"{args.register.name}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
