"""The whole window, driven from the keyboard as a cashier would, plus start-up and resilience."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from loyalty_desk.views.shell import crash
from loyalty_desk.views.shell.crash import CrashReporter
from loyalty_desk.views.shell.main_window import MainWindow, choose_shop
from loyalty_desk.views.shell.setup_dialogs import ChooseShopDialog, FirstRunDialog, create_starter_shop

from ..support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def window(session, qtbot, gui_svc):
    program = make_program(gui_svc, program_type="tiered", min_redemption_points=0)
    make_tiers(gui_svc, program.id)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", phone="(415) 555-2671")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 300, "description": "setup"})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Coffee", "reward_type": "free_product",
                                                     "points_cost": 100})
    win = MainWindow(session, run_jobs=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.ada = ada  # type: ignore[attr-defined]
    return win


def test_stable_object_names(window):
    for name in ("counterLookup", "memberPanel", "memberName", "memberBalance", "memberTier", "recordPurchaseButton",
                 "redeemButton", "enrollButton", "adjustPointsButton", "membersTable"):
        assert window.findChild(object, name) is not None, name
    assert window.objectName() == "mainWindow"
    tabs = window.findChild(object, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Programs", "Members", "Rewards", "Analytics", "Audit"]
    for name in ("recordPurchaseButton", "redeemButton", "enrollButton"):
        button = window.findChild(QPushButton, name)
        assert "(F" in button.toolTip()


def test_whole_visit_with_the_keyboard_only(window, qtbot, gui_svc):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.counter.lookup.hasFocus)
    qtbot.keyClicks(window.counter.lookup, "ada", delay=5)
    qtbot.waitUntil(lambda: window.counter.results.count() >= 1)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.counter.member is not None)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.counter.dialog is not None and window.counter.dialog.isVisible())
    purchase = window.counter.dialog
    qtbot.waitUntil(purchase.amount.hasFocus)
    qtbot.keyClicks(purchase.amount, "20")
    qtbot.keyClick(purchase.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not purchase.isVisible())
    qtbot.waitUntil(lambda: window.counter.result_label.text() == "$20.00 → +20 points · balance 320")
    window.activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.counter.dialog is not purchase and window.counter.dialog.isVisible())
    redeem = window.counter.dialog
    qtbot.keyClick(redeem.rewards, Qt.Key.Key_Return)  # choose
    qtbot.waitUntil(lambda: redeem.ok_button.hasFocus())
    qtbot.keyClick(redeem.ok_button, Qt.Key.Key_Return)  # confirm
    qtbot.waitUntil(lambda: redeem.code.text().startswith("RW-"))
    qtbot.keyClick(redeem.rewards, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not redeem.isVisible())
    assert gui_svc.get_loyalty_member(SHOP, window.ada.id).current_points == 220
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.counter.dialog.objectName() == "enrollDialog" and window.counter.dialog.isVisible())
    window.counter.dialog.reject()


def test_scanner_works_from_another_tab(window, qtbot):
    window.tabs.setCurrentWidget(window.programs_tab)
    field = window.programs_tab.findChild(QLineEdit, "programName") or window.programs_tab.findChildren(QLineEdit)[0]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    before = field.text()
    qtbot.keyClicks(field, window.ada.card_number)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.counter.member is not None and window.counter.member.id == window.ada.id)
    assert field.text() == before


def test_double_click_in_members_table_opens_the_counter(window, qtbot):
    window.tabs.setCurrentWidget(window.members_tab)
    table = window.members_tab.findChild(object, "membersTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1 and not table.model().loading)
    index = table.model().index(0, 0)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.counter.member is not None)
    assert window.counter.panel.name_label.text() == "Ada Lovelace"


def test_pending_redemptions_link_opens_the_queue(window, qtbot):
    window.show_pending_redemptions()
    assert window.tabs.currentWidget() is window.rewards_tab


@pytest.mark.qt_no_exception_capture
def test_app_survives_an_exception_in_a_slot(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "loyalty-desk.log")
    crash.log.handlers.clear()
    crash.setup_logging()
    reporter = CrashReporter()
    shown: list[str] = []
    monkeypatch.setattr(reporter, "show", shown.append)
    reporter.install()
    try:
        button = QPushButton("boom", window)

        def explode() -> None:
            raise RuntimeError("kaboom in a slot")

        button.clicked.connect(explode)
        button.show()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        reporter.uninstall()
        for handler in crash.log.handlers:
            handler.flush()
    assert "nothing was lost" in shown[0] and "kaboom" not in shown[0]
    assert "kaboom in a slot" in (tmp_path / "loyalty-desk.log").read_text()
    window.counter.open_member(window.ada.id)  # still working
    assert window.counter.member.customer_name == "Ada Lovelace"


def test_window_splitters_columns_and_theme_are_remembered(window, qtbot, session):
    # (The offscreen screen is smaller than the window, so its geometry is clamped on restore;
    # the saved geometry itself is checked, and the splitter and scheme are checked whole.)
    from PySide6.QtWidgets import QSplitter

    from loyalty_desk.views.shell.main_window import settings

    splitter = window.findChild(QSplitter, "membersSplitter")
    splitter.setSizes([300, 120])
    sizes = splitter.sizes()
    window.set_scheme("dark")
    window.close()
    assert settings().value("window/geometry") == window.saveGeometry()
    again = MainWindow(session, run_jobs=False)
    qtbot.addWidget(again)
    restored = again.findChild(QSplitter, "membersSplitter").sizes()
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02  # same split, scaled to the new size
    assert restored != [1, 1]
    assert QApplication.instance().property("loyaltyDark") is True
    assert again.findChild(object, "theme_dark").isChecked()
    again.set_scheme("light")


def test_daily_jobs_run_in_the_background(window, qtbot):
    window.run_daily_jobs()
    qtbot.waitUntil(lambda: not window.jobs_running, timeout=10000)
    assert window.status.text().startswith("Daily jobs done")
    assert window._midnight.isActive()


def test_first_run_setup_creates_the_shop_and_program(gui_svc, qtbot):
    dialog = FirstRunDialog(gui_svc)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "shop name" in dialog.errors.message("shop_name")
    qtbot.keyClicks(dialog.name, "Bean There")
    dialog.template.setCurrentIndex(dialog.template.findData("tiered"))
    dialog.submit()
    assert dialog.user_id == "bean-there"
    programs = gui_svc.get_loyalty_programs("bean-there")
    assert [p.program_type for p in programs] == ["tiered"]
    assert [t.tier_name for t in gui_svc.get_loyalty_tiers("bean-there", programs[0].id)] == ["Bronze", "Silver", "Gold"]


def test_choose_shop_asks_only_when_there_are_several(gui_svc, monkeypatch):
    assert choose_shop(gui_svc, None) == SHOP
    create_starter_shop(gui_svc, "Second Shop", "EUR", "points")
    monkeypatch.setattr(ChooseShopDialog, "exec", lambda self: (self.shops.setCurrentIndex(
        self.shops.findData("second-shop")), 1)[1])
    assert choose_shop(gui_svc, None) == "second-shop"
    assert choose_shop(gui_svc, SHOP) == SHOP


def test_crash_dialog_is_friendly_and_non_blocking(qtbot):
    reporter = CrashReporter()
    reporter.show("Something went wrong")
    box = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog"][0]
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.close()


def test_demo_database_is_built_on_first_use_with_progress(tmp_path, qtbot, qapp):
    from loyalty_desk.demo import build_demo
    from loyalty_desk.services import LoyaltyService
    from loyalty_desk.views.shell.main_window import build_demo_with_progress

    svc = LoyaltyService(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        build_demo_with_progress(svc, build_demo, members=120)
        assert [s.user_id for s in svc.list_shops()] == ["demo-shop"]
        assert svc.count_members("demo-shop") == 120
        assert svc.check_ledger() == []
    finally:
        svc.close()


def test_member_keys_without_a_member_say_find_a_member_first(window, qtbot):
    from PySide6.QtGui import QAction

    purchase = window.findChild(QAction, "purchaseAction")
    edit = window.findChild(QAction, "editAction")
    assert not purchase.isEnabled() and not edit.isEnabled()  # greyed in the menu
    assert window.findChild(QAction, "enrollAction").isEnabled()
    window.counter.lookup.setFocus()
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F2)
    assert window.counter.result_label.text() == "Find a member first (Ctrl+F)"
    assert window.counter.dialog is None
    window.counter.open_member(window.ada.id)
    assert purchase.isEnabled() and edit.isEnabled()
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.counter.dialog is not None and window.counter.dialog.isVisible())
    assert window.counter.dialog.objectName() == "purchaseDialog"
    window.counter.dialog.reject()


def test_placeholders_name_the_key_that_focuses_them(window, qtbot):
    members_search = window.members_tab.search
    assert "(Ctrl+Shift+F)" in members_search.placeholderText()
    window.counter.lookup.setFocus()
    qtbot.keyClick(window.counter.lookup, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(members_search.hasFocus)
    window.tabs.setCurrentWidget(window.programs_tab)
    window.programs_tab.setFocus()
    qtbot.keyClick(window.programs_tab, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.counter.lookup.hasFocus)
    assert "(Ctrl+F)" in window.counter.lookup.placeholderText()


def test_the_analytics_tab_is_made_when_first_shown(qtbot, session):
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    window.show()
    assert window.analytics_page is not None and not window.analytics_page.built   # nothing of it at start-up
    window.tabs.setCurrentWidget(window.analytics_page)
    qtbot.waitUntil(lambda: window.analytics_page.built)
    tab = window.analytics_tab
    assert tab.parentWidget() is window.analytics_page and tab.isVisible()
    assert window.analytics_tab is tab                                               # made once
