"""Names from one column of a CSV file (exports of registrations, SIEM, DNS logs).

The CSV reader is fed capped, checked lines (see :mod:`smishguard.sources.files`), so an
over-long or undecodable line is reported and skipped like in a plain list; quoted fields
spanning lines still work. A cell may hold a URL: its host is taken.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from smishguard.errors import InvalidInput
from smishguard.sources.files import capped_lines
from smishguard.sources.lists import host_in_cell

MAX_CSV_LINE = 64 * 1024


def _find_column(header: list[str], column: str, where: str) -> int:
    cleaned = [h.strip() for h in header]
    if column in cleaned:
        return cleaned.index(column)
    folded = [h.casefold() for h in cleaned]
    if column.casefold() in folded:
        return folded.index(column.casefold())
    raise InvalidInput(f"{where} has no column {column!r} (columns: {', '.join(cleaned)})")


def csv_names(
    stream: io.BufferedIOBase, where: str, column: str, on_error: Callable[[str], None],
    max_line_bytes: int = MAX_CSV_LINE,
) -> Iterator[str]:
    """The non-empty values of ``column`` (by header name), each reduced to its host."""
    line_number = 0  # of the last line handed to csv: the file's, not csv's own count

    def lines() -> Iterator[str]:
        nonlocal line_number
        for number, line in capped_lines(stream, where, on_error, max_line_bytes):
            line_number = number
            yield line

    reader = csv.reader(lines(), strict=False)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InvalidInput(f"{where}: cannot read the CSV header ({exc})") from exc
    if header is None:
        raise InvalidInput(f"{where} is empty; expected a CSV header with {column!r}")
    index = _find_column(header, column, where)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            on_error(f"{where}: row ending at line {line_number} is not valid CSV ({exc}); "
                     "skipped")
            continue
        if len(row) <= index:
            if any(cell.strip() for cell in row):
                on_error(f"{where}: row at line {line_number} has no {column!r} field; "
                         "skipped")
            continue
        cell = row[index].strip()
        if not cell:
            continue
        host = host_in_cell(cell, where, line_number, on_error)
        if host:
            yield host
