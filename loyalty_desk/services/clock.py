"""Injectable time. Every rule that depends on the date asks a Clock."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def checked_now(clock: Clock) -> dt.datetime:
    now = clock()
    if now.tzinfo is None:
        raise ValueError("the clock must return an aware datetime")
    return now.astimezone(dt.UTC)


def zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def local_date(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return moment.astimezone(tz).date()


def start_of_day(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant at which the shop's local `day` begins."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz).astimezone(dt.UTC)


def end_cutoff(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The first instant after the shop's local `day`: things dated `day` or earlier are before it."""
    return start_of_day(day + dt.timedelta(days=1), tz)
