"""The one path by which points move (docs/ARCHITECTURE.md, "The ledger").

Every credit or debit goes through `post`. It appends the ledger row with the
running balance, keeps the member's cached balances, opens an earn lot for a
credit and takes a debit from the lots, oldest first, recording each link.

The bottom of the engine's workflows: it builds on the running totals only, and settling and
every workflow that moves points build on it (docs/ARCHITECTURE.md, "The engine's modules").
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import select

from ..domain.ledger_rules import lifetime_after, row_effect
from ..errors import InsufficientPoints, NotFound
from ..models import LotConsumption, Member, PointLot, PointsTransaction
from ..models.enums import TransactionStatus, TransactionType
from . import rollups
from .uow import Ctx


def lock_member(ctx: Ctx, member_id: int) -> Member:
    """The member row, locked for the rest of the transaction (a no-op lock on SQLite,
    where BEGIN IMMEDIATE already serialises writers)."""
    # populate_existing: a row this session already loaded must be re-read once the lock is held,
    # or a balance changed meanwhile by another register would be written over.
    member = ctx.session.scalar(
        select(Member).where(Member.id == member_id, Member.user_id == ctx.user_id).with_for_update()
        .execution_options(populate_existing=True)
    )
    if member is None:
        raise NotFound(f"No member #{member_id}")
    return member


def post(
    ctx: Ctx,
    member: Member,
    transaction_type: TransactionType,
    points: int,
    *,
    source: str,
    description: str,
    reference: tuple[str, str] | None = None,
    amount: object = None,
    related_id: int | None = None,
    expires_at: dt.datetime | None = None,
    status: TransactionStatus = TransactionStatus.COMPLETED,
    pending_points: int | None = None,
    pending_until: dt.datetime | None = None,
    shortfall: int = 0,
    spend_first: Sequence[int] = (),
    spend_only: int | None = None,
) -> PointsTransaction:
    """Append one ledger row and apply it. Debits must already fit the balance."""
    counts = status == TransactionStatus.COMPLETED
    balance = member.current_points + row_effect(transaction_type, status, points).outstanding
    if balance < 0:
        raise InsufficientPoints(
            f"Not enough points: {member.current_points:,} of {-points:,} needed",
        )
    tx = PointsTransaction(
        program_id=member.program_id, member_id=member.id, user_id=member.user_id,
        transaction_type=transaction_type.value, points_amount=points, points_balance_after=balance,
        source=source, reference_type=reference[0] if reference else None,
        reference_id=reference[1] if reference else None, description=description,
        expiration_date=expires_at if counts and points > 0 else None, status=status.value, created_at=ctx.now,
        amount=amount, related_transaction_id=related_id, pending_points=pending_points,
        pending_until=pending_until, shortfall_points=shortfall,
    )
    ctx.session.add(tx)
    ctx.session.flush()
    rollups.on_ledger_row(ctx, tx)
    if counts:
        member.current_points = balance
        member.lifetime_points = lifetime_after(member.lifetime_points, transaction_type, points, shortfall)
        if points > 0:
            _open_lot(ctx, member, tx, expires_at)
        elif points < 0:
            _consume(ctx, member, tx, -points, spend_first, spend_only)
    ctx.session.flush()
    return tx


def _open_lot(ctx: Ctx, member: Member, credit: PointsTransaction, expires_at: dt.datetime | None) -> None:
    """A credit opens an earn lot of its own points, which debits later take from."""
    points = credit.points_amount
    ctx.session.add(PointLot(lot_id=credit.id, member_id=member.id, program_id=member.program_id,
                             user_id=member.user_id, points_original=points, points_remaining=points,
                             expires_at=expires_at))
    rollups.on_lot(ctx, member.program_id, member.user_id, expires_at, points)


def _consume(
    ctx: Ctx, member: Member, debit: PointsTransaction, points: int, spend_first: Sequence[int], spend_only: int | None
) -> None:
    """Take `points` from the member's open lots, oldest first, and record each link."""
    query = select(PointLot).where(PointLot.member_id == member.id, PointLot.points_remaining > 0)
    if spend_only is not None:
        query = query.where(PointLot.lot_id == spend_only)
    lots = list(ctx.session.scalars(query.order_by(PointLot.lot_id).with_for_update()))
    preferred = {lot_id: i for i, lot_id in enumerate(spend_first)}
    lots.sort(key=lambda lot: (preferred.get(lot.lot_id, len(preferred)), lot.lot_id))
    left = points
    for lot in lots:
        if left == 0:
            break
        take = min(left, lot.points_remaining)
        lot.points_remaining -= take
        left -= take
        rollups.on_lot(ctx, lot.program_id, lot.user_id, lot.expires_at, -take)
        ctx.session.add(LotConsumption(debit_transaction_id=debit.id, lot_id=lot.lot_id, points=take))
    if left:
        # The balance and the lots disagree: refuse rather than write an unexplained debit.
        raise InsufficientPoints(f"Not enough points in open lots: {left:,} short")


def pending_points(ctx: Ctx, member_id: int, value: Callable[[PointsTransaction], int]) -> int:
    """Points a member has on hold, each hold valued by `value` (less what was returned)."""
    holds = ctx.session.scalars(select(PointsTransaction).where(
        PointsTransaction.member_id == member_id, PointsTransaction.status == TransactionStatus.PENDING.value))
    return sum(value(hold) for hold in holds)
