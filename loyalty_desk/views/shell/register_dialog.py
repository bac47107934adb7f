"""Settings ▸ This register…: the name of this computer's till, recorded on every row it writes."""
from __future__ import annotations

import socket

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ... import shop_server
from ...errors import LoyaltyError
from ..i18n import tr
from ..widgets import build
from ..widgets.forms import FieldErrors, error_label
from .session import ShopSession


class RegisterDialog(QDialog):
    def __init__(self, session: ShopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("registerDialog")
        self.setWindowTitle(tr("This register"))
        self.name = build.line_edit("registerName", session.register_name, accessible=tr("Register name"),
                                    max_length=shop_server.REGISTER_NAME_MAX)
        self.errors = FieldErrors(error_label("registerError"))
        form = QFormLayout()
        self.errors.add_row(form, tr("Register &name:"), self.name, "register_name")
        hint = build.label("registerHint", tr("Recorded beside the person on every sale, return, redemption and "
                                              "change made at this computer, and shown in the status bar. Blank: "
                                              "the computer's name ({host}).").format(host=socket.gethostname()),
                           wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def save(self) -> None:
        try:
            self.session.rename_register(self.name.text())
        except LoyaltyError as error:
            self.errors.show(error)
            return
        self.accept()
