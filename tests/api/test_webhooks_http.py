"""The web shops' webhooks end to end (README, "Web shops"): the real server in a subprocess,
driven with httpx, with payloads shaped like Shopify's and WooCommerce's examples and signed for
real. Good, bad, missing and tampered signatures (nothing written), redelivery, refunds, the
unmatched list, auto-enrollment, another shop's userId, bad money, WooCommerce's ping."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest

from ..support import SHOP
from ..web_shops import SHOPIFY_SECRET, WOO_SECRET, body_of, shopify_order, shopify_refund, sign, woocommerce_order
from .conftest import OTHER, Server
from .test_api_http import error_of, together

ORDERS_PAID = "/webhooks/shopify/orders-paid"
REFUNDS = "/webhooks/shopify/refunds-create"
WOO = "/webhooks/woocommerce/orders"
THEIR_SECRET = "their shopify secret"


@pytest.fixture(scope="module", autouse=True)
def secrets(server: Server) -> None:
    server.svc.save_shop(SHOP, {"shopify_webhook_secret": SHOPIFY_SECRET, "woocommerce_webhook_secret": WOO_SECRET})
    server.svc.save_shop(OTHER, {"shopify_webhook_secret": THEIR_SECRET})


@pytest.fixture
def hooks(server: Server) -> Iterator[httpx.Client]:
    with server.client(None) as client:     # a web shop has no API key: the signature is its credential
        yield client


def deliver(client: httpx.Client, path: str, payload: dict[str, Any], *, secret: str = SHOPIFY_SECRET,
            user: str | None = SHOP, header: str = "X-Shopify-Hmac-Sha256", webhook_id: str = "d1") -> httpx.Response:
    body = body_of(payload)
    headers = {"Content-Type": "application/json", header: sign(secret, body), "X-Shopify-Webhook-Id": webhook_id}
    return client.post(path, content=body, headers=headers, params={"userId": user} if user is not None else {})


def woo(client: httpx.Client, payload: dict[str, Any]) -> httpx.Response:
    return deliver(client, WOO, payload, secret=WOO_SECRET, header="X-WC-Webhook-Signature")


def data(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()["data"]


def points(server: Server, member_id: int) -> int:
    return server.svc.get_loyalty_member(SHOP, member_id).current_points


def test_the_webhooks_are_documented(hooks: httpx.Client) -> None:
    paths = hooks.get("/openapi.json").json()["paths"]
    for path, header in ((ORDERS_PAID, "X-Shopify-Hmac-Sha256"), (REFUNDS, "X-Shopify-Hmac-Sha256"),
                         (WOO, "X-WC-Webhook-Signature")):
        post = paths[path]["post"]
        assert post["requestBody"]["content"]["application/json"]["examples"]
        assert header in {p["name"] for p in post["parameters"]}
        assert post["responses"]["401"]["content"]["application/json"]["example"]["error"]["type"] \
            == "invalid_webhook_signature"


def test_a_signed_order_earns_once_however_often_it_is_delivered(hooks: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    before_points = points(server, ada.id)
    order = shopify_order(1001, email="ada@example.com")
    answers = together(5, lambda n: deliver(hooks, ORDERS_PAID, order, webhook_id="same-delivery"))
    outcomes = sorted(data(a)["outcome"] for a in answers)
    assert outcomes == ["recorded", "replayed", "replayed", "replayed", "replayed"]
    tx = data(answers[0])["transaction"]
    assert (tx["amount"], tx["reference_id"], tx["actor_kind"], data(answers[0])["member_id"]) == \
        ("388.00", "shopify:1001", "webhook", ada.id)
    assert {data(a)["transaction"]["id"] for a in answers} == {tx["id"]}
    state = server.state()
    assert data(deliver(hooks, ORDERS_PAID, order, webhook_id="a-later-delivery"))["outcome"] == "replayed"
    assert server.state() == state
    assert points(server, ada.id) == before_points + tx["points_amount"] > before_points


@pytest.mark.parametrize("how", ["missing", "wrong", "tampered", "other shop's secret", "unknown userId",
                                 "no userId", "long userId", "WooCommerce's secret"])
def test_without_a_valid_signature_nothing_is_written(hooks: httpx.Client, server: Server, how: str) -> None:
    body = body_of(shopify_order(1002, email="ada@example.com"))
    signature, user, sent = sign(SHOPIFY_SECRET, body), SHOP, body
    if how == "wrong":
        signature = sign("guess", body)
    elif how == "tampered":
        sent = body.replace(b'"388.00"', b'"988.00"')
    elif how == "other shop's secret":
        signature = sign(THEIR_SECRET, body)
    elif how == "unknown userId":
        user = "no-such-shop"
    elif how == "long userId":
        user = "x" * 300
    elif how == "WooCommerce's secret":
        signature = sign(WOO_SECRET, body)
    headers = {"Content-Type": "application/json"} | ({} if how == "missing" else {"X-Shopify-Hmac-Sha256": signature})
    params = {} if how == "no userId" else {"userId": user}
    before = server.state()
    for path in (ORDERS_PAID, REFUNDS, WOO):
        answer = hooks.post(path, content=sent, headers=headers, params=params)
        assert answer.status_code == 401, answer.text
        # The same answer whatever was wrong: an unknown shop is told apart from nothing.
        assert answer.json() == {"error": {"type": "invalid_webhook_signature",
                                           "message": "The webhook's signature is missing or wrong"}}
    assert server.state() == before


def test_a_refund_takes_back_its_share(hooks: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    earned = data(deliver(hooks, ORDERS_PAID, shopify_order(1003, email="ada@example.com", subtotal="200.00")))
    points_before = points(server, ada.id)
    refund = shopify_refund(1003, 7001, "50.00")
    back = data(deliver(hooks, REFUNDS, refund))
    share = int(Decimal(earned["transaction"]["points_amount"]) * Decimal("50.00") // Decimal("200.00"))
    assert (back["outcome"], back["transaction"]["amount"], back["transaction"]["points_amount"]) == \
        ("returned", "50.00", -share)
    state = server.state()
    assert data(deliver(hooks, REFUNDS, refund))["outcome"] == "replayed"
    assert server.state() == state and points(server, ada.id) == points_before - share


def test_an_unknown_customer_waits_until_the_owner_resolves(hooks: httpx.Client, server: Server) -> None:
    svc = server.svc
    waiting = data(deliver(hooks, ORDERS_PAID, shopify_order(1004, email="grace@example.com", subtotal="40.00")))
    assert waiting["outcome"] == "unmatched" and waiting["transaction"] is None
    (listed,) = [o for o in svc.list_unmatched_orders(SHOP) if o.order_ref == "shopify:1004"]
    assert (listed.id, listed.email, listed.subtotal) == (waiting["unmatched_order_id"], "grace@example.com",
                                                          Decimal("40.00"))
    grace = svc.enroll_loyalty_member(SHOP, server.ids["program"].id, {"customer_name": "Grace Hopper",
                                                                      "email": "grace.h@example.com"})
    tx = svc.resolve_unmatched_order(SHOP, listed.id, grace.id)
    assert (tx.member_id, tx.reference_id, tx.amount) == (grace.id, "shopify:1004", Decimal("40.00"))
    again = data(deliver(hooks, ORDERS_PAID, shopify_order(1004, email="grace@example.com", subtotal="40.00")))
    assert (again["outcome"], again["transaction"]["id"]) == ("replayed", tx.id)


def test_auto_enrollment(hooks: httpx.Client, server: Server) -> None:
    server.svc.save_shop(SHOP, {"webhook_auto_enroll": True})
    try:
        made = data(deliver(hooks, ORDERS_PAID, shopify_order(1005, email="newcomer@example.com")))
    finally:
        server.svc.save_shop(SHOP, {"webhook_auto_enroll": False})
    assert made["outcome"] == "enrolled"
    member = server.svc.get_loyalty_member(SHOP, made["member_id"])
    assert (member.email, member.customer_name, member.current_points) == \
        ("newcomer@example.com", "John Smith", made["transaction"]["points_amount"])


def test_another_shops_user_id_reaches_only_that_shop(hooks: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    before = points(server, ada.id)
    theirs = data(deliver(hooks, ORDERS_PAID, shopify_order(1006, email="ada@example.com"), secret=THEIR_SECRET,
                          user=OTHER))
    assert theirs["outcome"] == "unmatched"      # their program has no Ada
    assert points(server, ada.id) == before
    assert all(o.order_ref != "shopify:1006" for o in server.svc.list_unmatched_orders(SHOP))
    assert [o.order_ref for o in server.svc.list_unmatched_orders(OTHER)] == ["shopify:1006"]


@pytest.mark.parametrize("subtotal", [388.0, 388, "388,00", "1e3", None])
def test_bad_money_in_a_signed_payload_is_a_422(hooks: httpx.Client, server: Server, subtotal: Any) -> None:
    before = server.state()
    answer = deliver(hooks, ORDERS_PAID, shopify_order(1007, email="ada@example.com", subtotal=subtotal))
    assert answer.status_code == 422, answer.text
    assert error_of(answer)["type"] == "bad_web_order" and "subtotal_price" in error_of(answer)["message"]
    assert server.state() == before


def test_woocommerce_ping_completion_and_refund(hooks: httpx.Client, server: Server) -> None:
    ada = server.ids["ada"]
    before = server.state()
    ping = hooks.post(WOO, content=b"webhook_id=12", params={"userId": SHOP},
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert data(ping)["outcome"] == "ping"
    assert data(woo(hooks, woocommerce_order(2001, status="processing", email="ada@example.com")))["outcome"] \
        == "ignored"
    assert server.state() == before
    points_before = points(server, ada.id)
    done = data(woo(hooks, woocommerce_order(2001, email="ada@example.com")))
    assert (done["outcome"], done["transaction"]["amount"], done["transaction"]["reference_id"]) == \
        ("recorded", "18.00", "woocommerce:2001")
    back = data(woo(hooks, woocommerce_order(2001, status="refunded", email="ada@example.com")))
    assert (back["outcome"], back["transaction"]["amount"]) == ("returned", "18.00")
    assert points(server, ada.id) == points_before
    state = server.state()
    assert data(woo(hooks, woocommerce_order(2001, status="refunded", email="ada@example.com")))["outcome"] \
        == "replayed"
    assert server.state() == state
