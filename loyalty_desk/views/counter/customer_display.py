"""The customer display (View ▸ Customer display): a window for a second screen facing the customer.

It follows the counter: the member opened, the points just earned or used, the balance, the
next tier and the rewards available now, in large type. Of the member it shows the first name
only: never the surname, email, phone, card number or birthday, which someone queueing behind
could read. After `WELCOME_AFTER_MS` without news it goes back to the shop's welcome screen, and
closing the member at the counter does so at once. Colours come from the app's palette, so it
follows the light or dark scheme.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ...services.message_templates import first_name
from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build, units
from .counter_text import next_tier_text

WELCOME_AFTER_MS = 30_000   # back to the welcome screen after this long without news
REWARDS_SHOWN = 3           # the cheapest rewards available now; more would not be read from a step away
LOGO_HEIGHT = 160
# A logo is drawn for white paper: on a dark screen it stands on a white tile, as on the slips.
LOGO_TILE = "background: white; border-radius: 16px; padding: 16px;"


def _centred(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class CustomerDisplay(QWidget):
    def __init__(self, session: ShopSession, *, timeout_ms: int = WELCOME_AFTER_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(tr("Customer display"))
        self.session = session
        self.member_id: int | None = None       # the member shown (None: the welcome screen)
        self.counter_member_id: int | None = None   # the member open at the counter, as last told
        self._logo_png: bytes | None = None       # the logo last decoded, and its scaled picture
        self._logo_scaled: QPixmap | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.show_welcome)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._welcome_page())
        self.stack.addWidget(self._member_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.resize(1024, 640)
        self.show_welcome()

    def _welcome_page(self) -> QWidget:
        self.welcome_logo = _centred(QLabel())
        self.welcome = _centred(build.label("customerDisplayWelcome", scale=3.5, bold=True, wrap=True))
        page = QWidget()
        build.column(None, (build.row(None, self.welcome_logo, None), 0), 32, self.welcome, None, parent=page)
        return page

    def _member_page(self) -> QWidget:
        self.member_logo = _centred(QLabel())
        self.greeting = _centred(build.label("customerDisplayName", scale=3.5, bold=True))
        self.points = _centred(build.label("customerDisplayPoints", scale=5.0, bold=True))
        self.balance = _centred(build.label("customerDisplayBalance", scale=3.0))
        self.tier = _centred(build.label("customerDisplayTier", scale=2.5, wrap=True))
        self.rewards = _centred(build.label("customerDisplayRewards", scale=2.2, wrap=True))
        page = QWidget()
        build.column(None, (build.row(None, self.member_logo, None), 0), 24, self.greeting, self.points,
                     self.balance, self.tier, self.rewards, None, parent=page)
        return page

    def _show_logo(self, label: QLabel) -> None:
        scaled = self._logo()
        if scaled is not None:
            label.setPixmap(scaled)
            label.setStyleSheet(LOGO_TILE)
            label.setVisible(True)
        else:
            label.clear()
            label.setVisible(False)

    def _logo(self) -> QPixmap | None:
        """The shop's logo at the display's height, decoded and scaled once per logo (not per sale)."""
        png = getattr(self.session.shop, "logo_png", None)
        if png != self._logo_png:
            pixmap = QPixmap()
            self._logo_png = png
            self._logo_scaled = (pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
                                 if png and pixmap.loadFromData(png) else None)
        return self._logo_scaled

    def _shop_name(self) -> str:
        return str(getattr(self.session.shop, "shop_name", "") or "")

    # --- what it shows ---------------------------------------------------------------------

    def show_welcome(self) -> None:
        self._timer.stop()
        self.member_id = None
        for label in (self.greeting, self.points, self.balance, self.tier, self.rewards):
            label.clear()          # nothing of the last member stays in the window
        name = self._shop_name()
        self.welcome.setText(tr("Welcome to {name}").format(name=name) if name else tr("Welcome"))
        self._show_logo(self.welcome_logo)
        self.stack.setCurrentIndex(0)

    def show_member(self, summary: Any, points: int = 0, *, pending: bool = False) -> None:
        """A member's standing, with the points this transaction earned (> 0) or used (< 0)."""
        if summary is None:
            self.show_welcome()
            return
        member = summary.member
        self.member_id = member.id
        self.greeting.setText(tr("Hello, {name}").format(name=first_name(member.customer_name)))
        program = summary.program       # points, or on a stamp card stamps (units)
        if points > 0:
            earned = units.signed_count(program, points)
            self.points.setText(tr("{earned} (on their way)").format(earned=earned) if pending else earned)
        elif points < 0:
            self.points.setText(tr("{spent} used").format(spent=units.count(program, -points)))
        else:
            self.points.clear()
        self.points.setVisible(points != 0)
        balance = units.count(program, member.current_points)
        if summary.stamp_card_size:
            balance = f"{units.stamp_card(member.current_points, summary.stamp_card_size)}  {balance}"
        self.balance.setText(tr("Balance: {balance}").format(balance=balance))
        self.tier.setText(next_tier_text(summary) or (summary.tier_name or ""))
        names = [r.reward_name for r in summary.affordable_rewards[:REWARDS_SHOWN]]
        self.rewards.setText(tr("You can have now: {rewards}").format(rewards=", ".join(names)) if names else "")
        for label in (self.tier, self.rewards):
            label.setVisible(bool(label.text()))
        self._show_logo(self.member_logo)
        self.stack.setCurrentIndex(1)
        self._timer.start()

    # --- following the counter -------------------------------------------------------------

    def follow(self, counter: Any) -> None:
        """Show what `counter` (a CounterBar) does: the member it opens and each transaction."""
        counter.memberChanged.connect(lambda _member: self._member_changed(counter.summary))
        counter.pointsMoved.connect(self.show_member)
        self._member_changed(counter.summary)

    def _member_changed(self, summary: Any) -> None:
        """Another member opened (shown), the member closed (welcome), or the open member's
        figures were read again (updated only while they are on screen, so a refresh does not
        bring a member back after the timeout)."""
        opened = summary.member.id if summary is not None else None
        if opened != self.counter_member_id:
            self.counter_member_id = opened
            self.show_member(summary)
        elif summary is not None and self.member_id == opened:
            points = self.points.text()
            self.show_member(summary)
            if points:                     # keep the transaction's line while it is on screen
                self.points.setText(points)
                self.points.setVisible(True)
