"""The pure tier rules (domain/tier_rules.py): which points no tier holds."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from loyalty_desk.domain.tier_rules import tier_for_points, uncovered_ranges


@dataclass(frozen=True)
class Range:
    min_points_required: int
    max_points_required: int | None


@st.composite
def tier_ladders(draw: st.DrawFn) -> list[Range]:
    """Tiers that do not overlap (the service refuses overlaps), with gaps or not, the top open or capped."""
    bounds = sorted(set(draw(st.lists(st.integers(0, 300), min_size=1, max_size=8))))
    tiers = []
    for low, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        if draw(st.booleans()):
            continue
        high = None if nxt is None and draw(st.booleans()) else draw(st.integers(low, (nxt or 400) - 1))
        tiers.append(Range(low, high))
    return draw(st.permutations(tiers))


@given(tier_ladders())
def test_uncovered_ranges_hold_exactly_the_points_in_no_tier(tiers: list[Range]) -> None:
    ranges = uncovered_ranges(tiers)
    for points in range(0, 450):
        uncovered = any(low <= points and (high is None or points <= high) for low, high in ranges)
        assert uncovered == (tier_for_points(tiers, points) is None), (points, ranges)


def test_uncovered_ranges_examples() -> None:
    assert uncovered_ranges([]) == [(0, None)]
    assert uncovered_ranges([Range(0, None)]) == []
    assert uncovered_ranges([Range(1000, 1999), Range(0, 499), Range(2000, None)]) == [(500, 999)]
    assert uncovered_ranges([Range(100, 499), Range(500, 599)]) == [(0, 99), (600, None)]
