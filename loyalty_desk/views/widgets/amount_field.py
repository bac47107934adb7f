"""An amount field for the counter: every key kept, and the reason shown when it is not an amount.

It has no validator on purpose. A validator swallows the keys it dislikes, so "12,50" typed
in an English locale would silently become "1250"; here the text stays exactly as typed and
the field says, beside it, why it cannot be recorded (the rule is formatting.read_amount's).

Use it as any QLineEdit, and put its error label under it:

    field = AmountField(session.currency)
    form.addRow("Amount", field)
    form.addRow("", field.error)          # or field.show_problems_in(an_existing_label)
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...services.earning import currency_places
from ..i18n import tr
from . import formatting as fmt
from .forms import error_label


class AmountField(QLineEdit):
    """A line edit for money that knows whether its text is an amount, and says why not.

    `amount()` is the exact Decimal (None while the text is empty or refused), `problem()`
    the reason in words ("" when it is an amount), `canonical()` the string the service
    takes ("12.50") and `formatted()` the amount as it will be recorded ("€12.50").
    The amount is re-read before textChanged reaches any other slot, so a slot connected
    to textChanged sees the new amount().
    """

    validityChanged = Signal(bool)   # the text became an amount, or stopped being one
    amountChanged = Signal(object)   # the amount as typed: a Decimal, or None

    def __init__(self, currency: str, in_locale: QLocale | None = None, parent: QWidget | None = None, *,
                 name: str = "amount", allow_zero: bool = False, optional: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.currency = currency
        self.number_locale = in_locale or fmt.locale()
        self.places = currency_places(currency)
        self.allow_zero = allow_zero  # a purchase or a return of nothing is not a sale
        self.optional = optional  # empty has a meaning of its own (a return of all that is left)
        point = self.number_locale.decimalPoint()
        self.setPlaceholderText("0" + (point + "0" * self.places if self.places else ""))
        self.error: QLabel = error_label(f"{name}Problem")
        self._amount: Decimal | None = None
        self._problem = "" if optional else tr("Enter the amount")
        self._touched = False  # an empty field says nothing until the person has typed in it
        self.textChanged.connect(self._check)  # connected first: every later slot sees the new amount
        self.returnPressed.connect(self.show_problem)

    # --- what the dialog reads -------------------------------------------------------------

    def amount(self) -> Decimal | None:
        return self._amount

    def problem(self) -> str:
        return self._problem

    def is_valid(self) -> bool:
        return self._amount is not None

    def canonical(self) -> str | None:
        """The amount in the service's one string form ("12.50"), or None."""
        return None if self._amount is None else fmt.canonical_amount(self._amount)

    def formatted(self) -> str:
        """The amount as it will be recorded, as money in the field's currency and locale ("" if none)."""
        return "" if self._amount is None else fmt.money(self._amount, self.currency, self.number_locale)

    def set_amount(self, amount: Decimal | None) -> None:
        """Show a stored amount as the person would type it here ("100,00" in fr_FR): no symbol, no grouping."""
        text = "" if amount is None else fmt.canonical_amount(amount).replace(".", self.number_locale.decimalPoint())
        self.setText(text)

    def set_currency(self, currency: str) -> None:
        """Another currency (a form whose currency is being edited): its decimals, the text read again."""
        if currency != self.currency:
            self.currency, self.places = currency, currency_places(currency)
            point = self.number_locale.decimalPoint()
            self.setPlaceholderText("0" + (point + "0" * self.places if self.places else ""))
            self._check(self.text())

    def show_problem(self) -> None:
        """Show the reason even for an empty field (Enter was pressed, or the form was submitted)."""
        self._touched = True
        self._show()

    def show_problems_in(self, label: QLabel) -> None:
        """Say the reason in an existing label (a FieldErrors row) instead of `error`.

        FieldErrors hides its label on textEdited; Qt sends textChanged after textEdited, so a
        text that is still wrong gets its reason back at once, and a fixed one stays clear.
        """
        self.error = label
        self._show()

    def clear(self) -> None:
        """Empty again, as if new: no "Enter the amount" until something is typed."""
        self._touched = False
        super().clear()
        self._show()

    # --- checking as the person types -------------------------------------------------------

    def _check(self, text: str) -> None:
        was_valid, before = self._amount is not None, self.canonical()
        try:
            if self.optional and not text.strip():
                raise _Empty
            amount = fmt.read_amount(text, self.number_locale, places=self.places)
            if amount == 0 and not self.allow_zero:
                raise fmt.AmountProblem(tr("Enter an amount above zero"))
            self._amount, self._problem = amount, ""
        except fmt.AmountProblem as problem:
            self._amount, self._problem = None, problem.message
        except _Empty:
            self._amount, self._problem = None, ""
        if text.strip():
            self._touched = True  # from the first character on, emptying the field says "Enter the amount"
        self._show()
        if self.canonical() != before:
            self.amountChanged.emit(self._amount)
        if (self._amount is not None) != was_valid:
            self.validityChanged.emit(self._amount is not None)

    def _show(self, *_args: object) -> None:
        shown = self._problem if self._touched else ""
        self.error.setText(shown)
        # A label not yet put in a layout has no parent, and showing it would open it as a window.
        if self.error.parentWidget() is not None:
            self.error.setVisible(bool(shown))
        self.setAccessibleDescription(shown)  # screen readers hear the reason with the field


class _Empty(Exception):
    """An optional field left empty: no amount, and nothing to complain about."""
