"""Purchase points held back during a return window (ledger rule 5).

A held purchase is a ledger row with status `pending` that moves no points
(`points_amount` 0); what it holds is in `pending_points`. When the window
closes, the row becomes `completed` and a second purchase row credits the
points, less any part returned meanwhile. A full return inside the window
fails the hold, and no points are ever credited.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from ..domain import ledger_messages
from ..domain.ledger_rules import expiry_for, held_points_left
from ..models import Member, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionStatus, TransactionType
from . import rollups
from .activity import log_activity
from .ledger import post
from .tiers import evaluate_tier
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


def release_hold(ctx: Ctx, member: Member, program: Program, hold: PointsTransaction) -> int:
    points = hold_value(ctx, hold)
    hold.status = TransactionStatus.COMPLETED.value
    rollups.on_pending(ctx, program.id, -points)
    ctx.session.flush()
    if points > 0:
        post(
            ctx,
            member,
            TransactionType.PURCHASE,
            points,
            source="pending_release",
            description=ledger_messages.hold_released_description(hold.reference_id),
            reference=("pending_release", str(hold.id)),
            related_id=hold.id,
            expires_at=expiry_for(program, ctx.now),
        )
        log_activity(ctx, member, ActivityType.POINTS_EARNED,
                     ledger_messages.points_for_order_activity(points, hold.reference_id),
                     points=points, order_ref=hold.reference_id, released_from=hold.id)
        evaluate_tier(ctx, member, program)
    return points
