"""Reading a CSV file row by row with errors that name the file and line: shared by the CSV
mapping loader and the Kennisrotonde loader."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.settings import get_settings


def _unreadable(path: Path, line: int, e: Exception, limit: int) -> InputError:
    if isinstance(e, csv.Error) and "field larger than field limit" in str(e):
        return InputLimitError(
            f"{path.name}, line {line}: a field longer than {limit:,} characters (setting "
            "input_max_literal_bytes)",
            "input_max_literal_bytes",
        )
    what = "header" if line == 1 else "row"
    return InputError(f"{path.name}, line {line}: unreadable {what}: {e}")


def csv_rows(
    path: Path, check_header: Callable[[list[str]], None], delimiter: str = ","
) -> Iterator[tuple[int, list[str], list[str]]]:
    """(first line of the row, header, cells) for every non-blank row, after `check_header` has
    accepted the header (it raises InputError naming line 1 otherwise)."""
    # A field may be as long as a literal (the csv module's own default is 128 KiB); the bound
    # is process-wide, and every reader here sets the same value from the settings.
    limit = get_settings().input_max_literal_bytes
    csv.field_size_limit(limit)
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
            raise _unreadable(path, 1, e, limit) from e
        check_header(header)
        last_line = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as e:
                raise _unreadable(path, last_line + 1, e, limit) from e
            start, last_line = last_line + 1, reader.line_num
            if any(c.strip() for c in cells):
                yield start, header, cells
