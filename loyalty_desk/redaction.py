"""What reaches a log: kinds, codes, ids and code lines, never a member's details.

Members' names, emails, phones, birthdays, addresses and metadata never reach a log. Two layers:

- What the app logs about an error is built safe: `describe()` and `crash_report()` name an error by
  its kind, the database's error code and the schema objects involved, plus the ids the unit of work
  noted on it, never by the words a driver or a refusal carries (PostgreSQL's DETAIL repeats the
  failing row, name, email and phone included; a refusal names the member for the cashier).
- `RedactMemberData`, one logging filter installed on every handler the app sets up, is the second
  net: it renders each record by the same rules (exceptions given as arguments or as exc_info
  included) and strips what still looks like member data: SQL parameters, PostgreSQL DETAIL lines,
  emails, phone numbers, and the member fields of a repr or a dict.

Lives at the package root, beside errors.py: the unit of work, the app and the views all log.
It duck-types the database errors (SQLAlchemy's `orig` and `statement`, sqlite3's
`sqlite_errorname`, psycopg's `sqlstate` and `diag`), so the views importing it import no database code.
"""
from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Mapping

from .errors import LoyaltyError

# PostgreSQL error classes whose primary message is made of schema names only (the values are in
# DETAIL): integrity (23), syntax and undefined objects (42), transactions and locks (25, 40, 55),
# connection and resources (08, 53, 57, 58). Others, such as data exceptions (22: 'invalid input
# syntax for type integer: "..."') or a trigger's RAISE (P0), may quote a value: only their code is logged.
SCHEMA_WORDED_SQLSTATES = ("08", "23", "25", "40", "42", "53", "55", "57", "58")
WITHHELD = "…"
# Fields of a member (and of a redemption's delivery) as they show in a repr or a dict; and the staff's
# PINs, which no log may hold either.
MEMBER_FIELDS = ("customer_name", "email", "phone", "birthday", "address", "shipping_address",
                 "member_metadata", "activity_metadata", "metadata", "name_key", "surname_key",
                 "pin", "approver_pin", "pin_hash")

_FIELD_VALUE = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|datetime\.date\([^)]*\)|\{[^{}]*\}|[^\s,)}\]]+)"""
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # SQLAlchemy's statement parameters (the engine hides them; this is for any other engine).
    (re.compile(r"\[parameters: [^\n]*"), "[parameters withheld]"),
    # PostgreSQL's DETAIL ("Failing row contains (...)", "Key (email)=(...) already exists").
    (re.compile(r"DETAIL:[^\n]*"), "DETAIL: withheld"),
    (re.compile(r"Failing row contains \([^\n]*"), "Failing row contains (withheld)"),
    # customer_name='Ada', 'email': 'ada@…', "phone": "+1…", birthday=datetime.date(1990, 5, 17)
    (re.compile(r"""(?P<key>\b(?:""" + "|".join(MEMBER_FIELDS) + r""")['"]?\s*[=:]\s*)""" + _FIELD_VALUE),
     rf"\g<key>{WITHHELD}"),
    (re.compile(r"\$argon2\w*\$[\w$=,+/.-]+"), "<hash>"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    # 7 to 15 digits with the usual separators, or a + and digits: a phone number (ISO dates are kept).
    (re.compile(r"(?<![\w.:/#-])(?!\d{4}-\d\d-\d\d(?![\d]))\+?\(?\d(?:[ .()-]{0,2}\d){6,14}(?![\w:])"), "<phone>"),
]


def redact(text: str) -> str:
    """`text` without what looks like a member's details (see the module docstring)."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def describe(error: BaseException, *, sql: bool = False) -> str:
    """One error as a log may name it: its kind and what is safe of its words. With `sql`, the
    statement a database error came from (its text: the engine never puts values in it)."""
    text = f"{_kind(error)}: {_safe_words(error)}"
    statement = getattr(error, "statement", None)
    if sql and isinstance(getattr(error, "orig", None), BaseException) and isinstance(statement, str):
        text += f"\n[SQL: {redact(statement)}]"
    return text


def crash_report(error: BaseException) -> str:
    """A traceback for the log: every exception of the chain by `describe`, the frames (files, lines
    and code, never variables), and the notes the app added (ids only)."""
    return "\n".join(_report(error, set()))


def _report(error: BaseException, seen: set[int]) -> list[str]:
    seen.add(id(error))
    lines: list[str] = []
    cause, context = error.__cause__, error.__context__
    if cause is not None and id(cause) not in seen:
        lines += [*_report(cause, seen), "", "The above exception was the direct cause of the following exception:", ""]
    elif context is not None and not error.__suppress_context__ and id(context) not in seen:
        lines += [*_report(context, seen), "", "During handling of the above exception, another exception occurred:",
                  ""]
    if error.__traceback__ is not None:
        lines.append("Traceback (most recent call last):")
        lines += [frame.rstrip("\n") for frame in traceback.format_list(traceback.extract_tb(error.__traceback__))]
    lines.append(describe(error, sql=True))
    lines += [redact(str(note)) for note in getattr(error, "__notes__", ())]
    return lines


def _kind(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _safe_words(error: BaseException) -> str:
    if isinstance(error, LoyaltyError):
        # A refusal's words are for the cashier and often name the member: the log keeps its field and ids.
        facts = [f"field {error.field}"] if error.field else []
        existing = getattr(error, "existing_member_id", None)
        if existing is not None:
            facts.append(f"existing member #{existing}")
        return "a refusal, words withheld" + (f" ({', '.join(facts)})" if facts else "")
    orig = getattr(error, "orig", None)
    if isinstance(orig, BaseException):     # SQLAlchemy's wrapper of a driver error
        return f"{_kind(orig)}: {_driver_words(orig)}"
    if hasattr(error, "sqlite_errorname") or hasattr(error, "sqlstate"):
        return _driver_words(error)
    return redact(str(error))


def _driver_words(error: BaseException) -> str:
    first = str(error).split("\n", 1)[0]
    errorname = getattr(error, "sqlite_errorname", None)
    if errorname is not None:
        # SQLite's own messages name tables, columns and constraints, never values (a trigger's
        # RAISE takes a literal only).
        return f"[{errorname}] {redact(first)}"
    sqlstate = getattr(error, "sqlstate", None)
    if not isinstance(sqlstate, str):
        return redact(first)
    diag = getattr(error, "diag", None)
    where = ", ".join(f"{what} {value}" for what in ("table", "column", "constraint")
                      if isinstance(value := getattr(diag, f"{what}_name", None), str))
    primary = getattr(diag, "message_primary", None) or first
    words = primary if sqlstate[:2] in SCHEMA_WORDED_SQLSTATES else "words withheld"
    return f"[SQLSTATE {sqlstate}] {redact(words)}" + (f" ({where})" if where else "")


class RedactMemberData(logging.Filter):
    """The one logging filter: every record, its arguments and its exception, rendered without member
    data before any handler writes it. Installed on handlers (`install`), so records from every
    logger that reaches them pass through it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "member_data_redacted", False):
            return True
        args: object = record.args
        if isinstance(args, Mapping):
            args = {key: _safe_arg(value) for key, value in args.items()}
        elif isinstance(args, tuple):
            args = tuple(_safe_arg(value) for value in args)
        text = _safe_arg(record.msg)      # log.error(error) logs an exception's words otherwise
        try:
            message = str(text) % args if args else str(text)
        except (TypeError, ValueError, KeyError):
            message = f"{text} {args}"
        record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = crash_report(record.exc_info[1])   # the formatter prints exc_text when set
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record.member_data_redacted = True
        return True


def _safe_arg(value: object) -> object:
    return describe(value) if isinstance(value, BaseException) else value


def install(handler: logging.Handler) -> logging.Handler:
    """Put the filter on a handler (once)."""
    if not any(isinstance(f, RedactMemberData) for f in handler.filters):
        handler.addFilter(RedactMemberData())
    return handler
