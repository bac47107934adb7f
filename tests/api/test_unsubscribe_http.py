"""One-click unsubscribe over the real HTTP server (RFC 8058; README, "Messages"): the link an
email carries shows a page with a button (GET changes nothing), and a POST, from the button or
the mail client's one click, opts the member out and drops their messages not yet sent."""
from __future__ import annotations

import httpx

from ..support import SHOP
from .conftest import Server


def test_the_link_confirms_then_opts_out_with_one_click(server: Server) -> None:
    svc = server.svc
    svc.save_shop(SHOP, {"smtp_host": "127.0.0.1", "smtp_from": "shop@example.com",
                         "unsubscribe_base_url": f"{server.url}/"})
    program = server.ids["program"]
    joe = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Joe Unsub", "email": "joe@example.com"})
    (welcome,) = [m for m in svc.claim_due_messages(SHOP, claimer="test", limit=100) if m.recipient == "joe@example.com"]
    link = welcome.list_unsubscribe.split(">")[0].lstrip("<")
    assert link.startswith(f"{server.url}/unsubscribe/") and link in welcome.body_text
    svc.record_message_outcome(SHOP, welcome.id, claimer="test", outcome="sent", recipient="joe@example.com",
                               subject=welcome.subject)
    svc.record_purchase(SHOP, program.id, joe.id, "600", "UNSUB-1")        # Silver: a tier message waits
    assert [m.kind for m in svc.get_outbox(SHOP, status="pending") if m.member_id == joe.id] == ["tier_changed"]
    with httpx.Client(timeout=60) as browser:
        page = browser.get(link)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert '<form method="post">' in page.text and "Corner Shop" in page.text
        assert "Joe" not in page.text and "joe@example.com" not in page.text
        assert not svc.get_loyalty_member(SHOP, joe.id).email_opt_out          # a GET changes nothing
        # The mail client's one click (RFC 8058): a form POST with List-Unsubscribe=One-Click.
        done = browser.post(link, data={"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200 and "no more emails" in done.text
        assert svc.get_loyalty_member(SHOP, joe.id).email_opt_out
        assert not [m for m in svc.get_outbox(SHOP, status="pending") if m.member_id == joe.id]
        again = browser.get(link)
        assert again.status_code == 200 and "You are unsubscribed" in again.text and "<form" not in again.text
        for bad in (link[:-1], f"{server.url}/unsubscribe/{'A' * 22}", f"{server.url}/unsubscribe/short"):
            for answer in (browser.get(bad), browser.post(bad)):
                assert answer.status_code == 404 and "not valid" in answer.text
    token = link.rpartition("/")[2]
    assert server.log is not None
    log = server.log.read_text()
    assert "POST /unsubscribe/…: status 200" in log and token not in log
