"""Stamp cards (README, "Earning"): one stamp per qualifying purchase, held as one point, so that
returns, replays, redemptions, expiry, holds and check_ledger work as for points."""
import datetime as dt
from decimal import Decimal

import pytest

from loyalty_desk.services import ValidationError

from .support import SHOP, enroll, make_program, make_tiers


def _card(svc, **fields):  # type: ignore[no-untyped-def]
    """A coffee stamp card: a stamp from $3.00, ten stamps for a free coffee; and a member."""
    rules = {"stamp_min_amount": "3.00", **fields.pop("program_rules", {})}
    program = make_program(svc, program_name="Coffee card", program_type="stamps", program_rules=rules, **fields)
    svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Free coffee", "reward_type": "free_product",
                                                 "points_cost": 10})
    return program, enroll(svc, program.id)


def _stamps(svc, member) -> int:  # type: ignore[no-untyped-def]
    return svc.get_loyalty_member(SHOP, member.id).current_points


@pytest.mark.parametrize(("amount", "stamps"), [("2.99", 0), ("3.00", 1), ("3.01", 1), ("250.00", 1), ("9999", 1)])
def test_a_purchase_earns_one_stamp_whatever_the_amount_from_the_minimum(svc, amount, stamps):
    program, member = _card(svc, points_per_dollar="5")      # the rate is not used by a stamp card
    assert svc.quote_purchase(SHOP, program.id, member.id, amount) == stamps
    tx = svc.record_purchase(SHOP, program.id, member.id, amount, "A-1")
    assert (tx.points_amount, tx.amount) == (stamps, Decimal(amount))
    assert _stamps(svc, member) == stamps
    assert svc.check_ledger() == []


def test_without_a_minimum_every_purchase_earns_a_stamp(svc):
    program = make_program(svc, program_type="stamps")
    member = enroll(svc, program.id)
    for number, amount in enumerate(("0.01", "1.50", "80")):
        svc.record_purchase(SHOP, program.id, member.id, amount, f"A-{number}")
    assert _stamps(svc, member) == 3
    assert svc.check_ledger() == []


def test_the_minimum_is_money_in_the_programs_currency(svc):
    program = make_program(svc, program_type="stamps", program_rules={"stamp_min_amount": "3.5"})
    assert program.program_rules == {"stamp_min_amount": "3.50"}
    for bad in ("3.505", "3,50", "-1", 3.5, "abc"):
        with pytest.raises(ValidationError) as refused:
            svc.update_loyalty_program(SHOP, program.id, {"program_rules": {"stamp_min_amount": bad}})
        assert refused.value.field == "stamp_min_amount"
    yen = make_program(svc, program_type="stamps", currency="JPY", program_rules={"stamp_min_amount": "300"})
    assert yen.program_rules == {"stamp_min_amount": "300"}
    with pytest.raises(ValidationError):       # yen have no decimals: the minimum must follow the currency
        svc.update_loyalty_program(SHOP, program.id, {"currency": "JPY"})
    with pytest.raises(ValidationError, match="stamp card programs only"):
        make_program(svc, program_type="points", program_rules={"stamp_min_amount": "3.00"})
    assert svc.get_loyalty_program(SHOP, program.id).program_rules == {"stamp_min_amount": "3.50"}


def test_tier_multipliers_do_not_multiply_stamps(svc):
    program, member = _card(svc, tier_system_enabled=True)
    gold = next(t for t in make_tiers(svc, program.id) if t.tier_name == "Gold")
    svc.update_loyalty_member(SHOP, member.id, {"current_tier_id": gold.id})   # x2 in a points program
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Gold"
    assert svc.record_purchase(SHOP, program.id, member.id, "40.00", "A-1").points_amount == 1
    assert svc.check_ledger() == []


def test_a_replayed_order_adds_no_stamp(svc):
    program, member = _card(svc)
    first = svc.record_purchase_outcome(SHOP, program.id, member.id, "4.50", "A-1")
    again = svc.record_purchase_outcome(SHOP, program.id, member.id, "4.50", "A-1")
    assert (again.replayed, again.transaction.id) == (True, first.transaction.id)
    assert _stamps(svc, member) == 1
    assert svc.check_ledger() == []


def test_a_full_return_removes_the_stamp_a_partial_one_does_not(svc):
    program, member = _card(svc)
    svc.record_purchase(SHOP, program.id, member.id, "10.00", "A-1")
    svc.record_purchase(SHOP, program.id, member.id, "6.00", "A-2")
    assert svc.reverse_purchase(SHOP, program.id, "A-1", "4.00").points_amount == 0
    assert svc.reverse_purchase(SHOP, program.id, "A-1", "5.99").points_amount == 0
    assert _stamps(svc, member) == 2
    assert svc.reverse_purchase(SHOP, program.id, "A-1", "0.01", return_ref="R-1").points_amount == -1  # the last cent
    assert svc.reverse_purchase(SHOP, program.id, "A-1", "0.01", return_ref="R-1").points_amount == -1  # a replay
    assert svc.reverse_purchase(SHOP, program.id, "A-2").points_amount == -1                             # all at once
    assert _stamps(svc, member) == 0
    assert svc.get_loyalty_member(SHOP, member.id).lifetime_points == 0
    assert svc.check_ledger() == []


def test_a_return_of_a_spent_stamp_is_a_shortfall(svc):
    program, member = _card(svc)
    reward = svc.get_loyalty_rewards(SHOP, program.id)[0]
    for number in range(10):
        svc.record_purchase(SHOP, program.id, member.id, "3.00", f"A-{number}")
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 10)
    back = svc.reverse_purchase(SHOP, program.id, "A-9")
    assert (back.points_amount, back.shortfall_points) == (0, 1)
    assert svc.check_ledger() == []


def test_a_full_card_buys_the_reward_and_the_card_restarts(svc):
    program, member = _card(svc)
    svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Cake", "reward_type": "free_product",
                                                 "points_cost": 15})
    coffee = next(r for r in svc.get_loyalty_rewards(SHOP, program.id) if r.reward_name == "Free coffee")
    for number in range(11):
        svc.record_purchase(SHOP, program.id, member.id, "3.20", f"A-{number}")
    summary = svc.get_member_summary(SHOP, member.id)
    assert (summary.member.current_points, summary.stamp_card_size) == (11, 10)   # the cheapest reward's cost
    assert [r.reward_name for r in summary.affordable_rewards] == ["Free coffee"]
    redemption = svc.create_redemption(SHOP, program.id, member.id, coffee.id, 10)
    assert redemption.points_redeemed == 10
    assert _stamps(svc, member) == 1                                               # a new card, one stamp on it
    svc.record_purchase(SHOP, program.id, member.id, "3.20", "B-1")
    assert _stamps(svc, member) == 2
    assert svc.check_ledger() == []


def test_the_card_size_is_the_cheapest_active_rewards_cost_or_ten(svc):
    program = make_program(svc, program_type="stamps")
    member = enroll(svc, program.id)
    assert svc.get_member_summary(SHOP, member.id).stamp_card_size == 10
    six = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Bun", "reward_type": "free_product",
                                                       "points_cost": 6})
    assert svc.get_member_summary(SHOP, member.id).stamp_card_size == 6
    svc.update_loyalty_reward(SHOP, six.id, {"active": False})
    assert svc.get_member_summary(SHOP, member.id).stamp_card_size == 10
    points = make_program(svc)
    assert svc.get_member_summary(SHOP, enroll(svc, points.id, "Bo").id).stamp_card_size is None


def test_stamps_expire_like_points(svc, clock):
    program, member = _card(svc, points_expiration_days=90)
    tx = svc.record_purchase(SHOP, program.id, member.id, "3.00", "A-1")
    assert tx.expiration_date == clock.now + dt.timedelta(days=90)
    day = clock.now.date()
    svc.run_daily_jobs(SHOP, day + dt.timedelta(days=89))
    assert _stamps(svc, member) == 1
    summary = svc.run_daily_jobs(SHOP, day + dt.timedelta(days=90))
    assert (summary.lots_expired, summary.points_expired) == (1, 1)
    assert _stamps(svc, member) == 0
    assert svc.check_ledger() == []


def test_held_stamps_wait_out_the_return_window(svc, clock):
    program, member = _card(svc, program_rules={"pending_days": 3})
    held = svc.record_purchase(SHOP, program.id, member.id, "12.00", "A-1")
    assert (held.status, held.points_amount, held.pending_points) == ("pending", 0, 1)
    svc.record_purchase(SHOP, program.id, member.id, "5.00", "A-2")
    svc.reverse_purchase(SHOP, program.id, "A-1", "11.00")       # a partial return keeps the held stamp
    svc.reverse_purchase(SHOP, program.id, "A-2")                # a full one cancels it
    clock.advance(days=4)
    svc.run_daily_jobs(SHOP)
    assert _stamps(svc, member) == 1
    assert [(t.reference_id, t.status) for t in svc.get_member_points_history(SHOP, member.id)
            if t.transaction_type == "purchase" and t.source == "purchase"] == [("A-2", "failed"), ("A-1", "completed")]
    assert svc.check_ledger() == []


def test_a_database_from_before_stamp_cards_takes_them_in_place(db_url):
    from alembic import command
    from sqlalchemy import create_engine

    from loyalty_desk.db.migrate import alembic_config
    from loyalty_desk.services import LoyaltyService

    with LoyaltyService(db_url) as svc:
        svc.save_shop(SHOP, {"shop_name": "Old"})
        member = enroll(svc, make_program(svc).id)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0017")
    engine.dispose()
    with LoyaltyService(db_url) as svc:          # migrates to the head again, the rows untouched
        program, ada = _card(svc)
        svc.record_purchase(SHOP, program.id, ada.id, "3.00", "A-1")
        assert _stamps(svc, ada) == 1 and svc.get_loyalty_member(SHOP, member.id).current_points == 0
        assert svc.check_ledger() == []
    engine = create_engine(db_url)
    with engine.begin() as conn, pytest.raises(RuntimeError, match="stamp card programs"):
        command.downgrade(alembic_config(conn), "0017")       # the older schema could not hold them
    engine.dispose()


def test_a_new_shop_can_start_with_a_stamp_card(svc):
    svc.create_shop_from_template({"shop_name": "Bread Bakery", "currency": "EUR"}, "stamps")
    [program] = svc.get_loyalty_programs("bread-bakery")
    assert (program.program_type, program.program_rules) == ("stamps", {})
    [reward] = svc.get_loyalty_rewards("bread-bakery", program.id)
    assert (reward.points_cost, reward.active) == (10, True)
    member = svc.enroll_loyalty_member("bread-bakery", program.id, {"customer_name": "Ada"})
    assert svc.get_member_summary("bread-bakery", member.id).stamp_card_size == 10
