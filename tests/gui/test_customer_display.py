"""The customer display (issue 16): View ▸ Customer display follows the counter, shows the first
name and the figures a customer cares about and nothing else of them, and goes back to the
welcome screen after its timeout."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.counter.customer_display import CustomerDisplay

from ..support import SHOP, enroll, make_program, make_tiers


@pytest.fixture
def ada(gui_svc):  # type: ignore[no-untyped-def]
    program = make_program(gui_svc, program_type="tiered", points_per_dollar="1", min_redemption_points=0)
    make_tiers(gui_svc, program.id)
    member = enroll(gui_svc, program.id, "Ada Lovelace", phone="(415) 555-2671", email="ada@example.com",
                    birthday="1990-12-10")
    gui_svc.add_points_transaction(SHOP, program.id, member.id, {"points_amount": 300, "description": "setup"})
    for name, cost in (("Mug", 100), ("Tote bag", 5000)):
        gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": name, "reward_type": "free_product",
                                                         "points_cost": cost})
    return gui_svc.get_loyalty_member(SHOP, member.id)


def shown_text(display: CustomerDisplay) -> str:
    """Every word the display's window shows, on the page in front."""
    page = display.stack.currentWidget()
    return " | ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())


def buy(qtbot, counter: CounterBar, amount: str) -> None:  # type: ignore[no-untyped-def]
    """A sale typed at the counter (short: a long burst of keys is taken for a scanner's)."""
    dialog = counter.record_purchase()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.amount.hasFocus())
    qtbot.keyClicks(dialog.amount, amount)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_redemption_shows_the_points_used(main_window, qtbot, ada):  # type: ignore[no-untyped-def]
    main_window.show_customer_display()
    display = main_window.customer_display
    main_window.counter.open_member(ada.id)
    dialog = main_window.counter.redeem()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.rewards.count() > 0)
    mug = next(i for i in range(dialog.rewards.count()) if dialog.rewards.item(i).text().startswith("Mug"))
    dialog.rewards.setCurrentRow(mug)
    dialog.submit()                                   # the confirmation: reward, cost, balance after
    dialog.submit()                                   # and the redemption
    qtbot.waitUntil(lambda: display.points.text() == "100 points used")
    assert display.balance.text() == "Balance: 200 points"
    assert shown_text(display).endswith("You can have now: Mug")          # 200 points still buy one


def test_a_purchase_at_the_counter_shows_on_the_display(main_window, qtbot, ada):  # type: ignore[no-untyped-def]
    main_window.findChild(type(main_window.menuBar().actions()[0]), "customerDisplayAction").trigger()
    display = main_window.customer_display
    qtbot.waitExposed(display)
    assert shown_text(display) == "Welcome to Corner Shop"
    main_window.counter.open_member(ada.id)
    assert display.greeting.text() == "Hello, Ada"
    assert display.balance.text() == "Balance: 300 points"
    buy(qtbot, main_window.counter, "20")
    qtbot.waitUntil(lambda: display.points.text() == "+20 points")
    assert shown_text(display) == ("Hello, Ada | +20 points | Balance: 320 points | 180 points to Silver"
                                   " | You can have now: Mug")
    main_window.counter.refresh()               # the counter reads the member again: the sale stays shown
    assert display.points.text() == "+20 points"


def test_the_display_shows_no_other_personal_data(session, qtbot, gui_svc, ada):  # type: ignore[no-untyped-def]
    counter = CounterBar(session)
    display = CustomerDisplay(session)
    qtbot.addWidget(counter)
    qtbot.addWidget(display)
    display.follow(counter)
    display.show()
    counter.open_member(ada.id)
    text = shown_text(display)
    assert "Ada" in text
    for private in ("Lovelace", "ada@example.com", "555", "2671", "1990", ada.card_number, ada.referral_code):
        assert private not in text
    for label in display.findChildren(QLabel):      # hidden labels and the other page too
        assert "Lovelace" not in label.text() and "example.com" not in label.text()


def test_it_returns_to_welcome_after_the_timeout(session, qtbot, ada):  # type: ignore[no-untyped-def]
    counter = CounterBar(session)
    display = CustomerDisplay(session, timeout_ms=50)
    qtbot.addWidget(counter)
    qtbot.addWidget(display)
    display.follow(counter)
    display.show()
    counter.open_member(ada.id)
    assert display.stack.currentIndex() == 1
    qtbot.waitUntil(lambda: display.stack.currentIndex() == 0, timeout=5000)
    assert shown_text(display) == "Welcome to Corner Shop"
    assert all("Ada" not in label.text() for label in display.findChildren(QLabel))
    counter.refresh()                               # the same member read again: stays on welcome
    assert display.stack.currentIndex() == 0


def test_closing_the_member_at_the_counter_shows_welcome_at_once(session, qtbot, ada):  # type: ignore[no-untyped-def]
    counter = CounterBar(session)
    display = CustomerDisplay(session)
    qtbot.addWidget(counter)
    qtbot.addWidget(display)
    display.follow(counter)
    counter.open_member(ada.id)
    assert display.stack.currentIndex() == 1
    counter._show_member(None)
    assert display.stack.currentIndex() == 0
