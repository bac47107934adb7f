"""Members over time at the desk: the owner sets the rules in the program editor, and the cashier
sees a milestone celebrated and a lapsed member welcomed back, from the keyboard."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QVBoxLayout, QWidget

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.programs.programs_tab import ProgramsTab

from ..support import SHOP, enroll, make_program, shown
from .test_programs_tab import click, tick, type_into

pytestmark = pytest.mark.gui


def test_the_owner_sets_the_rules_and_a_bad_milestone_list_is_refused_inline(session, qtbot, gui_svc):
    program = make_program(gui_svc, program_name="Coffee Club")
    tab = shown(qtbot, ProgramsTab(session), (1200, 900), activate=True)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.name.text() == "Coffee Club")
    rules = editor.member_rules
    assert rules.example.text() == "Members stay active however long they are away."
    type_into(qtbot, rules.lapse_days, "60")
    type_into(qtbot, rules.expire_days, "365")
    tick(qtbot, rules.expire_with_points, True)
    type_into(qtbot, rules.visit_marks, "ten")
    assert editor.errors.message("milestones").startswith("Write whole numbers above zero")
    type_into(qtbot, rules.visit_marks, "100 10 50")
    assert editor.errors.message("milestones") == ""
    type_into(qtbot, rules.points_marks, "1000")
    type_into(qtbot, rules.friend_bonus, "25")
    assert rules.example.text() == ("A member who has not come in for 60 days becomes inactive until their next "
                                    "visit. After 365 days, they expire. The counter celebrates visit 10, 50, 100.")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: "lapse_after_days" in gui_svc.get_loyalty_program(SHOP, program.id).program_rules)
    assert gui_svc.get_loyalty_program(SHOP, program.id).program_rules == {
        "lapse_after_days": 60, "expire_after_days": 365, "expire_when_points_expire": True,
        "milestones": {"visits": [10, 50, 100], "lifetime_points": [1000]}, "referee_bonus_points": 25}
    assert not editor.is_dirty()
    # Expiring before lapsing is the service's refusal, shown next to its field; nothing is saved.
    type_into(qtbot, rules.expire_days, "30")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: editor.errors.message("expire_after_days") != "")
    assert "more than 60 days" in editor.errors.message("expire_after_days")
    assert gui_svc.get_loyalty_program(SHOP, program.id).program_rules["expire_after_days"] == 365


@pytest.fixture
def counter(session, qtbot):
    host = QWidget()
    bar = CounterBar(session)
    QVBoxLayout(host).addWidget(bar)
    qtbot.addWidget(host)
    host.resize(1100, 400)
    host.show()
    qtbot.waitExposed(host)
    bar.host = host       # type: ignore[attr-defined]  # kept alive with the bar
    return bar


def test_the_counter_celebrates_a_milestone_and_welcomes_a_lapsed_member_back(counter, qtbot, gui_svc, clock):
    program = make_program(gui_svc, program_rules={"lapse_after_days": 30, "milestones": {"visits": [2]}})
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    gui_svc.record_purchase(SHOP, program.id, ada.id, "5", "O-1")
    clock.advance(days=40)
    gui_svc.run_daily_jobs(SHOP)
    counter.open_member(ada.id)
    panel = counter.panel
    assert panel.status_chip.isVisible() and panel.status_chip.text() == "Inactive"
    assert panel.blocked_label.text().startswith("Inactive since")
    assert panel.buttons["recordPurchaseButton"].isEnabled()       # coming back is what they should do
    assert not panel.milestone_label.isVisible()

    dialog = counter.record_purchase()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, "12.00")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.order_ref, "O-2")
    qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: panel.milestone_label.isVisible())
    assert panel.milestone_label.text() == "★ Visit number 2 today: thank them!"
    assert not panel.status_chip.isVisible() and not panel.blocked_label.isVisible()
    assert gui_svc.get_loyalty_member(SHOP, ada.id).membership_status == "active"


def test_the_members_tab_counts_each_status(session, qtbot, gui_svc, clock):
    from loyalty_desk.views.members.members_tab import MembersTab

    program = make_program(gui_svc, program_rules={"lapse_after_days": 30})
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        enroll(gui_svc, program.id, name)
    clock.advance(days=31)
    grace = enroll(gui_svc, program.id, "Edsger Dijkstra")
    gui_svc.update_loyalty_member(SHOP, grace.id, {"membership_status": "suspended"})
    gui_svc.run_daily_jobs(SHOP)
    tab = shown(qtbot, MembersTab(session), (1280, 800))
    box = tab.status_box
    qtbot.waitUntil(lambda: tab.status_counts != {}, timeout=5_000)
    assert [box.itemText(i) for i in range(box.count())] == [
        "Any status (4)", "Active (0)", "Inactive (3)", "Suspended (1)", "Expired (0)"]
    # The box widens for its counts: the chosen text is shown whole, not cut at "Any status (".
    qtbot.waitUntil(lambda: box.width() >= box.sizeHint().width(), timeout=5_000)
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    text_room = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, box).width()
    assert text_room >= box.fontMetrics().horizontalAdvance(box.currentText())
    assert gui_svc.count_members_by_status(SHOP, program_id=program.id) == {
        "active": 0, "inactive": 3, "suspended": 1, "expired": 0}
