"""Charts for the Analytics tab: pyqtgraph plots of one bar (or point) per bucket, values on
hover, palette colours, a friendly empty state, and PNG/SVG/CSV export.

What a chart shows is a `ChartData`; `draw` puts it on any PlotItem, so the on-screen chart
and the export copy (analytics_export) are drawn by the same code.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.spreadsheet import Cell, write_csv
from ..i18n import tr
from ..shell.theme import accent
from ..widgets import formatting as fmt

MAX_LABELS = 8          # date labels along the bottom: at most about this many, never overlapping
LABEL_CHARS = 16        # a longer category (tier) name is cut, whole on hover
MIN_POSITIONS = 4       # the x axis spans at least this many positions
CHART_HEIGHT = (170, 340)   # a chart's least and most height: the tab shows two rows at a time
BAR_SHARE = 0.8         # of a bucket's width: the rest is the gap between buckets


@dataclass
class ChartData:
    """What one chart shows: a value per position (bucket or category) for each series."""

    labels: list[str]                       # one per position: the bucket's date, or the category
    series: dict[str, list[int | float]]    # name -> one value per position
    y_name: str
    x_name: str
    style: Literal["bars", "line"] = "bars"
    columns: list[str] = field(default_factory=list)   # the CSV export
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.labels or not any(any(v for v in values) for values in self.series.values())


def series_colors() -> list[QColor]:
    palette = QApplication.palette()
    return [palette.color(QPalette.ColorRole.Highlight), accent("good"), accent("bad"), accent("gold")]


def tick_step(count: int) -> int:
    """Label every n-th position so at most MAX_LABELS labels show."""
    return max(1, math.ceil(count / MAX_LABELS))


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


class LabelAxis(pg.AxisItem):
    """A bottom axis that names positions (buckets, tiers) and labels only as many as fit its
    width, and at most MAX_LABELS: the labels never run into each other, however narrow the chart."""

    GAP = 14  # pixels between two labels

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[str] = []
        self.enableAutoSIPrefix(False)

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.picture = None  # redraw with the new labels
        self.update()

    def label_step(self, pixels: float) -> int:
        """Label every n-th position: n so that the labels fit `pixels`, and at most MAX_LABELS show."""
        if not self.labels:
            return 1
        fit = max(1, int(pixels // (self.widest() + self.GAP)))
        return max(tick_step(len(self.labels)), math.ceil(len(self.labels) / fit))

    def widest(self) -> int:
        """The width in pixels of the longest label."""
        metrics = QFontMetrics(self.style.get("tickFont") or QApplication.font())
        return max((metrics.horizontalAdvance(label) for label in self.labels), default=0)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802,N803
        step = self.label_step(size)
        return [(float(step), [float(i) for i in range(0, len(self.labels), step)])] if self.labels else []

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [self.labels[int(v)] if 0 <= int(v) < len(self.labels) else "" for v in values]


class NumberAxis(pg.AxisItem):
    """A value axis written as the shop's locale writes numbers: "4,000,000", never "4e+06"."""

    def __init__(self) -> None:
        super().__init__("left")
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        places = 0 if spacing >= 1 else 1
        return [fmt.locale().toString(float(v), "f", places) for v in values]


def axes() -> dict[str, pg.AxisItem]:
    """The axes of every chart, on screen and in exports."""
    return {"bottom": LabelAxis(), "left": NumberAxis()}


Legend = Literal["always", "several", "never"]   # "several": only for a chart of several series


def draw(item: pg.PlotItem, data: ChartData, colors: Sequence[QColor], text: QColor, *, legend: Legend) -> None:
    """Draw `data` on `item`: grouped bars (or lines) without markers, sparse labels, axis names."""
    item.clear()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
    item.setLabel("left", data.y_name, color=text.name())
    item.setLabel("bottom", data.x_name, color=text.name())
    item.showGrid(x=False, y=True, alpha=0.15)
    # Counts are whole: a chart of 0 to 3 redemptions must not be ticked 0.5, 1.5, 2.5.
    counts = all(isinstance(v, int) for values in data.series.values() for v in values)
    highest = max((max(values, default=0) for values in data.series.values()), default=0)
    item.getAxis("left").setTickSpacing(*((1, 1) if counts and highest < 6 else (None, None)))
    if legend == "always" or (legend == "several" and len(data.series) > 1):
        box = item.legend or item.addLegend(offset=(10, 5))
        box.clear()
        box.setLabelTextColor(text)
    xs = list(range(len(data.labels)))
    width = BAR_SHARE / max(1, len(data.series))
    for index, ((name, values), color) in enumerate(zip(data.series.items(), colors, strict=False)):
        if data.style == "bars":
            offset = (index - (len(data.series) - 1) / 2) * width
            where = [x + offset for x in xs]
            bar = pg.BarGraphItem(x=where, height=list(values), width=width, brush=pg.mkBrush(color),
                                  pen=pg.mkPen(None), name=name)
            item.addItem(bar)  # named: the legend, if any, lists it
        else:
            where = list(map(float, xs))
            item.plot(where, list(values), pen=pg.mkPen(color, width=2), name=name)
        item.addItem(_hover(where, values, name, data.labels, color))
    bottom = item.getAxis("bottom")
    if isinstance(bottom, LabelAxis):
        bottom.set_labels([short(label) for label in data.labels])
    item.setXRange(-0.6, max(len(xs), MIN_POSITIONS) - 0.4, padding=0)  # one tier is not one wall-wide bar


def _hover(xs: list[float], values: Sequence[int | float], name: str, labels: list[str],
           color: QColor) -> pg.ScatterPlotItem:
    """Invisible points that show the value on hover (a dot appears only under the pointer)."""
    clear = QColor(0, 0, 0, 0)
    return pg.ScatterPlotItem(x=xs, y=list(values), size=14, brush=pg.mkBrush(clear), pen=pg.mkPen(None),
                              hoverable=True, hoverBrush=pg.mkBrush(color), hoverSize=9,
                              data=[f"{name}\n{label}" for label in labels],
                              tip=lambda x, y, data: f"{data}: {y:,.0f}")


class TrendChart(QWidget):
    """One chart with a title, export buttons, and an empty state in place of broken axes."""

    exportRequested = Signal(str, str)  # (chart name, "png", "svg" or "csv")

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.title = title
        self.setObjectName(f"chart_{name}")
        self.data = ChartData([], {}, "", "")
        self.heading = QLabel(f"<b>{title}</b>")
        # A long title (a tier chart's program) must not widen the column: it is cut, whole on hover.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for kind, tip, accessible in (
                ("png", tr("Save “{title}” as a PNG image"), tr("Export {title} as a PNG image")),
                ("svg", tr("Save “{title}” as an SVG drawing"), tr("Export {title} as an SVG drawing")),
                ("csv", tr("Save “{title}” data as CSV"), tr("Export {title} data as CSV"))):
            button = QPushButton(kind.upper())
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("SVG") + 20)
            button.setObjectName(f"export_{name}_{kind}")
            button.setToolTip(tip.format(title=title))
            button.setAccessibleName(accessible.format(title=title))
            button.clicked.connect(lambda _c=False, k=kind: self.exportRequested.emit(name, k))
            top.addWidget(button)
        self.plot = pg.PlotWidget(axisItems=axes())
        self.plot.setMinimumHeight(CHART_HEIGHT[0])
        self.plot.setMaximumHeight(CHART_HEIGHT[1])
        self.plot.setMenuEnabled(False)
        self.plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)
        self.empty = QLabel(tr("No data for this period yet.\nFigures appear after the first full day."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName(f"empty_{name}")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def set_title(self, title: str) -> None:
        self.title = title
        self.heading.setText(f"<b>{title}</b>")
        self.heading.setToolTip(title)

    def show_data(self, data: ChartData) -> None:
        """Draw `data` in the current scheme's colours (called again on a scheme change)."""
        self.data = data
        palette = QApplication.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        if data.empty:
            self.plot.clear()
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.plot)
        draw(self.plot.getPlotItem(), data, series_colors(), palette.color(QPalette.ColorRole.Text), legend="several")

    def export_csv(self, path: str | Path) -> None:
        write_csv(path, self.data.columns, self.data.rows)
