"""Who may do what: the permission table of domain/permissions.py, method by method and role by
role, through the public service; then approvals and the cashier limits (issue 12)."""
from __future__ import annotations

import datetime as dt
import inspect
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from loyalty_desk.domain.permissions import ROLE_PERMISSIONS, Permission, Role
from loyalty_desk.services import ApprovalRequired, LoyaltyService, PermissionDenied
from loyalty_desk.services.dto import SegmentRule
from loyalty_desk.services.facade import OPEN_METHODS, permission_of

from .staff_support import PINS, ROLES, add_staff
from .support import SHOP, database_state, enroll, make_program
from .web_shops import SHOPIFY_SECRET, body_of, shopify_order, sign

# --- the facade declares a permission for every method that is not open --------------------


def public_methods() -> dict[str, Any]:
    return {name: member for name, member in inspect.getmembers(LoyaltyService)
            if not name.startswith("_") and (callable(member) or isinstance(member, property))}


GUARDED = {name: permission_of(method) for name, method in public_methods().items()
           if permission_of(method) is not None}


def test_every_public_method_is_open_or_declares_its_permission():
    undeclared = set(public_methods()) - OPEN_METHODS - set(GUARDED)
    assert not undeclared, f"declare a permission (@needs) or list as open: {sorted(undeclared)}"
    assert not (OPEN_METHODS & set(GUARDED))
    assert OPEN_METHODS <= set(public_methods())


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_every_guarded_method_takes_actor_as_a_keyword(name):
    parameter = inspect.signature(getattr(LoyaltyService, name)).parameters["actor"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is None


# --- one call of each guarded method, in a shop where every role can try it -----------------


@dataclass(frozen=True)
class World:
    program: Any
    member: Any
    tiers: list[Any]
    spare_tier: Any
    reward: Any
    redemption: Any
    staff: dict[str, int]
    duplicate: Any = None
    api_key: Any = None
    web_orders: Any = None
    failed_message: int = 0
    segment: int = 0
    promotion: Any = None


def build_world(svc: LoyaltyService) -> World:
    """Everything the calls below touch, set up before the shop had staff (so without an actor)."""
    program = make_program(svc, program_type="tiered", program_rules={"redeem_points_per_unit": 10})
    tiers = [svc.create_loyalty_tier(SHOP, program.id, {
        "tier_name": name, "tier_level": level, "min_points_required": low, "max_points_required": high})
        for name, level, low, high in (("Bronze", 1, 0, 499), ("Silver", 2, 500, 1999), ("Gold", 3, 2000, 99_999))]
    spare = svc.create_loyalty_tier(SHOP, program.id, {"tier_name": "Diamond", "tier_level": 9,
                                                       "min_points_required": 900_000})
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 300, "description": "opening"})
    svc.record_purchase(SHOP, program.id, member.id, "50", "O-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 20})
    redemption = svc.create_redemption(SHOP, program.id, member.id, reward.id)
    duplicate = enroll(svc, program.id, "Ada L.")
    api_key, _ = svc.create_api_key(SHOP, {"name": "web shop", "scope": "write"})
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "shopify_webhook_secret": SHOPIFY_SECRET})
    web_orders = []
    for order_id in (1, 2):      # no member has this email: both wait in the unmatched list
        body = body_of(shopify_order(order_id, email="stranger@example.com"))
        web_orders.append(svc.shopify_order_paid(SHOP, body, signature=sign(SHOPIFY_SECRET, body)).unmatched_order_id)
    enroll(svc, program.id, "Mail Reader", email="reader@example.com")
    (welcome,) = svc.claim_due_messages(SHOP, claimer="test-sender")
    svc.record_message_outcome(SHOP, welcome.id, claimer="test-sender", outcome="failed", error="550 no")
    segment = svc.save_segment(SHOP, "Lapsed", SegmentRule("inactive", 90))
    promotion = svc.create_promotion(SHOP, program.id, {"name": "Bonus week", "bonus_points": 25,
                                                        "starts_at": "2026-02-01", "ends_at": "2026-02-07"})
    return World(program, member, tiers, spare, reward, redemption, add_staff(svc), duplicate, api_key, web_orders,
                 welcome.id, segment.id, promotion)


Call = Callable[[LoyaltyService, World, int], Any]
CALLS: dict[str, Call] = {
    "save_shop": lambda s, w, a: s.save_shop(SHOP, {"receipt_footer": "Thanks"}, actor=a),
    "create_loyalty_program": lambda s, w, a: s.create_loyalty_program(
        SHOP, {"program_name": "Second", "program_type": "points"}, actor=a),
    "update_loyalty_program": lambda s, w, a: s.update_loyalty_program(
        SHOP, w.program.id, {"description": "Our program"}, actor=a),
    "create_loyalty_tier": lambda s, w, a: s.create_loyalty_tier(
        SHOP, w.program.id, {"tier_name": "Platinum", "tier_level": 8, "min_points_required": 500_000,
                             "max_points_required": 899_999}, actor=a),
    "update_loyalty_tier": lambda s, w, a: s.update_loyalty_tier(SHOP, w.tiers[0].id, {"tier_name": "Copper"},
                                                                 actor=a),
    "delete_loyalty_tier": lambda s, w, a: s.delete_loyalty_tier(SHOP, w.spare_tier.id, actor=a),
    "create_promotion": lambda s, w, a: s.create_promotion(
        SHOP, w.program.id, {"name": "Double days", "multiplier": "2", "starts_at": dt.date(2026, 1, 1),
                             "ends_at": dt.date(2026, 1, 31)}, actor=a),
    "update_promotion": lambda s, w, a: s.update_promotion(SHOP, w.promotion.id, {"name": "Triple days"}, actor=a),
    "end_promotion": lambda s, w, a: s.end_promotion(SHOP, w.promotion.id, actor=a),
    "enroll_loyalty_member": lambda s, w, a: s.enroll_loyalty_member(
        SHOP, w.program.id, {"customer_name": "Grace Hopper"}, actor=a),
    "update_loyalty_member": lambda s, w, a: s.update_loyalty_member(SHOP, w.member.id, {"customer_name": "Ada B"},
                                                                     actor=a),
    "replace_member_card": lambda s, w, a: s.replace_member_card(SHOP, w.member.id, actor=a),
    "add_points_transaction": lambda s, w, a: s.add_points_transaction(
        SHOP, w.program.id, w.member.id, {"points_amount": 100, "description": "goodwill"}, actor=a),
    "record_purchase": lambda s, w, a: s.record_purchase(SHOP, w.program.id, w.member.id, "10", "O-2", actor=a),
    "record_purchase_outcome": lambda s, w, a: s.record_purchase_outcome(
        SHOP, w.program.id, w.member.id, "10", "O-2", actor=a),
    "reverse_purchase": lambda s, w, a: s.reverse_purchase(SHOP, w.program.id, "O-1", "5", actor=a),
    "reverse_purchase_outcome": lambda s, w, a: s.reverse_purchase_outcome(SHOP, w.program.id, "O-1", "5", actor=a),
    "void_purchase": lambda s, w, a: s.void_purchase(SHOP, w.program.id, "O-1", "rung up twice", actor=a),
    "create_loyalty_reward": lambda s, w, a: s.create_loyalty_reward(
        SHOP, w.program.id, {"reward_name": "Tote", "reward_type": "free_product", "points_cost": 50}, actor=a),
    "update_loyalty_reward": lambda s, w, a: s.update_loyalty_reward(SHOP, w.reward.id, {"description": "Big"},
                                                                     actor=a),
    "redeem_points_for_discount": lambda s, w, a: s.redeem_points_for_discount(
        SHOP, w.program.id, w.member.id, 100, "D-1", actor=a),
    "create_redemption": lambda s, w, a: s.create_redemption(SHOP, w.program.id, w.member.id, w.reward.id, actor=a),
    "update_redemption_status": lambda s, w, a: s.update_redemption_status(SHOP, w.redemption.id, "redeemed",
                                                                           actor=a),
    "update_redemption_delivery": lambda s, w, a: s.update_redemption_delivery(SHOP, w.redemption.id, "pickup",
                                                                               actor=a),
    "run_daily_jobs": lambda s, w, a: s.run_daily_jobs(SHOP, s.shop_today(SHOP), actor=a),
    "create_staff": lambda s, w, a: s.create_staff(SHOP, {"name": "Newbie", "role": "cashier", "pin": "5555"},
                                                   actor=a),
    "update_staff": lambda s, w, a: s.update_staff(SHOP, w.staff["Cleo"], {"name": "Cleo B"}, actor=a),
    "list_staff": lambda s, w, a: s.list_staff(SHOP, actor=a),
    "get_audit_log": lambda s, w, a: s.get_audit_log(SHOP, actor=a),
    "import_members": lambda s, w, a: s.import_members(
        SHOP, w.program.id, b"name,email,points\nGrace Hopper,grace@example.com,250\n", actor=a),
    "get_flags": lambda s, w, a: s.get_flags(SHOP, since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), actor=a),
    "export_member_data": lambda s, w, a: s.export_member_data(SHOP, w.member.id, actor=a),
    "export_members_page": lambda s, w, a: s.export_members_page(SHOP, actor=a),
    "export_transactions_page": lambda s, w, a: s.export_transactions_page(SHOP, actor=a),
    "export_redemptions_page": lambda s, w, a: s.export_redemptions_page(SHOP, actor=a),
    "erase_member": lambda s, w, a: s.erase_member(SHOP, w.member.id, reason="asked to be forgotten", actor=a),
    "merge_members": lambda s, w, a: s.merge_members(SHOP, w.member.id, w.duplicate.id, actor=a),
    "create_api_key": lambda s, w, a: s.create_api_key(SHOP, {"name": "till", "scope": "read"}, actor=a),
    "list_api_keys": lambda s, w, a: s.list_api_keys(SHOP, actor=a),
    "revoke_api_key": lambda s, w, a: s.revoke_api_key(SHOP, w.api_key.id, actor=a),
    "list_unmatched_orders": lambda s, w, a: s.list_unmatched_orders(SHOP, actor=a),
    "resolve_unmatched_order": lambda s, w, a: s.resolve_unmatched_order(SHOP, w.web_orders[0], w.member.id, actor=a),
    "dismiss_unmatched_order": lambda s, w, a: s.dismiss_unmatched_order(SHOP, w.web_orders[1], actor=a),
    "create_shop_from_template": lambda s, w, a: s.create_shop_from_template(
        {"shop_name": "Second Branch", "currency": "USD"}, "points", actor=a),
    "backup": lambda s, w, a: s.backup(Path(tempfile.mkdtemp()) / "copy.db", user_id=SHOP, actor=a),
    "backup_to_folder": lambda s, w, a: s.backup_to_folder(tempfile.mkdtemp(), user_id=SHOP, actor=a),
    "get_outbox": lambda s, w, a: s.get_outbox(SHOP, actor=a),
    "retry_message": lambda s, w, a: s.retry_message(SHOP, w.failed_message, actor=a),
    "get_message_templates": lambda s, w, a: s.get_message_templates(SHOP, actor=a),
    "save_message_template": lambda s, w, a: s.save_message_template(SHOP, "welcome", "Hi", "Hello", actor=a),
    "preview_message": lambda s, w, a: s.preview_message(SHOP, "welcome", w.member.id, actor=a),
    "save_segment": lambda s, w, a: s.save_segment(SHOP, "Birthdays", SegmentRule("birthday_month"), actor=a),
    "delete_segment": lambda s, w, a: s.delete_segment(SHOP, w.segment, actor=a),
    "email_segment": lambda s, w, a: s.email_segment(SHOP, SegmentRule("top_spenders", 5), "News", "Hello",
                                                     key="news-1", actor=a),
}
ACTOR_OF = {Role.OWNER: "Olive", Role.MANAGER: "Marc", Role.CASHIER: "Ana"}


def test_every_guarded_method_has_a_call_in_the_table():
    assert set(CALLS) == set(GUARDED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", sorted(GUARDED))
def test_the_permission_table_role_by_role_and_method_by_method(svc, name, role):
    world = build_world(svc)
    actor = world.staff[ACTOR_OF[role]]
    before = database_state(svc)
    if GUARDED[name] in ROLE_PERMISSIONS[role]:
        CALLS[name](svc, world, actor)
    else:
        with pytest.raises(PermissionDenied, match=f"A {role.value} cannot"):
            CALLS[name](svc, world, actor)
        assert database_state(svc) == before


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_once_a_shop_has_staff_every_guarded_call_needs_a_known_active_actor(svc, name):
    world = build_world(svc)
    svc.update_staff(SHOP, world.staff["Marc"], {"active": False}, actor=world.staff["Olive"])
    svc.save_shop("shop-2", {"shop_name": "Elsewhere"})
    stranger = svc.create_staff("shop-2", {"name": "Olive", "role": "owner", "pin": "1111"}).id
    before = database_state(svc)
    for actor in (None, 999_999, world.staff["Marc"], stranger):
        if name in ("run_daily_jobs", "backup_to_folder") and actor is None:
            continue        # today's jobs and the daily copy are the system's: see the tests below
        if name == "create_shop_from_template" and actor in (None, stranger):
            continue        # a new shop is nobody's yet (tests/test_shop_templates.py)
        with pytest.raises(PermissionDenied):
            CALLS[name](svc, world, actor)  # type: ignore[arg-type]
    assert database_state(svc) == before


def test_a_shop_without_staff_works_as_before_and_rows_name_nobody(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    tx = svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 5000, "description": "big"})
    assert (tx.actor_kind, tx.actor_staff_id, tx.approver_staff_id) == (None, None, None)
    assert svc.list_staff(SHOP) == [] and svc.get_audit_log(SHOP)[0].actor_name is None


def test_the_daily_jobs_run_as_the_system_without_an_actor(svc, clock):
    program = make_program(svc, birthday_bonus_points=50)
    member = enroll(svc, program.id, birthday=(clock.now + dt.timedelta(days=1)).date().replace(year=1990))
    staff = add_staff(svc, ("Olive", "Ana"))
    clock.advance(days=1)
    assert svc.run_daily_jobs(SHOP).birthday_bonuses == 1
    bonus = svc.get_member_points_history(SHOP, member.id)[0]
    assert (bonus.transaction_type, bonus.actor_kind, bonus.actor_staff_id) == ("birthday_bonus", "system", None)
    # Choosing another day is a person's decision, and a manager's or owner's.
    with pytest.raises(PermissionDenied):
        svc.run_daily_jobs(SHOP, svc.shop_today(SHOP) + dt.timedelta(days=30))
    with pytest.raises(PermissionDenied, match="A cashier cannot"):
        svc.run_daily_jobs(SHOP, svc.shop_today(SHOP), actor=staff["Ana"])


def test_finer_permissions_inside_a_call(svc):
    world = build_world(svc)
    ana, marc = world.staff["Ana"], world.staff["Marc"]
    before = database_state(svc)
    refusals = [
        lambda: svc.update_loyalty_member(SHOP, world.member.id, {"membership_status": "suspended"}, actor=ana),
        lambda: svc.update_loyalty_member(SHOP, world.member.id, {"current_tier_id": world.tiers[2].id}, actor=ana),
        lambda: svc.update_redemption_status(SHOP, world.redemption.id, "approved", actor=ana),
        lambda: svc.update_redemption_status(SHOP, world.redemption.id, "cancelled", actor=ana),
    ]
    for refused in refusals:
        with pytest.raises(PermissionDenied, match="A cashier cannot"):
            refused()
    assert database_state(svc) == before
    # The same form sent back unchanged is no change of status.
    svc.update_loyalty_member(SHOP, world.member.id, {"membership_status": "active", "customer_name": "Ada B"},
                              actor=ana)
    svc.update_redemption_status(SHOP, world.redemption.id, "cancelled", actor=marc)


# --- approvals and the cashier limits --------------------------------------------------------


@pytest.fixture
def shop(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 10_000, "description": "opening"})
    svc.record_purchase(SHOP, program.id, member.id, "150", "BIG-1")
    svc.record_purchase(SHOP, program.id, member.id, "150", "BIG-2")
    return program, member, add_staff(svc)


def adjust(svc: LoyaltyService, shop: Any, points: int, actor: str, **approval: Any) -> Any:
    program, member, staff = shop
    return svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": points, "description": "fix"},
                                      actor=staff[actor], **approval)


def approval_by(shop: Any, name: str, pin: str | None = None) -> dict[str, Any]:
    return {"approver": shop[2][name], "approver_pin": PINS[name] if pin is None else pin}


def without_failures(state: dict[str, Any]) -> dict[str, Any]:
    return {table: rows for table, rows in state.items() if table != "loyalty_sign_in_failures"}


@pytest.mark.parametrize("points", [500, -500])
def test_a_cashier_adjusts_up_to_the_threshold_alone(svc, shop, points):
    tx = adjust(svc, shop, points, "Ana")
    assert (tx.actor_staff_id, tx.approver_staff_id) == (shop[2]["Ana"], None)


@pytest.mark.parametrize("points", [501, -501, 800])
def test_above_the_threshold_a_cashier_needs_a_managers_approval(svc, shop, points):
    before = database_state(svc)
    with pytest.raises(ApprovalRequired, match="approval") as err:
        adjust(svc, shop, points, "Ana")
    assert err.value.field == "approver"
    assert database_state(svc) == before
    tx = adjust(svc, shop, points, "Ana", **approval_by(shop, "Marc"))
    assert (tx.actor_staff_id, tx.approver_staff_id, tx.points_amount) == (shop[2]["Ana"], shop[2]["Marc"], points)
    history = svc.get_member_points_history(SHOP, shop[1].id)[0]
    assert (history.actor_name, history.approver_name) == ("Ana", "Marc")


def test_managers_and_owners_adjust_any_amount(svc, shop):
    assert adjust(svc, shop, 5000, "Marc").approver_staff_id is None
    assert adjust(svc, shop, -5000, "Olive").approver_staff_id is None


@pytest.mark.parametrize(("approver", "pin", "why"), [
    ("Ana", None, "own action"),           # self-approval
    ("Cleo", None, "cannot approve"),      # another cashier
    ("Marc", "0000", "Wrong name or PIN"),  # a wrong PIN
])
def test_a_refused_approval_writes_nothing(svc, shop, approver, pin, why):
    before = database_state(svc)
    with pytest.raises(PermissionDenied, match=why) as err:
        adjust(svc, shop, 800, "Ana", **approval_by(shop, approver, pin))
    assert not isinstance(err.value, ApprovalRequired)
    after = database_state(svc)
    assert without_failures(after) == without_failures(before)
    # Only a wrong PIN is remembered, for the approver's lock-out.
    failures = len(after["loyalty_sign_in_failures"]) - len(before["loyalty_sign_in_failures"])
    assert failures == (1 if pin else 0)


def test_an_approver_is_locked_out_like_a_sign_in(svc, shop):
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            adjust(svc, shop, 800, "Ana", **approval_by(shop, "Marc", "0000"))
    with pytest.raises(PermissionDenied, match="Too many wrong PINs"):
        adjust(svc, shop, 800, "Ana", **approval_by(shop, "Marc", "0000"))
    with pytest.raises(PermissionDenied, match="Too many wrong PINs"):
        svc.sign_in(SHOP, "Marc", PINS["Marc"])


def test_a_cashiers_adjustments_in_a_day_are_capped(svc, shop, clock):
    for points in (400, -400, 400, 400, 400):       # 2,000 in absolute points: the cap, reached
        adjust(svc, shop, points, "Ana")
    before = database_state(svc)
    with pytest.raises(ApprovalRequired, match="over the daily cap of 2,000"):
        adjust(svc, shop, 1, "Ana")
    assert database_state(svc) == before
    adjust(svc, shop, 1, "Ana", **approval_by(shop, "Olive"))
    adjust(svc, shop, 400, "Cleo")                  # the cap is per person
    clock.advance(days=1)                           # and per shop day
    adjust(svc, shop, 400, "Ana")


def test_the_limits_follow_the_shops_settings(svc, shop):
    svc.save_shop(SHOP, {"approval_threshold_points": 100, "cashier_daily_adjustment_cap": 150},
                  actor=shop[2]["Olive"])
    with pytest.raises(ApprovalRequired):
        adjust(svc, shop, 101, "Ana")
    adjust(svc, shop, 100, "Ana")
    with pytest.raises(ApprovalRequired):
        adjust(svc, shop, 51, "Ana")


def test_a_cashiers_return_or_void_above_the_limit_needs_approval(svc, shop):
    program, member, staff = shop
    before = database_state(svc)
    with pytest.raises(ApprovalRequired):
        svc.reverse_purchase(SHOP, program.id, "BIG-1", actor=staff["Ana"])      # the whole 150
    with pytest.raises(ApprovalRequired):
        svc.void_purchase(SHOP, program.id, "BIG-2", "wrong card", actor=staff["Ana"])
    assert database_state(svc) == before
    assert svc.reverse_purchase(SHOP, program.id, "BIG-1", "100", actor=staff["Ana"]).approver_staff_id is None
    back = svc.reverse_purchase(SHOP, program.id, "BIG-1", actor=staff["Ana"])    # the 50 left
    assert back.amount == 50
    void = svc.void_purchase(SHOP, program.id, "BIG-2", "wrong card", actor=staff["Ana"], **approval_by(shop, "Marc"))
    assert (void.actor_staff_id, void.approver_staff_id) == (staff["Ana"], staff["Marc"])


def test_a_manager_returns_any_amount(svc, shop):
    program, _, staff = shop
    svc.reverse_purchase(SHOP, program.id, "BIG-1", actor=staff["Marc"])


def test_an_approval_needs_both_the_approver_and_the_pin(svc, shop):
    with pytest.raises(PermissionDenied, match="approver and their PIN"):
        adjust(svc, shop, 800, "Ana", approver=shop[2]["Marc"])


def test_roles_table_matches_the_roles_the_staff_can_have():
    assert set(ROLES.values()) == {r.value for r in Role}
    assert ROLE_PERMISSIONS[Role.CASHIER] < ROLE_PERMISSIONS[Role.MANAGER] < ROLE_PERMISSIONS[Role.OWNER]
    assert ROLE_PERMISSIONS[Role.OWNER] == frozenset(Permission)


def test_the_readme_shows_the_permission_table():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Staff and roles", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \|([^|]*)\|([^|]*)\|([^|]*)\|", section, re.MULTILINE)
    shown = {name: tuple(cell.strip() == "✓" for cell in cells) for name, *cells in rows}
    assert shown == {p.value: tuple(p in ROLE_PERMISSIONS[r] for r in (Role.CASHIER, Role.MANAGER, Role.OWNER))
                     for p in Permission}
