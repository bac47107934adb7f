"""Member lifecycle, milestones and the referred friend's bonus (README, "Member lifecycle,
milestones and referrals"), through the public service."""
from __future__ import annotations

import pytest

from loyalty_desk.services import NotEligible, ValidationError

from .support import SHOP, enroll, make_program


def statuses(svc, *members) -> list[str]:
    return [svc.get_loyalty_member(SHOP, m.id).membership_status for m in members]


def activities(svc, member, kind: str) -> list[str]:
    return [a.activity_description for a in svc.get_member_activity(SHOP, member.id)[::-1] if a.activity_type == kind]


def test_a_member_without_activity_lapses_once_and_comes_back_with_a_purchase(svc, clock):
    program = make_program(svc, program_rules={"lapse_after_days": 30})
    quiet, regular, held = (enroll(svc, program.id, name) for name in ("Quiet", "Regular", "Held"))
    svc.update_loyalty_member(SHOP, held.id, {"membership_status": "suspended"})
    clock.advance(days=20)
    svc.record_purchase(SHOP, program.id, regular.id, "10", "O-1")
    clock.advance(days=11)
    summary = svc.run_daily_jobs(SHOP)
    assert (summary.members_lapsed, summary.members_expired) == (1, 0)
    assert statuses(svc, quiet, regular, held) == ["inactive", "active", "suspended"]
    assert svc.get_loyalty_member(SHOP, quiet.id).lapsed_at == clock.now
    assert activities(svc, quiet, "status_changed") == ["Membership inactive after 31 days without activity"]
    assert svc.run_daily_jobs(SHOP).members_lapsed == 0          # a rerun changes nothing
    assert svc.count_members(SHOP, status="inactive") == 1

    clock.advance(days=2)
    svc.record_purchase(SHOP, program.id, quiet.id, "25", "O-2")
    back = svc.get_loyalty_member(SHOP, quiet.id)
    assert (back.membership_status, back.lapsed_at, back.current_points) == ("active", None, 25)
    assert activities(svc, quiet, "status_changed")[-1] == "Active again, first visit since 2026-03-02"
    assert svc.check_ledger(SHOP) == []


def test_a_person_made_inactive_stays_so_and_cannot_earn(svc, clock):
    program = make_program(svc, program_rules={"lapse_after_days": 30})
    member = enroll(svc, program.id)
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "inactive"})
    clock.advance(days=400)
    svc.run_daily_jobs(SHOP)
    with pytest.raises(NotEligible, match="inactive"):
        svc.record_purchase(SHOP, program.id, member.id, "10", "O-1")
    assert statuses(svc, member) == ["inactive"]


def test_a_lapsed_member_can_redeem_and_is_active_again(svc, clock):
    program = make_program(svc, program_rules={"lapse_after_days": 30})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "100", "O-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 50})
    clock.advance(days=45)
    svc.run_daily_jobs(SHOP)
    assert statuses(svc, member) == ["inactive"]
    assert [reason for _, reason in svc.reward_eligibility(SHOP, member.id)] == [None]
    svc.create_redemption(SHOP, program.id, member.id, reward.id)
    assert statuses(svc, member) == ["active"]


def test_lapsed_members_expire_after_the_longer_spell(svc, clock):
    program = make_program(svc, program_rules={"lapse_after_days": 30, "expire_after_days": 90})
    member = enroll(svc, program.id)
    clock.advance(days=31)
    svc.run_daily_jobs(SHOP)
    clock.advance(days=30)
    assert svc.run_daily_jobs(SHOP).members_expired == 0
    clock.advance(days=30)
    assert svc.run_daily_jobs(SHOP).members_expired == 1
    assert statuses(svc, member) == ["expired"]
    assert activities(svc, member, "status_changed")[-1] == "Membership expired: no activity for a long time"
    with pytest.raises(NotEligible, match="expired"):
        svc.record_purchase(SHOP, program.id, member.id, "10", "O-1")


def test_a_lapsed_member_whose_last_points_expire_expires_too(svc, clock):
    program = make_program(svc, points_expiration_days=40,
                           program_rules={"lapse_after_days": 30, "expire_when_points_expire": True})
    spent, kept = enroll(svc, program.id, "Spent"), enroll(svc, program.id, "Kept")
    svc.record_purchase(SHOP, program.id, spent.id, "20", "O-1")
    svc.record_purchase(SHOP, program.id, kept.id, "20", "O-2")
    clock.advance(days=5)
    svc.add_points_transaction(SHOP, program.id, kept.id, {"points_amount": 5, "description": "goodwill"})
    clock.advance(days=31)
    svc.run_daily_jobs(SHOP)
    assert statuses(svc, spent, kept) == ["inactive", "inactive"]
    clock.advance(days=5)                                    # day 41: the sale's points expire
    summary = svc.run_daily_jobs(SHOP)
    assert summary.members_expired == 1
    assert statuses(svc, spent, kept) == ["expired", "inactive"]     # Kept still holds 5 points
    assert svc.check_ledger(SHOP) == []


@pytest.mark.parametrize(("rules", "field"), [
    ({"expire_after_days": 90}, "lapse_after_days"),
    ({"expire_when_points_expire": True}, "lapse_after_days"),
    ({"lapse_after_days": 90, "expire_after_days": 90}, "expire_after_days"),
    ({"lapse_after_days": 3}, "lapse_after_days"),
    ({"lapse_after_days": 30, "expire_when_points_expire": "yes"}, "expire_when_points_expire"),
    ({"milestones": {"visits": [10, 10]}}, "milestones"),
    ({"milestones": {"visits": [0]}}, "milestones"),
    ({"milestones": {"spend": [10]}}, "milestones"),
    ({"milestones": {"visits": 10}}, "milestones"),
    ({"referee_bonus_points": -1}, "referee_bonus_points"),
])
def test_bad_rules_are_refused_by_field(svc, rules, field):
    with pytest.raises(ValidationError) as refused:
        make_program(svc, program_rules=rules)
    assert refused.value.field == field
    assert svc.get_loyalty_programs(SHOP) == []


def test_visit_milestones_are_written_once_each(svc, clock):
    program = make_program(svc, program_rules={"milestones": {"visits": [3, 2]}})
    member = enroll(svc, program.id)
    for n in range(1, 5):
        svc.record_purchase(SHOP, program.id, member.id, "5", f"O-{n}")
        svc.record_purchase(SHOP, program.id, member.id, "5", f"O-{n}")      # a replay is no visit
    assert activities(svc, member, "engagement_milestone") == ["2nd visit", "3rd visit"]
    assert svc.get_loyalty_member(SHOP, member.id).visit_count == 4


def test_lifetime_milestones_follow_every_kind_of_earning_and_are_not_repeated(svc, clock):
    program = make_program(svc, program_rules={"milestones": {"lifetime_points": [100, 500]}})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "150", "O-1")
    svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 400, "description": "goodwill"})
    svc.reverse_purchase(SHOP, program.id, "O-1", "150")            # lifetime back under 500
    svc.record_purchase(SHOP, program.id, member.id, "200", "O-2")   # and over it again
    assert activities(svc, member, "engagement_milestone") == ["100 lifetime points", "500 lifetime points"]
    assert svc.check_ledger(SHOP) == []


def test_the_referred_friend_gets_a_bonus_on_the_first_purchase_once(svc, clock):
    program = make_program(svc, referral_enabled=True, referral_points_awarded=100,
                           program_rules={"referee_bonus_points": 50})
    ada = enroll(svc, program.id, "Ada Lovelace")
    friend = enroll(svc, program.id, "Grace Hopper", referred_by_code=ada.referral_code)
    stranger = enroll(svc, program.id, "Alan Turing")
    assert svc.get_loyalty_member(SHOP, friend.id).current_points == 0
    svc.record_purchase(SHOP, program.id, friend.id, "10", "O-1")
    svc.record_purchase(SHOP, program.id, friend.id, "10", "O-1")       # replayed
    svc.record_purchase(SHOP, program.id, friend.id, "10", "O-2")
    svc.record_purchase(SHOP, program.id, stranger.id, "10", "O-3")
    rows = svc.get_member_points_history(SHOP, friend.id)
    bonus = [r for r in rows if r.reference_type == "referral_friend"]
    assert [(r.points_amount, r.transaction_type) for r in bonus] == [(50, "referral")]
    assert svc.get_loyalty_member(SHOP, friend.id).current_points == 20 + 50
    assert svc.get_loyalty_member(SHOP, stranger.id).current_points == 10
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 100
    assert svc.check_ledger(SHOP) == []


def test_self_referral_is_caught_by_customer_id(svc):
    program = make_program(svc, referral_enabled=True)
    ada = enroll(svc, program.id, "Ada Lovelace", customer_id="C-77")
    with pytest.raises(ValidationError, match="refer themselves") as refused:
        enroll(svc, program.id, "Ada L.", customer_id="C-77", referred_by_code=ada.referral_code)
    assert refused.value.field == "referred_by_code"


def test_a_status_a_person_sets_is_never_the_rules_again(svc, clock):
    program = make_program(svc, program_rules={"lapse_after_days": 30, "expire_after_days": 60})
    member = enroll(svc, program.id)
    clock.advance(days=31)
    svc.run_daily_jobs(SHOP)                                         # lapsed by the rule
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "active"})
    svc.update_loyalty_member(SHOP, member.id, {"membership_status": "inactive"})   # now a person's
    assert svc.get_loyalty_member(SHOP, member.id).lapsed_at is None
    with pytest.raises(NotEligible, match="inactive"):
        svc.record_purchase(SHOP, program.id, member.id, "10", "O-1")
    clock.advance(days=60)
    assert svc.run_daily_jobs(SHOP).members_expired == 0
    assert statuses(svc, member) == ["inactive"]


def test_the_friends_bonus_is_for_the_first_purchase_only_even_when_the_rule_comes_later(svc, clock):
    program = make_program(svc, referral_enabled=True)
    ada = enroll(svc, program.id, "Ada Lovelace")
    early = enroll(svc, program.id, "Early Friend", referred_by_code=ada.referral_code)
    svc.record_purchase(SHOP, program.id, early.id, "10", "O-1")            # before the rule
    svc.update_loyalty_program(SHOP, program.id, {"program_rules": {"referee_bonus_points": 50}})
    late = enroll(svc, program.id, "Late Friend", referred_by_code=ada.referral_code)
    svc.record_purchase(SHOP, program.id, early.id, "10", "O-2")
    svc.record_purchase(SHOP, program.id, late.id, "10", "O-3")
    assert svc.get_loyalty_member(SHOP, early.id).current_points == 20        # no bonus: not a first purchase
    assert svc.get_loyalty_member(SHOP, late.id).current_points == 10 + 50
    assert svc.check_ledger(SHOP) == []
