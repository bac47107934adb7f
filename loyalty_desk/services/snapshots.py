"""Daily analytics snapshots: one row per program per finished day (spec table 8).

The daily job for day D writes every finished day not yet written, up to D-1,
from the program's first day on; so the first run backfills the past. The
figures are rebuilt from the ledger by one pass in time order, which gives the
state at the end of each day exactly, not an approximation from today's totals.
Writing is idempotent: a day that has its row is never written again.
Definitions are in the README ("Analytics").

The replay reads the ledger as a stream in time order and keeps each member's state in flat
arrays, so its memory stays flat whatever the size of the history; the daily job runs it in a
read transaction and writes the rows in a short one of their own (`missing_snapshots`,
`store_snapshots`).
"""
from __future__ import annotations

import datetime as dt
import heapq
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Executable, func, select, tuple_

from ..domain.ledger_rules import (
    NO_TIER,
    REDEEMING_TYPES,
    RowEffect,
    lifetime_after,
    row_effect,
    unmakes_redemption,
)
from ..models import Member, PointsTransaction, Program, ProgramAnalytics, Tier, TierProgression
from ..models.enums import TransactionStatus, TransactionType
from .clock import end_cutoff, local_date
from .uow import Ctx

ACTIVE_WINDOW_DAYS = 90
CENTS = Decimal("0.01")


class _Members:
    """Each member's state (lifetime points, redemptions held, last active day, tier) in flat arrays
    indexed by member id, from the program's lowest id on: a few bytes a member, where an object
    per member costs a couple of hundred. A member first seen is all zeros (no tier)."""

    def __init__(self, low: int, high: int) -> None:
        size = max(0, high - low + 1)
        self.low, self.size = low, size
        self.extra: dict[int, int] = {}    # ids outside the range, each with a slot at the end
        self.seen = bytearray(size)
        self.lifetime = array("q", bytes(8 * size))
        self.redemptions = array("q", bytes(8 * size))
        self.last_active = array("l", bytes(array("l").itemsize * size))   # a date's ordinal; 0: never
        self.tier = array("l", bytes(array("l").itemsize * size))          # index into tier names; 0: none
        self.count = 0

    def slot(self, member_id: int) -> int:
        i = member_id - self.low
        if 0 <= i < self.size:
            return i
        if member_id not in self.extra:
            self.extra[member_id] = len(self.seen)
            self.seen.append(0)
            for column in (self.lifetime, self.redemptions, self.last_active, self.tier):
                column.append(0)
        return self.extra[member_id]

    def get(self, member_id: int) -> int:
        """The member's slot; counted as a member from the first time seen."""
        i = self.slot(member_id)
        if not self.seen[i]:
            self.seen[i] = 1
            self.count += 1
        return i

    def reset(self, i: int) -> None:
        self.lifetime[i] = self.redemptions[i] = self.last_active[i] = self.tier[i] = 0


@dataclass(slots=True)
class _Sums:
    """The running sum of row effects (RowEffect's fields): added to in place, because a
    program's replay adds one per ledger row and a new frozen sum per row costs the demo's build."""

    outstanding: int = 0
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    spending: Decimal = Decimal(0)

    def add(self, effect: RowEffect) -> None:
        self.outstanding += effect.outstanding
        self.issued += effect.issued
        self.redeemed += effect.redeemed
        self.expired += effect.expired
        if effect.spending:
            self.spending += effect.spending


@dataclass
class _ProgramState:
    """Running totals for one program, advanced event by event."""

    threshold: int
    members: _Members
    totals: _Sums = field(default_factory=_Sums)     # the sum of every row's effect so far
    redemptions_today: int = 0
    redeemed_today: int = 0
    eligible: int = 0
    redeemers: int = 0
    last_active_days: Counter[int] = field(default_factory=Counter)   # by the day's ordinal
    tiers: Counter[str] = field(default_factory=Counter)
    tier_names: list[str] = field(default_factory=lambda: [NO_TIER])
    tier_index: dict[str, int] = field(default_factory=lambda: {NO_TIER: 0})

    def enroll(self, member_id: int) -> None:
        self.members.reset(self.members.get(member_id))
        self.tiers[NO_TIER] += 1
        if self.threshold <= 0:
            self.eligible += 1

    def touch(self, i: int, day: dt.date) -> None:
        members = self.members
        if members.last_active[i]:
            self.last_active_days[members.last_active[i]] -= 1
        members.last_active[i] = day.toordinal()
        self.last_active_days[members.last_active[i]] += 1

    def ledger_row(self, member_id: int, kind: str, status: str, points: int, shortfall: int,
                   amount: Decimal | None, day: dt.date, qualifying: int | None = None,
                   reference_type: str | None = None) -> None:
        effect = row_effect(kind, status, points, amount, shortfall, qualifying)
        self.totals.add(effect)
        if status != TransactionStatus.COMPLETED:
            return
        members = self.members
        i = members.get(member_id)
        self.redeemed_today += effect.redeemed
        before = members.lifetime[i]
        members.lifetime[i] = after = lifetime_after(before, kind, points, shortfall, qualifying)
        if (before >= self.threshold) != (after >= self.threshold):
            self.eligible += 1 if after >= self.threshold else -1
        if kind == TransactionType.PURCHASE and amount is not None:
            self.touch(i, day)
        elif kind in REDEEMING_TYPES:
            if kind != TransactionType.REDEMPTION and not unmakes_redemption(kind, reference_type):
                return   # points a return gave back of a discount: the discount still stands
            if kind == TransactionType.REDEMPTION:
                self.redemptions_today += 1  # made that day; a later cancellation does not unmake the visit
            had = members.redemptions[i] > 0
            members.redemptions[i] += 1 if kind == TransactionType.REDEMPTION else -1
            if had != (members.redemptions[i] > 0):
                self.redeemers += 1 if members.redemptions[i] > 0 else -1
            if kind == TransactionType.REDEMPTION:
                self.touch(i, day)

    def tier_change(self, member_id: int, new_tier: str) -> None:
        i = self.members.get(member_id)
        self.tiers[self.tier_names[self.members.tier[i]]] -= 1
        self.tiers[new_tier] += 1
        if new_tier not in self.tier_index:
            self.tier_index[new_tier] = len(self.tier_names)
            self.tier_names.append(new_tier)
        self.members.tier[i] = self.tier_index[new_tier]

    def snapshot(self, program: Program, day: dt.date, new_members: int) -> dict[str, Any]:
        """The day's row, as the columns of a ProgramAnalytics."""
        total, totals = self.members.count, self.totals
        window_start = (day - dt.timedelta(days=ACTIVE_WINDOW_DAYS - 1)).toordinal()
        active = sum(n for d, n in self.last_active_days.items() if d >= window_start)
        churned = self.last_active_days.get(window_start - 1, 0)
        return dict(
            program_id=program.id,
            user_id=program.user_id,
            analytics_date=day,
            total_members=total,
            active_members=active,
            total_points_issued=totals.issued,
            total_points_redeemed=totals.redeemed,
            total_points_outstanding=totals.outstanding,
            average_member_points=_ratio(totals.outstanding, total),
            redemption_rate=_ratio(self.redeemers * 100, self.eligible),
            tier_distribution={name: n for name, n in sorted(self.tiers.items()) if n > 0},
            new_members=new_members,
            churned_members=churned,
            total_spending=totals.spending.quantize(CENTS),
            average_spending_per_member=_ratio(totals.spending, total),
            eligible_members=self.eligible,
            redeeming_members=self.redeemers,
            redemptions=self.redemptions_today,
            points_redeemed_today=self.redeemed_today,
            total_points_expired=totals.expired,
        )


def _ratio(numerator: Decimal | int, denominator: int) -> Decimal:
    if denominator == 0:
        return Decimal("0.00")
    return (Decimal(numerator) / denominator).quantize(CENTS, rounding=ROUND_HALF_UP)


def write_snapshots(ctx: Ctx, day: dt.date) -> int:
    """Write the missing snapshots of every program of the shop, for finished days before `day`."""
    return store_snapshots(ctx, missing_snapshots(ctx, day))


def missing_snapshots(ctx: Ctx, day: dt.date) -> list[dict[str, Any]]:
    """The rows of every finished day before `day` that has none yet, for each program of the shop:
    reads only, so the daily job computes them without holding the write lock."""
    rows: list[dict[str, Any]] = []
    for program in ctx.session.scalars(select(Program).where(Program.user_id == ctx.user_id).order_by(Program.id)):
        rows += _program_snapshots(ctx, program, day - dt.timedelta(days=1))
    return rows


def store_snapshots(ctx: Ctx, rows: list[dict[str, Any]]) -> int:
    """Write those of `rows` whose day is still missing (another run may have written it meanwhile)."""
    if not rows:
        return 0
    keys = {(row["program_id"], row["analytics_date"]) for row in rows}
    done = {(program_id, day) for program_id, day in ctx.session.execute(select(
        ProgramAnalytics.program_id, ProgramAnalytics.analytics_date).where(
        tuple_(ProgramAnalytics.program_id, ProgramAnalytics.analytics_date).in_(keys)))}
    new = [ProgramAnalytics(**row) for row in rows if (row["program_id"], row["analytics_date"]) not in done]
    ctx.session.add_all(new)
    ctx.session.flush()
    return len(new)


def _program_snapshots(ctx: Ctx, program: Program, last_day: dt.date) -> list[dict[str, Any]]:
    first_day = local_date(program.created_at, ctx.tz)
    done = set(ctx.session.scalars(select(ProgramAnalytics.analytics_date).where(
        ProgramAnalytics.program_id == program.id, ProgramAnalytics.analytics_date >= first_day,
        ProgramAnalytics.analytics_date <= last_day)))
    missing = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    missing = [d for d in missing if d not in done]
    return _replay(ctx, program, missing) if missing else []


# Rows fetched at a time from each of the replay's streams.
STREAM_ROWS = 5000


def _stream(ctx: Ctx, query: Executable) -> Iterator[Any]:
    """The query's rows a batch at a time (a server-side cursor on PostgreSQL), never all at once."""
    return iter(ctx.session.execute(query.execution_options(yield_per=STREAM_ROWS)))


def _replay(ctx: Ctx, program: Program, days: list[dt.date]) -> list[dict[str, Any]]:
    """One pass over the program's history in time order, emitting a snapshot at the end of each wanted day.

    Enrolments, ledger rows and tier moves come as three streams sorted by the database, merged
    by (moment, kind, id): at one moment, enrolments first, then ledger rows, then tier moves."""
    low, high = ctx.session.execute(select(func.min(Member.id), func.max(Member.id)).where(
        Member.program_id == program.id)).one()
    state = _ProgramState(threshold=max(program.min_redemption_points, 1), members=_Members(low or 0, high or -1))
    tier_names = {t.id: t.tier_name for t in ctx.session.scalars(select(Tier).where(Tier.program_id == program.id))}
    last_cutoff = end_cutoff(days[-1], ctx.tz)
    enrolments = ((enrolled, 0, member_id, None) for member_id, enrolled in _stream(ctx, select(
        Member.id, Member.enrollment_date).where(Member.program_id == program.id, Member.enrollment_date < last_cutoff)
        .order_by(Member.enrollment_date, Member.id)))
    ledger = ((row.created_at, 1, row.id, row) for row in _stream(ctx, select(
        PointsTransaction.created_at, PointsTransaction.id, PointsTransaction.member_id,
        PointsTransaction.transaction_type, PointsTransaction.points_amount, PointsTransaction.shortfall_points,
        PointsTransaction.amount, PointsTransaction.status, PointsTransaction.qualifying_points,
        PointsTransaction.reference_type).where(
        PointsTransaction.program_id == program.id, PointsTransaction.created_at < last_cutoff)
        .order_by(PointsTransaction.created_at, PointsTransaction.id)))
    moves = ((promoted, 2, member_id, tier_names.get(tier_id, NO_TIER) if tier_id else NO_TIER)
             for promoted, member_id, tier_id in _stream(ctx, select(
                 TierProgression.promotion_date, TierProgression.member_id, TierProgression.new_tier_id).where(
                 TierProgression.program_id == program.id, TierProgression.promotion_date < last_cutoff)
                 .order_by(TierProgression.promotion_date, TierProgression.member_id, TierProgression.id)))
    events = heapq.merge(enrolments, ledger, moves, key=lambda e: (e[0], e[1], e[2]))
    upcoming = next(events, None)
    wanted = set(days)
    new_by_day: dict[dt.date, int] = defaultdict(int)
    out: list[dict[str, Any]] = []
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
            else:
                state.tier_change(key, detail)
            upcoming = next(events, None)
        if current in wanted:
            out.append(state.snapshot(program, current, new_by_day[current]))
        state.redemptions_today = state.redeemed_today = 0
        current += dt.timedelta(days=1)
    return out
