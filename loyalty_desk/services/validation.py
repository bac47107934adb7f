"""Turning caller input into checked values, or a ValidationError naming the field."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

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


def check_clean(text: str, field: str) -> str:
    """Refuse control characters (NUL and the like): no database should store them, and PostgreSQL cannot."""
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text) or "\x7f" in text:
        raise ValidationError(f"The {field.replace('_', ' ')} contains characters that cannot be stored", field=field)
    return text


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


def as_decimal(
    value: object,
    field: str,
    *,
    minimum: Decimal = Decimal("0"),
    maximum: Decimal = MAX_AMOUNT,
    places: int = 2,
    strictly_positive: bool = False,
) -> Decimal:
    if isinstance(value, float):
        raise ValidationError(
            f"The {field.replace('_', ' ')} must be a Decimal or a string, never a float", field=field
        )
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a number", field=field)
    try:
        number = Decimal(value.strip().replace(",", "") if isinstance(value, str) else value)
    except InvalidOperation as exc:
        raise ValidationError(f"The {field.replace('_', ' ')} is not a number: {value!r}", field=field) from exc
    if not number.is_finite():
        raise ValidationError(f"The {field.replace('_', ' ')} must be a finite number", field=field)
    if strictly_positive and number <= 0:
        raise ValidationError(f"The {field.replace('_', ' ')} must be more than zero", field=field)
    if number < minimum:
        raise ValidationError(f"The {field.replace('_', ' ')} cannot be below {minimum}", field=field)
    if number > maximum:
        raise ValidationError(f"The {field.replace('_', ' ')} cannot be above {maximum:,}", field=field)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(
            f"The {field.replace('_', ' ')} has more than {places} decimal places", field=field
        )
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
        return enum(value)
    except ValueError as exc:
        choices = ", ".join(m.value for m in enum)
        raise ValidationError(f"Unknown {field.replace('_', ' ')} {value!r}: use one of {choices}", field=field) from exc


def as_json_dict(value: object, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(f"The {field.replace('_', ' ')} must be a dictionary", field=field)
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
    try:
        return json.loads(json.dumps(list(value), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"The {field.replace('_', ' ')} must hold plain JSON values", field=field) from exc
