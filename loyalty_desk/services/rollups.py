"""Keeping the dashboard's running totals current, and rebuilding them from the ledger."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, case, delete, func, select, update

from ..models import ExpiryCalendar, Member, PointLot, PointsTransaction, Program, ProgramTotals, Shop
from ..models.enums import TransactionStatus, TransactionType
from .clock import local_date, zone
from .uow import Ctx

NO_TIER = "none"
_ISSUING = tuple(t.value for t in (TransactionType.PURCHASE, TransactionType.WELCOME_BONUS, TransactionType.REFERRAL,
                                   TransactionType.BIRTHDAY_BONUS, TransactionType.MANUAL_ADJUSTMENT))


def _bump(ctx: Ctx, program_id: int, **deltas: int | Decimal) -> None:
    """Atomic increments (UPDATE ... SET x = x + n), safe with several registers."""
    values = {name: getattr(ProgramTotals, name) + delta for name, delta in deltas.items() if delta}
    if values:
        ctx.session.execute(update(ProgramTotals).where(ProgramTotals.program_id == program_id).values(**values)
                            .execution_options(synchronize_session=False))


def start_program(ctx: Ctx, program: Program) -> None:
    ctx.session.add(ProgramTotals(program_id=program.id, user_id=program.user_id, members=0, points_issued=0,
                                  points_redeemed=0, points_expired=0, points_outstanding=0, points_pending=0,
                                  spending=Decimal(0), tier_counts={}))
    ctx.session.flush()


def on_ledger_row(ctx: Ctx, tx: PointsTransaction) -> None:
    kind, points = tx.transaction_type, tx.points_amount
    completed = tx.status == TransactionStatus.COMPLETED
    deltas: dict[str, int | Decimal] = {}
    if completed:
        deltas["points_outstanding"] = points
        if kind in _ISSUING and points > 0:
            deltas["points_issued"] = points
        if kind in (TransactionType.REDEMPTION, TransactionType.REDEMPTION_REFUND):
            deltas["points_redeemed"] = -points
        if kind == TransactionType.EXPIRATION:
            deltas["points_expired"] = -points
    if tx.amount is not None and kind == TransactionType.PURCHASE:
        deltas["spending"] = Decimal(tx.amount)
    if tx.amount is not None and kind == TransactionType.PURCHASE_RETURN:
        deltas["spending"] = -Decimal(tx.amount)
    _bump(ctx, tx.program_id, **deltas)


def on_pending(ctx: Ctx, program_id: int, delta: int) -> None:
    _bump(ctx, program_id, points_pending=delta)


def on_lot(ctx: Ctx, program_id: int, user_id: str, expires_at: dt.datetime | None, delta: int) -> None:
    if expires_at is None or delta == 0:
        return
    day = local_date(expires_at, ctx.tz)
    # Session.execute is typed as returning a Result; a DML statement gives a CursorResult.
    changed = cast("CursorResult[Any]", ctx.session.execute(
        update(ExpiryCalendar)
        .where(ExpiryCalendar.program_id == program_id, ExpiryCalendar.expiry_day == day)
        .values(points=ExpiryCalendar.points + delta)
        .execution_options(synchronize_session=False)))
    if changed.rowcount == 0:
        ctx.session.add(ExpiryCalendar(program_id=program_id, expiry_day=day, user_id=user_id, points=delta))
        ctx.session.flush()


def on_member_tier(ctx: Ctx, program_id: int, old_tier: int | None, new_tier: int | None, *, new_member: bool = False
                   ) -> None:
    totals = ctx.session.scalar(select(ProgramTotals).where(ProgramTotals.program_id == program_id).with_for_update())
    if totals is None:
        return
    counts = dict(totals.tier_counts or {})
    if not new_member:
        key = str(old_tier) if old_tier else NO_TIER
        counts[key] = counts.get(key, 0) - 1
    key = str(new_tier) if new_tier else NO_TIER
    counts[key] = counts.get(key, 0) + 1
    totals.tier_counts = {k: v for k, v in counts.items() if v}
    if new_member:
        totals.members += 1
    ctx.session.flush()


def shop_zone(ctx: Ctx, user_id: str) -> dt.tzinfo:
    """The time zone of the shop that owns a row (the expiry calendar keeps the shop's days)."""
    shop = ctx.session.get(Shop, user_id)
    return zone(shop.timezone) if shop else dt.UTC


def computed_totals(ctx: Ctx, program_id: int) -> tuple[dict[str, object], dict[dt.date, int]]:
    """The totals and expiry calendar as the ledger says they should be."""
    program = ctx.session.get(Program, program_id)
    assert program is not None
    tz = shop_zone(ctx, program.user_id)
    done = PointsTransaction.status == TransactionStatus.COMPLETED.value
    (outstanding, issued, redeemed, expired, bought, returned) = ctx.session.execute(select(
        func.coalesce(func.sum(case((done, PointsTransaction.points_amount), else_=0)), 0),
        func.coalesce(func.sum(case((done & PointsTransaction.transaction_type.in_(_ISSUING)
                                     & (PointsTransaction.points_amount > 0),
                                     PointsTransaction.points_amount), else_=0)), 0),
        func.coalesce(func.sum(case((done & PointsTransaction.transaction_type.in_(
            [TransactionType.REDEMPTION.value, TransactionType.REDEMPTION_REFUND.value]),
            -PointsTransaction.points_amount), else_=0)), 0),
        func.coalesce(func.sum(case((done & (PointsTransaction.transaction_type == TransactionType.EXPIRATION.value),
                                     -PointsTransaction.points_amount), else_=0)), 0),
        func.coalesce(func.sum(case((PointsTransaction.transaction_type == TransactionType.PURCHASE.value,
                                     PointsTransaction.amount), else_=0)), 0),
        func.coalesce(func.sum(case((PointsTransaction.transaction_type == TransactionType.PURCHASE_RETURN.value,
                                     PointsTransaction.amount), else_=0)), 0),
    ).where(PointsTransaction.program_id == program_id)).one()
    from .pending import hold_value

    holds = ctx.session.scalars(select(PointsTransaction).where(
        PointsTransaction.program_id == program_id, PointsTransaction.status == TransactionStatus.PENDING.value))
    tiers: dict[str, int] = defaultdict(int)
    members = 0
    for tier_id, count in ctx.session.execute(select(Member.current_tier_id, func.count()).where(
            Member.program_id == program_id).group_by(Member.current_tier_id)):
        tiers[str(tier_id) if tier_id else NO_TIER] += count
        members += count
    calendar: dict[dt.date, int] = defaultdict(int)
    for expires_at, remaining in ctx.session.execute(select(PointLot.expires_at, PointLot.points_remaining).where(
            PointLot.program_id == program_id, PointLot.points_remaining > 0, PointLot.expires_at.is_not(None))):
        assert expires_at is not None   # the query keeps only lots that expire
        calendar[local_date(expires_at, tz)] += remaining
    totals = {
        "members": members, "points_issued": int(issued), "points_redeemed": int(redeemed),
        "points_expired": int(expired), "points_outstanding": int(outstanding),
        "points_pending": sum(hold_value(ctx, hold) for hold in holds),
        "spending": (Decimal(bought) - Decimal(returned)).quantize(Decimal("0.01")), "tier_counts": dict(tiers),
    }
    return totals, dict(calendar)


def rebuild(ctx: Ctx, program_id: int) -> None:
    program = ctx.session.get(Program, program_id)
    assert program is not None
    totals, calendar = computed_totals(ctx, program_id)
    row = ctx.session.get(ProgramTotals, program_id) or ProgramTotals(program_id=program_id, user_id=program.user_id)
    for name, value in totals.items():
        setattr(row, name, value)
    ctx.session.add(row)
    ctx.session.execute(delete(ExpiryCalendar).where(ExpiryCalendar.program_id == program_id))
    ctx.session.add_all(ExpiryCalendar(program_id=program_id, expiry_day=day, user_id=program.user_id, points=points)
                        for day, points in calendar.items() if points)
    ctx.session.flush()


def missing_rollups(ctx: Ctx) -> list[int]:
    return list(ctx.session.scalars(select(Program.id).outerjoin(
        ProgramTotals, ProgramTotals.program_id == Program.id).where(ProgramTotals.program_id.is_(None))))
