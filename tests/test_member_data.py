"""One member's data through the public service (issue 13, part 4): export it, erase it, and
merge a duplicate into another member, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import re

import pytest

from loyalty_desk.services import LoyaltyService, NotEligible, NotFound, ValidationError

from .support import SHOP, database_state, enroll, make_program, make_tiers

ADA = {"email": "ada@example.com", "phone": "+1 202 555 0143", "birthday": "1990-12-10", "customer_id": "CRM-77",
       "member_metadata": {"address": "12 Analytical Row, Marylebone", "notes": "prefers email"}}


def _texts(value: object) -> str:
    """Everything a member's exported data says, as one lower-case text."""
    return json.dumps(value, ensure_ascii=False).lower()


def _ledger_sums(svc: LoyaltyService, member_id: int) -> tuple[int, int, int]:
    rows = svc.get_member_points_history(SHOP, member_id)
    return len(rows), sum(r.points_amount for r in rows if r.status == "completed"), rows[0].points_balance_after


# --- export -----------------------------------------------------------------------------------


def test_member_data_holds_profile_ledger_redemptions_activity_and_tiers_as_json(svc):
    program = make_program(svc, program_type="tiered")
    make_tiers(svc, program.id)
    ada = enroll(svc, program.id, **ADA)
    svc.record_purchase(SHOP, program.id, ada.id, "600", "O-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100})
    svc.create_redemption(SHOP, program.id, ada.id, reward.id)
    data = svc.export_member_data(SHOP, ada.id)
    assert json.loads(json.dumps(data)) == data          # JSON-ready as it is
    assert data["profile"]["email"] == "ada@example.com" and data["profile"]["current_points"] == 500
    assert data["profile"]["tier_name"] == "Silver"
    assert [r["transaction_type"] for r in data["ledger"]] == ["purchase", "redemption"]     # oldest first
    assert [r["reward_name"] for r in data["redemptions"]] == ["Mug"]
    assert {a["activity_type"] for a in data["activity"]} >= {"member_enrolled", "purchase_made"}
    assert [t["new_tier_id"] for t in data["tier_history"]][-1] == data["profile"]["current_tier_id"]
    assert data["merged_members"] == []


def test_member_data_of_another_shops_member_is_not_found(svc):
    ada = enroll(svc, make_program(svc).id)
    svc.save_shop("shop-2", {"shop_name": "Elsewhere"})
    with pytest.raises(NotFound):
        svc.export_member_data("shop-2", ada.id)


# --- erase ------------------------------------------------------------------------------------


def _erasable(svc: LoyaltyService) -> tuple[object, object, object]:
    """Ada, referred by Grace, with purchases, an adjustment that names her, and a redemption."""
    program = make_program(svc, program_type="tiered", referral_enabled=True, referral_points_awarded=50)
    make_tiers(svc, program.id)
    grace = enroll(svc, program.id, "Grace Hopper")
    ada = enroll(svc, program.id, "Ada Lovelace", referred_by_code=grace.referral_code, **ADA)
    svc.update_loyalty_member(SHOP, ada.id, {"email": "ada.l@example.com"})
    svc.record_purchase(SHOP, program.id, ada.id, "700", "O-1")
    svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 25,
                                                         "description": "Goodwill for Ada, ada.l@example.com"})
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100})
    svc.create_redemption(SHOP, program.id, ada.id, reward.id)
    return program, svc.get_loyalty_member(SHOP, ada.id), grace


def test_erase_removes_every_personal_field_and_nobody_finds_the_member_by_any(svc):
    program, ada, grace = _erasable(svc)
    sums, lifetime, tier = _ledger_sums(svc, ada.id), ada.lifetime_points, ada.current_tier_id
    dashboard = svc.get_loyalty_dashboard_data(SHOP)["totalPointsOutstanding"]
    erased = svc.erase_member(SHOP, ada.id, reason="Customer asked to be forgotten")
    assert (erased.customer_name, erased.email, erased.phone, erased.birthday, erased.customer_id,
            erased.member_metadata) == ("Erased member", None, None, None, None, {})
    assert erased.erased_at is not None and erased.membership_status == "inactive"
    assert erased.card_number != ada.card_number and not erased.referral_code.startswith("ADA")
    for query in ("Ada", "Lovelace", "ada lovelace", "ada.l@example.com", "ada@example.com", "+12025550143",
                  "(202) 555-0143", "CRM-77", ada.card_number, ada.referral_code):
        assert svc.find_members(SHOP, query) == [], query
        assert svc.list_members_page(SHOP, search=query).rows == [], query
    # The card stops working: a scan finds nobody, not even as "replaced".
    scan = svc.resolve_code(SHOP, ada.card_number)
    assert scan.kind == "unknown" and scan.member is None
    # The books are intact, and explain themselves.
    assert _ledger_sums(svc, ada.id) == sums
    assert (erased.current_points, erased.lifetime_points, erased.current_tier_id) == (ada.current_points, lifetime,
                                                                                        tier)
    assert svc.get_loyalty_dashboard_data(SHOP)["totalPointsOutstanding"] == dashboard
    assert svc.check_ledger(SHOP) == []
    # No text anywhere keeps her data: her own history, and the referrer's rows that named her.
    held = _texts(svc.export_member_data(SHOP, ada.id)) + _texts(svc.export_member_data(SHOP, grace.id))
    for secret in (r"\bada\b", "lovelace", r"example\.com", "2025550143", "crm-77", "1990-12-10", "marylebone",
                   "prefers email"):
        assert not re.search(secret, held), secret
    assert "referred [erased]" in _texts(svc.get_member_points_history(SHOP, grace.id)[0].description)


def test_the_erasure_is_in_the_audit_log_with_who_when_and_why(svc, clock):
    _, ada, _ = _erasable(svc)
    svc.erase_member(SHOP, ada.id, reason="GDPR request by letter")
    entries = svc.get_audit_log(SHOP, action="member_erased")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.member_id == ada.id and entry.time == clock.now
    assert "GDPR request by letter" in entry.description and "customer_name" in entry.description
    activity = svc.get_member_activity(SHOP, ada.id)[0]
    assert activity.activity_description == "Personal data erased: GDPR request by letter"


def test_a_reason_that_names_the_member_is_kept_without_the_name(svc):
    _, ada, _ = _erasable(svc)
    svc.erase_member(SHOP, ada.id, reason="Ada Lovelace asked at the till")
    assert svc.get_audit_log(SHOP, action="member_erased")[0].description.endswith("([erased] asked at the till)")


@pytest.mark.parametrize("reason", [None, "", "   ", 42])
def test_erase_needs_a_reason_and_writes_nothing_without_one(svc, reason):
    _, ada, _ = _erasable(svc)
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        svc.erase_member(SHOP, ada.id, reason=reason)
    assert refused.value.field == "reason"
    assert database_state(svc) == before


def test_erasing_twice_is_refused_and_writes_nothing(svc):
    _, ada, _ = _erasable(svc)
    svc.erase_member(SHOP, ada.id, reason="asked")
    before = database_state(svc)
    with pytest.raises(NotEligible, match="already erased"):
        svc.erase_member(SHOP, ada.id, reason="asked again")
    assert database_state(svc) == before


# --- merge ------------------------------------------------------------------------------------


def _duplicates(svc: LoyaltyService, clock: object) -> tuple[object, object, object, list[object]]:
    """Keep (Ada, 300 lifetime) and a duplicate (Ada L., two purchases 40 days apart and a
    redemption) in a tiered program whose points expire after 365 days."""
    program = make_program(svc, program_type="tiered", points_expiration_days=365)
    tiers = make_tiers(svc, program.id)
    keep = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com")
    dup = enroll(svc, program.id, "Ada L.", phone="+1 202 555 0143")
    svc.record_purchase(SHOP, program.id, dup.id, "400", "D-1")
    clock.advance(days=40)
    svc.record_purchase(SHOP, program.id, dup.id, "350", "D-2")
    svc.record_purchase(SHOP, program.id, keep.id, "300", "K-1")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100})
    svc.create_redemption(SHOP, program.id, dup.id, reward.id)
    return program, svc.get_loyalty_member(SHOP, keep.id), svc.get_loyalty_member(SHOP, dup.id), tiers


def test_merge_moves_balance_lifetime_spending_and_redemptions_and_re_tiers(svc, clock):
    program, keep, dup, tiers = _duplicates(svc, clock)
    assert (keep.current_points, dup.current_points, dup.lifetime_points) == (300, 650, 750)
    assert keep.current_tier_id == tiers[0].id and dup.current_tier_id == tiers[1].id
    kept = svc.merge_members(SHOP, keep.id, dup.id)
    assert kept.current_points == 950
    assert kept.lifetime_points == 1050
    assert kept.total_spent == keep.total_spent + dup.total_spent
    assert kept.redemption_count == 1
    assert kept.current_tier_id == tiers[1].id                      # Silver for 1,050 lifetime points
    gone = svc.get_loyalty_member(SHOP, dup.id)
    assert (gone.membership_status, gone.merged_into_id, gone.current_points, gone.lifetime_points) == \
        ("inactive", keep.id, 0, 0)
    assert gone.redemption_count == 0 and gone.current_tier_id == tiers[0].id      # Bronze starts at 0
    assert [r.member_id for r in svc.get_member_redemptions(SHOP, keep.id)] == [keep.id]
    assert svc.export_member_data(SHOP, keep.id)["merged_members"] == [dup.id]
    assert svc.check_ledger(SHOP) == []
    assert svc.get_audit_log(SHOP, action="member_merged")[0].member_id == keep.id


def test_merged_points_keep_their_lots_and_expiry_dates_and_every_row_refers_back(svc, clock):
    program, keep, dup, _ = _duplicates(svc, clock)
    dup_credits = {r.id: r for r in svc.get_member_points_history(SHOP, dup.id) if r.points_amount > 0}
    svc.merge_members(SHOP, keep.id, dup.id)
    out = {r.id: r for r in svc.get_member_points_history(SHOP, dup.id) if r.transaction_type == "member_merge"}
    moved_in = [r for r in svc.get_member_points_history(SHOP, keep.id)
                if r.transaction_type == "member_merge" and r.points_amount > 0]
    # The older lot gave 100 to the redemption: 300 and 350 move, each with its own expiry date.
    assert sorted((r.points_amount, r.expiration_date) for r in moved_in) == sorted(
        [(300, dup_credits[min(dup_credits)].expiration_date), (350, dup_credits[max(dup_credits)].expiration_date)])
    for row in moved_in:
        debit = out[row.related_transaction_id]
        assert debit.points_amount == -row.points_amount and debit.related_transaction_id in dup_credits
    # On the first lot's expiry day, the kept member loses what is left of it, and no more.
    clock.set(dup_credits[min(dup_credits)].expiration_date)
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, keep.id).current_points == 950 - 300
    assert svc.check_ledger(SHOP) == []


def test_a_merged_members_redemption_cancelled_later_refunds_the_kept_member(svc, clock):
    program, keep, dup, _ = _duplicates(svc, clock)
    redemption = svc.get_member_redemptions(SHOP, dup.id)[0]
    svc.merge_members(SHOP, keep.id, dup.id)
    svc.update_redemption_status(SHOP, redemption.id, "cancelled")
    kept = svc.get_loyalty_member(SHOP, keep.id)
    assert (kept.current_points, kept.redemption_count) == (1050, 0)
    assert svc.check_ledger(SHOP) == []


def test_merge_refusals_write_nothing(svc, clock):
    program, keep, dup, _ = _duplicates(svc, clock)
    other = enroll(svc, make_program(svc, program_name="Coffee card").id, "Ada Lovelace")
    before = database_state(svc)
    with pytest.raises(ValidationError, match="same program"):
        svc.merge_members(SHOP, keep.id, other.id)
    with pytest.raises(ValidationError, match="into itself"):
        svc.merge_members(SHOP, keep.id, keep.id)
    with pytest.raises(NotFound):
        svc.merge_members(SHOP, keep.id, 999_999)
    assert database_state(svc) == before
    svc.merge_members(SHOP, keep.id, dup.id)
    after = database_state(svc)
    with pytest.raises(NotEligible, match="already merged"):
        svc.merge_members(SHOP, keep.id, dup.id)
    with pytest.raises(NotEligible, match="already merged"):
        svc.merge_members(SHOP, dup.id, keep.id)
    assert database_state(svc) == after


def test_a_member_with_points_on_hold_cannot_be_merged_until_they_are_released(svc, clock):
    program = make_program(svc, program_rules={"pending_days": 14})
    keep, dup = enroll(svc, program.id, "Ada Lovelace"), enroll(svc, program.id, "Ada L.")
    svc.record_purchase(SHOP, program.id, dup.id, "80", "D-1")
    before = database_state(svc)
    with pytest.raises(NotEligible, match="on hold"):
        svc.merge_members(SHOP, keep.id, dup.id)
    assert database_state(svc) == before
    clock.advance(days=15)
    assert svc.merge_members(SHOP, keep.id, dup.id).current_points == 80
    assert svc.check_ledger(SHOP) == []


def test_a_database_from_before_migration_0010_takes_merges_in_place(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from loyalty_desk.db.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with LoyaltyService(url) as svc:
        svc.save_shop(SHOP, {"shop_name": "Old"})
        program = make_program(svc)
        keep, dup = enroll(svc, program.id, "Ada Lovelace"), enroll(svc, program.id, "Ada L.")
        svc.record_purchase(SHOP, program.id, dup.id, "25", "OLD-1")
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0009")
        assert "member_merge" not in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'loyalty_points_transactions'").scalar_one()
    engine.dispose()
    with LoyaltyService(url) as svc:            # migrates to the head again, the ledger's rows untouched
        assert svc.merge_members(SHOP, keep.id, dup.id).current_points == 25
        assert svc.check_ledger() == []
        with svc.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_erasure_blanks_the_members_words_where_they_stand_alone_only(svc):
    program = make_program(svc)
    al = enroll(svc, program.id, "Al No", member_metadata={"vip": "no"})
    svc.add_points_transaction(SHOP, program.id, al.id, {"points_amount": 5, "description": "Now for Al, no charge"})
    svc.erase_member(SHOP, al.id, reason="asked")
    (row,) = svc.get_member_points_history(SHOP, al.id)
    assert row.description == "Now for [erased], [erased] charge"
