"""Daily analytics snapshots: one row per program per finished day (spec table 8).

The daily job for day D writes every finished day not yet written, up to D-1,
from the program's first day on; so the first run backfills the past. The
figures are rebuilt from the ledger by one pass in time order, which gives the
state at the end of each day exactly, not an approximation from today's totals.
Writing is idempotent: a day that has its row is never written again.
Definitions are in the README ("Analytics").
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select

from ..domain.ledger_rules import NO_TIER, REDEEMING_TYPES, RowEffect, lifetime_after, row_effect
from ..models import Member, PointsTransaction, Program, ProgramAnalytics, Tier, TierProgression
from ..models.enums import TransactionStatus, TransactionType
from .clock import end_cutoff, local_date
from .uow import Ctx

ACTIVE_WINDOW_DAYS = 90
CENTS = Decimal("0.01")


@dataclass
class _MemberState:
    lifetime: int = 0
    redemptions: int = 0
    last_active: dt.date | None = None
    tier: str = NO_TIER


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
    members: dict[int, _MemberState] = field(default_factory=dict)
    totals: _Sums = field(default_factory=_Sums)     # the sum of every row's effect so far
    redemptions_today: int = 0
    redeemed_today: int = 0
    eligible: int = 0
    redeemers: int = 0
    last_active_days: Counter[dt.date] = field(default_factory=Counter)
    tiers: Counter[str] = field(default_factory=Counter)

    def enroll(self, member_id: int) -> None:
        self.members[member_id] = _MemberState()
        self.tiers[NO_TIER] += 1
        if self.threshold <= 0:
            self.eligible += 1

    def touch(self, state: _MemberState, day: dt.date) -> None:
        if state.last_active is not None:
            self.last_active_days[state.last_active] -= 1
        state.last_active = day
        self.last_active_days[day] += 1

    def ledger_row(self, member_id: int, kind: str, status: str, points: int, shortfall: int,
                   amount: Decimal | None, day: dt.date, qualifying: int | None = None) -> None:
        effect = row_effect(kind, status, points, amount, shortfall, qualifying)
        self.totals.add(effect)
        if status != TransactionStatus.COMPLETED:
            return
        state = self.members.setdefault(member_id, _MemberState())
        self.redeemed_today += effect.redeemed
        before = state.lifetime
        state.lifetime = lifetime_after(state.lifetime, kind, points, shortfall, qualifying)
        if (before >= self.threshold) != (state.lifetime >= self.threshold):
            self.eligible += 1 if state.lifetime >= self.threshold else -1
        if kind == TransactionType.PURCHASE and amount is not None:
            self.touch(state, day)
        elif kind in REDEEMING_TYPES:
            if kind == TransactionType.REDEMPTION:
                self.redemptions_today += 1  # made that day; a later cancellation does not unmake the visit
            had = state.redemptions > 0
            state.redemptions += 1 if kind == TransactionType.REDEMPTION else -1
            if had != (state.redemptions > 0):
                self.redeemers += 1 if state.redemptions > 0 else -1
            if kind == TransactionType.REDEMPTION:
                self.touch(state, day)

    def tier_change(self, member_id: int, new_tier: str) -> None:
        state = self.members.setdefault(member_id, _MemberState())
        self.tiers[state.tier] -= 1
        self.tiers[new_tier] += 1
        state.tier = new_tier

    def snapshot(self, program: Program, day: dt.date, new_members: int) -> ProgramAnalytics:
        total, totals = len(self.members), self.totals
        window_start = day - dt.timedelta(days=ACTIVE_WINDOW_DAYS - 1)
        active = sum(n for d, n in self.last_active_days.items() if d >= window_start)
        churned = self.last_active_days.get(window_start - dt.timedelta(days=1), 0)
        return ProgramAnalytics(
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
    written = 0
    for program in ctx.session.scalars(select(Program).where(Program.user_id == ctx.user_id).order_by(Program.id)):
        written += _program_snapshots(ctx, program, day - dt.timedelta(days=1))
    return written


def _program_snapshots(ctx: Ctx, program: Program, last_day: dt.date) -> int:
    first_day = local_date(program.created_at, ctx.tz)
    done = set(ctx.session.scalars(select(ProgramAnalytics.analytics_date).where(
        ProgramAnalytics.program_id == program.id, ProgramAnalytics.analytics_date >= first_day,
        ProgramAnalytics.analytics_date <= last_day)))
    missing = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    missing = [d for d in missing if d not in done]
    if not missing:
        return 0
    rows = _replay(ctx, program, missing)
    ctx.session.add_all(rows)
    ctx.session.flush()
    return len(rows)


def _replay(ctx: Ctx, program: Program, days: list[dt.date]) -> list[ProgramAnalytics]:
    """One pass over the program's history in time order, emitting a snapshot at the end of each wanted day."""
    state = _ProgramState(threshold=max(program.min_redemption_points, 1))
    tier_names = {t.id: t.tier_name for t in ctx.session.scalars(select(Tier).where(Tier.program_id == program.id))}
    last_cutoff = end_cutoff(days[-1], ctx.tz)
    events: list[tuple[dt.datetime, int, tuple[Any, ...]]] = []
    for member_id, enrolled in ctx.session.execute(select(Member.id, Member.enrollment_date).where(
            Member.program_id == program.id, Member.enrollment_date < last_cutoff)):
        events.append((enrolled, 0, ("enroll", member_id)))
    for row in ctx.session.execute(select(
            PointsTransaction.created_at, PointsTransaction.id, PointsTransaction.member_id,
            PointsTransaction.transaction_type, PointsTransaction.points_amount, PointsTransaction.shortfall_points,
            PointsTransaction.amount, PointsTransaction.status, PointsTransaction.qualifying_points).where(
            PointsTransaction.program_id == program.id, PointsTransaction.created_at < last_cutoff)):
        events.append((row.created_at, 1, ("ledger", row)))
    for promoted, member_id, tier_id in ctx.session.execute(select(
            TierProgression.promotion_date, TierProgression.member_id, TierProgression.new_tier_id).where(
            TierProgression.program_id == program.id, TierProgression.promotion_date < last_cutoff)):
        events.append((promoted, 2, ("tier", member_id, tier_names.get(tier_id, NO_TIER) if tier_id else NO_TIER)))
    events.sort(key=lambda e: (e[0], e[1], e[2][1] if e[2][0] != "ledger" else e[2][1].id))
    wanted = set(days)
    new_by_day: dict[dt.date, int] = defaultdict(int)
    out: list[ProgramAnalytics] = []
    index = 0
    current = min(local_date(events[0][0], ctx.tz), days[0]) if events else days[0]
    while current <= days[-1]:
        cutoff = end_cutoff(current, ctx.tz)
        while index < len(events) and events[index][0] < cutoff:
            moment, _, event = events[index]
            index += 1
            if event[0] == "enroll":
                state.enroll(event[1])
                new_by_day[current] += 1
            elif event[0] == "ledger":
                row = event[1]
                # Events are taken day by day, so the row's local day is `current`.
                state.ledger_row(row.member_id, row.transaction_type, row.status, row.points_amount,
                                 row.shortfall_points, row.amount, current, row.qualifying_points)
            else:
                state.tier_change(event[1], event[2])
        if current in wanted:
            out.append(state.snapshot(program, current, new_by_day[current]))
        state.redemptions_today = state.redeemed_today = 0
        current += dt.timedelta(days=1)
    return out

