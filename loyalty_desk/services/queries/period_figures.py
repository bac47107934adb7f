"""Analytics over a chosen period: its headline figures and its chart buckets.

Flows (issued, redeemed, expired, spending) are differences of the daily snapshots'
running totals, so they agree with the ledger by construction. The snapshots hold
redemptions net of cancellations; the refunds alone are read from the ledger (a few
rows, through the type index, summed by the ledger's own rules) so that "redeemed"
is never negative and the refunds are a figure of their own. Figures are defined in
the README ("Analytics").
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select

from ...domain.periods import Bucket, buckets
from ...models import Program, ProgramAnalytics
from .. import dto
from ..uow import Ctx
from .dashboard import percent, programs_of, refunds_by_day, snapshot_series

_RUNNING = ("total_points_issued", "total_points_redeemed", "total_points_expired", "total_spending")
_STATES = ("total_members", "active_members", "redeeming_members", "eligible_members")


def _zero_row() -> dict[str, Any]:
    return {**{k: 0 for k in _RUNNING + _STATES}, "total_spending": Decimal(0)}


def _cut(ctx: Ctx, ids: list[int], first: dt.date, last: dt.date, cuts: Iterable[Bucket]
         ) -> tuple[list[dto.AnalyticsBucket], dict[str, Any]]:
    """The period's figures per bucket, and the snapshot row that holds at its end."""
    rows = snapshot_series(ctx, ids, first - dt.timedelta(days=1), last)
    before = rows[0] if rows and rows[0]["date"] < first.isoformat() else _zero_row()
    inside = [r for r in rows if r["date"] >= first.isoformat()]
    refunds = refunds_by_day(ctx, ids, first, last)
    out: list[dto.AnalyticsBucket] = []
    index = 0
    for bucket in cuts:
        in_bucket = []
        while index < len(inside) and inside[index]["date"] <= bucket.last.isoformat():
            in_bucket.append(inside[index])
            index += 1
        end = in_bucket[-1] if in_bucket else before
        refunded = sum(n for day, n in refunds.items() if bucket.first <= day <= bucket.last)
        out.append(dto.AnalyticsBucket(
            first=bucket.first, last=bucket.last,
            points_issued=end["total_points_issued"] - before["total_points_issued"],
            points_redeemed=end["total_points_redeemed"] - before["total_points_redeemed"] + refunded,
            points_refunded=refunded,
            points_expired=end["total_points_expired"] - before["total_points_expired"],
            new_members=sum(r["new_members"] for r in in_bucket),
            redemptions=sum(r["redemptions"] for r in in_bucket),
            spending=end["total_spending"] - before["total_spending"],
            total_members=end["total_members"]))
        before = end
    return out, before


def analytics_buckets(ctx: Ctx, program_id: int | None, first: dt.date, last: dt.date
                      ) -> list[dto.AnalyticsBucket]:
    """One entry per day, week or month of the period (domain/periods chooses)."""
    ids = [p.id for p in programs_of(ctx, program_id)]
    cuts = buckets(first, last)
    if not ids:
        return [dto.AnalyticsBucket(b.first, b.last, 0, 0, 0, 0, 0, 0, Decimal(0), 0) for b in cuts]
    return _cut(ctx, ids, first, last, cuts)[0]


def _outstanding_at(ctx: Ctx, programs: list[Program], last: dt.date) -> tuple[int, Decimal]:
    """Outstanding points as of `last` (each program's latest snapshot then), and their value."""
    latest = select(ProgramAnalytics.program_id, func.max(ProgramAnalytics.analytics_date).label("day")).where(
        ProgramAnalytics.program_id.in_([p.id for p in programs]),
        ProgramAnalytics.analytics_date <= last).group_by(ProgramAnalytics.program_id).subquery()
    query = select(ProgramAnalytics.program_id, ProgramAnalytics.total_points_outstanding).join(
        latest, and_(ProgramAnalytics.program_id == latest.c.program_id,
                     ProgramAnalytics.analytics_date == latest.c.day))
    value = {p.id: p.point_value for p in programs}
    points, money = 0, Decimal(0)
    for program_id, outstanding in ctx.session.execute(query):
        points += outstanding
        money += Decimal(outstanding) * value[program_id]
    return points, money.quantize(Decimal("0.01"))


def _totals(ctx: Ctx, programs: list[Program], first: dt.date, last: dt.date) -> dto.PeriodTotals:
    ids = [p.id for p in programs]
    if ids:
        (whole,), end = _cut(ctx, ids, first, last, [Bucket(first, last)])
    else:
        whole, end = dto.AnalyticsBucket(first, last, 0, 0, 0, 0, 0, 0, Decimal(0), 0), _zero_row()
    outstanding, liability = _outstanding_at(ctx, programs, last) if ids else (0, Decimal("0.00"))
    return dto.PeriodTotals(
        first=first, last=last, points_issued=whole.points_issued, points_redeemed=whole.points_redeemed,
        points_refunded=whole.points_refunded, points_expired=whole.points_expired,
        new_members=whole.new_members, spending=whole.spending, total_members=end["total_members"],
        active_members=end["active_members"],
        redemption_rate=percent(end["redeeming_members"], end["eligible_members"]),
        points_outstanding=outstanding, liability=liability)


def period_figures(ctx: Ctx, program_id: int | None, first: dt.date, last: dt.date) -> dto.PeriodFigures:
    """The period's figures and those of the same number of days just before it."""
    programs = programs_of(ctx, program_id)
    length = last - first + dt.timedelta(days=1)
    currency = programs[0].currency if programs else (ctx.shop.currency if ctx.shop else "USD")
    return dto.PeriodFigures(current=_totals(ctx, programs, first, last),
                             previous=_totals(ctx, programs, first - length, first - dt.timedelta(days=1)),
                             currency=currency)
