"""Points as money off: a program's redemption value and the refusals of a discount (README,
"Program rules", "Points as money off").

Pure Python: no SQLAlchemy, no Qt. The service refuses by these rules and the counter's
"Use points" dialog previews by them, so the two never disagree; the arithmetic itself is the
ledger's (ledger_rules).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .ledger_rules import discount_points_cap, discount_points_unit, discount_step, discount_value
from .vocabulary import ProgramType

# program_rules keys.
REDEEM_PER_UNIT = "redeem_points_per_unit"          # N points = 1 unit of the program's currency
REDEEM_STEP = "redeem_points_step"                  # points are taken in multiples of this
REDEEM_MAX_PERCENT = "redeem_max_basket_percent"    # a discount covers at most this share of the basket
REDEEM_RESTORE = "redeem_restore_on_return"         # a return of the order gives the points back, pro rata
DISCOUNT_RULES = (REDEEM_PER_UNIT, REDEEM_STEP, REDEEM_MAX_PERCENT, REDEEM_RESTORE)


@dataclass(frozen=True, slots=True)
class DiscountTerms:
    """How a program's points become money off. `per_unit` points make one unit of `currency`;
    a cash back program's points are its minor units (`as_money`: the counter shows them as money)."""

    currency: str
    places: int
    minor: int
    per_unit: int
    step: int                  # the program's step (1: any number)
    min_points: int            # the program's min_redemption_points
    max_percent: int | None
    restore_on_return: bool
    as_money: bool

    @property
    def multiple(self) -> int:
        """Points are taken in multiples of this: the step, and a whole number of cents."""
        return discount_step(self.step, self.per_unit, self.minor)

    def value(self, points: int) -> Decimal:
        return discount_value(points, self.per_unit, self.places)

    def points_for(self, money: Decimal) -> int:
        """The points worth `money` (rounded down to whole points)."""
        return int(money * self.per_unit)

    def cap(self, basket: Decimal) -> int | None:
        """The most points a basket of `basket` takes (None: no cap)."""
        if self.max_percent is None:
            return None
        return discount_points_cap(basket, self.max_percent, self.per_unit, self.multiple)

    def refusal(self, points: int, basket: Decimal | None, balance: int | None = None) -> tuple[str, str] | None:
        """Why `points` cannot be taken off (field, message), or None. The basket is needed when
        the program caps the share of a basket; the balance, when known, is checked last."""
        if points < 1:
            return "points", "Enter the points to use"
        if points < self.min_points:
            return "points", f"Redeeming starts at {self.min_points:,} points"
        if points % self.step:
            return "points", f"Points are used in steps of {self.step:,}"
        exact = discount_points_unit(self.per_unit, self.minor)
        if points % exact:
            return "points", f"Use a multiple of {exact:,} points, so the discount is exact money"
        if self.max_percent is not None:
            if basket is None:
                return "basket_amount", f"Enter the basket: a discount covers at most {self.max_percent}% of it"
            most = self.cap(basket) or 0
            if points > most:
                return "points", (f"At most {most:,} points ({self.currency} {self.value(most)}, "
                                  f"{self.max_percent}% of the basket) on this order")
        if balance is not None and points > balance:
            return "points", f"Not enough points: {balance:,} of {points:,} needed"
        return None


def discount_terms(program_type: str, currency_places: int, currency: str, rules: Mapping[str, Any] | None,
                   min_points: int) -> DiscountTerms | None:
    """The program's terms, or None when its points cannot be taken as money (no redemption value set)."""
    rules = rules or {}
    minor = 10 ** currency_places
    cash_back = program_type == ProgramType.CASH_BACK
    per_unit = minor if cash_back else rules.get(REDEEM_PER_UNIT)
    if per_unit is None:
        return None
    percent = rules.get(REDEEM_MAX_PERCENT)
    return DiscountTerms(currency=currency, places=currency_places, minor=minor, per_unit=int(per_unit),
                         step=int(rules.get(REDEEM_STEP) or 1), min_points=min_points,
                         max_percent=int(percent) if percent is not None else None,
                         restore_on_return=bool(rules.get(REDEEM_RESTORE, False)), as_money=cash_back)
