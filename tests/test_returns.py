"""Returns take back points in proportion, never below zero (rule 6)."""
from decimal import Decimal

import pytest

from loyalty_desk.services import NotFound, ValidationError

from .support import SHOP, enroll, make_program


@pytest.fixture
def bought(svc):
    program = make_program(svc, points_per_dollar="3")
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "100.00", "R-1")  # 300 points
    return program, member


def test_whole_return_takes_back_everything(svc, bought):
    program, member = bought
    tx = svc.reverse_purchase(SHOP, program.id, "R-1")
    assert (tx.transaction_type, tx.points_amount, tx.amount, tx.shortfall_points) == (
        "purchase_return", -300, Decimal("100.00"), 0)
    member = svc.get_loyalty_member(SHOP, member.id)
    assert (member.current_points, member.lifetime_points, member.total_spent) == (0, 0, Decimal("0.00"))


def test_partial_returns_are_proportional_and_add_up_to_the_whole(svc, bought):
    program, member = bought
    parts = [svc.reverse_purchase(SHOP, program.id, "R-1", amount).points_amount for amount in ("33.33", "33.33", "33.34")]
    assert parts == [-99, -100, -101]  # running totals floor(300 x 33.33/100) = 99, 199, 300
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    with pytest.raises(ValidationError, match="fully returned"):
        svc.reverse_purchase(SHOP, program.id, "R-1", "1")


def test_spent_points_leave_a_recorded_shortfall(svc, bought):
    program, member = bought
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Bag", "reward_type": "free_product",
                                                          "points_cost": 250})
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 250)
    tx = svc.reverse_purchase(SHOP, program.id, "R-1")
    assert (tx.points_amount, tx.shortfall_points, tx.points_balance_after) == (-50, 250, 0)
    assert "could not be taken back" in tx.description
    activity = svc.get_member_activity(SHOP, member.id)[0]
    assert activity.activity_type == "purchase_returned" and activity.activity_metadata["shortfall_points"] == 250
    assert svc.get_loyalty_member(SHOP, member.id).lifetime_points == 0
    assert svc.check_ledger() == []


def test_return_refusals(svc, bought):
    program, _ = bought
    with pytest.raises(NotFound):
        svc.reverse_purchase(SHOP, program.id, "NOPE")
    with pytest.raises(ValidationError, match="left to return"):
        svc.reverse_purchase(SHOP, program.id, "R-1", "100.01")


def test_return_reference_makes_a_retry_harmless(svc, bought):
    program, member = bought
    first = svc.reverse_purchase(SHOP, program.id, "R-1", "10", return_ref="RET-1")
    again = svc.reverse_purchase(SHOP, program.id, "R-1", "10", return_ref="RET-1")
    assert again.id == first.id
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 270
