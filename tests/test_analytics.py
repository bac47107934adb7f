"""Snapshots, dashboard and liability against a small shop computed by hand."""
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import text

from loyalty_desk.services import LoyaltyService

from .support import SHOP, enroll, make_program

MAR = lambda day: dt.date(2026, 3, day)  # noqa: E731


def at(clock, day, hour=12):
    clock.set(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.timezone.utc))


@pytest.fixture
def shop(svc, clock):
    """Mar 2: Ada buys $100, Bob $30. Mar 3: Ada redeems 60, Bob returns $10. Mar 4: Cy joins, buys $55.50."""
    program = make_program(svc, min_redemption_points=50, points_expiration_days=10, point_value="0.01")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Tote", "reward_type": "free_product",
                                                          "points_cost": 60})
    at(clock, MAR(2))
    ada, bob = enroll(svc, program.id, "Ada"), enroll(svc, program.id, "Bob")
    svc.record_purchase(SHOP, program.id, ada.id, "100", "A1")
    svc.record_purchase(SHOP, program.id, bob.id, "30", "B1")
    at(clock, MAR(3))
    svc.create_redemption(SHOP, program.id, ada.id, reward.id, 60)
    svc.reverse_purchase(SHOP, program.id, "B1", "10")
    at(clock, MAR(4))
    cy = enroll(svc, program.id, "Cy")
    svc.record_purchase(SHOP, program.id, cy.id, "55.50", "C1")
    at(clock, MAR(5), hour=0)
    return program, (ada, bob, cy)


COLUMNS = ("total_members", "new_members", "active_members", "churned_members", "total_points_issued",
           "total_points_redeemed", "total_points_outstanding", "average_member_points", "eligible_members",
           "redeeming_members", "redemption_rate", "tier_distribution", "total_spending",
           "average_spending_per_member", "redemptions", "points_redeemed_today", "total_points_expired")
EXPECTED = {
    MAR(2): (2, 2, 2, 0, 130, 0, 130, Decimal("65.00"), 1, 0, Decimal("0.00"), {"No tier": 2}, Decimal("130.00"),
             Decimal("65.00"), 0, 0, 0),
    MAR(3): (2, 0, 2, 0, 130, 60, 60, Decimal("30.00"), 1, 1, Decimal("100.00"), {"No tier": 2}, Decimal("120.00"),
             Decimal("60.00"), 1, 60, 0),
    MAR(4): (3, 1, 3, 0, 185, 60, 115, Decimal("38.33"), 2, 1, Decimal("50.00"), {"No tier": 3}, Decimal("175.50"),
             Decimal("58.50"), 0, 0, 0),
}


def snapshot_rows(svc, program_id):
    return {s.analytics_date: tuple(getattr(s, c) for c in COLUMNS)
            for s in svc.get_analytics_snapshots(SHOP, program_id)}


def test_snapshots_match_the_hand_computed_figures(svc, shop):
    program, _ = shop
    summary = svc.run_daily_jobs(SHOP)
    assert summary.snapshots_written == 3  # Mar 2, 3 and 4: every finished day since the program began
    assert snapshot_rows(svc, program.id) == EXPECTED


def test_snapshots_are_idempotent(svc, shop):
    program, _ = shop
    svc.run_daily_jobs(SHOP)
    before = svc.get_analytics_snapshots(SHOP, program.id)
    assert svc.run_daily_jobs(SHOP).snapshots_written == 0
    assert svc.get_analytics_snapshots(SHOP, program.id) == before


def test_snapshots_are_backfilled_from_history(svc, shop, clock):
    """A database that never ran the jobs gets every past day on the first run, exactly."""
    program, _ = shop
    at(clock, MAR(4), hour=23)
    svc.run_daily_jobs(SHOP)  # writes Mar 2 and 3 only
    assert set(snapshot_rows(svc, program.id)) == {MAR(2), MAR(3)}
    at(clock, MAR(5), hour=0)
    svc.run_daily_jobs(SHOP)
    assert snapshot_rows(svc, program.id) == EXPECTED


def test_dashboard_keys_and_values(svc, shop):
    program, (ada, bob, cy) = shop
    svc.run_daily_jobs(SHOP)
    data = svc.get_loyalty_dashboard_data(SHOP)
    assert {k: data[k] for k in ("totalPrograms", "activePrograms", "totalMembers", "activeMembers",
                                 "totalPointsOutstanding", "totalPointsRedeemed", "averagePointsPerMember",
                                 "redemptionRate", "tierDistribution", "programsByStatus")} == {
        "totalPrograms": 1, "activePrograms": 1, "totalMembers": 3, "activeMembers": 3,
        "totalPointsOutstanding": 115, "totalPointsRedeemed": 60, "averagePointsPerMember": 38,
        "redemptionRate": 50.0, "tierDistribution": {"No tier": 3}, "programsByStatus": {"active": 1, "inactive": 0}}
    assert [m["name"] for m in data["recentMembers"]] == ["Cy", "Bob", "Ada"]
    assert [m["name"] for m in data["topMembers"]] == ["Ada", "Cy", "Bob"]
    assert data["membershipTrendLastMonth"][-3:] == [
        {"date": "2026-03-02", "newMembers": 2, "totalMembers": 2, "activeMembers": 2},
        {"date": "2026-03-03", "newMembers": 0, "totalMembers": 2, "activeMembers": 2},
        {"date": "2026-03-04", "newMembers": 1, "totalMembers": 3, "activeMembers": 3}]
    assert data["redemptionTrendLastMonth"][-2] == {"date": "2026-03-03", "redemptions": 1, "pointsRedeemed": 60,
                                                    "pointsRefunded": 0}
    assert data["pendingRedemptions"] == 1
    assert data["upcomingRewards"] == []


def test_liability_and_breakage(svc, shop, clock):
    program, _ = shop
    liability = svc.get_points_liability(SHOP)
    assert {k: liability[k] for k in ("pointsOutstanding", "outstandingValue", "expiringNext30Days",
                                      "pointsPending", "pointsIssued", "pointsExpired", "breakageRate")} == {
        "pointsOutstanding": 115, "outstandingValue": Decimal("1.15"), "expiringNext30Days": 115,
        "pointsPending": 0, "pointsIssued": 185, "pointsExpired": 0, "breakageRate": 0.0}
    at(clock, MAR(12), hour=1)  # Ada's 40 left of 100 and Bob's 20 left of 30 expire; Cy's 55 on the 14th
    assert svc.get_points_liability(SHOP)["expiringNext30Days"] == 115
    svc.run_daily_jobs(SHOP)
    after = svc.get_points_liability(SHOP)
    assert (after["pointsOutstanding"], after["pointsExpired"], after["breakageRate"]) == (55, 60, 32.4)
    assert (after["expiringNext30Days"], after["expiringNext60Days"]) == (55, 55)
    assert after["monthly"][-1] == {"month": "2026-03", "issued": 185, "redeemed": 60, "refunded": 0, "expired": 60}


def test_liability_months_give_gross_redemptions_and_refunds_never_a_negative_redeemed(svc, clock):
    # A redemption of 300 in September, cancelled in October: September redeemed 300; October
    # redeemed nothing and refunded 300 (it read "redeemed -300" before).
    program = make_program(svc)
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Tote", "reward_type": "free_product",
                                                          "points_cost": 300})
    at(clock, dt.date(2026, 9, 10))
    ada = enroll(svc, program.id, "Ada")
    svc.record_purchase(SHOP, program.id, ada.id, "500", "A1")
    redemption = svc.create_redemption(SHOP, program.id, ada.id, reward.id)
    svc.run_daily_jobs(SHOP)
    at(clock, dt.date(2026, 10, 1), hour=1)
    svc.run_daily_jobs(SHOP)                          # September's last snapshot
    at(clock, dt.date(2026, 10, 5))
    svc.update_redemption_status(SHOP, redemption.id, "cancelled")
    at(clock, dt.date(2026, 11, 2), hour=1)
    svc.run_daily_jobs(SHOP)
    months = {m["month"]: m for m in svc.get_points_liability(SHOP)["monthly"]}
    assert months["2026-09"] == {"month": "2026-09", "issued": 500, "redeemed": 300, "refunded": 0, "expired": 0}
    assert months["2026-10"] == {"month": "2026-10", "issued": 0, "redeemed": 0, "refunded": 300, "expired": 0}
    assert months["2026-11"] == {"month": "2026-11", "issued": 0, "redeemed": 0, "refunded": 0, "expired": 0}


def test_liability_windows_and_pending(svc, clock):
    program = make_program(svc, points_expiration_days=45, program_rules={"pending_days": 5})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "80", "P1")
    assert svc.get_points_liability(SHOP)["pointsPending"] == 80
    svc.reverse_purchase(SHOP, program.id, "P1", "20")
    assert svc.get_points_liability(SHOP)["pointsPending"] == 60
    clock.advance(days=5)
    svc.run_daily_jobs(SHOP)
    liability = svc.get_points_liability(SHOP)
    assert (liability["pointsPending"], liability["pointsOutstanding"]) == (0, 60)
    assert (liability["expiringNext30Days"], liability["expiringNext60Days"], liability["expiringNext90Days"]) == (
        0, 60, 60)


def test_churn_after_ninety_quiet_days(svc, shop, clock):
    program, _ = shop
    at(clock, dt.date(2026, 6, 2), hour=0)
    svc.run_daily_jobs(SHOP)
    rows = {s.analytics_date: s for s in svc.get_analytics_snapshots(SHOP, program.id)}
    # Bob's last visit was Mar 2, Ada's Mar 3 (a redemption), Cy's Mar 4.
    assert (rows[dt.date(2026, 5, 30)].active_members, rows[dt.date(2026, 5, 30)].churned_members) == (3, 0)
    assert (rows[dt.date(2026, 5, 31)].active_members, rows[dt.date(2026, 5, 31)].churned_members) == (2, 1)
    assert (rows[dt.date(2026, 6, 1)].active_members, rows[dt.date(2026, 6, 1)].churned_members) == (1, 1)


def test_empty_shop_dashboard_has_no_division_by_zero(svc):
    data = svc.get_loyalty_dashboard_data(SHOP)
    assert (data["totalMembers"], data["averagePointsPerMember"], data["redemptionRate"]) == (0, 0, 0.0)
    assert data["membershipTrendLastMonth"] == [] and data["tierDistribution"] == {}
    assert svc.get_points_liability(SHOP)["breakageRate"] == 0.0


def test_running_totals_are_rebuilt_for_an_older_database(svc, shop, db_url, clock):
    program, _ = shop
    with svc.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM loyalty_expiry_calendar"))
        conn.execute(text("DELETE FROM loyalty_program_totals"))
    assert any(p.rule == "R" for p in svc.check_ledger())
    reopened = LoyaltyService(db_url, clock=clock)
    try:
        assert reopened.check_ledger() == []
        assert reopened.get_loyalty_dashboard_data(SHOP)["totalPointsOutstanding"] == 115
    finally:
        reopened.close()


def test_a_cancellation_does_not_make_a_days_redemptions_negative(svc, shop, clock):
    program, (ada, _, _) = shop
    svc.run_daily_jobs(SHOP)
    redemption = svc.get_member_redemptions(SHOP, ada.id)[0]
    at(clock, MAR(5))
    svc.update_redemption_status(SHOP, redemption.id, "cancelled")
    at(clock, MAR(6), hour=0)
    svc.run_daily_jobs(SHOP)
    day = {s.analytics_date: s for s in svc.get_analytics_snapshots(SHOP, program.id)}[MAR(5)]
    assert (day.redemptions, day.points_redeemed_today, day.total_points_redeemed) == (0, -60, 0)
    at(clock, MAR(7))
    trend = {d["date"]: d for d in svc.get_loyalty_dashboard_data(SHOP)["redemptionTrendLastMonth"]}
    assert trend["2026-03-05"] == {"date": "2026-03-05", "redemptions": 0, "pointsRedeemed": 0, "pointsRefunded": 60}
    assert all(d["pointsRedeemed"] >= 0 for d in trend.values())
