"""The local HTTP API's server at the desktop (Settings ▸ Integrations… ▸ Server): where it
listens, Start and Stop, its state and URL, and the live request log.

The address and port are checked as they are typed (each error next to its field, Start waits
for both); a server that stops by itself says why, a port in use next to the port.
"""
from __future__ import annotations

import ipaddress
import re
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..i18n import tr
from ..shell.theme import paint
from ..widgets import build
from ..widgets import formatting as fmt
from ..widgets.forms import FieldErrors, error_label
from .server import DEFAULT_HOST, DEFAULT_PORT, LOG_LINES, LocalServer, LogLine, State

HOST_KEY, PORT_KEY = "integrations/host", "integrations/port"
LOWEST_PORT = 1024          # below it a port needs administrator rights
HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*$")


def state_words() -> dict[State, tuple[str, str]]:
    """Each state of the server in words, and its tone."""
    return {State.STOPPED: (tr("Stopped"), "muted"), State.STARTING: (tr("Starting…"), "muted"),
            State.RUNNING: (tr("Running"), "good"),
            State.STOPPING: (tr("Stopping: finishing the requests in flight…"), "muted"),
            State.FAILED: (tr("Failed"), "bad")}


def host_problem(host: str) -> str | None:
    if not host:
        return tr("Enter the address to listen on, such as 127.0.0.1 (this computer only)")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not HOSTNAME.match(host):
            return tr("Not an address: use 127.0.0.1 (this computer only) or this computer's address on the "
                      "network")
    return None


def port_problem(port: str) -> str | None:
    if not port.isascii() or not port.isdigit() or not LOWEST_PORT <= int(port) <= 65535:
        return tr("Use a port from {lowest} to {highest}").format(lowest=f"{LOWEST_PORT:,}", highest=f"{65535:,}")
    return None


def is_local(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def log_text(line: LogLine) -> str:
    """One line of the log view: the time on the shop's clock, then the request or the note."""
    at = fmt.time_of_day(line.at, seconds=True)
    if line.is_request:
        return f"{at}  {line.method:<6} {line.status:>3} {line.ms:>6} ms  {line.path}"
    return f"{at}  {line.text}"


class ServerPage(QWidget):
    def __init__(self, server: LocalServer, store: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPage")
        self.server, self.store = server, store
        self.host = build.line_edit("serverHost", str(store.value(HOST_KEY, DEFAULT_HOST) or DEFAULT_HOST),
                                    accessible=tr("Address to listen on"), max_length=253)
        self.port = build.line_edit("serverPort", str(store.value(PORT_KEY, DEFAULT_PORT) or DEFAULT_PORT),
                                    accessible=tr("Port"), max_length=5)
        self.general = error_label("serverError")
        self.errors = FieldErrors(self.general, clear_on_edit=False)
        form = build.form_layout()
        self.errors.add_row(form, tr("&Host"), self.host, "host")
        self.errors.add_row(form, tr("&Port"), self.port, "port")
        self.exposed = build.label("serverExposed", wrap=True, visible=False)
        self.start_button = build.button(tr("&Start"), "serverStart", self.start)
        self.stop_button = build.button(tr("S&top"), "serverStop", self.server.stop,
                                        tooltip=tr("Stops taking requests, lets those in flight finish, then stops"))
        self.state = build.label("serverState", bold=True)
        self.url = build.label("serverUrl", selectable=True)
        self.copy_button = build.button(tr("&Copy URL"), "serverCopyUrl", self.copy_url)
        self.log = QPlainTextEdit()
        self.log.setObjectName("serverLog")
        self.log.setAccessibleName(tr("Request log"))
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log.setTabChangesFocus(True)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        log_label = build.label("serverLogLabel", tr("Request &log (time, method, status, duration, path; "
                                                     "the last {lines})").format(lines=LOG_LINES))
        log_label.setBuddy(self.log)
        self.clear_button = build.button(tr("C&lear log"), "serverClearLog", self.clear_log)
        build.column(build.label("serverIntro", tr("The HTTP API lets a till or a web shop post its sales itself "
                                                   "(README, “HTTP API”). It runs beside this window, on the same "
                                                   "database, until you stop it or quit."), wrap=True),
                     form, self.exposed,
                     build.row(self.start_button, self.stop_button, 12, self.state, None, margins=False),
                     build.row(build.label("serverUrlLabel", tr("URL:")), (self.url, 1), self.copy_button,
                               margins=False),
                     self.general, 6, build.row(log_label, None, self.clear_button, margins=False), (self.log, 1),
                     parent=self)
        build.tab_order(self.host, self.port, self.start_button, self.stop_button, self.copy_button, self.log,
                        self.clear_button)
        self.host.textChanged.connect(lambda _text: self.recheck())
        self.port.textChanged.connect(lambda _text: self.recheck())
        server.stateChanged.connect(lambda _state: self.show_state())
        server.lineLogged.connect(self._logged)
        for line in server.log:
            self.log.appendPlainText(log_text(line))
        self.show_state()

    # --- checking as typed ------------------------------------------------------

    def problems(self) -> dict[str, str]:
        found = {"host": host_problem(self.host.text().strip()), "port": port_problem(self.port.text().strip())}
        return {field: message for field, message in found.items() if message}

    def recheck(self) -> None:
        typed = self.problems()
        found = dict(typed)
        if self.server.state == State.FAILED and self.server.reason and "port" not in found \
                and self.port.text().strip() == str(self.server.port) and "Port" in self.server.reason:
            found["port"] = self.server.reason      # the port in use, until another is typed
        for field, label in self.errors.labels.items():
            if field in found:
                self.errors.show_text(found[field], field, focus=False)
            else:
                label.setVisible(False)
        host = self.host.text().strip()
        self.exposed.setVisible("host" not in found and not is_local(host))
        self.exposed.setText(tr("Other computers on the network can reach the API at {host}: only keys let them "
                                "in, so keep the keys secret (127.0.0.1 keeps it to this computer).").format(host=host))
        self._enable(bool(typed))      # a port in use may be free again: Start stays on

    def _enable(self, invalid: bool) -> None:
        alive = self.server.alive
        self.start_button.setEnabled(not alive and not invalid)
        self.start_button.setToolTip(tr("Correct the fields marked in red first") if invalid and not alive else "")
        self.stop_button.setEnabled(alive and self.server.state != State.STOPPING)
        self.host.setEnabled(not alive)
        self.port.setEnabled(not alive)

    # --- the server ---------------------------------------------------------------

    def start(self) -> None:
        if self.problems() or self.server.alive:
            return
        host, port = self.host.text().strip(), int(self.port.text().strip())
        self.store.setValue(HOST_KEY, host)
        self.store.setValue(PORT_KEY, port)
        self.server.start(host, port)

    def show_state(self) -> None:
        state = self.server.state
        words, tone = state_words()[state]
        self.state.setText(words)
        paint(self.state, tone)
        url = f"{self.server.url}/api/loyalty" if state in (State.RUNNING, State.STARTING, State.STOPPING) else ""
        self.url.setText(tr("{url}   (documentation: {docs})").format(url=url, docs=f"{self.server.url}/docs")
                         if state == State.RUNNING else url or tr("(not running)"))
        self.copy_button.setEnabled(bool(url))
        if state == State.FAILED and "Port" not in self.server.reason:
            self.errors.show_text(self.server.reason, focus=False)
        else:
            self.general.setVisible(False)
        self.recheck()

    def copy_url(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.server.url}/api/loyalty")

    def _logged(self, line: Any) -> None:
        self.log.appendPlainText(log_text(line))

    def clear_log(self) -> None:
        self.server.log.clear()
        self.log.clear()
