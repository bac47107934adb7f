"""check_ledger must find every kind of broken rule (so a clean report means something)."""
import pytest
from sqlalchemy import text

from .support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def world(svc):
    program = make_program(svc, program_type="tiered", points_expiration_days=365)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "300", "C-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Cap", "reward_type": "free_product",
                                                          "points_cost": 100, "quantity_available": 5})
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 100)
    assert svc.check_ledger() == []
    return program, member


@pytest.mark.parametrize(("tamper", "rule"), [
    ("UPDATE loyalty_members SET current_points = current_points + 1", "2"),
    ("UPDATE loyalty_points_transactions SET points_balance_after = points_balance_after + 7 "
     "WHERE transaction_type = 'redemption'", "2"),
    ("UPDATE loyalty_members SET lifetime_points = 9999", "8"),
    ("UPDATE loyalty_point_lots SET points_remaining = points_remaining - 1", "4"),
    ("DELETE FROM loyalty_lot_consumptions", "4"),
    ("UPDATE loyalty_rewards SET quantity_remaining = 5", "7"),
    ("UPDATE loyalty_members SET redemption_count = 3", "7"),
    ("UPDATE loyalty_members SET redemption_count = 0", "7"),
    ("UPDATE loyalty_point_lots SET points_original = points_original + 5, points_remaining = points_remaining + 5",
     "4"),
    ("UPDATE loyalty_lot_consumptions SET points = points + 1", "4"),
    ("UPDATE loyalty_members SET current_tier_id = NULL", "8"),
    ("UPDATE loyalty_program_totals SET points_issued = points_issued + 1", "R"),
    ("UPDATE loyalty_expiry_calendar SET points = points + 1", "R"),
])
def test_each_broken_rule_is_reported(svc, world, tamper, rule):
    with svc.db.engine.begin() as conn:
        conn.execute(text(tamper))
    problems = svc.check_ledger()
    assert problems, tamper
    assert rule in {p.rule for p in problems}


def test_check_is_scoped_to_a_shop(svc, world):
    with svc.db.engine.begin() as conn:
        conn.execute(text("UPDATE loyalty_members SET current_points = current_points + 1"))
    assert svc.check_ledger("another-shop") == []
    assert svc.check_ledger(SHOP)


def test_the_reports_name_the_figures(svc, world):
    program, member = world
    idle = enroll(svc, program.id, "Idle Ida")
    with svc.db.engine.begin() as conn:
        conn.execute(text("UPDATE loyalty_members SET current_points = 5 WHERE id = :id"), {"id": idle.id})
        conn.execute(text("UPDATE loyalty_members SET redemption_count = 0 WHERE id = :id"), {"id": member.id})
    found = {(p.rule, p.member_id, p.message) for p in svc.check_ledger(SHOP)}
    assert ("2", idle.id, "points without any ledger row") in found
    assert ("4", idle.id, "open lots hold 0 points but the balance is 5") in found
    assert ("7", member.id, "redemption_count 0 but 1 redemptions stand") in found
