"""Backups at the desktop: Settings ▸ Backups… (a copy now, verified), the status bar's last
backup, File ▸ Restore from backup…, and the banner of a read-only database."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.shell import main_window as main_window_module
from loyalty_desk.views.shell.backups_ui import FOLDER_KEY, BackupDialog, HealthBanner, backup_status
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.widgets.forms import tell

from ..staff_support import PINS, staffed_shop
from ..support import SHOP, enroll, make_program
from .test_staff_desktop import sign_in


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield store
    store.clear()


def test_back_up_now_into_the_chosen_folder(qtbot, session, gui_svc, store, tmp_path, clock):
    make_program(gui_svc)
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    assert backup_status("", clock.now)[0] == "No backup folder: Settings ▸ Backups…"
    assert backup_status(str(folder), clock.now) == ("No backup yet", "bad")
    dialog = BackupDialog(session, store)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(folder))
    dialog.back_up_now()
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Saved and checked"), timeout=20000)
    copies = list(folder.iterdir())
    assert len(copies) == 1 and copies[0].stat().st_size > 0
    assert store.value(FOLDER_KEY) == str(folder)
    text, tone = backup_status(str(folder), dt.datetime.now(dt.UTC))
    assert text.startswith("Last backup") and tone == "muted"
    text, tone = backup_status(str(folder), dt.datetime.now(dt.UTC) + dt.timedelta(days=8))
    assert text.endswith("8 days ago") and tone == "bad"


def _restored_window(qtbot, session, monkeypatch, backup_path):  # type: ignore[no-untyped-def]
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(main_window_module, "ask_restore", lambda parent: backup_path)
    told: list[str] = []
    monkeypatch.setattr(main_window_module, "tell", lambda parent, title, text: told.append(text) or tell(
        parent, title, text))
    return window, told


def test_restore_from_backup_carries_on_with_the_restored_data(qtbot, session, gui_svc, tmp_path, monkeypatch):
    program = make_program(gui_svc)
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    backup = gui_svc.backup(tmp_path / "before.db")
    enroll(gui_svc, program.id, "Grace Hopper")                         # after the backup: lost by the restore
    gui_svc.record_purchase(SHOP, program.id, ada.id, "50.00", "AFTER-1")
    url = gui_svc.database_url
    window, told = _restored_window(qtbot, session, monkeypatch, backup.path)
    window.counter.open_member(ada.id)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    assert window.counter.summary.member.current_points > 0
    window.restore_backup()
    assert told and told[0].startswith("Restored from before.db: you are working on the restored data now")
    try:
        assert session.svc is not gui_svc and session.svc.database_url == url
        # Every screen read the restored data: the members list, and the member open at the counter.
        model = window.members_tab.model
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1, timeout=10_000)
        assert model.member(0).customer_name == "Ada Lovelace"
        assert window.counter.member is not None and window.counter.summary.member.current_points == 0
        # And writes go to the restored database.
        session.svc.record_purchase(SHOP, program.id, ada.id, "10.00", "AFTER-RESTORE")
        with LoyaltyService(url) as again:
            assert [m.customer_name for m in again.get_loyalty_members(SHOP, program.id)] == ["Ada Lovelace"]
            assert again.get_loyalty_member(SHOP, ada.id).current_points > 0
            assert again.check_ledger() == []
    finally:
        session.svc.close()


def test_a_refused_restore_leaves_the_window_on_the_database_as_it_was(qtbot, session, gui_svc, tmp_path,
                                                                       monkeypatch):
    program = make_program(gui_svc)
    enroll(gui_svc, program.id, "Ada Lovelace")
    not_a_backup = tmp_path / "notes.db"
    not_a_backup.write_bytes(b"these are not the backups you are looking for")
    window, told = _restored_window(qtbot, session, monkeypatch, str(not_a_backup))
    window.restore_backup()
    assert told and "Restored" not in told[0]
    try:
        assert [m.customer_name for m in session.svc.get_loyalty_members(SHOP, program.id)] == ["Ada Lovelace"]
    finally:
        if session.svc is not gui_svc:
            session.svc.close()


def test_a_read_only_database_shows_the_banner(qtbot, qapp, tmp_path, sqlite_template):
    path = tmp_path / "shop.db"
    shutil.copyfile(sqlite_template, path)
    with LoyaltyService(f"sqlite:///{path}") as svc:
        make_program(svc)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        with LoyaltyService(f"sqlite:///{path}") as svc:
            banner = HealthBanner(ShopSession(svc, SHOP))
            qtbot.addWidget(banner)
            assert not banner.isHidden() and "read-only" in banner.text.text()
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_in_a_shop_with_staff_the_owner_restores_and_the_restored_data_says_who(qtbot, qapp, gui_svc, tmp_path,
                                                                                monkeypatch):
    shop = staffed_shop(gui_svc)
    session = ShopSession(gui_svc, SHOP)
    backup = gui_svc.backup(tmp_path / "monday.db", user_id=SHOP, actor=shop["Olive"])
    window, told = _restored_window(qtbot, session, monkeypatch, backup.path)
    window.resize(1280, 820)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sign_in(qtbot, window, "Ana", PINS["Ana"])                   # a cashier: neither restores nor backs up
    qtbot.waitUntil(lambda: session.person is not None)
    assert not window.findChild(QAction, "restoreAction").isEnabled()
    assert not window.findChild(QAction, "backupsAction").isEnabled()
    window.gate.lock()
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    qtbot.waitUntil(lambda: session.person is not None and session.person.name == "Olive")
    window.restore_backup()
    assert told and told[0].startswith("Restored from monday.db"), told
    try:
        rows = session.svc.get_audit_log(SHOP, action="database_restored", actor=shop["Olive"])
        assert len(rows) == 1 and rows[0].actor_name == "Olive"
    finally:
        if session.svc is not gui_svc:
            session.svc.close()
