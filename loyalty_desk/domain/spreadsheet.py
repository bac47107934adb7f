"""Every CSV the app writes goes through here, so no cell can run as a spreadsheet formula.

Spreadsheet programs treat a cell that starts with `=`, `+`, `-` or `@` (and,
in some of them, a tab or a carriage return) as a formula; a member or tier
named `=HYPERLINK(...)` would then run when the owner opens the export. Such a
cell is written with a leading apostrophe, which spreadsheets show as text.
Plain numbers, negative ones included, are left as they are.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")

Cell = str | int | Decimal | dt.date | None


def safe_cell(value: Cell) -> str:
    """The text of one cell, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("write a yes/no column as words, not as a bool")
    if isinstance(value, float):
        raise TypeError("money and points are never floats")  # the project's rule, kept at the edge too
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if _needs_apostrophe(text) else text


def read_cell(text: str) -> str:
    """A cell's text as it was before `safe_cell` wrote it, so an exported file imports back to
    the same names: exactly the apostrophe `safe_cell` adds is taken off."""
    return text[1:] if text.startswith("'") and _needs_apostrophe(text[1:]) else text


def _needs_apostrophe(text: str) -> bool:
    # A text that already looks escaped ("'=x") gets one more, so that reading it back is exact.
    if text.startswith("'"):
        return _needs_apostrophe(text[1:])
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def write_rows(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a header and rows to an open text file; returns the number of rows written."""
    writer = csv.writer(handle)
    writer.writerow([safe_cell(name) for name in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """A UTF-8 CSV file at `path`, readable by its owner only (it may hold members' details)."""
    target = Path(path)
    with open(target, "w", newline="", encoding="utf-8", opener=_private) as handle:
        return write_rows(handle, header, rows)


def _private(path: str, flags: int) -> int:
    # 0600 new or not (chmod, whatever the umask). The domain imports nothing of the package,
    # so this is paths.open_private's twin, kept to these lines.
    fd = os.open(path, flags, 0o600)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)
    return fd
