"""Expiry by FIFO earn lots (rule 4) and pending points (rule 5)."""
import datetime as dt

import pytest

from loyalty_desk.services import InsufficientPoints

from .support import SHOP, enroll, make_program


def _history(svc, member_id):
    return [(t.transaction_type, t.points_amount, t.points_balance_after, t.status)
            for t in reversed(svc.get_member_points_history(SHOP, member_id))]


def _bought(svc, *, expires_after: int, amount: str):  # type: ignore[no-untyped-def]
    """A program whose points expire after `expires_after` days, a member, and their first purchase "A-1"."""
    program = make_program(svc, points_expiration_days=expires_after)
    member = enroll(svc, program.id)
    return program, member, svc.record_purchase(SHOP, program.id, member.id, amount, "A-1")


def test_points_expire_on_the_exact_day(svc, clock):
    program, member, tx = _bought(svc, expires_after=30, amount="100")
    assert tx.expiration_date == clock.now + dt.timedelta(days=30)
    earned_day = clock.now.date()
    svc.run_daily_jobs(SHOP, earned_day + dt.timedelta(days=29))
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 100
    summary = svc.run_daily_jobs(SHOP, earned_day + dt.timedelta(days=30))
    assert (summary.lots_expired, summary.points_expired) == (1, 100)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert _history(svc, member.id)[-1] == ("expiration", -100, 0, "completed")
    assert svc.check_ledger() == []


def test_expiry_is_idempotent_for_a_day(svc, clock):
    program, member, _ = _bought(svc, expires_after=10, amount="50")
    day = clock.now.date() + dt.timedelta(days=10)
    assert svc.run_daily_jobs(SHOP, day).lots_expired == 1
    assert svc.run_daily_jobs(SHOP, day).lots_expired == 0
    assert len(svc.get_member_points_history(SHOP, member.id)) == 2


def test_spending_takes_oldest_lot_first_and_only_the_remainder_expires(svc, clock):
    program, member, _ = _bought(svc, expires_after=30, amount="100")  # lot 1: 100, expires day 30
    clock.advance(days=10)
    svc.record_purchase(SHOP, program.id, member.id, "80", "A-2")  # lot 2: 80, expires day 40
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 120})
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 120)  # 100 from lot 1, 20 from lot 2
    clock.advance(days=20)  # day 30: lot 1 is empty, nothing to expire
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 60
    clock.advance(days=10)  # day 40: the 60 left of lot 2 expire, not 80
    summary = svc.run_daily_jobs(SHOP)
    assert summary.points_expired == 60
    assert _history(svc, member.id)[-1] == ("expiration", -60, 0, "completed")
    assert svc.check_ledger() == []


def test_due_points_expire_before_a_counter_sale_even_without_the_job(svc, clock):
    program, member, _ = _bought(svc, expires_after=5, amount="40")
    clock.advance(days=6)
    tx = svc.record_purchase(SHOP, program.id, member.id, "10", "A-2")
    assert tx.points_balance_after == 10
    assert [h[0] for h in _history(svc, member.id)] == ["purchase", "expiration", "purchase"]


def test_no_expiry_when_days_is_null(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "40", "A-1")
    clock.advance(days=3000)
    assert svc.run_daily_jobs(SHOP).lots_expired == 0
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 40


@pytest.fixture
def held(svc):
    program = make_program(svc, program_rules={"pending_days": 3})
    member = enroll(svc, program.id)
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 50})
    hold = svc.record_purchase(SHOP, program.id, member.id, "100", "P-1")
    return program, member, reward, hold


def test_pending_points_are_not_spendable(svc, held):
    program, member, reward, hold = held
    assert (hold.status, hold.points_amount, hold.pending_points) == ("pending", 0, 100)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    with pytest.raises(InsufficientPoints):
        svc.create_redemption(SHOP, program.id, member.id, reward.id, 50)


def test_job_completes_pending_points_after_the_window(svc, clock, held):
    program, member, reward, hold = held
    clock.advance(days=2)
    assert svc.run_daily_jobs(SHOP).pending_completed == 0
    clock.advance(days=1)
    assert svc.run_daily_jobs(SHOP).pending_completed == 1
    assert svc.run_daily_jobs(SHOP).pending_completed == 0
    assert _history(svc, member.id) == [("purchase", 0, 0, "completed"), ("purchase", 100, 100, "completed")]
    assert svc.get_loyalty_member(SHOP, member.id).lifetime_points == 100
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 50)
    assert svc.check_ledger() == []


def test_full_return_inside_the_window_fails_the_hold(svc, clock, held):
    program, member, _, _ = held
    svc.reverse_purchase(SHOP, program.id, "P-1")
    clock.advance(days=5)
    svc.run_daily_jobs(SHOP)
    assert _history(svc, member.id) == [("purchase", 0, 0, "failed"), ("purchase_return", 0, 0, "completed")]
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert svc.check_ledger() == []


def test_partial_return_inside_the_window_shrinks_the_hold(svc, clock, held):
    program, member, _, _ = held
    svc.reverse_purchase(SHOP, program.id, "P-1", "30")
    clock.advance(days=3)
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 70
    svc.reverse_purchase(SHOP, program.id, "P-1", "70")  # after release: taken from the balance
    member = svc.get_loyalty_member(SHOP, member.id)
    assert (member.current_points, member.lifetime_points) == (0, 0)
    assert svc.check_ledger() == []
