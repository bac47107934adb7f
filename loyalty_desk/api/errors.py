"""Errors as HTTP answers: one table from the service's typed errors to status codes, and the
adapter's own refusals of a body (size, content type, JSON). Every error is
`{"error": {"type": "...", "message": "..."}}`; a 5xx never carries a traceback."""
from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import (
    DatabaseBusy,
    DatabaseReadOnly,
    DiskFull,
    DuplicateMember,
    DuplicateReference,
    InsufficientPoints,
    InvalidApiKey,
    InvalidTransition,
    InvalidWebhookSignature,
    LoyaltyError,
    NotEligible,
    NotFound,
    OutOfStock,
    PermissionDenied,
    RateLimited,
    ValidationError,
)

log = logging.getLogger(__name__)

# The one mapping: the first row whose class the error is an instance of (subclasses first).
STATUS: tuple[tuple[type[LoyaltyError], int], ...] = (
    (InvalidApiKey, 401),
    (InvalidWebhookSignature, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (DuplicateMember, 409),
    (DuplicateReference, 409),
    (InsufficientPoints, 409),
    (OutOfStock, 409),
    (NotEligible, 409),
    (InvalidTransition, 409),
    (ValidationError, 422),
    (RateLimited, 429),
    (DatabaseBusy, 503),
    (DatabaseReadOnly, 503),
    (DiskFull, 507),
    (LoyaltyError, 400),
)
INTERNAL = "Something went wrong on the server; nothing was written. Try again, or look at the server's log."


def type_name(cls: type) -> str:
    """A class name as the error type: NotFound -> "not_found"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def status_of(error: LoyaltyError) -> int:
    return next(status for cls, status in STATUS if isinstance(error, cls))


def error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)


class BadBody(Exception):
    """The request body refused before it reaches the service: nothing was written."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


def loyalty_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LoyaltyError)
    headers = None
    if isinstance(exc, RateLimited):
        headers = {"Retry-After": str(exc.retry_after)}
    elif isinstance(exc, DatabaseBusy):
        headers = {"Retry-After": "1"}
    return error_response(status_of(exc), type_name(type(exc)), exc.message, headers)


def bad_body(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BadBody)
    return error_response(exc.status, exc.kind, exc.message)


def invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """A query or path parameter of the wrong type (FastAPI's own check)."""
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "validation_error", describe_errors(exc.errors()))


def http_error(_request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own: an unknown path (404), a wrong method (405)."""
    assert isinstance(exc, HTTPException)
    kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, kind, str(exc.detail), getattr(exc, "headers", None))


def describe_errors(errors: Any) -> str:
    """Pydantic's errors in one readable sentence, naming the fields (never echoing values)."""
    parts = []
    for error in list(errors)[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        kind = error.get("type", "")
        if kind == "extra_forbidden":
            parts.append(f"unknown field {where!r}")
        elif kind == "missing":
            parts.append(f"missing field {where!r}")
        else:
            message = str(error.get("msg", "is not valid"))
            parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts).capitalize() if parts else "The request is not valid"


HANDLERS = {LoyaltyError: loyalty_error, BadBody: bad_body, RequestValidationError: invalid_request,
            HTTPException: http_error}


def error_example(kind: str, message: str) -> dict[str, Any]:
    return {"application/json": {"example": {"error": {"type": kind, "message": message}}}}


# Error answers for the OpenAPI document, with an example each.
ERROR_DOCS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed JSON", "content": error_example("malformed_json", "The body is not valid JSON")},
    401: {"description": "No key, or an unknown or revoked one",
          "content": error_example("invalid_api_key", "Unknown or revoked API key")},
    403: {"description": "A read key tried to write",
          "content": error_example("permission_denied", "A read API key cannot record purchases")},
    404: {"description": "No such member, card, reward, order or shop for this key",
          "content": error_example("not_found", "No member #42")},
    409: {"description": "Refused by a rule: the order was recorded with another member or amount, not enough "
                         "points, out of stock, not eligible",
          "content": error_example("duplicate_reference", "Order O-1001 was already recorded for another amount")},
    413: {"description": "The body is over 1 MB", "content": error_example("body_too_large", "The body is over 1 MB")},
    415: {"description": "The body is not JSON",
          "content": error_example("unsupported_media_type", "Send the body as application/json")},
    422: {"description": "Unknown or missing fields, a wrong type, an amount not written like \"12.50\"",
          "content": error_example("validation_error", "Unknown field 'colour'")},
    429: {"description": "Too many enrollments by this key in the last minute (see Retry-After)",
          "content": error_example("rate_limited", "This API key enrolled 30 members in the last minute: try "
                                                   "again in 12 s")},
    503: {"description": "The database is busy or read-only: nothing was written, try again",
          "content": error_example("database_busy", "The database is busy: another register is saving. Try again.")},
}
