"""Staff at the desktop: the sign-in screen, the lock, what each role sees, a manager's approval
in place, Settings ▸ Staff and the Audit tab, driven with the keyboard."""
from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from loyalty_desk.errors import PermissionDenied
from loyalty_desk.services.staff import WRONG
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession

from ..staff_support import PINS, staffed_shop
from ..support import SHOP


def open_window(qtbot, session: ShopSession) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


HUMAN_MS = 70   # a person's pace between keys (faster bursts are a scanner's: scanner.BURST_GAP_MS)


def sign_in(qtbot, window: MainWindow, name: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    """As a person would: type the name's first letters in the list, Tab, the PIN, Enter."""
    page = window.gate.sign_in
    page.names.setFocus()
    qtbot.waitUntil(page.names.hasFocus)
    qtbot.keyClicks(page.names, name[:3], delay=HUMAN_MS)
    assert page.names.currentItem().text() == name
    qtbot.keyClick(page.names, Qt.Key.Key_Tab)
    assert page.pin.hasFocus()
    qtbot.keyClicks(page.pin, pin, delay=HUMAN_MS)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return, delay=HUMAN_MS)


def greyed_for_a_cashier(qtbot, window: MainWindow, action_name: str,  # type: ignore[no-untyped-def]
                         tooltip: str) -> QAction:
    """The menu item is off while locked and for Ana (a cashier), and says who may; locked again after."""
    action = window.findChild(QAction, action_name)
    assert not action.isEnabled()                          # locked
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    assert not action.isEnabled()
    assert action.toolTip() == tooltip
    window.gate.lock()
    return action


def cashier_at_the_till(qtbot, session: ShopSession, shop) -> MainWindow:  # type: ignore[no-untyped-def]
    """Ana signed in, with the shop's member open at the counter."""
    window = open_window(qtbot, session)
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    window.counter.open_member(shop.member.id)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    return window


@pytest.fixture
def shop(gui_svc):  # type: ignore[no-untyped-def]
    return staffed_shop(gui_svc)


@pytest.fixture
def staffed_session(gui_svc, shop, qapp) -> ShopSession:  # type: ignore[no-untyped-def]
    return ShopSession(gui_svc, SHOP)


def test_a_shop_with_staff_opens_locked_and_a_cashier_signs_in(qtbot, staffed_session, shop):
    window = open_window(qtbot, staffed_session)
    assert window.stack.currentWidget() is window.gate.sign_in
    assert not window.findChild(type(window.menuBar().actions()[0]), "enrollAction").isEnabled()
    window.scanner.scanned.emit(shop.member.card_number)        # a scan while locked opens nobody
    assert window.counter.member is None
    sign_in(qtbot, window, "Ana", "9999")                       # a wrong PIN
    assert window.gate.sign_in.error.text() == WRONG
    assert window.stack.currentWidget() is window.gate.sign_in and window.gate.sign_in.pin.text() == ""
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    assert window.stack.currentWidget() is window.workspace
    assert window.person.text().startswith("Signed in: Ana (cashier)")
    tabs = window.tabs
    visible = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert visible == ["Members", "Analytics"]                  # no Programs, Rewards or Audit
    settings = window.findChild(type(window.menuBar().actions()[0]), "settingsAction")
    assert not settings.isEnabled() and settings.toolTip().startswith("Needs the owner")
    window.counter.open_member(shop.member.id)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    suspend = window.findChild(QPushButton, "suspendButton")
    assert not suspend.isEnabled() and suspend.toolTip().startswith("Needs a manager")
    assert window.findChild(QPushButton, "recordPurchaseButton").isEnabled()


def test_ctrl_l_locks_and_switching_person_takes_one_pin(qtbot, staffed_session, shop):
    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    window.counter.open_member(shop.member.id)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.gate.sign_in
    assert window.counter.member is None                        # nothing of the last member stays
    assert window.gate.sign_in.names.currentItem().text() == "Ana"
    sign_in(qtbot, window, "Marc", PINS["Marc"])
    assert window.person.text().startswith("Signed in: Marc (manager)")
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.audit_tab))


def test_reopening_on_restored_data_asks_for_a_pin_again(qtbot, staffed_session, shop, gui_svc):
    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Marc", PINS["Marc"])
    window.counter.open_member(shop.member.id)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    staffed_session.reopen(gui_svc)           # what File ▸ Restore from backup… does once the file is in place
    assert staffed_session.person is None and window.stack.currentWidget() is window.gate.sign_in
    assert window.counter.member is None       # nobody's member stays open for whoever signs in next
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    assert window.person.text().startswith("Signed in: Ana (cashier)")


def test_the_till_locks_itself_when_idle(qtbot, staffed_session, shop, gui_svc):
    gui_svc.save_shop(SHOP, {"auto_lock_minutes": 2}, actor=shop["Olive"])
    staffed_session.notify(Changes(shop=True))
    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    idle = window.gate.idle
    assert idle.isActive() and idle.interval() == 120_000
    idle.start(100_000)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_A)            # a key press: the idle time starts again
    qtbot.waitUntil(lambda: idle.remainingTime() > 100_000, timeout=2000)   # once the scanner filter hands it on
    idle.timeout.emit()
    assert window.stack.currentWidget() is window.gate.sign_in and staffed_session.person is None


def test_an_adjustment_above_the_limit_is_approved_in_place(qtbot, staffed_session, shop, gui_svc):
    window = cashier_at_the_till(qtbot, staffed_session, shop)
    before = gui_svc.get_loyalty_member(SHOP, shop.member.id).current_points
    dialog = window.counter.adjust()
    qtbot.keyClicks(dialog.points, "800", delay=HUMAN_MS)
    qtbot.keyClicks(dialog.reason, "Birthday party order", delay=HUMAN_MS)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, delay=HUMAN_MS)
    qtbot.waitUntil(lambda: getattr(dialog, "approval", None) is not None and dialog.approval.isVisible())
    approval = dialog.approval
    assert "approval" in approval.reason.text().lower()
    approval.approver.setCurrentIndex(approval.approver.findText("Marc"))
    qtbot.keyClicks(approval.pin, "0000", delay=HUMAN_MS)                         # the wrong PIN: refused, nothing written
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return, delay=HUMAN_MS)
    qtbot.waitUntil(lambda: dialog.approval is not approval and dialog.approval.isVisible())
    assert gui_svc.get_loyalty_member(SHOP, shop.member.id).current_points == before
    approval = dialog.approval
    assert approval.errors.message("approver_pin")
    approval.approver.setCurrentIndex(approval.approver.findText("Marc"))
    qtbot.keyClicks(approval.pin, PINS["Marc"], delay=HUMAN_MS)
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return, delay=HUMAN_MS)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert gui_svc.get_loyalty_member(SHOP, shop.member.id).current_points == before + 800
    rows = gui_svc.get_member_points_history(SHOP, shop.member.id)
    assert (rows[0].actor_name, rows[0].approver_name) == ("Ana", "Marc")
    detail = window.members_tab.detail
    detail.show_member(shop.member.id)
    table = detail.history
    by = [table.item(r, table.columnCount() - 1).text() for r in range(table.rowCount())]
    assert "by Ana, approved by Marc" in by


def test_the_first_owner_is_added_and_signed_in_at_once(qtbot, session, gui_svc):
    from loyalty_desk.views.staff.staff_dialog import StaffDialog, StaffEditor

    window = open_window(qtbot, session)
    assert not session.has_staff and window.stack.currentWidget() is window.workspace
    window.open_staff()
    dialog: StaffDialog = window.staff_dialog
    dialog.add()
    editor: StaffEditor = dialog.editor
    assert editor.role.currentData() == "owner" and not editor.role.isEnabled()
    qtbot.keyClicks(editor.name, "Olive", delay=HUMAN_MS)
    qtbot.keyClicks(editor.pin, "12", delay=HUMAN_MS)
    qtbot.waitUntil(lambda: editor.pin.text() == "12")
    editor.save()
    assert editor.errors.message("pin")                               # too short: said next to the PIN
    qtbot.keyClicks(editor.pin, "34", delay=HUMAN_MS)
    qtbot.waitUntil(lambda: editor.pin.text() == "1234")   # the scanner filter holds a key a moment
    editor.save()
    assert not editor.errors.general.text(), editor.errors.general.text()
    assert session.has_staff and session.person.name == "Olive"
    assert window.stack.currentWidget() is window.workspace           # no sign-in for the one who just typed it
    dialog.add()
    cashier = dialog.editor
    qtbot.keyClicks(cashier.name, "Ana", delay=HUMAN_MS)
    cashier.role.setCurrentIndex(cashier.role.findData("cashier"))
    qtbot.keyClicks(cashier.pin, "3333", delay=HUMAN_MS)
    qtbot.waitUntil(lambda: cashier.pin.text() == "3333")
    cashier.save()
    assert [(p.name, p.role) for p in dialog.model.rows] == [("Ana", "cashier"), ("Olive", "owner")]
    dialog.table.selectRow(1)
    dialog.toggle_active()                                            # the last active owner stays
    assert dialog.error.isVisible() and dialog.model.rows[1].active


def test_the_owner_renames_resets_a_pin_and_deactivates_a_cashier(qtbot, staffed_session, shop, gui_svc):
    from loyalty_desk.views.staff.staff_dialog import StaffDialog

    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    window.open_staff()
    dialog: StaffDialog = window.staff_dialog
    names = [p.name for p in dialog.model.rows]
    dialog.table.selectRow(names.index("Ana"))
    dialog.edit()
    editor = dialog.editor
    assert editor.pin.text() == "" and editor.name.text() == "Ana"
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Anna", delay=HUMAN_MS)
    qtbot.keyClicks(editor.pin, "5678", delay=HUMAN_MS)
    qtbot.waitUntil(lambda: editor.pin.text() == "5678" and editor.name.text() == "Anna")
    editor.save()
    assert not editor.isVisible(), editor.errors.general.text()
    anna = next(p for p in dialog.model.rows if p.id == shop["Ana"])
    assert (anna.name, anna.role, anna.active) == ("Anna", "cashier", True)
    assert dialog.chosen().id == shop["Ana"]                            # still the one chosen
    dialog.toggle_active()
    assert not dialog.chosen().active and dialog.active_button.text() == "Reactivate"
    assert "Anna" not in [name for _id, name in gui_svc.sign_in_names(SHOP)]
    window.gate.lock()                                                  # as the idle lock does
    assert not dialog.isVisible()                                       # nobody uses it over the sign-in
    assert "Anna" not in [window.gate.sign_in.names.item(i).text()
                          for i in range(window.gate.sign_in.names.count())]
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    window.open_staff()
    dialog = window.staff_dialog
    dialog.table.selectRow([p.id for p in dialog.model.rows].index(shop["Ana"]))
    dialog.toggle_active()                                              # back again, with her new PIN
    assert dialog.chosen().active and dialog.active_button.text() == "Deactivate"
    window.gate.lock()
    with pytest.raises(PermissionDenied):
        gui_svc.sign_in(SHOP, "Anna", PINS["Ana"])                      # the old PIN no longer works
    sign_in(qtbot, window, "Anna", "5678")
    qtbot.waitUntil(lambda: staffed_session.person is not None)
    assert (staffed_session.person.name, staffed_session.person.role) == ("Anna", "cashier")


def test_a_lock_closes_the_redeem_confirmation_but_the_idle_lock_waits_for_work(qtbot, staffed_session, shop):
    from PySide6.QtWidgets import QDialog

    window = cashier_at_the_till(qtbot, staffed_session, shop)
    gui_svc = staffed_session.svc
    gui_svc.create_loyalty_reward(SHOP, shop.program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100}, actor=shop["Olive"])
    window.counter.refresh()
    dialog = window.counter.redeem()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.rewards.count() > 0)
    dialog.rewards.setCurrentRow(0)
    dialog.submit()
    assert dialog.pages.currentIndex() == dialog.CONFIRM      # its own reject only steps back a page
    window.gate.lock()
    assert not dialog.isVisible() and staffed_session.locked
    assert gui_svc.get_member_redemptions(SHOP, shop.member.id) == []
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    working = QDialog(window)
    working.busy = True                                       # type: ignore[attr-defined]  # a write in flight
    working.show()
    window.gate.idle.timeout.emit()                           # idle, but the dialog's work would be lost
    assert working.isVisible() and not staffed_session.locked
    working.busy = False                                      # type: ignore[attr-defined]
    window.gate.idle.timeout.emit()
    assert not working.isVisible() and staffed_session.locked


def test_the_audit_tab_shows_who_did_what_and_exports_it(qtbot, staffed_session, shop, gui_svc, tmp_path):
    gui_svc.add_points_transaction(SHOP, shop.program.id, shop.member.id,
                                   {"points_amount": 800, "description": "Party order"},
                                   actor=shop["Ana"], approver=shop["Marc"], approver_pin=PINS["Marc"])
    for _ in range(5):                                          # Cleo locked out: a flag for the owner
        with pytest.raises(PermissionDenied):
            gui_svc.sign_in(SHOP, shop["Cleo"], "0000")
    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    window.tabs.setCurrentWidget(window.audit_tab)
    tab = window.audit_tab
    qtbot.waitUntil(lambda: not tab.loading and tab.model.rowCount() > 0)
    lines = [[tab.model.data(tab.model.index(r, c)) for c in range(tab.model.columnCount())]
             for r in range(tab.model.rowCount())]
    assert any(line[1] == "Manual adjustment" and line[2] == "Ana" and line[3] == "Marc" for line in lines)
    assert tab.flags.isVisible()
    flags = [tab.flags.item(i).text() for i in range(tab.flags.count())]
    assert any(" · Cleo · Too many wrong PINs" in text for text in flags), flags   # who, beside what
    tab.save_csv(str(tmp_path / "audit.csv"))
    with open(tmp_path / "audit.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any(r["action"] == "manual_adjustment" and r["by"] == "Ana" and r["approved by"] == "Marc" for r in rows)

    def shown_after(change) -> list[list[str]]:  # type: ignore[no-untyped-def]
        change()
        qtbot.waitUntil(lambda: not tab.loading and not tab.stale)
        return [[tab.model.data(tab.model.index(r, c)) for c in range(tab.model.columnCount())]
                for r in range(tab.model.rowCount())]

    everyone = len(lines)
    by_ana = shown_after(lambda: tab.person.setCurrentIndex(tab.person.findData(shop["Ana"])))
    assert by_ana and all(line[2] == "Ana" for line in by_ana) and len(by_ana) < everyone
    adjustments = shown_after(lambda: tab.action.setCurrentIndex(tab.action.findData("manual_adjustment")))
    assert [line[1] for line in adjustments] == ["Manual adjustment"]
    assert tab.count.text() == "1 line"
    shown_after(lambda: tab.person.setCurrentIndex(tab.person.findData(None)))
    earlier = tab.since.date().addDays(-30)
    shown_after(lambda: tab.until.setDate(earlier))                 # a day before any of it
    assert tab.model.rowCount() == 0 and tab.count.text() == "0 lines"


def test_a_shop_without_staff_is_never_locked(qtbot, session, gui_svc):
    window = open_window(qtbot, session)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.workspace and window.person.text() == ""
    assert all(window.tabs.isTabVisible(i) for i in range(window.tabs.count()))


def test_the_first_run_can_set_an_owner_pin(qtbot, tmp_path, qapp):
    from loyalty_desk.services import LoyaltyService
    from loyalty_desk.views.shell.setup_dialogs import FirstRunDialog

    svc = LoyaltyService(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        dialog = FirstRunDialog(svc)
        qtbot.addWidget(dialog)
        dialog.name.setText("Corner Bakery")
        dialog.owner.setChecked(True)
        dialog.owner_name.setText("Olive")
        dialog.owner_pin.setText("12")
        dialog.submit()
        assert dialog.errors.message("pin") == "The PIN is 4 to 8 digits"
        assert svc.list_shops() == []                            # nothing made half way
        dialog.owner_pin.setText("2468")
        dialog.submit()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert svc.has_staff(dialog.user_id)
        assert svc.sign_in(dialog.user_id, "olive", "2468").role == "owner"
        skipped = FirstRunDialog(svc)                            # skipped: a shop without staff, as before
        qtbot.addWidget(skipped)
        skipped.name.setText("Second Shop")
        skipped.submit()
        assert not svc.has_staff(skipped.user_id)
    finally:
        svc.close()


def test_a_manager_sees_the_rewards_to_fulfil_but_cannot_edit_the_catalog(qtbot, staffed_session, shop, gui_svc):
    gui_svc.create_loyalty_reward(SHOP, shop.program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100}, actor=shop["Olive"])
    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Marc", PINS["Marc"])
    tab = window.rewards_tab
    assert window.tabs.isTabVisible(window.tabs.indexOf(tab))
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    assert not tab.new_button.isEnabled() and not tab.edit_button.isEnabled()
    assert tab.new_button.toolTip() == "Needs the owner: change rewards"
    assert tab.open_editor(None) is None and tab.message.text() == "Needs the owner: change rewards"
    qtbot.keyClick(tab.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    tab.table.selectRow(0)
    assert tab.new_button.isEnabled() and tab.edit_button.isEnabled()


def test_a_cashier_cannot_reach_owner_work_from_analytics(qtbot, staffed_session, shop, gui_svc, monkeypatch,
                                                          tmp_path):
    from loyalty_desk.views.analytics.analytics_tab import ExportPath

    window = open_window(qtbot, staffed_session)
    sign_in(qtbot, window, "Ana", PINS["Ana"])
    window.tabs.setCurrentWidget(window.analytics_page)
    tab = window.analytics_tab
    quick = {name: tab.findChild(QPushButton, f"quick_{name}") for name in ("program", "tier", "reward", "enroll")}
    for name in ("program", "tier"):
        assert not quick[name].isEnabled() and quick[name].toolTip() == "Needs the owner: change programs and tiers"
    assert not quick["reward"].isEnabled() and quick["reward"].toolTip() == "Needs the owner: change rewards"
    assert quick["enroll"].isEnabled()                                  # a cashier enrolls members
    tab.quickAction.emit("program")                                     # reached anyway: refused, and said
    assert window.tabs.currentWidget() is window.analytics_page
    assert window.status.text() == "Needs the owner: change programs and tiers"
    report = window.findChild(type(window.menuBar().actions()[0]), "exportReportAction")
    assert not report.isEnabled() and report.toolTip().startswith("Needs the owner: import members, and export")
    # A chart stays exportable by whoever sees Analytics: it holds no member.
    chart = tab.findChild(QPushButton, "export_points_csv")
    assert chart.isEnabled()
    monkeypatch.setattr(ExportPath, "ask", classmethod(lambda cls, *a: str(tmp_path / "points.csv")))
    chart.click()
    assert (tmp_path / "points.csv").exists() and tab.updated.text() == "saved points.csv"
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    sign_in(qtbot, window, "Olive", PINS["Olive"])
    assert all(button.isEnabled() for button in quick.values()) and report.isEnabled()
    assert quick["program"].toolTip() == "" and report.toolTip() == "Export report (Ctrl+Shift+E)"


def test_a_return_above_the_limit_is_approved_in_place(qtbot, staffed_session, shop, gui_svc):
    gui_svc.record_purchase(SHOP, shop.program.id, shop.member.id, "150.00", "BIG-150", actor=shop["Ana"])
    window = cashier_at_the_till(qtbot, staffed_session, shop)
    before = gui_svc.get_loyalty_member(SHOP, shop.member.id).current_points
    dialog = window.counter.reverse()
    dialog.purchases.selectRow(0)
    assert dialog.order_ref.text() == "BIG-150"
    qtbot.keyClicks(dialog.amount, "120.00", delay=HUMAN_MS)          # above the shop's 100.00 limit
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return, delay=HUMAN_MS)
    qtbot.waitUntil(lambda: getattr(dialog, "approval", None) is not None and dialog.approval.isVisible())
    approval = dialog.approval
    assert approval.pin.hasFocus()
    qtbot.keyClick(approval.pin, Qt.Key.Key_Backtab)                  # Shift+Tab: back to "Approved by"
    assert approval.approver.hasFocus()
    qtbot.keyClicks(approval.approver, "M")                           # Marc, the manager
    qtbot.waitUntil(lambda: approval.approver.currentText() == "Marc")  # the scanner filter holds a key a moment
    qtbot.keyClick(approval.approver, Qt.Key.Key_Tab)
    qtbot.keyClicks(approval.pin, PINS["Marc"], delay=HUMAN_MS)
    qtbot.keyClick(approval.pin, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, delay=HUMAN_MS)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert gui_svc.get_loyalty_member(SHOP, shop.member.id).current_points == before - 120
    rows = gui_svc.get_member_points_history(SHOP, shop.member.id)
    assert (rows[0].transaction_type, rows[0].actor_name, rows[0].approver_name) == ("purchase_return", "Ana", "Marc")
    detail = window.members_tab.detail
    detail.show_member(shop.member.id)
    table = detail.history
    assert table.item(0, table.columnCount() - 1).text() == "by Ana, approved by Marc"
