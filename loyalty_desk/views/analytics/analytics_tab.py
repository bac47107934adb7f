"""The Analytics tab: KPI cards, trend charts and the side panels, for the owner.

Everything comes from three fast service calls (dashboard, analytics series,
liability), run off the GUI thread on every refresh. A hidden tab waits until it is shown.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import error_label
from ..widgets.workers import run_job
from .analytics_charts import TrendChart
from .analytics_panels import KpiCard, LiabilityPanel, fill, panel, table

RANGES = (("Last 30 days", 30), ("Last 90 days", 90), ("Last 12 months", 365), ("Custom…", 0))


class ExportPath:
    """Where to save an export: a file dialog, behind a classmethod that tests can patch."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str, kind: str) -> str | None:
        pattern = "PNG image (*.png)" if kind == "png" else "CSV file (*.csv)"
        path, _ = QFileDialog.getSaveFileName(parent, "Export", suggested, pattern)
        return path or None


@dataclass
class AnalyticsData:
    first: dt.date
    last: dt.date
    dashboard: dict[str, Any]
    series: list[dict[str, Any]]
    previous: list[dict[str, Any]]
    liability: dict[str, Any]
    programs: list[Any]
    tiers: dict[str, int]


def load(session: ShopSession, first: dt.date, last: dt.date, program_id: int | None) -> AnalyticsData:
    svc, user = session.svc, session.user_id
    length = (last - first).days + 1
    previous_first = first - dt.timedelta(days=length)
    both = svc.get_analytics_series(user, previous_first, last, program_id=program_id)
    split = first.isoformat()
    dashboard = svc.get_loyalty_dashboard_data(user, program_id=program_id)
    return AnalyticsData(first, last, dashboard, [d for d in both if d["date"] >= split],
                         [d for d in both if d["date"] < split],
                         svc.get_points_liability(user, program_id=program_id), svc.get_loyalty_programs(user),
                         dashboard["tierDistribution"])


class AnalyticsTab(Tab):
    showRedemptions = Signal()
    quickAction = Signal(str)  # "program", "tier", "reward" or "enroll"

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent, stale=True)  # the figures load when first shown
        self.setObjectName("analyticsTab")
        self.data: AnalyticsData | None = None
        self.loading = False
        self._again = False
        controls = self._build_controls()
        self.error = error_label("analyticsError")
        self.cards = {name: KpiCard(name, caption) for name, caption in (
            ("programs", "Programs"), ("members", "Members (active of total)"),
            ("outstanding", "Points outstanding"), ("redeemed", "Points redeemed"),
            ("average", "Average points per member"), ("rate", "Redemption rate"))}
        self.charts = {
            "members": TrendChart("members", "Members over time"),
            "redemptions": TrendChart("redemptions", "Redemptions"),
            "points": TrendChart("points", "Points issued, redeemed and expired"),
            "tiers": TrendChart("tiers", "Tier distribution"),
        }
        grid = QGridLayout()
        for index, chart in enumerate(self.charts.values()):
            chart.exportRequested.connect(self.export)
            grid.addWidget(chart, index // 2, index % 2)
        content = QWidget()
        build.column(controls, self.error, build.row(*self.cards.values()),
                     (build.row((grid, 3), (self._build_side(), 2)), 1), parent=content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        build.column(scroll, margins=False, parent=self)
        self._fill_programs()

    def _build_controls(self) -> QHBoxLayout:
        """The period and program, the quick actions, and the refresh button."""
        self.range = build.combo("analyticsRange", {days: label for label, days in RANGES})
        self.first_date = QDateEdit()
        self.first_date.setObjectName("analyticsFrom")
        self.last_date = QDateEdit()
        self.last_date.setObjectName("analyticsTo")
        for edit in (self.first_date, self.last_date):
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.program = build.combo("analyticsProgram", {})
        self.range.currentIndexChanged.connect(self._range_changed)
        self.program.currentIndexChanged.connect(lambda _i: self.refresh())
        quick = [build.button(text, f"quick_{name}", partial(self.quickAction.emit, name)) for name, text in (
            ("program", "Create program"), ("tier", "Create tier"), ("reward", "Create reward"),
            ("enroll", "Enroll member"))]
        self.updated = build.label("analyticsUpdated")
        self.refresh_button = build.button("Refresh", "analyticsRefresh", self.refresh,
                                           tooltip="Refresh the figures (F5)")
        return build.row(QLabel("Period"), self.range, self.first_date, self.last_date, QLabel("Program"),
                         self.program, None, *quick, self.updated, self.refresh_button)

    def _build_side(self) -> QVBoxLayout:
        """The panels beside the charts: top members, programs by status, upcoming rewards, liability."""
        leaders, leaders_layout = panel("Top members", "topMembersPanel")
        self.leaders = table("topMembers", ["Member", "Points", "Lifetime", "Spent"])
        leaders_layout.addWidget(self.leaders)
        status, status_layout = panel("Programs by status", "programsByStatusPanel")
        self.status_label = build.label("programsByStatus")
        status_layout.addWidget(self.status_label)
        self.pending_button = build.button("", "pendingRedemptions", self.showRedemptions.emit,
                                           tooltip="Open the redemptions queue")
        status_layout.addWidget(self.pending_button)
        upcoming, upcoming_layout = panel("Upcoming rewards", "upcomingRewardsPanel")
        self.upcoming = table("upcomingRewards", ["Reward", "Cost", "From", "Until"])
        upcoming_layout.addWidget(self.upcoming)
        self.liability = LiabilityPanel()
        return build.column(leaders, status, upcoming, self.liability)

    # --- loading -----------------------------------------------------------

    def _fill_programs(self) -> None:
        build.refill(self.program, {None: "All programs", **{p.id: p.program_name for p in self.session.programs()}},
                     self.program.currentData())

    def _range_changed(self) -> None:
        custom = self.range.currentData() == 0
        if custom and self.data is not None:
            for edit, day in ((self.first_date, self.data.first), (self.last_date, self.data.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.first_date.setVisible(custom)
        self.last_date.setVisible(custom)
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen range of finished days (snapshots exist up to yesterday)."""
        days = self.range.currentData()
        if days == 0:
            first, last = fmt.day_of(self.first_date.date()), fmt.day_of(self.last_date.date())
            return (first, last) if first <= last else (last, first)
        last = self.session.svc.clock().date() - dt.timedelta(days=1)
        return last - dt.timedelta(days=days - 1), last

    def refresh(self) -> None:
        super().refresh()
        self._fill_programs()
        if self.loading:
            self._again = True  # the choice changed while loading: load once more when this ends
            return
        self._again = False
        self.loading = True
        self.error.setVisible(False)
        first, last = self.period()
        program_id = self.program.currentData()
        run_job(lambda _report: load(self.session, first, last, program_id), self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        if self._again:
            self.refresh()
            return
        self.error.setText(f"The figures could not be loaded: {error}")
        self.error.setVisible(True)

    # --- showing -----------------------------------------------------------

    def _show(self, data: AnalyticsData) -> None:
        self.loading = False
        if self._again:
            self.refresh()
            return
        self.data = data
        self._show_cards(data)
        self._show_charts(data)
        self._show_panels(data)
        self.updated.setText(f"updated at {dt.datetime.now().strftime('%H:%M:%S')}")

    def _show_cards(self, data: AnalyticsData) -> None:
        d = data.dashboard
        end = data.series[-1] if data.series else None
        before = data.previous[-1] if data.previous else None

        def delta(key: str) -> int | None:
            return None if end is None or before is None else end[key] - before[key]

        def ratio(row: dict[str, Any] | None, top: str, bottom: str, scale: int = 1) -> float | None:
            return None if row is None or not row[bottom] else row[top] * scale / row[bottom]

        self.cards["programs"].show_value(f"{d['activePrograms']} active of {d['totalPrograms']}",
                                          sum(1 for p in data.programs if p.created_at.date() >= data.first)
                                          if data.previous else None, " new")
        self.cards["members"].show_value(f"{fmt.points(d['activeMembers'])} of {fmt.points(d['totalMembers'])}",
                                         delta("total_members"))
        self.cards["outstanding"].show_value(fmt.points(d["totalPointsOutstanding"]), delta("total_points_outstanding"),
                                             good_when_up=False)
        self.cards["redeemed"].show_value(fmt.points(d["totalPointsRedeemed"]), delta("total_points_redeemed"))
        self.cards["average"].show_value(fmt.points(d["averagePointsPerMember"]), _difference(
            ratio(end, "total_points_outstanding", "total_members"),
            ratio(before, "total_points_outstanding", "total_members")))
        self.cards["rate"].show_value(f"{d['redemptionRate']:.1f}%", _difference(
            ratio(end, "redeeming_members", "eligible_members", 100),
            ratio(before, "redeeming_members", "eligible_members", 100)), " pts")

    def _show_charts(self, data: AnalyticsData) -> None:
        days = [dt.date.fromisoformat(d["date"]) for d in data.series]
        rows = data.series
        self.charts["members"].set_lines(days, {"Total members": [d["total_members"] for d in rows],
                                                "New members": [d["new_members"] for d in rows]},
                                         bars="New members")
        self.charts["redemptions"].set_lines(days, {"Redemptions": [d["redemptions"] for d in rows]},
                                             bars="Redemptions")
        previous = data.previous[-1] if data.previous else None
        issued, redeemed, expired = [], [], []
        for row in rows:
            base = previous or {"total_points_issued": row["total_points_issued"],
                                "total_points_redeemed": row["total_points_redeemed"],
                                "total_points_expired": row["total_points_expired"]}
            issued.append(row["total_points_issued"] - base["total_points_issued"])
            redeemed.append(row["total_points_redeemed"] - base["total_points_redeemed"])
            expired.append(row["total_points_expired"] - base["total_points_expired"])
            previous = row
        self.charts["points"].set_lines(days, {"Issued": issued, "Redeemed": redeemed, "Expired": expired})
        self.charts["tiers"].set_bars(list(data.tiers), list(data.tiers.values()))

    def _show_panels(self, data: AnalyticsData) -> None:
        d = data.dashboard
        currency = self.session.currency
        fill(self.leaders, [[m["name"], fmt.points(m["points"]), fmt.points(m["lifetimePoints"]),
                             fmt.money(m["totalSpent"], currency)] for m in d["topMembers"]], "No members yet")
        by_status = d["programsByStatus"]
        self.status_label.setText(" · ".join(f"{n} {status}" for status, n in by_status.items()) or "No programs")
        pending = d["pendingRedemptions"]
        self.pending_button.setText(f"{pending} redemption{'s' if pending != 1 else ''} to fulfil →")
        fill(self.upcoming, [[r["name"], fmt.points(r["pointsCost"]),
                              fmt.date(dt.date.fromisoformat(r["startDate"])) if r["startDate"] else "",
                              fmt.date(dt.date.fromisoformat(r["endDate"])) if r["endDate"] else ""]
                             for r in d["upcomingRewards"]], "Nothing starting or ending soon")
        self.liability.show(data.liability)

    def recolour(self) -> None:
        if self.data is not None:
            self._show_charts(self.data)  # the series take the new scheme's colours

    # --- export ------------------------------------------------------------

    def export(self, name: str, kind: str) -> None:
        chart = self.charts[name]
        today = self.session.svc.shop_today(self.session.user_id)
        path = ExportPath.ask(self, f"{name}-{today.isoformat()}.{kind}", kind)
        if not path:
            return
        try:
            chart.export_png(path) if kind == "png" else chart.export_csv(path)
        except OSError as error:
            self.error.setText(f"Could not save {path}: {error.strerror}")
            self.error.setVisible(True)
            return
        self.updated.setText(f"saved {path}")


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 1)
