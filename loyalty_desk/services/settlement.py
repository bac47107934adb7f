"""Settling a member: what the calendar has made due, done before anything else touches them.

Above the ledger, the pending holds and the tiers (docs/ARCHITECTURE.md, "The engine's modules"):
completing a hold posts a credit (ledger), values the hold (pending) and re-tiers the member
(tiers); expiring a lot posts a debit.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, or_, select

from ..db.prepared import Prepared
from ..domain import ledger_messages
from ..domain.ledger_rules import expiry_for
from ..models import Member, PointLot, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionStatus, TransactionType
from . import rollups
from .activity import log_activity
from .clock import end_cutoff
from .ledger import post
from .pending import hold_value
from .tiers import evaluate_tier
from .uow import SYSTEM, Ctx


def settle_member(ctx: Ctx, member: Member, program: Program, day: dt.date | None = None) -> tuple[int, int, int]:
    """Bring one member up to date before anything else touches them: complete
    pending points whose window has closed and expire lots past their date.

    Returns (holds completed, lots expired, points expired). What the calendar made due is the
    system's doing, whoever's call it happens in, and is recorded so.
    """
    with ctx.acting_as(SYSTEM):
        return _settle(ctx, member, program, day)


def _settle(ctx: Ctx, member: Member, program: Program, day: dt.date | None) -> tuple[int, int, int]:
    due = {"member": member.id, "cutoff": end_cutoff(day or ctx.today, ctx.tz)}
    ctx.session.flush()
    if not _ANYTHING_DUE.rows(ctx.conn, due)[0].due:
        return 0, 0, 0          # the usual case: one indexed look, no rows loaded
    holds = list(ctx.session.scalars(_HOLDS_DUE, due))
    for hold in holds:
        release_hold(ctx, member, program, hold)
    lots = list(ctx.session.scalars(_LOTS_DUE, due))
    expired = sum(expire_lot(ctx, member, lot) for lot in lots)
    return len(holds), len(lots), expired


# Built once: every sale settles its member first, and building these cost more than running them.
_HOLDS_DUE = select(PointsTransaction).where(
    PointsTransaction.member_id == bindparam("member"),
    PointsTransaction.status == TransactionStatus.PENDING.value,
    PointsTransaction.pending_until < bindparam("cutoff"),
).order_by(PointsTransaction.id)
_LOTS_DUE = select(PointLot).where(
    PointLot.member_id == bindparam("member"),
    PointLot.points_remaining > 0,
    PointLot.expires_at < bindparam("cutoff"),
).order_by(PointLot.lot_id)
# Whether either has a row, as one Core statement (prepared.py).
_ANYTHING_DUE = Prepared(select(or_(_HOLDS_DUE.order_by(None).exists(), _LOTS_DUE.order_by(None).exists())
                                 .label("due")))


def release_hold(ctx: Ctx, member: Member, program: Program, hold: PointsTransaction) -> int:
    """The return window closed: the hold completes and its points, less any returned, are credited."""
    points = hold_value(ctx, hold)
    hold.status = TransactionStatus.COMPLETED.value
    rollups.on_pending(ctx, program.id, -points)
    ctx.session.flush()
    if points > 0:
        post(ctx, member, TransactionType.PURCHASE, points, source="pending_release",
             description=ledger_messages.hold_released_description(hold.reference_id),
             reference=("pending_release", str(hold.id)), related_id=hold.id,
             expires_at=expiry_for(program, ctx.now))
        log_activity(ctx, member, ActivityType.POINTS_EARNED,
                     ledger_messages.points_for_order_activity(points, hold.reference_id),
                     points=points, order_ref=hold.reference_id, released_from=hold.id)
        evaluate_tier(ctx, member, program)
    return points


def expire_lot(ctx: Ctx, member: Member, lot: PointLot) -> int:
    """Expire what is left of one lot; returns the points expired."""
    points = lot.points_remaining
    post(ctx, member, TransactionType.EXPIRATION, -points, source="expiry",
         description=ledger_messages.expiry_description(points, lot.lot_id),
         reference=("expiration", str(lot.lot_id)), related_id=lot.lot_id, spend_only=lot.lot_id)
    log_activity(ctx, member, ActivityType.POINTS_EXPIRED, ledger_messages.expiry_activity(points), points=-points,
                 lot_id=lot.lot_id, expired_on=lot.expires_at.isoformat() if lot.expires_at else None)
    return points
