"""Redemption eligibility, stock and fulfillment (rule 7)."""
import datetime as dt
import re

import pytest

from loyalty_desk.services import InsufficientPoints, InvalidTransition, NotEligible, OutOfStock, ValidationError

from .support import SHOP, database_state, enroll, make_program, make_tiers


@pytest.fixture
def shop(svc):
    program = make_program(svc, program_type="tiered", min_redemption_points=100)
    tiers = make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 300, "description": "setup"})
    return program, tiers, member


def reward(svc, program_id, **fields):
    data = {"reward_name": "Coffee", "reward_type": "free_product", "points_cost": 100}
    data.update(fields)
    return svc.create_loyalty_reward(SHOP, program_id, data)


def test_redeeming_with_exactly_enough_points(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id, points_cost=300)
    red = svc.create_redemption(SHOP, program.id, member.id, item.id, 300)
    assert red.fulfillment_status == "pending" and red.points_redeemed == 300
    assert re.fullmatch(r"RW-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", red.reward_code_generated)
    member = svc.get_loyalty_member(SHOP, member.id)
    assert (member.current_points, member.redemption_count) == (0, 1)
    with pytest.raises(InsufficientPoints, match="0 of 300"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 300)


def test_one_point_short_is_refused(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id, points_cost=301)
    with pytest.raises(InsufficientPoints, match="300 of 301"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 301)


def test_the_last_unit_of_stock(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id, quantity_available=1)
    svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    assert svc.get_loyalty_rewards(SHOP, program.id)[0].quantity_remaining == 0
    with pytest.raises(OutOfStock):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 100)


def test_minimum_balance_to_redeem(svc):
    program = make_program(svc, min_redemption_points=500)
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 499, "description": "setup"})
    item = reward(svc, program.id, points_cost=50)
    with pytest.raises(NotEligible, match="starts at 500"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 50)


def test_tier_exclusive_reward_needs_that_tier_or_above(svc, shop):
    program, tiers, member = shop
    item = reward(svc, program.id, tier_exclusive_id=tiers[1].id)
    with pytest.raises(NotEligible, match="needs Silver"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1800, "description": "to Gold"})
    assert svc.create_redemption(SHOP, program.id, member.id, item.id, 100).fulfillment_status == "pending"


def test_reward_dates_and_active_flag(svc, shop, clock):
    program, _, member = shop
    today = clock.now.date()
    later = reward(svc, program.id, start_date=today + dt.timedelta(days=1))
    ended = reward(svc, program.id, end_date=today - dt.timedelta(days=1))
    off = reward(svc, program.id, active=False)
    last_day = reward(svc, program.id, end_date=today)
    for item, why in ((later, "from"), (ended, "ended"), (off, "not active")):
        with pytest.raises(NotEligible, match=why):
            svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    assert svc.create_redemption(SHOP, program.id, member.id, last_day.id, 100)


def test_max_per_member(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id, reward_terms={"max_per_member": 1})
    first = svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    with pytest.raises(NotEligible, match="limit 1"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    svc.update_redemption_status(SHOP, first.id, "cancelled")
    assert svc.create_redemption(SHOP, program.id, member.id, item.id, 100)


def test_points_must_match_the_cost(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id)
    with pytest.raises(ValidationError, match="costs 100"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 99)


def test_suspended_member_cannot_redeem(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id)
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "suspended"})
    with pytest.raises(NotEligible, match="suspended"):
        svc.create_redemption(SHOP, program.id, member.id, item.id, 100)


@pytest.mark.parametrize("path", [
    ["approved", "shipped", "delivered"],
    ["approved", "redeemed"],
    ["redeemed"],
    ["approved", "cancelled"],
    ["cancelled"],
])
def test_fulfillment_paths(svc, shop, path):
    program, _, member = shop
    item = reward(svc, program.id)
    red = svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    for status in path:
        red = svc.update_redemption_status(SHOP, red.id, status, tracking_number="TRK1" if status == "shipped" else None)
        assert red.fulfillment_status == status
    assert (red.fulfillment_date is not None) == (path[-1] in {"delivered", "redeemed", "cancelled"})
    assert svc.check_ledger() == []


@pytest.mark.parametrize(("path", "bad"), [
    ([], "shipped"), ([], "delivered"), (["approved"], "pending"), (["approved", "shipped"], "cancelled"),
    (["redeemed"], "cancelled"), (["cancelled"], "approved"), (["approved", "shipped", "delivered"], "redeemed"),
])
def test_invalid_transitions_write_nothing(svc, shop, path, bad):
    program, _, member = shop
    item = reward(svc, program.id)
    red = svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    for status in path:
        svc.update_redemption_status(SHOP, red.id, status, tracking_number="T" if status == "shipped" else None)
    before = svc.get_member_redemptions(SHOP, member.id)[0]
    with pytest.raises(InvalidTransition):
        svc.update_redemption_status(SHOP, red.id, bad, tracking_number="T")
    assert svc.get_member_redemptions(SHOP, member.id)[0] == before


def test_cancel_refunds_points_and_restocks(svc, shop):
    program, _, member = shop
    item = reward(svc, program.id, quantity_available=2)
    red = svc.create_redemption(SHOP, program.id, member.id, item.id, 100)
    svc.update_redemption_status(SHOP, red.id, "approved")
    svc.update_redemption_status(SHOP, red.id, "cancelled", notes="Customer changed their mind")
    member = svc.get_loyalty_member(SHOP, member.id)
    assert (member.current_points, member.redemption_count) == (300, 0)
    assert svc.get_loyalty_rewards(SHOP, program.id)[0].quantity_remaining == 2
    refund = svc.get_member_points_history(SHOP, member.id)[0]
    assert (refund.transaction_type, refund.points_amount) == ("redemption_refund", 100)
    assert svc.get_member_redemptions(SHOP, member.id)[0].redemption_notes == "Customer changed their mind"
    assert svc.check_ledger() == []


def test_shipping_needs_a_tracking_number(svc, shop):
    program, _, member = shop
    red = svc.create_redemption(SHOP, program.id, member.id, reward(svc, program.id).id, 100)
    svc.update_redemption_status(SHOP, red.id, "approved")
    with pytest.raises(ValidationError, match="tracking"):
        svc.update_redemption_status(SHOP, red.id, "shipped")
    assert svc.update_redemption_status(SHOP, red.id, "shipped", tracking_number="1Z999").tracking_number == "1Z999"


def test_reward_codes_are_unique(svc, shop):
    program, _, member = shop
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 5000, "description": "setup"})
    item = reward(svc, program.id, points_cost=1)
    codes = {svc.create_redemption(SHOP, program.id, member.id, item.id, 1).reward_code_generated for _ in range(40)}
    assert len(codes) == 40


def test_eligibility_list_gives_reasons(svc, shop):
    program, tiers, member = shop
    reward(svc, program.id, reward_name="Cheap", points_cost=100)
    reward(svc, program.id, reward_name="Dear", points_cost=540)
    reward(svc, program.id, reward_name="VIP", tier_exclusive_id=tiers[2].id)
    reward(svc, program.id, reward_name="Gone", quantity_available=0)
    reasons = {r.reward_name: why for r, why in svc.reward_eligibility(SHOP, member.id)}
    assert reasons == {"Cheap": None, "Dear": "240 more points", "VIP": "needs Gold", "Gone": "out of stock"}


def test_a_redemption_carries_its_delivery(svc):
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 1000, "description": "setup"})
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Tote", "reward_type": "free_product",
                                                          "points_cost": 100})
    shipped = svc.create_redemption(SHOP, program.id, member.id, reward.id, delivery_method="ship",
                                    shipping_address="  1 Main St, Springfield  ")
    assert (shipped.delivery_method, shipped.shipping_address) == ("ship", "1 Main St, Springfield")
    pickup = svc.create_redemption(SHOP, program.id, member.id, reward.id, delivery_method="pickup")
    assert (pickup.delivery_method, pickup.shipping_address) == ("pickup", None)
    svc.update_redemption_status(SHOP, pickup.id, "approved")
    (told,) = [m for m in svc.get_outbox(SHOP) if m.kind == "redemption_update"]
    assert (told.facts["update"], told.subject) == ("ready_for_pickup", "Your Tote is ready for pickup")
    before = database_state(svc)
    for method, address, field in (("ship", None, "shipping_address"), ("courier", None, "delivery_method"),
                                   ("pickup", "1 Main St", "shipping_address"), ("ship", "x" * 501, "shipping_address")):
        with pytest.raises(ValidationError) as refused:
            svc.create_redemption(SHOP, program.id, member.id, reward.id, delivery_method=method,
                                  shipping_address=address)
        assert refused.value.field == field
    assert database_state(svc) == before                  # nothing spent on a refused delivery
    assert svc.check_ledger() == []


def test_the_delivery_changes_while_the_reward_is_still_to_go_out(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 500, "description": "setup"})
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Tote", "reward_type": "free_product",
                                                          "points_cost": 100})
    made = svc.create_redemption(SHOP, program.id, member.id, reward.id)
    posted = svc.update_redemption_delivery(SHOP, made.id, "ship", "  1 Main St ")
    assert (posted.delivery_method, posted.shipping_address) == ("ship", "1 Main St")
    changed = [a for a in svc.get_member_activity(SHOP, member.id) if a.activity_metadata.get("delivery")]
    assert changed[0].activity_metadata["delivery"] == "ship"
    collected = svc.update_redemption_delivery(SHOP, made.id, "pickup")
    assert (collected.delivery_method, collected.shipping_address) == ("pickup", None)   # the address goes
    with pytest.raises(ValidationError) as refused:
        svc.update_redemption_delivery(SHOP, made.id, "ship")
    assert refused.value.field == "shipping_address"
    svc.update_redemption_status(SHOP, made.id, "approved")
    svc.update_redemption_status(SHOP, made.id, "shipped", tracking_number="1Z")
    before = database_state(svc)
    with pytest.raises(InvalidTransition):
        svc.update_redemption_delivery(SHOP, made.id, "digital")         # it has gone out
    assert database_state(svc) == before
