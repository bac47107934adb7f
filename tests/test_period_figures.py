"""The headline figures of a period and its chart buckets, on the hand-computed shop of test_analytics."""
import datetime as dt
from decimal import Decimal

import pytest

from loyalty_desk.errors import ValidationError

from .support import SHOP
from .test_analytics import MAR, at, shop  # noqa: F401  (shop is a fixture)

FLOWS = ("points_issued", "points_redeemed", "points_refunded", "points_expired", "new_members", "spending")


@pytest.fixture
def cancelled(svc, shop, clock):  # noqa: F811
    """The shop of test_analytics, with Ada's redemption of 60 cancelled on Mar 5; snapshots to Mar 5."""
    program, (ada, _, _) = shop
    svc.run_daily_jobs(SHOP)
    at(clock, MAR(5))
    svc.update_redemption_status(SHOP, svc.get_member_redemptions(SHOP, ada.id)[0].id, "cancelled")
    at(clock, MAR(6), hour=0)
    svc.run_daily_jobs(SHOP)
    return program


def flows(totals):
    return tuple(getattr(totals, name) for name in FLOWS)


def test_two_periods_differ_as_the_data_does(svc, cancelled):
    figures = svc.get_period_figures(SHOP, MAR(4), MAR(5))
    # Mar 4-5: Cy joins and buys $55.50; the redemption is cancelled: no redemption, 60 refunded.
    assert flows(figures.current) == (55, 0, 60, 0, 1, Decimal("55.50"))
    # Mar 2-3: $130 bought, $10 returned, 60 redeemed.
    assert flows(figures.previous) == (130, 60, 0, 0, 2, Decimal("120.00"))
    # States as of each period's last day: the refund brings the 60 back, and nobody has redeemed any more.
    assert (figures.current.points_outstanding, figures.current.liability) == (175, Decimal("1.75"))
    assert (figures.previous.points_outstanding, figures.previous.liability) == (60, Decimal("0.60"))
    assert (figures.current.total_members, figures.current.active_members) == (3, 3)
    assert (figures.previous.redemption_rate, figures.current.redemption_rate) == (100.0, 0.0)
    assert figures.currency == "USD"


def test_the_previous_period_is_as_long_and_just_before(svc, cancelled):
    for first, last in ((MAR(5), MAR(5)), (MAR(3), MAR(5)), (dt.date(2026, 2, 1), MAR(5))):
        figures = svc.get_period_figures(SHOP, first, last)
        previous = figures.previous
        assert previous.last == first - dt.timedelta(days=1)
        assert previous.last - previous.first == last - first
        assert (figures.current.first, figures.current.last) == (first, last)


def test_redeemed_is_never_negative_when_a_redemption_is_cancelled(svc, cancelled):
    day = svc.get_period_figures(SHOP, MAR(5), MAR(5)).current
    assert (day.points_redeemed, day.points_refunded) == (0, 60)
    for bucket in svc.get_analytics_buckets(SHOP, MAR(1), MAR(5)):
        assert bucket.points_redeemed >= 0 and bucket.points_refunded >= 0
    by_day = {b.first: (b.points_redeemed, b.points_refunded) for b in svc.get_analytics_buckets(SHOP, MAR(1), MAR(5))}
    assert by_day[MAR(3)] == (60, 0) and by_day[MAR(5)] == (0, 60)


@pytest.mark.parametrize("first, last, count, longest", [
    (dt.date(2026, 3, 5), dt.date(2027, 3, 4), 13, 31),     # 12 months: by month, the ends cut
    (dt.date(2026, 3, 1), dt.date(2027, 2, 28), 12, 31),
    (dt.date(2026, 2, 1), dt.date(2026, 7, 31), 27, 7),     # 6 months: by ISO week
    (dt.date(2026, 2, 6), dt.date(2026, 3, 7), 30, 1),      # 30 days: by day
])
def test_buckets_follow_the_period_and_add_up_to_its_totals(svc, cancelled, first, last, count, longest):
    cuts = svc.get_analytics_buckets(SHOP, first, last)
    assert len(cuts) == count
    assert max((b.last - b.first).days + 1 for b in cuts) == longest
    assert cuts[0].first == first and cuts[-1].last == last
    assert all(a.last + dt.timedelta(days=1) == b.first for a, b in zip(cuts, cuts[1:], strict=False))
    whole = svc.get_period_figures(SHOP, first, last).current
    for name in FLOWS:
        assert sum(getattr(b, name) for b in cuts) == getattr(whole, name), name
    assert cuts[-1].total_members == whole.total_members


def test_one_program_or_all(svc, cancelled):
    other = svc.create_loyalty_program(SHOP, {"program_name": "Other", "program_type": "points",
                                              "points_per_dollar": "1"})
    assert svc.get_period_figures(SHOP, MAR(2), MAR(5), program_id=other.id).current.points_issued == 0
    assert svc.get_period_figures(SHOP, MAR(2), MAR(5), program_id=cancelled.id).current.points_issued == 185
    assert svc.get_period_figures(SHOP, MAR(2), MAR(5)).current.points_issued == 185


def test_a_period_that_ends_before_it_starts_is_refused(svc, cancelled):
    with pytest.raises(ValidationError):
        svc.get_period_figures(SHOP, MAR(5), MAR(4))
    with pytest.raises(ValidationError):
        svc.get_analytics_buckets(SHOP, MAR(5), MAR(4))
