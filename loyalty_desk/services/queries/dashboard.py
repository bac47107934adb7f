"""The owner's dashboard and the points liability report.

Both read only small tables: the running totals, the expiry calendar, the
daily snapshots, and a few rows through indexes. Nothing here scans the ledger
or the members table, so the answer stays fast with millions of rows.
Every figure is defined in the README ("Analytics").
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, bindparam, case, desc, func, literal, select

from ...db.prepared import Prepared
from ...domain.ledger_rules import NO_TIER, NO_TIER_KEY
from ...domain.vocabulary import TransactionType
from ...models import (
    ExpiryCalendar,
    Member,
    PointsTransaction,
    Program,
    ProgramAnalytics,
    ProgramTotals,
    Redemption,
    Reward,
    Tier,
)
from ...models.enums import FulfillmentStatus, ProgramStatus
from ..clock import end_cutoff, start_of_day
from ..ledger_sql import row_total_sql
from ..uow import Ctx

# The one name of the points a cancelled redemption gave back, beside a gross "redeemed" (the
# headline figures' `points_refunded`).
REFUNDED = "refunded"

TREND_DAYS = 30
LIST_SIZE = 5
LEADERBOARD_SIZE = 10


def programs_of(ctx: Ctx, program_id: int | None) -> list[Program]:
    query = select(Program).where(Program.user_id == ctx.user_id)
    if program_id is not None:
        query = query.where(Program.id == program_id)
    return list(ctx.session.scalars(query.order_by(Program.id)))


def percent(part: int, whole: int) -> float:
    return float((Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if whole else 0.0


def snapshot_series(ctx: Ctx, ids: list[int], first: dt.date, last: dt.date,
                    counts: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Per day, the snapshots of the given programs added together: every figure, or only the
    `counts` named (the dashboard's trend reads seven of the thirteen)."""
    days: dict[dt.date, dict[str, Any]] = {}
    if not ids:
        return []
    names = _COUNTS if counts is None else counts
    statement = _SERIES.get((names, len(ids)))
    if statement is None:
        statement = _series(names, len(ids), spending=counts is None)
    # Plain rows, not ORM objects: a month of five programs' snapshots is 150 of them.
    for on, *figures in statement.rows(ctx.conn, {**_programs(ids), "first": first, "last": last}):
        day = days.setdefault(on, defaultdict(int, date=on.isoformat()))
        for name, figure in zip(names, figures, strict=False):
            day[name] += figure
        if counts is None:
            day["total_spending"] = day.get("total_spending", Decimal(0)) + figures[-1]
    return [dict(v) for _, v in sorted(days.items())]


def _series(names: tuple[str, ...], programs: int, *, spending: bool) -> Prepared:
    columns = [getattr(ProgramAnalytics, name) for name in names]
    statement = _SERIES[(names, programs)] = Prepared(select(
        ProgramAnalytics.analytics_date, *columns, *([ProgramAnalytics.total_spending] if spending else [])).where(
        _in_programs(ProgramAnalytics.program_id, programs), ProgramAnalytics.analytics_date >= bindparam("first"),
        ProgramAnalytics.analytics_date <= bindparam("last")).order_by(ProgramAnalytics.analytics_date))
    return statement


# The snapshot figures a series adds up across programs.
_COUNTS = ("total_members", "active_members", "new_members", "churned_members", "redemptions",
           "points_redeemed_today", "total_points_issued", "total_points_redeemed", "total_points_outstanding",
           "total_points_expired", "eligible_members", "redeeming_members")
# The dashboard's statements, built once with their parameters bound at each call (building a
# statement cost SQLAlchemy more than SQLite needs to run it).
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
# Per set of figures read (`snapshot_series`).
_SERIES: dict[tuple[tuple[str, ...], int], Prepared] = {}
# What the dashboard's trends and headline read of the snapshots.
_TREND_COUNTS = ("total_members", "active_members", "new_members", "redemptions", "points_redeemed_today",
                 "eligible_members", "redeeming_members")
_PROGRAMS = select(Program.id, Program.status, ProgramTotals.members, ProgramTotals.points_outstanding,
                   ProgramTotals.points_redeemed, ProgramTotals.tier_counts) \
    .outerjoin(ProgramTotals, ProgramTotals.program_id == Program.id).where(Program.user_id == bindparam("user")) \
    .order_by(Program.id)
_PROGRAM = _PROGRAMS.where(Program.id == bindparam("program"))
_MEMBER_COLUMNS: Any = select(Member.id, Member.customer_name, Member.program_id, Member.current_points,
                              Member.lifetime_points, Member.total_spent, Member.enrollment_date,
                              Member.current_tier_id).where(Member.user_id == bindparam("user"))
_MEMBERS_BY: dict[tuple[str, bool], Prepared] = {}
_REWARDS = select(Reward.id, Reward.reward_name, Reward.program_id, Reward.points_cost, Reward.start_date,
                  Reward.end_date, Reward.quantity_remaining) \
    .where(Reward.program_id.in_(_IDS), Reward.active.is_(True))
_STARTING = _REWARDS.where(Reward.start_date > bindparam("today")).order_by(Reward.start_date).limit(LIST_SIZE)
_CLOSING = _REWARDS.where(Reward.end_date >= bindparam("today"), Reward.end_date <= bindparam("until")) \
    .order_by(Reward.end_date).limit(LIST_SIZE)
_TIER_NAMES = select(Tier.id, Tier.tier_name).where(Tier.program_id.in_(_IDS))
_OPEN_REDEMPTIONS: dict[int, Prepared] = {}     # per number of programs


def series(ctx: Ctx, program_id: int | None, first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """Daily snapshot figures of the shop's programs (or one) between two dates, added together."""
    ids = [p.id for p in programs_of(ctx, program_id)]
    return snapshot_series(ctx, ids, first, last) if ids else []


def dashboard(ctx: Ctx, program_id: int | None = None) -> dict[str, Any]:
    # Plain rows throughout (no ORM objects): the dashboard only reads, and its dozen statements'
    # object loading was most of its time on a shop of any size.
    programs = ctx.conn.execute(_PROGRAMS if program_id is None else _PROGRAM,
                                {"user": ctx.user_id, "program": program_id}).all()
    ids = [p.id for p in programs]
    totals = [p for p in programs if p.members is not None]
    members = sum(t.members for t in totals)
    outstanding = sum(t.points_outstanding for t in totals)
    yesterday = ctx.today - dt.timedelta(days=1)
    first = yesterday - dt.timedelta(days=TREND_DAYS - 1)
    series = snapshot_series(ctx, ids, first, yesterday, _TREND_COUNTS)
    # A day's snapshot nets cancellations' refunds out of its redeemed points (a day can be -60):
    # the trend shows redeemed gross and refunded beside it, never a negative figure.
    refunded = {day.isoformat(): points for day, points in refunds_by_day(ctx, ids, first, yesterday).items()}
    latest = series[-1] if series and series[-1]["date"] == yesterday.isoformat() else None
    by_status: dict[str, int] = {s.value: 0 for s in ProgramStatus}
    for program in programs:
        by_status[program.status] += 1
    return {
        "totalPrograms": len(programs),
        "activePrograms": by_status[ProgramStatus.ACTIVE.value],
        "totalMembers": members,
        "activeMembers": latest["active_members"] if latest else 0,
        "totalPointsOutstanding": outstanding,
        "totalPointsRedeemed": sum(t.points_redeemed for t in totals),
        "averagePointsPerMember": int((Decimal(outstanding) / members).quantize(Decimal(1), ROUND_HALF_UP))
        if members else 0,
        "redemptionRate": percent(latest["redeeming_members"], latest["eligible_members"]) if latest else 0.0,
        "recentMembers": _members_by(ctx, program_id, Member.enrollment_date, LIST_SIZE),
        "topMembers": _members_by(ctx, program_id, Member.lifetime_points, LEADERBOARD_SIZE),
        "upcomingRewards": _upcoming_rewards(ctx, ids),
        "tierDistribution": _tier_distribution(ctx, totals),
        "programsByStatus": by_status,
        "membershipTrendLastMonth": [{"date": d["date"], "newMembers": d["new_members"],
                                      "totalMembers": d["total_members"], "activeMembers": d["active_members"]}
                                     for d in series],
        "redemptionTrendLastMonth": [{"date": d["date"], "redemptions": d["redemptions"],
                                      "pointsRedeemed": d["points_redeemed_today"] + refunded.get(d["date"], 0),
                                      "pointsRefunded": refunded.get(d["date"], 0)} for d in series],
        "pendingRedemptions": _pending_redemptions(ctx, ids),
        "asOf": ctx.now.isoformat(),
    }


def _member_entry(member: Any) -> dict[str, Any]:
    return {"id": member.id, "name": member.customer_name, "programId": member.program_id,
            "points": member.current_points, "lifetimePoints": member.lifetime_points,
            "totalSpent": str(member.total_spent), "enrolledAt": member.enrollment_date.isoformat(),
            "tierId": member.current_tier_id}


def _members_by(ctx: Ctx, program_id: int | None, column: Any, size: int) -> list[dict[str, Any]]:
    """The first `size` members by a column, highest first (the newest id breaks ties)."""
    shape = (column.key, program_id is not None)
    query = _MEMBERS_BY.get(shape)
    if query is None:
        of = _MEMBER_COLUMNS if program_id is None else \
            _MEMBER_COLUMNS.where(Member.program_id == bindparam("program"))
        query = _MEMBERS_BY[shape] = Prepared(of.order_by(desc(column), desc(Member.id)).limit(size))
    return [_member_entry(m) for m in query.rows(ctx.conn, {"user": ctx.user_id, "program": program_id})]


def _upcoming_rewards(ctx: Ctx, ids: list[int]) -> list[dict[str, Any]]:
    """Active rewards not yet open, soonest first, then those closing within 30 days."""
    if not ids:
        return []
    params = {"ids": ids, "today": ctx.today, "until": ctx.today + dt.timedelta(days=30)}
    starting = list(ctx.conn.execute(_STARTING, params))
    closing = list(ctx.conn.execute(_CLOSING, params))
    seen: set[int] = set()
    out = []
    for reward in starting + closing:
        if reward.id in seen:
            continue
        seen.add(reward.id)
        out.append({"id": reward.id, "name": reward.reward_name, "programId": reward.program_id,
                    "pointsCost": reward.points_cost,
                    "startDate": reward.start_date.isoformat() if reward.start_date else None,
                    "endDate": reward.end_date.isoformat() if reward.end_date else None,
                    "quantityRemaining": reward.quantity_remaining})
    return out[:LIST_SIZE]


def _tier_distribution(ctx: Ctx, totals: Sequence[Any]) -> dict[str, int]:
    """Members per tier name, from the programs' running totals (rows with `id` and `tier_counts`)."""
    names = {str(tier_id): name for tier_id, name in ctx.conn.execute(
        _TIER_NAMES, {"ids": [t.id for t in totals]})} if totals else {}
    out: dict[str, int] = defaultdict(int)
    for row in totals:
        for key, count in (row.tier_counts or {}).items():
            out[NO_TIER if key == NO_TIER_KEY else names.get(key, NO_TIER)] += count
    return {name: n for name, n in out.items() if n}


def _pending_redemptions(ctx: Ctx, ids: list[int]) -> int:
    if not ids:
        return 0
    statement = _OPEN_REDEMPTIONS.get(len(ids))
    if statement is None:
        open_ones = [literal(status.value) for status in (
            FulfillmentStatus.PENDING, FulfillmentStatus.APPROVED, FulfillmentStatus.SHIPPED)]
        statement = _OPEN_REDEMPTIONS[len(ids)] = Prepared(select(func.count()).where(
            _in_programs(Redemption.program_id, len(ids)), Redemption.fulfillment_status.in_(open_ones)))
    return int(statement.rows(ctx.conn, _programs(ids))[0][0] or 0)


def liability(ctx: Ctx, program_id: int | None = None, months: int = 12) -> dict[str, Any]:
    """Outstanding points and their money value, what expires soon, and breakage.

    Three grouped statements, whatever the number of programs, days or members: the programs with
    their running totals, the expiry calendar's next 90 days, and the month-end snapshots."""
    query = select(Program.id, Program.currency, Program.point_value, ProgramTotals.points_outstanding,
                   ProgramTotals.points_issued, ProgramTotals.points_redeemed, ProgramTotals.points_expired,
                   ProgramTotals.points_pending) \
        .outerjoin(ProgramTotals, ProgramTotals.program_id == Program.id).where(Program.user_id == ctx.user_id)
    if program_id is not None:
        query = query.where(Program.id == program_id)
    programs = ctx.conn.execute(query.order_by(Program.id)).all()
    ids = [p.id for p in programs]
    totals = [p for p in programs if p.points_outstanding is not None]   # a program without its totals row
    value = sum((Decimal(p.points_outstanding) * p.point_value for p in totals), Decimal(0))
    expiring = _expiring(ctx, ids, (30, 60, 90))
    issued = sum(p.points_issued for p in totals)
    redeemed = sum(p.points_redeemed for p in totals)
    expired = sum(p.points_expired for p in totals)
    return {
        "pointsOutstanding": sum(p.points_outstanding for p in totals),
        "outstandingValue": value.quantize(Decimal("0.01")),
        "currency": programs[0].currency if programs else (ctx.shop.currency if ctx.shop else "USD"),
        "expiringNext30Days": expiring[30],
        "expiringNext60Days": expiring[60],
        "expiringNext90Days": expiring[90],
        "pointsPending": sum(p.points_pending for p in totals),
        "pointsIssued": issued,
        "pointsRedeemed": redeemed,
        "pointsExpired": expired,
        "breakageRate": percent(expired, issued),
        "monthly": _monthly(ctx, ids, months, {
            "total_points_issued": issued, "total_points_redeemed": redeemed, "total_points_expired": expired,
        }),
    }


def _expiring(ctx: Ctx, ids: list[int], windows: tuple[int, ...]) -> dict[int, int]:
    """Points of the expiry calendar due within each window of days from today: one statement."""
    if not ids:
        return dict.fromkeys(windows, 0)
    today = ctx.today
    sums = [func.coalesce(func.sum(case((ExpiryCalendar.expiry_day < today + dt.timedelta(days=days),
                                          ExpiryCalendar.points), else_=0)), 0) for days in windows]
    row = ctx.conn.execute(select(*sums).where(
        ExpiryCalendar.program_id.in_(ids), ExpiryCalendar.expiry_day >= today,
        ExpiryCalendar.expiry_day < today + dt.timedelta(days=max(windows)))).one()
    return {days: int(total or 0) for days, total in zip(windows, row, strict=True)}


def refunds_by_day(ctx: Ctx, ids: list[int], first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Points given back by cancelled redemptions, per local day: the `points_refunded` of the
    headline figures and the liability months, beside a `redeemed` that is never negative.

    Each day is one range of the type index, summed in the database (the index holds every column
    read: migration 0024): at a million members a month has 16,000 refunds, and reading each to
    find its local day in Python took most of the dashboard's time."""
    if not ids:
        return {}
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    starts = [start_of_day(day, ctx.tz) for day in days] + [end_cutoff(last, ctx.tz)]
    out: dict[dt.date, int] = {}
    for at in range(0, len(days), _DAYS_A_STATEMENT):
        chunk = range(at, min(at + _DAYS_A_STATEMENT, len(days)))
        (sums,) = _refund_sums(len(chunk), len(ids)).rows(ctx.conn, {
            **_programs(ids), **{f"from_{n}": starts[i] for n, i in enumerate(chunk)},
            **{f"to_{n}": starts[i + 1] for n, i in enumerate(chunk)}})
        # A refund takes from "redeemed": its sum is minus the points given back.
        out.update({days[i]: -int(total) for i, total in zip(chunk, sums, strict=True) if total})
    return out


# Days summed by one statement (one result column each; SQLite allows 2,000 columns).
_DAYS_A_STATEMENT = 400
_REFUND_SUMS: dict[tuple[int, int], Prepared] = {}


def _refund_sums(days: int, programs: int) -> Prepared:
    """The refunds of `days` consecutive ranges of `programs` programs as one row, built once per
    shape (building it cost more than running it; the programs as parameters of their own, since
    an expanding list is rewritten into the SQL at every run, thirty times here)."""
    statement = _REFUND_SUMS.get((days, programs))
    if statement is None:
        refunded = select(func.coalesce(func.sum(row_total_sql("redeemed")), 0)).where(
            PointsTransaction.transaction_type == TransactionType.REDEMPTION_REFUND.value,
            _in_programs(PointsTransaction.program_id, programs))
        statement = _REFUND_SUMS[(days, programs)] = Prepared(select(*[
            refunded.where(PointsTransaction.created_at >= bindparam(f"from_{n}"),
                           PointsTransaction.created_at < bindparam(f"to_{n}")).scalar_subquery()
            for n in range(days)]))
    return statement


def _in_programs(column: Any, programs: int) -> ColumnElement[bool]:
    """`column IN (:program_0, ...)`: the programs as plain parameters, so the statement can be
    prepared once for that many programs (an expanding list is rewritten at each run)."""
    return column.in_([bindparam(f"program_{n}") for n in range(programs)])


def _programs(ids: Sequence[int]) -> dict[str, int]:
    return {f"program_{n}": program for n, program in enumerate(ids)}


def _monthly(ctx: Ctx, ids: list[int], months: int, live: dict[str, int]) -> list[dict[str, Any]]:
    """Points issued, redeemed (gross), refunded and expired per calendar month: month-end
    snapshots, and the running totals for the month in progress."""
    if not ids:
        return []
    today = ctx.today
    first_month = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    names = ("total_points_issued", "total_points_redeemed", "total_points_expired")
    # The programs' snapshots added up per day, in the database (one row a day, three sums).
    days = ctx.conn.execute(
        select(ProgramAnalytics.analytics_date, *(func.sum(getattr(ProgramAnalytics, n)) for n in names))
        .where(ProgramAnalytics.program_id.in_(ids),
               ProgramAnalytics.analytics_date >= first_month - dt.timedelta(days=1),
               ProgramAnalytics.analytics_date <= today)
        .group_by(ProgramAnalytics.analytics_date).order_by(ProgramAnalytics.analytics_date)).all()
    by_month: dict[str, Sequence[int]] = {}
    for day, *sums in days:
        by_month[day.isoformat()[:7]] = sums  # the last figure of each month wins
    by_month[today.isoformat()[:7]] = [live[name] for name in names]
    refunds: dict[str, int] = defaultdict(int)
    for day, points in refunds_by_day(ctx, ids, first_month, today).items():
        refunds[day.isoformat()[:7]] += points
    previous: dict[str, int] | None = None
    out: list[dict[str, Any]] = []
    for month, figures in sorted(by_month.items()):
        current = {name: int(figure) for name, figure in zip(names, figures, strict=True)}
        if previous is not None or month >= first_month.isoformat()[:7]:
            base = previous or {k: 0 for k in current}
            if month >= first_month.isoformat()[:7]:
                # The snapshots' redeemed is net of the month's refunds: gross it up, and give the
                # refunds as their own figure (a cancelled redemption never reads as -300 redeemed).
                refunded = refunds.get(month, 0)
                out.append({"month": month,
                            "issued": current["total_points_issued"] - base["total_points_issued"],
                            "redeemed": current["total_points_redeemed"] - base["total_points_redeemed"] + refunded,
                            REFUNDED: refunded,
                            "expired": current["total_points_expired"] - base["total_points_expired"]})
        previous = current
    return out
