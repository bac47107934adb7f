"""The daily jobs: complete pending points, expire lots, birthday bonuses, tiers.

Work is done in small batches, each its own transaction, so a counter
register is never kept waiting behind one long write. Every step is
idempotent, so a batch that is interrupted is simply done again next run.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, or_, select

from ..domain import ledger_messages
from ..domain.ledger_rules import birthday_points, expiry_for
from ..domain.tier_rules import uncovered_ranges
from ..models import Member, PointLot, PointsTransaction, Program, Shop, Tier
from ..models.enums import ActivityType, MembershipStatus, ProgramStatus, TransactionStatus, TransactionType
from .activity import log_activity
from .clock import end_cutoff
from .dto import JobSummary
from .ledger import lock_member, post
from .programs import get_program
from .settlement import settle_member
from .snapshots import write_snapshots
from .tiers import evaluate_tier, program_tiers, qualification_days, rolling_points, tier_for_points
from .uow import SYSTEM, Ctx, UnitOfWork

_T = TypeVar("_T")

BATCH = 500
CATCH_UP_DAYS = 31


def _batches(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


def birthday_keys(day: dt.date) -> set[int]:
    """Birthday keys celebrated on `day`: 29 February falls on 28 February in other years."""
    keys = {day.month * 100 + day.day}
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        keys.add(229)
    return keys


def run(uow: UnitOfWork, user_id: str, day: dt.date, now: dt.datetime) -> JobSummary:
    summary = JobSummary(day=day)

    def write(work: Callable[[Ctx], _T]) -> _T:
        return uow.write(user_id, work, now=now, acting=SYSTEM)

    def due_members(ctx: Ctx) -> list[int]:
        cutoff = end_cutoff(day, ctx.tz)
        holds = select(PointsTransaction.member_id).where(
            PointsTransaction.user_id == user_id, PointsTransaction.status == TransactionStatus.PENDING.value,
            PointsTransaction.pending_until < cutoff)
        lots = select(PointLot.member_id).where(
            PointLot.user_id == user_id, PointLot.points_remaining > 0, PointLot.expires_at < cutoff)
        return sorted(set(ctx.session.scalars(holds)) | set(ctx.session.scalars(lots)))

    with uow.read(user_id) as ctx:
        shop = ctx.shop
        last_run = shop.last_daily_run if shop else None
        settle_ids = due_members(ctx)
    for ids in _batches(settle_ids):
        done = write(partial(_settle, member_ids=ids, day=day))
        summary = replace(summary, pending_completed=summary.pending_completed + done[0],
                          lots_expired=summary.lots_expired + done[1], points_expired=summary.points_expired + done[2])
    first = day if last_run is None or last_run >= day else max(last_run + dt.timedelta(days=1),
                                                                 day - dt.timedelta(days=CATCH_UP_DAYS))
    birthdays = 0
    current = first
    while current <= day:
        birthdays += write(partial(_birthdays, day=current))
        current += dt.timedelta(days=1)
    promotions = demotions = 0
    with uow.read(user_id) as ctx:
        program_ids = list(ctx.session.scalars(select(Program.id).where(
            Program.user_id == user_id, Program.tier_system_enabled.is_(True))))
    for program_id in program_ids:
        moves = write(partial(_tier_moves, program_id=program_id))
        for ids in _batches(moves):
            up, down = write(partial(_retier, program_id=program_id, member_ids=ids))
            promotions += up
            demotions += down
    write(lambda ctx: _mark_run(ctx, day))
    snapshots = write(lambda ctx: write_snapshots(ctx, day))
    return replace(summary, birthday_bonuses=birthdays, promotions=promotions, demotions=demotions,
                   snapshots_written=snapshots)


def _settle(ctx: Ctx, member_ids: Iterable[int], day: dt.date) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    programs: dict[int, Program] = {}
    for member_id in member_ids:
        member = lock_member(ctx, member_id)
        program = programs.setdefault(member.program_id, get_program(ctx, member.program_id))
        for i, n in enumerate(settle_member(ctx, member, program, day)):
            totals[i] += n
    return totals[0], totals[1], totals[2]


def _birthdays(ctx: Ctx, day: dt.date) -> int:
    rows = ctx.session.execute(
        select(Member.id, Program.id)
        .join(Program, Program.id == Member.program_id)
        .where(
            Member.user_id == ctx.user_id,
            Member.birthday_key.in_(birthday_keys(day)),
            Member.membership_status == MembershipStatus.ACTIVE.value,
            Program.status == ProgramStatus.ACTIVE.value,
            Program.birthday_bonus_points > 0,
        )
    ).all()
    awarded = 0
    for member_id, program_id in rows:
        reference = ("birthday", f"{member_id}:{day.year}")
        if ctx.session.scalar(select(PointsTransaction.id).where(
                PointsTransaction.program_id == program_id, PointsTransaction.reference_type == reference[0],
                PointsTransaction.reference_id == reference[1])) is not None:
            continue
        member = lock_member(ctx, member_id)
        program = get_program(ctx, program_id)
        settle_member(ctx, member, program)
        tier = ctx.session.get(Tier, member.current_tier_id) if member.current_tier_id else None
        multiplier = Decimal(tier.birthday_bonus_multiplier) if tier else Decimal(1)
        points = birthday_points(program.birthday_bonus_points, multiplier)
        if points <= 0:
            continue
        post(ctx, member, TransactionType.BIRTHDAY_BONUS, points, source="birthday",
             description=ledger_messages.birthday_description(day.year), reference=reference,
             expires_at=expiry_for(program, ctx.now))
        log_activity(ctx, member, ActivityType.POINTS_EARNED, ledger_messages.birthday_activity(points), points=points,
                     year=day.year, multiplier=str(multiplier))
        evaluate_tier(ctx, member, program)
        awarded += 1
    return awarded


def _tier_moves(ctx: Ctx, program_id: int) -> list[int]:
    """Members of a program whose tier does not match their qualifying points."""
    program = get_program(ctx, program_id)
    tiers = program_tiers(ctx, program_id)
    if not tiers:
        return []
    days = qualification_days(program)
    if days is None:
        # Lifetime programs: indexed queries. Per tier, its members in another tier or none; per
        # range no tier holds (below the lowest, gaps, above a top tier with a max), its members
        # in any tier, whatever an edit of the tiers left them in.
        wrong: set[int] = set()
        for tier in tiers:
            wrong |= set(ctx.session.scalars(select(Member.id).where(
                Member.program_id == program_id, _lifetime_between(tier.min_points_required, tier.max_points_required),
                or_(Member.current_tier_id.is_(None), Member.current_tier_id != tier.id))))
        for low, high in uncovered_ranges(tiers):
            wrong |= set(ctx.session.scalars(select(Member.id).where(
                Member.program_id == program_id, _lifetime_between(low, high), Member.current_tier_id.is_not(None))))
        return sorted(wrong)
    sums = rolling_points(ctx, ctx.now - dt.timedelta(days=days), program_id=program_id)
    rows = ctx.session.execute(select(Member.id, Member.current_tier_id).where(Member.program_id == program_id))
    moves = []
    for member_id, tier_id in rows:
        target = tier_for_points(tiers, sums.get(member_id, 0))
        if (target.id if target else None) != tier_id:
            moves.append(member_id)
    return moves


def _lifetime_between(low: int, high: int | None) -> ColumnElement[bool]:
    """Lifetime points in a range as tier_for_points reads one: both ends inclusive, no max = open-ended."""
    above = Member.lifetime_points >= low
    return above if high is None else and_(above, Member.lifetime_points <= high)


def _retier(ctx: Ctx, program_id: int, member_ids: Iterable[int]) -> tuple[int, int]:
    program = get_program(ctx, program_id)
    up = down = 0
    for member_id in member_ids:
        member = lock_member(ctx, member_id)
        move = evaluate_tier(ctx, member, program, allow_demotion=True)
        up += move > 0
        down += move < 0
    return up, down


def _mark_run(ctx: Ctx, day: dt.date) -> None:
    shop = ctx.session.get(Shop, ctx.user_id)
    if shop is not None and (shop.last_daily_run is None or shop.last_daily_run < day):
        shop.last_daily_run = day
