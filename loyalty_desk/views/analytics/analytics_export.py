"""Chart exports an owner can hand to an accountant: PNG and SVG (drawn by Qt's SVG painter)
on a light background with the shop, the chart's title, the period, axis names and a legend,
whatever the on-screen scheme.

The export draws a copy of the chart in a widget of its own, never shown on screen, so the
tab's layout is never touched (resizing the on-screen plot for an export once left it 800 px
wide until restart).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ... import paths
from .analytics_charts import ChartData, LabelAxis, draw

EXPORT_WIDTH, EXPORT_HEIGHT = 1200, 700
PAPER = QColor(255, 255, 255)
INK = QColor(34, 34, 34)
# Print-friendly colours that read on white, in the on-screen series order.
SERIES = [QColor(31, 119, 180), QColor(44, 160, 44), QColor(214, 39, 40), QColor(230, 140, 20)]


@dataclass(frozen=True, slots=True)
class Caption:
    shop: str
    title: str
    period: str         # the date range as the owner reads it
    program: str        # a program's name, or "All programs"


def render(data: ChartData, caption: Caption) -> pg.GraphicsLayoutWidget:
    """A light copy of the chart with its caption, laid out at the export size off screen."""
    view = pg.GraphicsLayoutWidget()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setBackground(PAPER)
    view.resize(EXPORT_WIDTH, EXPORT_HEIGHT)
    view.addLabel(caption.title, row=0, col=0, color=INK.name(), size="15pt", bold=True)
    view.addLabel(f"{caption.shop} · {caption.program} · {caption.period}", row=1, col=0, color=INK.name(),
                  size="10pt")
    draw(view.addPlot(row=2, col=0, axisItems={"bottom": LabelAxis()}), data, SERIES, INK, legend=True)
    view.show()
    QApplication.processEvents()  # lay the copy out at its size before it is rendered
    return view


def export_png(data: ChartData, caption: Caption, path: str | Path) -> None:
    paths.private_file(path)  # owner-only before a byte is written
    view = render(data, caption)
    try:
        if not view.grab().toImage().save(str(path), "PNG"):
            raise OSError(5, "the image could not be written")
    finally:
        view.close()
        view.deleteLater()


def export_svg(data: ChartData, caption: Caption, path: str | Path) -> None:
    """The copy drawn through Qt's SVG painter (pyqtgraph 0.14's SVGExporter fails on Qt 6 paths)."""
    paths.private_file(path).write_bytes(b"")  # owner-only; an unwritable place raises OSError here, as for PNG
    view = render(data, caption)
    try:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(EXPORT_WIDTH, EXPORT_HEIGHT))
        generator.setViewBox(QRect(0, 0, EXPORT_WIDTH, EXPORT_HEIGHT))
        generator.setTitle(caption.title)
        painter = QPainter(generator)
        try:
            view.render(painter)
        finally:
            painter.end()
    finally:
        view.close()
        view.deleteLater()
