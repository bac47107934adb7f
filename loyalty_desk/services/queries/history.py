"""What happened: a member's ledger rows, redemptions, activity and tier moves, the
fulfillment queue, and a program's daily snapshots. Newest first unless said otherwise."""
from __future__ import annotations

from sqlalchemy import desc, select

from ...models import MemberActivity, PointsTransaction, ProgramAnalytics, Redemption, TierProgression
from ...models.enums import FulfillmentStatus
from .. import dto, members, programs
from ..uow import Ctx
from ..validation import as_enum
from . import rows as named


def points_history(ctx: Ctx, member_id: int, limit: int | None,
                   before_id: int | None = None) -> list[dto.PointsTransaction]:
    members.get_member(ctx, member_id)
    query = select(PointsTransaction).where(PointsTransaction.member_id == member_id)
    if before_id is not None:
        query = query.where(PointsTransaction.id < before_id)
    rows = ctx.session.scalars(query.order_by(desc(PointsTransaction.id)).limit(limit)).all()
    return named.with_people(ctx, dto.PointsTransaction, rows)


def member_redemptions(ctx: Ctx, member_id: int) -> list[dto.Redemption]:
    members.get_member(ctx, member_id)
    return named.redemptions(ctx, named.newest_redemptions(ctx).where(Redemption.member_id == member_id))


def redemption_queue(ctx: Ctx, status: str | None, limit: int) -> list[dto.Redemption]:
    """The fulfillment queue, optionally of one status."""
    query = named.newest_redemptions(ctx)
    if status is not None:
        query = query.where(Redemption.fulfillment_status == as_enum(status, FulfillmentStatus, "status").value)
    return named.redemptions(ctx, query.limit(limit))


def member_activity(ctx: Ctx, member_id: int, limit: int | None) -> list[dto.MemberActivity]:
    members.get_member(ctx, member_id)
    rows = ctx.session.scalars(select(MemberActivity).where(MemberActivity.member_id == member_id).order_by(
        desc(MemberActivity.activity_date), desc(MemberActivity.id)).limit(limit)).all()
    return named.with_people(ctx, dto.MemberActivity, rows)


def tier_history(ctx: Ctx, member_id: int) -> list[dto.TierProgression]:
    members.get_member(ctx, member_id)
    rows = ctx.session.scalars(select(TierProgression).where(TierProgression.member_id == member_id)
                               .order_by(desc(TierProgression.id)))
    return [dto.to_dto(dto.TierProgression, p) for p in rows]


def analytics_snapshots(ctx: Ctx, program_id: int) -> list[dto.ProgramAnalytics]:
    """A program's daily snapshots, oldest first."""
    programs.get_program(ctx, program_id)
    rows = ctx.session.scalars(select(ProgramAnalytics).where(ProgramAnalytics.program_id == program_id)
                               .order_by(ProgramAnalytics.analytics_date))
    return [dto.to_dto(dto.ProgramAnalytics, a) for a in rows]
