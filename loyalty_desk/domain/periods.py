"""How a chart over a period is cut into bars: by day, by week, or by month.

Up to 31 days every day is a bar; up to about six months (184 days) a week is;
beyond that a month is, so a year is 12 or 13 bars, never 365. Weeks start on
Monday (ISO 8601). The first and last buckets are cut to the period, so no bar
holds a day outside it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


DAILY_UP_TO_DAYS = 31
WEEKLY_UP_TO_DAYS = 184


@dataclass(frozen=True, slots=True)
class Bucket:
    first: dt.date      # inclusive
    last: dt.date       # inclusive

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def grain_for(first: dt.date, last: dt.date) -> Grain:
    if last < first:
        raise ValueError("the period ends before it starts")
    days = (last - first).days + 1
    if days <= DAILY_UP_TO_DAYS:
        return Grain.DAY
    return Grain.WEEK if days <= WEEKLY_UP_TO_DAYS else Grain.MONTH


def bucket_start(day: dt.date, grain: Grain) -> dt.date:
    """The first day of the day, week or month that holds `day` (uncut)."""
    if grain is Grain.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if grain is Grain.MONTH:
        return day.replace(day=1)
    return day


def buckets(first: dt.date, last: dt.date, grain: Grain | None = None) -> list[Bucket]:
    """The period's buckets in order, the first and last cut to the period."""
    grain = grain or grain_for(first, last)
    out: list[Bucket] = []
    start = first
    while start <= last:
        end = min(_next_start(bucket_start(start, grain), grain) - dt.timedelta(days=1), last)
        out.append(Bucket(start, end))
        start = end + dt.timedelta(days=1)
    return out


def _next_start(start: dt.date, grain: Grain) -> dt.date:
    if grain is Grain.DAY:
        return start + dt.timedelta(days=1)
    if grain is Grain.WEEK:
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
