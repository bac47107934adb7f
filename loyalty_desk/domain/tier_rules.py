"""The pure tier rules, with no database: shared by the engine and by the tier editor's live checks."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, TypeVar


class TierRange(Protocol):
    min_points_required: int
    max_points_required: int | None


T = TypeVar("T", bound=Any)


def tier_for_points(tiers: Sequence[T], points: int | Decimal) -> T | None:
    """The tier whose range holds `points`: min inclusive, max inclusive, no max = open-ended (a
    hybrid program's spend is compared with the same ranges, read as whole units of money: $1,999.50
    is within a range that ends at 1,999, so the test is "below max + 1")."""
    for tier in tiers:
        if tier.min_points_required <= points and (tier.max_points_required is None
                                                   or points < tier.max_points_required + 1):
            return tier
    return None


def uncovered_ranges(tiers: Sequence[TierRange]) -> list[tuple[int, int | None]]:
    """The points no tier's range holds, as (min, max) ranges, max inclusive (None: no max), from 0
    up (points are never negative): below the lowest tier, in gaps, and above a top tier with a max."""
    out: list[tuple[int, int | None]] = []
    start: int | None = 0          # the lowest points not yet known to be covered; None: all are
    for tier in sorted(tiers, key=lambda t: t.min_points_required):
        if start is None:
            break
        if tier.min_points_required > start:
            out.append((start, tier.min_points_required - 1))
        if tier.max_points_required is None:
            start = None
        else:
            start = max(start, tier.max_points_required + 1)
    if start is not None:
        out.append((start, None))
    return out


def next_tier(tiers: Sequence[T], points: int | Decimal) -> T | None:
    above = [t for t in tiers if t.min_points_required > points]
    return min(above, key=lambda t: t.min_points_required) if above else None


def ranges_overlap(a_min: int, a_max: int | None, b_min: int, b_max: int | None) -> bool:
    inf = float("inf")
    return a_min <= (b_max if b_max is not None else inf) and b_min <= (a_max if a_max is not None else inf)


# --- tier periods (README, "Tier periods") ------------------------------------------------

ROLLING = "rolling"
CALENDAR_YEAR = "calendar_year"
TIER_PERIODS = (ROLLING, CALENDAR_YEAR)
DEFAULT_RESET = "01-01"
# The program_rules keys of tier qualification; the service validates them (services/programs.py).
PERIOD_RULES = ("tier_qualification_days", "tier_period", "tier_reset_date", "tier_grace", "tier_demotion_months")
SPEND_TYPES = frozenset({"hybrid"})


@dataclass(frozen=True, slots=True)
class TierPeriod:
    """How a program measures tier status: on what, over which period, and what keeps it.

    `on_spend`: hybrid programs qualify on money spent (tier thresholds are whole units of the
    currency), the others on qualifying points. `rolling_days`: a window of that many recent
    days; `calendar_year`: the qualification year starting on the reset date (month, day) each
    year; neither: everything ever earned. `grace`: a tier reached in one qualification year is
    kept through the next. `demotion_months`: after that many months without activity a member
    qualifies as if they had nothing.
    """

    on_spend: bool = False
    rolling_days: int | None = None
    calendar_year: bool = False
    reset: tuple[int, int] = (1, 1)
    grace: bool = False
    demotion_months: int | None = None

    @property
    def lifetime(self) -> bool:
        return self.rolling_days is None and not self.calendar_year

    @property
    def demotes_daily(self) -> bool:
        """Lifetime and rolling measures follow the value both ways every day; a calendar year
        only promotes between its resets."""
        return not self.calendar_year


def parse_reset(text: str) -> tuple[int, int] | None:
    """"MM-DD" as (month, day), None when it is no day of every year (29 February is not)."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != "-" or not (text[:2] + text[3:]).isdigit():
        return None
    month, day = int(text[:2]), int(text[3:])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2025, month)[1]:
        return None
    return month, day


def tier_period(program_type: str, rules: Mapping[str, Any] | None) -> TierPeriod:
    """The program's tier period from its (validated) program_rules."""
    rules = rules or {}
    months = rules.get("tier_demotion_months")
    on_spend, demotion = program_type in SPEND_TYPES, int(months) if months else None
    if rules.get("tier_period") == CALENDAR_YEAR:
        return TierPeriod(on_spend=on_spend, demotion_months=demotion, calendar_year=True,
                          reset=parse_reset(rules.get("tier_reset_date") or DEFAULT_RESET) or (1, 1),
                          grace=bool(rules.get("tier_grace")))
    days = rules.get("tier_qualification_days")
    return TierPeriod(on_spend=on_spend, demotion_months=demotion, rolling_days=int(days) if days else None)


def year_start(day: dt.date, reset: tuple[int, int]) -> dt.date:
    """The first day of the qualification year holding `day`: the last reset date on or before it."""
    this_year = dt.date(day.year, *reset)
    return this_year if this_year <= day else dt.date(day.year - 1, *reset)


def next_reset(day: dt.date, reset: tuple[int, int]) -> dt.date:
    """The first reset date after `day`."""
    start = year_start(day, reset)
    return start.replace(year=start.year + 1)


def reset_between(after: dt.date | None, day: dt.date, reset: tuple[int, int]) -> bool:
    """Whether a reset date falls after `after` and on or before `day` (None: only `day` itself)."""
    start = year_start(day, reset)
    return start == day if after is None else after < start


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier (the month's last day when shorter)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


Value = int | Decimal


def standing_target(tiers: Sequence[T], value: Value, previous: Value = 0, *, inactive: bool = False) -> T | None:
    """The tier a member qualifies for: by this period's value, or by the previous qualification
    year's under a grace (`previous`), whichever is higher; by nothing when inactive too long."""
    if inactive:
        return tier_for_points(tiers, 0)
    return tier_for_points(tiers, max(value, previous))
