"""Money, points and dates for people: QLocale formatting, local time on screen."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone


def locale() -> QLocale:
    return QLocale()


def use_default_locale() -> None:
    """The system's locale; a bare POSIX "C" locale (no digit grouping, no currency) becomes US English."""
    system = QLocale.system()
    if system.language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(system)


def money(amount: Decimal | int | str | None, currency: str) -> str:
    if amount is None:
        return ""
    value = Decimal(amount)
    # QLocale takes a float for display only; the amount itself stays a Decimal everywhere else.
    return locale().toCurrencyString(float(value), _symbol(currency))


def _symbol(currency: str) -> str:
    symbols = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "CHF": "CHF ",
               "INR": "₹", "SEK": "kr ", "NOK": "kr ", "DKK": "kr "}
    return symbols.get(currency.upper(), currency.upper() + " ")


def points(value: int | None) -> str:
    return "" if value is None else locale().toString(int(value))


def signed_points(value: int) -> str:
    return ("+" if value > 0 else "") + points(value)


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return locale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def date_time(value: dt.datetime | None) -> str:
    """An aware UTC timestamp shown in the computer's local time."""
    if value is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())
    return locale().toString(moment, QLocale.FormatType.ShortFormat)


def parse_money(text: str) -> Decimal | None:
    """What a cashier typed in an amount field, as a Decimal (None if it is not a number)."""
    cleaned = text.strip().replace(locale().groupSeparator(), "").replace(locale().decimalPoint(), ".")
    cleaned = "".join(ch for ch in cleaned if ch.isdigit() or ch in ".-")
    try:
        return Decimal(cleaned) if cleaned not in ("", ".", "-") else None
    except ArithmeticError:
        return None
