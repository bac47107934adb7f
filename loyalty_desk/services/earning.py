"""How many points a purchase earns, by program type (README, "Earning")."""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from ..models import Program, Tier
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


def purchase_points(program: Program, tier: Tier | None, amount: Decimal) -> int:
    kind = ProgramType(program.program_type)
    if kind == ProgramType.STAMPS:
        # A visit earns one stamp, whatever the amount: no rate, and no multiplier of any kind.
        return 1 if amount >= Decimal((program.program_rules or {}).get(STAMP_MIN_AMOUNT) or 0) else 0
    if kind == ProgramType.CASH_BACK:
        percent = Decimal(str((program.program_rules or {}).get("cash_back_percent", "0")))
        return _floor(amount * percent / 100 * minor_units(program.currency))
    points = amount * Decimal(program.points_per_dollar)
    if kind in (ProgramType.TIERED, ProgramType.HYBRID) and tier is not None:
        points *= Decimal(tier.points_multiplier)
    return _floor(points)
