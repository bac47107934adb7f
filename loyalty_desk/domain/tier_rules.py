"""The pure tier rules, with no database: shared by the engine and by the tier editor's live checks."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar


class TierRange(Protocol):
    min_points_required: int
    max_points_required: int | None


T = TypeVar("T", bound=Any)


def tier_for_points(tiers: Sequence[T], points: int) -> T | None:
    """The tier whose range holds `points`: min inclusive, max inclusive, no max = open-ended."""
    for tier in tiers:
        if tier.min_points_required <= points and (tier.max_points_required is None
                                                   or points <= tier.max_points_required):
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


def next_tier(tiers: Sequence[T], points: int) -> T | None:
    above = [t for t in tiers if t.min_points_required > points]
    return min(above, key=lambda t: t.min_points_required) if above else None


def ranges_overlap(a_min: int, a_max: int | None, b_min: int, b_max: int | None) -> bool:
    inf = float("inf")
    return a_min <= (b_max if b_max is not None else inf) and b_min <= (a_max if a_max is not None else inf)
