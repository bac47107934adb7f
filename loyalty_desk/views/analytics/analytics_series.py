"""What each Analytics chart shows, built from the service's buckets and tier counts.

Series whose scales differ get charts of their own (ten new members a day would be a flat
line on the axis of three thousand members). Redeemed points are the redemptions made, never
net of refunds; refunds are a series of their own, and the CSV headers say so.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QDate

from ...domain.periods import Grain, grain_for
from ...domain.spreadsheet import Cell
from ..i18n import tr
from ..widgets import formatting as fmt
from .analytics_charts import ChartData


def x_names() -> dict[Grain, str]:
    return {Grain.DAY: tr("Day"), Grain.WEEK: tr("Week starting"), Grain.MONTH: tr("Month")}


def titles() -> dict[str, str]:
    """Each chart's title, by the chart's name."""
    return {
        "new": tr("New members"),
        "total": tr("Total members"),
        "redemptions": tr("Redemptions"),
        "spending": tr("Spending"),
        "points": tr("Points issued, redeemed, refunded and expired"),
        "tiers": tr("Tier distribution"),
    }


def point_series() -> tuple[tuple[str, str, str], ...]:
    """Name on the chart, in the CSV (English, a data format, which says what "redeemed" means),
    the bucket's field."""
    return (
        (tr("Issued"), "Issued", "points_issued"),
        (tr("Redeemed"), "Redeemed (points of redemptions made; refunds not netted)", "points_redeemed"),
        (tr("Refunded"), "Refunded (points given back by cancelled redemptions)", "points_refunded"),
        (tr("Expired"), "Expired", "points_expired"),
    )


def bucket_label(day: dt.date, grain: Grain) -> str:
    pattern = "MMM yyyy" if grain is Grain.MONTH else "d MMM"
    return fmt.locale().toString(QDate(day.year, day.month, day.day), pattern)


def _chart(buckets: Sequence[Any], grain: Grain, program: str, y_name: str,
           series: dict[str, tuple[str, Callable[[Any], int | Decimal]]], *, style: str = "bars") -> ChartData:
    """One chart of the buckets: `series` maps a name to (its CSV header, how to read it)."""
    values = {name: [read(b) for b in buckets] for name, (_, read) in series.items()}
    rows: list[list[Cell]] = [[program, b.first.isoformat(), b.last.isoformat(), *(values[n][i] for n in series)]
                              for i, b in enumerate(buckets)]
    return ChartData(labels=[bucket_label(b.first, grain) for b in buckets],
                     series={n: [float(v) if isinstance(v, Decimal) else v for v in vs] for n, vs in values.items()},
                     y_name=y_name, x_name=x_names()[grain], style="line" if style == "line" else "bars",
                     columns=["program", "from", "to", *(header for header, _ in series.values())], rows=rows)


def bucket_charts(buckets: Sequence[Any], first: dt.date, last: dt.date, program: str,
                  currency: str) -> dict[str, ChartData]:
    grain = grain_for(first, last)
    return {
        "new": _chart(buckets, grain, program, tr("Members"),
                      {tr("New members"): ("New members", lambda b: b.new_members)}),
        "total": _chart(buckets, grain, program, tr("Members"),
                        {tr("Total members"): ("Total members at the end", lambda b: b.total_members)}, style="line"),
        "redemptions": _chart(buckets, grain, program, tr("Redemptions"),
                              {tr("Redemptions"): ("Redemptions made", lambda b: b.redemptions)}),
        "spending": _chart(buckets, grain, program, tr("Spending ({currency})").format(currency=currency),
                           {tr("Spending"): (f"Spending ({currency}, purchases less returns)", lambda b: b.spending)}),
        "points": _chart(buckets, grain, program, tr("Points"),
                         {name: (header, attrgetter(key)) for name, header, key in point_series()}),
    }


def tier_chart(tiers: dict[str, int], program: str) -> ChartData:
    return ChartData(labels=list(tiers), series={tr("Members"): list(tiers.values())}, y_name=tr("Members"),
                     x_name=tr("Tier"), columns=["program", "tier", "members"],
                     rows=[[program, name, count] for name, count in tiers.items()])
