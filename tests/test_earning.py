"""Earning rules by program type, welcome bonus, idempotency (ledger rules 3 and 9)."""
from decimal import Decimal

import pytest

from loyalty_desk.services import DuplicateReference, NotEligible

from .support import SHOP, enroll, make_program, make_tiers


@pytest.mark.parametrize(
    ("program_type", "rules", "amount", "expected"),
    [
        ("points", {}, "12.99", 25),  # floor(12.99 x 2)
        ("points", {}, "0.49", 0),
        ("cash_back", {"cash_back_percent": "5"}, "19.99", 99),  # 5% of 1999 cents, rounded down
        ("cash_back", {"cash_back_percent": "2.5"}, "100.00", 250),
    ],
)
def test_points_by_program_type(svc, program_type, rules, amount, expected):
    program = make_program(svc, program_type=program_type, points_per_dollar="2", program_rules=rules)
    member = enroll(svc, program.id)
    tx = svc.record_purchase(SHOP, program.id, member.id, amount, "A-1")
    assert tx.points_amount == expected
    assert tx.amount == Decimal(amount)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == expected


@pytest.mark.parametrize("program_type", ["tiered", "hybrid"])
def test_tier_multiplier_applies_to_tiered_and_hybrid(svc, program_type):
    program = make_program(svc, program_type=program_type)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "500", "A-1")  # Bronze x1 -> 500: now Silver
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Silver"
    tx = svc.record_purchase(SHOP, program.id, member.id, "10.99", "A-2")  # Silver x1.5
    assert tx.points_amount == 16  # floor(10.99 x 1.5)


def test_points_program_ignores_tier_multiplier(svc):
    program = make_program(svc, program_type="points", tier_system_enabled=True)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "600", "A-1")
    assert svc.record_purchase(SHOP, program.id, member.id, "10", "A-2").points_amount == 10


def test_welcome_bonus_is_credited_once_at_enrollment(svc):
    program = make_program(svc, program_rules={"welcome_bonus_points": 150})
    member = enroll(svc, program.id)
    history = svc.get_member_points_history(SHOP, member.id)
    assert [(t.transaction_type, t.points_amount, t.points_balance_after) for t in history] == [
        ("welcome_bonus", 150, 150)]
    assert member.current_points == 150 and member.lifetime_points == 150


def test_purchase_replay_returns_the_original_row(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    first = svc.record_purchase(SHOP, program.id, member.id, "20.00", "ORD-9")
    again = svc.record_purchase(SHOP, program.id, member.id, Decimal("20"), "ORD-9")
    assert again.id == first.id
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 20
    assert len(svc.get_member_points_history(SHOP, member.id)) == 1


def test_conflicting_replay_is_refused(svc):
    program = make_program(svc)
    ada, bob = enroll(svc, program.id), enroll(svc, program.id, "Bob Stone")
    svc.record_purchase(SHOP, program.id, ada.id, "20.00", "ORD-9")
    with pytest.raises(DuplicateReference):
        svc.record_purchase(SHOP, program.id, ada.id, "21.00", "ORD-9")
    with pytest.raises(DuplicateReference):
        svc.record_purchase(SHOP, program.id, bob.id, "20.00", "ORD-9")


def test_any_external_reference_is_recorded_once(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    data = {"transaction_type": "purchase", "points_amount": 40, "reference_type": "webshop",
            "reference_id": "W-1", "description": "Web order"}
    first = svc.add_points_transaction(SHOP, program.id, member.id, data)
    assert svc.add_points_transaction(SHOP, program.id, member.id, data).id == first.id
    with pytest.raises(DuplicateReference):
        svc.add_points_transaction(SHOP, program.id, member.id, {**data, "points_amount": 41})
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 40


@pytest.mark.parametrize("status", ["suspended", "inactive", "expired"])
def test_members_not_active_cannot_earn(svc, status):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": status})
    with pytest.raises(NotEligible, match=status):
        svc.record_purchase(SHOP, program.id, member.id, "10", "A-1")


def test_inactive_program_earns_nothing(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.update_loyalty_program(SHOP, program.id, {"status": "inactive"})
    with pytest.raises(NotEligible, match="inactive"):
        svc.record_purchase(SHOP, program.id, member.id, "10", "A-1")


def test_purchase_updates_spend_and_activity(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "10.25", "A-1")
    svc.record_purchase(SHOP, program.id, member.id, "4.75", "A-2")
    assert svc.get_loyalty_member(SHOP, member.id).total_spent == Decimal("15.00")
    kinds = [a.activity_type for a in svc.get_member_activity(SHOP, member.id)]
    assert kinds.count("purchase_made") == 2 and kinds.count("points_earned") == 2
    assert "member_enrolled" in kinds


def test_quote_matches_what_the_purchase_earns(svc):
    program = make_program(svc, program_type="tiered", points_per_dollar="3")
    make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "200", "A-1")
    quoted = svc.quote_purchase(SHOP, program.id, member.id, "33.33")
    assert quoted == svc.record_purchase(SHOP, program.id, member.id, "33.33", "A-2").points_amount == 149
