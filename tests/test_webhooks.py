"""Web shops' webhooks through the service (README, "Web shops"): secrets, signatures checked
before anything is read, orders earning once, refunds taken back proportionally, the unmatched
list and its resolution, auto-enrollment, and payloads refused without a guess. The HTTP side is
in tests/api/test_webhooks_http.py."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from loyalty_desk.services import (
    BadWebOrder,
    InvalidWebhookSignature,
    LoyaltyService,
    NotEligible,
    NotFound,
    PermissionDenied,
    ValidationError,
)

from .staff_support import add_staff
from .test_export_cli import _refused, cli
from .support import SHOP, database_state, enroll, make_program
from .web_shops import (
    SHOPIFY_SECRET,
    WOO_SECRET,
    body_of,
    shopify_order,
    shopify_refund,
    sign,
    woocommerce_order,
)

OTHER = "shop-2"


@pytest.fixture
def shop(svc: LoyaltyService) -> dict[str, Any]:
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "phone_region": "US",
                         "shopify_webhook_secret": SHOPIFY_SECRET, "woocommerce_webhook_secret": WOO_SECRET})
    program = make_program(svc)
    jon = enroll(svc, program.id, "Jon Snow", email="jon@example.com")
    return {"program": program, "jon": jon}


def paid(svc: LoyaltyService, payload: dict[str, Any], *, secret: str = SHOPIFY_SECRET, user: str = SHOP,
         webhook_id: str | None = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043") -> Any:
    body = body_of(payload)
    return svc.shopify_order_paid(user, body, signature=sign(secret, body), webhook_id=webhook_id)


def refunded(svc: LoyaltyService, payload: dict[str, Any]) -> Any:
    body = body_of(payload)
    return svc.shopify_refund_created(SHOP, body, signature=sign(SHOPIFY_SECRET, body))


def woo(svc: LoyaltyService, payload: dict[str, Any]) -> Any:
    body = body_of(payload)
    return svc.woocommerce_order(SHOP, body, signature=sign(WOO_SECRET, body))


def balance(svc: LoyaltyService, member_id: int) -> int:
    return svc.get_loyalty_member(SHOP, member_id).current_points


# --- secrets ------------------------------------------------------------------------------------


def test_secrets_are_write_only_and_cleared_by_an_empty_value(svc, shop):
    saved = svc.get_shop(SHOP)
    assert (saved.shopify_webhook_secret_set, saved.woocommerce_webhook_secret_set) == (True, True)
    assert (saved.webhook_auto_enroll, saved.webhook_program_id) == (False, None)
    for shown in (saved, *svc.list_shops(), svc.save_shop(SHOP, {"receipt_footer": "Thanks"})):
        assert not any(SHOPIFY_SECRET in str(v) or WOO_SECRET in str(v) for v in dataclasses.astuple(shown))
    # The settings log names the fields, never the secret.
    assert all(SHOPIFY_SECRET not in e.description for e in svc.get_audit_log(SHOP))
    assert svc.save_shop(SHOP, {"woocommerce_webhook_secret": ""}).woocommerce_webhook_secret_set is False
    assert svc.save_shop(SHOP, {"shopify_webhook_secret": None}).shopify_webhook_secret_set is False
    with pytest.raises(InvalidWebhookSignature):
        paid(svc, shopify_order())      # no secret: refused like a wrong signature


def test_only_the_owner_sets_the_integration(svc, shop):
    staff = add_staff(svc)
    for role in ("Marc", "Ana"):
        with pytest.raises(PermissionDenied):
            svc.save_shop(SHOP, {"shopify_webhook_secret": "new"}, actor=staff[role])
    before = database_state(svc)
    with pytest.raises(PermissionDenied):
        svc.save_shop(SHOP, {"webhook_auto_enroll": True})       # a shop with staff: who acts?
    assert database_state(svc) == before
    shown = svc.save_shop(SHOP, {"webhook_auto_enroll": True, "webhook_program_id": shop["program"].id},
                          actor=staff["Olive"])
    assert (shown.webhook_auto_enroll, shown.webhook_program_id) == (True, shop["program"].id)


def test_integration_settings_are_checked(svc, shop):
    before = database_state(svc)
    for bad in ({"webhook_auto_enroll": "yes"}, {"webhook_program_id": 999_999}, {"shopify_webhook_secret": 12},
                {"shopify_webhook_secret": "x" * 201}, {"webhook_program_id": "1"}):
        with pytest.raises((ValidationError, NotFound)):
            svc.save_shop(SHOP, bad)
    assert database_state(svc) == before


# --- signatures ---------------------------------------------------------------------------------


def test_a_missing_wrong_or_tampered_signature_writes_nothing(svc, shop):
    svc.save_shop(OTHER, {"shop_name": "Elsewhere", "shopify_webhook_secret": "their secret"})
    body = body_of(shopify_order())
    good = sign(SHOPIFY_SECRET, body)
    tampered = body.replace(b'"388.00"', b'"988.00"')
    before = database_state(svc)
    attempts = [(SHOP, body, None), (SHOP, body, ""), (SHOP, body, "not base64 at all"),
                (SHOP, body, sign("another secret", body)), (SHOP, tampered, good),
                (SHOP, body, good.lower()), (OTHER, body, good), ("no-such-shop", body, good),
                ("", body, good), ("x" * 65, body, good), (SHOP, body, "é" + good)]
    for user, sent, signature in attempts:
        with pytest.raises(InvalidWebhookSignature, match="signature is missing or wrong"):
            svc.shopify_order_paid(user, sent, signature=signature)
        with pytest.raises(InvalidWebhookSignature):
            svc.shopify_refund_created(user, sent, signature=signature)
    with pytest.raises(InvalidWebhookSignature):
        svc.woocommerce_order(SHOP, body, signature=good)        # Shopify's secret is not WooCommerce's
    assert database_state(svc) == before


def test_the_signature_is_checked_before_the_body_is_read(svc, shop):
    junk = b"{not json"
    with pytest.raises(InvalidWebhookSignature):
        svc.shopify_order_paid(SHOP, junk, signature="AAAA")
    with pytest.raises(BadWebOrder, match="not valid JSON"):
        svc.shopify_order_paid(SHOP, junk, signature=sign(SHOPIFY_SECRET, junk))


# --- orders -------------------------------------------------------------------------------------


def test_a_paid_order_earns_on_its_subtotal_once(svc, shop):
    jon = shop["jon"]
    outcome = paid(svc, shopify_order())
    assert outcome.outcome == "recorded" and outcome.member_id == jon.id
    tx = outcome.transaction
    # 388.00: goods after the 10.00 discount, before 5.00 tax and 10.00 shipping.
    assert (tx.amount, tx.points_amount, tx.reference_id) == (Decimal("388.00"), 388, "shopify:820982911946154508")
    assert (tx.actor_kind, tx.actor_staff_id, tx.actor_api_key_id) == ("webhook", None, None)
    before = database_state(svc)
    again = paid(svc, shopify_order())                                     # the same delivery again
    other_delivery = paid(svc, shopify_order(), webhook_id="another-delivery")
    assert again.outcome == other_delivery.outcome == "replayed" and again.transaction.id == tx.id
    assert database_state(svc) == before and balance(svc, jon.id) == 388


def test_the_customer_is_matched_by_email_then_by_phone(svc, shop):
    ada = enroll(svc, shop["program"].id, "Ada Lovelace", phone="+1 415 555 0123")
    by_phone = paid(svc, shopify_order(5, email=None, phone="(415) 555-0123"))
    assert by_phone.outcome == "recorded" and by_phone.member_id == ada.id
    by_email = paid(svc, shopify_order(6, email="JON@Example.com", phone="(415) 555-0123"))
    assert by_email.member_id == shop["jon"].id


def test_a_refund_takes_back_its_share_of_the_points_once(svc, shop):
    jon = shop["jon"]
    paid(svc, shopify_order(subtotal="400.00"))
    back = refunded(svc, shopify_refund(820982911946154508, 890088186047892319, "100.00", "50.00"))
    assert back.outcome == "returned"
    tx = back.transaction
    assert (tx.transaction_type, tx.amount, tx.points_amount, tx.reference_id) == \
        ("purchase_return", Decimal("150.00"), -150, "shopify:refund:890088186047892319")
    before = database_state(svc)
    assert refunded(svc, shopify_refund(820982911946154508, 890088186047892319, "100.00", "50.00")).outcome \
        == "replayed"
    assert database_state(svc) == before and balance(svc, jon.id) == 250
    # A later refund asking more than is left takes back what is left, and no more.
    last = refunded(svc, shopify_refund(820982911946154508, 2, "300.00"))
    assert (last.transaction.amount, balance(svc, jon.id)) == (Decimal("250.00"), 0)
    assert refunded(svc, shopify_refund(820982911946154508, 3, "1.00")).outcome == "ignored"
    assert refunded(svc, shopify_refund(820982911946154508, 5)).reason.startswith("The refund gives no goods")
    assert refunded(svc, shopify_refund(4242, 4, "1.00")).outcome == "ignored"       # not an order of ours


def test_an_unknown_customer_waits_and_the_owner_resolves_it(svc, shop):
    staff = add_staff(svc)
    owner = staff["Olive"]
    outcome = paid(svc, shopify_order(77, email="grace@example.com", phone="555-555-SHIP"))
    assert outcome.outcome == "unmatched" and outcome.reason == "No member has the order's email or phone"
    (waiting,) = svc.list_unmatched_orders(SHOP, actor=owner)
    assert (waiting.id, waiting.order_ref, waiting.email, waiting.customer_name, waiting.subtotal,
            waiting.currency, waiting.status, waiting.member_id) == \
        (outcome.unmatched_order_id, "shopify:77", "grace@example.com", "John Smith", Decimal("388.00"), "USD",
         "open", None)
    before = database_state(svc)
    assert paid(svc, shopify_order(77, email="grace@example.com")).outcome == "replayed"
    assert database_state(svc) == before
    # A refund while it waits lowers what it will earn.
    assert refunded(svc, shopify_refund(77, 9, "88.00")).outcome == "updated"
    assert refunded(svc, shopify_refund(77, 9, "88.00")).outcome == "replayed"
    with pytest.raises(PermissionDenied):
        svc.resolve_unmatched_order(SHOP, waiting.id, shop["jon"].id, actor=staff["Ana"])
    grace = svc.enroll_loyalty_member(SHOP, shop["program"].id, {"customer_name": "Grace Hopper"}, actor=owner)
    tx = svc.resolve_unmatched_order(SHOP, waiting.id, grace.id, actor=owner)
    assert (tx.member_id, tx.amount, tx.points_amount, tx.reference_id, tx.actor_staff_id) == \
        (grace.id, Decimal("300.00"), 300, "shopify:77", owner)
    assert svc.list_unmatched_orders(SHOP, actor=owner) == []
    (done,) = svc.list_unmatched_orders(SHOP, status="resolved", actor=owner)
    assert (done.member_id, done.transaction_id, done.refunded) == (grace.id, tx.id, Decimal("88.00"))
    assert svc.resolve_unmatched_order(SHOP, waiting.id, grace.id, actor=owner).id == tx.id     # again: the same
    with pytest.raises(NotEligible):
        svc.resolve_unmatched_order(SHOP, waiting.id, shop["jon"].id, actor=owner)
    with pytest.raises(NotEligible):
        svc.dismiss_unmatched_order(SHOP, waiting.id, actor=owner)
    # Redelivered now, the order is the purchase already recorded; a refund now goes to the ledger.
    assert paid(svc, shopify_order(77, email="grace@example.com")).transaction.id == tx.id
    assert refunded(svc, shopify_refund(77, 10, "30.00")).transaction.points_amount == -30
    assert "web_order_resolved" in {e.action for e in svc.get_audit_log(SHOP, actor=owner)}


def test_a_waiting_order_refunded_in_full_is_dismissed_and_the_owner_can_dismiss_one(svc, shop):
    first = paid(svc, shopify_order(81, email="nobody@example.com", subtotal="20.00"))
    assert refunded(svc, shopify_refund(81, 1, "20.00")).outcome == "updated"
    (gone,) = svc.list_unmatched_orders(SHOP, status="dismissed")
    assert (gone.id, gone.refunded, gone.reason) == (first.unmatched_order_id, Decimal("20.00"),
                                                     "Refunded in full before it was matched")
    second = paid(svc, shopify_order(82, email="nobody@example.com"))
    dismissed = svc.dismiss_unmatched_order(SHOP, second.unmatched_order_id)
    assert dismissed.status == "dismissed" and svc.list_unmatched_orders(SHOP) == []
    assert svc.dismiss_unmatched_order(SHOP, second.unmatched_order_id) == dismissed
    with pytest.raises(ValidationError):
        svc.list_unmatched_orders(SHOP, status="everything")


def test_another_shops_waiting_order_is_not_found(svc, shop):
    svc.save_shop(OTHER, {"shop_name": "Elsewhere", "shopify_webhook_secret": "their secret"})
    svc.create_loyalty_program(OTHER, {"program_name": "Theirs", "program_type": "points", "points_per_dollar": "1"})
    theirs = paid(svc, shopify_order(90, email="x@example.com"), secret="their secret", user=OTHER)
    assert svc.list_unmatched_orders(SHOP) == []
    with pytest.raises(NotFound, match="No web order"):
        svc.dismiss_unmatched_order(SHOP, theirs.unmatched_order_id)


def test_an_unknown_customer_is_enrolled_when_the_shop_says_so(svc, shop):
    svc.save_shop(SHOP, {"webhook_auto_enroll": True})
    outcome = paid(svc, shopify_order(91, email="new@example.com"))
    assert outcome.outcome == "enrolled"
    member = svc.get_loyalty_member(SHOP, outcome.member_id)
    assert (member.customer_name, member.email, member.current_points) == ("John Smith", "new@example.com", 388)
    activity = svc.get_member_activity(SHOP, member.id)
    assert {a.actor_kind for a in activity} == {"webhook"}
    assert paid(svc, shopify_order(91, email="new@example.com")).outcome == "replayed"


def test_orders_the_purchase_path_refuses_wait_with_the_reason(svc, shop):
    jon = shop["jon"]
    svc.update_loyalty_member(SHOP, jon.id, {"membership_status": "suspended"})
    held = paid(svc, shopify_order(101))
    assert held.outcome == "unmatched" and "suspended" in held.reason
    euros = paid(svc, shopify_order(102, currency="EUR"))
    assert euros.reason == "The order is in EUR, the program counts USD"
    assert balance(svc, jon.id) == 0 and len(svc.list_unmatched_orders(SHOP)) == 2


def test_with_several_programs_the_shop_chooses_where_web_orders_earn(svc, shop):
    second = make_program(svc, program_name="Second")
    waiting = paid(svc, shopify_order(111))
    assert waiting.reason == "The shop has several active programs: choose the one web orders earn in"
    svc.save_shop(SHOP, {"webhook_program_id": shop["program"].id})
    assert paid(svc, shopify_order(112)).outcome == "recorded"
    svc.save_shop(SHOP, {"webhook_program_id": second.id})
    assert paid(svc, shopify_order(113)).reason == "No member has the order's email or phone"


def test_money_is_read_exactly_or_refused(svc, shop):
    before = database_state(svc)
    for subtotal in (388.0, 388, "388,00", "3.88e2", "-5.00", "388.001", None, "NaN"):
        with pytest.raises(BadWebOrder):
            paid(svc, shopify_order(121, subtotal=subtotal))
    for total in (6.0, "6,00"):
        with pytest.raises(BadWebOrder, match=r"^line_items\[0\]\.total: The amount"):
            woo(svc, woocommerce_order(122, totals=(total, "12.00")))
    with pytest.raises(BadWebOrder, match="amount"):
        refunded(svc, {**shopify_refund(121, 5, "1.00"), "refund_line_items": [{"subtotal": 1.0}]})
    for payload in ([1, 2], {"id": "abc"}, {**shopify_order(), "id": True}, {**shopify_order(), "currency": 5}):
        with pytest.raises(BadWebOrder):
            paid(svc, payload)  # type: ignore[arg-type]
    assert database_state(svc) == before


# --- WooCommerce --------------------------------------------------------------------------------


def test_woocommerce_earns_when_completed_and_gives_back_when_refunded(svc, shop):
    john = enroll(svc, shop["program"].id, "John Doe", email="john.doe@example.com")
    before = database_state(svc)
    assert woo(svc, woocommerce_order(status="processing")).outcome == "ignored"
    assert database_state(svc) == before
    done = woo(svc, woocommerce_order())
    # 18.00: the line totals, without the 1.35 tax and 10.00 shipping.
    assert (done.outcome, done.transaction.amount, done.transaction.reference_id) == \
        ("recorded", Decimal("18.00"), "woocommerce:727")
    assert woo(svc, woocommerce_order()).outcome == "replayed"
    back = woo(svc, woocommerce_order(status="refunded"))
    assert (back.outcome, back.transaction.amount, back.transaction.reference_id) == \
        ("returned", Decimal("18.00"), "woocommerce:727:refunded")
    after = database_state(svc)
    assert woo(svc, woocommerce_order(status="refunded")).outcome == "replayed"
    assert woo(svc, woocommerce_order()).outcome == "replayed"
    assert database_state(svc) == after and balance(svc, john.id) == 0


# --- the command line ---------------------------------------------------------------------------


def test_the_owner_sets_a_secret_from_the_command_line(svc, db_url, shop):
    add_staff(svc)
    base = ("webhook-secret", "set", "--user-id", SHOP, "--provider", "woocommerce")
    _refused(cli(db_url, *base, "--secret", "new one"), "--actor")
    _refused(cli(db_url, *base, "--secret", "new one", "--actor", "Ana", "--pin-from-stdin", stdin="3333\n"),
             "A cashier cannot")
    # The PIN on the first line, the secret on the second: neither is in the shell's history.
    done = cli(db_url, *base, "--secret-from-stdin", "--actor", "Olive", "--pin-from-stdin",
               stdin="1111\nfrom the command line\n")
    assert done.returncode == 0, done.stderr
    assert "from the command line" not in done.stdout + done.stderr
    body = body_of(woocommerce_order(email="jon@example.com"))
    assert svc.woocommerce_order(SHOP, body, signature=sign("from the command line", body)).outcome == "recorded"
    cleared = cli(db_url, *base, "--secret", "", "--actor", "Olive", "--pin-from-stdin", stdin="1111\n")
    assert cleared.returncode == 0 and "cleared" in cleared.stdout
    assert svc.get_shop(SHOP).woocommerce_webhook_secret_set is False
    paid(svc, shopify_order(131, email="waiting@example.com"))
    listed = cli(db_url, "unmatched-orders", "list", "--user-id", SHOP, "--actor", "Olive", "--pin-from-stdin",
                 stdin="1111\n")
    assert listed.returncode == 0 and "shopify:131" in listed.stdout and "waiting@example.com" in listed.stdout
