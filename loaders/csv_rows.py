"""Reading a CSV file row by row with errors that name the file and line: shared by the CSV
mapping loader and the Kennisrotonde loader."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from kennisgraaf.errors import InputError


def csv_rows(
    path: Path, check_header: Callable[[list[str]], None], delimiter: str = ","
) -> Iterator[tuple[int, list[str], list[str]]]:
    """(first line of the row, header, cells) for every non-blank row, after `check_header` has
    accepted the header (it raises InputError naming line 1 otherwise)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError(f"{path.name}: cannot read the file: {e}") from e
    with handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise InputError(f"{path.name}, line 1: the file is empty (no header)") from None
        except (csv.Error, UnicodeDecodeError) as e:
            raise InputError(f"{path.name}, line 1: unreadable header: {e}") from e
        check_header(header)
        last_line = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as e:
                raise InputError(f"{path.name}, line {last_line + 1}: unreadable: {e}") from e
            start, last_line = last_line + 1, reader.line_num
            if any(c.strip() for c in cells):
                yield start, header, cells
