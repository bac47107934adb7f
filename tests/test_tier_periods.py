"""Tier periods and hybrid programs (README, "Tier periods" and "Hybrid"), through the service:
a rolling window against a calendar year with its annual reset, the grace, the demotion after
months without activity, the reasons in tier history, and hybrid programs qualifying on spend."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from loyalty_desk.services import ValidationError

from .support import SHOP, database_state, enroll, make_program, make_tiers

CALENDAR = {"tier_period": "calendar_year"}


def at(clock: Any, day: dt.date, hour: int = 10) -> None:
    clock.set(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC))


def tiered(svc: Any, rules: dict[str, Any], program_type: str = "tiered", **fields: Any) -> Any:
    program = make_program(svc, program_type=program_type, program_rules=rules, **fields)
    make_tiers(svc, program.id)     # Bronze 0-499, Silver 500-1999, Gold 2000+
    return program


def tier_of(svc: Any, member: Any) -> str | None:
    return svc.get_loyalty_member(SHOP, member.id).tier_name


def reasons(svc: Any, member: Any) -> list[str]:
    """The member's tier history reasons, oldest first."""
    return [p.promotion_reason for p in reversed(svc.get_tier_history(SHOP, member.id))]


@pytest.mark.parametrize(("rules", "tier_in_january"), [
    ({"tier_qualification_days": 365}, "Silver"),   # the June purchase is still inside the window
    (CALENDAR, "Bronze"),                           # the new year starts from nothing
])
def test_rolling_window_against_calendar_year(svc, clock, rules, tier_in_january):
    program = tiered(svc, rules)
    member = enroll(svc, program.id)
    at(clock, dt.date(2026, 6, 15))
    svc.record_purchase(SHOP, program.id, member.id, "600", "JUNE")
    assert tier_of(svc, member) == "Silver"
    at(clock, dt.date(2026, 12, 31), 1)
    assert svc.run_daily_jobs(SHOP).demotions == 0
    at(clock, dt.date(2027, 1, 1), 1)
    svc.run_daily_jobs(SHOP)
    assert tier_of(svc, member) == tier_in_january
    assert svc.check_ledger() == []


def test_a_rolling_window_never_demotes_in_the_middle_of_a_visit(svc, clock):
    program = tiered(svc, {"tier_qualification_days": 30})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "600", "T-1")
    clock.advance(days=31)                         # the 600 points left the window
    svc.record_purchase(SHOP, program.id, member.id, "10", "T-2")
    assert tier_of(svc, member) == "Silver"
    assert svc.run_daily_jobs(SHOP).demotions == 1
    assert tier_of(svc, member) == "Bronze"


def test_the_reset_moves_members_down_once_on_its_date(svc, clock):
    program = tiered(svc, CALENDAR)
    silver, gold, bronze = (enroll(svc, program.id, name) for name in ("Sam Silver", "Gil Gold", "Bea Bronze"))
    at(clock, dt.date(2026, 5, 1))
    svc.record_purchase(SHOP, program.id, silver.id, "700", "S-1")
    svc.record_purchase(SHOP, program.id, gold.id, "2500", "G-1")
    svc.record_purchase(SHOP, program.id, bronze.id, "20", "B-1")
    at(clock, dt.date(2026, 12, 30), 2)
    svc.run_daily_jobs(SHOP)
    # A return in December lowers the year's points: a calendar year does not demote before its reset.
    svc.reverse_purchase(SHOP, program.id, "S-1", "400")
    svc.run_daily_jobs(SHOP)
    assert (tier_of(svc, silver), tier_of(svc, gold)) == ("Silver", "Gold")

    at(clock, dt.date(2027, 1, 1), 0)
    summary = svc.run_daily_jobs(SHOP)
    assert summary.demotions == 2
    assert [tier_of(svc, m) for m in (silver, gold, bronze)] == ["Bronze", "Bronze", "Bronze"]
    assert reasons(svc, gold) == ["automatic_points", "automatic_points", "annual_reset"]
    assert [a.activity_type for a in svc.get_member_activity(SHOP, gold.id)][0] == "tier_demoted"
    after = database_state(svc)
    assert svc.run_daily_jobs(SHOP).demotions == 0             # the same day again: nothing
    assert database_state(svc) == after

    # Earned again in the new year: promoted at once, and kept until the next reset.
    at(clock, dt.date(2027, 1, 5))
    svc.record_purchase(SHOP, program.id, silver.id, "550", "S-2")
    assert tier_of(svc, silver) == "Silver"
    at(clock, dt.date(2027, 6, 1), 1)
    assert svc.run_daily_jobs(SHOP).demotions == 0
    assert tier_of(svc, silver) == "Silver"
    assert svc.check_ledger() == []


def test_a_reset_missed_while_the_job_did_not_run_is_made_by_the_next_run(svc, clock):
    program = tiered(svc, {**CALENDAR, "tier_reset_date": "04-01"})
    member = enroll(svc, program.id)
    at(clock, dt.date(2026, 3, 10))
    svc.record_purchase(SHOP, program.id, member.id, "900", "T-1")
    svc.run_daily_jobs(SHOP)
    at(clock, dt.date(2026, 3, 31), 23)
    svc.run_daily_jobs(SHOP)
    assert tier_of(svc, member) == "Silver"          # 31 March: the year runs to the day before 1 April
    at(clock, dt.date(2026, 4, 6), 8)                 # the shop was closed: no run since 31 March
    assert svc.run_daily_jobs(SHOP).demotions == 1
    assert tier_of(svc, member) == "Bronze"
    assert reasons(svc, member)[-1] == "annual_reset"


def test_grace_keeps_a_tier_through_the_following_year(svc, clock):
    program = tiered(svc, {**CALENDAR, "tier_grace": True})
    kept, lapsed = enroll(svc, program.id, "Kay Kept"), enroll(svc, program.id, "Lee Lapsed")
    at(clock, dt.date(2026, 9, 1))
    for member, ref in ((kept, "K-1"), (lapsed, "L-1")):
        svc.record_purchase(SHOP, program.id, member.id, "2100", ref)
    at(clock, dt.date(2027, 1, 1), 1)
    assert svc.run_daily_jobs(SHOP).demotions == 0    # reached in 2026: kept through 2027
    assert (tier_of(svc, kept), tier_of(svc, lapsed)) == ("Gold", "Gold")
    summary = svc.get_member_summary(SHOP, kept.id)
    assert (summary.keep_tier_by, summary.keep_tier_points) == (dt.date(2027, 12, 31), 2000)

    at(clock, dt.date(2027, 8, 1))
    svc.record_purchase(SHOP, program.id, kept.id, "700", "K-2")    # 1,400 points at Gold's x2
    summary = svc.get_member_summary(SHOP, kept.id)
    assert (summary.keep_tier_by, summary.keep_tier_points) == (dt.date(2027, 12, 31), 600)
    svc.record_purchase(SHOP, program.id, kept.id, "300", "K-3")
    assert svc.get_member_summary(SHOP, kept.id).keep_tier_by is None     # 2,000 this year: Gold is kept

    at(clock, dt.date(2028, 1, 1), 1)
    assert svc.run_daily_jobs(SHOP).demotions == 1
    assert (tier_of(svc, kept), tier_of(svc, lapsed)) == ("Gold", "Bronze")
    assert reasons(svc, lapsed) == ["automatic_points", "automatic_points", "annual_reset"]
    assert svc.check_ledger() == []


def test_no_keep_date_without_a_grace_or_for_a_rolling_window(svc, clock):
    for rules in (CALENDAR, {"tier_qualification_days": 90}):
        program = tiered(svc, rules, program_name=str(rules))
        member = enroll(svc, program.id)
        svc.record_purchase(SHOP, program.id, member.id, "600", f"T-{program.id}")
        summary = svc.get_member_summary(SHOP, member.id)
        assert (summary.tier_name, summary.keep_tier_by, summary.points_to_next_tier) == ("Silver", None, 1400)


def test_demotion_after_months_without_activity(svc, clock):
    program = tiered(svc, {"tier_demotion_months": 6})
    member, busy = enroll(svc, program.id, "Ida Idle"), enroll(svc, program.id, "Bo Busy")
    at(clock, dt.date(2026, 3, 31))
    svc.record_purchase(SHOP, program.id, member.id, "2500", "I-1")
    svc.record_purchase(SHOP, program.id, busy.id, "2500", "B-1")
    at(clock, dt.date(2026, 9, 30), 9)
    svc.record_purchase(SHOP, program.id, busy.id, "5", "B-2")
    assert svc.run_daily_jobs(SHOP).demotions == 0   # six months less a day: not yet
    at(clock, dt.date(2026, 10, 1), 9)
    assert svc.run_daily_jobs(SHOP).demotions == 1
    assert (tier_of(svc, member), tier_of(svc, busy)) == ("Bronze", "Gold")
    assert reasons(svc, member)[-1] == "inactivity_demotion"
    assert svc.run_daily_jobs(SHOP).demotions == 0
    assert svc.check_ledger() == []
    # The next visit qualifies the member again as usual.
    svc.record_purchase(SHOP, program.id, member.id, "1", "I-2")
    assert tier_of(svc, member) == "Gold"
    assert reasons(svc, member)[-1] == "automatic_points"
    assert svc.check_ledger() == []


def test_hybrid_qualifies_on_spend_where_tiered_qualifies_on_points(svc, clock):
    """The same purchases at 5 points per unit: 3,000 points make Gold in a tiered program; in a
    hybrid program the 600 spent make Silver, and its points still earn the tier's multiplier."""
    tiers_by_type = {}
    for kind in ("tiered", "hybrid"):
        program = tiered(svc, {}, kind, program_name=kind, points_per_dollar="5")
        member = enroll(svc, program.id, f"{kind} member")
        svc.record_purchase(SHOP, program.id, member.id, "600", f"{kind}-1")
        svc.record_purchase(SHOP, program.id, member.id, "100", f"{kind}-2")
        tiers_by_type[kind] = (tier_of(svc, member), svc.get_loyalty_member(SHOP, member.id).current_points,
                               reasons(svc, member))
    assert tiers_by_type["tiered"] == ("Gold", 3000 + 1000, ["automatic_points", "automatic_points"])
    assert tiers_by_type["hybrid"] == ("Silver", 3000 + 750, ["automatic_spend", "automatic_spend"])
    assert svc.check_ledger() == []


def test_hybrid_counter_shows_the_spend_to_the_next_tier_and_a_return_lowers_it(svc, clock):
    program = tiered(svc, {}, "hybrid")
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "650.50", "H-1")
    summary = svc.get_member_summary(SHOP, member.id)
    assert (summary.tier_name, summary.next_tier_name) == ("Silver", "Gold")
    assert (summary.spend_to_next_tier, summary.points_to_next_tier) == (Decimal("1349.50"), None)
    svc.reverse_purchase(SHOP, program.id, "H-1", "200")            # 450.50 spent: below Silver
    assert tier_of(svc, member) == "Bronze"
    assert reasons(svc, member)[-1] == "automatic_spend"
    assert svc.get_member_summary(SHOP, member.id).spend_to_next_tier == Decimal("49.50")
    assert svc.check_ledger() == []


def test_hybrid_calendar_year_counts_the_years_spend_with_its_returns(svc, clock):
    program = tiered(svc, {**CALENDAR, "tier_grace": True}, "hybrid")
    member = enroll(svc, program.id)
    at(clock, dt.date(2026, 11, 1))
    svc.record_purchase(SHOP, program.id, member.id, "2200", "H-1")
    at(clock, dt.date(2027, 1, 1), 1)
    svc.run_daily_jobs(SHOP)
    assert tier_of(svc, member) == "Gold"               # 2026's spend, kept through 2027
    at(clock, dt.date(2027, 2, 1))
    svc.record_purchase(SHOP, program.id, member.id, "800", "H-2")
    svc.reverse_purchase(SHOP, program.id, "H-2", "300")
    summary = svc.get_member_summary(SHOP, member.id)
    assert (summary.keep_tier_by, summary.keep_tier_spend, summary.keep_tier_points) == \
        (dt.date(2027, 12, 31), Decimal("1500.00"), None)
    at(clock, dt.date(2028, 1, 1), 1)
    svc.run_daily_jobs(SHOP)
    assert tier_of(svc, member) == "Silver"             # 2027: 500 spent after the return
    assert reasons(svc, member)[-1] == "annual_reset"
    assert svc.check_ledger() == []


@pytest.mark.parametrize(("rules", "field"), [
    ({"tier_period": "monthly"}, "tier_period"),
    ({"tier_period": "rolling"}, "tier_qualification_days"),
    ({"tier_period": "calendar_year", "tier_qualification_days": 365}, "tier_qualification_days"),
    ({"tier_period": "calendar_year", "tier_reset_date": "02-29"}, "tier_reset_date"),
    ({"tier_period": "calendar_year", "tier_reset_date": "13-01"}, "tier_reset_date"),
    ({"tier_period": "calendar_year", "tier_reset_date": "1-1"}, "tier_reset_date"),
    ({"tier_reset_date": "01-01"}, "tier_reset_date"),
    ({"tier_grace": True}, "tier_grace"),
    ({"tier_period": "calendar_year", "tier_grace": "sometimes"}, "tier_grace"),
    ({"tier_demotion_months": 0}, "tier_demotion_months"),
    ({"tier_demotion_months": 121}, "tier_demotion_months"),
])
def test_tier_period_rules_are_validated(svc, rules, field):
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        make_program(svc, program_type="tiered", program_rules=rules)
    assert refused.value.field == field
    assert database_state(svc) == before


def test_valid_tier_period_rules_are_kept(svc):
    rules = {"tier_period": "calendar_year", "tier_reset_date": "07-01", "tier_grace": True,
             "tier_demotion_months": 12}
    assert make_program(svc, program_type="tiered", program_rules=rules).program_rules == rules
    rolling = {"tier_period": "rolling", "tier_qualification_days": 180}
    assert make_program(svc, program_type="tiered", program_rules=rolling).program_rules == rolling


def test_tier_history_keeps_its_reasons_to_the_known_ones(svc):
    """Migration 0020 rebuilt the CHECK on promotion_reason with the new reasons, and kept it a check."""
    program = tiered(svc, {})
    member = enroll(svc, program.id)
    row = {"program": program.id, "member": member.id, "user": SHOP,
           "when": dt.datetime(2026, 3, 2, tzinfo=dt.UTC)}
    insert = text("INSERT INTO loyalty_tier_progression (program_id, member_id, user_id, promotion_reason, "
                  "promotion_date) VALUES (:program, :member, :user, :reason, :when)")
    with svc.db.engine.begin() as conn:
        for reason in ("annual_reset", "inactivity_demotion", "automatic_spend"):
            conn.execute(insert, {**row, "reason": reason})
    with pytest.raises(IntegrityError), svc.db.engine.begin() as conn:
        conn.execute(insert, {**row, "reason": "whim"})


def test_a_hybrid_spend_with_cents_between_two_tiers_is_in_the_lower_one(svc, clock):
    """Tier ranges are whole units of money: $1,999.50 is within Silver's 500-1,999."""
    program = make_program(svc, program_type="hybrid", tier_system_enabled=True)
    bronze, silver, _gold = make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "1999.50", "O-1")
    assert svc.get_loyalty_member(SHOP, member.id).current_tier_id == silver.id
    svc.reverse_purchase(SHOP, program.id, "O-1", "1500.00")                  # $499.50 left
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).current_tier_id == bronze.id
