"""How many points a purchase earns, by program type (README, "Earning")."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from ..models import Program, Promotion, Tier
from ..models.enums import ProgramType

# The program_rules key of a stamp card's least qualifying amount (README, "Program rules").
STAMP_MIN_AMOUNT = "stamp_min_amount"
# Minor units per major unit, for cash back held as points worth one minor unit.
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "XAF", "XOF", "UGX", "PYG"})


def minor_units(currency: str) -> int:
    return 1 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 100


def currency_places(currency: str) -> int:
    return 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True, slots=True)
class Earning:
    """The points of one purchase, and the promotion that gave them (None: the program's own rate)."""

    points: int
    promotion: Promotion | None = None


def purchase_points(program: Program, tier: Tier | None, amount: Decimal) -> int:
    """The points of a purchase at the program's own rate, with no promotion."""
    return purchase_earning(program, tier, amount, (), None).points


def purchase_earning(program: Program, tier: Tier | None, amount: Decimal, promotions: Sequence[Promotion],
                     moment: dt.datetime | None) -> Earning:
    """The points of a purchase of `amount` at `moment` (aware, in the shop's time zone), with the
    best of the `promotions` in force (README, "Promotions").

    Without a promotion: amount x rate x tier multiplier, rounded down. A multiplier promotion
    takes the larger of its multiplier and the tier's (the tier's stays when it is larger), or
    both multiplied when it `stacks_with_tier`. A bonus promotion adds its points to the rounded
    points. Only one promotion ever applies: the one that earns the most (the first made, on a
    tie); one that earns no more than the program's own rate is not named.

    A stamp card earns one stamp per qualifying visit, whatever the amount: no rate, and no
    multiplier or promotion of any kind.
    """
    if program.program_type == ProgramType.STAMPS:
        return Earning(1 if amount >= Decimal((program.program_rules or {}).get(STAMP_MIN_AMOUNT) or 0) else 0)
    base, tier_factor = _base(program, amount), _tier_factor(program, tier)
    best = Earning(_floor(base * tier_factor))
    for promotion in sorted(promotions, key=lambda p: p.id):
        if moment is None or not promotion_applies(promotion, moment, amount, tier.id if tier else None):
            continue
        if promotion.multiplier is not None:
            multiplier = Decimal(promotion.multiplier)
            factor = tier_factor * multiplier if promotion.stacks_with_tier else max(tier_factor, multiplier)
            points = _floor(base * factor)
        else:
            points = _floor(base * tier_factor) + int(promotion.bonus_points or 0)
        if points > best.points:
            best = Earning(points, promotion)
    return best


def promotion_applies(promotion: Promotion, moment: dt.datetime, amount: Decimal, tier_id: int | None) -> bool:
    """Whether a promotion covers a purchase of `amount` at `moment` (aware, in the shop's time
    zone: the weekday and the hour are the shop's) by a member of tier `tier_id`."""
    if not promotion.active or not promotion.starts_at <= moment < promotion.ends_at:
        return False
    if promotion.days_of_week and moment.weekday() not in promotion.days_of_week:
        return False
    if promotion.hour_from is not None and promotion.hour_to is not None \
            and not promotion.hour_from <= moment.hour < promotion.hour_to:
        return False
    if promotion.min_amount is not None and amount < Decimal(promotion.min_amount):
        return False
    return not promotion.tier_ids or tier_id in promotion.tier_ids


def _base(program: Program, amount: Decimal) -> Decimal:
    """The points before any multiplier: cash back in minor units, else amount x rate."""
    if program.program_type == ProgramType.CASH_BACK:
        percent = Decimal(str((program.program_rules or {}).get("cash_back_percent", "0")))
        return amount * percent / 100 * minor_units(program.currency)
    return amount * Decimal(program.points_per_dollar)


def _tier_factor(program: Program, tier: Tier | None) -> Decimal:
    if program.program_type in (ProgramType.TIERED, ProgramType.HYBRID) and tier is not None:
        return Decimal(tier.points_multiplier)
    return Decimal(1)
