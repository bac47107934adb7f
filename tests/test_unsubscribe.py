"""One-click unsubscribe links through the service (README, "Messages"): made when a message is
rendered for sending, only when the shop says where its HTTP API is; the token opts out its own
member and no other, and stops working when the member is erased. The HTTP side is in
tests/api/test_unsubscribe_http.py, the email's headers in tests/test_send_messages.py."""
from __future__ import annotations

import pytest

from loyalty_desk.services import LoyaltyService, NotFound, ValidationError

from .support import SHOP, database_state, enroll, make_program

BASE = "https://shop.example.com:8731"


def mail_shop(svc: LoyaltyService, **extra: object) -> None:
    svc.save_shop(SHOP, {"smtp_host": "127.0.0.1", "smtp_from": "shop@example.com", **extra})


def token_of(message) -> str:  # type: ignore[no-untyped-def]
    link = message.list_unsubscribe.split(">")[0].lstrip("<")
    assert link.startswith(f"{BASE}/unsubscribe/")
    return link.rpartition("/")[2]


@pytest.mark.parametrize("url", ["ftp://shop.example.com", "shop.example.com", "https://", "https://a.b/?x=1",
                                 "https://a.b/#top", "https://user:pw@a.b", "https://a.b:port", "https://a b.c",
                                 "javascript:alert(1)", 12])
def test_the_unsubscribe_address_must_be_an_http_url(svc, url):
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        svc.save_shop(SHOP, {"unsubscribe_base_url": url})
    assert refused.value.field == "unsubscribe_base_url"
    assert database_state(svc) == before


def test_the_address_is_kept_without_its_trailing_slash_and_can_be_cleared(svc):
    assert svc.save_shop(SHOP, {"unsubscribe_base_url": "http://192.168.1.20:8731/"}).unsubscribe_base_url == \
        "http://192.168.1.20:8731"
    assert svc.save_shop(SHOP, {"unsubscribe_base_url": ""}).unsubscribe_base_url is None


def test_without_an_address_the_footer_says_reply_stop(svc):
    mail_shop(svc)
    enroll(svc, make_program(svc).id, email="ada@example.com")
    (message,) = svc.claim_due_messages(SHOP, claimer="test")
    assert message.list_unsubscribe == "<mailto:shop@example.com?subject=STOP>"
    assert message.list_unsubscribe_post is None and "reply STOP" in message.body_text


def test_a_link_opts_out_its_own_member_only_and_drops_what_was_not_sent(svc):
    mail_shop(svc, unsubscribe_base_url=BASE)
    program = make_program(svc)
    ada = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com")
    grace = enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    to = {m.recipient: m for m in svc.claim_due_messages(SHOP, claimer="test")}
    ada_token = token_of(to["ada@example.com"])
    assert ada_token != token_of(to["grace@example.com"]) and ada_token in to["ada@example.com"].body_text
    svc.record_message_outcome(SHOP, to["ada@example.com"].id, claimer="test", outcome="retry", error="451 later")
    assert svc.unsubscribe_page(ada_token).opted_out is False
    page = svc.unsubscribe(ada_token)
    assert (page.shop_name, page.opted_out) == ("Corner Shop", True)
    assert svc.get_loyalty_member(SHOP, ada.id).email_opt_out
    assert not svc.get_loyalty_member(SHOP, grace.id).email_opt_out
    assert [m.member_id for m in svc.get_outbox(SHOP, status="pending")] == [grace.id]
    before = database_state(svc)
    assert svc.unsubscribe(ada_token).opted_out is True       # again: nothing changes
    assert database_state(svc) == before


@pytest.mark.parametrize("token", ["", "short", "x" * 22, "a/b" * 8, None, 12, "é" * 22])
def test_a_token_that_is_not_a_link_is_not_found(svc, token):
    with pytest.raises(NotFound):
        svc.unsubscribe_page(token)
    with pytest.raises(NotFound):
        svc.unsubscribe(token)


def test_erasing_the_member_ends_their_links(svc):
    mail_shop(svc, unsubscribe_base_url=BASE)
    ada = enroll(svc, make_program(svc).id, "Ada Lovelace", email="ada@example.com")
    (message,) = svc.claim_due_messages(SHOP, claimer="test")
    svc.erase_member(SHOP, ada.id, reason="asked at the counter")
    with pytest.raises(NotFound):
        svc.unsubscribe(token_of(message))


def test_the_preview_shows_where_the_link_goes(svc):
    mail_shop(svc, unsubscribe_base_url=BASE)
    ada = enroll(svc, make_program(svc).id, "Ada Lovelace", email="ada@example.com")
    preview = svc.preview_message(SHOP, "welcome", ada.id)
    assert f"{BASE}/unsubscribe/" in preview.body_text and preview.list_unsubscribe_post == "List-Unsubscribe=One-Click"
