"""Turning caller input into checked values, or a ValidationError naming the field."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar, cast

from ..domain.countries import CURRENCY_RULE, is_currency
from ..errors import NotFound, ValidationError

E = TypeVar("E", bound=StrEnum)
MAX_AMOUNT = Decimal("1000000")
MAX_POINTS = 100_000_000


def check_mapping(data: object, allowed: Iterable[str], what: str, required: Iterable[str] = ()) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValidationError(f"The {what} must be given as a dictionary of fields")
    allowed = set(allowed)
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        raise ValidationError(f"Unknown field(s) for {what}: {', '.join(unknown)}", field=unknown[0])
    for key in required:
        if data.get(key) is None:
            raise ValidationError(f"The {what} needs a {key.replace('_', ' ')}", field=key)
    return data


MAX_ID = 2**31 - 1  # the largest id either database can hold


def as_user_id(value: object) -> str:
    """The shop account every call names (the spec's `user_id`)."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise ValidationError("The shop account (user_id) must be a non-empty text of at most 64 characters")
    return check_clean(value, "user_id")


def as_optional_id(value: object, what: str) -> int | None:
    """An optional id: None, or checked as `as_id` checks it."""
    return None if value is None else as_id(value, what)


def as_day(value: object, field: str) -> dt.date:
    """A calendar date (a datetime is refused: it would carry a time of day and a zone)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError(f"The {field} must be a date", field=field)
    return value


def as_id(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"The {what} id must be a whole number, not {type(value).__name__}")
    if value <= 0:
        raise ValidationError(f"The {what} id must be positive")
    if value > MAX_ID:
        raise NotFound(f"No {what} #{value}")
    return value


def as_limit(value: object, *, maximum: int = 1000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValidationError(f"The limit must be a whole number from 1 to {maximum:,}", field="limit")
    return value


# Control characters (NUL and the like: no database should store them, and PostgreSQL cannot) and
# lone surrogates (half of a character, which no UTF-8 text can hold).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# In JSON (metadata, terms, lists) only NUL and lone surrogates are refused: JSON escapes the rest.
_UNSTORABLE_IN_JSON = re.compile("[\x00\ud800-\udfff]")
# How deep a JSON value (metadata, reward terms) may nest: deeper is no real shop's data, and
# thousands of levels would exhaust Python's recursion in the encoder.
MAX_JSON_DEPTH = 20
# A cursor or limit that no 64-bit database integer can hold is refused before it reaches SQL.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check_clean(text: str, field: str) -> str:
    """Refuse control characters and lone surrogates (see _UNSTORABLE)."""
    if _UNSTORABLE.search(text):
        raise ValidationError(f"The {field.replace('_', ' ')} contains characters that cannot be stored", field=field)
    return text


def _check_json_value(value: object, field: str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, and text in it that cannot be stored."""
    label = field.replace("_", " ")
    level: list[object] = [value]
    depth = 0
    while level:
        deeper: list[object] = []
        containers = False
        for item in level:
            if isinstance(item, str):
                if _UNSTORABLE_IN_JSON.search(item):
                    raise ValidationError(f"The {label} contains characters that cannot be stored", field=field)
            elif isinstance(item, Mapping):
                containers = True
                deeper.extend(item.keys())
                deeper.extend(item.values())
            elif isinstance(item, (list, tuple)):
                containers = True
                deeper.extend(item)
        depth += containers
        if depth > MAX_JSON_DEPTH:
            raise ValidationError(f"The {label} is nested deeper than {MAX_JSON_DEPTH} levels", field=field)
        level = deeper


def as_text(value: object, field: str, *, max_len: int, required: bool = True) -> str | None:
    if value is None:
        if required:
            raise ValidationError(f"Enter the {field.replace('_', ' ')}", field=field)
        return None
    if not isinstance(value, str):
        raise ValidationError(f"The {field.replace('_', ' ')} must be text", field=field)
    text = check_clean(value.strip(), field)
    if not text:
        if required:
            raise ValidationError(f"Enter the {field.replace('_', ' ')}", field=field)
        return None
    if len(text) > max_len:
        raise ValidationError(f"The {field.replace('_', ' ')} is longer than {max_len} characters", field=field)
    return text


def as_currency(value: object) -> str:
    code = as_text(value, "currency", max_len=3)
    assert code is not None
    code = code.upper()
    if not is_currency(code):
        raise ValidationError(CURRENCY_RULE, field="currency")
    return code


def as_int(value: object, field: str, *, minimum: int | None = None, maximum: int = MAX_POINTS) -> int:
    if isinstance(value, str) and len(value.strip()) <= 12:
        try:
            value = int(value.strip())
        except ValueError:
            pass  # refused just below, as any other non-number
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a whole number", field=field)
    if minimum is not None and value < minimum:
        raise ValidationError(f"The {field.replace('_', ' ')} must be at least {minimum}", field=field)
    if value > maximum:
        raise ValidationError(f"The {field.replace('_', ' ')} must be at most {maximum:,}", field=field)
    return value


# The one text form a money or rate argument may take: ASCII digits, and optionally a point
# followed by decimals. re.ASCII matters: without it \d and \s also match "１２" or "٣",
# which Decimal() would happily read. A sign is matched separately, only where one is allowed.
_DECIMAL_TEXT = re.compile(r"\s*(-?)([0-9]+)(?:\.([0-9]+))?\s*", re.ASCII)


def _example(places: int) -> str:
    return {0: "12", 1: "12.5", 2: "12.50"}.get(places, "1.5")


def _decimal_from_text(value: str, field: str, label: str, places: int, signed: bool) -> Decimal:
    """Read the canonical text form, or say in plain words what to change. Never guess."""
    if not value.strip():
        raise ValidationError(f"Enter the {label}", field=field)
    match = _DECIMAL_TEXT.fullmatch(value)
    if match is not None and match.group(1) and not signed:
        raise ValidationError(f"The {label} cannot be negative", field=field)
    if match is None:
        if any(ch.isdigit() and not ch.isascii() for ch in value):
            reason = f"The {label} must use the digits 0 to 9"
        elif not places:
            reason = f"The {label} must be a whole number, like 12"
        elif "," in value:
            reason = f"The {label} must be written with digits and a point, like {_example(places)} (no commas)"
        elif any(ch.isalpha() for ch in value):  # "abc", "NaN", "1e3"
            reason = f"The {label} is not a number: write it with digits and a point, like {_example(places)}"
        else:
            reason = (f"The {label} must be written with digits and a point, like {_example(places)} "
                      "(no spaces, signs or other marks)")
        raise ValidationError(reason, field=field)
    decimals = match.group(3)
    if decimals is not None and len(decimals) > places:
        raise ValidationError(_places_message(label, places), field=field)
    return Decimal(value.strip())


def _places_message(label: str, places: int) -> str:
    if places == 0:
        return f"The {label} must be a whole number, without decimals"
    return f"The {label} can have at most {places} decimal{'s' if places > 1 else ''}"


def as_decimal(
    value: object,
    field: str,
    *,
    minimum: Decimal = Decimal("0"),
    maximum: Decimal = MAX_AMOUNT,
    places: int = 2,
    strictly_positive: bool = False,
) -> Decimal:
    """A Decimal, an int, or a string in the one canonical form ("12.50"), checked; else ValidationError.

    The service never guesses what a string meant: "12,50", "1,234.56", "1e3" or "１２" are
    refused, not read as 1250, 1234.56, 1000 or 12. Turning what a person typed into the
    canonical form is the job of the screen that knows the person's locale.
    """
    label = field.replace("_", " ")
    if isinstance(value, float):
        raise ValidationError(f"The {label} must be a Decimal or a string, never a float (floats are not exact)",
                              field=field)
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise ValidationError(f"The {label} must be a number", field=field)
    if isinstance(value, str):
        number = _decimal_from_text(value, field, label, places, signed=minimum < 0)
    else:
        number = Decimal(value)
        if not number.is_finite():
            raise ValidationError(f"The {label} must be a finite number", field=field)
    if number.is_zero():
        number = abs(number)  # -0 is 0: no sign is stored on a zero
    if strictly_positive and number <= 0:
        raise ValidationError(f"The {label} must be more than zero", field=field)
    if number < minimum:
        raise ValidationError(f"The {label} cannot be below {minimum}", field=field)
    if number > maximum:
        raise ValidationError(f"The {label} cannot be above {maximum:,}", field=field)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(_places_message(label, places), field=field)
    return number


def as_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"The {field.replace('_', ' ')} must be true or false", field=field)
    return value


def as_date(value: object, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a date without a time", field=field)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValidationError(f"The {field.replace('_', ' ')} must be a date like 1990-04-23", field=field) from exc
    raise ValidationError(f"The {field.replace('_', ' ')} must be a date", field=field)


def as_enum(value: object, enum: type[E], field: str) -> E:
    try:
        # The lookup takes any value and raises ValueError for one that is not a member's.
        return enum(cast(str, value))
    except ValueError as exc:
        choices = ", ".join(m.value for m in enum)
        raise ValidationError(f"Unknown {field.replace('_', ' ')} {value!r}: use one of {choices}",
                              field=field) from exc


def as_json_dict(value: object, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a dictionary", field=field)
    _check_json_value(value, field)
    try:
        # Round-trip so that only plain JSON is stored, and no caller object is aliased.
        return json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"The {field.replace('_', ' ')} must hold plain JSON values", field=field) from exc


def as_json_list(value: object, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a list", field=field)
    _check_json_value(value, field)
    try:
        return json.loads(json.dumps(list(value), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"The {field.replace('_', ' ')} must hold plain JSON values", field=field) from exc
