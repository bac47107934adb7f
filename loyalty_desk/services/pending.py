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

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import aliased

from ..db.prepared import Prepared
from ..domain.ledger_rules import held_points_left
from ..models import PointsTransaction
from ..models.enums import TransactionStatus, TransactionType
from .uow import Ctx


def returned_amounts(ctx: Ctx, purchase_ids: Sequence[int]) -> dict[int, Decimal]:
    """What has been returned of each purchase: the amounts of the returns that point at it."""
    if not purchase_ids:
        return {}
    rows = ctx.session.execute(
        select(PointsTransaction.related_transaction_id, func.sum(PointsTransaction.amount)).where(
            PointsTransaction.related_transaction_id.in_(purchase_ids),
            PointsTransaction.transaction_type == TransactionType.PURCHASE_RETURN.value,
        ).group_by(PointsTransaction.related_transaction_id))
    return {purchase_id: Decimal(total or 0) for purchase_id, total in rows if purchase_id is not None}


class OrderSoFar(NamedTuple):
    """What followed one purchase: the amount returned of it, how many returns, and the rows that
    credited its held points."""

    returned: Decimal
    releases: list[int]
    returns: int


def order_so_far(ctx: Ctx, purchase_id: int) -> OrderSoFar:
    """`OrderSoFar` of a purchase, in one statement prepared once (every return reads both)."""
    ctx.session.flush()     # the rows this unit of work wrote, too
    returned, releases, returns = Decimal(0), [], 0
    for kind, row_id, amount in _FOLLOWING.rows(ctx.conn, {"purchase": purchase_id}):
        if kind == TransactionType.PURCHASE_RETURN.value:
            returned += Decimal(amount or 0)
            returns += 1
        else:
            releases.append(row_id)
    return OrderSoFar(returned, releases, returns)


def returned_amount(ctx: Ctx, purchase_id: int) -> Decimal:
    return order_so_far(ctx, purchase_id).returned


# The returns of a purchase and the releases of its held points (both point at it), oldest first.
_FOLLOWING = Prepared(select(PointsTransaction.transaction_type, PointsTransaction.id, PointsTransaction.amount).where(
    PointsTransaction.related_transaction_id == bindparam("purchase"),
    or_(PointsTransaction.transaction_type == TransactionType.PURCHASE_RETURN.value,
        PointsTransaction.transaction_type == TransactionType.PURCHASE.value)).order_by(PointsTransaction.id))


def member_pending_points(ctx: Ctx, member_id: int) -> int:
    """The points a member has on hold: each hold's `hold_value`, in one statement (each hold's
    returned amount is summed in the database, as `returned_amounts` sums it)."""
    rows = _HOLDS.rows(ctx.conn, {"member": member_id})
    return sum(held_points_left(points or 0, Decimal(amount or 0), Decimal(gone or 0)) for points, amount, gone in rows)


def _holds() -> Select[*tuple[Any, ...]]:
    back = aliased(PointsTransaction)
    returned = select(func.sum(back.amount)).where(
        back.related_transaction_id == PointsTransaction.id,
        back.transaction_type == TransactionType.PURCHASE_RETURN.value).scalar_subquery()
    return select(PointsTransaction.pending_points, PointsTransaction.amount, returned).where(
        PointsTransaction.member_id == bindparam("member"), PointsTransaction.status == TransactionStatus.PENDING.value)


# Built once: building a statement costs more than running it.
_HOLDS = Prepared(_holds())


def hold_value(ctx: Ctx, hold: PointsTransaction) -> int:
    """What a pending hold will credit when it completes."""
    return holds_value(ctx, [hold])


def hold_values(ctx: Ctx, holds: Sequence[PointsTransaction]) -> dict[int, int]:
    """What each of several holds will credit, by hold id: their returns read in one statement."""
    returned = returned_amounts(ctx, [hold.id for hold in holds])
    return {hold.id: held_points_left(hold.pending_points or 0, Decimal(hold.amount or 0),
                                      returned.get(hold.id, Decimal(0))) for hold in holds}


def holds_value(ctx: Ctx, holds: Iterable[PointsTransaction], chunk: int = 500) -> int:
    """What many holds will credit together: their returns are read a chunk at a time, not one
    query per hold (a recount over a big shop meets thousands of open holds)."""
    total = 0
    rows = iter(holds)
    while group := list(islice(rows, chunk)):
        total += sum(hold_values(ctx, group).values())
    return total
