"""The headline figures of a period, each beside the previous period's, written once for the
Analytics tab's cards and for the period report.

A change in the redemption rate is in percentage points ("+0.9 pp"), never "pts": in this
app "pts" would read as loyalty points.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Literal

from ...services.dto import PeriodFigures
from ..i18n import tr
from ..widgets import formatting as fmt

Tone = Literal["good", "bad", "muted"]


def no_earlier() -> str:
    """The change said when the previous period has nothing to compare with."""
    return tr("no earlier figures to compare")


@dataclass(frozen=True, slots=True)
class Headline:
    name: str           # the card's key
    caption: str
    value: str          # this period's figure, written out
    previous: str       # the previous period's
    change: str         # "+1,234", "−0.9 pp", "no change", or no_earlier()
    rising: bool | None  # None: no change, or nothing to compare with
    tone: Tone          # whether the change is good news for the shop


# name, caption, the PeriodTotals field, how a value is written ("points", "money" or "percent"),
# and whether a rise is good news (more points outstanding is more owed).
def fields() -> tuple[tuple[str, str, str, str, bool], ...]:
    return (
        ("issued", tr("Points issued"), "points_issued", "points", True),
        ("redeemed", tr("Points redeemed"), "points_redeemed", "points", True),
        ("members", tr("New members"), "new_members", "points", True),
        ("active", tr("Active members at the end"), "active_members", "points", True),
        ("rate", tr("Redemption rate at the end"), "redemption_rate", "percent", True),
        ("spending", tr("Spending"), "spending", "money", True),
        ("outstanding", tr("Points outstanding at the end"), "points_outstanding", "points", False),
        ("liability", tr("Points liability at the end"), "liability", "money", False),
    )


def comparable(figures: PeriodFigures) -> bool:
    """Whether the previous period says anything: a shop with no members by its end has nothing
    to compare (a young shop, or a period before the first program)."""
    before = figures.previous
    return before.total_members > 0 or before.points_issued > 0


def _writer(kind: str, currency: str) -> Callable[[int | float | Decimal], str]:
    if kind == "money":
        return partial(fmt.money, currency=currency)
    if kind == "percent":
        return lambda rate: f"{rate:.1f}%"
    return lambda count: fmt.points(int(count))


def _change(value: int | float | Decimal, earlier: int | float | Decimal, kind: str,
            write: Callable[[int | float | Decimal], str]) -> tuple[str, bool | None]:
    if kind == "percent":
        rate = round(float(value) - float(earlier), 1)
        delta, text = Decimal(str(rate)), tr("{rate} pp").format(rate=f"{abs(rate):,.1f}")
    else:
        delta = Decimal(value) - Decimal(earlier)
        text = write(abs(delta))  # a count's Decimal is written as the count
    if delta == 0:
        return tr("no change"), None
    return f"{'+' if delta > 0 else '−'}{text}", delta > 0


def headlines(figures: PeriodFigures) -> list[Headline]:
    """The eight headline figures of the period, in the cards' order."""
    now, before, compare = figures.current, figures.previous, comparable(figures)
    rows = []
    for name, caption, field, kind, good_when_up in fields():
        write = _writer(kind, figures.currency)
        value, earlier = getattr(now, field), getattr(before, field)
        change, rising = _change(value, earlier, kind, write) if compare else (no_earlier(), None)
        tone: Tone = "muted" if rising is None else "good" if rising == good_when_up else "bad"
        if name == "redeemed":
            caption = tr("Points redeemed ({n} refunded)").format(n=fmt.points(now.points_refunded))
        rows.append(Headline(name, caption, write(value), write(earlier), change, rising, tone))
    return rows
