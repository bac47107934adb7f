"""Charts cut a period by day up to 31 days, by week up to six months, and by month beyond."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_desk.domain.periods import Grain, bucket_start, buckets, grain_for

D = dt.date


@pytest.mark.parametrize(("days", "grain"), [(1, Grain.DAY), (31, Grain.DAY), (32, Grain.WEEK), (184, Grain.WEEK),
                                             (185, Grain.MONTH), (366, Grain.MONTH)])
def test_the_grain_follows_the_length(days, grain):
    first = D(2026, 1, 1)
    assert grain_for(first, first + dt.timedelta(days=days - 1)) is grain


def test_twelve_months_are_at_most_thirteen_bars():
    cut = buckets(D(2025, 12, 4), D(2026, 12, 3))
    assert len(cut) == 13
    assert cut[0].first == D(2025, 12, 4) and cut[0].last == D(2025, 12, 31)
    assert cut[1].first == D(2026, 1, 1) and cut[1].last == D(2026, 1, 31)
    assert cut[2].last == D(2026, 2, 28)
    assert cut[-1].first == D(2026, 12, 1) and cut[-1].last == D(2026, 12, 3)


def test_weeks_start_on_monday_and_are_cut_to_the_period():
    cut = buckets(D(2026, 9, 3), D(2026, 12, 3))            # a Thursday to a Thursday, 92 days
    assert cut[0].first == D(2026, 9, 3) and cut[0].last == D(2026, 9, 6)    # Thursday to Sunday
    assert all(b.first.weekday() == 0 for b in cut[1:])
    assert cut[-1].first == D(2026, 11, 30) and cut[-1].last == D(2026, 12, 3)
    assert bucket_start(D(2026, 12, 3), Grain.WEEK) == D(2026, 11, 30)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        buckets(D(2026, 2, 2), D(2026, 2, 1))


@given(st.dates(D(2000, 1, 1), D(2090, 1, 1)), st.integers(0, 800))
def test_buckets_cover_the_period_exactly_once_in_order(first, length):
    last = first + dt.timedelta(days=length)
    cut = buckets(first, last)
    assert cut[0].first == first and cut[-1].last == last
    assert all(b.first <= b.last for b in cut)
    assert all(a.last + dt.timedelta(days=1) == b.first for a, b in zip(cut, cut[1:], strict=False))
    assert sum(b.days for b in cut) == length + 1
    grain = grain_for(first, last)
    assert all(bucket_start(b.first, grain) == bucket_start(b.last, grain) for b in cut)
    assert len(cut) <= {Grain.DAY: 31, Grain.WEEK: 28, Grain.MONTH: 28}[grain]
