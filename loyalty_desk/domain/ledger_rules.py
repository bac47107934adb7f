"""The ledger's rules, written once (docs/ARCHITECTURE.md, "The ledger").

Pure Python: no SQLAlchemy, no Qt. The service posts rows by these rules, the running
totals, the daily snapshots and `check_ledger` tally rows by them, and the SQL sums are
built from the same table (`TERMS`), so a rule changed here changes everywhere at once.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Literal, Protocol

from .vocabulary import TransactionStatus, TransactionType

# Rows that earn: they count towards lifetime (and tier-qualifying) points, and their credits are "issued".
EARNING_TYPES = frozenset({
    TransactionType.PURCHASE,
    TransactionType.WELCOME_BONUS,
    TransactionType.REFERRAL,
    TransactionType.BIRTHDAY_BONUS,
    TransactionType.MANUAL_ADJUSTMENT,
})
# Rows that move points between members and rewards: a redemption and its refund.
REDEEMING_TYPES = frozenset({TransactionType.REDEMPTION, TransactionType.REDEMPTION_REFUND})
# Rows that only ever take points away (or move none): one that adds points breaks the ledger.
DEBIT_TYPES = frozenset({TransactionType.REDEMPTION, TransactionType.EXPIRATION, TransactionType.PURCHASE_RETURN})

# A member in no tier: the key in the running totals' tier counts (stored as "none" since the
# first release), and the name shown and stored in snapshot tier distributions.
NO_TIER_KEY = "none"
NO_TIER = "No tier"

Column = Literal["points", "amount", "shortfall", "qualifying_points"]
Total = Literal["outstanding", "issued", "redeemed", "expired", "spending", "qualifying"]


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a row's effect: `sign` times `column` of a row of one of `types` goes to `total`.

    `completed_only` rows count only once completed (pending and failed holds move no points);
    `credits_only` counts a row only when it adds points.
    """

    total: Total
    types: frozenset[TransactionType]
    column: Column
    sign: int = 1
    completed_only: bool = True
    credits_only: bool = False

    def applies(self, transaction_type: str, status: str, points: int) -> bool:
        return (transaction_type in self.types
                and (not self.completed_only or status == TransactionStatus.COMPLETED)
                and (not self.credits_only or points > 0))


# What one ledger row does to the totals. The Python tally (`row_effect`) and the SQL sums
# (services/ledger_sql.py) are both read from this table.
TERMS: tuple[Term, ...] = (
    Term("outstanding", frozenset(TransactionType), "points"),
    Term("issued", EARNING_TYPES, "points", credits_only=True),
    Term("redeemed", REDEEMING_TYPES, "points", sign=-1),
    Term("expired", frozenset({TransactionType.EXPIRATION}), "points", sign=-1),
    # Sales count when made, whatever becomes of their points; returns count against them.
    Term("spending", frozenset({TransactionType.PURCHASE}), "amount", completed_only=False),
    Term("spending", frozenset({TransactionType.PURCHASE_RETURN}), "amount", sign=-1, completed_only=False),
    # Earnings qualify; a return takes back all it meant to, including what it could not take.
    Term("qualifying", EARNING_TYPES | {TransactionType.PURCHASE_RETURN}, "points"),
    Term("qualifying", frozenset({TransactionType.PURCHASE_RETURN}), "shortfall", sign=-1),
    # A merge moves points between two members of one program (outstanding only, above) and the
    # merged member's lifetime points, carried in its own column: nothing is issued or redeemed.
    Term("qualifying", frozenset({TransactionType.MEMBER_MERGE}), "qualifying_points"),
    # An opening balance brought in by an import carries, as its shortfall, the points the member
    # had earned before and already spent: lifetime points the balance never held (README, "Import").
    Term("qualifying", frozenset({TransactionType.MANUAL_ADJUSTMENT}), "shortfall"),
    # Or, as its qualifying points (negative), the part of the balance that never counted: a
    # member can hold more points than their lifetime total (a cancelled redemption refunds
    # points a return had already taken off the lifetime total).
    Term("qualifying", frozenset({TransactionType.MANUAL_ADJUSTMENT}), "qualifying_points"),
)


@dataclass(frozen=True, slots=True)
class RowEffect:
    """What one ledger row adds to each total (negative: takes away)."""

    outstanding: int = 0
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    spending: Decimal = Decimal(0)
    qualifying: int = 0

    def __add__(self, other: RowEffect) -> RowEffect:
        """Effects add up: the totals of many rows are the sum of their effects."""
        return RowEffect(self.outstanding + other.outstanding, self.issued + other.issued,
                         self.redeemed + other.redeemed, self.expired + other.expired,
                         self.spending + other.spending, self.qualifying + other.qualifying)


# TERMS compiled into one plan per kind of row (type, completed, adds points): for each points
# total, how much of the row's points, of its shortfall and of its qualifying points it takes,
# and the share of its amount that is spending. row_effect runs for every row posted, replayed
# or audited, so it reads the plan rather than testing every term.
_POINT_TOTALS: tuple[Total, ...] = ("outstanding", "issued", "redeemed", "expired", "qualifying")
_Plan = tuple[tuple[tuple[int, int, int], ...], int]


def _plan(kind: TransactionType, completed: bool, credit: bool) -> _Plan:
    status = TransactionStatus.COMPLETED if completed else TransactionStatus.PENDING
    terms = [term for term in TERMS if term.applies(kind, status, 1 if credit else -1)]
    assert all(term.column == "amount" for term in terms if term.total == "spending"), "spending is money"
    assert all(term.column != "amount" for term in terms if term.total != "spending"), "points are not money"

    def share(total: Total, column: Column) -> int:
        return sum(term.sign for term in terms if term.total == total and term.column == column)

    return (tuple((share(t, "points"), share(t, "shortfall"), share(t, "qualifying_points")) for t in _POINT_TOTALS),
            share("spending", "amount"))


_PLANS: dict[tuple[str, bool, bool], _Plan] = {
    (kind.value, completed, credit): _plan(kind, completed, credit)
    for kind in TransactionType for completed in (True, False) for credit in (True, False)
}
_NO_MONEY = Decimal(0)


def row_effect(transaction_type: str, status: str, points: int, amount: Decimal | None = None,
               shortfall: int = 0, qualifying: int | None = None) -> RowEffect:
    """The effect of one ledger row on the program's totals and the member's qualifying points
    (`qualifying`: the row's `qualifying_points`, set on merge rows and on imported opening
    balances only)."""
    shares, spent = _PLANS[transaction_type, status == TransactionStatus.COMPLETED, points > 0]
    q_p = qualifying or 0
    (o, o_s, o_q), (i, i_s, i_q), (r, r_s, r_q), (e, e_s, e_q), (q, q_s, q_q) = shares
    return RowEffect(o * points + o_s * shortfall + o_q * q_p, i * points + i_s * shortfall + i_q * q_p,
                     r * points + r_s * shortfall + r_q * q_p, e * points + e_s * shortfall + e_q * q_p,
                     spent * Decimal(amount) if spent and amount else _NO_MONEY,
                     q * points + q_s * shortfall + q_q * q_p)


def qualifying_delta(transaction_type: str, points_amount: int, shortfall: int, qualifying: int | None = None) -> int:
    """How a completed row moves lifetime points: earnings count, returns take back all they meant to,
    a merge moves the merged member's lifetime points."""
    q, q_s, q_q = _PLANS[transaction_type, True, points_amount > 0][0][-1]
    return q * points_amount + q_s * shortfall + q_q * (qualifying or 0)


def lifetime_after(lifetime: int, transaction_type: str, points_amount: int, shortfall: int,
                   qualifying: int | None = None) -> int:
    """Lifetime points after a completed row. They never go below zero: a return of points that
    a correction already took away takes nothing more."""
    return max(0, lifetime + qualifying_delta(transaction_type, points_amount, shortfall, qualifying))


def points_taken_back(earned: int, amount: Decimal, returned: Decimal) -> int:
    """Points owed back after returning `returned` of `amount`: proportional, rounded down,
    computed on the running total so partial returns add up to exactly the whole."""
    if amount <= 0:
        return 0
    return int(Decimal(earned) * returned // amount)


def return_cut(earned: int, amount: Decimal, returned_before: Decimal, returned_after: Decimal) -> int:
    """Points one return takes back: the running total's share after it, less the share before it."""
    return points_taken_back(earned, amount, returned_after) - points_taken_back(earned, amount, returned_before)


def held_points_left(held: int, amount: Decimal, returned: Decimal) -> int:
    """What a pending hold of `held` points will credit, once `returned` of its `amount` came back."""
    return held - points_taken_back(held, amount, returned)


def points_to_restore(spent: int, amount: Decimal, returned: Decimal, restored_before: int) -> int:
    """Points a return gives back of a discount that spent `spent` on an order of `amount`, once
    `returned` of it came back in all: the running total's share (as `points_taken_back`), less
    what earlier returns restored, so partial returns add up to exactly the whole, and never twice."""
    return max(0, points_taken_back(spent, amount, returned) - restored_before)


def discount_points_unit(per_unit: int, minor: int) -> int:
    """The smallest number of points worth a whole number of minor units (cents) at `per_unit`
    points to the currency's unit: a discount is exact money, never a rounded fraction of a cent."""
    return per_unit // math.gcd(per_unit, minor)


def discount_value(points: int, per_unit: int, places: int) -> Decimal:
    """The money `points` are worth at `per_unit` points to the unit, in the currency's places
    (exact when `points` is a multiple of `discount_points_unit`)."""
    return (Decimal(points) / Decimal(per_unit)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


def discount_points_cap(basket: Decimal, percent: int, per_unit: int, step: int) -> int:
    """The most points a basket of `basket` takes when a discount may cover at most `percent` of it:
    rounded down to a multiple of `step`."""
    most = int((basket * percent * per_unit / 100).to_integral_value(rounding=ROUND_FLOOR))
    return most - most % step


def discount_step(step: int, per_unit: int, minor: int) -> int:
    """The multiple of points a discount is taken in: the program's step and the exact-money unit together."""
    return math.lcm(step, discount_points_unit(per_unit, minor))


def unmakes_redemption(transaction_type: str, reference_type: str | None) -> bool:
    """A refund that cancels a redemption (the analytics' redeeming members count it off); points a
    return gives back of a discount leave the discount taken."""
    return transaction_type == TransactionType.REDEMPTION_REFUND and reference_type != DISCOUNT_RESTORE


def take_back(owed: int, balance: int) -> tuple[int, int]:
    """(taken, shortfall): a return takes what the balance still holds; the rest was already spent."""
    taken = min(owed, balance)
    return taken, owed - taken


def spent_after_return(total_spent: Decimal, returned: Decimal) -> Decimal:
    """A member's total spent after a return: less what came back, never below zero."""
    return max(Decimal(0), total_spent - returned)


def points_earned(pending_points: int | None, points_amount: int) -> int:
    """Points a purchase row was worth: held then released (`pending_points`), or credited at once."""
    return pending_points if pending_points is not None else points_amount


def birthday_points(bonus_points: int, multiplier: Decimal) -> int:
    """The birthday bonus, times the tier's multiplier, rounded down."""
    return int((bonus_points * multiplier).to_integral_value(rounding=ROUND_FLOOR))


class Expiring(Protocol):
    @property
    def points_expiration_days(self) -> int | None: ...


def expiry_for(program: Expiring, earned_at: dt.datetime) -> dt.datetime | None:
    """When points earned at `earned_at` expire (None: the program's points never do)."""
    if program.points_expiration_days is None:
        return None
    return earned_at + dt.timedelta(days=program.points_expiration_days)


def refund_expiry(lot_expiries: Sequence[dt.datetime | None]) -> dt.datetime | None:
    """Refunded points keep the latest expiry of the lots they were taken from; none if any of
    those lots never expired (or there were none)."""
    if not lot_expiries or None in lot_expiries:
        return None
    return max(d for d in lot_expiries if d is not None)


def tier_count_key(tier_id: int | None) -> str:
    """A member's key in the running totals' tier counts."""
    return str(tier_id) if tier_id else NO_TIER_KEY


# Reference types the engine writes on its own rows; a row added by hand (add_points_transaction)
# may not use them, so a row with none of them is one a person typed in (the cashier limits).
ENGINE_REFERENCE_TYPES = frozenset({"order", "void", "return", "order_return", "welcome", "referral", "birthday",
                                    "referral_friend", "expiration", "pending_release", "redemption", "refund",
                                    "merge", "merge_in", "merge_lot", "merge_lot_in", "import", "discount",
                                    "discount_restore"})
# A discount (points as money off an order) is a redemption with this reference type, keyed by the
# order; what a return of the order gives back is a redemption refund with DISCOUNT_RESTORE.
DISCOUNT = "discount"
DISCOUNT_RESTORE = "discount_restore"
