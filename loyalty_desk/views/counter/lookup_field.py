"""The counter's lookup line: large, and the arrow keys move through the results below it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ..i18n import tr


class LookupField(QLineEdit):
    """The lookup line: arrow keys move through the results without leaving the field."""

    moved = Signal(int)
    left = Signal()  # focus went elsewhere: the floating results go too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterLookup")
        self.setPlaceholderText(tr("Scan a card, or type a phone, email, name or card number  (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setAccessibleName(tr("Member lookup"))
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.setFont(big)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moved.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.left.emit()


__all__ = ["LookupField"]
