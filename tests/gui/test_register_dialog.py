"""Settings ▸ This register…: the register's name in the status bar and on the rows written from here."""
from __future__ import annotations

import socket
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from loyalty_desk import shop_server
from loyalty_desk.views.shell.main_window import MainWindow

from ..support import SHOP, enroll, make_program

pytestmark = pytest.mark.gui


def test_renaming_the_register_shows_it_and_records_it_on_new_rows(session, gui_svc, qtbot):
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    window.show()
    hostname = socket.gethostname()[:40]
    assert window.register_label.text() == f"Register: {hostname}"
    program = make_program(gui_svc)
    ada = enroll(gui_svc, program.id)
    window.findChild(type(window.local_action), "registerAction").trigger()
    dialog = window.register_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name.text() == hostname and dialog.name.maxLength() == 40
    dialog.name.setText("Till 2")
    qtbot.keyClick(dialog.name, "\r")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.register_label.text() == "Register: Till 2" and shop_server.register_name() == "Till 2"
    session.svc.record_purchase(SHOP, program.id, ada.id, Decimal("9.00"), "T2-1")
    [sale] = [t for t in session.svc.get_member_points_history(SHOP, ada.id) if t.reference_id == "T2-1"]
    assert sale.register_name == "Till 2"
    audit = window.audit_tab
    audit.refresh()
    qtbot.waitUntil(lambda: not audit.loading and audit.model.rowCount() > 0)
    last = audit.model.columnCount() - 1
    assert audit.model.headerData(last, Qt.Orientation.Horizontal) == "Register"
    assert any(audit.model.index(r, last).data() == "Till 2" for r in range(audit.model.rowCount()))


def test_a_blank_name_is_the_computers_name_again(session, qtbot):
    shop_server.set_register_name("Back office")
    session.rename_register("   ")
    assert session.register_name == socket.gethostname()[:40] == session.svc.register_name
