"""The PIN field of the sign-in screen, the approval dialog and the staff editor."""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

from ...errors import PermissionDenied, SignInLocked
from ..i18n import tr
from ..refusals import refusal_words
from ..widgets import formatting as fmt


def pin_field(name: str, accessible: str | None = None) -> QLineEdit:
    """Digits only, 4 to 8, shown as dots. The number pad types digits too."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,8}"), edit))
    edit.setPlaceholderText(tr("4 to 8 digits"))
    edit.setAccessibleName(tr("PIN") if accessible is None else accessible)
    return edit


def refusal_text(error: PermissionDenied) -> str:
    """A refused PIN in words: when a lock-out ends is said on the shop's clock."""
    if isinstance(error, SignInLocked):
        return tr("Too many wrong PINs: try again at {time}").format(time=fmt.time_of_day(error.until))
    return refusal_words(error)
