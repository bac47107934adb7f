"""A return of an order paid partly with points gives them back (README, "Points as money off").

When the program's `redeem_restore_on_return` is on, each return or void of an order on which
the member took points as money off gives back the share of those points that came back with
it: one redemption refund per return, in the return's own transaction, so a replayed return
(which writes nothing) gives nothing twice, and partial returns add up to the whole.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from ..domain import ledger_messages
from ..domain.discount_rules import REDEEM_RESTORE
from ..domain.ledger_rules import DISCOUNT, DISCOUNT_RESTORE, points_to_restore
from ..models import Member, PointsTransaction, Program
from ..models.enums import ActivityType, TransactionType
from .activity import log_activity
from .ledger import post, refunded_points_expiry
from .uow import Ctx


def discount_of_order(ctx: Ctx, program_id: int, order_ref: str) -> PointsTransaction | None:
    """The discount taken on an order (its debit row), if any."""
    return ctx.session.scalar(select(PointsTransaction).where(
        PointsTransaction.program_id == program_id, PointsTransaction.user_id == ctx.user_id,
        PointsTransaction.reference_type == DISCOUNT, PointsTransaction.reference_id == order_ref))


def restore_for_return(ctx: Ctx, program: Program, member: Member, order_ref: str, order_amount: Decimal,
                       returned_after: Decimal) -> int:
    """Give back the discount's points that this return brings back (the member is locked and
    settled); returns the points given back."""
    if not (program.program_rules or {}).get(REDEEM_RESTORE):
        return 0
    discount = discount_of_order(ctx, program.id, order_ref)
    if discount is None or discount.member_id != member.id:
        return 0
    restored, count = ctx.session.execute(select(
        func.coalesce(func.sum(PointsTransaction.points_amount), 0), func.count()).where(
        PointsTransaction.related_transaction_id == discount.id,
        PointsTransaction.transaction_type == TransactionType.REDEMPTION_REFUND.value)).one()
    points = points_to_restore(-discount.points_amount, order_amount, returned_after, int(restored))
    if points <= 0:
        return 0
    post(ctx, member, TransactionType.REDEMPTION_REFUND, points, source="discount",
         description=ledger_messages.discount_restored_description(points, order_ref),
         reference=(DISCOUNT_RESTORE, f"{discount.id}#{count + 1}"),
         related_id=discount.id, expires_at=refunded_points_expiry(ctx, discount.id))
    log_activity(ctx, member, ActivityType.POINTS_EARNED,
                 ledger_messages.discount_restored_description(points, order_ref), points=points,
                 order_ref=order_ref, discount_transaction_id=discount.id)
    return points
