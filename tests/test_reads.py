"""The reads: lists cost the same number of statements however many rows they hold, a single
reward can be read, and the shop's today follows its time zone."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest

from loyalty_desk.db.statements import recorded
from loyalty_desk.services import LoyaltyService, NotFound, ValidationError

from .support import SHOP, enroll, make_program, make_tiers


def statements(svc: LoyaltyService) -> AbstractContextManager[list[str]]:
    """The SQL statements run inside the block."""
    return recorded(svc.db.engine)


def _redeem_by_new_members(svc: LoyaltyService, program_id: int, reward_id: int, names: range) -> None:
    """Each redemption by a member of its own (their names are what a per-row lookup would fetch)."""
    for n in names:
        member = enroll(svc, program_id, f"Member {n}")
        svc.add_points_transaction(SHOP, program_id, member.id, {"points_amount": 100, "description": "setup"})
        svc.create_redemption(SHOP, program_id, member.id, reward_id, 100)


def _cost(svc: LoyaltyService, read: Callable[[], list[Any]]) -> tuple[int, int]:
    with statements(svc) as seen:
        rows = read()
    return len(rows), len(seen)


def test_the_redemption_queue_does_not_read_names_row_by_row(svc: LoyaltyService) -> None:
    program = make_program(svc)
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Coffee", "reward_type": "free_product",
                                                          "points_cost": 100})
    _redeem_by_new_members(svc, program.id, reward.id, range(2))
    few = _cost(svc, lambda: svc.get_redemptions(SHOP))
    _redeem_by_new_members(svc, program.id, reward.id, range(2, 12))
    many = _cost(svc, lambda: svc.get_redemptions(SHOP))
    assert (few[0], many[0]) == (2, 12)
    assert many[1] == few[1]
    queue = svc.get_redemptions(SHOP)
    assert {r.reward_name for r in queue} == {"Coffee"}
    assert sorted(r.member_name for r in queue) == sorted(m.customer_name for m in
                                                          svc.get_loyalty_members(SHOP, program.id))


def test_the_return_picker_does_not_read_returns_row_by_row(svc: LoyaltyService) -> None:
    program = make_program(svc)
    member = enroll(svc, program.id)
    for n in range(2):
        svc.record_purchase(SHOP, program.id, member.id, "10.00", f"A-{n}")
        svc.reverse_purchase(SHOP, program.id, f"A-{n}", "2.50")
    few = _cost(svc, lambda: svc.recent_purchases(SHOP, member.id))
    for n in range(2, 12):
        svc.record_purchase(SHOP, program.id, member.id, "10.00", f"A-{n}")
        svc.reverse_purchase(SHOP, program.id, f"A-{n}", "2.50")
    many = _cost(svc, lambda: svc.recent_purchases(SHOP, member.id))
    assert (few[0], many[0]) == (2, 12)
    assert many[1] == few[1]
    assert {(p.returned_amount, p.left_to_return) for p in svc.recent_purchases(SHOP, member.id)} == {
        (Decimal("2.50"), Decimal("7.50"))}


def test_member_lists_name_tiers_in_one_statement(svc: LoyaltyService) -> None:
    program = make_program(svc, program_type="tiered")
    make_tiers(svc, program.id)
    for n, points in enumerate((0, 600, 2500)):
        member = enroll(svc, program.id, f"Tiered {n}")
        if points:
            svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": points, "description": "x"})
    three = _cost(svc, lambda: svc.get_loyalty_members(SHOP, program.id))
    for n in range(3, 9):
        enroll(svc, program.id, f"Tiered {n}")
    nine = _cost(svc, lambda: svc.get_loyalty_members(SHOP, program.id))
    assert (three[0], nine[0]) == (3, 9) and nine[1] == three[1]
    assert [m.tier_name for m in svc.get_loyalty_members(SHOP, program.id)][:3] == ["Bronze", "Silver", "Gold"]


def _limited_rewards(svc: LoyaltyService, program_id: int, names: range) -> None:
    for n in names:
        svc.create_loyalty_reward(SHOP, program_id, {"reward_name": f"Limited {n}", "reward_type": "free_product",
                                                     "points_cost": 10, "reward_terms": {"max_per_member": 1}})


def test_reward_limits_are_counted_once_for_the_whole_catalog(svc: LoyaltyService) -> None:
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 500, "description": "setup"})
    _limited_rewards(svc, program.id, range(2))
    first = svc.get_loyalty_rewards(SHOP, program.id)[0]
    svc.create_redemption(SHOP, program.id, member.id, first.id, 10)
    few = _cost(svc, lambda: svc.reward_eligibility(SHOP, member.id))
    few_panel = _cost(svc, lambda: svc.get_member_summary(SHOP, member.id).affordable_rewards)
    _limited_rewards(svc, program.id, range(2, 10))
    many = _cost(svc, lambda: svc.reward_eligibility(SHOP, member.id))
    many_panel = _cost(svc, lambda: svc.get_member_summary(SHOP, member.id).affordable_rewards)
    assert (few[0], many[0], few_panel[0], many_panel[0]) == (2, 10, 1, 9)
    assert (many[1], many_panel[1]) == (few[1], few_panel[1])
    reasons = dict((r.id, why) for r, why in svc.reward_eligibility(SHOP, member.id))
    assert reasons[first.id] == "limit 1 per member reached"
    assert sum(why is None for why in reasons.values()) == 9


def test_one_reward_is_read_fresh(svc: LoyaltyService) -> None:
    program = make_program(svc)
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 50, "quantity_available": 3})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 50, "description": "setup"})
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 50)
    fresh = svc.get_loyalty_reward(SHOP, reward.id)
    assert (fresh.id, fresh.reward_name, fresh.quantity_remaining) == (reward.id, "Mug", 2)


def test_another_shops_reward_is_not_found(svc: LoyaltyService) -> None:
    program = make_program(svc)
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 50})
    with pytest.raises(NotFound):
        svc.get_loyalty_reward("another-shop", reward.id)
    with pytest.raises(NotFound):
        svc.get_loyalty_reward(SHOP, reward.id + 1000)
    with pytest.raises(ValidationError):
        svc.get_loyalty_reward(SHOP, "1")  # type: ignore[arg-type]


def test_the_shops_today_is_in_its_time_zone(svc: LoyaltyService, clock: Any) -> None:
    svc.save_shop(SHOP, {"timezone": "America/New_York"})
    clock.set(dt.datetime(2026, 3, 3, 4, 30, tzinfo=dt.UTC))      # 2 March, 23:30 in New York
    assert svc.shop_today(SHOP) == dt.date(2026, 3, 2)
    assert svc.shop_today("no-settings-shop") == dt.date(2026, 3, 3)  # UTC without settings
    clock.set(dt.datetime(2026, 3, 3, 5, 30, tzinfo=dt.UTC))      # 3 March, 00:30 in New York
    assert svc.shop_today(SHOP) == dt.date(2026, 3, 3)
