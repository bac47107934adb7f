"""Tier rules (rule 8), referrals and birthday bonuses."""
import datetime as dt

import pytest

from loyalty_desk.services import LoyaltyService, NotEligible, ValidationError

from .support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def tiered(svc):
    program = make_program(svc, program_type="tiered")
    tiers = make_tiers(svc, program.id)
    return program, tiers


@pytest.mark.parametrize(("points", "tier"), [(0, "Bronze"), (499, "Bronze"), (500, "Silver"), (1999, "Silver"),
                                              (2000, "Gold")])
def test_tier_boundaries_min_and_max_inclusive(svc, tiered, points, tier):
    program, _ = tiered
    member = enroll(svc, program.id)
    if points:
        svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": points, "description": "setup"})
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == tier


def test_a_tiers_exclusive_rewards_are_the_rewards_gate(svc, tiered):
    """`exclusive_rewards` on a tier and `tier_exclusive_id` on a reward are one rule: writing either
    is read back by both, and a Bronze member cannot redeem a Gold-exclusive reward."""
    program, (bronze, silver, gold) = tiered
    lounge = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Lounge", "reward_type": "exclusive_access",
                                                          "points_cost": 100})
    mug = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                       "points_cost": 100})
    assert svc.update_loyalty_tier(SHOP, gold.id, {"exclusive_rewards": [lounge.id]}).exclusive_rewards == [lounge.id]
    assert svc.get_loyalty_reward(SHOP, lounge.id).tier_exclusive_id == gold.id
    member = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 300, "description": "setup"})
    with pytest.raises(NotEligible, match="Gold"):
        svc.create_redemption(SHOP, program.id, member.id, lounge.id, 100)
    svc.create_redemption(SHOP, program.id, member.id, mug.id, 100)          # not gated
    svc.update_loyalty_reward(SHOP, mug.id, {"tier_exclusive_id": silver.id})  # the other way in
    tiers = {t.tier_name: t.exclusive_rewards for t in svc.get_loyalty_tiers(SHOP, program.id)}
    assert tiers == {"Bronze": [], "Silver": [mug.id], "Gold": [lounge.id]}
    svc.update_loyalty_tier(SHOP, gold.id, {"exclusive_rewards": []})       # open to every tier again
    assert svc.get_loyalty_reward(SHOP, lounge.id).tier_exclusive_id is None
    svc.create_redemption(SHOP, program.id, member.id, lounge.id, 100)
    assert svc.check_ledger() == []


def test_a_tier_cannot_gate_another_programs_reward(svc, tiered):
    program, (_, _, gold) = tiered
    other = make_program(svc, program_name="Other")
    elsewhere = svc.create_loyalty_reward(SHOP, other.id, {"reward_name": "Pen", "reward_type": "free_product",
                                                           "points_cost": 10})
    with pytest.raises(ValidationError) as refused:
        svc.update_loyalty_tier(SHOP, gold.id, {"exclusive_rewards": [elsewhere.id]})
    assert refused.value.field == "exclusive_rewards"
    assert svc.get_loyalty_reward(SHOP, elsewhere.id).tier_exclusive_id is None
    assert svc.get_loyalty_tiers(SHOP, program.id)[2].exclusive_rewards == []


def test_promotion_writes_progression_and_activity(svc, tiered):
    program, tiers = tiered
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "499", "T-1")
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Bronze"
    svc.record_purchase(SHOP, program.id, member.id, "1", "T-2")  # exactly 500
    history = svc.get_tier_history(SHOP, member.id)
    assert [(h.previous_tier_id, h.new_tier_id, h.promotion_reason) for h in history] == [
        (tiers[0].id, tiers[1].id, "automatic_points"), (None, tiers[0].id, "automatic_points")]
    promoted = [a for a in svc.get_member_activity(SHOP, member.id) if a.activity_type == "tier_promoted"]
    assert promoted[0].activity_metadata["new_tier"] == "Silver"


def test_promotion_follows_points_earned_not_balance(svc, tiered):
    program, _ = tiered
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "600", "T-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Hat", "reward_type": "free_product",
                                                          "points_cost": 500})
    svc.create_redemption(SHOP, program.id, member.id, reward.id, 500)
    member = svc.get_loyalty_member(SHOP, member.id)
    assert (member.current_points, member.lifetime_points, member.tier_name) == (100, 600, "Silver")


def test_rolling_window_demotes_in_the_daily_job(svc, clock):
    program = make_program(svc, program_type="tiered", program_rules={"tier_qualification_days": 30})
    make_tiers(svc, program.id)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "600", "T-1")
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Silver"
    clock.advance(days=29)
    assert svc.run_daily_jobs(SHOP).demotions == 0
    clock.advance(days=2)
    summary = svc.run_daily_jobs(SHOP)
    assert summary.demotions == 1
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Bronze"
    assert svc.get_member_activity(SHOP, member.id)[0].activity_type == "tier_demoted"


@pytest.mark.parametrize(("lo", "hi"), [(400, 600), (0, 10), (1999, 2500), (3000, None), (100, None)])
def test_overlapping_tier_ranges_are_refused(svc, tiered, lo, hi):
    program, _ = tiered
    with pytest.raises(ValidationError, match="overlaps"):
        svc.create_loyalty_tier(SHOP, program.id, {"tier_name": "X", "tier_level": 9, "min_points_required": lo,
                                                   "max_points_required": hi})
    assert len(svc.get_loyalty_tiers(SHOP, program.id)) == 3


def test_manual_tier_change_is_recorded(svc, tiered):
    program, tiers = tiered
    member = enroll(svc, program.id)
    svc.update_loyalty_member(SHOP, member.id, {"current_tier_id": tiers[2].id})
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Gold"
    assert svc.get_tier_history(SHOP, member.id)[0].promotion_reason == "manual_promotion"
    assert svc.check_ledger() == []



@pytest.mark.parametrize(("bronze", "silver", "gold", "tier_after"), [
    ((0, 499), (1000, 1999), (2000, None), None),        # a gap opens between Bronze and Silver
    ((0, 499), (500, 599), (2000, None), None),          # Silver ends below the member's points
    ((100, 499), (500, 1999), (2000, None), "Silver"),   # nothing the member's points fall out of
])
def test_the_daily_job_re_tiers_members_a_tier_edit_left_outside_every_range(svc, tiered, bronze, silver, gold,
                                                                              tier_after):
    program, tiers = tiered
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "600", "T-1")
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == "Silver"
    for tier, (lo, hi) in reversed(list(zip(tiers, (bronze, silver, gold), strict=True))):
        svc.update_loyalty_tier(SHOP, tier.id, {"min_points_required": lo, "max_points_required": hi})
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).tier_name == tier_after
    assert svc.check_ledger(SHOP) == []

@pytest.fixture
def referral_program(svc):
    return make_program(svc, referral_enabled=True, referral_points_awarded=250)


def test_referral_awards_the_referrer_once(svc, referral_program):
    referrer = enroll(svc, referral_program.id, email="ada@example.com")
    friend = enroll(svc, referral_program.id, "Bob Stone", referred_by_code=referrer.referral_code.lower())
    assert friend.referred_by == referrer.id
    history = svc.get_member_points_history(SHOP, referrer.id)
    assert [(t.transaction_type, t.points_amount, t.reference_id) for t in history] == [
        ("referral", 250, str(friend.id))]
    assert any(a.activity_type == "referral_made" for a in svc.get_member_activity(SHOP, referrer.id))


def test_self_referral_is_refused(svc, referral_program):
    referrer = enroll(svc, referral_program.id, email="ada@example.com", phone="+1 415 555 2671")
    with pytest.raises(ValidationError, match="refer themselves"):
        enroll(svc, referral_program.id, "Ada Again", email="other@example.com", phone="(415) 555-2671",
               referred_by_code=referrer.referral_code)
    assert svc.get_loyalty_member(SHOP, referrer.id).current_points == 0


def test_referral_code_needs_referrals_enabled(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    with pytest.raises(NotEligible):
        enroll(svc, program.id, "Bob", referred_by_code=member.referral_code)


def test_birthday_bonus_times_tier_multiplier_once_a_year(svc, clock):
    program = make_program(svc, program_type="tiered", birthday_bonus_points=100)
    make_tiers(svc, program.id)
    member = enroll(svc, program.id, birthday=dt.date(1990, 3, 10))
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 600, "description": "setup"})  # Silver x2
    assert svc.run_daily_jobs(SHOP, dt.date(2026, 3, 9)).birthday_bonuses == 0
    assert svc.run_daily_jobs(SHOP, dt.date(2026, 3, 10)).birthday_bonuses == 1
    assert svc.run_daily_jobs(SHOP, dt.date(2026, 3, 10)).birthday_bonuses == 0
    bonus = svc.get_member_points_history(SHOP, member.id)[0]
    assert (bonus.transaction_type, bonus.points_amount, bonus.reference_id) == (
        "birthday_bonus", 200, f"{member.id}:2026")
    assert svc.run_daily_jobs(SHOP, dt.date(2027, 3, 10)).birthday_bonuses == 1


@pytest.mark.parametrize(("day", "expected"), [(dt.date(2027, 2, 28), 1), (dt.date(2027, 3, 1), 0),
                                               (dt.date(2028, 2, 28), 0), (dt.date(2028, 2, 29), 1)])
def test_leap_day_birthdays_fall_on_28_february_in_other_years(svc, clock, day, expected):
    program = make_program(svc, birthday_bonus_points=50)
    enroll(svc, program.id, birthday=dt.date(2000, 2, 29))
    clock.set(dt.datetime.combine(day, dt.time(9), tzinfo=dt.timezone.utc))
    assert svc.run_daily_jobs(SHOP, day).birthday_bonuses == expected


def test_missed_birthdays_are_caught_up_by_the_next_run(svc, clock):
    program = make_program(svc, birthday_bonus_points=50)
    member = enroll(svc, program.id, birthday=dt.date(1985, 3, 4))
    svc.run_daily_jobs(SHOP, dt.date(2026, 3, 2))
    assert svc.run_daily_jobs(SHOP, dt.date(2026, 3, 6)).birthday_bonuses == 1  # the 4th was missed
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 50


def test_suspended_members_get_no_birthday_bonus(svc):
    program = make_program(svc, birthday_bonus_points=50)
    member = enroll(svc, program.id, birthday=dt.date(1985, 3, 4))
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "suspended"})
    assert svc.run_daily_jobs(SHOP, dt.date(2026, 3, 4)).birthday_bonuses == 0


def test_migration_0016_gates_the_rewards_a_tier_listed(db_url, clock):
    """A database from before 0016: a tier's exclusive_rewards list (never enforced) becomes its
    rewards' gate when the app opens it, once."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from loyalty_desk.db.migrate import alembic_config

    with LoyaltyService(db_url, clock=clock) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop"})
        program = make_program(svc, program_type="tiered")
        _, _, gold = make_tiers(svc, program.id)
        lounge = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Lounge", "reward_type":
                                                              "exclusive_access", "points_cost": 100})
        member = enroll(svc, program.id)
        svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 300, "description": "setup"})
    engine = create_engine(db_url)
    with engine.begin() as conn:                         # as 0015 left it: the list on the tier, no gate
        command.downgrade(alembic_config(conn), "0015")  # the later migrations undone, in order
        listed = "CAST(:listed AS jsonb)" if engine.dialect.name == "postgresql" else ":listed"
        conn.execute(text(f"UPDATE loyalty_tiers SET exclusive_rewards = {listed} WHERE id = :tier"),
                     {"listed": f"[{lounge.id}]", "tier": gold.id})
    engine.dispose()
    with LoyaltyService(db_url, clock=clock) as svc:
        assert svc.get_loyalty_reward(SHOP, lounge.id).tier_exclusive_id == gold.id
        assert svc.get_loyalty_tiers(SHOP, program.id)[2].exclusive_rewards == [lounge.id]
        with pytest.raises(NotEligible):
            svc.create_redemption(SHOP, program.id, member.id, lounge.id)
