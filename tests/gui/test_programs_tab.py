"""The Programs tab, driven as an owner would: typing, ticking, clicking, Ctrl+S; the database checked after."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QSplitter, QWidget

from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.widgets import formatting as fmt
from loyalty_desk.views.widgets.forms import Confirm

from ..support import SHOP, database_state, enroll, make_program, make_tiers, shown

# --- driving the widgets ---------------------------------------------------------------------


@pytest.fixture
def tab(session, qtbot):
    return shown(qtbot, ProgramsTab(session), (1200, 750), activate=True)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as a person would."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)


def choose(qtbot, combo: QComboBox, value: str) -> None:
    """Pick an item with the arrow keys."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def tick(qtbot, box: QAbstractButton, on: bool) -> None:
    if box.isChecked() != on:
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() == on


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_page(qtbot, tab: ProgramsTab, index: int) -> None:
    bar = tab.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == index)


def select_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visible_errors(root: QWidget) -> dict[str, str]:
    return {label.objectName(): label.text() for label in root.findChildren(QLabel)
            if label.accessibleName() == "error" and label.isVisible()}


def below(label: QWidget, field: QWidget, root: QWidget) -> bool:
    """The error label sits right under the field it concerns."""
    top = field.mapTo(root, QPoint(0, field.height())).y()
    return 0 <= label.mapTo(root, QPoint(0, 0)).y() - top < 30


def programs(svc):
    return svc.get_loyalty_programs(SHOP)


# --- programs -----------------------------------------------------------------------------------


TYPE_CASES = {
    "points": {"ppd": "1.5", "rules": {"welcome_bonus_points": 50, "pending_days": 7}},
    "tiered": {"ppd": "2", "rules": {"welcome_bonus_points": 25, "tier_qualification_days": 180}},
    "hybrid": {"ppd": "3", "rules": {"pending_days": 14, "tier_qualification_days": 365}},
    "cash_back": {"ppd": None, "rules": {"cash_back_percent": "5.5", "pending_days": 30}},
}


@pytest.mark.parametrize("kind", list(TYPE_CASES))
def test_create_a_program_of_each_type_with_its_rules(tab, qtbot, session, gui_svc, kind):
    case = TYPE_CASES[kind]
    rules = case["rules"]
    editor = tab.editor
    click(qtbot, tab.new_button)
    assert editor.name.hasFocus() and tab.title.text() == "New program"
    qtbot.keyClicks(editor.name, f"My {kind} program")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert editor.description.hasFocus()
    qtbot.keyClicks(editor.description, "Shop more, earn more")
    choose(qtbot, editor.type_combo, kind)
    if case["ppd"] is not None:
        type_into(qtbot, editor.points_per_dollar, case["ppd"])
    else:
        assert not editor.points_per_dollar.isEnabled()
        type_into(qtbot, editor.cash_back, rules["cash_back_percent"])
    if "welcome_bonus_points" in rules:
        type_into(qtbot, editor.welcome, str(rules["welcome_bonus_points"]))
    if "pending_days" in rules:
        type_into(qtbot, editor.pending, str(rules["pending_days"]))
    type_into(qtbot, editor.point_value, "0.02")
    type_into(qtbot, editor.min_redemption, "100")
    tick(qtbot, editor.expiry.none, False)
    type_into(qtbot, editor.expiry.days, "365")
    if kind in ("tiered", "hybrid"):
        assert editor.tier_system.isChecked()       # the type's default
    if "tier_qualification_days" in rules:
        tick(qtbot, editor.qualification.none, False)
        type_into(qtbot, editor.qualification.days, str(rules["tier_qualification_days"]))
    tick(qtbot, editor.referral, True)
    type_into(qtbot, editor.referral_points, "250")
    type_into(qtbot, editor.birthday, "75")
    with qtbot.waitSignal(session.changed):
        click(qtbot, editor.save_button)

    [stored] = programs(gui_svc)
    assert stored.program_name == f"My {kind} program"
    assert stored.description == "Shop more, earn more"
    assert stored.program_type == kind and stored.status == "active" and stored.currency == "USD"
    if case["ppd"] is not None:
        assert stored.points_per_dollar == Decimal(case["ppd"])
    assert stored.point_value == Decimal("0.02")
    assert (stored.min_redemption_points, stored.points_expiration_days) == (100, 365)
    assert stored.tier_system_enabled == (kind in ("tiered", "hybrid"))
    assert (stored.referral_enabled, stored.referral_points_awarded, stored.birthday_bonus_points) == (True, 250, 75)
    expected = dict(rules)
    if "cash_back_percent" in expected:
        assert Decimal(stored.program_rules.pop("cash_back_percent")) == Decimal(expected.pop("cash_back_percent"))
    assert stored.program_rules == expected
    # The new program is listed and selected, and the form shows what was stored.
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.list.currentIndex().row() == 0 and tab.title.text() == stored.program_name
    assert not editor.is_dirty() and editor.save_button.text() == "Save program"
    assert tab.pages.isTabEnabled(1)


def test_edit_a_program_with_ctrl_s(tab, qtbot, gui_svc):
    program = make_program(gui_svc, program_name="Coffee Club", points_per_dollar="1", points_expiration_days=90,
                           program_rules={"welcome_bonus_points": 10})
    tab.refresh()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.name.text() == "Coffee Club")
    type_into(qtbot, editor.name, "Coffee Club Plus")
    type_into(qtbot, editor.currency, "eur")
    assert editor.currency.text() == "EUR"
    type_into(qtbot, editor.points_per_dollar, "2.25")
    tick(qtbot, editor.expiry.none, True)
    type_into(qtbot, editor.welcome, "0")           # "None": the rule goes away
    type_into(qtbot, editor.pending, "10")
    editor.pending.setFocus()
    qtbot.keyClick(editor.pending, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gui_svc.get_loyalty_program(SHOP, program.id).program_name == "Coffee Club Plus")
    stored = gui_svc.get_loyalty_program(SHOP, program.id)
    assert stored.currency == "EUR" and stored.points_per_dollar == Decimal("2.25")
    assert stored.points_expiration_days is None
    assert stored.program_rules == {"pending_days": 10}
    assert stored.status == "active" and stored.program_type == "points"
    assert tab.model.rows[0].program_name == "Coffee Club Plus"
    assert editor.saved_note.text() == "Saved" and not editor.is_dirty()


def test_revert_restores_the_stored_program(tab, qtbot, gui_svc):
    make_program(gui_svc, program_name="Coffee Club")
    tab.refresh()
    type_into(qtbot, tab.editor.name, "Oops")
    assert tab.editor.is_dirty()
    click(qtbot, tab.editor.revert_button)
    assert tab.editor.name.text() == "Coffee Club" and not tab.editor.is_dirty()


def _empty_name(qtbot, editor):
    type_into(qtbot, editor.name, "")


def _negative_rate(qtbot, editor):
    type_into(qtbot, editor.points_per_dollar, "-1")


def _cash_back_without_percent(qtbot, editor):
    choose(qtbot, editor.type_combo, "cash_back")
    type_into(qtbot, editor.cash_back, "")


def _bad_currency(qtbot, editor):
    type_into(qtbot, editor.currency, "US1")


def _three_decimal_point_value(qtbot, editor):
    type_into(qtbot, editor.point_value, "0.015")


INVALID = {
    "empty name": (_empty_name, "program_name", "name"),
    "negative points per dollar": (_negative_rate, "points_per_dollar", "points_per_dollar"),
    "cash back without percent": (_cash_back_without_percent, "cash_back_percent", "cash_back"),
    "bad currency": (_bad_currency, "currency", "currency"),
    "too precise point value": (_three_decimal_point_value, "point_value", "point_value"),
}


@pytest.mark.parametrize("new", [True, False], ids=["new program", "existing program"])
@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_input_is_shown_next_to_its_field_and_writes_nothing(tab, qtbot, session, gui_svc, case, new):
    make_program(gui_svc, program_name="Coffee Club")
    tab.refresh()
    editor = tab.editor
    if new:
        click(qtbot, tab.new_button)
        qtbot.keyClicks(editor.name, "Second program")
    act, field, widget_name = INVALID[case]
    act(qtbot, editor)
    before = database_state(gui_svc)
    emitted = []
    session.changed.connect(lambda: emitted.append(1))
    click(qtbot, editor.save_button)
    errors = visible_errors(tab)
    assert list(errors) == [f"{field}Error"], errors
    label = editor.errors.labels[field]
    assert label.text() and editor.errors.message(field) == label.text()
    assert below(label, editor.errors.widgets[field], tab)
    assert getattr(editor, widget_name).hasFocus() or editor.errors.widgets[field].hasFocus()
    assert database_state(gui_svc) == before and emitted == []
    if not (new and case == "empty name"):
        assert editor.is_dirty()                    # what was typed is still there to fix


def test_a_rate_that_is_not_a_number_is_refused_next_to_its_field(tab, qtbot, gui_svc):
    make_program(gui_svc, program_name="Coffee Club", program_type="tiered")
    tab.refresh()
    editor = tab.editor
    before = database_state(gui_svc)
    type_into(qtbot, editor.points_per_dollar, "abc")
    click(qtbot, editor.save_button)
    assert list(visible_errors(tab)) == ["points_per_dollarError"]
    assert editor.errors.message("points_per_dollar") == "Type the rate with digits only"
    assert database_state(gui_svc) == before


def test_deactivate_and_activate(tab, qtbot, gui_svc, session):
    program = make_program(gui_svc, program_name="Coffee Club")
    tab.refresh()
    assert tab.deactivate_button.isVisible() and not tab.activate_button.isVisible()
    assert tab.badge.text() == "Active"
    # An unsaved edit survives the status change, and saving it later does not undo the status.
    type_into(qtbot, tab.editor.name, "Coffee Club 2")
    with qtbot.waitSignal(session.changed):
        click(qtbot, tab.deactivate_button)
    assert gui_svc.get_loyalty_program(SHOP, program.id).status == "inactive"
    qtbot.waitUntil(lambda: tab.activate_button.isVisible())
    assert tab.badge.text() == "Inactive" and tab.model.data(tab.model.index(0, 2)) == "Inactive"
    assert tab.editor.name.text() == "Coffee Club 2"
    assert tab.editor.status_combo.currentData() == "inactive"
    click(qtbot, tab.editor.save_button)
    stored = gui_svc.get_loyalty_program(SHOP, program.id)
    assert (stored.program_name, stored.status) == ("Coffee Club 2", "inactive")
    click(qtbot, tab.activate_button)
    assert gui_svc.get_loyalty_program(SHOP, program.id).status == "active"
    qtbot.waitUntil(lambda: tab.deactivate_button.isVisible())
    assert tab.badge.text() == "Active"


def test_the_list_follows_the_other_views_and_keeps_unsaved_edits(tab, qtbot, session, gui_svc):
    make_program(gui_svc, program_name="Coffee Club")
    tab.refresh()
    type_into(qtbot, tab.editor.description, "half typed")
    make_program(gui_svc, program_name="Tea Club")       # another register
    session.notify(Changes.everything())
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.editor.description.toPlainText() == "half typed"
    assert tab.list.currentIndex().row() == 0


def test_switching_programs_asks_before_dropping_edits(tab, qtbot, gui_svc, monkeypatch):
    make_program(gui_svc, program_name="Coffee Club")
    make_program(gui_svc, program_name="Tea Club", program_type="cash_back",
                 program_rules={"cash_back_percent": "3"})
    tab.refresh()
    type_into(qtbot, tab.editor.name, "Coffee Club!")
    answers = []
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: answers.append(a) or False))
    select_row(qtbot, tab.list, 1)
    assert len(answers) == 1 and tab.list.currentIndex().row() == 0
    assert tab.editor.name.text() == "Coffee Club!"
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    select_row(qtbot, tab.list, 1)
    qtbot.waitUntil(lambda: tab.editor.name.text() == "Tea Club")
    assert tab.editor.type_combo.currentData() == "cash_back" and tab.editor.cash_back.text() == "3"


def test_one_change_signal_per_write_and_no_refresh_loop(tab, qtbot, session, gui_svc, monkeypatch):
    make_program(gui_svc, program_name="Coffee Club")
    tab.refresh()
    emitted, refreshed = [], []
    session.changed.connect(lambda: emitted.append(1))
    original = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (refreshed.append(1), original()))
    type_into(qtbot, tab.editor.name, "Coffee Club 2")
    click(qtbot, tab.editor.save_button)
    assert emitted == [1]
    tab.refresh()
    assert emitted == [1]


# --- tiers -----------------------------------------------------------------------------------------


@pytest.fixture
def tiered(gui_svc):
    return make_program(gui_svc, program_name="Coffee Club", program_type="tiered")


def add_tier(qtbot, tiers, name, level, low, high, mult="1", bday="1", benefits=()):
    click(qtbot, tiers.add_button)
    assert tiers.name.hasFocus() and tiers.save_button.text() == "Add tier"
    qtbot.keyClicks(tiers.name, name)
    type_into(qtbot, tiers.level, str(level))
    type_into(qtbot, tiers.min_points, str(low))
    tick(qtbot, tiers.no_max, high is None)
    if high is not None:
        type_into(qtbot, tiers.max_points, str(high))
    type_into(qtbot, tiers.multiplier, mult)
    type_into(qtbot, tiers.birthday, bday)
    if benefits:
        tiers.benefits.setFocus()
        for i, line in enumerate(benefits):
            if i:
                qtbot.keyClick(tiers.benefits, Qt.Key.Key_Return)
            qtbot.keyClicks(tiers.benefits, line)


def test_create_three_tiers(tab, qtbot, gui_svc, session, tiered):
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    assert tiers.isEnabled() and tiers.model.rowCount() == 0
    add_tier(qtbot, tiers, "Bronze", 1, 0, 499, benefits=["Member prices"])
    with qtbot.waitSignal(session.changed):
        click(qtbot, tiers.save_button)
    add_tier(qtbot, tiers, "Silver", 2, 500, 1999, "1.5", "2", ["Free refills", "Early access"])
    with qtbot.waitSignal(session.changed):
        click(qtbot, tiers.save_button)
    add_tier(qtbot, tiers, "Gold", 3, 2000, None, "2", "3", ["Free refills", "A pastry a month"])
    tiers.benefits.setFocus()
    with qtbot.waitSignal(session.changed):
        qtbot.keyClick(tiers.benefits, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # Ctrl+S
    stored = gui_svc.get_loyalty_tiers(SHOP, tiered.id)
    assert [(t.tier_name, t.tier_level, t.min_points_required, t.max_points_required) for t in stored] == [
        ("Bronze", 1, 0, 499), ("Silver", 2, 500, 1999), ("Gold", 3, 2000, None)]
    assert [(t.points_multiplier, t.birthday_bonus_multiplier) for t in stored] == [
        (Decimal(1), Decimal(1)), (Decimal("1.5"), Decimal(2)), (Decimal(2), Decimal(3))]
    assert [t.benefits for t in stored] == [["Member prices"], ["Free refills", "Early access"],
                                            ["Free refills", "A pastry a month"]]
    qtbot.waitUntil(lambda: tiers.model.rowCount() == 3)
    assert [tiers.model.data(tiers.model.index(r, 3)) for r in range(3)] == [fmt.points(499), fmt.points(1999),
                                                                            "and up"]
    assert tiers.model.data(tiers.model.index(1, 4)) == "×1.5"
    assert tiers.tier is not None and tiers.tier.tier_name == "Gold"   # the saved tier stays selected
    assert tiers.table.currentIndex().row() == 2


def edit_tier(qtbot, tab, gui_svc, program_id: int, row: int, name: str):  # type: ignore[no-untyped-def]
    """The standard three tiers, the tiers page open, and the tier on `row` in the editor."""
    make_tiers(gui_svc, program_id)
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    select_row(qtbot, tiers.table, row)
    qtbot.waitUntil(lambda: tiers.name.text() == name)
    return tiers


def test_edit_a_tier(tab, qtbot, gui_svc, tiered):
    tiers = edit_tier(qtbot, tab, gui_svc, tiered.id, 1, "Silver")
    assert tiers.save_button.text() == "Save tier" and tiers.form_box.title() == "Edit tier — Silver"
    type_into(qtbot, tiers.multiplier, "1.75")
    type_into(qtbot, tiers.max_points, "1499")
    assert visible_errors(tiers) == {}
    click(qtbot, tiers.save_button)
    silver = gui_svc.get_loyalty_tiers(SHOP, tiered.id)[1]
    assert (silver.points_multiplier, silver.max_points_required) == (Decimal("1.75"), 1499)


def test_overlapping_range_shows_before_saving_and_is_refused(tab, qtbot, gui_svc, tiered):
    for name, level, low, high in (("Bronze", 1, 0, 499), ("Silver", 2, 500, 1999)):
        gui_svc.create_loyalty_tier(SHOP, tiered.id, {"tier_name": name, "tier_level": level,
                                                      "min_points_required": low, "max_points_required": high})
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    add_tier(qtbot, tiers, "Gold", 3, 2000, None)
    assert visible_errors(tiers) == {}
    type_into(qtbot, tiers.min_points, "1500")
    # Shown while typing, before any save, next to the range.
    qtbot.waitUntil(lambda: tiers.errors.message("min_points_required") != "")
    assert "overlaps Silver" in tiers.errors.message("min_points_required")
    assert below(tiers.errors.labels["min_points_required"], tiers.min_points, tiers)
    before = database_state(gui_svc)
    click(qtbot, tiers.save_button)
    assert database_state(gui_svc) == before
    assert "overlaps Silver" in tiers.errors.message("min_points_required")
    # An upside-down range is caught too.
    tick(qtbot, tiers.no_max, False)
    type_into(qtbot, tiers.max_points, "100")
    qtbot.waitUntil(lambda: "below the minimum" in tiers.errors.message("max_points_required"))
    # Fixed: the error goes away as the owner types, and the save goes through.
    tick(qtbot, tiers.no_max, True)
    type_into(qtbot, tiers.min_points, "2000")
    qtbot.waitUntil(lambda: visible_errors(tiers) == {})
    click(qtbot, tiers.save_button)
    assert [t.tier_name for t in gui_svc.get_loyalty_tiers(SHOP, tiered.id)] == ["Bronze", "Silver", "Gold"]


def test_the_services_own_refusal_is_shown(tab, qtbot, gui_svc, tiered):
    # Level 0 with the most points: no overlap once Gold ends, but a lower level may not need more points.
    tiers = edit_tier(qtbot, tab, gui_svc, tiered.id, 2, "Gold")
    tick(qtbot, tiers.no_max, False)
    type_into(qtbot, tiers.max_points, "2999")
    click(qtbot, tiers.save_button)
    add_tier(qtbot, tiers, "Diamond", 0, 3000, None)
    assert visible_errors(tiers) == {}
    before = database_state(gui_svc)
    click(qtbot, tiers.save_button)
    assert "must sit below" in tiers.errors.message("tier_level")
    assert database_state(gui_svc) == before
    # A level already taken is seen before saving.
    type_into(qtbot, tiers.level, "2")
    qtbot.waitUntil(lambda: tiers.errors.message("tier_level") == "Level 2 is already Silver")


def test_delete_a_tier(tab, qtbot, gui_svc, tiered, monkeypatch):
    make_tiers(gui_svc, tiered.id)
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    assert not tiers.delete_button.isEnabled()             # nothing selected yet
    select_row(qtbot, tiers.table, 2)
    qtbot.waitUntil(lambda: tiers.name.text() == "Gold" and tiers.delete_button.isEnabled())
    asked = []
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, parent, title, text: asked.append(text) or True))
    click(qtbot, tiers.delete_button)
    assert asked and "Gold" in asked[0]
    assert [t.tier_name for t in gui_svc.get_loyalty_tiers(SHOP, tiered.id)] == ["Bronze", "Silver"]
    qtbot.waitUntil(lambda: tiers.model.rowCount() == 2)
    assert tiers.tier is None and tiers.name.text() == ""


def test_a_tier_with_members_is_not_deleted(tab, qtbot, gui_svc, tiered, monkeypatch):
    make_tiers(gui_svc, tiered.id)
    enroll(gui_svc, tiered.id, "Ada Lovelace")        # 0 points: Bronze
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    select_row(qtbot, tiers.table, 0)
    qtbot.waitUntil(lambda: tiers.name.text() == "Bronze")
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    before = database_state(gui_svc)
    click(qtbot, tiers.delete_button)
    assert "still has members" in tiers.errors.message()
    assert database_state(gui_svc) == before


def test_declining_the_delete_keeps_the_tier(tab, qtbot, gui_svc, tiered, monkeypatch):
    make_tiers(gui_svc, tiered.id)
    tab.refresh()
    open_page(qtbot, tab, 1)
    select_row(qtbot, tab.tiers.table, 1)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: False))
    click(qtbot, tab.tiers.delete_button)
    assert len(gui_svc.get_loyalty_tiers(SHOP, tiered.id)) == 3


def test_tiers_wait_for_the_program_to_be_saved(tab, qtbot, gui_svc):
    assert tab.model.rowCount() == 0 and tab.title.text() == "New program"   # an empty shop starts a program
    assert not tab.pages.isTabEnabled(1) and not tab.tiers.isEnabled()
    qtbot.keyClicks(tab.editor.name, "First")
    click(qtbot, tab.editor.save_button)
    qtbot.waitUntil(lambda: tab.pages.isTabEnabled(1))
    assert tab.tiers.isEnabled() and len(programs(gui_svc)) == 1


# --- structure, keyboard and models -------------------------------------------------------------------


def test_names_tooltips_and_splitter(tab):
    assert tab.objectName() == "programsTab"
    splitter = tab.findChild(QSplitter, "programsSplitter")
    assert splitter is not None and splitter.count() == 2
    for button in (tab.tiers.add_button, tab.tiers.delete_button):      # icon-only
        assert button.accessibleName() and button.toolTip()
    assert "Ctrl+S" in tab.editor.save_button.toolTip() and "Ctrl+S" in tab.tiers.save_button.toolTip()
    for button in tab.findChildren(QAbstractButton):
        if button.isVisible() and not button.text().strip():
            assert button.accessibleName(), button.objectName()


def test_tab_order_walks_the_form(tab, qtbot, gui_svc):
    make_program(gui_svc)
    tab.refresh()
    editor = tab.editor
    editor.name.setFocus()
    seen = []
    for _ in range(8):
        seen.append(tab.focusWidget().objectName())
        qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
    # A points program: the cash back field is off, so Tab passes it by.
    assert seen == ["programName", "programDescription", "programType", "programCurrency", "programStatus",
                    "pointsPerDollar", "welcomeBonusPoints", "pendingDays"]


def test_item_models_pass_the_model_tester(tab, qtmodeltester, gui_svc, tiered):
    make_program(gui_svc, program_name="Old card", status="inactive")
    make_tiers(gui_svc, tiered.id)
    tab.refresh()
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.tiers.model)
    assert tab.model.rowCount() == 2 and tab.tiers.model.rowCount() == 3


def test_error_colours_follow_a_scheme_change(tab, qtbot, qapp):
    from loyalty_desk.views.shell.theme import accent, apply_scheme

    click(qtbot, tab.new_button)
    click(qtbot, tab.editor.save_button)                  # no name
    label = tab.editor.errors.labels["program_name"]
    light = accent("bad").name()
    assert light in label.styleSheet()
    try:
        apply_scheme(qapp, "dark")
        qtbot.waitUntil(lambda: accent("bad").name() in label.styleSheet())
        assert accent("bad").name() != light
        assert accent("muted").name() in tab.editor.type_hint.styleSheet()
    finally:
        apply_scheme(qapp, "light")


def test_rules_the_form_does_not_show_are_kept_and_do_not_count_as_edits(tab, qtbot, gui_svc):
    """A points program given a cash back percent by a script, and a hold of 0 days: nothing to save."""
    program = make_program(gui_svc, program_name="Scripted",
                           program_rules={"cash_back_percent": "2", "pending_days": 0})
    tab.refresh()
    assert not tab.editor.is_dirty()
    type_into(qtbot, tab.editor.name, "Scripted 2")
    click(qtbot, tab.editor.save_button)
    stored = gui_svc.get_loyalty_program(SHOP, program.id)
    assert stored.program_name == "Scripted 2"
    assert Decimal(stored.program_rules["cash_back_percent"]) == 2


def test_emails_are_turned_off_per_program_and_kept_through_other_edits(tab, qtbot, gui_svc):
    program = make_program(gui_svc, program_name="Coffee Club", program_rules={"welcome_bonus_points": 10})
    tab.refresh()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.name.text() == "Coffee Club")
    rules = editor.messages
    assert all(box.isChecked() for box in rules.switches.values())        # every kind is on by default
    assert (rules.expiry_days.value(), rules.reactivation_days.value()) == (30, 60)
    assert not editor.is_dirty()
    tick(qtbot, rules.switches["reactivation"], False)
    assert not rules.reactivation_days.isEnabled()
    type_into(qtbot, rules.expiry_days, "14")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: gui_svc.get_loyalty_program(SHOP, program.id).program_rules != {"welcome_bonus_points": 10})
    assert gui_svc.get_loyalty_program(SHOP, program.id).program_rules == {
        "welcome_bonus_points": 10, "messages": {"reactivation": False}, "expiry_reminder_days": 14}
    assert not editor.is_dirty()
    type_into(qtbot, editor.name, "Coffee Club Plus")                      # another edit keeps them
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: gui_svc.get_loyalty_program(SHOP, program.id).program_name == "Coffee Club Plus")
    assert gui_svc.get_loyalty_program(SHOP, program.id).program_rules["messages"] == {"reactivation": False}
    tick(qtbot, rules.switches["reactivation"], True)
    type_into(qtbot, rules.expiry_days, "30")                              # back to the default: no rule
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: "messages" not in gui_svc.get_loyalty_program(SHOP, program.id).program_rules)
    assert gui_svc.get_loyalty_program(SHOP, program.id).program_rules == {"welcome_bonus_points": 10}


def test_a_new_tier_form_shows_no_error_before_anything_is_typed(tab, qtbot, gui_svc, tiered):
    # Gold has no maximum: the next tier's suggested start would overlap it until the owner types.
    make_tiers(gui_svc, tiered.id)
    tab.refresh()
    open_page(qtbot, tab, 1)
    tiers = tab.tiers
    click(qtbot, tiers.add_button)
    assert visible_errors(tiers) == {}
    type_into(qtbot, tiers.min_points, "100")  # now it is the owner's range, and it overlaps
    assert "overlaps" in visible_errors(tiers).get("min_points_requiredError", "")


@pytest.mark.parametrize("name, typed, sent", [
    ("en_US", "1.5", "1.5"), ("en_US", "1,5", None), ("en_US", "1,234.5", None),
    ("de_DE", "1,5", "1.5"), ("de_DE", "1.5", None), ("de_DE", "1.234,5", None), ("en_US", "1e3", None),
])
def test_rates_typed_in_the_editor_are_read_exactly_or_refused(name, typed, sent, tab, qtbot, gui_svc):
    """The one decimal parser (formatting.read_amount) reads rates too: never a guess."""
    from PySide6.QtCore import QLocale

    from loyalty_desk.views.widgets.fields import rate_problem, rate_text

    before = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        assert (rate_text(typed) if rate_problem(typed) is None else None) == sent
        make_program(gui_svc, program_name="Coffee Club")
        tab.refresh()
        state = database_state(gui_svc)
        type_into(qtbot, tab.editor.points_per_dollar, typed)
        click(qtbot, tab.editor.save_button)
    finally:
        QLocale.setDefault(before)
    if sent is None:   # refused next to the field, before the service is asked
        assert list(visible_errors(tab)) == ["points_per_dollarError"]
        assert database_state(gui_svc) == state
    else:
        assert gui_svc.get_loyalty_programs(SHOP)[0].points_per_dollar == Decimal(sent)
