"""The HTTP adapter's application: the app factory, the body-size guard, and the server.

`create_app(service)` builds a FastAPI app over one `LoyaltyService` (the same facade as the
desktop). Its routers are listed in `ROUTERS`: the API under /api/loyalty and the web shops'
webhooks under /webhooks; another is added by passing `routers=`, and shares the errors, the
size limit and the log.
"""
from __future__ import annotations

import logging
import signal
import time
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..services import LoyaltyService
from . import loyalty, unsubscribe, webhooks
from .bodies import MAX_BODY
from .errors import HANDLERS, INTERNAL

log = logging.getLogger("loyalty_desk.api")
ROUTERS: tuple[APIRouter, ...] = (loyalty.router, webhooks.router, unsubscribe.router)
DRAIN_LIMIT = 16 * MAX_BODY      # an over-long body is read and dropped up to this, so the client hears the 413


def _json_error(status: int, kind: str, message: str) -> tuple[Message, Message]:
    import json

    payload = json.dumps({"error": {"type": kind, "message": message}}).encode()
    return ({"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]},
            {"type": "http.response.body", "body": payload})


def _loggable(path: str) -> str:
    """The path as logged: an unsubscribe link's token is a credential, so it is left out."""
    return "/unsubscribe/…" if path.startswith("/unsubscribe/") else path


class Guard:
    """Outermost: a body over 1 MB is refused (413) by its Content-Length or, streamed, by the
    bytes that came; an error no handler answered becomes a 500 without a traceback; each request
    is logged as method, path, status and time (never the query string, which may hold an email)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            body, refusal = await self._read(scope, receive)
            if refusal is not None:
                for message in _json_error(*refusal):
                    await sending(message)
                return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, sending)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: a 500, never a traceback
            log.error("request failed: %s", type(exc).__name__)
            if not status[0]:
                for message in _json_error(500, "internal_error", INTERNAL):
                    await sending(message)
        finally:
            # "status 200, 12 ms": the log's filter takes "200 123.4" for a phone number.
            log.info("%s %s: status %s, %d ms", scope.get("method"), _loggable(str(scope.get("path"))),
                     status[0] or "-", round((time.perf_counter() - started) * 1000))

    @staticmethod
    async def _read(scope: Scope, receive: Receive) -> tuple[bytes, tuple[int, str, str] | None]:
        too_large = (413, "body_too_large", f"The body is over {MAX_BODY // 1024 // 1024} MB")
        length = dict(scope["headers"]).get(b"content-length")
        declared_over = False
        if length is not None:
            if not length.isdigit():
                return b"", (400, "bad_request", "The Content-Length header is not a number")
            declared_over = int(length) > MAX_BODY
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", (400, "bad_request", "The client went away")
            piece = message.get("body", b"")
            size += len(piece)
            more = message.get("more_body", False)
            if declared_over or size > MAX_BODY:
                if size > DRAIN_LIMIT:
                    break
                chunks.clear()
                continue
            chunks.append(piece)
        if declared_over or size > MAX_BODY:
            return b"", too_large
        return b"".join(chunks), None


def create_app(service: LoyaltyService, *, routers: Sequence[APIRouter] = ()) -> FastAPI:
    app = FastAPI(
        title="Loyalty Desk",
        summary="The shop's loyalty programs over HTTP: the same rules as the desktop.",
        description="Every call under /api/loyalty except health needs `Authorization: Bearer KEY` (a key from "
                    "`loyalty-desk api-key create`). Amounts are JSON strings such as \"12.50\". Errors are "
                    "`{\"error\": {\"type\", \"message\"}}`. The web shops' webhooks under /webhooks need "
                    "no key: each is signed with the shop's secret for that web shop.",
        version="1",
    )
    app.state.service = service
    for router in (*ROUTERS, *routers):
        app.include_router(router)
    for error, handler in HANDLERS.items():
        app.add_exception_handler(error, handler)
    app.add_middleware(Guard)
    return app


def serve(service: LoyaltyService, *, host: str = "127.0.0.1", port: int = 8731, **options: Any) -> int:
    """Serve until SIGTERM or SIGINT; uvicorn then stops taking connections and lets the requests
    in flight finish before it returns."""
    import uvicorn

    config = uvicorn.Config(create_app(service), host=host, port=port, access_log=False, lifespan="off",
                            log_config=None, **options)
    print(f"Loyalty Desk API on http://{host}:{port}/api/loyalty (documentation: http://{host}:{port}/docs)",
          flush=True)
    # uvicorn handles the signal while it runs, then raises it again under the handlers it found:
    # these make that second delivery a no-op, so a requested stop exits 0 (not killed by SIGTERM,
    # nor a KeyboardInterrupt traceback).
    stopped: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: stopped.append(number))
    uvicorn.Server(config).run()
    log.info("stopped%s", f" by signal {stopped[0]}" if stopped else "")
    return 0
