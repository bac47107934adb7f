"""The counter, driven as a cashier would: typing, scanning, keyboard-only dialogs."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTabWidget, QVBoxLayout, QWidget

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.shell.scanner import ScannerFilter
from loyalty_desk.views.widgets.forms import Confirm

from ..support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def shop(gui_svc):
    program = make_program(gui_svc, program_type="tiered", points_per_dollar="1", min_redemption_points=0)
    make_tiers(gui_svc, program.id)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", phone="(415) 555-2671", email="ada@example.com")
    bob = enroll(gui_svc, program.id, "Bob Stone")
    gui_svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 300, "description": "setup"})
    return program, ada, bob


@pytest.fixture
def counter(session, qtbot, shop):
    """The counter above a tab widget whose other tab holds an unrelated text field, as in the app."""
    host = QWidget()
    layout = QVBoxLayout(host)
    bar = CounterBar(session)
    tabs = QTabWidget()
    other = QLineEdit()
    other.setObjectName("otherField")
    tabs.addTab(other, "Other")
    layout.addWidget(bar)
    layout.addWidget(tabs)
    qtbot.addWidget(host)
    host.resize(1100, 600)
    host.show()
    qtbot.waitExposed(host)
    host.other = other  # type: ignore[attr-defined]
    return bar, host


def type_slowly(qtbot, widget, text):
    qtbot.keyClicks(widget, text, delay=5)


def test_lookup_by_typed_phone(counter, qtbot, shop):
    bar, _ = counter
    bar.lookup.setFocus()
    type_slowly(qtbot, bar.lookup, "415 555 2671")
    qtbot.waitUntil(lambda: bar.results.isVisible() and bar.results.count() == 1)
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.member is not None)
    assert bar.panel.name_label.text() == "Ada Lovelace"
    assert bar.panel.balance_label.text() == "300 points"
    assert bar.panel.tier_label.text() == "Bronze"
    assert bar.panel.progress_label.text() == "200 points to Silver"


def test_lookup_by_name_prefix_and_arrow_keys(counter, qtbot, shop):
    bar, _ = counter
    bar.lookup.setFocus()
    type_slowly(qtbot, bar.lookup, "sto")
    qtbot.waitUntil(lambda: bar.results.count() == 1)
    assert "Bob Stone" in bar.results.item(0).text()
    bar.lookup.clear()
    type_slowly(qtbot, bar.lookup, "a")  # Ada Lovelace; Bob is not an "a"
    qtbot.waitUntil(lambda: bar.results.count() >= 1 and "Ada" in bar.results.item(0).text())
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Down)
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.member is not None)
    assert bar.member.customer_name == "Ada Lovelace"


def test_no_match_offers_enrollment_with_the_text(counter, qtbot):
    bar, _ = counter
    bar.lookup.setFocus()
    type_slowly(qtbot, bar.lookup, "Grace Hopper")
    qtbot.waitUntil(lambda: bar.results.count() == 1)
    assert "Enroll new member" in bar.results.item(0).text()
    qtbot.keyClick(bar.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible())
    assert bar.dialog.objectName() == "enrollDialog"
    assert bar.dialog.name.text() == "Grace Hopper"


def test_scanner_burst_opens_the_member_whatever_has_focus(counter, qtbot, session, shop, qapp):
    bar, host = counter
    _, ada, _ = shop
    scanner = ScannerFilter()
    scanner.scanned.connect(bar.handle_scan)
    qapp.installEventFilter(scanner)
    try:
        host.other.setFocus()
        qtbot.waitUntil(host.other.hasFocus)
        qtbot.keyClicks(host.other, ada.card_number)  # no delay: as fast as a scanner
        qtbot.keyClick(host.other, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bar.member is not None)
        assert bar.member.id == ada.id
        assert host.other.text() == ""  # the burst did not leak into the focused field
        # A person typing in the same field still gets their text.
        type_slowly(qtbot, host.other, "hello")
        qtbot.waitUntil(lambda: host.other.text() == "hello")
    finally:
        qapp.removeEventFilter(scanner)


def test_mistyped_card_shows_the_message_and_opens_nobody(counter, qtbot, shop):
    bar, _ = counter
    _, ada, _ = shop
    wrong = ada.card_number[:-1] + ("2" if ada.card_number[-1] != "2" else "3")
    bar.handle_scan(wrong)
    assert bar.member is None
    assert "check the last character" in bar.lookup_error.text()


def test_record_purchase_with_the_keyboard_only(counter, qtbot, session, gui_svc, shop):
    bar, _ = counter
    _, ada, _ = shop
    bar.open_member(ada.id)
    dialog = bar.record_purchase()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, "125.50")
    qtbot.waitUntil(lambda: dialog.preview.text() == "$125.50 → +125 points")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Tab)
    assert dialog.order_ref.hasFocus()
    qtbot.keyClicks(dialog.order_ref, "ORD-77")
    qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: bar.result_label.text() == "$125.50 → +125 points · balance 425")
    history = gui_svc.get_member_points_history(SHOP, ada.id)
    assert (history[0].reference_id, history[0].points_amount) == ("ORD-77", 125)


def test_empty_order_reference_gets_a_unique_one(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    _, ada, _ = shop
    bar.open_member(ada.id)
    refs = set()
    for _ in range(2):
        dialog = bar.record_purchase()
        qtbot.keyClicks(dialog.amount, "10")
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    refs = {t.reference_id for t in gui_svc.get_member_points_history(SHOP, ada.id) if t.reference_id}
    assert len(refs) == 2 and all(r.startswith("POS-") for r in refs)


def test_bad_amount_is_shown_next_to_the_field(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    _, ada, _ = shop
    bar.open_member(ada.id)
    dialog = bar.record_purchase()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and "amount" in dialog.errors.message("amount")
    assert len(gui_svc.get_member_points_history(SHOP, ada.id)) == 1


def test_redeem_shows_ineligible_rewards_disabled(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    program, ada, _ = shop
    tiers = gui_svc.get_loyalty_tiers(SHOP, program.id)
    for name, cost, extra in (("Coffee", 100, {}), ("Jacket", 540, {}), ("Lounge", 50, {"tier_exclusive_id": tiers[2].id}),
                              ("Sold out", 10, {"quantity_available": 0})):
        gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": name, "reward_type": "free_product",
                                                         "points_cost": cost, **extra})
    bar.open_member(ada.id)
    dialog = bar.redeem()
    items = {dialog.rewards.item(i).text(): dialog.rewards.item(i) for i in range(dialog.rewards.count())}
    enabled = {text for text, item in items.items() if item.flags() & Qt.ItemFlag.ItemIsSelectable}
    assert enabled == {"Coffee — 100 points"}
    assert "Jacket — 540 points  (240 more points)" in items
    assert "Lounge — 50 points  (needs Gold)" in items
    assert "Sold out — 10 points  (out of stock)" in items
    qtbot.keyClick(dialog.rewards, Qt.Key.Key_Return)
    # One confirmation: the reward, its cost and the balance after; nothing is spent before it.
    assert dialog.pages.currentIndex() == dialog.CONFIRM
    assert "Coffee" in dialog.confirm_text.text() and "Balance after: <b>200 points" in dialog.confirm_text.text()
    assert gui_svc.get_loyalty_member(SHOP, ada.id).current_points == 300
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code.text().startswith("RW-"))
    assert gui_svc.get_loyalty_member(SHOP, ada.id).current_points == 200
    assert gui_svc.get_member_redemptions(SHOP, ada.id)[0].reward_code_generated == dialog.code.text()


def test_enroll_with_a_duplicate_email_offers_the_existing_member(counter, qtbot, session, shop, gui_svc):
    bar, _ = counter
    _, ada, _ = shop
    dialog = bar.enroll()
    qtbot.keyClicks(dialog.name, "Ada Again")
    qtbot.keyClicks(dialog.email, "ADA@example.com")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "already uses this email" in dialog.errors.message("email"))
    assert dialog.isVisible()
    assert dialog.open_existing.isVisible()
    with qtbot.waitSignal(session.openMember) as opened:
        dialog.open_existing.click()
    assert opened.args == [ada.id]
    qtbot.waitUntil(lambda: bar.member is not None and bar.member.id == ada.id)
    assert len(gui_svc.get_loyalty_members(SHOP, shop[0].id)) == 2


def test_enroll_validates_email_and_normalises_phone_inline(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    dialog = bar.enroll()
    qtbot.keyClicks(dialog.email, "not-an-email")
    dialog.email.editingFinished.emit()
    assert "not valid" in dialog.errors.message("email")
    qtbot.keyClicks(dialog.phone, "(212) 555-0147")
    dialog.phone.editingFinished.emit()
    assert dialog.phone.text() == "+12125550147"
    dialog.email.clear()
    qtbot.keyClicks(dialog.name, "Grace Hopper")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: bar.member is not None)
    assert bar.member.customer_name == "Grace Hopper" and bar.member.phone == "+12125550147"


def test_consent_is_asked_at_enrolment_and_a_stop_is_recorded_in_the_edit_dialog(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    dialog = bar.enroll()
    qtbot.keyClicks(dialog.name, "Grace Hopper")
    qtbot.keyClicks(dialog.email, "grace@example.com")
    dialog.consent.marketing.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bar.member is not None and bar.member.customer_name == "Grace Hopper")
    grace = gui_svc.get_loyalty_member(SHOP, bar.member.id)
    assert (grace.marketing_consent, grace.marketing_consent_source, grace.email_opt_out) == (True, "desk", False)
    edit = bar.edit()
    assert edit.consent.marketing.isChecked() and not edit.consent.opt_out.isChecked()
    edit.consent.opt_out.setChecked(True)                    # she replied STOP
    assert not edit.consent.marketing.isChecked() and not edit.consent.marketing.isEnabled()
    edit.ok_button.click()
    qtbot.waitUntil(lambda: not edit.isVisible())
    grace = gui_svc.get_loyalty_member(SHOP, grace.id)
    assert (grace.marketing_consent, grace.email_opt_out) == (False, True)
    again = bar.edit()
    assert again.consent.opt_out.isChecked() and not again.consent.marketing.isEnabled()


def test_editing_a_member_stored_with_consent_and_opt_out_keeps_both(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    _, ada, _ = shop
    gui_svc.update_loyalty_member(SHOP, ada.id, {"marketing_consent": True, "email_opt_out": True})
    consent_at = gui_svc.get_loyalty_member(SHOP, ada.id).marketing_consent_at
    bar.open_member(ada.id)
    edit = bar.edit()
    assert edit.consent.marketing.isChecked() and not edit.consent.marketing.isEnabled()
    edit.phone.setText("(212) 555-0199")                  # an edit of something else
    edit.ok_button.click()
    qtbot.waitUntil(lambda: not edit.isVisible())
    after = gui_svc.get_loyalty_member(SHOP, ada.id)
    assert (after.marketing_consent, after.email_opt_out, after.marketing_consent_at) == (True, True, consent_at)


def test_adjustment_without_a_reason_is_refused(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    _, ada, _ = shop
    bar.open_member(ada.id)
    dialog = bar.adjust()
    dialog.points.setValue(-50)
    dialog.ok_button.click()
    assert dialog.isVisible() and "reason" in dialog.errors.message("description")
    assert gui_svc.get_loyalty_member(SHOP, ada.id).current_points == 300
    qtbot.keyClicks(dialog.reason, "Broken mug goodwill reversal")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert gui_svc.get_loyalty_member(SHOP, ada.id).current_points == 250
    qtbot.waitUntil(lambda: bar.result_label.text() == "-50 points · balance 250")


def test_return_by_order_reference(counter, qtbot, gui_svc, shop):
    bar, _ = counter
    program, ada, _ = shop
    gui_svc.record_purchase(SHOP, program.id, ada.id, "80", "R-5")
    bar.open_member(ada.id)
    dialog = bar.reverse()
    qtbot.keyClicks(dialog.order_ref, "R-5")
    qtbot.keyClicks(dialog.amount, "20")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert gui_svc.get_loyalty_member(SHOP, ada.id).current_points == 360
    dialog = bar.reverse()
    qtbot.keyClicks(dialog.order_ref, "NOPE")
    qtbot.keyClicks(dialog.amount, "5")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "No purchase" in dialog.errors.message("order_ref"))


def test_suspend_and_reactivate(counter, qtbot, gui_svc, shop, monkeypatch):
    bar, _ = counter
    _, ada, _ = shop
    bar.open_member(ada.id)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    bar.buttons["suspendButton"].click()
    qtbot.waitUntil(lambda: bar.member.membership_status == "suspended")
    assert bar.buttons["suspendButton"].text() == "Reactivate"
    bar.buttons["suspendButton"].click()
    qtbot.waitUntil(lambda: bar.member.membership_status == "active")
