"""The sign-in screen: pick a name, type the PIN, Enter. Keyboard only; the number pad works.

It replaces the whole window while the app is locked (at start in a shop with staff, after
Ctrl+L, and after `auto_lock_minutes` idle), so nothing of the last member stays on screen.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QWidget

from ...errors import PermissionDenied
from ..i18n import tr
from ..shell.session import ShopSession
from ..widgets import build
from ..widgets.forms import error_label
from .pin import pin_field, refusal_text


def on_white_tile(logo: QPixmap, margin: int = 6) -> QPixmap:
    """The logo on a white rounded tile, as on the cards: a dark logo reads in the dark scheme too."""
    tile = QPixmap(logo.width() + 2 * margin, logo.height() + 2 * margin)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(tile.rect(), margin, margin)
    painter.drawPixmap(margin, margin, logo)
    painter.end()
    return tile


class SignInPage(QWidget):
    signedIn = Signal(object)   # the StaffMember

    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last_id: int | None = None   # who signed in last: chosen first after a lock
        self.setObjectName("signInPage")
        self.logo = build.label("signInLogo")
        self.shop_name = build.label("signInShop", scale=1.2, bold=True)
        self.title = build.label("signInTitle", tr("Who is at the till?"), scale=1.6, bold=True)
        self.names = QListWidget()
        self.names.setObjectName("signInNames")
        self.names.setAccessibleName(tr("Staff member"))
        self.names.setMaximumWidth(360)
        font = self.names.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)   # read from a step back, on a till screen
        self.names.setFont(font)
        self.pin = pin_field("signInPin")
        self.pin.setMaximumWidth(360)
        self.pin.returnPressed.connect(self.sign_in)
        self.error = error_label("signInError")
        self.pin.textEdited.connect(lambda _text: self.error.setVisible(False))
        self.hint = build.label("signInHint",
                                tr("Type a name's first letters or use ↑ ↓, then Tab, the PIN and Enter."), wrap=True)
        self.button = build.button(tr("Sign in"), "signInButton", self.sign_in)
        panel = build.column(self.logo, self.shop_name, self.title, self.hint, build.label("", tr("Name")), self.names,
                             build.label("", tr("PIN")),
                             self.pin, self.error, build.row(None, self.button, margins=False))
        build.column(None, build.row(None, panel, None), None, parent=self)

    def start(self) -> None:
        """Show the active staff, the last person first chosen, and wait for the PIN."""
        shop = self.session.shop
        self.shop_name.setText(shop.shop_name if shop is not None else self.session.user_id)
        logo = QPixmap()
        if shop is not None and shop.logo_png:
            logo.loadFromData(shop.logo_png)
        self.logo.setPixmap(on_white_tile(logo.scaledToHeight(64, Qt.TransformationMode.SmoothTransformation))
                            if not logo.isNull() else QPixmap())
        self.logo.setVisible(not logo.isNull())
        self.names.clear()
        for staff_id, name in self.session.svc.sign_in_names(self.session.user_id):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, staff_id)
            self.names.addItem(item)
        rows = [i for i in range(self.names.count())
                if self.names.item(i).data(Qt.ItemDataRole.UserRole) == self.last_id]
        self.names.setCurrentRow(rows[0] if rows else 0)
        self.pin.clear()
        self.error.setVisible(False)
        (self.pin if rows else self.names).setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.names.hasFocus():
            self.pin.setFocus(Qt.FocusReason.TabFocusReason)  # Enter on a name goes on to the PIN
            return
        super().keyPressEvent(event)

    def sign_in(self) -> None:
        item = self.names.currentItem()
        if item is None:
            self._refuse(tr("Pick your name first"))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # one argon2 check, a fraction of a second
        try:
            person: Any = self.session.svc.sign_in(self.session.user_id, item.data(Qt.ItemDataRole.UserRole),
                                                   self.pin.text())
        except PermissionDenied as error:
            self._refuse(refusal_text(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.pin.clear()
        self.last_id = person.id
        self.signedIn.emit(person)

    def _refuse(self, message: str) -> None:
        self.pin.clear()
        self.error.setText(message)
        self.error.setVisible(True)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
