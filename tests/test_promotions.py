"""Promotions (issue 17, README "Promotions"), through the public service: when one applies (its
window in the shop's time zone, weekdays, hours, minimum amount, tiers), which one when several
do, how it meets the tier multiplier, and that the ledger stays explainable under replay and return."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from loyalty_desk.errors import NotFound, ValidationError

from .support import SHOP, enroll, make_program, make_tiers

UTC = dt.UTC


def at(clock, *args: int) -> None:
    clock.now = dt.datetime(*args, tzinfo=UTC)


def promote(svc, program_id: int, **fields):
    data = {"name": "Double days", "multiplier": "2", "starts_at": dt.date(2026, 3, 1),
            "ends_at": dt.date(2026, 3, 31), **fields}
    return svc.create_promotion(SHOP, program_id, data)


def buy(svc, program, member, amount: str, order: str):
    return svc.record_purchase_outcome(SHOP, program.id, member.id, amount, order)


def test_dates_are_read_in_the_shops_time_zone_and_the_end_date_is_included(svc, clock):
    svc.save_shop(SHOP, {"timezone": "America/New_York"})       # UTC-5 in early March 2026
    program = make_program(svc)
    member = enroll(svc, program.id)
    promote(svc, program.id, starts_at=dt.date(2026, 3, 3), ends_at="2026-03-04")
    seen = {}
    for label, moment in (("before", (2026, 3, 3, 4, 59)), ("first", (2026, 3, 3, 5, 0)),
                          ("last", (2026, 3, 5, 4, 59)), ("after", (2026, 3, 5, 5, 0))):
        at(clock, *moment)
        seen[label] = buy(svc, program, member, "10.00", label).transaction.points_amount
    assert seen == {"before": 10, "first": 20, "last": 20, "after": 10}
    assert svc.check_ledger() == []


def test_aware_datetimes_start_inclusive_and_end_exclusive(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    start = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))   # 11:00 UTC
    promo = promote(svc, program.id, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    assert promo.starts_at == dt.datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    at(clock, 2026, 3, 2, 11, 0)
    assert svc.quote_purchase(SHOP, program.id, member.id, "10") == 20
    at(clock, 2026, 3, 2, 13, 0)
    assert svc.quote_purchase(SHOP, program.id, member.id, "10") == 10


def test_days_of_week_and_hours_are_the_shops_local_ones(svc, clock):
    svc.save_shop(SHOP, {"timezone": "Europe/Berlin"})          # UTC+1 in March 2026
    program = make_program(svc)
    member = enroll(svc, program.id)
    promote(svc, program.id, name="Tuesday tea time", days_of_week=[1], hours=[15, 18])
    quotes = {}
    for label, moment in (("tue 14:59", (2026, 3, 3, 13, 59)), ("tue 15:00", (2026, 3, 3, 14, 0)),
                          ("tue 17:59", (2026, 3, 3, 16, 59)), ("tue 18:00", (2026, 3, 3, 17, 0)),
                          ("wed 16:00", (2026, 3, 4, 15, 0)), ("mon 16:00", (2026, 3, 2, 15, 0))):
        at(clock, *moment)
        quote = svc.quote_purchase_detail(SHOP, program.id, member.id, "20.00")
        quotes[label] = (quote.points, quote.promotion_name)
    assert quotes == {"tue 14:59": (20, None), "tue 15:00": (40, "Tuesday tea time"),
                      "tue 17:59": (40, "Tuesday tea time"), "tue 18:00": (20, None),
                      "wed 16:00": (20, None), "mon 16:00": (20, None)}


def test_a_minimum_amount_and_tiers_limit_who_gets_it(svc, clock):
    program = make_program(svc, program_type="tiered")
    bronze, _silver, gold = make_tiers(svc, program.id)
    promote(svc, program.id, name="Gold weekend", multiplier="3", min_amount="20.00", tier_ids=[gold.id])
    newcomer = enroll(svc, program.id)
    regular = enroll(svc, program.id, "Grace Hopper")
    svc.record_purchase(SHOP, program.id, regular.id, "1000", "BIG")            # 2000 points in all: Gold
    svc.record_purchase(SHOP, program.id, regular.id, "1000", "BIG-2")
    assert svc.get_loyalty_member(SHOP, regular.id).current_tier_id == gold.id
    assert svc.get_loyalty_member(SHOP, newcomer.id).current_tier_id == bronze.id
    assert svc.quote_purchase(SHOP, program.id, newcomer.id, "20.00") == 20     # Bronze: not for them
    assert svc.quote_purchase(SHOP, program.id, regular.id, "19.99") == 39      # Gold x2, below the minimum
    assert svc.quote_purchase(SHOP, program.id, regular.id, "20.00") == 60      # x3 replaces Gold's x2


def test_without_stacking_the_larger_multiplier_wins_with_stacking_they_multiply(svc, clock):
    program = make_program(svc, program_type="tiered")
    *_, gold = make_tiers(svc, program.id)                                     # Gold x2
    member = enroll(svc, program.id)
    svc.update_loyalty_member(SHOP, member.id, {"current_tier_id": gold.id})
    small = promote(svc, program.id, name="Half again", multiplier="1.5")
    quote = svc.quote_purchase_detail(SHOP, program.id, member.id, "10.00")
    assert (quote.points, quote.promotion_name) == (20, None)                  # Gold's x2 is larger: no promotion
    svc.update_promotion(SHOP, small.id, {"stacks_with_tier": True})
    quote = svc.quote_purchase_detail(SHOP, program.id, member.id, "10.00")
    assert (quote.points, quote.promotion_id) == (30, small.id)                # 2 x 1.5


def test_overlapping_promotions_take_the_one_that_earns_most(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    double = promote(svc, program.id, name="Double")
    bonus = promote(svc, program.id, name="Fifty extra", multiplier=None, bonus_points=50)
    assert svc.quote_purchase_detail(SHOP, program.id, member.id, "20.00").promotion_id == bonus.id     # 70 > 40
    assert svc.quote_purchase_detail(SHOP, program.id, member.id, "100.00").promotion_id == double.id   # 200 > 150
    recorded = buy(svc, program, member, "20.00", "A-1")
    assert (recorded.transaction.points_amount, recorded.promotion_name) == (70, "Fifty extra")


def test_the_row_the_activity_and_the_receipt_name_the_promotion(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    promo = promote(svc, program.id, name="Spring double")
    tx = buy(svc, program, member, "12.00", "A-1").transaction
    assert tx.points_amount == 24 and "Spring double" in tx.description
    made = next(a for a in svc.get_member_activity(SHOP, member.id) if a.activity_type == "purchase_made")
    earned = next(a for a in svc.get_member_activity(SHOP, member.id) if a.activity_type == "points_earned"
                  and a.activity_metadata.get("order_ref") == "A-1")
    for entry in (made, earned):
        assert entry.activity_metadata["promotion_id"] == promo.id
        assert entry.activity_metadata["promotion_name"] == "Spring double"
    assert "Promotion: Spring double" in svc.get_receipt_lines(SHOP, tx.id)
    plain = buy(svc, program, member, "1.00", "A-2").transaction      # same promotion still: named too
    clock.advance(days=40)
    after = buy(svc, program, member, "1.00", "A-3")
    assert after.promotion_name is None and not any(line.startswith("Promotion")
                                                    for line in svc.get_receipt_lines(SHOP, after.transaction.id))
    assert "Promotion: Spring double" in svc.get_receipt_lines(SHOP, plain.id)


def test_a_replayed_order_adds_nothing_and_still_names_the_promotion(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    promote(svc, program.id, name="Fifty extra", multiplier=None, bonus_points=50)
    first = buy(svc, program, member, "10.00", "A-1")
    again = buy(svc, program, member, "10.00", "A-1")
    assert again.replayed and again.transaction.id == first.transaction.id
    assert again.promotion_name == "Fifty extra"
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 60
    assert svc.check_ledger() == []


def test_a_return_takes_the_promotions_points_back_in_proportion(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    promote(svc, program.id, name="Fifty extra", multiplier=None, bonus_points=50)
    assert buy(svc, program, member, "100.00", "A-1").transaction.points_amount == 150
    half = svc.reverse_purchase(SHOP, program.id, "A-1", "50.00", return_ref="R-1")
    assert half.points_amount == -75
    rest = svc.reverse_purchase(SHOP, program.id, "A-1", return_ref="R-2")
    assert rest.points_amount == -75
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert svc.check_ledger() == []


def test_held_points_include_the_promotion(svc, clock):
    program = make_program(svc, program_rules={"pending_days": 14})
    member = enroll(svc, program.id)
    promote(svc, program.id, name="Double")
    recorded = buy(svc, program, member, "30.00", "A-1")
    assert recorded.transaction.pending_points == 60 and recorded.promotion_name == "Double"
    clock.advance(days=15)
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 60
    assert svc.check_ledger() == []


def test_ending_a_promotion_stops_it_and_keeps_when_it_ended(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    promo = promote(svc, program.id)
    ended = svc.end_promotion(SHOP, promo.id)
    assert not ended.active and ended.ends_at == clock.now
    assert svc.quote_purchase(SHOP, program.id, member.id, "10") == 10
    assert svc.end_promotion(SHOP, promo.id) == ended
    assert [p.id for p in svc.list_promotions(SHOP, program.id)] == [promo.id]
    assert svc.list_promotions(SHOP, program.id, current_only=True) == []


def test_a_promotion_changes_from_multiplier_to_bonus(svc, clock):
    program = make_program(svc)
    member = enroll(svc, program.id)
    promo = promote(svc, program.id)
    changed = svc.update_promotion(SHOP, promo.id, {"multiplier": None, "bonus_points": 5})
    assert (changed.multiplier, changed.bonus_points) == (None, 5)
    assert svc.quote_purchase(SHOP, program.id, member.id, "10") == 15
    with pytest.raises(ValidationError, match="exactly one") as caught:
        svc.update_promotion(SHOP, promo.id, {"multiplier": "2"})
    assert caught.value.field == "multiplier"


def test_cash_back_doubles_with_a_multiplier(svc, clock):
    program = make_program(svc, program_type="cash_back", program_rules={"cash_back_percent": "5"})
    member = enroll(svc, program.id)
    promote(svc, program.id)
    assert svc.quote_purchase(SHOP, program.id, member.id, "10.00") == 100     # 5 % of $10 is 50 cents, x2


@pytest.mark.parametrize(("fields", "field"), [
    ({"multiplier": "2", "bonus_points": 10}, "multiplier"),
    ({"multiplier": None}, "multiplier"),
    ({"multiplier": 2.0}, "multiplier"),
    ({"multiplier": "1"}, "multiplier"),
    ({"multiplier": None, "bonus_points": 0}, "bonus_points"),
    ({"ends_at": dt.date(2026, 2, 28)}, "ends_at"),
    ({"starts_at": dt.datetime(2026, 3, 1, 9, 0)}, "starts_at"),
    ({"starts_at": "soon"}, "starts_at"),
    ({"days_of_week": [7]}, "days_of_week"),
    ({"hours": [18, 15]}, "hours"),
    ({"hours": [15]}, "hours"),
    ({"min_amount": "5.001"}, "min_amount"),
    ({"tier_ids": [999]}, "tier_ids"),
    ({"stacks_with_tier": "yes"}, "stacks_with_tier"),
    ({"name": ""}, "name"),
])
def test_refusals_name_their_field_and_write_nothing(svc, fields, field):
    program = make_program(svc)
    with pytest.raises(ValidationError) as caught:
        promote(svc, program.id, **fields)
    assert caught.value.field == field
    assert svc.list_promotions(SHOP, program.id) == []


def test_tiers_of_another_program_and_unknown_keys_are_refused(svc):
    program, other = make_program(svc, program_type="tiered"), make_program(svc, program_type="tiered")
    (other_tier, *_) = make_tiers(svc, other.id)
    with pytest.raises(ValidationError, match="not a tier of"):
        promote(svc, program.id, tier_ids=[other_tier.id])
    with pytest.raises(ValidationError, match="colour"):
        promote(svc, program.id, colour="red")


def test_another_shops_promotion_is_not_found(svc):
    program = make_program(svc)
    promo = promote(svc, program.id)
    svc.save_shop("shop-2", {"shop_name": "Elsewhere"})
    with pytest.raises(NotFound):
        svc.update_promotion("shop-2", promo.id, {"name": "Mine"})
    with pytest.raises(NotFound):
        svc.list_promotions("shop-2", program.id)


def test_a_promotion_reads_back_exactly(svc):
    program = make_program(svc, program_type="tiered")
    gold = make_tiers(svc, program.id)[2]
    promo = promote(svc, program.id, multiplier=Decimal("2.5"), days_of_week=[4, 1, 1], hours={"from": 9, "to": 12},
                    min_amount="15", tier_ids=[gold.id], stacks_with_tier=True)
    (read,) = svc.list_promotions(SHOP, program.id)
    assert read == promo
    assert (read.multiplier, read.days_of_week, read.hour_from, read.hour_to, read.min_amount, read.tier_ids) == (
        Decimal("2.5"), [1, 4], 9, 12, Decimal("15"), [gold.id])


def test_the_editors_example_checks_like_a_save_and_writes_nothing(svc, clock):
    program = make_program(svc, program_type="tiered")
    *_, gold = make_tiers(svc, program.id)
    data = {"name": "Gold Tuesdays", "multiplier": "3", "starts_at": dt.date(2026, 3, 1),
            "ends_at": dt.date(2026, 3, 31), "days_of_week": [1], "hours": [15, 18], "tier_ids": [gold.id]}
    shown = svc.promotion_example(SHOP, program.id, data, "20.00")
    assert (shown.moment.weekday(), shown.moment.hour, shown.tier_name) == (1, 15, "Gold")
    assert (shown.points, shown.points_without, shown.applies) == (60, 40, True)
    assert svc.list_promotions(SHOP, program.id) == []
    with pytest.raises(ValidationError) as caught:
        svc.promotion_example(SHOP, program.id, {**data, "hours": [18, 9]}, "20.00")
    assert caught.value.field == "hours"
    stored = svc.create_promotion(SHOP, program.id, data)
    edited = svc.promotion_example(SHOP, program.id, {"multiplier": "1.5"}, "20.00", promotion_id=stored.id)
    assert (edited.points, edited.applies) == (40, False)             # Gold's x2 is larger than x1.5
    assert svc.list_promotions(SHOP, program.id) == [stored]


def test_a_stamp_card_takes_no_promotion(svc):
    """One stamp per visit, whatever happens: a promotion is refused rather than left doing nothing."""
    card = svc.create_loyalty_program(SHOP, {"program_name": "Coffee card", "program_type": "stamps"})
    with pytest.raises(ValidationError) as refused:
        svc.create_promotion(SHOP, card.id, {"name": "Double stamps", "multiplier": "2",
                                             "starts_at": dt.date(2026, 3, 1), "ends_at": dt.date(2026, 3, 31)})
    assert refused.value.field == "program_id"
    assert svc.list_promotions(SHOP, card.id) == []
