"""Short lines for a till's receipt (`LoyaltyService.get_receipt_lines`): what a transaction
earned or used, and where the member stands now, in the shop's number and date formats."""
from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from ...domain.ledger_rules import discount_value
from ...models import PointsTransaction
from ...models.enums import ProgramType, TransactionStatus, TransactionType
from ..earning import currency_places
from ..promotions import applied_name
from ..purchases import ORDER
from ..uow import Ctx
from .members import member_summary

# What the first line calls a row's points, by its type; any other row "earned" (or "taken" below 0).
_LABELS = {TransactionType.REDEMPTION.value: "Points used",
           TransactionType.PURCHASE_RETURN.value: "Points taken back",
           TransactionType.EXPIRATION.value: "Points expired",
           TransactionType.REDEMPTION_REFUND.value: "Points refunded"}


def _number(value: int, locale: str) -> str:
    return format_decimal(value, locale=locale)


def _day(value: dt.date, locale: str) -> str:
    return format_date(value, format="medium", locale=locale)


def _unit(program: Any) -> tuple[str, str]:
    """What the program counts in, as a receipt's label and noun: points, stamps or cash back."""
    kind = program.program_type
    if kind == ProgramType.STAMPS:
        return "Stamps", "stamps"
    if kind == ProgramType.CASH_BACK:
        return "Cash back", "cash back"
    return "Points", "points"


def _quantity(program: Any, value: int, locale: str) -> str:
    """A count of points or stamps as a number; cash back as the money it is (a point is a cent)."""
    if program.program_type != ProgramType.CASH_BACK:
        return _number(value, locale)
    places = currency_places(program.currency)
    return format_currency(discount_value(value, 10 ** places, places), program.currency, locale=locale)


def receipt_lines(ctx: Ctx, transaction_id: int) -> list[str]:
    """"Points earned: 12", "Promotion: Double Tuesdays" (when one applied), "Balance: 1,278",
    "260 points to Gold" and, when some expire within 30 days, "120 points expire on Dec 31,
    2026". The standing is the member's now (a receipt is printed at the sale). `NotFound` for
    an unknown transaction or another shop's."""
    tx = ctx.owned(PointsTransaction, transaction_id, "transaction")
    summary = member_summary(ctx, tx.member_id)
    locale = (ctx.shop.locale if ctx.shop else None) or "en_US"
    program = summary.program
    label_word, noun = _unit(program)
    if tx.status == TransactionStatus.PENDING.value:
        first = f"{label_word} pending: {_quantity(program, tx.pending_points or 0, locale)}"
        if tx.pending_until is not None:
            first += f" (from {_day(tx.pending_until.astimezone(ctx.tz).date(), locale)})"
    else:
        label = _LABELS.get(tx.transaction_type, "Points taken" if tx.points_amount < 0 else "Points earned")
        first = f"{label.replace('Points', label_word)}: {_quantity(program, abs(tx.points_amount), locale)}"
    lines = [first]
    if tx.transaction_type == TransactionType.PURCHASE.value and tx.reference_type == ORDER:
        promotion = applied_name(ctx, tx)
        if promotion is not None:
            lines.append(f"Promotion: {promotion}")
    lines.append(f"Balance: {_quantity(program, summary.member.current_points, locale)}")
    if summary.next_tier_name and summary.points_to_next_tier is not None:
        lines.append(f"{_number(summary.points_to_next_tier, locale)} points to {summary.next_tier_name}")
    if summary.expiring_points and summary.expiring_on is not None:
        what = _quantity(program, summary.expiring_points, locale)
        what = f"{what} of cash back expires" if noun == "cash back" else f"{what} {noun} expire"
        lines.append(f"{what} on {_day(summary.expiring_on, locale)}")
    return lines
