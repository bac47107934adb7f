"""Printable documents. Each draws itself with one `render(painter, rect)`, used alike for
the on-screen preview, print preview, the printer, PDF and PNG.

Sizes are in millimetres; `render` scales them to whatever rectangle it is given.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPainter, QPen

from ...domain.stamps import DEFAULT_CARD_SIZE
from ...services.codes import format_card_number
from ..i18n import tr
from ..widgets import formatting as fmt
from ..widgets import units
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
        add_shipped_fonts()
        font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
        if mono:
            font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPixelSize(max(1, round(size_mm * self.k)))
        font.setBold(bold)
        return font


SHIPPED_FONTS = Path(__file__).resolve().parents[2] / "fonts"   # filled by scripts/build-bundle only


@lru_cache(maxsize=1)
def add_shipped_fonts() -> int:
    """The documents' fonts (DejaVu Sans and Sans Mono) from the bundle, once: a card prints the same on
    a computer without them (Windows, macOS). A source install has no such folder and uses the system's."""
    added = [QFontDatabase.addApplicationFont(str(path)) for path in sorted(SHIPPED_FONTS.glob("*.ttf"))]
    return sum(1 for font_id in added if font_id >= 0)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Who a document comes from: the shop's name, address and logo, as set in Shop settings."""

    name: str
    address: str = ""
    logo_png: bytes | None = None

    @classmethod
    def of(cls, shop: Any, fallback_name: str = "") -> Letterhead:
        """The letterhead of a `Shop`; just `fallback_name` for a shop without settings (None)."""
        return cls(fallback_name) if shop is None else cls(shop.shop_name, shop.address or "", shop.logo_png)

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()][:3]

    @property
    def address_line(self) -> str:
        """The address on one line, for the small documents (a card)."""
        return " · ".join(self.address_lines)

    @property
    def logo(self) -> QImage | None:
        return _logo_image(self.logo_png) if self.logo_png else None


@lru_cache(maxsize=4)
def _logo_image(png: bytes) -> QImage | None:
    """The logo decoded once (a sheet draws it ten times a page)."""
    image = QImage.fromData(png)  # the service accepts PNG only
    return None if image.isNull() else image


def draw_logo(painter: QPainter, logo: QImage, box: QRectF,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> float:
    """The logo fitted inside `box`, its proportions kept; returns the width it took."""
    k = min(box.width() / logo.width(), box.height() / logo.height())
    width, height = logo.width() * k, logo.height() * k
    left = box.left() if align & Qt.AlignmentFlag.AlignLeft else box.center().x() - width / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(QRectF(left, box.center().y() - height / 2, width, height), logo)
    painter.restore()
    return width


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


def text_line(painter: QPainter, box: QRectF, text: str, font: QFont, color: QColor | str = "#111111",
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

    @property
    def title(self) -> str:
        """The document's name: its preview window's title, and its PDF's."""
        return "document"

    def page_count(self) -> int:
        return 1

    def page_layout(self) -> QPageLayout:
        size = QPageSize(self.size_mm, QPageSize.Unit.Millimeter, self.title, QPageSize.SizeMatchPolicy.ExactMatch)
        return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def paper_mm(paper: str) -> QSizeF:
    """The size of the shop's paper ("A4" or "Letter")."""
    return QSizeF(215.9, 279.4) if paper == "Letter" else QSizeF(210.0, 297.0)


def paper_layout(paper: str) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


@dataclass
class MemberCard(Document):
    shop: Letterhead
    program_name: str
    member_name: str
    card_number: str
    tier_name: str | None = None
    tier_level: int = 0
    referral_code: str | None = None   # printed when the program gives points for referring friends
    stamps: tuple[int, int] | None = None   # a stamp card's (stamps held, spaces), printed as ●●●○○○○○○○

    @property
    def title(self) -> str:
        return tr("Member card")

    @classmethod
    def of(cls, shop: Letterhead, program: Any, member: Any, tier_level: int = 0,
           stamp_card_size: int | None = None) -> MemberCard:
        """The card of `member`; a stamp card shows its stamps on `stamp_card_size` spaces
        (the member summary's, or domain.stamps.card_size of the program's rewards)."""
        code = member.referral_code if getattr(program, "referral_enabled", False) else None
        stamps = (member.current_points, stamp_card_size or DEFAULT_CARD_SIZE) if units.is_stamps(program) else None
        return cls(shop, program.program_name, member.customer_name, member.card_number, member.tier_name,
                   tier_level, code or None, stamps)

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
        name_left = 4.0
        logo = self.shop.logo
        if logo is not None:  # on a white tile, so a dark logo reads on any tier's colour
            painter.setBrush(QColor("white"))
            painter.drawRoundedRect(mm.box(2.5, 1.2, 17, 8.6), mm(1), mm(1))
            draw_logo(painter, logo, mm.box(3, 1.6, 16, 7.8))
            name_left = 21.5
        name_right = 62.0 if self.tier_name else 82.0  # the tier's name, if any, is on the right
        text_line(painter, mm.box(name_left, 1.5, name_right - name_left, 8), self.shop.name, mm.font(4.2, bold=True),
                  "white")
        if self.tier_name:
            text_line(painter, mm.box(52, 1.5, 30, 8), self.tier_name.upper(), mm.font(3.2, bold=True), "white",
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        text_line(painter, mm.box(4, 14, 48, 5), self.program_name, mm.font(3.0), "#555555")
        text_line(painter, mm.box(4, 21, 48, 8), self.member_name, mm.font(4.6, bold=True))
        if self.stamps is not None:
            text_line(painter, mm.box(4, 29.5, 50, 5.5), units.stamp_card(*self.stamps), mm.font(4.4), "#111111")
        if self.referral_code:
            text_line(painter, mm.box(4, 35 if self.stamps else 31, 50, 5),
                      tr("Refer a friend: {code}").format(code=self.referral_code), mm.font(2.8), "#555555")
        text_line(painter, mm.box(4, 40, 50, 6), format_card_number(self.card_number), mm.font(4.4, mono=True))
        text_line(painter, mm.box(4, 46, 50, 4), self.shop.address_line or tr("Member card · show it at every visit"),
              mm.font(2.2), "#777777")
        draw_qr(painter, self.card_number, mm.box(55.6, 16, 27, 27))
        painter.restore()


@dataclass
class CardSheet(Document):
    """Ten cards a page, two across and five down, with cut marks, on A4 or Letter."""

    cards: Sequence[MemberCard]
    paper: str = "A4"
    PER_PAGE = 10

    @property
    def title(self) -> str:
        return tr("Card sheet")

    @property
    def size_mm(self) -> QSizeF:  # type: ignore[override]
        return paper_mm(self.paper)

    def page_layout(self) -> QPageLayout:
        return paper_layout(self.paper)

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
    shop: Letterhead
    reward_name: str
    reward_code: str
    member_name: str
    redeemed_on: dt.datetime
    points: int
    terms: str = ""
    size_mm = QSizeF(105.0, 148.0)  # A6

    @property
    def title(self) -> str:
        return tr("Reward voucher")

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        mm = Scale(rect, self.size_mm)
        centre = Qt.AlignmentFlag.AlignCenter
        painter.save()
        painter.fillRect(mm.box(0, 0, 105, 148), QColor("white"))
        painter.setPen(QPen(QColor("#999999"), max(1.0, mm(0.3)), Qt.PenStyle.DashLine))
        painter.drawRect(mm.box(3, 3, 99, 142))
        logo = self.shop.logo
        if logo is not None:  # the logo at the left of the name and address
            left = 8 + draw_logo(painter, logo, mm.box(8, 6, 22, 13), Qt.AlignmentFlag.AlignLeft) / mm.k + 3
            text_line(painter, mm.box(left, 6, 97 - left, 7), self.shop.name, mm.font(4.6, bold=True), "#222222")
            text_line(painter, mm.box(left, 13, 97 - left, 5), self.shop.address_line, mm.font(2.6), "#555555")
        else:
            text_line(painter, mm.box(8, 7, 89, 8), self.shop.name, mm.font(5, bold=True), "#222222", centre)
            text_line(painter, mm.box(8, 14.5, 89, 4), self.shop.address_line, mm.font(2.6), "#555555", centre)
        text_line(painter, mm.box(8, 19.5, 89, 5), tr("REWARD VOUCHER"), mm.font(3.2), "#777777", centre)
        text_line(painter, mm.box(8, 26, 89, 10), self.reward_name, mm.font(6, bold=True), "#111111", centre)
        draw_qr(painter, self.reward_code, mm.box(30, 40, 45, 45))
        text_line(painter, mm.box(6, 88, 93, 9), self.reward_code, mm.font(5.6, bold=True, mono=True), "#111111",
                  centre)
        text_line(painter, mm.box(8, 100, 89, 6), tr("For {name}").format(name=self.member_name), mm.font(3.6),
                  "#222222", centre)
        text_line(painter, mm.box(8, 106, 89, 6), tr("Redeemed {date} · {points} points").format(
            date=fmt.date(self.redeemed_on.date()), points=fmt.points(self.points)), mm.font(3.2), "#555555", centre)
        painter.setFont(mm.font(2.8))
        painter.setPen(QColor("#555555"))
        painter.drawText(mm.box(10, 114, 85, 28), int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                         self.terms or tr("Show this voucher or its code at the counter."))
        painter.restore()


@dataclass
class CounterSlip(Document):
    """An 80 mm roll slip of one counter transaction: a sale, a return, a void or a redemption."""

    shop: Letterhead
    member_name: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    # The transaction's own time, never the time of printing: a reprint must match the ledger.
    when: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    kind: str = field(default_factory=lambda: tr("Sale"))
    footer: str = ""                  # the shop's receipt footer (Shop settings); "Thank you!" when none
    LOGO_MM = 14.0

    @property
    def title(self) -> str:
        return tr("Counter slip")

    @property
    def footer_lines(self) -> list[str]:
        return [line for line in self.footer.splitlines() if line.strip()][:4] or [tr("Thank you!")]

    @property
    def _head_mm(self) -> float:
        """The height of the logo and the address lines above the shop's name."""
        return (self.LOGO_MM + 2 if self.shop.logo is not None else 0) + 4.0 * len(self.shop.address_lines)

    @property
    def size_mm(self) -> QSizeF:  # type: ignore[override]
        return QSizeF(80.0, 37.0 + self._head_mm + 7.0 * len(self.lines) + 5.0 * len(self.footer_lines))

    def render(self, painter: QPainter, rect: QRectF, page: int = 0) -> None:
        size = self.size_mm
        mm = Scale(rect, size)
        centre = Qt.AlignmentFlag.AlignCenter
        painter.save()
        painter.fillRect(mm.box(0, 0, size.width(), size.height()), QColor("white"))
        y = 4.0
        logo = self.shop.logo
        if logo is not None:
            draw_logo(painter, logo, mm.box(4, y, 72, self.LOGO_MM))
            y += self.LOGO_MM + 2
        text_line(painter, mm.box(4, y, 72, 8), self.shop.name, mm.font(5, bold=True), "#111111", centre)
        y += 9
        for line in self.shop.address_lines:
            text_line(painter, mm.box(4, y, 72, 4), line, mm.font(2.8), "#444444", centre)
            y += 4
        text_line(painter, mm.box(4, y, 72, 5), f"{self.kind} · {fmt.date_time(self.when)}", mm.font(3), "#444444",
              centre)
        text_line(painter, mm.box(4, y + 7, 72, 6), self.member_name, mm.font(3.8, bold=True), "#111111", centre)
        painter.setPen(QPen(QColor("#111111"), max(1.0, mm(0.2)), Qt.PenStyle.DashLine))
        painter.drawLine(mm.box(4, y + 15, 0, 0).topLeft(), mm.box(76, y + 15, 0, 0).topLeft())
        y += 18
        for label, value in self.lines:
            text_line(painter, mm.box(4, y, 32, 6), label, mm.font(3.4), "#111111")
            text_line(painter, mm.box(34, y, 42, 6), value, mm.font(3.4, bold=True), "#111111",
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            y += 7
        for line in self.footer_lines:
            text_line(painter, mm.box(4, y + 2, 72, 5), line, mm.font(3.2), "#444444", centre)
            y += 5
        painter.restore()
