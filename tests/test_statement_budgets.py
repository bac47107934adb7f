"""Statements per call on the counter's paths (issue 14): a lookup, the member panel, a purchase,
a redemption and a return each run a fixed number of statements, however many tiers, rewards,
lots and ledger rows the shop has. Statements, not milliseconds: nothing here is timed."""
from __future__ import annotations

import uuid

from loyalty_desk.db.statements import recorded

from .support import SHOP, enroll, make_program

# Budgets, BEGIN included (raw sqlite3 doing the same work needs about as many).
FIND = 2           # BEGIN, one UNION ALL of every lookup branch (and the shop's phone region)
SUMMARY = 5        # BEGIN, member+program+shop+expiring, rewards+holdings, tiers, holds
# The writes: BEGIN IMMEDIATE; the shop (with its staff flag); program, member and the reference
# (or the reward, or the order) in one; settling the member (anything due? one look).
PURCHASE = 13      # ... tiers; ledger row, member, totals, lot, expiry day (2 for a new day), activities
REDEMPTION = 14    # ... ledger row, member, totals, lots (read, update), expiry days, links, redemption,
                   # activity (the names for the answer are the rows read first)
RETURN = 14        # ... what was returned of the order, its returns and release rows (one); ledger row, member,
                   # totals, lots (read, update), expiry days, links, activity; tiers


def tiers_of(count: int) -> list[dict[str, object]]:
    """`count` tiers, 50 points apart, each earning a little more."""
    return [{"tier_name": f"Level {n}", "tier_level": n, "min_points_required": 50 * (n - 1),
             "max_points_required": 50 * n - 1 if n < count else None, "points_multiplier": f"1.{n}",
             "birthday_bonus_multiplier": "1"} for n in range(1, count + 1)]


def counter(svc, clock, *, tiers: int, rewards: int, visits: int):
    """A tiered program with expiring points, `rewards` rewards (one kept for the top tier, one
    limited per member), and a member with `visits` purchases on as many days (as many lots, each
    expiring on a day of its own), then a big one that puts them in the top tier, so the calls
    measured move nobody between tiers (a move writes rows of its own). The hamper costs about
    the points of all the visits: redeeming it takes from every visit's lot."""
    program = make_program(svc, program_type="tiered", points_expiration_days=365)
    made = [svc.create_loyalty_tier(SHOP, program.id, data) for data in tiers_of(tiers)]
    for n in range(rewards):
        terms = {"max_per_member": 5} if n == 1 else {}
        svc.create_loyalty_reward(SHOP, program.id, {
            "reward_name": f"Reward {n}", "reward_type": "free_product", "points_cost": 10 + n,
            "reward_terms": terms, **({"tier_exclusive_id": made[-1].id} if n == 2 else {})})
    hamper = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Hamper", "reward_type": "free_product",
                                                          "points_cost": 20 * visits})
    member = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", phone="+14155552671")
    for _ in range(visits):
        svc.record_purchase(SHOP, program.id, member.id, "20.00", f"V-{uuid.uuid4().hex[:10]}")
        clock.advance(days=1)
    svc.record_purchase(SHOP, program.id, member.id, "500.00", f"V-{uuid.uuid4().hex[:10]}")
    return program, svc.get_loyalty_member(SHOP, member.id), hamper


def statements(svc, call) -> int:
    with recorded(svc.db.engine) as seen:
        call()
    return len(seen)


def counts(svc, clock, **size) -> dict[str, int]:
    program, member, hamper = counter(svc, clock, **size)
    order = f"O-{uuid.uuid4().hex[:10]}"
    return {
        "card": statements(svc, lambda: svc.find_members(SHOP, member.card_number)),
        "phone": statements(svc, lambda: svc.find_members(SHOP, "(415) 555-2671")),
        "email": statements(svc, lambda: svc.find_members(SHOP, "ADA@example.com")),
        "summary": statements(svc, lambda: svc.get_member_summary(SHOP, member.id)),
        "purchase": statements(svc, lambda: svc.record_purchase(SHOP, program.id, member.id, "40.00", order)),
        "redemption": statements(svc, lambda: svc.create_redemption(SHOP, program.id, member.id, hamper.id)),
        "return": statements(svc, lambda: svc.reverse_purchase(SHOP, program.id, order, "10.00",
                                                                return_ref=order + "-R")),
    }


def test_counter_paths_stay_within_their_budgets(svc, clock):
    found = counts(svc, clock, tiers=3, rewards=4, visits=3)
    assert found["card"] <= FIND and found["phone"] <= FIND and found["email"] <= FIND, found
    assert found["summary"] <= SUMMARY, found
    assert found["purchase"] <= PURCHASE, found
    assert found["redemption"] <= REDEMPTION, found
    assert found["return"] <= RETURN, found


def test_statements_do_not_grow_with_tiers_rewards_lots_or_history(svc, clock):
    few = counts(svc, clock, tiers=2, rewards=3, visits=1)
    # A second program in the same shop, many times bigger: tiers, rewards, and a member with 25
    # lots on 25 days (the redemption and the return take from many of them).
    many = counts(svc, clock, tiers=9, rewards=25, visits=25)
    assert many == few
