"""Every CSV cell that a spreadsheet would run as a formula is written as text."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_desk.domain.spreadsheet import FORMULA_STARTS, read_cell, safe_cell, write_csv, write_rows


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"),
    ("=HYPERLINK(\"http://x\",\"Gold\")", "'=HYPERLINK(\"http://x\",\"Gold\")"),
    ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
    ("-", "'-"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tGold", "'\tGold"),
    ("\rGold", "'\rGold"),
    ("-12.50", "-12.50"),
    ("-\u0663", "'-\u0663"),          # an Arabic-Indic digit is not a plain number to a spreadsheet
    ("+7", "+7"),
    (Decimal("-3.25"), "-3.25"),
    (-40, "-40"),
    ("Gold", "Gold"),
    ("'=1", "''=1"),                  # a name that looks escaped already is escaped once more
    ("'Gold", "'Gold"),
    ("", ""),
    (None, ""),
    (dt.date(2026, 3, 1), "2026-03-01"),
])
def test_a_cell_is_neutralised_only_when_it_would_be_a_formula(value, written):
    assert safe_cell(value) == written


def test_floats_and_bools_are_refused():
    with pytest.raises(TypeError):
        safe_cell(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        safe_cell(True)


@given(st.text())
def test_no_written_cell_starts_a_formula_and_the_text_survives(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell)
    assert cell in (text, "'" + text)


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r0123456789.aZ ")) | st.text())
def test_reading_a_written_cell_gives_back_the_text(text):
    assert read_cell(safe_cell(text)) == text


@pytest.mark.parametrize(("typed", "read"), [("'=1+1", "=1+1"), ("'Gold", "'Gold"), ("'-12", "'-12"), ("''=1", "'=1")])
def test_a_typed_cell_loses_only_an_escaping_apostrophe(typed, read):
    assert read_cell(typed) == read


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_rows_read_back_as_written(rows):
    handle = io.StringIO()
    assert write_rows(handle, ["name", "note"], rows) == len(rows)
    back = list(csv.reader(io.StringIO(handle.getvalue(), newline="")))
    assert back[0] == ["name", "note"]
    assert back[1:] == [[safe_cell(a), safe_cell(b)] for a, b in rows]


def test_a_new_file_is_private(tmp_path):
    path = tmp_path / "members.csv"
    write_csv(path, ["name"], [["=1+1"]])
    assert path.read_text(encoding="utf-8").splitlines() == ["name", "'=1+1"]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
