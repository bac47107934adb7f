"""The counter's amount field keeps every key, says why a text is not an amount, and clears when fixed."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from loyalty_desk.views.widgets.amount_field import AmountField
from loyalty_desk.views.widgets.forms import FieldErrors, error_label

pytestmark = pytest.mark.gui

EN, DE = QLocale("en_US"), QLocale("de_DE")


@pytest.fixture
def make(qtbot):
    """Makes the field with its error label under it, as a dialog lays them out."""
    forms: list[QWidget] = []  # held here: a form Python lets go of is deleted with its field

    def build(currency: str = "EUR", locale: QLocale = EN, **options) -> AmountField:
        form = QWidget()
        layout = QVBoxLayout(form)
        field = AmountField(currency, locale, **options)
        layout.addWidget(field)
        layout.addWidget(field.error)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        field.setFocus()
        forms.append(form)
        return field

    return build


def shown_error(field: AmountField) -> str:
    return field.error.text() if not field.error.isHidden() else ""


def test_a_new_field_says_nothing_and_shows_the_locales_separator(qtbot, make) -> None:
    field = make()
    assert (field.amount(), field.problem(), shown_error(field)) == (None, "Enter the amount", "")
    assert field.placeholderText() == "0.00"
    assert make(locale=DE).placeholderText() == "0,00"
    assert make("JPY").placeholderText() == "0"
    assert field.validator() is None  # nothing may swallow a key


def test_a_comma_in_english_is_kept_and_explained_then_cleared_when_corrected(qtbot, make) -> None:
    field = make()
    qtbot.keyClicks(field, "12,50")
    assert field.text() == "12,50"  # every key kept: no "1250", no "12"
    assert field.amount() is None
    assert shown_error(field) == field.problem() == "Use a point for the cents, like 12.50"
    for _ in range(3):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, ".50")
    assert field.text() == "12.50"
    assert (field.amount(), field.problem(), shown_error(field)) == (Decimal("12.50"), "", "")
    assert field.canonical() == "12.50"
    assert field.formatted() == "€12.50"


def test_the_same_keys_are_an_amount_in_german(qtbot, make) -> None:
    field = make(locale=DE)
    qtbot.keyClicks(field, "12,50")
    assert field.amount() == Decimal("12.50")
    assert field.canonical() == "12.50"
    assert shown_error(field) == ""
    assert field.formatted() == "12,50\u00a0€"
    field.clear()
    qtbot.keyClicks(field, "1.234")
    assert field.text() == "1.234"
    assert field.amount() is None
    assert shown_error(field) == "Type the amount without thousands separators"


@pytest.mark.parametrize(("keys", "reason"), [
    ("1,234.56", "Type the amount without thousands separators"),
    ("-5", "Use Return for a refund"),
    ("1e3", "Type the amount with digits only"),
    ("abc", "Type the amount with digits only"),
    ("12.505", "At most two decimals"),
    ("0", "Enter an amount above zero"),
])
def test_what_is_not_an_amount_is_kept_and_explained(qtbot, make, keys: str, reason: str) -> None:
    field = make()
    qtbot.keyClicks(field, keys)
    assert field.text() == keys
    assert field.amount() is None and field.canonical() is None and field.formatted() == ""
    assert shown_error(field) == reason
    assert field.accessibleDescription() == reason


def test_signals_follow_the_text(qtbot, make) -> None:
    field = make()
    validity: list[bool] = []
    amounts: list[object] = []
    field.validityChanged.connect(validity.append)
    field.amountChanged.connect(amounts.append)
    with qtbot.waitSignal(field.validityChanged, timeout=1000) as became:
        qtbot.keyClicks(field, "7")
    assert became.args == [True]
    qtbot.keyClicks(field, ",")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, ".2")
    assert validity == [True, False, True, False, True]  # "7" ok, "7," not, "7" ok, "7." not, "7.2" ok
    assert amounts == [Decimal("7"), None, Decimal("7"), None, Decimal("7.2")]


def test_emptying_the_field_after_typing_asks_for_the_amount_and_clear_starts_fresh(qtbot, make) -> None:
    field = make()
    qtbot.keyClicks(field, "5")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert shown_error(field) == "Enter the amount"
    field.clear()
    assert shown_error(field) == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter on an empty field says what is missing
    assert shown_error(field) == "Enter the amount"


def test_a_currency_without_cents_refuses_them(qtbot, make) -> None:
    field = make("JPY")
    qtbot.keyClicks(field, "1200.50")
    assert field.amount() is None
    assert shown_error(field) == "Type the amount without cents"


def test_an_unplaced_error_label_never_opens_as_a_window(qtbot) -> None:
    field = AmountField("EUR", EN)
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "12,50")
    assert field.problem() == "Use a point for the cents, like 12.50"
    assert field.error.text() == field.problem() and not field.error.isVisible()


def test_the_reason_can_live_in_a_dialogs_own_error_row(qtbot) -> None:
    """In a FieldErrors row the reason survives FieldErrors' clear-on-edit, and goes when the text is fixed."""
    form_widget = QWidget()
    form = QFormLayout(form_widget)
    errors = FieldErrors(error_label("generalError"))
    field = AmountField("EUR", DE)
    errors.add_row(form, "Amount", field, "amount")
    field.show_problems_in(errors.labels["amount"])
    qtbot.addWidget(form_widget)
    form_widget.show()
    qtbot.waitExposed(form_widget)
    qtbot.keyClicks(field, "1.234,5")
    assert errors.message("amount") == "Type the amount without thousands separators"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Right)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "1234,5"
    assert errors.message("amount") == ""
    assert field.amount() == Decimal("1234.5")
