"""Reading a members file (CSV) as a shop brings it from a spreadsheet or another system.

Pure Python, no Qt and no database: the service's import (services/member_import.py) and the
desktop's import wizard (its preview and column mapping) read files with the same functions.
The steps: `read_table` decodes the bytes (UTF-8, UTF-8 with a BOM, or Windows-1252) and finds
the delimiter (`,`, `;` or tab); `match_columns` names each header (case-insensitively, with
common synonyms, or as the caller maps it); `parse_row` turns one row's cells into typed values
and the problems it finds, each as (header, message). What needs the shop (its phone region,
its tiers, its members) is checked by the service.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .spreadsheet import read_cell

DELIMITERS = (",", ";", "\t")
ENCODINGS = ("utf-8-sig", "cp1252")      # UTF-8 (with or without a BOM) first; cp1252 only if that fails
MAX_CELL = 2000                         # characters; a longer cell is refused (notes are the longest field)

# Each field the import knows, with the headers that name it (compared after `header_key`).
FIELDS: dict[str, tuple[str, ...]] = {
    "customer_id": ("customer_id", "customer_number", "customer_no", "client_id", "client_number", "client_no",
                    "external_id",
                    "member_id", "member_number", "id"),
    "customer_name": ("customer_name", "name", "full_name", "member_name", "member", "customer", "client_name"),
    "first_name": ("first_name", "firstname", "given_name", "forename", "first"),
    "last_name": ("last_name", "lastname", "surname", "family_name", "last"),
    "email": ("email", "e_mail", "email_address", "mail"),
    "phone": ("phone", "phone_number", "telephone", "tel", "mobile", "mobile_phone", "cell", "cell_phone"),
    "birthday": ("birthday", "birth_date", "birthdate", "date_of_birth", "dob"),
    "points": ("points", "balance", "points_balance", "point_balance", "current_points", "current_balance"),
    "lifetime_points": ("lifetime_points", "lifetime", "lifetime_balance", "total_points", "points_earned",
                        "total_points_earned"),
    "tier": ("tier", "tier_name", "level", "membership_level", "current_tier"),
    "enrollment_date": ("enrollment_date", "enrolment_date", "enrolled", "enrolled_on", "join_date", "joined",
                        "member_since", "signup_date", "sign_up_date", "created"),
    "card_number": ("card_number", "card", "card_no", "loyalty_card", "card_id"),
    "marketing_consent": ("marketing_consent", "consent", "opt_in", "optin", "marketing", "newsletter",
                          "accepts_marketing", "email_opt_in"),
    "email_opt_out": ("email_opt_out", "opt_out", "optout", "opted_out", "unsubscribed", "do_not_email",
                      "no_email"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "x", "opt_in", "opted_in", "subscribed", "oui", "ja", "si", "sí"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "opt_out", "opted_out", "unsubscribed", "non", "nein"})
_DIGITS = re.compile(r"[0-9]{1,12}", re.ASCII)
_DATE_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                        r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?", re.ASCII)


class MemberFileError(ValueError):
    """The file cannot be read as a members file at all (the service raises it as a ValidationError)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A decoded CSV: its header, and each data row with the line it ends on (the header is line 1)."""

    encoding: str                                       # "utf-8", "utf-8-sig" (with a BOM) or "cp1252"
    delimiter: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Columns:
    """Which cell holds which field (`fields`: field -> index into the header), and the headers left out."""

    fields: Mapping[str, int]
    ignored: tuple[str, ...]

    def header_of(self, table: Table, field: str) -> str:
        return table.header[self.fields[field]]


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was read with."""
    if b"\x00" in data:
        raise MemberFileError("The file is not a text CSV: it holds NUL bytes (UTF-16? Save it as CSV UTF-8)")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise MemberFileError("The file is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most (a one-column file: a comma)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(data: bytes) -> Table:
    text, encoding = decode(data)
    if not text.strip():
        raise MemberFileError("The file is empty")
    delimiter = sniff_delimiter(text.lstrip("\r\n").splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue                    # blank lines, and rows of empty cells a spreadsheet leaves
            if header is None:
                header = tuple(cell.strip() for cell in cells)
            else:
                rows.append((reader.line_num, tuple(cells)))
    except csv.Error as exc:
        raise MemberFileError(f"The file is not a readable CSV near line {reader.line_num}: {exc}") from exc
    assert header is not None               # the text is not blank, so some row has a cell
    if not rows:
        raise MemberFileError("The file has a header but no members")
    return Table(encoding, delimiter, header, tuple(rows))


def header_key(header: str) -> str:
    """A header compared without case, accents, spaces or punctuation: 'E-Mail ' -> 'e_mail'."""
    decomposed = unicodedata.normalize("NFKD", header.strip())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^0-9a-z]+", "_", plain).strip("_")


_SYNONYMS = {synonym: field for field, synonyms in FIELDS.items() for synonym in synonyms}


def field_for(header: str) -> str | None:
    """The field a header names by one of its synonyms, if any (the import wizard's first guess)."""
    return _SYNONYMS.get(header_key(header))


def match_columns(header: Sequence[str], mapping: Mapping[str, str | None] | None = None) -> Columns:
    """Name each column: `mapping` (header -> field, or None to leave it out) first, then synonyms.

    Refused: a mapping to an unknown field or from a header the file lacks, two columns for one
    field, and a file with no name (neither a name nor a first or last name column).
    """
    mapping = dict(mapping or {})
    for name, field in mapping.items():
        if name not in header:
            raise MemberFileError(f"The mapping names a column the file does not have: {name!r}")
        if field is not None and field not in FIELDS:
            raise MemberFileError(f"Unknown field {field!r} in the mapping: use one of {', '.join(FIELDS)}")
    fields: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        field = mapping[name] if name in mapping else field_for(name)
        if field is None:
            ignored.append(name)
            continue
        if field in fields:
            raise MemberFileError(f"Two columns are both the {field.replace('_', ' ')}: "
                                  f"{header[fields[field]]!r} and {name!r}; map one of them to another field")
        fields[field] = index
    if not {"customer_name", "first_name", "last_name"} & fields.keys():
        raise MemberFileError("The file has no column for the member's name (name, or first and last name); "
                              f"its columns are: {', '.join(header)}")
    return Columns(fields, tuple(ignored))


def _points(text: str) -> int:
    if not _DIGITS.fullmatch(text):
        raise ValueError("must be a whole number of points, like 1200")
    return int(text)


def _date(text: str) -> dt.date:
    match = _DATE_TIME.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise ValueError("must be a date written like 1990-04-23") from None


def _consent(text: str) -> bool:
    word = header_key(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError("must be yes or no")


PARSERS = {"points": _points, "lifetime_points": _points, "birthday": _date, "enrollment_date": _date,
           "marketing_consent": _consent, "email_opt_out": _consent}


def parse_row(table: Table, columns: Columns, cells: Sequence[str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row's values by field (empty cells are left out) and its problems as (header, message).

    First and last names make `customer_name` when the file has no name column. Texts are
    stripped; emails, phones and tiers stay text for the service to check against the shop.
    """
    problems: list[tuple[str, str]] = []
    if len(cells) > len(table.header):
        extra = len(cells) - len(table.header)
        problems.append(("", f"the row has {extra} more cell(s) than the header: a value with a "
                             f"{'tab' if table.delimiter == chr(9) else repr(table.delimiter)} in it needs quotes"))
    values: dict[str, Any] = {}
    for field, index in columns.fields.items():
        text = read_cell(cells[index].strip()) if index < len(cells) else ""
        if not text:
            continue
        header = table.header[index]
        if len(text) > MAX_CELL:
            problems.append((header, f"is longer than {MAX_CELL} characters"))
            continue
        parse = PARSERS.get(field)
        try:
            values[field] = parse(text) if parse else text
        except ValueError as exc:
            problems.append((header, f"{text[:40]!r} {exc}"))
    first, last = values.pop("first_name", None), values.pop("last_name", None)
    if "customer_name" not in values and (first or last):
        values["customer_name"] = " ".join(part for part in (first, last) if part)
    if "customer_name" not in values:
        name_columns = [f for f in ("customer_name", "first_name", "last_name") if f in columns.fields]
        problems.append((columns.header_of(table, name_columns[0]), "the member's name is empty"))
    return values, problems
