"""Chart exports an owner can hand to an accountant: PNG and SVG (drawn by Qt's SVG painter)
on a light background with the shop, the chart's title, the period, axis names and a legend,
whatever the on-screen scheme.

The export draws a copy of the chart in a widget of its own, never shown on screen, so the
tab's layout is never touched (resizing the on-screen plot for an export once left it 800 px
wide until restart).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from ... import paths
from ..i18n import tr
from .analytics_charts import ChartData, Legend, axes, draw

EXPORT_SIZE = QSize(1200, 700)
PAPER = QColor(255, 255, 255)
INK = QColor(34, 34, 34)
# Print-friendly colours that read on white, in the on-screen series order.
SERIES = [QColor(31, 119, 180), QColor(44, 160, 44), QColor(214, 39, 40), QColor(230, 140, 20)]


@dataclass(frozen=True, slots=True)
class Caption:
    shop: str
    title: str
    period: str         # the date range as the owner reads it ("" where the page says it: the report)
    program: str        # a program's name, or "All programs" ("" where the page says it)


@contextmanager
def off_screen(data: ChartData, caption: Caption, size: QSize = EXPORT_SIZE, *, legend: Legend = "always"
               ) -> Iterator[pg.GraphicsLayoutWidget]:
    """A light copy of the chart with its caption, laid out at `size` off screen, closed after use."""
    view = pg.GraphicsLayoutWidget()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setBackground(PAPER)
    view.resize(size)
    view.addLabel(caption.title, row=0, col=0, color=INK.name(), size="15pt", bold=True)
    details = " · ".join(part for part in (caption.shop, caption.program, caption.period) if part)
    if details:
        view.addLabel(details, row=1, col=0, color=INK.name(), size="10pt")
    draw(view.addPlot(row=2, col=0, axisItems=axes()), data, SERIES, INK, legend=legend)
    view.show()
    QApplication.processEvents()  # lay the copy out at its size before it is rendered
    try:
        yield view
    finally:
        view.close()
        view.deleteLater()


def chart_image(data: ChartData, caption: Caption, size: QSize, scale: float = 3.0) -> QImage:
    """The light copy drawn at `scale` times its pixel size: sharp on paper (the period report).
    Without pyqtgraph's legend, which ignores the scale (the report writes its own)."""
    with off_screen(data, caption, size, legend="never") as view:
        image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_RGB32)
        image.fill(PAPER)
        painter = QPainter(image)
        try:
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            # The scene, not the widget: QWidget.render() of a graphics view ignores the painter's scale.
            view.scene().render(painter, QRectF(image.rect()), view.sceneRect())
        finally:
            painter.end()
    return image


def export_png(data: ChartData, caption: Caption, path: str | Path) -> None:
    paths.private_file(path)  # owner-only before a byte is written
    with off_screen(data, caption) as view:
        if not view.grab().toImage().save(str(path), "PNG"):
            raise OSError(5, tr("the image could not be written"))


def export_svg(data: ChartData, caption: Caption, path: str | Path) -> None:
    """The copy drawn through Qt's SVG painter (pyqtgraph 0.14's SVGExporter fails on Qt 6 paths)."""
    paths.private_file(path).write_bytes(b"")  # owner-only; an unwritable place raises OSError here, as for PNG
    with off_screen(data, caption) as view:
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(EXPORT_SIZE)
        generator.setViewBox(QRect(QPoint(0, 0), EXPORT_SIZE))
        generator.setTitle(caption.title)
        painter = QPainter(generator)
        try:
            view.render(painter)
        finally:
            painter.end()
