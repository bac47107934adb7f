"""The promotion editor of the Programs tab (README, "Promotions"), driven with the keyboard: a
promotion made there, with its live example and inline refusals, is named at the counter."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.widgets.forms import Confirm

from ..support import SHOP, database_state, enroll, make_program, make_tiers, shown
from .test_programs_tab import choose, click, open_page, select_row, tick, type_into, visible_errors

TUESDAY_NOON = dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)     # the shop runs on UTC


@pytest.fixture
def program(gui_svc, clock):
    clock.now = TUESDAY_NOON
    return make_program(gui_svc, program_type="tiered", points_per_dollar="1")


@pytest.fixture
def tab(session, qtbot, program):
    return shown(qtbot, ProgramsTab(session), (1300, 850), activate=True)


def promotions_page(qtbot, tab):
    open_page(qtbot, tab, 2)
    return tab.promotions


def test_a_promotion_made_in_the_editor_is_named_at_the_counter(tab, qtbot, session, gui_svc, program):
    editor = promotions_page(qtbot, tab)
    assert editor.isEnabled() and editor.model.rowCount() == 0
    click(qtbot, editor.add_button)
    assert editor.name.hasFocus()
    qtbot.keyClicks(editor.name, "Double Tuesdays")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert editor.kind.hasFocus() and editor.kind.currentData() == "multiplier"
    type_into(qtbot, editor.multiplier, "2")
    tick(qtbot, editor.days[1], True)
    qtbot.waitUntil(lambda: editor.example.text().startswith("$20.00 on a Tuesday at"))
    assert "earns 40 points (20 without the promotion)" in editor.example.text()
    editor.name.setFocus()
    with qtbot.waitSignal(session.changed):
        qtbot.keyClick(editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)    # Ctrl+S
    (stored,) = gui_svc.list_promotions(SHOP, program.id)
    assert (stored.name, stored.multiplier, stored.days_of_week) == ("Double Tuesdays", Decimal(2), [1])
    assert (stored.starts_at, stored.ends_at) == (dt.datetime(2026, 3, 3, tzinfo=dt.UTC),
                                                  dt.datetime(2026, 3, 10, tzinfo=dt.UTC))   # a week, included
    qtbot.waitUntil(lambda: editor.model.rowCount() == 1)
    assert [editor.model.data(editor.model.index(0, c)) for c in (1, 5)] == ["×2", "Running"]

    # At the counter, the preview names the promotion, and so do the message's slip.
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    host = QWidget()
    bar = CounterBar(session)
    QVBoxLayout(host).addWidget(bar)
    shown(qtbot, host, (1100, 500))
    bar.open_member(ada.id)
    dialog = bar.record_purchase()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, "20.00")
    qtbot.waitUntil(lambda: dialog.preview.text() == "$20.00 → +40 points · Double Tuesdays")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: bar.last_receipt is not None)
    assert ("Promotion", "Double Tuesdays") in bar.last_receipt.lines
    assert gui_svc.get_member_points_history(SHOP, ada.id)[0].points_amount == 40


def test_refusals_show_next_to_their_field_as_they_are_typed(tab, qtbot, gui_svc, program):
    editor = promotions_page(qtbot, tab)
    before = database_state(gui_svc)
    click(qtbot, editor.add_button)
    assert visible_errors(editor) == {}                      # nothing typed yet: nothing to say
    qtbot.keyClicks(editor.name, "Too little")
    type_into(qtbot, editor.multiplier, "1")
    qtbot.waitUntil(lambda: "more than 1" in visible_errors(editor).get("multiplierError", ""))
    assert editor.example.text() == ""
    type_into(qtbot, editor.multiplier, "1.5")
    qtbot.waitUntil(lambda: visible_errors(editor) == {})
    editor.end.setDate(QDate(2026, 3, 1))                     # before the first day
    qtbot.waitUntil(lambda: "end after it starts" in visible_errors(editor).get("ends_atError", ""))
    editor.end.setDate(QDate(2026, 3, 20))
    qtbot.waitUntil(lambda: visible_errors(editor) == {})
    tick(qtbot, editor.hours_on, True)
    type_into(qtbot, editor.hour_to, "9")                     # 15:00 to 9:00
    qtbot.waitUntil(lambda: "end after they start" in visible_errors(editor).get("hoursError", ""))
    type_into(qtbot, editor.name, "")
    click(qtbot, editor.save_button)
    assert visible_errors(editor)["nameError"] == "Enter the promotion's name"
    assert database_state(gui_svc) == before


def test_edit_and_end_a_promotion_for_a_tier(tab, qtbot, session, gui_svc, program, monkeypatch):
    gold = make_tiers(gui_svc, program.id)[2]
    made = gui_svc.create_promotion(SHOP, program.id, {"name": "Gold bonus", "bonus_points": 10,
                                                       "starts_at": "2026-03-01", "ends_at": "2026-03-31"})
    tab.refresh()
    editor = promotions_page(qtbot, tab)
    select_row(qtbot, editor.table, 0)
    qtbot.waitUntil(lambda: editor.name.text() == "Gold bonus")
    assert editor.kind.currentData() == "bonus_points" and editor.bonus.value() == 10
    choose(qtbot, editor.kind, "multiplier")
    type_into(qtbot, editor.multiplier, "3")
    (gold_box,) = [box for tier_id, box in editor.tier_boxes if tier_id == gold.id]
    tick(qtbot, gold_box, True)
    qtbot.waitUntil(lambda: "for a Gold member" in editor.example.text())
    assert "earns 60 points (40 without the promotion)" in editor.example.text()   # x3 beats Gold's x2
    with qtbot.waitSignal(session.changed):
        click(qtbot, editor.save_button)
    (stored,) = gui_svc.list_promotions(SHOP, program.id)
    assert (stored.multiplier, stored.bonus_points, stored.tier_ids) == (Decimal(3), None, [gold.id])
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    with qtbot.waitSignal(session.changed):
        click(qtbot, editor.end_button)
    ended = gui_svc.list_promotions(SHOP, program.id)[0]
    assert not ended.active and ended.id == made.id
    qtbot.waitUntil(lambda: editor.model.data(editor.model.index(0, 5)) == "Ended")
    assert not editor.end_button.isEnabled()


def test_promotions_wait_for_the_program_to_be_saved(tab, qtbot):
    click(qtbot, tab.new_button)
    assert not tab.pages.isTabEnabled(2)
