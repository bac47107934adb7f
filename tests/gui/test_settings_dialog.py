"""Shop settings: the country proposes, every field is checked next to itself, nothing is saved half-way."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from loyalty_desk.views.shell.changes import Changes
from loyalty_desk.views.shell.settings_dialog import SettingsDialog, logo_png

from ..support import SHOP, database_state, make_program, shown


def open_dialog(qtbot, session) -> SettingsDialog:  # type: ignore[no-untyped-def]
    return shown(qtbot, SettingsDialog(session))


def choose_country(qtbot, dialog: SettingsDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    index = dialog.country.findText(name)
    assert index > 0, name
    dialog.country.setCurrentIndex(index)
    dialog.country.activated.emit(index)


def test_the_country_proposes_and_save_stores_everything(qtbot, session, gui_svc):
    dialog = open_dialog(qtbot, session)
    assert dialog.name.text() == "Corner Shop" and dialog.time_zone.currentText() == "UTC"
    choose_country(qtbot, dialog, "France")
    assert (dialog.time_zone.currentText(), dialog.phone_region.text(), dialog.currency.currentText(),
            dialog.locale_name.currentText(), dialog.paper.currentText()) == (
        "Europe/Paris", "FR", "EUR", "fr_FR", "A4")
    dialog.footer.setPlainText("Merci et à bientôt")   # QTest types ASCII only
    with qtbot.waitSignal(session.changed) as announced:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert announced.args[0].shop and not dialog.isVisible()
    shop = gui_svc.get_shop(SHOP)
    assert (shop.country, shop.timezone, shop.phone_region, shop.currency, shop.locale, shop.paper_size,
            shop.receipt_footer) == ("FR", "Europe/Paris", "FR", "EUR", "fr_FR", "A4", "Merci et à bientôt")


def test_bad_fields_are_shown_next_to_themselves_and_nothing_is_saved(qtbot, session, gui_svc):
    dialog = open_dialog(qtbot, session)
    before = database_state(gui_svc)
    dialog.name.clear()
    dialog.locale_name.setCurrentText("fr-FR")
    dialog.time_zone.setCurrentText("Europe/Pariss")
    dialog.submit()
    assert dialog.errors.message("shop_name") == "Enter the shop name"
    assert "fr_FR" in dialog.errors.message("locale")
    assert "Europe/Paris" in dialog.errors.message("timezone")
    assert dialog.isVisible() and database_state(gui_svc) == before


def test_the_services_refusal_lands_on_its_field(qtbot, session, gui_svc):
    dialog = open_dialog(qtbot, session)
    before = database_state(gui_svc)
    dialog.phone_region.setText("QQ")          # two letters, but no phone region
    dialog.submit()
    assert "Unknown phone region" in dialog.errors.message("phone_region")
    assert dialog.isVisible() and database_state(gui_svc) == before


def test_a_time_zone_change_waits_and_says_so(qtbot, session, gui_svc):
    make_program(gui_svc)
    dialog = open_dialog(qtbot, session)
    dialog.time_zone.setCurrentText("Asia/Kolkata")
    dialog.submit()
    shop = gui_svc.get_shop(SHOP)
    assert (shop.timezone, shop.next_timezone) == ("UTC", "Asia/Kolkata")
    again = open_dialog(qtbot, session)
    assert again.time_zone.currentText() == "Asia/Kolkata"
    assert "Asia/Kolkata from" in again.zone_note.text()
    # Saving again without touching the zone keeps the waiting change as it is.
    again.submit()
    assert gui_svc.get_shop(SHOP).timezone_changes_at == shop.timezone_changes_at


def test_a_logo_is_stored_as_a_small_png(qtbot, session, gui_svc, tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(1200, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    path = tmp_path / "logo.jpg"
    assert image.save(str(path))
    png = logo_png(str(path))
    assert png is not None and png.startswith(b"\x89PNG")
    back = QImage.fromData(png)
    assert (back.width(), back.height()) == (600, 300)
    assert logo_png(str(tmp_path / "missing.png")) is None
    dialog = open_dialog(qtbot, session)
    dialog.logo.set_png(png)
    dialog.submit()
    assert gui_svc.get_shop(SHOP).logo_png == png


def test_first_run_asks_for_the_country_and_time_zone(qtbot, gui_svc):
    from loyalty_desk.views.shell.setup_dialogs import FirstRunDialog

    dialog = shown(qtbot, FirstRunDialog(gui_svc))
    assert dialog.country.currentData() is not None and dialog.time_zone.currentText()
    qtbot.keyClicks(dialog.name, "Kaffeehaus")
    choose_country(qtbot, dialog, "Germany")
    assert (dialog.time_zone.currentText(), dialog.currency.currentText()) == ("Europe/Berlin", "EUR")
    dialog.submit()
    shop = gui_svc.get_shop(dialog.user_id)
    assert (shop.country, shop.timezone, shop.phone_region, shop.currency, shop.locale, shop.paper_size) == (
        "DE", "Europe/Berlin", "DE", "EUR", "de_DE", "A4")
    assert [p.currency for p in gui_svc.get_loyalty_programs(dialog.user_id)] == ["EUR"]


def test_every_field_is_checked_as_it_is_typed_and_save_waits_for_all(qtbot, session, gui_svc):
    dialog = open_dialog(qtbot, session)
    before = database_state(gui_svc)
    assert dialog.save_button.isEnabled() and not dialog.errors.message("shop_name")
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    assert dialog.errors.message("shop_name") == "Enter the shop name"     # at once, before any Save
    assert not dialog.save_button.isEnabled() and dialog.name.hasFocus()   # the focus stays where one types
    phone = dialog.phone_region
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(phone, "F")
    assert "two-letter" in dialog.errors.message("phone_region") and dialog.errors.message("shop_name")
    qtbot.keyClicks(phone, "R")
    assert not dialog.errors.message("phone_region") and not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)                              # Save is off: Enter saves nothing
    assert dialog.isVisible() and database_state(gui_svc) == before
    qtbot.keyClicks(dialog.name, "Corner Shop")
    assert not dialog.errors.message("shop_name") and dialog.save_button.isEnabled()
    amount = dialog.return_amount
    amount.setFocus()
    qtbot.keyClick(amount, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(amount, "12.345")
    assert dialog.errors.message("return_approval_amount") == "At most two decimals"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(amount, Qt.Key.Key_Backspace)
    assert not dialog.errors.message("return_approval_amount") and dialog.save_button.isEnabled()
    lock = dialog.auto_lock
    lock.setFocus()
    qtbot.keyClick(lock, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lock, Qt.Key.Key_Backspace)
    assert dialog.errors.message("auto_lock_minutes") == "Enter a whole number from 1 to 240"
    assert not dialog.save_button.isEnabled() and database_state(gui_svc) == before
    dialog.footer.setPlainText("Thank you! " * 30)                         # 330 characters: the service's limit
    assert dialog.errors.message("receipt_footer") == "The receipt footer is longer than 300 characters"
    dialog.footer.setPlainText("Thank you!")
    assert not dialog.errors.message("receipt_footer")
    dialog.currency.setCurrentText("XYZ")
    assert "ISO 4217" in dialog.errors.message("currency")


def test_the_owner_sets_the_staff_limits_in_settings(qtbot, session, gui_svc):
    gui_svc.save_shop(SHOP, {"country": "FR", "currency": "EUR", "locale": "fr_FR"})
    session.notify(Changes(shop=True))
    dialog = open_dialog(qtbot, session)
    assert (dialog.approval_threshold.value(), dialog.daily_cap.value(), dialog.auto_lock.value()) == (500, 2000, 5)
    assert dialog.return_amount.text() == "100,00"                        # as typed in fr_FR, never a float
    for box, value in ((dialog.approval_threshold, "300"), (dialog.daily_cap, "1500"), (dialog.auto_lock, "15")):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(box, value)
    dialog.return_amount.setFocus()
    qtbot.keyClick(dialog.return_amount, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.return_amount, "150,50")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(session.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    shop = gui_svc.get_shop(SHOP)
    assert (shop.approval_threshold_points, shop.cashier_daily_adjustment_cap, shop.auto_lock_minutes) == (300, 1500, 15)
    assert shop.return_approval_amount == Decimal("150.50") and isinstance(shop.return_approval_amount, Decimal)
    again = open_dialog(qtbot, session)
    assert again.changes() == {}                                          # what was saved reads back the same


def test_only_the_owner_opens_settings(qtbot, gui_svc, qapp):
    from PySide6.QtGui import QAction

    from loyalty_desk.views.shell.main_window import MainWindow
    from loyalty_desk.views.shell.session import ShopSession

    from ..staff_support import PINS, staffed_shop

    shop = staffed_shop(gui_svc)
    session = ShopSession(gui_svc, SHOP)
    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "settingsAction")
    for name, allowed in (("Ana", False), ("Marc", False), ("Olive", True)):
        session.set_person(gui_svc.sign_in(SHOP, shop[name], PINS[name]))
        assert action.isEnabled() is allowed, name
        assert allowed or action.toolTip() == "Needs the owner: change the shop's settings"
