"""File ▸ Connect to shop server…: a register joins the shop's PostgreSQL server.

The address is tried off the GUI thread (a server that does not answer takes up to
CONNECT_TIMEOUT_S seconds) and any refusal is one sentence under the field it is about.
An empty database, or an older Loyalty Desk's, is set up or updated only after a yes.
The choice is remembered (shop_server.py: the address in the settings folder, the password
in the OS keyring) and the app starts again on it.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ... import shop_server
from ...errors import LoyaltyError
from ...services.server_connection import CONNECT_TIMEOUT_S, ServerAddress, ServerRefused, ServerState, probe_server
from ..i18n import tr
from ..refusals import refusal_words
from ..widgets import build
from ..widgets.forms import Confirm, FieldErrors, error_label, grow_to_fit
from ..widgets.workers import report_unexpected, run_call


def state_text() -> dict[ServerState, str]:
    """What a server's answer means, in words (made when asked: the translation is loaded by then)."""
    return {
        ServerState.READY: tr("Connected: the shop's Loyalty Desk database is there, ready for this register."),
        ServerState.EMPTY: tr("Connected: the database is empty. Connect sets it up for Loyalty Desk."),
        ServerState.OLDER: tr("Connected: the database was made by an older Loyalty Desk. Connect updates it."),
    }


class ConnectDialog(QDialog):
    connectTo = Signal(object)   # noqa: N815 - Qt naming; the ServerAddress, remembered, to start again on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(tr("Connect to shop server"))
        saved = shop_server.remembered()
        self.host = build.line_edit("serverHost", saved.host if saved else "",
                                    placeholder=tr("shop-server or 192.168.1.20"), accessible=tr("Server"))
        self.port = build.line_edit("serverPort", str(saved.port if saved else shop_server.DEFAULT_PORT),
                                    accessible=tr("Port"), max_length=5)
        self.database = build.line_edit("serverDatabase", saved.database if saved else "loyalty",
                                        accessible=tr("Database"))
        self.user = build.line_edit("serverUser", saved.user if saved else "", accessible=tr("User"))
        self.password = build.line_edit("serverPassword", saved.password if saved else "",
                                        accessible=tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.status = build.label("serverStatus", wrap=True)
        self.errors = FieldErrors(error_label("serverError"))
        form = QFormLayout()
        for text, widget, field in ((tr("&Server:"), self.host, "host"), (tr("P&ort:"), self.port, "port"),
                                    (tr("&Database:"), self.database, "database"), (tr("&User:"), self.user, "user"),
                                    (tr("Pass&word:"), self.password, "password")):
            self.errors.add_row(form, text, widget, field)
            widget.textEdited.connect(lambda _text: self.status.clear())
        keyring_note = (tr("The password is kept in this computer's keyring.") if shop_server.keyring_available()
                        else tr("This computer has no keyring: the password will not be remembered, so the server "
                                "must let this register in without one (a .pgpass file), or you type it again."))
        self.keyring_note = build.label("serverKeyringNote", keyring_note, wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button = self.buttons.addButton(tr("&Test connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.setObjectName("serverTest")
        self.connect_button = self.buttons.addButton(tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("serverConnect")
        self.connect_button.setDefault(True)
        self.test_button.clicked.connect(lambda: self.try_server(then_connect=False))
        self.connect_button.clicked.connect(lambda: self.try_server(then_connect=True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.status)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.trying = False

    def address(self) -> ServerAddress | None:
        """The fields as an address, or None with the first problem shown next to its field."""
        self.errors.clear()
        port = self.port.text().strip()
        for field, problem in (
                ("host", "" if self.host.text().strip() else tr("Type the server's name or address.")),
                ("port", "" if port.isdigit() and 1 <= int(port) <= 65535 else
                 tr("The port is a number from 1 to 65535 (PostgreSQL's is 5432).")),
                ("database", "" if self.database.text().strip() else tr("Type the database's name.")),
                ("user", "" if self.user.text().strip() else tr("Type the user this register signs in as."))):
            if problem:
                self.errors.show_text(problem, field)
                return None
        return ServerAddress(self.host.text().strip(), int(port), self.database.text().strip(),
                             self.user.text().strip(), self.password.text())

    def try_server(self, *, then_connect: bool) -> None:
        address = self.address()
        if address is None or self.trying:
            return
        self._set_trying(True)
        self.status.setText(tr("Trying {where}… (up to {seconds} seconds)").format(where=address.where(),
                                                                                 seconds=CONNECT_TIMEOUT_S))
        run_call(lambda: probe_server(address), lambda state: self._answered(address, state, then_connect),
                 self._refused)

    def _set_trying(self, trying: bool) -> None:
        self.trying = trying
        for widget in (self.test_button, self.connect_button):
            widget.setEnabled(not trying)
        self.setCursor(Qt.CursorShape.BusyCursor if trying else Qt.CursorShape.ArrowCursor)

    def _refused(self, error: BaseException) -> None:
        self._set_trying(False)
        self.status.clear()
        if isinstance(error, ServerRefused):
            self.errors.show_text(refusal_words(error), error.field)
        elif isinstance(error, LoyaltyError):
            self.errors.show_text(refusal_words(error))   # another application's database, or a newer version's
        else:
            report_unexpected(error)

    def _answered(self, address: ServerAddress, state: Any, then_connect: bool) -> None:
        self._set_trying(False)
        self.status.setText(state_text()[state])
        grow_to_fit(self)
        if not then_connect:
            return
        if state is ServerState.EMPTY and not Confirm.ask(
                self, tr("Set up the shop's database"),
                tr("The database “{database}” on {where} is empty.\n\n"
                   "Set it up for Loyalty Desk? Every register that connects to it shares its members and points."
                   ).format(database=address.database, where=address.where())):
            return
        if state is ServerState.OLDER and not Confirm.ask(
                self, tr("Update the shop's database"),
                tr("The database “{database}” on {where} was made by an older Loyalty Desk.\n\n"
                   "Update it? Registers still on the older version must be updated too. Back it up first "
                   "if you have no recent backup.").format(database=address.database, where=address.where())):
            return
        shop_server.remember(address)
        self.connectTo.emit(address)
        self.accept()
