"""Points as money off (issue 17) on the desktop: the rule made in the Programs tab editor, and
"Use points" at the counter with its live preview, inline refusals, the result and the balance."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.widgets import formatting as fmt

from ..support import SHOP, enroll, make_program, shown
from .test_programs_tab import click, tick, type_into


def test_the_rule_is_made_in_the_program_editor_with_a_live_example(session, qtbot, gui_svc):
    program = make_program(gui_svc, program_name="Coffee Club", program_rules={"welcome_bonus_points": 10})
    tab = shown(qtbot, ProgramsTab(session), (1200, 750), activate=True)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.name.text() == "Coffee Club")
    assert editor.per_unit_hint.text() == "Points are not taken as money off"
    type_into(qtbot, editor.per_unit, "100")
    assert editor.per_unit_hint.text() == f"1,000 points = {fmt.money(Decimal('10.00'), 'USD')} off"
    type_into(qtbot, editor.redeem_step, "100")
    type_into(qtbot, editor.max_percent, "50")
    tick(qtbot, editor.restore, True)
    with qtbot.waitSignal(session.changed):
        click(qtbot, editor.save_button)
    stored = gui_svc.get_loyalty_program(SHOP, program.id)
    assert stored.program_rules == {"welcome_bonus_points": 10, "redeem_points_per_unit": 100,
                                    "redeem_points_step": 100, "redeem_max_basket_percent": 50,
                                    "redeem_restore_on_return": True}
    assert not editor.is_dirty()


@pytest.fixture
def counter(session, qtbot):
    return shown(qtbot, CounterBar(session), (1100, 400))


def test_use_points_at_the_counter(counter, qtbot, gui_svc, session):
    program = make_program(gui_svc, min_redemption_points=200, program_rules={
        "redeem_points_per_unit": 100, "redeem_points_step": 100, "redeem_max_basket_percent": 50})
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 1500, "description": "setup"})
    counter.open_member(ada.id)
    assert counter.buttons["usePointsButton"].isEnabled()
    click(qtbot, counter.buttons["usePointsButton"])
    dialog = counter.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.heading.text() == "<b>Ada Lovelace has 1,500 points</b>"
    assert not dialog.ok_button.isEnabled() and dialog.preview.text() == "Enter the points to use"
    type_into(qtbot, dialog.points, "150")
    assert dialog.errors.message("points") == "Redeeming starts at 200 points"
    type_into(qtbot, dialog.points, "1050")
    assert dialog.errors.message("points") == "Points are used in steps of 100"
    type_into(qtbot, dialog.points, "1000")
    ten = fmt.money(Decimal("10.00"), "USD")
    assert dialog.preview.text() == f"1,000 points = {ten} off"
    assert dialog.errors.message("basket_amount").startswith("Enter the basket")
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.basket, "15")
    assert dialog.errors.message("points").startswith("At most 700 points")
    type_into(qtbot, dialog.basket, "20")
    assert dialog.errors.message("points") == "" and dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.order_ref, "TILL-1")
    qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counter.result_label.text() == f"1,000 points = {ten} off order TILL-1 · balance 500"
    assert counter.panel.balance_label.text() == "500 points"
    [row] = [t for t in gui_svc.get_member_points_history(SHOP, ada.id) if t.reference_type == "discount"]
    assert (row.points_amount, row.amount, row.reference_id) == (-1000, Decimal("10.00"), "TILL-1")
    assert gui_svc.check_ledger() == []


def test_cash_back_shows_and_spends_as_money(counter, qtbot, gui_svc):
    program = make_program(gui_svc, program_type="cash_back", program_rules={"cash_back_percent": "10"})
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    gui_svc.record_purchase(SHOP, program.id, ada.id, "123.40", "C-1")        # 12.34 back
    counter.open_member(ada.id)
    assert counter.panel.balance_label.text() == f"{fmt.money(Decimal('12.34'), 'USD')} to spend"
    click(qtbot, counter.buttons["usePointsButton"])
    dialog = counter.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    type_into(qtbot, dialog.money, "5.50")
    assert dialog.points.value() == 550
    assert dialog.preview.text() == f"550 points = {fmt.money(Decimal('5.50'), 'USD')} off"
    qtbot.keyClick(dialog.money, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counter.panel.balance_label.text() == f"{fmt.money(Decimal('6.84'), 'USD')} to spend"
    five_fifty, left = fmt.money(Decimal("5.50"), "USD"), fmt.money(Decimal("6.84"), "USD")
    assert counter.result_label.text().startswith(f"{five_fifty} off order ")
    assert counter.result_label.text().endswith(f" · balance {left}")
    assert ("Cash back", f"-{five_fifty}") in counter.last_receipt.lines


def test_a_cash_back_sale_reads_as_money_in_its_preview_message_and_slip(counter, qtbot, gui_svc):
    program = make_program(gui_svc, program_type="cash_back", program_rules={"cash_back_percent": "2.5"})
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    counter.open_member(ada.id)
    dialog = counter.record_purchase()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, "100.00")
    back = fmt.money(Decimal("2.50"), "USD")
    qtbot.waitUntil(lambda: dialog.preview.text() == f"{fmt.money(Decimal('100'), 'USD')} → +{back}")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.order_ref, "C-9")
    qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counter.result_label.text().endswith(f"+{back} · balance {back}")
    assert ("Cash back", f"+{back}") in counter.last_receipt.lines
