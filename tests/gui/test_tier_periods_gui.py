"""Tier periods in the desktop: the owner sets a calendar year with a grace in the program editor,
sees the live example, and the counter then tells a member what keeps their tier."""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.widgets import formatting as fmt

from ..support import SHOP, enroll, make_program, make_tiers, shown
from .test_programs_tab import choose, click, open_page, tick, type_into


def test_set_a_calendar_year_with_grace_and_see_keep_your_tier_at_the_counter(session, qtbot, gui_svc, clock):
    program = make_program(gui_svc, program_name="Clothes Club", program_type="tiered")
    make_tiers(gui_svc, program.id)    # Bronze 0, Silver 500, Gold 2000
    tab = shown(qtbot, ProgramsTab(session), (1200, 750), activate=True)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.name.text() == "Clothes Club")
    assert not editor.reset_month.isEnabled() and not editor.grace.isEnabled()
    tick(qtbot, editor.calendar_year, True)
    assert editor.reset_month.isEnabled() and not editor.qualification.isEnabled()
    # Inline: a day the month does not have every year cannot be chosen.
    type_into(qtbot, editor.reset_day, "31")
    choose(qtbot, editor.reset_month, 2)
    assert editor.reset_day.value() == 28
    choose(qtbot, editor.reset_month, 1)
    type_into(qtbot, editor.reset_day, "1")
    example = editor.period_example.text()
    year, kept = map(int, re.fullmatch(r"Tiers reset on 1 January; a tier reached in (\d{4}) is kept through "
                                       r"(\d{4})\.", example).groups())
    assert kept == year
    tick(qtbot, editor.grace, True)
    type_into(qtbot, editor.demotion, "18")
    lines = editor.period_example.text().split("\n")
    assert lines == [f"Tiers reset on 1 January; a tier reached in {year} is kept through {year + 1}.",
                     "A member with no visit for 18 months drops to a new member's tier."]
    editor.name.setFocus()
    qtbot.keyClick(editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.saved_note.text() == "Saved")
    stored = gui_svc.get_loyalty_program(SHOP, program.id)
    assert stored.program_rules == {"tier_period": "calendar_year", "tier_grace": True, "tier_demotion_months": 18}
    assert not editor.is_dirty()

    member = enroll(gui_svc, program.id, "Ada Lovelace")
    gui_svc.record_purchase(SHOP, program.id, member.id, "2100", "COAT")      # Gold in 2026
    clock.set(dt.datetime(2027, 1, 1, 0, 30, tzinfo=dt.UTC))
    gui_svc.run_daily_jobs(SHOP)                                              # the reset: kept by the grace
    bar = shown(qtbot, CounterBar(session), (1100, 300))
    bar.open_member(member.id)
    qtbot.waitUntil(lambda: bar.panel.tier_label.text() == "Gold")
    assert bar.panel.progress_label.text().split("\n") == [
        "Top tier", f"Keep your tier by {fmt.date(dt.date(2027, 12, 31))}: 2,000 more points"]


def test_a_hybrid_programs_tiers_are_edited_as_money_spent(session, qtbot, gui_svc):
    program = make_program(gui_svc, program_name="Home Plus", program_type="hybrid")
    make_tiers(gui_svc, program.id)
    tab = shown(qtbot, ProgramsTab(session), (1200, 750), activate=True)
    qtbot.waitUntil(lambda: tab.editor.name.text() == "Home Plus")
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    assert tiers.min_points.suffix() == " USD" and tiers.min_points.accessibleName() == "Minimum spend"
    assert "reached by money spent" in tiers.note.text()
    assert tiers.model.data(tiers.model.index(1, 2)) == fmt.money(500, "USD")
    click(qtbot, tab.new_button)
    tab.editor.type_combo.setCurrentIndex(tab.editor.type_combo.findData("tiered"))
    assert "money spent" not in tab.editor.type_hint.text()
    tab.editor.type_combo.setCurrentIndex(tab.editor.type_combo.findData("hybrid"))
    assert "tiers are reached by money spent" in tab.editor.type_hint.text()
