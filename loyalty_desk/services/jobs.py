"""The daily jobs: complete pending points, expire lots, birthday bonuses, tiers.

Work is done in short chunks, each its own transaction of about CHUNK_S of work, so a
register recording a sale waits behind one chunk at most (on SQLite the write lock is
handed over in turn, db/turns.py). What a chunk works on is listed by reads outside the
write lock, and the snapshots are computed by one; every step is idempotent, so after an
interruption (even a kill) the next run simply carries on and ends in the same state.
"""
from __future__ import annotations

import calendar
import datetime as dt
import time
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, bindparam, literal, or_, select

from ..domain import ledger_messages
from ..domain.ledger_rules import birthday_points, expiry_for
from ..domain.messages import (
    DEFAULT_EXPIRY_REMINDER_DAYS,
    DEFAULT_REACTIVATION_DAYS,
    EXPIRY_REMINDER_RULE,
    REACTIVATION_RULE,
    kind_enabled,
    rule_days,
)
from ..domain.tier_rules import reset_between, tier_for_points, uncovered_ranges
from ..models import Member, OutboxMessage, PointLot, PointsTransaction, Program, Shop, Tier
from ..models.enums import (
    ActivityType,
    MembershipStatus,
    MessageKind,
    ProgramStatus,
    TransactionStatus,
    TransactionType,
)
from . import lifecycle, outbox
from .activity import log_activity
from .clock import end_cutoff, local_date, start_of_day
from .dto import JobSummary
from .ledger import lock_member, post
from .lifecycle import lapsed_members
from .programs import get_program
from .settlement import Due, due_of, settle_member
from .snapshots import missing_snapshots, store_snapshots
from .tiers import TIERS_HELD, evaluate_tier, inactive_since, period_of, program_tiers, qualifying_values, target_tier
from .uow import SYSTEM, Ctx, UnitOfWork

_T = TypeVar("_T")
_R = TypeVar("_R")

# Work per transaction: a chunk ends after the first item that takes it past this, so the write
# lock is held about this long plus the commit.
CHUNK_S = 0.04
CATCH_UP_DAYS = 31


def birthday_keys(day: dt.date) -> set[int]:
    """Birthday keys celebrated on `day`: 29 February falls on 28 February in other years."""
    keys = {day.month * 100 + day.day}
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        keys.add(229)
    return keys


def run(uow: UnitOfWork, user_id: str, day: dt.date, now: dt.datetime) -> JobSummary:
    def write(work: Callable[[Ctx], _T]) -> _T:
        return uow.write(user_id, work, now=now, acting=SYSTEM)

    def chunked(items: Sequence[_T], step: Callable[[Ctx, _T], _R]) -> list[_R]:
        """`step` for every item, as many per transaction as fit in CHUNK_S."""
        done: list[_R] = []
        while len(done) < len(items):
            done += write(partial(_chunk, items=items, start=len(done), step=step))
        return done

    with uow.read(user_id, now=now) as ctx:
        shop = ctx.shop
        last_run = shop.last_daily_run if shop else None
        settle_ids = _due_members(ctx, day)
    settled = chunked(settle_ids, partial(_settle_one, day=day, due=settle_ids))
    summary = JobSummary(day=day, pending_completed=sum(s[0] for s in settled),
                         lots_expired=sum(s[1] for s in settled), points_expired=sum(s[2] for s in settled))
    first = day if last_run is None or last_run >= day else max(last_run + dt.timedelta(days=1),
                                                                 day - dt.timedelta(days=CATCH_UP_DAYS))
    birthdays = reminders = 0
    current = first
    while current <= day:
        with uow.read(user_id, now=now) as ctx:
            celebrated = _birthday_members(ctx, current)
            expiring = _expiring_lots(ctx, current)
        birthdays += sum(chunked(celebrated, partial(_birthday, day=current)))
        reminders += sum(chunked(expiring, _remind_expiry))
        current += dt.timedelta(days=1)
    with uow.read(user_id, now=now) as ctx:
        inactive = _inactive_members(ctx)
    reactivations = sum(chunked(inactive, _reactivate))
    # After the reactivation emails: a member lapsing today still hears from the shop first.
    with uow.read(user_id, now=now) as ctx:
        status_moves = lifecycle.due(ctx)
    moved_status = chunked(status_moves, lifecycle.move)
    lapsed = sum(done for done, item in zip(moved_status, status_moves, strict=True) if item[2] == lifecycle.INACTIVE)
    promotions = demotions = 0
    with uow.read(user_id, now=now) as ctx:
        program_ids = list(ctx.session.scalars(select(Program.id).where(
            Program.user_id == user_id, Program.tier_system_enabled.is_(True))))
    for program_id in program_ids:
        with uow.read(user_id, now=now) as ctx:
            program = get_program(ctx, program_id)
            # A calendar year's reset is due when its date passed since the last complete run: a
            # run killed in the middle leaves last_daily_run behind, so the next one resets again,
            # and the members already moved are where the reset puts them (README, "Tier periods").
            period = period_of(program)
            reset = period.calendar_year and reset_between(last_run, day, period.reset)
            moves = _tier_moves(ctx, program, reset=reset)
        moved = chunked(moves, partial(_retier_one, program_id=program_id, reset=reset))
        promotions += sum(m > 0 for m in moved)
        demotions += sum(m < 0 for m in moved)
    write(lambda ctx: _mark_run(ctx, day))
    with uow.read(user_id, now=now) as ctx:
        missing = missing_snapshots(ctx, day)
    snapshots = write(lambda ctx: store_snapshots(ctx, missing))
    return replace(summary, birthday_bonuses=birthdays, promotions=promotions, demotions=demotions,
                   snapshots_written=snapshots, expiry_reminders=reminders, reactivations=reactivations,
                   members_lapsed=lapsed, members_expired=sum(moved_status) - lapsed)


def _chunk(ctx: Ctx, items: Sequence[_T], start: int, step: Callable[[Ctx, _T], _R]) -> list[_R]:
    """One transaction's share: items from `start` on, until CHUNK_S of work is done (one at least)."""
    began = time.monotonic()
    done: list[_R] = []
    for i in range(start, len(items)):
        done.append(step(ctx, items[i]))
        if time.monotonic() - began >= CHUNK_S:
            break
    return done


def _due_members(ctx: Ctx, day: dt.date) -> list[int]:
    """Members with a hold whose window closes or a lot that expires by the end of `day`."""
    # A range of the partial indexes of open holds and open lots: the day's due rows. Not narrowed
    # by the shop in SQL, where the planner would walk the shop's whole ledger by its index instead.
    params = {"cutoff": end_cutoff(day, ctx.tz)}
    due = {member_id for member_id, user_id in [*ctx.session.execute(_HOLDS_DUE, params),
                                                 *ctx.session.execute(_LOTS_DUE, params)]
           if user_id == ctx.user_id}
    return sorted(due)


# The indexes' own conditions written out in the SQL (not bound), so that every planner sees that
# they hold whatever it is told of the values; the lots in their index's order, which sampled
# statistics (tests/test_query_plans.py) would otherwise trade for a scan of the table.
_HOLDS_DUE = select(PointsTransaction.member_id, PointsTransaction.user_id).where(
    PointsTransaction.status == literal(TransactionStatus.PENDING.value, literal_execute=True),
    PointsTransaction.pending_until < bindparam("cutoff"))
_LOTS_DUE = select(PointLot.member_id, PointLot.user_id).where(
    PointLot.points_remaining > literal(0, literal_execute=True), PointLot.expires_at < bindparam("cutoff"),
).order_by(PointLot.expires_at)
# Members settled per batch read: one statement each for the members, their holds and their lots.
SETTLE_BATCH = 16


def _program(ctx: Ctx, program_id: int) -> Program:
    """The program, read once per transaction."""
    programs: dict[int, Program] = ctx.session.info.setdefault("loyalty_job_programs", {})
    if program_id not in programs:
        programs[program_id] = get_program(ctx, program_id)
    return programs[program_id]


def _settle_one(ctx: Ctx, member_id: int, day: dt.date, due: Sequence[int]) -> tuple[int, int, int]:
    """Settle one of the `due` members (sorted ids). The transaction reads them SETTLE_BATCH at a
    time, from this one on: what a chunk does not reach is read again by the next."""
    read: dict[int, tuple[Member, Due]] = ctx.session.info.setdefault("loyalty_job_due", {})
    ctx.session.info.setdefault(TIERS_HELD, {})     # settling edits no tier
    if member_id not in read:
        start = bisect_left(due, member_id)
        read.update(due_of(ctx, due[start:start + SETTLE_BATCH], day))
    if member_id not in read:
        return 0, 0, 0      # no longer the shop's
    member, owed = read.pop(member_id)
    return settle_member(ctx, member, _program(ctx, member.program_id), day, owed)


def _birthday_members(ctx: Ctx, day: dt.date) -> list[tuple[int, int]]:
    """(member, program) of the active members whose birthday bonus falls on `day`."""
    return [(member_id, program_id) for member_id, program_id in ctx.session.execute(
        select(Member.id, Program.id)
        .join(Program, Program.id == Member.program_id)
        .where(
            Member.user_id == ctx.user_id,
            Member.birthday_key.in_(birthday_keys(day)),
            Member.membership_status == MembershipStatus.ACTIVE.value,
            Program.status == ProgramStatus.ACTIVE.value,
            Program.birthday_bonus_points > 0,
        ).order_by(Member.id)
    )]


def _birthday(ctx: Ctx, celebrated: tuple[int, int], day: dt.date) -> int:
    """The member's birthday bonus for `day`'s year, unless already given: 1 if given now."""
    member_id, program_id = celebrated
    reference = ("birthday", f"{member_id}:{day.year}")
    if ctx.session.scalar(select(PointsTransaction.id).where(
            PointsTransaction.program_id == program_id, PointsTransaction.reference_type == reference[0],
            PointsTransaction.reference_id == reference[1])) is not None:
        return 0
    member = lock_member(ctx, member_id)
    program = _program(ctx, program_id)
    settle_member(ctx, member, program)
    tier = ctx.session.get(Tier, member.current_tier_id) if member.current_tier_id else None
    multiplier = Decimal(tier.birthday_bonus_multiplier) if tier else Decimal(1)
    points = birthday_points(program.birthday_bonus_points, multiplier)
    if points <= 0:
        return 0
    post(ctx, member, TransactionType.BIRTHDAY_BONUS, points, source="birthday",
         description=ledger_messages.birthday_description(day.year), reference=reference,
         expires_at=expiry_for(program, ctx.now))
    log_activity(ctx, member, ActivityType.POINTS_EARNED, ledger_messages.birthday_activity(points), points=points,
                 year=day.year, multiplier=str(multiplier))
    evaluate_tier(ctx, member, program)
    outbox.queue(ctx, member, program, MessageKind.BIRTHDAY, {"points": points}, key=f"birthday:{day.year}")
    return 1


# --- the daily messages (README, "Messages") ----------------------------------------------


def _programs_sending(ctx: Ctx, kind: MessageKind) -> list[Program]:
    """The shop's active programs that send this kind of message."""
    return [p for p in ctx.session.scalars(select(Program).where(
        Program.user_id == ctx.user_id, Program.status == ProgramStatus.ACTIVE.value).order_by(Program.id))
        if kind_enabled(p.program_rules, kind)]


def _expiring_lots(ctx: Ctx, day: dt.date) -> list[tuple[int, int, dt.date, int]]:
    """(member, program, expiry date, points) of the points that expire the program's reminder
    days after `day`: the reminder goes that many days before, once per member and expiry date."""
    due = []
    for program in _programs_sending(ctx, MessageKind.POINTS_EXPIRING):
        if program.points_expiration_days is None:
            continue
        target = day + dt.timedelta(days=rule_days(program.program_rules, EXPIRY_REMINDER_RULE,
                                                   DEFAULT_EXPIRY_REMINDER_DAYS))
        # The day's range of the open lots' index, then those members by id: never a walk of the
        # program's members.
        points: dict[int, int] = {}
        for member_id, left in ctx.session.execute(_EXPIRING, {
                "program": program.id, "start": start_of_day(target, ctx.tz), "end": end_cutoff(target, ctx.tz)}):
            points[member_id] = points.get(member_id, 0) + left
        ids = sorted(points)
        reached = set()
        for start in range(0, len(ids), 500):
            reached |= set(ctx.session.scalars(select(Member.id).where(
                Member.id.in_(ids[start:start + 500]), Member.membership_status == MembershipStatus.ACTIVE.value,
                outbox.reachable(MessageKind.POINTS_EXPIRING))))
        due += [(member_id, program.id, target, points[member_id]) for member_id in ids if member_id in reached]
    return due


_EXPIRING = select(PointLot.member_id, PointLot.points_remaining).where(
    PointLot.program_id == bindparam("program"), PointLot.points_remaining > literal(0, literal_execute=True),
    PointLot.expires_at >= bindparam("start"), PointLot.expires_at < bindparam("end"),
).order_by(PointLot.expires_at)


def _remind_expiry(ctx: Ctx, item: tuple[int, int, dt.date, int]) -> int:
    member_id, program_id, expiry_date, points = item
    queued = outbox.queue(ctx, lock_member(ctx, member_id), _program(ctx, program_id), MessageKind.POINTS_EXPIRING,
                          {"expiring_points": points, "expiry_date": expiry_date.isoformat()},
                          key=f"expiring:{expiry_date.isoformat()}")
    return int(queued is not None)


def _inactive_members(ctx: Ctx) -> list[tuple[int, int]]:
    """(member, program) of the active members with no activity for the program's reactivation
    days who have not been written to since their last activity: once per stretch of inactivity."""
    due = []
    for program in _programs_sending(ctx, MessageKind.REACTIVATION):
        since = ctx.now - dt.timedelta(days=rule_days(program.program_rules, REACTIVATION_RULE,
                                                      DEFAULT_REACTIVATION_DAYS))
        written = select(OutboxMessage.id).where(
            OutboxMessage.member_id == Member.id, OutboxMessage.kind == MessageKind.REACTIVATION.value,
            OutboxMessage.created_at >= Member.last_activity_date).exists()
        due += [(member_id, program.id) for member_id in ctx.session.scalars(select(Member.id).where(
            Member.user_id == ctx.user_id, Member.program_id == program.id, Member.last_activity_date < since,
            or_(Member.membership_status == MembershipStatus.ACTIVE.value, lapsed_members()),
            outbox.reachable(MessageKind.REACTIVATION), ~written).order_by(Member.id))]
    return due


def _reactivate(ctx: Ctx, item: tuple[int, int]) -> int:
    member = lock_member(ctx, item[0])
    last = local_date(member.last_activity_date, ctx.tz)
    queued = outbox.queue(ctx, member, _program(ctx, item[1]), MessageKind.REACTIVATION,
                          {"last_visit": last.isoformat(), "days_inactive": (ctx.today - last).days},
                          key=f"reactivation:{member.last_activity_date.isoformat()}")
    return int(queued is not None)


def _tier_moves(ctx: Ctx, program: Program, *, reset: bool) -> list[int]:
    """Members of a program whose tier the job would change today (a read: each is checked again
    under its lock when moved)."""
    tiers = program_tiers(ctx, program.id)
    if not tiers:
        return []
    period = period_of(program)
    cutoff = inactive_since(ctx, program)
    if period.lifetime:
        measure = Member.total_spent if period.on_spend else Member.lifetime_points
        return _lifetime_moves(ctx, program.id, tiers, measure, cutoff)
    rows = ctx.session.execute(select(Member.id, Member.current_tier_id, Member.last_activity_date,
                                      Member.lifetime_points, Member.total_spent)
                               .where(Member.program_id == program.id).order_by(Member.id)).all()
    values = qualifying_values(ctx, program, rows, whole_program=True)
    level = {t.id: t.tier_level for t in tiers}
    moves = []
    for row in rows:
        inactive = cutoff is not None and row.last_activity_date < cutoff
        target = target_tier(ctx, row, program, tiers, inactive=inactive, values=values[row.id])
        up = (target.tier_level if target else -1) > level.get(row.current_tier_id, -1)
        if (target.id if target else None) != row.current_tier_id and (up or reset or inactive
                                                                          or period.demotes_daily):
            moves.append(row.id)
    return moves


def _lifetime_moves(ctx: Ctx, program_id: int, tiers: Sequence[Tier], measure: Any,
                    inactive_before: dt.datetime | None) -> list[int]:
    """Lifetime programs: indexed queries. Per tier, its members in another tier or none; per
    range no tier holds (below the lowest, gaps, above a top tier with a max), its members in any
    tier, whatever an edit of the tiers left them in. Members inactive too long are measured as
    having nothing."""
    wrong: set[int] = set()
    in_program: list[ColumnElement[bool]] = [Member.program_id == program_id]
    if inactive_before is not None:
        idle = [*in_program, Member.last_activity_date < inactive_before]
        in_program.append(Member.last_activity_date >= inactive_before)
        floor = tier_for_points(tiers, 0)
        # Only downwards: a member in no tier is not placed by inactivity.
        below = [t.id for t in tiers if floor is None or t.tier_level > floor.tier_level]
        wrong |= set(ctx.session.scalars(select(Member.id).where(*idle, Member.current_tier_id.in_(below))))
    for tier in tiers:
        wrong |= set(ctx.session.scalars(select(Member.id).where(
            *in_program, _between(measure, tier.min_points_required, tier.max_points_required),
            or_(Member.current_tier_id.is_(None), Member.current_tier_id != tier.id))))
    for low, high in uncovered_ranges(tiers):
        wrong |= set(ctx.session.scalars(select(Member.id).where(
            *in_program, _between(measure, low, high), Member.current_tier_id.is_not(None))))
    return sorted(wrong)


def _between(measure: Any, low: int, high: int | None) -> ColumnElement[bool]:
    """A lifetime value in a range as tier_for_points reads one: both ends inclusive in whole units
    (spend of $1,999.50 is within a range ending at 1,999), no max = open-ended."""
    above = measure >= low
    return above if high is None else and_(above, measure < high + 1)


def _retier_one(ctx: Ctx, member_id: int, program_id: int, reset: bool) -> int:
    """Move the member to the tier their value gives (+1 up, -1 down, 0 none)."""
    program = _program(ctx, program_id)
    # The job is where a rolling window demotes; a calendar year only at its reset (or when idle).
    daily = True if period_of(program).demotes_daily else None
    return evaluate_tier(ctx, lock_member(ctx, member_id), program, allow_demotion=daily, reset=reset)


def _mark_run(ctx: Ctx, day: dt.date) -> None:
    shop = ctx.session.get(Shop, ctx.user_id)
    if shop is not None and (shop.last_daily_run is None or shop.last_daily_run < day):
        shop.last_daily_run = day
