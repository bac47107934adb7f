"""Draw the app icon once: loyalty_desk/assets/loyalty-desk.svg and .png (256 px), committed.

A member card with a star on a rounded tile. Run again only to change the design:
    QT_QPA_PLATFORM=offscreen python3 scripts/draw_icon.py
"""
from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPolygonF
from PySide6.QtSvg import QSvgGenerator

ASSETS = Path(__file__).resolve().parents[1] / "loyalty_desk" / "assets"
SIZE = 256


def paint(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1f6f8b"))                          # the tile
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    card = QRectF(36, 62, 184, 132)
    painter.setBrush(QColor(0, 0, 0, 60))                        # the card's shadow
    painter.drawRoundedRect(card.translated(0, 6), 14, 14)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(card, 14, 14)
    band = QPainterPath()
    band.addRoundedRect(card, 14, 14)
    top = QPainterPath()
    top.addRect(QRectF(card.left(), card.top(), card.width(), 34))
    painter.setBrush(QColor("#f2a900"))                          # the tier band
    painter.drawPath(band.intersected(top))
    painter.setBrush(QColor("#c9d6de"))                          # the name and number lines
    painter.drawRoundedRect(QRectF(52, 116, 72, 10), 5, 5)
    painter.drawRoundedRect(QRectF(52, 140, 52, 10), 5, 5)
    centre, outer, inner = QPointF(168, 138), 34.0, 14.0
    star = QPolygonF([centre + QPointF(r * math.sin(math.pi * i / 5), -r * math.cos(math.pi * i / 5))
                      for i, r in enumerate([outer, inner] * 5)])
    painter.setBrush(QColor("#f2a900"))
    painter.drawPolygon(star)


def main() -> None:
    app = QGuiApplication([])
    ASSETS.mkdir(exist_ok=True)
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint(painter)
    painter.end()
    image.save(str(ASSETS / "loyalty-desk.png"))
    svg = QSvgGenerator()
    svg.setFileName(str(ASSETS / "loyalty-desk.svg"))
    svg.setSize(QSize(SIZE, SIZE))
    svg.setViewBox(QRectF(0, 0, SIZE, SIZE))
    svg.setTitle("Loyalty Desk")
    painter = QPainter(svg)
    paint(painter)
    painter.end()
    del app


if __name__ == "__main__":
    main()
