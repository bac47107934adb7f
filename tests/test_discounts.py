"""Points as money off an order (issue 17): redeem_points_for_discount through the public service,
its refusals, idempotency on the order reference, FIFO lots, and a return giving the points back."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loyalty_desk.services import (
    DuplicateReference,
    InsufficientPoints,
    NotEligible,
    ValidationError,
)

from .support import SHOP, database_state, enroll, make_program

EURO = {"redeem_points_per_unit": 100}


def _history(svc, member_id):
    return [(t.transaction_type, t.points_amount, t.points_balance_after)
            for t in reversed(svc.get_member_points_history(SHOP, member_id))]


def _balance(svc, member_id):
    return svc.get_loyalty_member(SHOP, member_id).current_points


@pytest.fixture
def bakery(svc):
    """100 points = 1 unit, and a member with 1,500 points."""
    program = make_program(svc, currency="EUR", program_rules=dict(EURO))
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1500, "description": "opening"})
    return program, member


def test_a_thousand_points_are_ten_euros_off(svc, bakery):
    program, member = bakery
    result = svc.redeem_points_for_discount(SHOP, program.id, member.id, 1000, "T-1")
    assert (result.discount, result.points, result.currency, result.order_ref, result.replayed) == \
        (Decimal("10.00"), 1000, "EUR", "T-1", False)
    assert str(result.discount) == "10.00"
    row = result.transaction
    assert (row.transaction_type, row.points_amount, row.points_balance_after, row.reference_type,
            row.reference_id, row.amount) == ("redemption", -1000, 500, "discount", "T-1", Decimal("10.00"))
    assert _balance(svc, member.id) == 500
    assert svc.get_points_liability(SHOP, program_id=program.id)["pointsRedeemed"] == 1000
    assert svc.check_ledger() == []


def test_a_replay_returns_the_first_discount_and_writes_nothing(svc, bakery):
    program, member = bakery
    first = svc.redeem_points_for_discount(SHOP, program.id, member.id, 300, "T-2")
    other = enroll(svc, program.id, "Bob Baker")
    before = database_state(svc)
    again = svc.redeem_points_for_discount(SHOP, program.id, member.id, 300, "T-2")
    assert again.replayed and again.transaction == first.transaction and again.discount == Decimal("3.00")
    assert database_state(svc) == before
    with pytest.raises(DuplicateReference, match="T-2") as refused:
        svc.redeem_points_for_discount(SHOP, program.id, member.id, 400, "T-2")
    assert refused.value.field == "order_ref"
    with pytest.raises(DuplicateReference):
        svc.redeem_points_for_discount(SHOP, program.id, other.id, 300, "T-2")
    assert database_state(svc) == before
    assert svc.check_ledger() == []


def test_minimum_step_and_basket_share_refusals_name_their_field(svc):
    program = make_program(svc, min_redemption_points=500, program_rules={
        **EURO, "redeem_points_step": 100, "redeem_max_basket_percent": 50})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 5000, "description": "opening"})
    before = database_state(svc)
    cases = [
        (400, "20.00", "points", "starts at 500"),
        (550, "20.00", "points", "steps of 100"),
        (1100, "20.00", "points", "At most 1,000 points"),   # 50% of 20.00 is 10.00
        (600, None, "basket_amount", "Enter the basket"),
        (600, "-1", "basket_amount", None),
    ]
    for points, basket, field, words in cases:
        with pytest.raises(ValidationError, match=words) as refused:
            svc.redeem_points_for_discount(SHOP, program.id, member.id, points, "B-1", basket_amount=basket)
        assert refused.value.field == field, (points, basket)
    assert database_state(svc) == before
    ok = svc.redeem_points_for_discount(SHOP, program.id, member.id, 1000, "B-1", basket_amount="20.00")
    assert ok.discount == Decimal("10.00")
    assert svc.check_ledger() == []


def test_not_enough_points_and_no_redemption_value_are_refused(svc, bakery):
    program, member = bakery
    plain = make_program(svc, program_name="Plain")
    someone = enroll(svc, plain.id, "Cleo")
    before = database_state(svc)
    with pytest.raises(InsufficientPoints, match="1,500 of 1,600") as refused:
        svc.redeem_points_for_discount(SHOP, program.id, member.id, 1600, "T-3")
    assert refused.value.field == "points"
    with pytest.raises(NotEligible, match="redeem_points_per_unit"):
        svc.redeem_points_for_discount(SHOP, plain.id, someone.id, 100, "T-4")
    assert svc.get_discount_terms(SHOP, plain.id) is None
    assert database_state(svc) == before


def test_a_value_that_is_not_whole_cents_is_refused(svc):
    program = make_program(svc, program_rules={"redeem_points_per_unit": 3})   # 3 points = 1.00
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1000, "description": "opening"})
    with pytest.raises(ValidationError, match="multiple of 3 points"):
        svc.redeem_points_for_discount(SHOP, program.id, member.id, 100, "W-1")
    assert svc.redeem_points_for_discount(SHOP, program.id, member.id, 99, "W-1").discount == Decimal("33.00")


def test_the_rules_are_validated_one_by_one(svc):
    for rules, field in (({"redeem_points_per_unit": 0}, "redeem_points_per_unit"),
                         ({"redeem_points_per_unit": "x"}, "redeem_points_per_unit"),
                         ({"redeem_points_step": 0}, "redeem_points_step"),
                         ({"redeem_max_basket_percent": 101}, "redeem_max_basket_percent"),
                         ({"redeem_restore_on_return": "maybe"}, "redeem_restore_on_return")):
        with pytest.raises(ValidationError) as refused:
            make_program(svc, program_rules=rules)
        assert refused.value.field == field, rules
    with pytest.raises(ValidationError) as refused:
        make_program(svc, program_type="cash_back", program_rules={"cash_back_percent": "5", **EURO})
    assert refused.value.field == "redeem_points_per_unit"


def test_points_leave_the_oldest_lot_first(svc, clock):
    program = make_program(svc, points_expiration_days=30, program_rules=dict(EURO))
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "300", "A-1")       # lot 1: 300, expires day 30
    clock.advance(days=10)
    svc.record_purchase(SHOP, program.id, member.id, "200", "A-2")       # lot 2: 200, expires day 40
    svc.redeem_points_for_discount(SHOP, program.id, member.id, 400, "D-1")   # 300 of lot 1, 100 of lot 2
    clock.advance(days=20)
    assert svc.run_daily_jobs(SHOP).points_expired == 0                   # lot 1 is empty
    clock.advance(days=10)
    assert svc.run_daily_jobs(SHOP).points_expired == 100                 # what is left of lot 2
    assert svc.check_ledger() == []


def test_a_return_gives_the_points_back_pro_rata_once_and_to_the_whole(svc, clock):
    program = make_program(svc, points_expiration_days=60,
                           program_rules={**EURO, "redeem_restore_on_return": True})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1000, "description": "opening"})
    opening_expiry = svc.get_member_points_history(SHOP, member.id)[0].expiration_date
    clock.advance(days=5)
    svc.redeem_points_for_discount(SHOP, program.id, member.id, 999, "O-1")
    svc.record_purchase(SHOP, program.id, member.id, "90", "O-1")   # the basket after the discount
    assert _balance(svc, member.id) == 1 + 90
    svc.reverse_purchase(SHOP, program.id, "O-1", "30", return_ref="R-1")       # a third: 333 back, 30 taken
    assert _balance(svc, member.id) == 91 + 333 - 30
    restored = [t for t in svc.get_member_points_history(SHOP, member.id) if t.transaction_type == "redemption_refund"]
    assert [(t.points_amount, t.reference_type) for t in restored] == [(333, "discount_restore")]
    assert restored[0].expiration_date == opening_expiry            # the lot it came from, as refunds do
    before = database_state(svc)
    svc.reverse_purchase(SHOP, program.id, "O-1", "30", return_ref="R-1")       # a replay: nothing more
    assert database_state(svc) == before
    svc.reverse_purchase(SHOP, program.id, "O-1", "7", return_ref="R-2")     # 999 * 37 / 90 = 410.7: 77 more
    svc.reverse_purchase(SHOP, program.id, "O-1", return_ref="R-3")             # the rest
    refunds = [t.points_amount for t in svc.get_member_points_history(SHOP, member.id)
               if t.transaction_type == "redemption_refund"]
    assert sorted(refunds) == [77, 333, 589] and sum(refunds) == 999
    assert _balance(svc, member.id) == 1000                          # all back as before the order
    assert svc.check_ledger() == []


def test_without_the_rule_a_return_keeps_the_discount(svc, bakery):
    program, member = bakery
    svc.redeem_points_for_discount(SHOP, program.id, member.id, 500, "O-2")
    svc.record_purchase(SHOP, program.id, member.id, "20", "O-2")
    svc.reverse_purchase(SHOP, program.id, "O-2")
    assert _balance(svc, member.id) == 1000
    assert "redemption_refund" not in [h[0] for h in _history(svc, member.id)]
    assert svc.check_ledger() == []


def test_a_void_gives_everything_back(svc):
    program = make_program(svc, program_rules={**EURO, "redeem_restore_on_return": True})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 700, "description": "opening"})
    svc.redeem_points_for_discount(SHOP, program.id, member.id, 700, "V-1")
    svc.record_purchase(SHOP, program.id, member.id, "15", "V-1")
    svc.void_purchase(SHOP, program.id, "V-1", "rung up twice")
    svc.void_purchase(SHOP, program.id, "V-1", "rung up twice")
    assert _balance(svc, member.id) == 700
    assert svc.check_ledger() == []


def test_cash_back_spends_as_money(svc):
    program = make_program(svc, program_type="cash_back", currency="EUR",
                           program_rules={"cash_back_percent": "10", "redeem_max_basket_percent": 100})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "123.40", "C-1")      # 12.34 back: 1,234 cents
    terms = svc.get_discount_terms(SHOP, program.id)
    assert terms.as_money and terms.value(1234) == Decimal("12.34") and terms.points_for(Decimal("5.50")) == 550
    result = svc.redeem_points_for_discount(SHOP, program.id, member.id, 1234, "C-2", basket_amount="40")
    assert result.discount == Decimal("12.34") and _balance(svc, member.id) == 0
    assert svc.check_ledger() == []


def test_a_yen_program_has_no_cents(svc):
    program = make_program(svc, currency="JPY", program_rules={"redeem_points_per_unit": 10})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1000, "description": "opening"})
    with pytest.raises(ValidationError, match="multiple of 10"):
        svc.redeem_points_for_discount(SHOP, program.id, member.id, 105, "Y-1")
    assert svc.redeem_points_for_discount(SHOP, program.id, member.id, 110, "Y-1").discount == Decimal("11")


def test_a_suspended_member_cannot_use_points(svc, bakery):
    program, member = bakery
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "suspended"})
    with pytest.raises(NotEligible, match="suspended"):
        svc.redeem_points_for_discount(SHOP, program.id, member.id, 100, "S-1")


def test_points_given_back_leave_the_member_a_redeemer_in_the_analytics(svc, clock):
    """A discount counts as a redemption in the daily snapshots; points a return gives back of it do
    not unmake it (a cancelled reward's refund does), however many partial returns there are."""
    program = make_program(svc, program_rules={**EURO, "redeem_restore_on_return": True})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 600, "description": "opening"})
    svc.redeem_points_for_discount(SHOP, program.id, member.id, 600, "P-1")
    svc.record_purchase(SHOP, program.id, member.id, "30", "P-1")
    svc.reverse_purchase(SHOP, program.id, "P-1", "10", return_ref="P-1a")
    svc.reverse_purchase(SHOP, program.id, "P-1", "10", return_ref="P-1b")
    day = svc.shop_today(SHOP)
    clock.advance(days=1)
    svc.run_daily_jobs(SHOP)
    [snapshot] = [s for s in svc.get_analytics_snapshots(SHOP, program.id) if s.analytics_date == day]
    assert (snapshot.redemptions, snapshot.redeeming_members) == (1, 1)
    assert snapshot.total_points_redeemed == 600 - 400           # what the returns gave back is off
    assert svc.check_ledger() == []
