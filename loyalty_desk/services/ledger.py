"""The one path by which points move (docs/ARCHITECTURE.md, "The ledger").

Every credit or debit goes through `post`. It appends the ledger row with the
running balance, keeps the member's cached balances, opens an earn lot for a
credit and takes a debit from the lots, oldest first, recording each link.

The bottom of the engine's workflows: it builds on the running totals only, and settling and
every workflow that moves points build on it (docs/ARCHITECTURE.md, "The engine's modules").
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, inspect, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..db.prepared import Prepared, insert_into
from ..domain.ledger_rules import refund_expiry
from ..domain.member_book import consumption, posting
from ..errors import InsufficientPoints, NotFound
from ..models import LotConsumption, Member, PointLot, PointsTransaction
from ..models.base import row_object
from ..models.enums import TransactionStatus, TransactionType
from . import rollups
from .uow import Ctx


def lock_member(ctx: Ctx, member_id: int) -> Member:
    """The member row, locked for the rest of the transaction (a no-op lock on SQLite,
    where BEGIN IMMEDIATE already serialises writers)."""
    # populate_existing: a row this session already loaded must be re-read once the lock is held,
    # or a balance changed meanwhile by another register would be written over.
    member = ctx.session.scalar(_LOCK_MEMBER, {"member": member_id, "user": ctx.user_id})
    if member is None:
        raise NotFound(f"No member #{member_id}")
    return member


_LOCK_MEMBER = select(Member).where(Member.id == bindparam("member"), Member.user_id == bindparam("user")) \
    .with_for_update().execution_options(populate_existing=True)


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
    qualifying: int | None = None,
    open_lots: Sequence[PointLot] | None = None,
) -> PointsTransaction:
    """Append one ledger row and apply it. Debits must already fit the balance. `open_lots`: the
    member's open lots a debit may take from, when the caller read them locked in this transaction
    (they are not read again)."""
    books = posting(member.current_points, member.lifetime_points, transaction_type, points, status,
                    shortfall=shortfall, expires_at=expires_at, qualifying=qualifying)
    if books.balance < 0:
        raise InsufficientPoints(
            f"Not enough points: {member.current_points:,} of {-points:,} needed",
        )
    row = dict(
        program_id=member.program_id, member_id=member.id, user_id=member.user_id,
        transaction_type=transaction_type.value, points_amount=points, points_balance_after=books.balance,
        source=source, reference_type=reference[0] if reference else None,
        reference_id=reference[1] if reference else None, description=description,
        expiration_date=books.expiration_date, status=status.value, created_at=ctx.now,
        amount=amount, related_transaction_id=related_id, pending_points=pending_points,
        pending_until=pending_until, shortfall_points=shortfall, qualifying_points=qualifying,
        **ctx.acted(),
    )
    # By the INSERT prepared once, not the ORM's unit of work (about a third of a sale's time): the
    # row is written as the flush of an ORM row would write it, and never changed after (append-only),
    # so the object returned is a plain copy of it, outside the session.
    ((tx_id,),) = _INSERT_ROW.rows(ctx.conn, row)
    tx = row_object(PointsTransaction, {"id": tx_id, **row})
    if books.completed:
        member.current_points, member.lifetime_points = books.balance, books.lifetime
    rollups.on_ledger_row(ctx, tx)
    if books.opens_lot:
        _open_lot(ctx, member, tx, expires_at)
    elif books.debit:
        _consume(ctx, member, tx, books.debit, spend_first, spend_only, open_lots)
    # The member's row now, and anything else the call changed: the prepared statements that follow
    # read the database, not the session.
    write_member(ctx, member)
    if ctx.session.dirty or ctx.session.new or ctx.session.deleted:
        ctx.session.flush()
    return tx


def write_member(ctx: Ctx, member: Member) -> None:
    """Write what the call changed of the member (its balances, its last visit...) as the ORM's flush
    would, in one UPDATE prepared once per set of columns: the flush's unit of work cost a sixth of
    a sale. The object is then as a flush leaves it: clean, its values the row's."""
    state = inspect(member)
    if not state.persistent:        # not in the database yet: only a flush writes it
        ctx.session.flush()
        return
    changed = tuple(sorted(state.committed_state))
    if not changed:
        return
    statement = _MEMBER_UPDATES.get(changed)
    if statement is None:
        columns = Member.__table__.c
        statement = _MEMBER_UPDATES[changed] = Prepared(
            update(Member).where(Member.id == bindparam("member_row"))
            .values({key: bindparam(f"new_{key}", type_=columns[key].type) for key in changed}))
    statement.cursor(ctx.conn, {"member_row": member.id, **{f"new_{key}": state.dict[key] for key in changed}})
    # What the flush does for each row it wrote (SQLAlchemy has no public call for it).
    state._commit_all(state.dict, ctx.session.identity_map)


def _open_lot(ctx: Ctx, member: Member, credit: PointsTransaction, expires_at: dt.datetime | None) -> None:
    """A credit opens an earn lot of its own points, which debits later take from."""
    points = credit.points_amount
    # By the INSERT prepared once rather than a flush of an ORM row: every sale opens one.
    _INSERT_LOT.cursor(ctx.conn, {"lot_id": credit.id, "member_id": member.id, "program_id": member.program_id,
                                  "user_id": member.user_id, "points_original": points, "points_remaining": points,
                                  "expires_at": expires_at})
    rollups.on_lot(ctx, member.program_id, member.user_id, expires_at, points)


def _consume(
    ctx: Ctx, member: Member, debit: PointsTransaction, points: int, spend_first: Sequence[int], spend_only: int | None,
    open_lots: Sequence[PointLot] | None,
) -> None:
    """Take `points` from the member's open lots (which, and how much: `consumption`), recording each link."""
    # Read as plain rows: a member holds a lot per sale, and loading each as an ORM object cost
    # more than the rest of a redemption.
    lots: Sequence[Any]
    if open_lots is not None:
        lots = open_lots
    elif spend_only is None:
        lots = _OPEN_LOTS.rows(ctx.conn, {"member": member.id})
    else:
        lots = _OPEN_LOT.rows(ctx.conn, {"member": member.id, "lot": spend_only})
    takes, left = consumption([(lot.lot_id, lot.points_remaining) for lot in lots], points, spend_first, spend_only)
    if left:
        # The balance and the lots disagree: refuse rather than write an unexplained debit.
        raise InsufficientPoints(f"Not enough points in open lots: {left:,} short")
    if not takes:
        return
    # However many lots: one UPDATE of the lots, one of the expiry calendar, one INSERT of the links.
    left_in = [(lots[i].lot_id, lots[i].points_remaining - take) for i, take in takes]
    _UPDATE_LOTS.many(ctx.conn, [{"lot": lot_id, "remaining": rest} for lot_id, rest in left_in])
    for lot_id, rest in left_in:
        # A lot this session loaded as an object (the daily job's, a merge's) says what is left too.
        loaded = ctx.session.identity_map.get(identity_key(PointLot, lot_id))
        if loaded is not None:
            set_committed_value(loaded, "points_remaining", rest)
    rollups.on_lots(ctx, [(lots[i].program_id, lots[i].user_id, lots[i].expires_at, -take) for i, take in takes])
    _INSERT_LINKS.many(ctx.conn, [
        {"debit_transaction_id": debit.id, "lot_id": lots[i].lot_id, "points": take} for i, take in takes])


def refunded_points_expiry(ctx: Ctx, debit_id: int) -> dt.datetime | None:
    """When points given back for a debit expire: by the lots the debit took them from (`refund_expiry`)."""
    return refund_expiry(list(ctx.session.scalars(
        select(PointLot.expires_at).join(LotConsumption, LotConsumption.lot_id == PointLot.lot_id)
        .where(LotConsumption.debit_transaction_id == debit_id))))


# The member's UPDATE, by the columns it sets (a sale sets five; an expiry two).
_MEMBER_UPDATES: dict[tuple[str, ...], Prepared] = {}
_INSERT_ROW = insert_into(PointsTransaction, skip=("id",), returning=PointsTransaction.id)
_INSERT_LOT = insert_into(PointLot)
_INSERT_LINKS = insert_into(LotConsumption, skip=("id",))
# A member's open lots, oldest first, locked (or the one lot asked for); built once.
_OPEN_LOTS_OF = select(PointLot.lot_id, PointLot.points_remaining, PointLot.program_id, PointLot.user_id,
                       PointLot.expires_at).where(PointLot.member_id == bindparam("member"),
                                                  PointLot.points_remaining > 0).with_for_update()
_OPEN_LOTS = Prepared(_OPEN_LOTS_OF.order_by(PointLot.lot_id))
_OPEN_LOT = Prepared(_OPEN_LOTS_OF.where(PointLot.lot_id == bindparam("lot")))
_UPDATE_LOTS = Prepared(update(PointLot).where(PointLot.lot_id == bindparam("lot"))
                        .values(points_remaining=bindparam("remaining")))
