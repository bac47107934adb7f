"""Settling a member: what the calendar has made due, done before anything else touches them.

Above the ledger, the pending holds and the tiers (docs/ARCHITECTURE.md, "The engine's modules"):
completing a hold posts a credit (ledger), values the hold (pending) and re-tiers the member
(tiers); expiring a lot posts a debit.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, or_, select

from ..db.prepared import Prepared
from ..domain import ledger_messages
from ..domain.ledger_rules import expiry_for
from ..models import Member, PointLot, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionStatus, TransactionType
from . import rollups
from .activity import log_activity
from .clock import end_cutoff
from .ledger import post
from .pending import hold_value, hold_values
from .tiers import evaluate_tier
from .uow import SYSTEM, Ctx


class Due(NamedTuple):
    """What the calendar has made due of one member, read (locked) beforehand: the holds whose
    window closed and the lots past their date, oldest first, and what each hold credits."""

    holds: list[PointsTransaction]
    lots: list[PointLot]
    values: dict[int, int]


def settle_member(ctx: Ctx, member: Member, program: Program, day: dt.date | None = None,
                  due: Due | None = None) -> tuple[int, int, int]:
    """Bring one member up to date before anything else touches them: complete
    pending points whose window has closed and expire lots past their date (`due`: as read
    by `due_of` in this transaction; else read here).

    Returns (holds completed, lots expired, points expired). What the calendar made due is the
    system's doing, whoever's call it happens in, and is recorded so.
    """
    with ctx.acting_as(SYSTEM):
        return _settle(ctx, member, program, day, due)


def due_of(ctx: Ctx, member_ids: Sequence[int], day: dt.date) -> dict[int, tuple[Member, Due]]:
    """Several members of the shop, locked and read afresh, each with what is due by the end of
    `day`: four statements for them all (the daily job settles a chunk of members at a time)."""
    if not member_ids:
        return {}
    params = {"members": list(member_ids), "user": ctx.user_id, "cutoff": end_cutoff(day, ctx.tz)}
    values: dict[int, int] = {}     # one for all: what each member's holds credit
    members = {member.id: (member, Due([], [], values)) for member in ctx.session.scalars(_MEMBERS, params)}
    holds = list(ctx.session.scalars(_HOLDS_DUE_OF, params))
    for hold in holds:
        members[hold.member_id][1].holds.append(hold)
    values.update(hold_values(ctx, holds))
    for lot in ctx.session.scalars(_LOTS_DUE_OF, params):
        members[lot.member_id][1].lots.append(lot)
    return members


def _settle(ctx: Ctx, member: Member, program: Program, day: dt.date | None,
            due: Due | None) -> tuple[int, int, int]:
    if due is None:
        params = {"member": member.id, "cutoff": end_cutoff(day or ctx.today, ctx.tz)}
        ctx.session.flush()
        if not _ANYTHING_DUE.rows(ctx.conn, params)[0].due:
            return 0, 0, 0          # the usual case: one indexed look, no rows loaded
        holds = list(ctx.session.scalars(_HOLDS_DUE, params))
        due = Due(holds, list(ctx.session.scalars(_LOTS_DUE_LOCKED, params)), hold_values(ctx, holds))
    for hold in due.holds:
        release_hold(ctx, member, program, hold, due.values[hold.id])
    expired = sum(expire_lot(ctx, member, lot) for lot in due.lots)
    return len(due.holds), len(due.lots), expired


def _holds_due(of: ColumnElement[bool]) -> Select[PointsTransaction]:
    return select(PointsTransaction).where(
        of, PointsTransaction.status == TransactionStatus.PENDING.value,
        PointsTransaction.pending_until < bindparam("cutoff"),
    ).order_by(PointsTransaction.id)


def _lots_due(of: ColumnElement[bool]) -> Select[PointLot]:
    return select(PointLot).where(
        of, PointLot.points_remaining > 0, PointLot.expires_at < bindparam("cutoff"),
    ).order_by(PointLot.lot_id)


# Built once: every sale settles its member first, and building these cost more than running them.
_HOLDS_DUE = _holds_due(PointsTransaction.member_id == bindparam("member"))
_LOTS_DUE = _lots_due(PointLot.member_id == bindparam("member"))
# Whether either has a row, as one Core statement (prepared.py).
_ANYTHING_DUE = Prepared(select(or_(_HOLDS_DUE.order_by(None).exists(), _LOTS_DUE.order_by(None).exists())
                                 .label("due")))
# Lots are locked as read: their expiry takes from each as it is, without reading it again (ledger.post).
_LOTS_DUE_LOCKED = _LOTS_DUE.with_for_update()
# The same for a chunk of members, by their ids: searched by the member indexes (the partial
# indexes of the due rows would walk all of the day's).
_CHUNK: BindParameter[list[int]] = bindparam("members", expanding=True)
_MEMBERS = select(Member).where(Member.id.in_(_CHUNK), Member.user_id == bindparam("user")) \
    .order_by(Member.id).with_for_update().execution_options(populate_existing=True)
_HOLDS_DUE_OF = _holds_due(PointsTransaction.member_id.in_(_CHUNK))
_LOTS_DUE_OF = _lots_due(PointLot.member_id.in_(_CHUNK)).with_for_update()


def release_hold(ctx: Ctx, member: Member, program: Program, hold: PointsTransaction,
                 points: int | None = None) -> int:
    """The return window closed: the hold completes and its points, less any returned, are credited
    (`points`: the hold's value, when the caller read it already)."""
    points = hold_value(ctx, hold) if points is None else points
    hold.status = TransactionStatus.COMPLETED.value
    rollups.on_pending(ctx, program.id, -points)
    if points <= 0:
        ctx.session.flush()
    else:                   # the credit's flush writes the hold's new status with it
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
    """Expire what is left of one lot, read locked in this transaction; returns the points expired."""
    points = lot.points_remaining
    post(ctx, member, TransactionType.EXPIRATION, -points, source="expiry",
         description=ledger_messages.expiry_description(points, lot.lot_id),
         reference=("expiration", str(lot.lot_id)), related_id=lot.lot_id, spend_only=lot.lot_id,
         open_lots=[lot])
    log_activity(ctx, member, ActivityType.POINTS_EXPIRED, ledger_messages.expiry_activity(points), points=-points,
                 lot_id=lot.lot_id, expired_on=lot.expires_at.isoformat() if lot.expires_at else None)
    return points
