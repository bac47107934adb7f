"""The counter tells the truth: database figures after every write, replays, returns and voids,
blocked members, namesakes, vouchers and replaced cards, slips, and keys that need a member."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTabWidget, QVBoxLayout, QWidget

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.counter.counter_text import mask_phone

from ..support import SHOP, enroll, make_program


@pytest.fixture
def shop(gui_svc):  # type: ignore[no-untyped-def]
    program = make_program(gui_svc, points_per_dollar="1", min_redemption_points=0)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", phone="(415) 555-2671")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 300, "description": "setup"})
    return program, ada


@pytest.fixture
def bar(session, qtbot, shop):  # type: ignore[no-untyped-def]
    host = QWidget()
    layout = QVBoxLayout(host)
    counter = CounterBar(session)
    layout.addWidget(counter)
    tabs = QTabWidget()
    tabs.addTab(QLineEdit(), "Other")
    layout.addWidget(tabs)
    qtbot.addWidget(host)
    host.resize(1100, 650)
    host.show()
    qtbot.waitExposed(host)
    counter.open_member(shop[1].id)
    counter.host = host  # type: ignore[attr-defined]  # qtbot keeps only a weak reference
    return counter


def _purchase(qtbot, bar, amount: str, ref: str):  # type: ignore[no-untyped-def]
    dialog = bar.record_purchase()
    qtbot.keyClicks(dialog.amount, amount)
    qtbot.keyClicks(dialog.order_ref, ref)
    qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    return dialog


def test_a_replayed_order_reference_says_nothing_was_added(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    _purchase(qtbot, bar, "12.50", "ORD-1")
    qtbot.waitUntil(lambda: bar.result_label.text().startswith("$12.50 → +12 points"))
    _purchase(qtbot, bar, "12.50", "ORD-1")
    qtbot.waitUntil(lambda: bar.result_label.text().startswith("Already recorded at"))
    assert "nothing added" in bar.result_label.text() and "+12" not in bar.result_label.text()
    assert bar.panel.balance_label.text() == "312 points"
    assert gui_svc.get_loyalty_member(SHOP, shop[1].id).current_points == 312


def test_figures_on_screen_are_the_databases_after_another_register_writes(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 50, "description": "other till"})
    assert bar.panel.balance_label.text() == "300 points"  # not yet told
    _purchase(qtbot, bar, "10", "ORD-2")
    qtbot.waitUntil(lambda: bar.panel.balance_label.text() == "360 points")
    assert bar.result_label.text().endswith("balance 360")


def test_return_picker_partial_then_whole_with_confirmation_and_shortfall(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    gui_svc.record_purchase(SHOP, program.id, ada.id, "100", "BIG-1")
    # The member spends most of it: a full return cannot take everything back.
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": -350, "description": "spent"})
    bar.refresh()
    dialog = bar.reverse()
    assert dialog.purchases.rowCount() == 1
    assert dialog.purchases.item(0, 1).text() == "BIG-1" and dialog.purchases.item(0, 3).text() == "$100.00"
    dialog.purchases.selectRow(0)
    assert dialog.order_ref.text() == "BIG-1"
    assert dialog.preview.text() == "all that is left: $100.00"
    qtbot.keyClicks(dialog.amount, "25")
    assert dialog.preview.text() == "$25.00"  # the amount as it will be recorded, before Enter
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: bar.result_label.text().startswith("Return of $25.00 on order BIG-1: -25 points"))
    dialog = bar.reverse()
    assert dialog.purchases.item(0, 3).text() == "$75.00"  # what is left to return
    dialog.purchases.selectRow(0)
    dialog.ok_button.click()  # no amount: all that is left, after a confirmation
    assert dialog.pages.currentIndex() == dialog.CONFIRM and "all that is left" in dialog.confirm_text.text()
    assert len([t for t in gui_svc.get_member_points_history(SHOP, ada.id) if t.transaction_type == "purchase_return"]) == 1
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: "had already been spent" in bar.result_label.text())
    assert "$75.00" in bar.result_label.text()
    history = gui_svc.get_member_points_history(SHOP, ada.id)
    assert history[0].shortfall_points > 0
    assert f"{history[0].shortfall_points} points had already been spent" in bar.result_label.text()
    slip = bar.print_slip()
    assert slip.doc.kind == "Return" and ("Order", "BIG-1") in slip.doc.lines
    assert gui_svc.check_ledger(SHOP) == []


def test_void_of_todays_sale_with_a_reason(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    _purchase(qtbot, bar, "30", "V-1")
    dialog = bar.reverse()
    dialog.purchases.selectRow(0)
    assert dialog.void_button.isEnabled()
    dialog.void_button.click()
    assert dialog.reason.isVisible() and dialog.ok_button.text() == "Void"
    dialog.ok_button.click()
    assert "reason" in dialog.errors.message("reason")
    qtbot.keyClicks(dialog.reason, "Rang up the wrong customer")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: bar.result_label.text().startswith("Void of $30.00 on order V-1"))
    assert bar.panel.balance_label.text() == "300 points"
    slip = bar.print_slip()
    assert slip.doc.kind == "Void"
    rows = gui_svc.get_member_points_history(SHOP, ada.id)
    assert [r.transaction_type for r in rows[:2]] == ["purchase_return", "purchase"]  # a reversal, never a delete
    assert gui_svc.check_ledger(SHOP) == []


def test_a_suspended_member_shows_a_chip_and_cannot_buy_or_redeem(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    gui_svc.update_loyalty_member(SHOP, shop[1].id, {"membership_status": "suspended"})
    bar.refresh()
    assert bar.panel.status_chip.isVisible() and bar.panel.status_chip.text() == "Suspended"
    for name in ("recordPurchaseButton", "redeemButton"):
        assert not bar.buttons[name].isEnabled() and "suspended" in bar.buttons[name].toolTip()
    assert bar.record_purchase() is None and "suspended" in bar.result_label.text()
    assert bar.redeem() is None
    assert bar.buttons["adjustPointsButton"].isEnabled()  # corrections still allowed


def test_a_refused_redemption_preselects_nothing(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    coffee = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Coffee", "reward_type": "free_product",
                                                               "points_cost": 200})
    gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Cake", "reward_type": "free_product",
                                                     "points_cost": 100})
    dialog = bar.redeem()
    dialog.rewards.setCurrentRow(1)  # Coffee (sorted by cost)
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == dialog.CONFIRM
    # Meanwhile another register spends the points.
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": -250, "description": "other till"})
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.LIST and dialog.general.isVisible()
                    or bool(dialog.errors.message()))
    assert dialog.chosen() is None and dialog.rewards.selectedItems() == []
    assert "50 points" in dialog.heading.text()  # the header is the database's balance now
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)  # one more Enter spends nothing
    assert dialog.pages.currentIndex() == dialog.LIST
    assert gui_svc.get_member_redemptions(SHOP, ada.id) == []
    assert coffee.id


def test_namesakes_float_over_the_panel_with_program_phone_and_card(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    twin = enroll(gui_svc, program.id, "Ada Lovelace", phone="(212) 555-0132")
    panel_top = bar.panel.geometry().top()
    bar.lookup.setFocus()
    qtbot.keyClicks(bar.lookup, "Ada Love", delay=5)
    qtbot.waitUntil(lambda: bar.results.isVisible() and bar.results.count() == 2)
    assert bar.panel.geometry().top() == panel_top  # the layout did not move
    texts = [bar.results.item(i).text() for i in range(2)]
    assert any("••• 0132" in t and twin.card_number[:5] in t and "Rewards" in t for t in texts)
    assert any("••• 2671" in t for t in texts)
    assert mask_phone("+14155552671") == "••• 2671" and mask_phone(None) == ""
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Escape)  # Escape empties the field, and the results go with it
    assert bar.lookup.text() == "" and not bar.results.isVisible()


def test_a_typed_voucher_code_opens_the_redemption_and_mark_redeemed(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                               "points_cost": 100})
    redemption = gui_svc.create_redemption(SHOP, program.id, ada.id, reward.id)
    bar.lookup.setFocus()
    qtbot.keyClicks(bar.lookup, redemption.reward_code_generated.lower())
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    assert bar.voucher_panel.isVisible()
    assert "Mug for Ada Lovelace" in bar.voucher_panel.details.text()
    assert bar.voucher_panel.mark_redeemed.isVisible()
    bar.voucher_panel.mark_redeemed.click()
    qtbot.waitUntil(lambda: gui_svc.get_member_redemptions(SHOP, ada.id)[0].fulfillment_status == "redeemed")
    qtbot.waitUntil(lambda: "already redeemed" in bar.voucher_panel.details.text())
    assert not bar.voucher_panel.mark_redeemed.isVisible()


def test_an_unknown_code_is_a_message_not_an_enrollment(bar, qtbot):  # type: ignore[no-untyped-def]
    bar.handle_scan("RW-ZZZZ-ZZZZ-ZZZZ")
    assert bar.lookup_error.isVisible() and not bar.results.isVisible()
    assert bar.dialog is None


def test_keys_that_need_a_member_say_find_a_member_first(session, qtbot, shop):  # type: ignore[no-untyped-def]
    counter = CounterBar(session)
    qtbot.addWidget(counter)
    assert counter.record_purchase() is None and counter.edit() is None
    assert counter.result_label.text() == "Find a member first (Ctrl+F)"
    assert counter.print_slip() is None and "No sale" in counter.result_label.text()


def test_a_two_line_error_is_fully_visible(bar, qtbot):  # type: ignore[no-untyped-def]
    dialog = bar.adjust()
    qtbot.waitExposed(dialog)
    message = ("The reason is longer than the shop allows for a manual adjustment, so it was not saved; "
               "shorten it to one sentence that says why the balance changes, then press Enter again")
    dialog.errors.show_text(message, "description")
    label = dialog.errors.labels["description"]
    qtbot.wait(20)
    line = label.fontMetrics().lineSpacing()
    assert label.height() >= 2 * line  # it wraps...
    bottom = label.mapTo(dialog, label.rect().bottomLeft()).y()
    assert bottom <= dialog.height() and label.height() >= label.heightForWidth(label.width())  # ...and nothing is cut


def test_scans_in_the_return_and_redeem_dialogs(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    gui_svc.record_purchase(SHOP, program.id, ada.id, "20", "RCPT-77")
    dialog = bar.reverse()
    assert dialog.accept_scan("RCPT-77") and dialog.order_ref.text() == "RCPT-77"
    assert dialog.void_button.isEnabled()
    assert not dialog.accept_scan(ada.card_number)  # a member card is not a receipt
    assert not dialog.accept_scan("RW-ABCD-EFGH-JKLM")
    assert dialog.order_ref.text() == "RCPT-77"
    dialog.reject()
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                               "points_cost": 100})
    code = gui_svc.create_redemption(SHOP, program.id, ada.id, reward.id).reward_code_generated
    dialog = bar.redeem()
    assert not dialog.accept_scan(ada.card_number)
    assert dialog.accept_scan(code)  # a voucher: the dialog closes and the counter shows it
    assert not dialog.isVisible() and bar.voucher_panel.isVisible() and code in bar.voucher_panel.title.text()


def test_a_receipt_of_another_member_is_refused_and_nothing_is_taken(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    bob = enroll(gui_svc, program.id, "Bob Stone")
    gui_svc.record_purchase(SHOP, program.id, bob.id, "120", "BOB-1")
    dialog = bar.reverse()  # Ada is open
    assert dialog.accept_scan("BOB-1")
    qtbot.keyClicks(dialog.amount, "20")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "not a purchase of this member" in dialog.errors.message("order_ref"))
    assert gui_svc.get_loyalty_member(SHOP, bob.id).current_points == 120


def test_retry_records_what_the_form_shows_now(bar, qtbot, gui_svc, shop, tmp_path):  # type: ignore[no-untyped-def]
    import sqlite3

    program, ada = shop
    path = gui_svc.database_url.removeprefix("sqlite:///")
    gui_svc.close()
    from loyalty_desk.services import LoyaltyService

    svc = LoyaltyService(f"sqlite:///{path}", busy_timeout_s=0.3)
    bar.session.svc = svc
    try:
        dialog = bar.record_purchase()
        qtbot.keyClicks(dialog.amount, "125.00")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.retry_button.isVisible(), timeout=10000)
        other.close()
        dialog.amount.clear()
        qtbot.keyClicks(dialog.amount, "12.50")  # the cashier corrects the amount, then presses Retry
        dialog.retry_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
        sales = [t for t in svc.get_member_points_history(SHOP, ada.id) if t.transaction_type == "purchase"]
        assert [(s.amount, s.reference_id) for s in sales] == [(Decimal("12.50"), dialog.generated_ref)]
    finally:
        svc.close()


def test_redeem_header_and_scan_on_the_confirmation_page(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                               "points_cost": 100})
    dialog = bar.redeem()
    dialog.rewards.setCurrentRow(0)
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code.text().startswith("RW-"))
    assert "200 points" in dialog.heading.text()  # the balance after, not before
    code = dialog.code.text()
    dialog.accept()
    second = bar.redeem()
    second.rewards.setCurrentRow(0)
    qtbot.keyClick(second.rewards, Qt.Key.Key_Return)
    assert second.pages.currentIndex() == second.CONFIRM
    assert second.accept_scan(code)  # a voucher scanned while confirming: the dialog closes
    assert not second.isVisible() and bar.voucher_panel.isVisible()
    assert len(gui_svc.get_member_redemptions(SHOP, ada.id)) == 1 and reward.id


def test_typing_all_that_is_left_asks_like_a_whole_return(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    gui_svc.record_purchase(SHOP, program.id, ada.id, "40", "W-1")
    dialog = bar.reverse()
    dialog.purchases.selectRow(0)
    qtbot.keyClicks(dialog.amount, "40")
    dialog.ok_button.click()
    assert dialog.pages.currentIndex() == dialog.CONFIRM and "all that is left" in dialog.confirm_text.text()


def test_a_second_click_on_replace_card_waits_for_the_first(bar, qtbot, gui_svc, shop, monkeypatch):  # type: ignore[no-untyped-def]
    from loyalty_desk.views.widgets.forms import Confirm

    program, ada = shop
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    bar.replace_card()
    bar.replace_card()  # while the first is in flight
    qtbot.waitUntil(lambda: not bar.calling)
    retired = [a for a in gui_svc.get_member_activity(SHOP, ada.id) if a.activity_type == "card_replaced"]
    assert len(retired) == 1


def test_a_typed_old_card_never_offers_to_enroll_someone_named_after_it(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    old = ada.card_number
    gui_svc.replace_member_card(SHOP, ada.id)
    bar.lookup.setFocus()
    qtbot.keyClicks(bar.lookup, old, delay=5)
    qtbot.waitUntil(lambda: bar.results.isVisible() and bar.results.count() == 1)
    assert "Enroll" not in bar.results.item(0).text()
    rect = bar.results.visualItemRect(bar.results.item(0))
    qtbot.mouseClick(bar.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # checks it, as Enter does
    assert bar.voucher_panel.isVisible() and bar.voucher_panel.title.text().startswith("This card was replaced on")
    assert bar.dialog is None


def test_enter_on_a_phone_shaped_like_a_card_opens_its_member(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, _ada = shop
    grace = enroll(gui_svc, program.id, "Grace Hopper", phone="646-234-5678")
    bar.lookup.setFocus()
    qtbot.keyClicks(bar.lookup, "646 234 5678")
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.member is not None and bar.member.id == grace.id)
    assert not bar.lookup_error.isVisible()


def test_a_voucher_scanned_without_its_dashes_is_still_a_voucher(bar, qtbot, gui_svc, shop):  # type: ignore[no-untyped-def]
    program, ada = shop
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                               "points_cost": 100})
    code = gui_svc.create_redemption(SHOP, program.id, ada.id, reward.id).reward_code_generated
    bare = code.replace("-", "").lower()
    returns = bar.reverse()
    assert not returns.accept_scan(bare)  # never taken for an order reference
    returns.reject()
    redeem = bar.redeem()
    assert redeem.accept_scan(bare) and bar.voucher_panel.isVisible()


def test_enter_on_an_unknown_card_says_so(bar, qtbot):  # type: ignore[no-untyped-def]
    from loyalty_desk.services.codes import new_card_number

    bar.lookup.setFocus()
    qtbot.keyClicks(bar.lookup, new_card_number())
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    assert bar.lookup_error.isVisible() and "No member has the card" in bar.lookup_error.text()
    assert not bar.results.isVisible() and bar.dialog is None
