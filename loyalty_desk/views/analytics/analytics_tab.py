"""The Analytics tab: KPI cards, trend charts and the side panels, for the owner.

Everything comes from three fast service calls (dashboard, analytics series,
liability), run off the GUI thread on every refresh. A hidden tab waits until it is shown.
"""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..documents.documents import Letterhead
from ..documents.printing import export_pdf
from ..i18n import plural, tr
from ..refusals import refusal_words
from ..shell.session import ShopSession
from ..shell.tab import Tab
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import error_label
from ..widgets.workers import run_job
from .analytics_charts import TrendChart
from .analytics_data import AnalyticsData, all_programs, load
from .analytics_export import Caption, export_png, export_svg
from .analytics_headlines import fields as headline_fields
from .analytics_headlines import headlines
from .analytics_panels import KpiCard, LiabilityPanel, fill, leader_rows, panel, table
from .analytics_report import make_report
from .analytics_series import bucket_charts, tier_chart, titles


def ranges() -> tuple[tuple[str, int], ...]:
    """The periods to choose from: a label and its number of days (0: from and to dates)."""
    return ((tr("Last 30 days"), 30), (tr("Last 90 days"), 90), (tr("Last 6 months"), 182),
            (tr("Last 12 months"), 365), (tr("Custom…"), 0))


class ExportPath:
    """Where to save an export: a file dialog, behind a classmethod that tests can patch."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str, kind: str) -> str | None:
        pattern = {"png": tr("PNG image (*.png)"), "svg": tr("SVG drawing (*.svg)"), "pdf": tr("PDF (*.pdf)")}.get(
            kind, tr("CSV file (*.csv)"))
        path, _ = QFileDialog.getSaveFileName(parent, tr("Export"), suggested, pattern)
        return path or None


class AnalyticsTab(Tab):
    showRedemptions = Signal()
    quickAction = Signal(str)  # "program", "tier", "reward" or "enroll"

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent, stale=True)  # the figures load when first shown
        self.setObjectName("analyticsTab")
        self.data: AnalyticsData | None = None
        self.report_path: str | None = None  # the last report saved
        self.loading = False
        self._again = False
        controls = self._build_controls()
        self.error = error_label("analyticsError")
        self.cards = {name: KpiCard(name, caption) for name, caption, *_ in headline_fields()}
        cards = QGridLayout()
        for index, card in enumerate(self.cards.values()):
            cards.addWidget(card, index // 4, index % 4)
        self.charts = {name: TrendChart(name, title) for name, title in titles().items()}
        grid = QGridLayout()
        for index, chart in enumerate(self.charts.values()):
            chart.exportRequested.connect(self.export)
            grid.addWidget(chart, index // 2, index % 2)
        content = QWidget()
        build.column(controls, self.error, cards,
                     (build.row((grid, 3), (self._build_side(), 2)), 1), parent=content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        build.column(scroll, margins=False, parent=self)
        self._fill_programs()

    def _build_controls(self) -> QHBoxLayout:
        """The period and program, the quick actions, and the refresh button."""
        self.range = build.combo("analyticsRange", {days: label for label, days in ranges()})
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
        # By name, so the main window can gate each with the permission its action needs.
        self.quick = {name: build.button(text, f"quick_{name}", partial(self.quickAction.emit, name))
                      for name, text in (("program", tr("Create program")), ("tier", tr("Create tier")),
                                         ("reward", tr("Create reward")), ("enroll", tr("Enroll member")))}
        self.updated = build.label("analyticsUpdated")
        self.refresh_button = build.button(tr("Refresh"), "analyticsRefresh", self.refresh,
                                           tooltip=tr("Refresh the figures (F5)"))
        return build.row(QLabel(tr("Period")), self.range, self.first_date, self.last_date, QLabel(tr("Program")),
                         self.program, None, *self.quick.values(), self.updated, self.refresh_button)

    def _build_side(self) -> QVBoxLayout:
        """The panels beside the charts: top members, programs by status, upcoming rewards, liability."""
        leaders, leaders_layout = panel(tr("Top members"), "topMembersPanel")
        self.leaders = table("topMembers", [tr("Member"), tr("Points"), tr("Lifetime"), tr("Spent")])
        leaders_layout.addWidget(self.leaders)
        status, status_layout = panel(tr("Programs by status"), "programsByStatusPanel")
        self.status_label = build.label("programsByStatus")
        status_layout.addWidget(self.status_label)
        self.pending_button = build.button("", "pendingRedemptions", self.showRedemptions.emit,
                                           tooltip=tr("Open the redemptions queue"))
        status_layout.addWidget(self.pending_button)
        upcoming, upcoming_layout = panel(tr("Upcoming rewards"), "upcomingRewardsPanel")
        self.upcoming = table("upcomingRewards", [tr("Reward"), tr("Cost"), tr("From"), tr("Until")])
        upcoming_layout.addWidget(self.upcoming)
        self.liability = LiabilityPanel()
        return build.column(leaders, status, upcoming, self.liability)

    # --- loading -----------------------------------------------------------

    def _fill_programs(self) -> None:
        build.refill(self.program, {None: all_programs(), **{p.id: p.program_name for p in self.session.programs()}},
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
        # The shop's yesterday, not UTC's: a New York evening is already tomorrow in UTC.
        last = self.session.svc.shop_today(self.session.user_id) - dt.timedelta(days=1)
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
        self.error.setText(tr("The figures could not be loaded: {error}").format(error=refusal_words(error)))
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
        self.updated.setText(tr("updated at {time}").format(time=fmt.time_of_day(self.session.svc.clock())))

    def _show_cards(self, data: AnalyticsData) -> None:
        for headline in headlines(data.figures):
            self.cards[headline.name].show_headline(headline)

    def _show_charts(self, data: AnalyticsData) -> None:
        charts = bucket_charts(data.buckets, data.first, data.last, data.program, data.figures.currency)
        for name, chart in charts.items():
            self.charts[name].show_data(chart)
        tiers = self.charts["tiers"]
        title = titles()["tiers"]
        if data.tier_program is None:
            tiers.set_title(title)
        elif data.program == all_programs() and len(data.programs) > 1:
            tiers.set_title(tr("{title}: {program} (pick a program to see another)").format(
                title=title, program=data.tier_program))
        else:
            tiers.set_title(f"{title}: {data.tier_program}")
        tiers.show_data(tier_chart(data.tiers, data.tier_program or all_programs()))

    def _show_panels(self, data: AnalyticsData) -> None:
        d = data.dashboard
        currency = self.session.currency
        fill(self.leaders, leader_rows(d, currency), tr("No members yet"))
        by_status = d["programsByStatus"]
        said = {"active": tr("active"), "inactive": tr("inactive")}
        self.status_label.setText(" · ".join(f"{fmt.points(n)} {said.get(status, status)}"
                                             for status, n in by_status.items()) or tr("No programs"))
        pending = d["pendingRedemptions"]
        self.pending_button.setText(plural(pending, tr("{n} redemption to fulfil →"),
                                           tr("{n} redemptions to fulfil →")).format(n=fmt.points(pending)))
        fill(self.upcoming, [[r["name"], fmt.points(r["pointsCost"]),
                              fmt.date(dt.date.fromisoformat(r["startDate"])) if r["startDate"] else "",
                              fmt.date(dt.date.fromisoformat(r["endDate"])) if r["endDate"] else ""]
                             for r in d["upcomingRewards"]], tr("Nothing starting or ending soon"))
        self.liability.show(data.liability)

    def recolour(self) -> None:
        for chart in self.charts.values():
            chart.show_data(chart.data)  # every chart at once, in the new scheme's colours

    # --- export ------------------------------------------------------------

    def export(self, name: str, kind: str) -> None:
        """Save a chart as PNG or SVG (a light copy with its caption, drawn off screen) or its data as CSV."""
        chart = self.charts[name]
        today = self.session.svc.shop_today(self.session.user_id)
        path = ExportPath.ask(self, f"{name}-{today.isoformat()}.{kind}", kind)
        if not path:
            return
        try:
            if kind == "csv":
                chart.export_csv(path)
            else:
                (export_png if kind == "png" else export_svg)(chart.data, self._caption(chart), path)
        except OSError as error:
            self.error.setText(tr("Could not save {path}: {reason}").format(path=path, reason=error.strerror))
            self.error.setVisible(True)
            return
        self._saved(path)

    def _saved(self, path: str) -> None:
        """Say the file's name (the folder is the one the person chose; it is in the tooltip)."""
        self.updated.setText(tr("saved {file}").format(file=Path(path).name))
        self.updated.setToolTip(path)

    def export_report(self) -> None:
        """The period report of the chosen period and program as a PDF (File ▸ Export report…).
        The figures are read off the GUI thread; the charts are drawn on it."""
        first, last = self.period()
        path = ExportPath.ask(self, f"loyalty-report-{first.isoformat()}-{last.isoformat()}.pdf", "pdf")
        if not path:
            return
        program_id = self.program.currentData()
        self.error.setVisible(False)
        self.updated.setText(tr("making the report…"))
        run_job(lambda _report: load(self.session, first, last, program_id),
                lambda data: self._write_report(data, path), self._report_failed)

    def _write_report(self, data: AnalyticsData, path: str) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = fmt.date_time(self.session.svc.clock())
            report = make_report(data, Letterhead.of(self.session.shop, self.session.user_id),
                                 self.session.paper_size, made)
            export_pdf(report, path)
        except OSError as error:
            self._report_failed(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.report_path = path
        self._saved(path)

    def _report_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else refusal_words(error)
        self.updated.setText("")
        self.error.setText(tr("The report could not be made: {reason}").format(reason=reason))
        self.error.setVisible(True)

    def _caption(self, chart: TrendChart) -> Caption:
        shop = self.session.svc.get_shop(self.session.user_id).shop_name
        first, last = (self.data.first, self.data.last) if self.data else self.period()
        program = self.data.program if self.data else all_programs()
        return Caption(shop, chart.title, f"{fmt.date(first)} – {fmt.date(last)}", program)
