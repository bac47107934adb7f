"""Stamp cards at the desktop: made in the program editor, stamped at the counter, printed on the card."""
from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.counter.customer_display import CustomerDisplay
from loyalty_desk.views.documents.printing import export_pdf
from loyalty_desk.views.programs.programs_tab import ProgramsTab

from ..support import SHOP, enroll, shown
from .test_programs_tab import choose, click, type_into


def test_create_a_stamp_card_in_the_editor_with_its_live_example(session, qtbot, gui_svc):
    tab = shown(qtbot, ProgramsTab(session), (1200, 750), activate=True)
    editor = tab.editor
    click(qtbot, tab.new_button)
    qtbot.keyClicks(editor.name, "Coffee card")
    choose(qtbot, editor.type_combo, "stamps")
    assert not editor.points_per_dollar.isEnabled() and editor.stamp_min.isEnabled()
    assert "one stamp" in editor.type_hint.text()
    type_into(qtbot, editor.stamp_min, "3")
    assert editor.stamp_example.text() == ("A purchase of $3.00 or more earns 1 stamp; "
                                            "a full card is 10 stamps (a reward of that cost, in Rewards)")
    type_into(qtbot, editor.stamp_min, "3.005")
    click(qtbot, editor.save_button)
    assert editor.errors.message("stamp_min_amount") == "At most two decimals"
    assert gui_svc.get_loyalty_programs(SHOP) == []
    type_into(qtbot, editor.stamp_min, "3.00")
    with qtbot.waitSignal(session.changed):
        click(qtbot, editor.save_button)
    [stored] = gui_svc.get_loyalty_programs(SHOP)
    assert (stored.program_type, stored.program_rules) == ("stamps", {"stamp_min_amount": "3.00"})
    gui_svc.create_loyalty_reward(SHOP, stored.id, {"reward_name": "a free coffee", "reward_type": "free_product",
                                                    "points_cost": 10})
    editor.fill(gui_svc.get_loyalty_program(SHOP, stored.id))
    assert editor.stamp_example.text() == "A purchase of $3.00 or more earns 1 stamp; 10 stamps: a free coffee"
    assert not editor.is_dirty()                     # "3.00" shown is the "3.00" stored


def test_stamps_at_the_counter_and_on_the_card(session, qtbot, gui_svc, tmp_path):
    program = gui_svc.create_loyalty_program(SHOP, {"program_name": "Coffee card", "program_type": "stamps",
                                                    "program_rules": {"stamp_min_amount": "3.00"}})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Free coffee", "reward_type": "free_product",
                                                     "points_cost": 10})
    ada = enroll(gui_svc, program.id, "Ada Lovelace")
    bar = shown(qtbot, CounterBar(session), (1100, 420))
    display = CustomerDisplay(session)          # what the customer sees follows the counter
    qtbot.addWidget(display)
    display.follow(bar)
    bar.open_member(ada.id)
    assert bar.panel.balance_label.text() == "○○○○○○○○○○   0 stamps"

    def buy(amount: str, preview: str) -> None:
        dialog = bar.record_purchase()
        qtbot.keyClicks(dialog.amount, amount)
        qtbot.waitUntil(lambda: dialog.preview.text() == preview)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible())

    buy("4.50", "$4.50 → +1 stamp")
    qtbot.waitUntil(lambda: bar.result_label.text() == "$4.50 → +1 stamp · balance 1 stamp")
    assert ("Stamps", "+1") in bar.last_receipt.lines and ("Card", "●○○○○○○○○○") in bar.last_receipt.lines
    assert (display.points.text(), display.balance.text()) == ("+1 stamp", "Balance: ●○○○○○○○○○  1 stamp")
    buy("2.00", "$2.00 → 0 stamps")                   # below the card's minimum
    buy("12.00", "$12.00 → +1 stamp")
    qtbot.waitUntil(lambda: bar.panel.balance_label.text() == "●●○○○○○○○○   2 stamps")
    assert ("To Free coffee", "8 stamps") in bar.last_receipt.lines

    card = bar.print_card().doc
    assert card.stamps == (2, 10)
    text = " ".join(PdfReader(export_pdf(card, tmp_path / "card.pdf")).pages[0].extract_text().split())
    assert "●●○○○○○○○○" in text and "Ada Lovelace" in text

    dialog = bar.reverse()                              # a partial return keeps the stamp...
    assert dialog.purchases.horizontalHeaderItem(4).text() == "Stamps"
    row = next(r for r in range(dialog.purchases.rowCount()) if dialog.purchases.item(r, 3).text() == "$12.00")
    dialog.purchases.selectRow(row)
    qtbot.keyClicks(dialog.amount, "5")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bar.result_label.text().startswith("Return of $5.00 on order"))
    assert bar.result_label.text().endswith(": 0 stamps · balance 2 stamps")
    dialog = bar.reverse()                              # ...what is left of the order takes it back
    dialog.purchases.selectRow(row)
    dialog.ok_button.click()
    assert "The stamp it earned is taken back." in dialog.confirm_text.text()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bar.result_label.text().endswith(": -1 stamp · balance 1 stamp"))
    assert bar.panel.balance_label.text() == "●○○○○○○○○○   1 stamp"

    for number in range(9):
        gui_svc.record_purchase(SHOP, program.id, ada.id, "3.00", f"B-{number}")
    bar.open_member(ada.id)
    assert bar.panel.balance_label.text() == "●●●●●●●●●●   10 stamps"
    dialog = bar.redeem()
    assert dialog.rewards.item(0).text() == "Free coffee — 10 stamps"
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    assert "for <b>10 stamps</b>" in dialog.confirm_text.text()
    assert "Balance after: <b>0 stamps</b>" in dialog.confirm_text.text()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code.text().startswith("RW-"))
    dialog.accept()
    qtbot.waitUntil(lambda: bar.panel.balance_label.text() == "○○○○○○○○○○   0 stamps")   # the card restarts
    assert ("Stamps used", "-10") in bar.last_receipt.lines
    assert (display.points.text(), display.balance.text()) == ("10 stamps used", "Balance: ○○○○○○○○○○  0 stamps")


def test_the_adjust_dialog_of_a_stamp_card_speaks_stamps(session, qtbot, gui_svc):
    from loyalty_desk.views.counter.counter_dialogs import AdjustDialog

    card = gui_svc.create_loyalty_program(SHOP, {"program_name": "Coffee card", "program_type": "stamps"})
    ada = enroll(gui_svc, card.id, "Ada Lovelace")
    dialog = AdjustDialog(session, gui_svc.get_loyalty_member(SHOP, ada.id))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Adjust stamps — Ada Lovelace"
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Stamps (+/−)" in labels and "Points (+/−)" not in labels


def test_a_stamp_card_offers_no_use_points_and_no_promotions(session, qtbot, gui_svc):
    from loyalty_desk.views.counter.counter import CounterBar
    from loyalty_desk.views.programs.programs_tab import ProgramsTab

    card = gui_svc.create_loyalty_program(SHOP, {"program_name": "Coffee card", "program_type": "stamps"})
    ada = enroll(gui_svc, card.id, "Ada Lovelace")
    bar = CounterBar(session)
    qtbot.addWidget(bar)
    bar.open_member(ada.id)
    button = bar.panel.buttons["usePointsButton"]
    assert not button.isEnabled() and button.toolTip() == "A stamp card's stamps are spent on rewards, not as money off"
    assert bar.use_points() is None                     # F6 says so instead of opening a dialog
    tab = ProgramsTab(session)
    qtbot.addWidget(tab)
    tab.refresh()
    assert not tab.pages.isTabEnabled(2)
