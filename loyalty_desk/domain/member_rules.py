"""A member's life in a program, by rule (README, "Member lifecycle, milestones and referrals").

Pure: the program_rules keys, and what they decide. The services apply them (services/lifecycle.py,
services/milestones.py, services/members.py for the referred friend's bonus).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# program_rules keys.
LAPSE_RULE = "lapse_after_days"                 # no activity this long: active -> inactive
EXPIRE_RULE = "expire_after_days"               # lapsed and no activity this long: inactive -> expired
EXPIRE_WITH_POINTS_RULE = "expire_when_points_expire"   # a lapsed member's last points expired: -> expired
MILESTONES_RULE = "milestones"                  # {"visits": [10, 50, 100], "lifetime_points": [1000, 5000]}
FRIEND_BONUS_RULE = "referee_bonus_points"      # the referred friend's bonus, on their first purchase
MEMBER_RULE_KEYS = (LAPSE_RULE, EXPIRE_RULE, EXPIRE_WITH_POINTS_RULE, MILESTONES_RULE, FRIEND_BONUS_RULE)

MILESTONE_KINDS = ("visits", "lifetime_points")
# The milestones the editor offers for visits (the spec's 10th, 50th and 100th visit).
DEFAULT_VISIT_MILESTONES = (10, 50, 100)
MAX_MILESTONES = 10


def rule_int(rules: Mapping[str, Any] | None, key: str) -> int | None:
    """A whole-number rule, or None when the program does not set it (off)."""
    value = (rules or {}).get(key)
    return int(value) if value else None


def thresholds(rules: Mapping[str, Any] | None, kind: str) -> Sequence[int]:
    """A kind of milestone's thresholds, lowest first (none when the program sets none)."""
    return tuple((((rules or {}).get(MILESTONES_RULE) or {}).get(kind)) or ())


def crossed(marks: Iterable[int], before: int, after: int) -> list[int]:
    """The thresholds reached by going from `before` to `after` (above the one, up to the other)."""
    return [mark for mark in marks if before < mark <= after]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"
