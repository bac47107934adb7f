"""Daily analytics snapshots: one row per program per finished day (spec table 8).

The daily job for day D writes every finished day not yet written, up to D-1,
from the program's first day on; so the first run backfills the past. The
figures are rebuilt from the ledger by one pass in time order, which gives the
state at the end of each day exactly, not an approximation from today's totals.
Writing is idempotent: a day that has its row is never written again.
Definitions are in the README ("Analytics").

The replay reads the ledger as a stream in time order and keeps each member's state in flat
arrays (services/snapshot_state.py), so its memory stays flat whatever the size of the history;
the daily job runs it in a read transaction and writes the rows in a short one of their own
(`missing_snapshots`, `store_snapshots`). With the rows goes a checkpoint: the state at the end
of the last day written, from which the next run resumes, reading only what came after it. The
full replay stays the definition: it runs when there is no checkpoint, or when one no longer
holds (a row written since but dated before its end, other rules or tier names, a missing day).
"""
from __future__ import annotations

import datetime as dt
import heapq
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Executable, func, select, tuple_

from ..domain.ledger_rules import NO_TIER
from ..models import (
    Member,
    PointsTransaction,
    Program,
    ProgramAnalytics,
    SnapshotCheckpoint,
    Tier,
    TierProgression,
)
from ..models.enums import TransactionStatus
from .clock import end_cutoff, local_date
from .snapshot_state import Members, ProgramState
from .uow import Ctx

# A checkpoint is the state at the end of a day that ended at least this long before the read: a
# row whose transaction was still open when the replay read (on PostgreSQL, with a lower id than
# rows already committed) is dated when its transaction began, and none stays open this long.
SETTLE = dt.timedelta(minutes=10)
# Ledger rows looked up at a time (rows replayed while pending, whose status may have changed).
LOOKUP_ROWS = 500


@dataclass
class Missing:
    """What `missing_snapshots` found: the rows to write, and each program's checkpoint to keep
    with them (the columns of a ProgramAnalytics and of a SnapshotCheckpoint)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)


def missing_snapshots(ctx: Ctx, day: dt.date) -> Missing:
    """The rows of every finished day before `day` that has none yet, for each program of the shop,
    with the checkpoints to keep: reads only, so the daily job computes them without holding the
    write lock."""
    missing = Missing()
    for program in ctx.session.scalars(select(Program).where(Program.user_id == ctx.user_id).order_by(Program.id)):
        rows, checkpoint = _program_snapshots(ctx, program, day - dt.timedelta(days=1))
        missing.rows += rows
        if checkpoint is not None:
            missing.checkpoints.append(checkpoint)
    return missing


def store_snapshots(ctx: Ctx, missing: Missing) -> int:
    """Write those of the rows whose day is still missing (another run may have written it
    meanwhile), and the checkpoints, in the same transaction: both or neither. A checkpoint
    replaces the program's last one, which may no longer hold: each is checked when resumed from,
    and one made from an earlier day only makes the next run read a little more."""
    for checkpoint in missing.checkpoints:
        kept = ctx.session.get(SnapshotCheckpoint, checkpoint["program_id"])
        if kept is None:
            ctx.session.add(SnapshotCheckpoint(**checkpoint))
        else:
            for name, value in checkpoint.items():
                setattr(kept, name, value)
    rows = missing.rows
    if not rows:
        ctx.session.flush()
        return 0
    keys = {(row["program_id"], row["analytics_date"]) for row in rows}
    done = {(program_id, day) for program_id, day in ctx.session.execute(select(
        ProgramAnalytics.program_id, ProgramAnalytics.analytics_date).where(
        tuple_(ProgramAnalytics.program_id, ProgramAnalytics.analytics_date).in_(keys)))}
    new = [ProgramAnalytics(**row) for row in rows if (row["program_id"], row["analytics_date"]) not in done]
    ctx.session.add_all(new)
    ctx.session.flush()
    return len(new)


def _program_snapshots(ctx: Ctx, program: Program,
                       last_day: dt.date) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    first_day = local_date(program.created_at, ctx.tz)
    done = set(ctx.session.scalars(select(ProgramAnalytics.analytics_date).where(
        ProgramAnalytics.program_id == program.id, ProgramAnalytics.analytics_date >= first_day,
        ProgramAnalytics.analytics_date <= last_day)))
    missing = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    missing = [d for d in missing if d not in done]
    return _replay(ctx, program, missing) if missing else ([], None)


# Rows fetched at a time from each of the replay's streams.
STREAM_ROWS = 5000


def _stream(ctx: Ctx, query: Executable) -> Iterator[Any]:
    """The query's rows a batch at a time (a server-side cursor on PostgreSQL), never all at once.
    Read on the unit of work's connection, not through the session: the session's work on each
    row made a replay's reading 1.4-1.7x as long. A write's own changes are flushed first, so the
    replay sees them as the session's read did."""
    ctx.session.flush()
    return iter(ctx.conn.execute(query.execution_options(yield_per=STREAM_ROWS)))


@dataclass(frozen=True)
class _Start:
    """Where a replay starts: from nothing (the full replay), or from a checkpoint's state at the
    end of `day`, reading only what is dated after it."""

    state: ProgramState
    day: dt.date | None = None


def _replay(ctx: Ctx, program: Program, days: list[dt.date]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One pass over the program's history in time order, emitting a snapshot at the end of each
    wanted day; and the checkpoint to keep (the state at the end of the last day ended SETTLE ago).

    Enrolments, ledger rows and tier moves come as three streams sorted by the database, merged
    by (moment, kind, id): at one moment, enrolments first, then ledger rows, then tier moves."""
    low, high = ctx.session.execute(select(func.min(Member.id), func.max(Member.id)).where(
        Member.program_id == program.id)).one()
    # The highest ids now, before anything is read: whatever the replay reads is at or below them.
    marks = {"last_transaction_id": ctx.session.scalar(select(func.coalesce(func.max(PointsTransaction.id), 0))),
             "last_member_id": ctx.session.scalar(select(func.coalesce(func.max(Member.id), 0))),
             "last_move_id": ctx.session.scalar(select(func.coalesce(func.max(TierProgression.id), 0)))}
    tier_names = {t.id: t.tier_name for t in ctx.session.scalars(select(Tier).where(Tier.program_id == program.id))}
    threshold = max(program.min_redemption_points, 1)
    fingerprint = {"threshold": threshold, "tz": str(ctx.tz), "tiers": sorted([i, n] for i, n in tier_names.items())}
    start = _resumed(ctx, program, days[0], fingerprint, low, high) or _Start(
        ProgramState(threshold=threshold, members=Members(low or 0, high or -1)))
    state = start.state
    last_cutoff = end_cutoff(days[-1], ctx.tz)
    since = end_cutoff(start.day, ctx.tz) if start.day else None
    upcoming_events = _events(ctx, program, tier_names, since, last_cutoff)
    upcoming = next(upcoming_events, None)
    wanted = set(days)
    kept = min(days[-1], local_date(ctx.now - SETTLE, ctx.tz) - dt.timedelta(days=1))
    blob: bytes | None = None
    new_by_day: dict[dt.date, int] = defaultdict(int)
    out: list[dict[str, Any]] = []
    if start.day:
        current = start.day + dt.timedelta(days=1)
    else:
        current = min(local_date(upcoming[0], ctx.tz), days[0]) if upcoming else days[0]
    while current <= days[-1]:
        cutoff = end_cutoff(current, ctx.tz)
        while upcoming is not None and upcoming[0] < cutoff:
            _, kind, key, detail = upcoming
            if kind == 0:
                state.enroll(key)
                new_by_day[current] += 1
            elif kind == 1:
                # Events are taken day by day, so the row's local day is `current`.
                state.ledger_row(detail.member_id, detail.transaction_type, detail.status, detail.points_amount,
                                 detail.shortfall_points, detail.amount, current, detail.qualifying_points,
                                 detail.reference_type)
                if detail.status == TransactionStatus.PENDING:
                    state.pending.append(key)
            else:
                state.tier_change(key, detail)
            upcoming = next(upcoming_events, None)
        if current in wanted:
            out.append(state.snapshot(program, current, new_by_day[current]))
        state.redemptions_today = state.redeemed_today = 0
        if current == kept:
            blob = state.dump(fingerprint)
        current += dt.timedelta(days=1)
    checkpoint = None if blob is None else dict(program_id=program.id, user_id=program.user_id, snapshot_day=kept,
                                                state=blob, **marks)
    return out, checkpoint


def _events(ctx: Ctx, program: Program, tier_names: dict[int, str], since: dt.datetime | None,
            until: dt.datetime) -> Iterator[tuple[dt.datetime, int, int, Any]]:
    """The program's enrolments, ledger rows and tier moves dated before `until` (and at or after
    `since`, resuming), merged in time order.

    From the beginning, each table is read by its program; resuming, by its date (`program_id + 0`
    keeps SQLite from walking the program's whole history by its program index instead)."""
    if since is None:
        in_members = [Member.program_id == program.id, Member.enrollment_date < until]
        in_ledger = [PointsTransaction.program_id == program.id, PointsTransaction.created_at < until]
        in_moves = [TierProgression.program_id == program.id, TierProgression.promotion_date < until]
    else:
        in_members = [Member.user_id == program.user_id, Member.program_id + 0 == program.id,
                      Member.enrollment_date >= since, Member.enrollment_date < until]
        in_ledger = [PointsTransaction.program_id + 0 == program.id, PointsTransaction.created_at >= since,
                     PointsTransaction.created_at < until]
        in_moves = [TierProgression.program_id + 0 == program.id, TierProgression.promotion_date >= since,
                    TierProgression.promotion_date < until]
    enrolments = ((enrolled, 0, member_id, None) for member_id, enrolled in _stream(ctx, select(
        Member.id, Member.enrollment_date).where(*in_members).order_by(Member.enrollment_date, Member.id)))
    ledger = ((row.created_at, 1, row.id, row) for row in _stream(ctx, select(
        PointsTransaction.created_at, PointsTransaction.id, PointsTransaction.member_id,
        PointsTransaction.transaction_type, PointsTransaction.points_amount, PointsTransaction.shortfall_points,
        PointsTransaction.amount, PointsTransaction.status, PointsTransaction.qualifying_points,
        PointsTransaction.reference_type).where(*in_ledger)
        .order_by(PointsTransaction.created_at, PointsTransaction.id)))
    moves = ((promoted, 2, member_id, tier_names.get(tier_id, NO_TIER) if tier_id else NO_TIER)
             for promoted, member_id, tier_id in _stream(ctx, select(
                 TierProgression.promotion_date, TierProgression.member_id, TierProgression.new_tier_id)
                 .where(*in_moves)
                 .order_by(TierProgression.promotion_date, TierProgression.member_id, TierProgression.id)))
    return heapq.merge(enrolments, ledger, moves, key=lambda e: (e[0], e[1], e[2]))


def _resumed(ctx: Ctx, program: Program, first_wanted: dt.date, fingerprint: dict[str, Any],
             low: int | None, high: int | None) -> _Start | None:
    """The program's checkpoint to resume from, if it still holds: it ends before the first day
    wanted, nothing written since is dated at or before its end, it was made under the same rules,
    and the rows it replayed as pending can be brought up to date."""
    checkpoint = ctx.session.get(SnapshotCheckpoint, program.id)
    if checkpoint is None or checkpoint.snapshot_day >= first_wanted:
        return None
    if _dated_back(ctx, program, checkpoint, end_cutoff(checkpoint.snapshot_day, ctx.tz)):
        return None
    state = ProgramState.load(checkpoint.state, fingerprint)
    if state is None:
        return None
    if low is not None and high is not None:
        state.members = state.members.grown(low, high)
    if not _settled_since(ctx, state):
        return None
    return _Start(state, checkpoint.snapshot_day)


def _dated_back(ctx: Ctx, program: Program, checkpoint: SnapshotCheckpoint, cutoff: dt.datetime) -> bool:
    """Whether a row of the program written after the checkpoint is dated before its cutoff (an
    import's enrolment dates, a job run for a past day, a clock set back). Each table is read from
    the checkpoint's id on, by its primary key: the rows written since, not the history."""
    probes = (
        (PointsTransaction.created_at, PointsTransaction.id, PointsTransaction.program_id,
         checkpoint.last_transaction_id),
        (Member.enrollment_date, Member.id, Member.program_id, checkpoint.last_member_id),
        (TierProgression.promotion_date, TierProgression.id, TierProgression.program_id, checkpoint.last_move_id),
    )
    for moment, key, owner, last in probes:
        # Rows are read, not tested in SQL: a date test would let SQLite walk its date index instead.
        if any(when < cutoff for (when,) in _stream(ctx, select(moment).where(key > last, owner + 0 == program.id)
                                                   .order_by(key))):
            return True
    return False


def _settled_since(ctx: Ctx, state: ProgramState) -> bool:
    """Bring the rows the checkpoint replayed as pending up to date: those since released (or
    failed) count as if replayed so. False when one cannot be (the replay starts over)."""
    still = array("q")
    for start in range(0, len(state.pending), LOOKUP_ROWS):
        ids = state.pending[start:start + LOOKUP_ROWS].tolist()
        rows = {row.id: row for row in ctx.session.execute(select(
            PointsTransaction.id, PointsTransaction.created_at, PointsTransaction.member_id,
            PointsTransaction.transaction_type, PointsTransaction.points_amount, PointsTransaction.shortfall_points,
            PointsTransaction.amount, PointsTransaction.status, PointsTransaction.qualifying_points).where(
            PointsTransaction.id.in_(ids)))}
        for row_id in ids:
            row = rows.get(row_id)
            if row is None:
                return False
            if row.status == TransactionStatus.PENDING:
                still.append(row_id)
            elif not state.settle_late(row.member_id, row.transaction_type, row.status, row.points_amount,
                                       row.shortfall_points, row.amount, local_date(row.created_at, ctx.tz),
                                       row.qualifying_points):
                return False
    state.pending = still
    return True
