"""One-click unsubscribe (RFC 8058; README, "Messages"): the link every email carries when the
shop sets `unsubscribe_base_url`.

GET shows a small page with a button and changes nothing (mail scanners and link previews open
links by themselves); POST opts the member out, from that button or from the mail client's own
"Unsubscribe" (a POST with `List-Unsubscribe=One-Click`, whose body is not needed). No API key:
the link's unguessable token is the credential, and it opts out only the member it was made for.
The pages are plain HTML, with nothing of the member on them.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..errors import NotFound
from ..services import LoyaltyService, dto

router = APIRouter(tags=["unsubscribe"])
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32em;margin:3em auto;padding:0 1em;line-height:1.5}}
button{{font-size:1.1em;padding:.5em 1.2em}}</style></head>
<body><h1>{title}</h1>{body}</body></html>
"""


def _service(request: Request) -> LoyaltyService:
    svc = request.app.state.service
    assert isinstance(svc, LoyaltyService)
    return svc


def _html(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(PAGE.format(title=escape(title), body=body), status_code=status,
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def _from(page: dto.UnsubscribePage) -> str:
    return f" from {escape(page.shop_name)}" if page.shop_name else ""


def _answer(read: Callable[[], dto.UnsubscribePage], page_of: Callable[[dto.UnsubscribePage], HTMLResponse]
            ) -> HTMLResponse:
    """The page for the link, or "not valid" (404) for a token that is not one."""
    try:
        found = read()
    except NotFound as error:
        return _html("Link not valid", f"<p>{escape(str(error))}.</p>", 404)
    return page_of(found)


def _confirm(page: dto.UnsubscribePage) -> HTMLResponse:
    if page.opted_out:
        return _html("You are unsubscribed", f"<p>You get no more emails{_from(page)}.</p>")
    return _html("Unsubscribe", f"<p>Stop all emails{_from(page)}?</p>"
                 '<form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">'
                 "Unsubscribe</button></form>")


def _done(page: dto.UnsubscribePage) -> HTMLResponse:
    return _html("You are unsubscribed", f"<p>You will get no more emails{_from(page)}. "
                 "Emails already on their way are stopped too.</p>")


@router.get("/unsubscribe/{token}", response_class=HTMLResponse, summary="The unsubscribe link's page")
def confirm_page(request: Request, token: str) -> HTMLResponse:
    return _answer(lambda: _service(request).unsubscribe_page(token), _confirm)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse, summary="Opt out (one click, RFC 8058)")
def opt_out(request: Request, token: str) -> HTMLResponse:
    return _answer(lambda: _service(request).unsubscribe(token), _done)
