"""Settings ▸ Integrations…: the real HTTP API started from the dialog on a free loopback port over
the test's SQLite file, a key made in the dialog used by a real client, the request in the log,
the server stopped (its pid gone); a port in use; keys created and revoked; who may open it."""
from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QProcess, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication

from loyalty_desk.views.integrations.dialog import IntegrationsDialog
from loyalty_desk.views.integrations.server import LocalServer, State
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.widgets.forms import Confirm

from ..staff_support import PINS, staffed_shop
from ..support import SHOP, enroll, make_program
from .test_staff_desktop import greyed_for_a_cashier, open_window, sign_in

START_MS = 90_000      # a cold Python importing FastAPI on a busy 2-CPU machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def server(session: ShopSession) -> Iterator[LocalServer]:
    running = LocalServer(lambda: session.svc.database_url, session.svc.clock)
    yield running
    if running.alive and running.process is not None:     # a failed test leaves nothing running
        running.process.kill()
        running.process.waitForFinished(10_000)


@pytest.fixture
def dialog(qtbot, session, server, tmp_path: Path) -> IntegrationsDialog:  # type: ignore[no-untyped-def]
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opened = IntegrationsDialog(session, server, store)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def type_port(qtbot, dialog: IntegrationsDialog, port: int) -> None:  # type: ignore[no-untyped-def]
    page = dialog.server_page
    page.port.setFocus()
    page.port.selectAll()
    qtbot.keyClicks(page.port, str(port))


def create_key(qtbot, dialog: IntegrationsDialog, name: str, scope: str = "write") -> str:  # type: ignore[no-untyped-def]
    """As the owner does: the Keys page, a name, a scope, Create; returns the key the dialog shows once."""
    page = dialog.keys_page
    dialog.pages.setCurrentWidget(page)
    page.name.setFocus()
    qtbot.keyClicks(page.name, name)
    page.scope.setCurrentIndex(page.scope.findData(scope))
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.new_key is not None and page.new_key.isVisible())
    assert page.new_key is not None
    secret = page.new_key.secret.text()
    assert secret.startswith("ld_") and "will not be shown again" in page.new_key.findChild(
        type(page.new_key.copied), "newKeyWarning").text()
    qtbot.mouseClick(page.new_key.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == secret
    qtbot.keyClick(page.new_key, Qt.Key.Key_Escape)
    assert not page.new_key.isVisible()
    return secret


def test_start_the_server_use_a_key_made_here_see_the_request_and_stop(qtbot, dialog, server, gui_svc):
    program = make_program(gui_svc)
    enroll(gui_svc, program.id, "Ada Lovelace", email="ada@example.com")
    page = dialog.server_page
    port = free_port()
    type_port(qtbot, dialog, port)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert server.state in (State.STARTING, State.RUNNING) and not page.start_button.isEnabled()
    qtbot.waitUntil(lambda: server.state != State.STARTING, timeout=START_MS)
    assert server.state == State.RUNNING, "\n".join(line.text for line in server.log)
    base = f"http://127.0.0.1:{port}"
    assert page.url.text().startswith(f"{base}/api/loyalty") and page.state.text() == "Running"
    assert not page.port.isEnabled() and page.stop_button.isEnabled()
    pid = server.pid()
    assert pid > 0

    secret = create_key(qtbot, dialog, "web shop", "read")
    answer = httpx.get(f"{base}/api/loyalty/members", params={"q": "ada@example.com"},
                       headers={"Authorization": f"Bearer {secret}"}, timeout=60)
    assert answer.status_code == 200 and answer.json()["data"][0]["customer_name"] == "Ada Lovelace"
    assert httpx.get(f"{base}/api/loyalty/members", params={"q": "ada"}, timeout=60).status_code == 401
    qtbot.waitUntil(lambda: " 401 " in page.log.toPlainText(), timeout=30_000)
    log = page.log.toPlainText()
    request = next(line for line in log.splitlines() if " 200 " in line and "/api/loyalty/members" in line)
    assert request.split()[1:3] == ["GET", "200"] or request.split()[2:4] == ["GET", "200"], request
    for secret_thing in ("ada", "Ada", "q=", secret, "example.com"):
        assert secret_thing not in log, secret_thing
    assert gui_svc.list_api_keys(SHOP)[0].name == "web shop"

    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: server.state == State.STOPPED, timeout=60_000)
    assert server.process is not None and server.process.exitStatus() == QProcess.ExitStatus.NormalExit
    assert server.process.exitCode() == 0
    assert gone(pid)
    assert page.state.text() == "Stopped" and page.start_button.isEnabled() and page.port.isEnabled()
    assert page.log.toPlainText().rstrip().endswith("Stopped")


def test_a_port_in_use_is_said_next_to_the_port(qtbot, dialog, server):
    page = dialog.server_page
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        type_port(qtbot, dialog, port)
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: server.state == State.FAILED, timeout=START_MS)
    error = page.errors.labels["port"]
    assert error.isVisible() and error.text().startswith(f"Port {port} is in use by another program")
    assert page.state.text() == "Failed" and page.start_button.isEnabled()    # it may be free again
    assert "Traceback" not in page.log.toPlainText() and "in use" in page.log.toPlainText()
    type_port(qtbot, dialog, free_port())          # another port: the error goes
    assert not error.isVisible()


def test_the_address_and_port_are_checked_as_typed_and_esc_closes(qtbot, dialog):
    page = dialog.server_page
    type_port(qtbot, dialog, 80)
    assert page.errors.labels["port"].isVisible() and page.errors.labels["port"].text() == \
        "Use a port from 1,024 to 65,535"
    assert not page.start_button.isEnabled()
    page.port.selectAll()
    qtbot.keyClicks(page.port, "8731")
    assert not page.errors.labels["port"].isVisible() and page.start_button.isEnabled()
    page.host.selectAll()
    qtbot.keyClicks(page.host, "not an address!")
    assert page.errors.labels["host"].isVisible() and not page.start_button.isEnabled()
    page.host.selectAll()
    qtbot.keyClicks(page.host, "0.0.0.0")
    assert not page.errors.labels["host"].isVisible() and page.exposed.isVisible()
    # Every control is reached with Tab, in order.
    page.host.setFocus()
    reached = []
    for _ in range(6):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert reached[:4] == [page.host, page.port, page.start_button, page.log]  # Stop and Copy: off when stopped
    qtbot.keyClick(page.host, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_create_and_revoke_keys(qtbot, dialog, gui_svc, monkeypatch):
    secret = create_key(qtbot, dialog, "till 1")
    page = dialog.keys_page
    assert page.model.rowCount() == 1
    row = [page.model.index(0, column).data() for column in range(page.model.columnCount())]
    assert row[:3] == ["till 1", "write", secret[:9] + "…"] and row[5] == "active"
    assert secret not in " ".join(str(cell) for cell in row)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *_args: False))
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert gui_svc.list_api_keys(SHOP)[0].revoked_at is None         # cancelled: nothing written
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *_args: True))
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(page.model.index(0, 5).data()).startswith("revoked"))
    assert gui_svc.list_api_keys(SHOP)[0].revoked_at is not None
    assert not page.revoke_button.isEnabled()
    page.name.setMaxLength(100)
    page.name.setText("y" * 61)                                      # the service refuses it, next to the field
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.errors.labels["name"].isVisible())
    assert len(gui_svc.list_api_keys(SHOP)) == 1


def test_a_cashier_sees_it_greyed_and_the_owner_makes_keys_as_herself(qtbot, gui_svc, qapp):
    shop = staffed_shop(gui_svc)
    session = ShopSession(gui_svc, SHOP)
    window = open_window(qtbot, session)
    action = greyed_for_a_cashier(qtbot, window, "integrationsAction",
                                  "Needs the owner: create, list and revoke the HTTP API's keys")
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    assert action.isEnabled()
    action.trigger()
    dialog = window.integrations_dialog
    qtbot.waitExposed(dialog)
    create_key(qtbot, dialog, "web shop")
    assert [key.name for key in gui_svc.list_api_keys(SHOP, actor=shop["Olive"])] == ["web shop"]
    window.gate.lock()                                     # locking puts the owner's dialog away
    assert not dialog.isVisible()


def test_quitting_stops_the_server_first(qtbot, session):
    window = open_window(qtbot, session)
    window.findChild(QAction, "integrationsAction").trigger()
    dialog = window.integrations_dialog
    type_port(qtbot, dialog, free_port())
    qtbot.mouseClick(dialog.server_page.start_button, Qt.MouseButton.LeftButton)
    server = window.local_server()
    try:
        qtbot.waitUntil(lambda: server.state == State.RUNNING, timeout=START_MS)
        pid = server.pid()
        dialog.close()
        window.close()                     # waits for the server, without blocking the window
        assert server.state == State.STOPPING and window.isVisible()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
        assert server.state == State.STOPPED and gone(pid)
    finally:
        if server.alive:
            server.process.kill()
            server.process.waitForFinished(10_000)
