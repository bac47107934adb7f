"""Who did what: actors on every row, the audit log, member history names and the owner's flags
(issue 12, "Who did what")."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from loyalty_desk.services import PermissionDenied, ValidationError

from .staff_support import PINS, staffed_shop
from .support import SHOP


def test_every_kind_of_row_records_its_actor(svc):
    world = staffed_shop(svc, balance=0)
    ana, marc, olive = world["Ana"], world["Marc"], world["Olive"]
    tx = svc.record_purchase(SHOP, world.program.id, world.member.id, "30", "S-1", actor=ana)
    assert (tx.actor_kind, tx.actor_staff_id, tx.approver_staff_id) == ("staff", ana, None)
    activity = svc.get_member_activity(SHOP, world.member.id)[0]
    assert (activity.actor_kind, activity.actor_staff_id, activity.actor_name) == ("staff", ana, "Ana")
    reward = svc.create_loyalty_reward(SHOP, world.program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                                "points_cost": 10}, actor=olive)
    redemption = svc.create_redemption(SHOP, world.program.id, world.member.id, reward.id, actor=ana)
    svc.update_redemption_status(SHOP, redemption.id, "cancelled", actor=marc)
    moved = svc.get_member_activity(SHOP, world.member.id)[0]
    assert (moved.activity_type, moved.actor_name) == ("redemption_updated", "Marc")
    refund = svc.get_member_points_history(SHOP, world.member.id)[0]
    assert (refund.transaction_type, refund.actor_name) == ("redemption_refund", "Marc")


def test_tier_changes_record_their_actor(svc):
    world = staffed_shop(svc, balance=0)
    olive, ana, marc = world["Olive"], world["Ana"], world["Marc"]
    svc.update_loyalty_program(SHOP, world.program.id, {"program_type": "tiered", "tier_system_enabled": True},
                               actor=olive)
    tiers = [svc.create_loyalty_tier(SHOP, world.program.id, {"tier_name": name, "tier_level": level,
                                                             "min_points_required": low, "max_points_required": high},
                                     actor=olive)
             for name, level, low, high in (("Silver", 1, 500, 1999), ("Gold", 2, 2000, None))]
    svc.record_purchase(SHOP, world.program.id, world.member.id, "600", "T-1", actor=ana)   # promoted to Silver
    svc.update_loyalty_member(SHOP, world.member.id, {"current_tier_id": tiers[1].id}, actor=marc)
    by_hand, automatic = svc.get_tier_history(SHOP, world.member.id)[:2]
    assert (automatic.new_tier_id, automatic.actor_kind, automatic.actor_staff_id) == (tiers[0].id, "staff", ana)
    assert (by_hand.promotion_reason, by_hand.actor_staff_id) == ("manual_promotion", marc)
    promoted = svc.get_audit_log(SHOP, actor=olive, action="tier_promoted")
    assert [e.actor_name for e in promoted] == ["Marc", "Ana"]
    created = svc.get_audit_log(SHOP, actor=olive, action="tier_created")
    assert [e.actor_name for e in created] == ["Olive", "Olive"]


def test_history_names_who_did_a_row_and_who_approved_it(svc):
    world = staffed_shop(svc)
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 800, "description": "fix"},
                               actor=world["Ana"], approver=world["Marc"], approver_pin=PINS["Marc"])
    newest, *older = svc.get_member_points_history(SHOP, world.member.id)
    assert (newest.points_amount, newest.actor_name, newest.approver_name) == (800, "Ana", "Marc")
    # The opening balance was given before the shop had staff accounts: nobody is named.
    assert (older[-1].actor_kind, older[-1].actor_name, older[-1].approver_name) == (None, None, None)
    adjusted = svc.get_member_activity(SHOP, world.member.id)[0]
    assert (adjusted.activity_type, adjusted.actor_name, adjusted.approver_name) == ("points_adjusted", "Ana", "Marc")


def test_the_audit_log_newest_first_with_names_members_points_and_amounts(svc, clock):
    world = staffed_shop(svc, balance=0)
    ana, marc, olive = world["Ana"], world["Marc"], world["Olive"]
    clock.advance(minutes=1)
    svc.record_purchase(SHOP, world.program.id, world.member.id, "42.50", "A-1", actor=ana)
    clock.advance(minutes=1)
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 900, "description": "x"},
                               actor=ana, approver=marc, approver_pin=PINS["Marc"])
    clock.advance(minutes=1)
    svc.save_shop(SHOP, {"receipt_footer": "Merci", "approval_threshold_points": 300}, actor=olive)
    log = svc.get_audit_log(SHOP, actor=marc)
    assert [e.action for e in log[:3]] == ["shop_changed", "manual_adjustment", "purchase"]
    assert [e.time for e in log] == sorted((e.time for e in log), reverse=True)
    change, adjustment, purchase = log[:3]
    assert (change.actor_name, change.member_id, change.points) == ("Olive", None, None)
    assert "approval_threshold_points" in change.description and "receipt_footer" in change.description
    assert (adjustment.actor_name, adjustment.approver_name, adjustment.points, adjustment.member_name) == \
        ("Ana", "Marc", 900, "Ada Lovelace")
    assert (purchase.actor_name, purchase.amount, purchase.points) == ("Ana", Decimal("42.50"), 42)
    # Staff changes are in it too, and the opening rows name nobody.
    assert {"staff_created", "member_enrolled", "program_created"} <= {e.action for e in log}
    assert all(e.actor_name is None for e in log if e.action in ("member_enrolled", "program_created"))


def test_the_audit_log_filters_by_person_action_and_time(svc, clock):
    world = staffed_shop(svc, balance=0)
    ana, marc = world["Ana"], world["Marc"]
    start = clock.now
    clock.advance(hours=1)
    svc.record_purchase(SHOP, world.program.id, world.member.id, "10", "F-1", actor=ana)
    middle = clock.advance(hours=1)
    svc.record_purchase(SHOP, world.program.id, world.member.id, "10", "F-2", actor=marc)
    clock.advance(hours=1)
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 700, "description": "x"},
                               actor=ana, approver=marc, approver_pin=PINS["Marc"])
    by_ana = svc.get_audit_log(SHOP, actor=marc, staff_id=ana)
    assert {e.actor_name for e in by_ana} == {"Ana"}
    # As approver, Marc's log has the adjustment too.
    assert {(e.action, e.actor_name) for e in svc.get_audit_log(SHOP, actor=marc, staff_id=marc)} >= {
        ("manual_adjustment", "Ana"), ("purchase", "Marc")}
    purchases = svc.get_audit_log(SHOP, actor=marc, action="purchase")
    assert [e.description for e in purchases] == ["Purchase F-2", "Purchase F-1"]
    window = svc.get_audit_log(SHOP, actor=marc, since=start + dt.timedelta(minutes=30), until=middle)
    assert [e.description for e in window] == ["Purchase F-1"]
    assert len(svc.get_audit_log(SHOP, actor=marc, limit=2)) == 2
    for bad in ({"action": "robbery"}, {"since": dt.datetime(2026, 1, 1)}, {"limit": 0}):
        with pytest.raises(ValidationError):
            svc.get_audit_log(SHOP, actor=marc, **bad)


def test_only_managers_and_owners_see_the_audit_log_and_only_owners_the_flags(svc):
    world = staffed_shop(svc, balance=0)
    since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(PermissionDenied, match="A cashier cannot see the audit log"):
        svc.get_audit_log(SHOP, actor=world["Ana"])
    with pytest.raises(PermissionDenied):
        svc.get_audit_log(SHOP)
    with pytest.raises(PermissionDenied, match="A manager cannot see the flags"):
        svc.get_flags(SHOP, since=since, actor=world["Marc"])
    assert svc.get_flags(SHOP, since=since, actor=world["Olive"]) == []


def test_a_lock_out_is_in_the_audit_log_and_the_flags(svc):
    world = staffed_shop(svc, balance=0)
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            svc.sign_in(SHOP, "Ana", "0000")
    (entry,) = svc.get_audit_log(SHOP, actor=world["Olive"], action="sign_in_locked")
    assert (entry.actor_staff_id, entry.actor_name) == (world["Ana"], "Ana")
    (flag,) = svc.get_flags(SHOP, since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), actor=world["Olive"])
    assert (flag.kind, flag.staff_name) == ("sign_in_lockout", "Ana")


def test_flags_adjustments_over_the_cap_in_one_day(svc, clock):
    world = staffed_shop(svc)
    since = clock.now
    for _ in range(4):
        svc.add_points_transaction(SHOP, world.program.id, world.member.id,
                                   {"points_amount": 500, "description": "x"}, actor=world["Ana"])
    assert svc.get_flags(SHOP, since=since, actor=world["Olive"]) == []      # 2,000: the cap, not above it
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": -10, "description": "x"},
                               actor=world["Ana"], approver=world["Marc"], approver_pin=PINS["Marc"])
    (flag,) = svc.get_flags(SHOP, since=since, actor=world["Olive"])
    assert (flag.kind, flag.staff_name, flag.points, flag.day) == (
        "adjustments_over_cap", "Ana", 2010, svc.shop_today(SHOP))


def test_flags_a_redemption_soon_after_a_manual_credit_by_the_same_person(svc, clock):
    world = staffed_shop(svc, balance=0)
    reward = svc.create_loyalty_reward(SHOP, world.program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                                "points_cost": 300}, actor=world["Olive"])
    since = clock.now
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 400, "description": "x"},
                               actor=world["Ana"])
    clock.advance(minutes=11)
    svc.create_redemption(SHOP, world.program.id, world.member.id, reward.id, actor=world["Ana"])
    assert svc.get_flags(SHOP, since=since, actor=world["Olive"]) == []      # 11 minutes later
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 300, "description": "y"},
                               actor=world["Marc"])
    clock.advance(minutes=2)
    svc.create_redemption(SHOP, world.program.id, world.member.id, reward.id, actor=world["Ana"])
    assert svc.get_flags(SHOP, since=since, actor=world["Olive"]) == []      # another person's credit
    svc.add_points_transaction(SHOP, world.program.id, world.member.id, {"points_amount": 300, "description": "z"},
                               actor=world["Ana"])
    clock.advance(minutes=9)
    svc.create_redemption(SHOP, world.program.id, world.member.id, reward.id, actor=world["Ana"])
    (flag,) = svc.get_flags(SHOP, since=since, actor=world["Olive"])
    assert (flag.kind, flag.staff_name, flag.member_name, flag.points) == (
        "redemption_after_credit", "Ana", "Ada Lovelace", 300)


def test_flags_more_than_five_purchases_on_one_card_within_ten_minutes(svc, clock):
    world = staffed_shop(svc, balance=0)
    since = clock.now
    for i in range(5):
        svc.record_purchase(SHOP, world.program.id, world.member.id, "5", f"R-{i}", actor=world["Ana"])
        clock.advance(minutes=2)
    assert svc.get_flags(SHOP, since=since, actor=world["Olive"]) == []
    svc.record_purchase(SHOP, world.program.id, world.member.id, "5", "R-5", actor=world["Ana"])  # 8 min after R-1
    svc.record_purchase(SHOP, world.program.id, world.member.id, "5", "R-6", actor=world["Ana"])
    (flag,) = svc.get_flags(SHOP, since=since, actor=world["Olive"])
    assert (flag.kind, flag.member_id, flag.count) == ("rapid_purchases", world.member.id, 6)


def test_history_text_says_who_did_a_row():
    from loyalty_desk.domain.ledger_messages import done_by

    assert done_by("staff", "Ana", "Marc") == "by Ana, approved by Marc"
    assert done_by("staff", "Ana") == "by Ana"
    assert done_by("system", None) == "by the system"
    assert done_by(None, None) == ""


def test_the_first_owners_account_is_recorded_as_made_by_that_owner(svc):
    olive = svc.create_staff(SHOP, {"name": "Olive", "role": "owner", "pin": "1111"})
    (created,) = svc.get_audit_log(SHOP, action="staff_created", actor=olive.id)
    assert (created.actor_kind, created.actor_staff_id, created.actor_name) == ("staff", olive.id, "Olive")


def test_a_lock_out_is_told_on_the_shops_clock(svc, clock):
    svc.save_shop(SHOP, {"timezone": "America/New_York"})         # 15:30 UTC is 10:30 in New York in March
    world = staffed_shop(svc, balance=0)
    for _ in range(5):
        with pytest.raises(PermissionDenied) as refused:
            svc.sign_in(SHOP, "  ana ", "0000")                      # her name as a cashier may type it
    assert str(refused.value) == "Too many wrong PINs: try again after 10:35 EST"    # what the CLI prints
    (flag,) = svc.get_flags(SHOP, since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), actor=world["Olive"])
    assert flag.message == "Too many wrong PINs for Ana: locked until 10:35 EST"     # her name as written
