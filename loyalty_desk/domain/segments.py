"""Member segments: the saved filters of the Members tab (README, "Segments").

Pure: each kind of segment with the one parameter it takes, its bounds and its default. The
service turns a rule into SQL (services/segments.py); the tab offers every kind with its default.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SegmentKind(StrEnum):
    INACTIVE = "inactive"                # no activity for N or more days
    BIRTHDAY_MONTH = "birthday_month"    # birthday in the shop's current month
    NEAR_NEXT_TIER = "near_next_tier"    # within N qualifying points of their next tier
    EXPIRING = "expiring"                # points expiring within N days
    TOP_SPENDERS = "top_spenders"        # the N biggest spenders (ties at the Nth included)
    ENROLLED = "enrolled"                # enrolled between two shop days, both inclusive


@dataclass(frozen=True, slots=True)
class Parameter:
    """The number a kind takes: its name (the field an error names), bounds and default."""

    name: str
    minimum: int
    maximum: int
    default: int


PARAMETERS: dict[SegmentKind, Parameter | None] = {
    SegmentKind.INACTIVE: Parameter("days", 1, 3650, 90),
    SegmentKind.BIRTHDAY_MONTH: None,
    SegmentKind.NEAR_NEXT_TIER: Parameter("points", 1, 10_000_000, 100),
    SegmentKind.EXPIRING: Parameter("days", 1, 3650, 30),
    SegmentKind.TOP_SPENDERS: Parameter("count", 1, 100_000, 50),
    SegmentKind.ENROLLED: None,          # takes a period: first and last day
}
# How far back an "enrolled" segment starts by default, in days before today.
ENROLLED_DEFAULT_DAYS = 30
