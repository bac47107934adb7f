"""Trend charts for the Analytics tab: pyqtgraph plots with dates on the x axis,
values on hover, palette colours, a friendly empty state, and PNG/CSV export."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ...domain.spreadsheet import Cell, write_csv
from ..shell.theme import accent


def series_colors() -> list[QColor]:
    palette = QApplication.palette()
    return [palette.color(QPalette.ColorRole.Highlight), accent("good"), accent("bad"), accent("gold")]


def _timestamp(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()


class TrendChart(QWidget):
    """One chart with a title, export buttons, and an empty state in place of broken axes."""

    exportRequested = Signal(str, str)  # (chart name, "png" or "csv")

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self.columns: list[str] = []
        self.rows: list[list[Cell]] = []
        heading = QLabel(f"<b>{title}</b>")
        png = QPushButton("PNG")
        png.setObjectName(f"export_{name}_png")
        png.setToolTip(f"Save “{title}” as a PNG image")
        png.setAccessibleName(f"Export {title} as PNG")
        png.clicked.connect(lambda: self.exportRequested.emit(name, "png"))
        data = QPushButton("CSV")
        data.setObjectName(f"export_{name}_csv")
        data.setToolTip(f"Save the data of “{title}” as CSV")
        data.setAccessibleName(f"Export {title} data as CSV")
        data.clicked.connect(lambda: self.exportRequested.emit(name, "csv"))
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(png)
        top.addWidget(data)
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(170)
        self.plot.setMenuEnabled(False)
        self.plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)
        self.empty = QLabel("No data for this period yet.\nFigures appear after the first full day.")
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

    def _style(self) -> None:
        palette = QApplication.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        item.showGrid(x=False, y=True, alpha=0.15)

    def set_lines(self, days: Sequence[dt.date], series: dict[str, Sequence[int]], *,
                  bars: str | None = None) -> None:
        """Lines (and optionally one series as bars) over dates, with the values on hover."""
        self.columns = ["date", *series]
        self.rows = [[d.isoformat(), *(series[k][i] for k in series)] for i, d in enumerate(days)]
        self.plot.clear()
        self._style()
        if not days or not any(any(v for v in values) for values in series.values()):
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.plot)
        legend = self.plot.getPlotItem().legend or self.plot.addLegend(offset=(10, 5))
        legend.clear()
        legend.setLabelTextColor(QApplication.palette().color(QPalette.ColorRole.Text))
        xs = [_timestamp(d) for d in days]
        # Our own date ticks: a few readable labels, never two on top of each other.
        step = max(1, len(days) // 6)
        self.plot.getPlotItem().getAxis("bottom").setTicks(
            [[(_timestamp(d), f"{d:%b} {d.day}") for d in days[::step]], []])
        for (label, values), color in zip(series.items(), series_colors(), strict=False):  # at most four series
            if label == bars:
                bar = pg.BarGraphItem(x=xs, height=list(values), width=86400 * 0.7, brush=pg.mkBrush(color),
                                      pen=pg.mkPen(None))
                self.plot.addItem(bar)
                legend.addItem(bar, label)
            else:
                line = self.plot.plot(xs, list(values), pen=pg.mkPen(color, width=2), name=label)
                del line
            points = pg.ScatterPlotItem(x=xs, y=list(values), size=7, brush=pg.mkBrush(color), pen=pg.mkPen(None),
                                        hoverable=True, hoverSize=11, data=[label] * len(xs),
                                        tip=lambda x, y, data: (f"{data}\n"
                                                                f"{dt.datetime.fromtimestamp(x, dt.UTC).date()}"
                                                                f": {y:,.0f}"))
            self.plot.addItem(points)

    def set_bars(self, labels: Sequence[str], values: Sequence[int]) -> None:
        """Categorical bars (the tier distribution), with the value on hover."""
        self.columns = ["category", "members"]
        self.rows = [[label, value] for label, value in zip(labels, values, strict=True)]
        self.plot.clear()
        self._style()
        if not labels or not any(values):
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.plot)
        xs = list(range(len(labels)))
        color = series_colors()[0]
        self.plot.addItem(pg.BarGraphItem(x=xs, height=list(values), width=0.6, brush=pg.mkBrush(color)))
        self.plot.addItem(pg.ScatterPlotItem(x=xs, y=list(values), size=9, brush=pg.mkBrush(color), hoverable=True,
                                             data=list(labels),
                                             tip=lambda x, y, data: f"{data}: {y:,.0f} members"))
        self.plot.getPlotItem().getAxis("bottom").setTicks([list(zip(xs, labels, strict=True))])

    def export_png(self, path: str | Path) -> None:
        exporter = pyqtgraph.exporters.ImageExporter(self.plot.getPlotItem())
        exporter.parameters()["width"] = max(800, self.plot.width())
        exporter.export(str(path))

    def export_csv(self, path: str | Path) -> None:
        write_csv(path, self.columns, self.rows)
