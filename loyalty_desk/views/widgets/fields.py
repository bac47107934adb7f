"""Small widgets and number helpers shared by the editors and dialogs: spin boxes, short text
fields with a unit and a live hint, optional days and dates, and typed rates read by the one
decimal parser (formatting.read_amount: exact or refused, never guessed)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpinBox, QWidget

from ..i18n import tr
from ..shell.theme import paint
from . import formatting as fmt
from .formatting import canonical_amount

# --- numbers as text ---------------------------------------------------------------


def plain_decimal(value: Decimal | int | str | None) -> str:
    """A stored rate for an edit field: no trailing zeros, no exponent, the locale's decimal point."""
    if value is None:
        return ""
    text = format(Decimal(str(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    point = fmt.locale().decimalPoint()
    return text.replace(".", point) if point != "." else text


def relocalise(edits: Iterable[QLineEdit], typed_in: QLocale) -> None:
    """Rewrite rates typed (or filled) in `typed_in` in today's locale, after the shop's locale changed:
    "1.5" becomes "1,5" rather than a refused number. Text that is not a number yet is left as typed."""
    for edit in edits:
        try:
            value = fmt.read_amount(edit.text(), typed_in, places=None)
        except fmt.AmountProblem:
            continue
        edit.setText(plain_decimal(value))


def rate_text(text: str) -> str:
    """A rate or percent the owner typed, as the decimal string the service takes ("1,5" in a
    comma locale is "1.5"). What cannot be read exactly is returned as typed: `rate_problem`
    says why, and the editors refuse it before anything reaches the service.
    """
    number = as_number(text)
    return canonical_amount(number) if number is not None else text.strip()


def rate_problem(text: str) -> str | None:
    """Why a typed rate cannot be read (formatting.read_amount's rules: exact or refused), or None."""
    try:
        fmt.read_amount(_undecorated(text), places=None, noun="rate")
    except fmt.AmountProblem as problem:
        return problem.message
    return None


def _undecorated(text: str) -> str:
    return text.strip().rstrip("%").removeprefix("×").removeprefix("x").strip()


def as_number(text: str) -> Decimal | None:
    try:
        return fmt.read_amount(_undecorated(text), places=None, noun="rate")
    except fmt.AmountProblem:
        return None


_CANONICAL = re.compile(r"[0-9]+(\.[0-9]+)?")


def same_decimal(text: str, stored: Any) -> bool:
    """A form's value (rate_text's canonical "0.01", which a comma locale would not read) equals the stored one."""
    number = Decimal(text) if _CANONICAL.fullmatch(text) else as_number(text)
    return number is not None and stored is not None and number == Decimal(str(stored))


# --- small widgets -------------------------------------------------------------------


def spin(name: str, maximum: int, *, minimum: int = 0, suffix: str = "", special: str | None = None,
         accessible: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(minimum, maximum)
    box.setGroupSeparatorShown(True)
    if suffix:
        box.setSuffix(suffix)
    if special:
        box.setSpecialValueText(special)
    box.setAccessibleName(accessible or name)
    box.setMinimumWidth(130)
    box.setMaximumWidth(190)
    return box


def text_field(name: str, placeholder: str, accessible: str, width: int = 110) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible)
    edit.setMaxLength(24)
    edit.setMaximumWidth(width)
    edit.setMinimumWidth(width)
    return edit


def date_edit(name: str, accessible: str) -> QDateEdit:
    """A date field in the shop's date format, with a calendar to pick from."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(fmt.date_format())
    edit.setAccessibleName(accessible)
    return edit


def hint_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    paint(label, "muted")
    return label


class OptionalDays(QWidget):
    """A number of days, or none: a check box ("Never expire", "Lifetime points") turns the days off."""

    def __init__(self, name: str, none_text: str, maximum: int, accessible: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name + "Row")
        self.days = spin(name, maximum, minimum=1, suffix=tr(" days"), accessible=accessible)
        self.none = QCheckBox(none_text)
        self.none.setObjectName(name + "None")
        self.none.toggled.connect(lambda on: self.days.setEnabled(not on))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none)
        layout.addWidget(self.days)
        layout.addStretch(1)
        self.setFocusProxy(self.none)

    def value(self) -> int | None:
        return None if self.none.isChecked() else self.days.value()

    def set_value(self, value: int | None, default: int) -> None:
        self.none.setChecked(value is None)
        self.days.setEnabled(value is not None)
        self.days.setValue(default if value is None else int(value))


class TextWithUnit(QWidget):
    """A short text field with its unit (%, a currency code) and an optional live hint beside it."""

    def __init__(self, edit: QLineEdit, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.unit = QLabel(unit)
        self.hint = hint_label(edit.objectName() + "Hint")
        # Hints wrap rather than widen the form (a long one would push the second column out of view).
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(self.unit)
        layout.addSpacing(6)
        layout.addWidget(self.hint, 1)
        self.setFocusProxy(edit)


# --- small widgets -------------------------------------------------------------


class OptionalDate(QWidget):
    """A date that may be left out: a check box turns the date edit on."""

    def __init__(self, label: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.check = QCheckBox(label)
        self.check.setObjectName(f"{name}Set")
        self.edit = date_edit(f"{name}Date", label)
        self.edit.setDate(fmt.today())
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.check)

    def value(self) -> dt.date | None:
        return fmt.day_of(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))
