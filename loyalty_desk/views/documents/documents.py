"""Printable documents. Each draws itself with one `render(painter, rect)`, used alike for
the on-screen preview, print preview, the printer, PDF and PNG.

Sizes are in millimetres; `render` scales them to whatever rectangle it is given.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPen

from ...services.codes import format_card_number
from ..widgets import formatting as fmt
from .qr import qr_image

CARD_MM = QSizeF(85.6, 54.0)  # ID-1
TIER_COLORS = {"bronze": "#b0713a", "silver": "#8c9096", "gold": "#c79a1e", "platinum": "#6d7b91", "vip": "#7a3e9d"}


def tier_color(name: str | None, level: int = 0) -> QColor:
    if not name:
        return QColor("#2e6fd0")
    known = TIER_COLORS.get(name.lower())
    return QColor(known) if known else QColor.fromHsv((level * 67 + 200) % 360, 150, 170)


class Scale:
    """Millimetres to the painter's units inside a target rectangle."""

    def __init__(self, rect: QRectF, size_mm: QSizeF) -> None:
        self.rect = rect
        self.k = min(rect.width() / size_mm.width(), rect.height() / size_mm.height())

    def __call__(self, mm: float) -> float:
        return mm * self.k

    def box(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.rect.left() + x * self.k, self.rect.top() + y * self.k, w * self.k, h * self.k)

    def font(self, size_mm: float, *, bold: bool = False, mono: bool = False) -> QFont:
        font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
        if mono:
            font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPixelSize(max(1, round(size_mm * self.k)))
        font.setBold(bold)
        return font


def draw_qr(painter: QPainter, payload: str, target: QRectF) -> None:
    """A QR code scaled to whole device pixels per module, without smoothing: crisp squares."""
    image = qr_image(payload)
    side = min(target.width(), target.height())
    per_module = max(1, int(side // image.width()))
    size = per_module * image.width() if side >= image.width() else side
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(QRectF(target.left(), target.top(), size, size), image)
    painter.restore()


def _text(painter: QPainter, box: QRectF, text: str, font: QFont, color: QColor | str = "#111111",
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> None:
    """One line of text in its box: shrunk (to two thirds at most) before anything is cut off."""
    font = QFont(font)
    smallest = max(1, font.pixelSize() * 2 // 3)
    painter.setFont(font)
    while painter.fontMetrics().horizontalAdvance(text) > box.width() and font.pixelSize() > smallest:
        font.setPixelSize(font.pixelSize() - 1)
        painter.setFont(font)
    painter.setPen(QColor(color))
    elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()))
    painter.drawText(box, int(align), elided)


class Document:
    """A page-sized thing that can draw itself; pages are drawn one at a time."""

    size_mm: QSizeF = CARD_MM
    title = "document"

    def page_count(self) -> int:
        return 1

    def page_layout(self) -> QPageLayout:
        size = QPageSize(self.size_mm, QPageSize.Unit.Millimeter, self.title, QPageSize.SizeMatchPolicy.ExactMatch)
        return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


@dataclass
class MemberCard(Document):
    shop_name: str
    program_name: str
    member_name: str
    card_number: str
    tier_name: str | None = None
    tier_level: int = 0
    title = "Member card"

    @classmethod
    def of(cls, shop_name: str, program: Any, member: Any, tier_level: int = 0) -> MemberCard:
        return cls(shop_name, program.program_name, member.customer_name, member.card_number, member.tier_name,
                   tier_level)

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        mm = Scale(rect, CARD_MM)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(mm.box(0, 0, 85.6, 54), mm(3.2), mm(3.2))
        band = tier_color(self.tier_name, self.tier_level)
        painter.setBrush(band)
        painter.drawRect(mm.box(0, 0, 85.6, 11))
        _text(painter, mm.box(4, 1.5, 60, 8), self.shop_name, mm.font(4.2, bold=True), "white")
        if self.tier_name:
            _text(painter, mm.box(52, 1.5, 30, 8), self.tier_name.upper(), mm.font(3.2, bold=True), "white",
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        _text(painter, mm.box(4, 14, 48, 5), self.program_name, mm.font(3.0), "#555555")
        _text(painter, mm.box(4, 21, 48, 8), self.member_name, mm.font(4.6, bold=True))
        _text(painter, mm.box(4, 40, 50, 6), format_card_number(self.card_number), mm.font(4.4, mono=True))
        _text(painter, mm.box(4, 46, 50, 4), "Member card · show it at every visit", mm.font(2.2), "#777777")
        draw_qr(painter, self.card_number, mm.box(55.6, 16, 27, 27))
        painter.restore()


@dataclass
class CardSheet(Document):
    """Ten cards a page, two across and five down, with cut marks, on A4 or Letter."""

    cards: Sequence[MemberCard]
    paper: str = "A4"
    title = "Card sheet"
    PER_PAGE = 10

    @property
    def size_mm(self) -> QSizeF:  # type: ignore[override]
        return QSizeF(215.9, 279.4) if self.paper == "Letter" else QSizeF(210.0, 297.0)

    def page_layout(self) -> QPageLayout:
        size = QPageSize(QPageSize.PageSizeId.Letter if self.paper == "Letter" else QPageSize.PageSizeId.A4)
        return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))

    def page_count(self) -> int:
        return max(1, -(-len(self.cards) // self.PER_PAGE))

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        page_mm = self.size_mm
        mm = Scale(rect, page_mm)
        left = (page_mm.width() - 2 * CARD_MM.width()) / 2
        top = (page_mm.height() - 5 * CARD_MM.height()) / 2
        painter.save()
        painter.setPen(QPen(QColor("#444444"), max(1.0, mm(0.2))))
        xs = [left + i * CARD_MM.width() for i in range(3)]
        ys = [top + j * CARD_MM.height() for j in range(6)]
        for x in xs:  # cut marks in the margins only, never across a card
            painter.drawLine(QPointF(mm.box(x, 0, 0, 0).left(), mm.box(0, top - 8, 0, 0).top()),
                             QPointF(mm.box(x, 0, 0, 0).left(), mm.box(0, top - 2, 0, 0).top()))
            painter.drawLine(QPointF(mm.box(x, 0, 0, 0).left(), mm.box(0, ys[-1] + 2, 0, 0).top()),
                             QPointF(mm.box(x, 0, 0, 0).left(), mm.box(0, ys[-1] + 8, 0, 0).top()))
        for y in ys:
            painter.drawLine(QPointF(mm.box(left - 8, 0, 0, 0).left(), mm.box(0, y, 0, 0).top()),
                             QPointF(mm.box(left - 2, 0, 0, 0).left(), mm.box(0, y, 0, 0).top()))
            painter.drawLine(QPointF(mm.box(xs[-1] + 2, 0, 0, 0).left(), mm.box(0, y, 0, 0).top()),
                             QPointF(mm.box(xs[-1] + 8, 0, 0, 0).left(), mm.box(0, y, 0, 0).top()))
        painter.restore()
        chunk = self.cards[page * self.PER_PAGE:(page + 1) * self.PER_PAGE]
        for index, card in enumerate(chunk):
            column, row = index % 2, index // 2
            card.render(painter, mm.box(xs[column], ys[row], CARD_MM.width(), CARD_MM.height()))


@dataclass
class RewardVoucher(Document):
    shop_name: str
    reward_name: str
    reward_code: str
    member_name: str
    redeemed_on: dt.datetime
    points: int
    terms: str = ""
    title = "Reward voucher"
    size_mm = QSizeF(105.0, 148.0)  # A6

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        mm = Scale(rect, self.size_mm)
        painter.save()
        painter.fillRect(mm.box(0, 0, 105, 148), QColor("white"))
        painter.setPen(QPen(QColor("#999999"), max(1.0, mm(0.3)), Qt.PenStyle.DashLine))
        painter.drawRect(mm.box(3, 3, 99, 142))
        _text(painter, mm.box(8, 8, 89, 8), self.shop_name, mm.font(5, bold=True), "#222222",
              Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(8, 18, 89, 6), "REWARD VOUCHER", mm.font(3.2), "#777777", Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(8, 26, 89, 10), self.reward_name, mm.font(6, bold=True), "#111111",
              Qt.AlignmentFlag.AlignCenter)
        draw_qr(painter, self.reward_code, mm.box(30, 40, 45, 45))
        _text(painter, mm.box(6, 88, 93, 9), self.reward_code, mm.font(5.6, bold=True, mono=True), "#111111",
              Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(8, 100, 89, 6), f"For {self.member_name}", mm.font(3.6), "#222222",
              Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(8, 106, 89, 6), f"Redeemed {fmt.date(self.redeemed_on.date())} · "
                                               f"{fmt.points(self.points)} points", mm.font(3.2), "#555555",
              Qt.AlignmentFlag.AlignCenter)
        painter.setFont(mm.font(2.8))
        painter.setPen(QColor("#555555"))
        painter.drawText(mm.box(10, 114, 85, 28), int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                         self.terms or "Show this voucher or its code at the counter.")
        painter.restore()


@dataclass
class CounterSlip(Document):
    """An 80 mm roll slip of one counter transaction: a sale, a return, a void or a redemption."""

    shop_name: str
    member_name: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    # The transaction's own time, never the time of printing: a reprint must match the ledger.
    when: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    kind: str = "Sale"
    footer: str = ""                  # the shop's receipt footer (Shop settings); "Thank you!" when none
    title = "Counter slip"

    @property
    def footer_lines(self) -> list[str]:
        return [line for line in self.footer.splitlines() if line.strip()][:4] or ["Thank you!"]

    @property
    def size_mm(self) -> QSizeF:  # type: ignore[override]
        return QSizeF(80.0, 37.0 + 7.0 * len(self.lines) + 5.0 * len(self.footer_lines))

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        size = self.size_mm
        mm = Scale(rect, size)
        painter.save()
        painter.fillRect(mm.box(0, 0, size.width(), size.height()), QColor("white"))
        _text(painter, mm.box(4, 4, 72, 8), self.shop_name, mm.font(5, bold=True), "#111111",
              Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(4, 13, 72, 5), f"{self.kind} · {fmt.date_time(self.when)}", mm.font(3), "#444444",
              Qt.AlignmentFlag.AlignCenter)
        _text(painter, mm.box(4, 20, 72, 6), self.member_name, mm.font(3.8, bold=True), "#111111",
              Qt.AlignmentFlag.AlignCenter)
        painter.setPen(QPen(QColor("#111111"), max(1.0, mm(0.2)), Qt.PenStyle.DashLine))
        painter.drawLine(mm.box(4, 28, 0, 0).topLeft(), mm.box(76, 28, 0, 0).topLeft())
        y = 31.0
        for label, value in self.lines:
            _text(painter, mm.box(4, y, 32, 6), label, mm.font(3.4), "#111111")
            _text(painter, mm.box(34, y, 42, 6), value, mm.font(3.4, bold=True), "#111111",
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            y += 7
        for line in self.footer_lines:
            _text(painter, mm.box(4, y + 2, 72, 5), line, mm.font(3.2), "#444444", Qt.AlignmentFlag.AlignCenter)
            y += 5
        painter.restore()
