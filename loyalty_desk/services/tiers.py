"""Tier rules: which tier a member belongs in, and recording every change."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, bindparam, func, select

from ..db.prepared import Prepared
from ..domain import ledger_messages
from ..domain.ledger_rules import Total
from ..domain.tier_rules import (
    T,
    TierPeriod,
    Value,
    months_before,
    next_reset,
    next_tier,
    standing_target,
    tier_period,
    year_start,
)
from ..models import Member, PointsTransaction, Program, Tier, TierProgression
from ..models.enums import ActivityType, MessageKind, PromotionReason
from . import dto, outbox, rollups
from .activity import log_activity
from .clock import start_of_day
from .ledger_sql import row_total_sql
from .milestones import check_lifetime
from .uow import Ctx

CENT = Decimal("0.01")


def program_tiers(ctx: Ctx, program_id: int) -> list[Tier]:
    held: dict[int, list[Tier]] | None = ctx.session.info.get(TIERS_HELD)
    if held is None:
        return list(ctx.session.scalars(_PROGRAM_TIERS, {"program": program_id}))
    if program_id not in held:
        held[program_id] = list(ctx.session.scalars(_PROGRAM_TIERS, {"program": program_id}))
    return held[program_id]


# A transaction that edits no tier (the daily job's) may set session.info[TIERS_HELD] = {}: each
# program's tiers are then read once in it, not at every member it re-tiers.
TIERS_HELD = "loyalty_tiers_held"


def program_tier_rows(ctx: Ctx, program_id: int) -> list[Any]:
    """`program_tiers` as plain rows with the same attributes, for reads (no ORM objects)."""
    return _TIER_ROWS.rows(ctx.conn, {"program": program_id})


def _tiers_of(*columns: Any) -> Select[Any]:
    return select(*columns).where(Tier.program_id == bindparam("program")).order_by(Tier.tier_level)


# Built once: on the counter's panel, building the statement cost more than running it.
_PROGRAM_TIERS = _tiers_of(Tier)
_TIER_ROWS = Prepared(_tiers_of(*Tier.__table__.columns))


def period_of(program: Program | dto.Program | Any) -> TierPeriod:
    return tier_period(program.program_type, program.program_rules)


@dataclass(frozen=True, slots=True)
class Window:
    """What a program's tier status is measured on right now: `measure` ("qualifying" points or
    "spending") since `since` (None: ever), and under a grace the previous qualification year's
    [previous_since, since)."""

    period: TierPeriod
    measure: Total
    since: dt.datetime | None
    previous_since: dt.datetime | None = None


def window(ctx: Ctx, program: Program | Any) -> Window:
    period = period_of(program)
    measure: Total = "spending" if period.on_spend else "qualifying"
    if period.rolling_days is not None:
        return Window(period, measure, ctx.now - dt.timedelta(days=period.rolling_days))
    if period.calendar_year:
        start = year_start(ctx.today, period.reset)
        previous = start_of_day(start.replace(year=start.year - 1), ctx.tz) if period.grace else None
        return Window(period, measure, start_of_day(start, ctx.tz), previous)
    return Window(period, measure, None)


def _lifetime(member: Member | Any, period: TierPeriod) -> Value:
    return Decimal(member.total_spent) if period.on_spend else int(member.lifetime_points)


def qualifying_values(ctx: Ctx, program: Program | Any, members: Sequence[Member | Any], *,
                      whole_program: bool = False) -> dict[int, tuple[Value, Value]]:
    """Per member: (this period's value, the previous qualification year's under a grace, else 0).
    `members` need id, lifetime_points and total_spent; `whole_program`: they are all its members
    (summed by program rather than by a list of ids)."""
    w = window(ctx, program)
    if w.since is None:
        return {m.id: (_lifetime(m, w.period), 0) for m in members}
    ids = [m.id for m in members]
    scope: dict[str, Any] = {"program_id": program.id} if whole_program else {"member_ids": ids}
    now = period_sums(ctx, w.measure, w.since, **scope)
    before = period_sums(ctx, w.measure, w.previous_since, w.since, **scope) if w.previous_since else {}
    return {i: (now.get(i, 0), before.get(i, 0)) for i in ids}


def period_sums(ctx: Ctx, measure: Total, since: dt.datetime, until: dt.datetime | None = None, *,
                member_ids: Sequence[int] | None = None, program_id: int | None = None) -> dict[int, Value]:
    """A ledger total (the TERMS' own sum) of the rows written in [since, until), per member."""
    query = select(PointsTransaction.member_id, func.sum(row_total_sql(measure))).where(
        PointsTransaction.created_at >= since)
    if until is not None:
        query = query.where(PointsTransaction.created_at < until)
    if member_ids is not None:
        query = query.where(PointsTransaction.member_id.in_(member_ids))
    if program_id is not None:
        query = query.where(PointsTransaction.program_id == program_id)
    rows = ctx.session.execute(query.group_by(PointsTransaction.member_id))
    if measure == "spending":
        return {mid: Decimal(str(total or 0)).quantize(CENT) for mid, total in rows}
    return {mid: int(total or 0) for mid, total in rows}


def inactive_since(ctx: Ctx, program: Program | Any) -> dt.datetime | None:
    """Members with no activity since this moment qualify as if they had nothing (None: never)."""
    months = period_of(program).demotion_months
    return months_before(ctx.now, months) if months else None


def target_tier(ctx: Ctx, member: Member | Any, program: Program | Any, tiers: Sequence[T], *,
                inactive: bool, values: tuple[Value, Value] | None = None) -> T | None:
    """The one rule of tier status: the tier the member's value calls for (standing_target)."""
    value, previous = values if values is not None else qualifying_values(ctx, program, [member])[member.id]
    return standing_target(tiers, value, previous, inactive=inactive)


@dataclass(frozen=True, slots=True)
class Outlook:
    """Where a member's tier is going: the next tier and what it needs (points, or spend in a
    hybrid program), and under a calendar year's grace the last day to keep the current tier
    past the next reset with what that still needs (README, "Tier periods")."""

    next_tier: Any = None
    to_next: Value | None = None
    keep_by: dt.date | None = None
    keep_needs: Value | None = None


def outlook(ctx: Ctx, member: Member | Any, program: Program | Any, tiers: Sequence[Any]) -> Outlook:
    if not program.tier_system_enabled or not tiers:
        return Outlook()
    value, previous = qualifying_values(ctx, program, [member])[member.id]
    upcoming = next_tier(tiers, max(value, previous))
    period = period_of(program)
    current = next((t for t in tiers if t.id == member.current_tier_id), None)
    keep_by = keep_needs = None
    if period.calendar_year and period.grace and current is not None and current.min_points_required > value:
        # At the reset this year's value becomes the grace; below the tier's threshold, the member drops.
        keep_by = next_reset(ctx.today, period.reset) - dt.timedelta(days=1)
        keep_needs = current.min_points_required - value
    return Outlook(upcoming, upcoming.min_points_required - value if upcoming else None, keep_by, keep_needs)


def automatic_reason(program: Program | Any) -> PromotionReason:
    return PromotionReason.AUTOMATIC_SPEND if period_of(program).on_spend else PromotionReason.AUTOMATIC_POINTS


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
                  tiers: Sequence[Tier] | None = None, reset: bool = False) -> int:
    """Put the member in the tier their qualifying value calls for (`tiers`: the program's, when
    the caller read them already in this unit of work).

    Rolling-window and calendar-year programs only promote here; the daily job demotes them (a
    rolling window any day, a calendar year at its reset: `reset`), so a member does not drop a
    tier in the middle of a visit. A member inactive too long drops wherever it is seen.
    """
    # Every change of lifetime points comes through here: its milestones too.
    check_lifetime(ctx, program, member)
    if not program.tier_system_enabled:
        return 0
    tiers = program_tiers(ctx, program.id) if tiers is None else tiers
    if not tiers:
        return 0
    cutoff = inactive_since(ctx, program)
    inactive = cutoff is not None and member.last_activity_date < cutoff
    target = target_tier(ctx, member, program, tiers, inactive=inactive)
    current = next((t for t in tiers if t.id == member.current_tier_id), None)
    reason = PromotionReason.ANNUAL_RESET if reset else automatic_reason(program)
    if (target.tier_level if target else -1) < (current.tier_level if current else -1):
        if allow_demotion is None:
            allow_demotion = period_of(program).lifetime or inactive or reset
        if not allow_demotion:
            return 0
        if inactive:
            reason = PromotionReason.INACTIVITY_DEMOTION
    return apply_tier(ctx, member, program, target, tiers, reason)
