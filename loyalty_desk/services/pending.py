"""Purchase points held back during a return window (ledger rule 5): what a hold is worth.

A held purchase is a ledger row with status `pending` that moves no points
(`points_amount` 0); what it holds is in `pending_points`. When the window
closes, the row becomes `completed` and a second purchase row credits the
points, less any part returned meanwhile (services/settlement.py). A full
return inside the window fails the hold, and no points are ever credited
(services/purchases.py).

Reads only: the running totals value holds with it, so it sits below them
(docs/ARCHITECTURE.md, "The engine's modules").
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from ..domain.ledger_rules import held_points_left
from ..models import PointsTransaction
from ..models.enums import TransactionType
from .uow import Ctx


def returned_amount(ctx: Ctx, purchase_id: int) -> Decimal:
    total = ctx.session.scalar(
        select(func.coalesce(func.sum(PointsTransaction.amount), 0)).where(
            PointsTransaction.related_transaction_id == purchase_id,
            PointsTransaction.transaction_type == TransactionType.PURCHASE_RETURN.value,
        )
    )
    return Decimal(total or 0)


def hold_value(ctx: Ctx, hold: PointsTransaction) -> int:
    """What a pending hold will credit when it completes."""
    return held_points_left(hold.pending_points or 0, Decimal(hold.amount or 0), returned_amount(ctx, hold.id))
