"""The shop's locale, currency, time zone and phone region drive every label and amount on screen."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel

from loyalty_desk.services.contacts import display_phone
from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.members.members_model import NAME, SPENT
from loyalty_desk.views.members.members_tab import MembersTab
from loyalty_desk.views.programs.programs_tab import ProgramsTab
from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.widgets import formatting as fmt
from loyalty_desk.views.widgets.formatting import THOUSANDS, use_shop_formats

from ..support import SHOP, enroll, make_program, shown

pytestmark = pytest.mark.gui

FRANCE = {"country": "FR", "locale": "fr_FR", "currency": "EUR", "timezone": "Europe/Paris", "phone_region": "FR"}
GERMANY = {"country": "DE", "locale": "de_DE", "currency": "EUR", "timezone": "Europe/Berlin", "phone_region": "DE"}
FRENCH_MOBILE = "+33612345678"


def switch_to(session: ShopSession, settings: dict[str, str]) -> None:
    """Save the settings as the Settings dialog does, and announce them."""
    session.svc.save_shop(SHOP, settings)
    session.notify(Changes(shop=True))


@pytest.fixture
def member(gui_svc) -> Any:
    """A EUR program in a shop set up for France before it has data (so its zone applies at once);
    the open session still shows the shop's first (US) formats until told of the change."""
    gui_svc.save_shop(SHOP, FRANCE)
    program = make_program(gui_svc, currency="EUR", min_redemption_points=0)
    ada = enroll(gui_svc, program.id, "Ada Lovelace", phone=FRENCH_MOBILE)
    gui_svc.record_purchase(SHOP, program.id, ada.id, "12.50", "ORD-1")
    return ada


def counter_with(qtbot, session: ShopSession, member_id: int) -> CounterBar:
    bar = shown(qtbot, CounterBar(session), (1100, 500))
    bar.open_member(member_id)
    qtbot.waitUntil(lambda: bar.member is not None)
    return bar


def test_the_phone_is_national_in_its_own_region_and_international_elsewhere() -> None:
    assert display_phone(FRENCH_MOBILE, "FR") == "06 12 34 56 78"
    assert display_phone(FRENCH_MOBILE, "US") == "+33 6 12 34 56 78"
    assert display_phone("+14155552671", "us") == "(415) 555-2671"
    assert display_phone(None, "FR") == ""


def test_a_french_shop_shows_euros_full_years_paris_time_and_french_phones(qtbot, session, member) -> None:
    tab = shown(qtbot, MembersTab(session), (1280, 800))
    switch_to(session, FRANCE)
    assert QLocale().name() == "fr_FR"
    model = tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    spent = model.data(model.index(0, SPENT), Qt.ItemDataRole.DisplayRole)
    assert spent.replace("\u202f", " ").replace("\u00a0", " ") == "12,50 €"
    assert "06 12 34 56 78" in model.data(model.index(0, NAME), Qt.ItemDataRole.ToolTipRole)
    # The change of formats reloads the table: a row selected before the new page arrives goes with
    # the old one, so the selection is made again until the detail follows it.
    qtbot.waitUntil(lambda: not model.loading and tab.select_member(member.id)
                    and tab.detail.member_id == member.id, timeout=20000)  # a loaded machine
    subtitle = tab.detail.subtitle.text()
    assert "06 12 34 56 78" in subtitle
    # Enrolled at 15:30 UTC on 2 March 2026: 16:30 in Paris, with the year in full.
    assert "joined 02/03/2026 16:30" in subtitle


def test_dates_have_four_digit_years_in_every_locale(session) -> None:
    for name in ("en_US", "de_DE", "fr_FR", "en_GB", "ja_JP"):
        use_shop_formats(name, "UTC")
        assert re.search(r"\b2026\b", fmt.date(dt.date(2026, 12, 2))), name
        assert re.search(r"\b2026\b", fmt.date_time(dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC))), name


def test_times_of_day_are_on_the_shops_clock() -> None:
    moment = dt.datetime(2026, 12, 3, 13, 5, tzinfo=dt.UTC)
    use_shop_formats("fr_FR", "Europe/Paris")
    assert fmt.time_of_day(moment) == "14:05"                 # the status bar's "updated at", in Paris
    use_shop_formats("en_US", "America/New_York")
    assert fmt.time_of_day(moment).replace("\u202f", " ") == "8:05 AM"


def test_the_program_editor_says_points_per_euro(qtbot, session, member) -> None:
    switch_to(session, FRANCE)
    tab = shown(qtbot, ProgramsTab(session), (1200, 750))
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.currency.text() == "EUR")
    labels = {label.text() for label in editor.findChildren(QLabel) if label.isVisible()}
    assert "&Points per €1:" in labels
    assert not any("dollar" in text.lower() for text in labels)
    editor.currency.setText("INR")
    assert "&Points per ₹1:" in {label.text() for label in editor.findChildren(QLabel)}


def test_an_american_shop_is_unchanged(qtbot, session, gui_svc) -> None:
    make_program(gui_svc)
    tab = shown(qtbot, ProgramsTab(session), (1200, 750))
    labels = {label.text() for label in tab.editor.findChildren(QLabel)}
    assert "&Points per $1:" in labels
    assert fmt.money(Decimal("1234.5"), "USD") == "$1,234.50"
    assert fmt.date(dt.date(2026, 12, 2)) == "12/2/2026"


@pytest.mark.parametrize(("settings", "good", "amount", "bad", "reason"), [
    (FRANCE, "12,50", Decimal("12.50"), "12.50", "Use a comma for the cents, like 12,50"),
    (GERMANY, "1234,50", Decimal("1234.50"), "1.234,50", THOUSANDS),
])
def test_the_till_takes_the_shops_decimal_comma(qtbot, session, member, settings, good, amount, bad,
                                                 reason) -> None:
    bar = counter_with(qtbot, session, member.id)
    switch_to(session, settings)
    dialog = bar.record_purchase()
    assert dialog is not None
    qtbot.keyClicks(dialog.amount, good)
    assert dialog.amount.amount() == amount
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, bad)
    assert dialog.amount.amount() is None
    assert dialog.amount.problem() == reason
    dialog.reject()


def test_an_open_program_editor_follows_a_settings_change(qtbot, session, member) -> None:
    tab = shown(qtbot, ProgramsTab(session), (1200, 750))
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.currency.text() == "EUR")
    assert editor.ppd_row.hint.text() == "€20.00 earns 20 points"  # the session still has US formats
    switch_to(session, FRANCE)
    qtbot.waitUntil(lambda: editor.ppd_row.hint.text().replace("\u00a0", " ") == "20,00 € earns 20 points")
    # The stored rates are rewritten with the comma rather than left as refused "0.01"; nothing looks edited.
    assert (editor.points_per_dollar.text(), editor.point_value.text()) == ("1", "0,01")
    assert not editor.is_dirty(), editor.changes()
