"""Injectable time. Every rule that depends on the date asks a Clock."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ValidationError

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


def job_moment(as_of: object, now: dt.datetime, tz: dt.tzinfo) -> tuple[dt.date, dt.datetime]:
    """The day the daily jobs run for, and the instant they act at (`run_daily_jobs(as_of=)`).

    None is today, now; an aware datetime is its own instant; a date other than today acts as
    if run just after that day's midnight. Anything else, or more than ten years away, is refused.
    """
    today = local_date(now, tz)
    if as_of is None:
        return today, now
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None:
            raise ValidationError("as_of must be a date or an aware datetime", field="as_of")
        if abs((as_of - now).days) > 3660:
            raise ValidationError("as_of must be within ten years of today", field="as_of")
        moment = as_of.astimezone(dt.UTC)
        return local_date(moment, tz), moment
    if isinstance(as_of, dt.date):
        if abs((as_of - today).days) > 3660:
            raise ValidationError("as_of must be within ten years of today", field="as_of")
        return as_of, now if as_of == today else start_of_day(as_of, tz)
    raise ValidationError("as_of must be a date or an aware datetime", field="as_of")
