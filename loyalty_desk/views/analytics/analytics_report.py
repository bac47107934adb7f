"""The period report (File ▸ Export report…): what an owner hands to an accountant, as a PDF
on the shop's paper.

Page 1 holds the headline figures beside the previous period's, the points liability and
breakage, and points by month; then the charts, three a page; then the top members, every
row of them. Every page carries the letterhead, the period and "page n of N".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QPen

from ..documents.documents import Document, Letterhead, Scale, draw_logo, paper_layout, paper_mm, text_line
from ..i18n import tr
from ..widgets import formatting as fmt
from .analytics_charts import ChartData
from .analytics_data import AnalyticsData
from .analytics_export import SERIES, Caption, chart_image
from .analytics_headlines import headlines
from .analytics_panels import leader_rows, liability_rows, monthly_columns, monthly_rows
from .analytics_series import bucket_charts, tier_chart, titles

MARGIN = 15.0
ROW = 6.2                            # a table row's height, in mm
CHART_PIXELS = QSize(900, 340)       # the layout size of a chart: its text reads at about 8 pt on paper
CHARTS_PER_PAGE = 3
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Column = tuple[str, float, Qt.AlignmentFlag]   # heading, share of the width, alignment


@dataclass(frozen=True)
class ReportChart:
    title: str
    image: QImage | None     # None: no data to draw
    series: list[str]        # names for the legend, in SERIES colours (a single series needs none)


@dataclass
class PeriodReport(Document):
    letterhead: Letterhead
    period: str                      # "1 Nov 2026 – 30 Nov 2026"
    program: str                     # a program's name, or "All programs"
    made: str                        # when the report was made, in the shop's time
    paper: str = "A4"
    headline_rows: list[list[str]] = field(default_factory=list)
    liability: list[list[str]] = field(default_factory=list)
    monthly: list[list[str]] = field(default_factory=list)
    charts: list[ReportChart] = field(default_factory=list)
    members: list[list[str]] = field(default_factory=list)
    title = "Loyalty report"         # English here; in the chosen language from __post_init__ on

    def __post_init__(self) -> None:
        self.title = tr("Loyalty report")

    @property
    def size_mm(self) -> QSizeF:  # type: ignore[override]
        return paper_mm(self.paper)

    def page_layout(self) -> QPageLayout:
        return paper_layout(self.paper)

    @property
    def chart_pages(self) -> int:
        return -(-len(self.charts) // CHARTS_PER_PAGE)

    def page_count(self) -> int:
        return 2 + self.chart_pages

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        mm = Scale(rect, self.size_mm)
        painter.save()
        painter.fillRect(mm.box(0, 0, self.size_mm.width(), self.size_mm.height()), QColor("white"))
        self._frame(painter, mm, page)
        if page == 0:
            self._figures(painter, mm)
        elif page <= self.chart_pages:
            self._charts(painter, mm, page - 1)
        else:
            self._members(painter, mm)
        painter.restore()

    @property
    def width(self) -> float:
        return self.size_mm.width() - 2 * MARGIN

    def _frame(self, painter: QPainter, mm: Scale, page: int) -> None:
        """The letterhead and the period at the top; the page number and the date made at the foot."""
        left = MARGIN
        logo = self.letterhead.logo
        if logo is not None:
            left += draw_logo(painter, logo, mm.box(MARGIN, 10, 30, 15), Qt.AlignmentFlag.AlignLeft) / mm.k + 4
        half = self.width / 2
        text_line(painter, mm.box(left, 10, MARGIN + half - left, 8), self.letterhead.name, mm.font(5.2, bold=True))
        for index, line in enumerate(self.letterhead.address_lines[:2]):
            text_line(painter, mm.box(left, 18 + 4.2 * index, MARGIN + half - left, 4.2), line, mm.font(3),
                      "#555555")
        right = MARGIN + half
        text_line(painter, mm.box(right, 10, half, 8), self.title, mm.font(5.2, bold=True), "#111111", RIGHT)
        text_line(painter, mm.box(right, 18, half, 4.2), self.period, mm.font(3.2), "#333333", RIGHT)
        text_line(painter, mm.box(right, 22.2, half, 4.2), self.program, mm.font(3.2), "#333333", RIGHT)
        painter.setPen(QPen(QColor("#888888"), max(1.0, mm(0.25))))
        painter.drawLine(mm.box(MARGIN, 29, 0, 0).topLeft(), mm.box(MARGIN + self.width, 29, 0, 0).topLeft())
        foot = self.size_mm.height() - 12
        made = tr("Made {made} · Loyalty Desk").format(made=self.made)
        text_line(painter, mm.box(MARGIN, foot, half, 5), made, mm.font(2.8), "#666666")
        numbered = tr("Page {page} of {pages}").format(page=page + 1, pages=self.page_count())
        text_line(painter, mm.box(right, foot, half, 5), numbered, mm.font(2.8), "#666666", RIGHT)

    def _heading(self, painter: QPainter, mm: Scale, y: float, text: str) -> float:
        text_line(painter, mm.box(MARGIN, y, self.width, 7), text, mm.font(4.2, bold=True))
        return y + 8

    def _table(self, painter: QPainter, mm: Scale, y: float, columns: list[Column], rows: list[list[str]],
               empty: str | None = None) -> float:
        """A table with a shaded heading row and banded rows; returns the height below it."""
        lefts, x = [], MARGIN
        for _, share, _ in columns:
            lefts.append(x)
            x += share * self.width
        painter.fillRect(mm.box(MARGIN, y, self.width, ROW), QColor("#e4e7ec"))
        for (heading, share, align), left in zip(columns, lefts, strict=True):
            text_line(painter, mm.box(left + 1.5, y, share * self.width - 3, ROW), heading, mm.font(3, bold=True),
                      "#111111", align)
        y += ROW
        empty = tr("Nothing yet") if empty is None else empty
        for index, row in enumerate(rows or [[empty] + [""] * (len(columns) - 1)]):
            if index % 2:
                painter.fillRect(mm.box(MARGIN, y, self.width, ROW), QColor("#f4f5f7"))
            for (_, share, align), left, cell in zip(columns, lefts, row, strict=True):
                text_line(painter, mm.box(left + 1.5, y, share * self.width - 3, ROW), cell, mm.font(3.1), "#111111",
                          align)
            y += ROW
        return y + 5

    def _figures(self, painter: QPainter, mm: Scale) -> None:
        y = self._heading(painter, mm, 34, tr("Headline figures"))
        y = self._table(painter, mm, y, [(tr("Figure"), 0.37, LEFT), (tr("This period"), 0.2, RIGHT),
                                         (tr("Previous period"), 0.2, RIGHT), (tr("Change"), 0.23, RIGHT)],
                        self.headline_rows)
        y = self._heading(painter, mm, y, tr("Points liability and breakage, as of today"))
        y = self._table(painter, mm, y, [(tr("Figure"), 0.6, LEFT), (tr("Value"), 0.4, RIGHT)], self.liability)
        y = self._heading(painter, mm, y, tr("Points by month"))
        self._table(painter, mm, y, [(name, 0.16, RIGHT) if i else (name, 0.36, LEFT)
                                     for i, name in enumerate(monthly_columns())], self.monthly,
                    tr("No points issued yet"))

    def _charts(self, painter: QPainter, mm: Scale, index: int) -> None:
        height = self.width * CHART_PIXELS.height() / CHART_PIXELS.width()
        y = 34.0
        for chart in self.charts[index * CHARTS_PER_PAGE:(index + 1) * CHARTS_PER_PAGE]:
            box = mm.box(MARGIN, y, self.width, height)
            if chart.image is None:
                painter.setPen(QPen(QColor("#bbbbbb"), max(1.0, mm(0.25))))
                painter.drawRect(box)
                text_line(painter, box, tr("{title}: no data for this period").format(title=chart.title), mm.font(3.4),
                          "#777777", Qt.AlignmentFlag.AlignCenter)
            else:
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(box, chart.image)
                painter.restore()
                if len(chart.series) > 1:
                    self._legend(painter, mm, y + height, chart.series)
            y += height + 7

    def _legend(self, painter: QPainter, mm: Scale, y: float, names: list[str]) -> None:
        """A square of each series' colour and its name, in a row under the chart."""
        x = MARGIN + 14
        for name, colour in zip(names, SERIES, strict=False):
            painter.fillRect(mm.box(x, y + 0.8, 3, 3), colour)
            text_line(painter, mm.box(x + 4.5, y, 34, 4.6), name, mm.font(3), "#222222")
            x += 40

    def _members(self, painter: QPainter, mm: Scale) -> None:
        y = self._heading(painter, mm, 34, tr("Top members by lifetime points, as of today"))
        self._table(painter, mm, y, [("#", 0.06, RIGHT), (tr("Member"), 0.4, LEFT), (tr("Points"), 0.16, RIGHT),
                                     (tr("Lifetime"), 0.16, RIGHT), (tr("Spent"), 0.22, RIGHT)],
                    [[str(rank), *row] for rank, row in enumerate(self.members, start=1)], tr("No members yet"))


def _chart(data: ChartData, title: str) -> ReportChart:
    image = None if data.empty else chart_image(data, Caption("", title, "", ""), CHART_PIXELS)
    return ReportChart(title, image, list(data.series))


def make_report(data: AnalyticsData, letterhead: Letterhead, paper: str, made: str) -> PeriodReport:
    """The report of what `data` holds. Draws the charts, so it runs on the GUI thread."""
    rows = [[h.caption, h.value, h.previous, h.change] for h in headlines(data.figures)]
    names = titles()
    charts = [_chart(chart, names[name]) for name, chart in
              bucket_charts(data.buckets, data.first, data.last, data.program, data.figures.currency).items()]
    if data.tier_program is not None:
        charts.append(_chart(tier_chart(data.tiers, data.tier_program), f"{names['tiers']}: {data.tier_program}"))
    return PeriodReport(letterhead, f"{fmt.date(data.first)} – {fmt.date(data.last)}", data.program, made, paper,
                        rows, [list(row) for row in liability_rows(data.liability)], monthly_rows(data.liability),
                        charts, leader_rows(data.dashboard, data.figures.currency))
