"""Tier rules: which tier a member belongs in, and recording every change."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, func, select

from ..db.prepared import Prepared
from ..domain import ledger_messages
from ..domain.tier_rules import tier_for_points
from ..models import Member, PointsTransaction, Program, Tier, TierProgression
from ..models.enums import ActivityType, MessageKind, PromotionReason, TransactionStatus
from . import dto, outbox, rollups
from .activity import log_activity
from .ledger_sql import row_total_sql
from .milestones import check_lifetime
from .uow import Ctx


def program_tiers(ctx: Ctx, program_id: int) -> list[Tier]:
    return list(ctx.session.scalars(_PROGRAM_TIERS, {"program": program_id}))


def program_tier_rows(ctx: Ctx, program_id: int) -> list[Any]:
    """`program_tiers` as plain rows with the same attributes, for reads (no ORM objects)."""
    return _TIER_ROWS.rows(ctx.conn, {"program": program_id})


def _tiers_of(*columns: Any) -> Select[Any]:
    return select(*columns).where(Tier.program_id == bindparam("program")).order_by(Tier.tier_level)


# Built once: on the counter's panel, building the statement cost more than running it.
_PROGRAM_TIERS = _tiers_of(Tier)
_TIER_ROWS = Prepared(_tiers_of(*Tier.__table__.columns))


def qualification_days(program: Program | dto.Program) -> int | None:
    days = (program.program_rules or {}).get("tier_qualification_days")
    return int(days) if days else None


def qualifying_points(ctx: Ctx, member: Member, program: Program) -> int:
    """Lifetime points by default; the points of the last N days for a rolling window."""
    days = qualification_days(program)
    if days is None:
        return member.lifetime_points
    since = ctx.now - dt.timedelta(days=days)
    return rolling_points(ctx, since, member_ids=[member.id]).get(member.id, 0)


def rolling_points(ctx: Ctx, since: dt.datetime, *, member_ids: Sequence[int] | None = None,
                   program_id: int | None = None) -> dict[int, int]:
    """Qualifying points earned since `since`, per member (same measure as lifetime points)."""
    query = select(PointsTransaction.member_id, func.sum(row_total_sql("qualifying"))).where(
        PointsTransaction.status == TransactionStatus.COMPLETED.value, PointsTransaction.created_at >= since
    )
    if member_ids is not None:
        query = query.where(PointsTransaction.member_id.in_(member_ids))
    if program_id is not None:
        query = query.where(PointsTransaction.program_id == program_id)
    return {mid: int(total or 0) for mid, total in ctx.session.execute(query.group_by(PointsTransaction.member_id))}


def apply_tier(
    ctx: Ctx,
    member: Member,
    program: Program,
    target: Tier | None,
    tiers: Sequence[Tier],
    reason: PromotionReason = PromotionReason.AUTOMATIC_POINTS,
) -> int:
    """Move a member to `target`, writing the progression and activity rows. +1 up, -1 down, 0 none."""
    if (target.id if target else None) == member.current_tier_id:
        return 0
    by_id = {t.id: t for t in tiers}
    current = by_id.get(member.current_tier_id) if member.current_tier_id else None
    up = (target.tier_level if target else -1) > (current.tier_level if current else -1)
    ctx.session.add(
        TierProgression(
            program_id=program.id,
            member_id=member.id,
            user_id=member.user_id,
            previous_tier_id=member.current_tier_id,
            new_tier_id=target.id if target else None,
            promotion_reason=reason.value,
            promotion_date=ctx.now,
            **ctx.acted(),
        )
    )
    rollups.on_member_tier(ctx, program.id, member.current_tier_id, target.id if target else None)
    member.current_tier_id = target.id if target else None
    old_name = ledger_messages.tier_name_in_text(current.tier_name if current else None)
    new_name = ledger_messages.tier_name_in_text(target.tier_name if target else None)
    log_activity(
        ctx,
        member,
        ActivityType.TIER_PROMOTED if up else ActivityType.TIER_DEMOTED,
        ledger_messages.tier_moved_activity(old_name, new_name, up),
        previous_tier=old_name,
        new_tier=new_name,
        reason=reason.value,
    )
    if not outbox.is_enrolling(ctx, member):
        outbox.queue(ctx, member, program, MessageKind.TIER_CHANGED,
                     {"tier": new_name, "previous_tier": old_name, "direction": "up" if up else "down"})
    return 1 if up else -1


def evaluate_tier(ctx: Ctx, member: Member, program: Program, *, allow_demotion: bool | None = None,
                  tiers: Sequence[Tier] | None = None) -> int:
    """Put the member in the tier their qualifying points call for (`tiers`: the program's, when
    the caller read them already in this unit of work).

    Rolling-window programs only promote here; they demote in the daily job, so
    a member does not drop a tier in the middle of a visit.
    """
    # Every change of lifetime points comes through here: its milestones too.
    check_lifetime(ctx, program, member)
    if not program.tier_system_enabled:
        return 0
    tiers = program_tiers(ctx, program.id) if tiers is None else tiers
    if not tiers:
        return 0
    target = tier_for_points(tiers, qualifying_points(ctx, member, program))
    if allow_demotion is None:
        allow_demotion = qualification_days(program) is None
    if not allow_demotion:
        current = next((t for t in tiers if t.id == member.current_tier_id), None)
        if current and (target is None or target.tier_level < current.tier_level):
            return 0
    return apply_tier(ctx, member, program, target, tiers)
