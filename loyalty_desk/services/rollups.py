"""Keeping the dashboard's running totals current, and rebuilding them from the ledger.

The totals are a few rows that every write of a program changes (one per program, one per
program and expiry day). A write notes its changes as it goes and applies them, in one fixed
order, just before it commits (`apply_pending`): on PostgreSQL those rows' locks are then held for
the commit alone rather than for the whole write, so registers working on different members do
not queue behind each other, and every figure stays exact (each change is an atomic increment
in the writer's own transaction).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, delete, event, func, select, update
from sqlalchemy.orm import Session

from ..db.prepared import Prepared
from ..domain.ledger_rules import RowEffect, row_effect, tier_count_key
from ..models import ExpiryCalendar, Member, PointLot, PointsTransaction, Program, ProgramTotals, Shop
from ..models.enums import TransactionStatus
from .clock import local_date, zone
from .ledger_sql import total_sql
from .pending import holds_value
from .uow import Ctx

PENDING_KEY = "loyalty_rollups"   # Session.info: the changes a write has noted, applied before it commits


@dataclass
class _Pending:
    totals: defaultdict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    tiers: defaultdict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    members: Counter[int] = field(default_factory=Counter)
    calendar: dict[tuple[int, dt.date], list[Any]] = field(default_factory=dict)   # -> [user_id, points]


def _pending(ctx: Ctx) -> _Pending:
    pending: _Pending = ctx.session.info.setdefault(PENDING_KEY, _Pending())
    return pending


def _bump(ctx: Ctx, program_id: int, **deltas: int | Decimal) -> None:
    totals = _pending(ctx).totals[program_id]
    for name, delta in deltas.items():
        if delta:
            totals[name] += delta  # type: ignore[assignment]   # Counter of ints and Decimals alike


@event.listens_for(Session, "before_commit")
def apply_pending(session: Session) -> None:
    """Apply the noted changes, programs in id order then days in date order (so two writes never
    wait for each other's rows in a cycle): atomic increments (UPDATE ... SET x = x + n), safe with
    several registers; the tier counts (JSON) under the row's lock."""
    pending: _Pending | None = session.info.pop(PENDING_KEY, None)
    if pending is None:
        return
    for program_id in sorted(set(pending.totals) | set(pending.tiers) | set(pending.members)):
        deltas = pending.totals[program_id]
        tiers, joined = pending.tiers.get(program_id), pending.members.get(program_id, 0)
        if not tiers and not joined:
            # The common case (a sale, a redemption): one statement built once, every total moved
            # by its delta (most by 0).
            if any(deltas.values()):
                _ADD_TOTALS.cursor(session.connection(), {"program": program_id, **{
                    f"d_{name}": deltas.get(name, zero) for name, zero in _DELTA_COLUMNS.items()}})
            continue
        # A tier move or a new member: the tier counts (JSON) change under the row's lock.
        row = session.scalar(select(ProgramTotals).where(ProgramTotals.program_id == program_id)
                             .with_for_update().execution_options(populate_existing=True))
        if row is None:
            continue
        counts = Counter(row.tier_counts or {})
        counts.update(tiers or {})
        values: dict[str, Any] = {name: getattr(ProgramTotals, name) + delta for name, delta in deltas.items() if delta}
        values.update(tier_counts={k: v for k, v in counts.items() if v}, members=ProgramTotals.members + joined)
        session.execute(update(ProgramTotals).where(ProgramTotals.program_id == program_id).values(**values)
                        .execution_options(synchronize_session=False))
    days = [(key, user_id, delta) for key, (user_id, delta) in sorted(pending.calendar.items()) if delta]
    if days and all(delta < 0 for _, _, delta in days):
        # Points taken come off days already in the calendar (their lots' points were added there
        # when they opened): one executemany on the connection for them all.
        _ADD_TO_DAY.many(session.connection(), [{"program": program_id, "day": day, "delta": delta}
                                                for (program_id, day), _, delta in days])
        days = []
    for (program_id, day), user_id, delta in days:
        changed = _ADD_TO_DAY.cursor(session.connection(), {"program": program_id, "day": day, "delta": delta})
        if changed.rowcount == 0:
            session.add(ExpiryCalendar(program_id=program_id, expiry_day=day, user_id=user_id, points=delta))
    session.flush()


# The totals a ledger row moves, with the zero of each one's type.
_DELTA_COLUMNS: dict[str, int | Decimal] = {
    "points_issued": 0, "points_redeemed": 0, "points_expired": 0, "points_outstanding": 0, "points_pending": 0,
    "spending": Decimal(0)}
# Built once (prepared.py): building an UPDATE cost more than running it.
_ADD_TOTALS = Prepared(update(ProgramTotals).where(ProgramTotals.program_id == bindparam("program")).values({
    name: getattr(ProgramTotals, name) + bindparam(f"d_{name}", type_=getattr(ProgramTotals, name).type)
    for name in _DELTA_COLUMNS}))
_ADD_TO_DAY = Prepared(update(ExpiryCalendar).where(
    ExpiryCalendar.program_id == bindparam("program"), ExpiryCalendar.expiry_day == bindparam("day"))
    .values(points=ExpiryCalendar.points + bindparam("delta", type_=ExpiryCalendar.points.type)))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


def start_program(ctx: Ctx, program: Program) -> None:
    ctx.session.add(ProgramTotals(program_id=program.id, user_id=program.user_id, members=0, points_issued=0,
                                  points_redeemed=0, points_expired=0, points_outstanding=0, points_pending=0,
                                  spending=Decimal(0), tier_counts={}))
    ctx.session.flush()


def on_ledger_row(ctx: Ctx, tx: PointsTransaction) -> None:
    on_rows(ctx, tx.program_id, row_effect(tx.transaction_type, tx.status, tx.points_amount,
                                           None if tx.amount is None else Decimal(tx.amount), tx.shortfall_points))


def on_rows(ctx: Ctx, program_id: int, effect: RowEffect) -> None:
    """Many ledger rows at once (a bulk write): the sum of their effects (`RowEffect`s add up)."""
    _bump(ctx, program_id, points_outstanding=effect.outstanding, points_issued=effect.issued,
          points_redeemed=effect.redeemed, points_expired=effect.expired, spending=effect.spending)


def on_pending(ctx: Ctx, program_id: int, delta: int) -> None:
    _bump(ctx, program_id, points_pending=delta)


def on_lot(ctx: Ctx, program_id: int, user_id: str, expires_at: dt.datetime | None, delta: int) -> None:
    if expires_at is None or delta == 0:
        return
    entry = _pending(ctx).calendar.setdefault((program_id, local_date(expires_at, ctx.tz)), [user_id, 0])
    entry[1] += delta


def on_lots(ctx: Ctx, changes: Sequence[tuple[int, str, dt.datetime | None, int]]) -> None:
    """`on_lot` for several lots at once (program, shop, expiry, delta)."""
    for program_id, user_id, expires_at, delta in changes:
        on_lot(ctx, program_id, user_id, expires_at, delta)


def on_member_tier(ctx: Ctx, program_id: int, old_tier: int | None, new_tier: int | None, *, new_member: bool = False
                   ) -> None:
    pending = _pending(ctx)
    if not new_member:
        pending.tiers[program_id][tier_count_key(old_tier)] -= 1
    pending.tiers[program_id][tier_count_key(new_tier)] += 1
    if new_member:
        pending.members[program_id] += 1


def on_members_added(ctx: Ctx, program_id: int, tier_ids: Sequence[int | None]) -> None:
    """Many new members at once (a bulk write), each in its tier: on_member_tier's counts in one update."""
    pending = _pending(ctx)
    pending.tiers[program_id].update(tier_count_key(tier_id) for tier_id in tier_ids)
    pending.members[program_id] += len(tier_ids)


def shop_zone(ctx: Ctx, user_id: str) -> dt.tzinfo:
    """The time zone of the shop that owns a row (the expiry calendar keeps the shop's days)."""
    shop = ctx.session.get(Shop, user_id)
    return zone(shop.timezone) if shop else dt.UTC


def computed_totals(ctx: Ctx, program_id: int) -> tuple[dict[str, object], dict[dt.date, int]]:
    """The totals and expiry calendar as the ledger says they should be."""
    program = ctx.session.get(Program, program_id)
    assert program is not None
    tz = shop_zone(ctx, program.user_id)
    (outstanding, issued, redeemed, expired, spending) = ctx.session.execute(select(
        *(total_sql(name) for name in ("outstanding", "issued", "redeemed", "expired", "spending"))
    ).where(PointsTransaction.program_id == program_id)).one()
    holds = ctx.session.scalars(select(PointsTransaction).where(
        PointsTransaction.program_id == program_id, PointsTransaction.status == TransactionStatus.PENDING.value))
    tiers: dict[str, int] = defaultdict(int)
    members = 0
    for tier_id, count in ctx.session.execute(select(Member.current_tier_id, func.count()).where(
            Member.program_id == program_id).group_by(Member.current_tier_id)):
        tiers[tier_count_key(tier_id)] += count
        members += count
    calendar: dict[dt.date, int] = defaultdict(int)
    for expires_at, remaining in ctx.session.execute(select(PointLot.expires_at, PointLot.points_remaining).where(
            PointLot.program_id == program_id, PointLot.points_remaining > 0, PointLot.expires_at.is_not(None))):
        assert expires_at is not None   # the query keeps only lots that expire
        calendar[local_date(expires_at, tz)] += remaining
    totals = {
        "members": members, "points_issued": int(issued), "points_redeemed": int(redeemed),
        "points_expired": int(expired), "points_outstanding": int(outstanding),
        "points_pending": holds_value(ctx, holds),
        "spending": Decimal(spending).quantize(Decimal("0.01")), "tier_counts": dict(tiers),
    }
    return totals, dict(calendar)


def rebuild(ctx: Ctx, program_id: int) -> None:
    program = ctx.session.get(Program, program_id)
    assert program is not None
    ctx.session.flush()
    _drop_pending(ctx, program_id)   # the ledger already holds what they would add
    totals, calendar = computed_totals(ctx, program_id)
    row = ctx.session.get(ProgramTotals, program_id) or ProgramTotals(program_id=program_id, user_id=program.user_id)
    for name, value in totals.items():
        setattr(row, name, value)
    ctx.session.add(row)
    ctx.session.execute(delete(ExpiryCalendar).where(ExpiryCalendar.program_id == program_id))
    ctx.session.add_all(ExpiryCalendar(program_id=program_id, expiry_day=day, user_id=program.user_id, points=points)
                        for day, points in calendar.items() if points)
    ctx.session.flush()


def _drop_pending(ctx: Ctx, program_id: int) -> None:
    pending = _pending(ctx)
    for noted in (pending.totals, pending.tiers, pending.members):
        noted.pop(program_id, None)
    for key in [key for key in pending.calendar if key[0] == program_id]:
        del pending.calendar[key]


def missing_rollups(ctx: Ctx) -> list[int]:
    return list(ctx.session.scalars(select(Program.id).outerjoin(
        ProgramTotals, ProgramTotals.program_id == Program.id).where(ProgramTotals.program_id.is_(None))))
