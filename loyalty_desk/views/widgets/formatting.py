"""Money, points and dates for people: QLocale formatting, local time on screen."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from ...services.earning import currency_places


def locale() -> QLocale:
    return QLocale()


def use_default_locale() -> None:
    """The system's locale; a bare POSIX "C" locale (no digit grouping, no currency) becomes US English."""
    system = QLocale.system()
    if system.language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(system)


def money(amount: Decimal | int | str | None, currency: str, in_locale: QLocale | None = None) -> str:
    if amount is None:
        return ""
    value = Decimal(amount)
    # QLocale takes a float for display only; the amount itself stays a Decimal everywhere else.
    # The precision is the currency's, not the locale's: a locale whose own currency has no cents
    # (ja_JP) would otherwise show €12.50 as "€13". Two decimals below 1e15 survive the float exactly.
    return (in_locale or locale()).toCurrencyString(float(value), _symbol(currency), currency_places(currency))


def _symbol(currency: str) -> str:
    symbols = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "CHF": "CHF ",
               "INR": "₹", "SEK": "kr ", "NOK": "kr ", "DKK": "kr "}
    return symbols.get(currency.upper(), currency.upper() + " ")


def points(value: int | None) -> str:
    return "" if value is None else locale().toString(int(value))


def signed_points(value: int) -> str:
    return ("+" if value > 0 else "") + points(value)


def day_of(value: QDate) -> dt.date:
    """A QDate from a date field, as the service's date."""
    return dt.date(value.year(), value.month(), value.day())


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


# --- amounts typed by a person ---------------------------------------------------------------
#
# The rule (issue 9): the decimal separator is the locale's, with at most two digits after it;
# no group separators at all; nothing is ever silently removed or reinterpreted. Whatever is
# not exactly that is refused with a reason the cashier can act on, because a misread amount
# lands in the append-only ledger and can only be undone by a return.

_GROUP_MARKS = frozenset("'\u2019\u2018 \u00a0\u202f\u2009_\u066c")  # apostrophes, spaces, _ and Arabic ٬
_POINT_MARKS = frozenset(".,")  # each is the decimal separator somewhere and a group separator elsewhere
_MINUS_SIGNS = frozenset("-\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d")
_BIDI_MARKS = "\u200e\u200f\u061c"  # some locales put these before a minus sign

THOUSANDS = "Type the amount without thousands separators"


class AmountProblem(ValueError):
    """Why a typed amount was refused, in words for the person at the till."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _separator_name(point: str, article: str = "a") -> str:
    return {".": f"{article} point", ",": f"{article} comma"}.get(point, f"“{point}”")


def read_amount(text: str, in_locale: QLocale | None = None, *, places: int | None = 2,
                noun: str = "amount") -> Decimal:
    """The amount a person typed, exactly, or AmountProblem saying why it cannot be read.

    The one parser of typed decimals: money at the till, and (with `places=None` and a `noun`
    such as "rate") the rates and percents of the program editors. `places` is the most
    decimals allowed (2, or 0 for yen and the like; None for no limit). The decimals are kept
    as typed ("12,50" in de_DE is Decimal("12.50")). Surrounding whitespace is the only thing
    ever dropped.
    """
    loc = in_locale or locale()
    point = loc.decimalPoint()
    groups = (_GROUP_MARKS | {loc.groupSeparator()}) - _POINT_MARKS - {point}
    typed = text.strip()
    thousands = THOUSANDS.replace("amount", noun)
    if not typed:
        raise AmountProblem(f"Enter the {noun}")
    if typed.lstrip(_BIDI_MARKS)[:1] in _MINUS_SIGNS:
        raise AmountProblem("Use Return for a refund" if noun == "amount" else f"The {noun} cannot be negative")
    for ch in typed:
        if ch in "0123456789" or ch == point or ch in _POINT_MARKS or ch in groups:
            continue
        # Letters, exponents, signs and digits of other scripts ("１２", "٣"): Decimal() and
        # str.isdigit() accept the latter, so only the ten ASCII digits count here.
        raise AmountProblem(f"Type the {noun} with the digits 0 to 9 only" if ch.isdigit()
                            else f"Type the {noun} with digits only")
    if any(ch in groups for ch in typed):
        raise AmountProblem(thousands)
    others = [ch for ch in typed if ch in _POINT_MARKS and ch != point]
    if others:
        # A point or comma that is not this locale's decimal separator: in "1,234.56",
        # "1.234,56", "1,234" (en) or "1.234" (de) it can only be grouping, which is refused
        # rather than guessed; in "12.50" typed under de_DE it is the other convention's cents.
        if len(others) > 1 or point in typed:
            raise AmountProblem(thousands)
        before, _, after = typed.partition(others[0])
        if len(after) == 3 and 1 <= len(before) <= 3:
            raise AmountProblem(thousands)
        raise AmountProblem(f"Use {_separator_name(point)} for the cents, like 12{point}50" if places is not None
                            else f"Use {_separator_name(point)} for the decimals, like 1{point}5")
    if typed.count(point) > 1:
        raise AmountProblem(thousands)  # "1.234.567" in en_US is German grouping, not a number
    whole, has_point, cents = typed.partition(point)
    if has_point and not whole:
        raise AmountProblem(f"Type a 0 before {_separator_name(point, 'the')}, like 0{point}50")
    if has_point and not cents:
        raise AmountProblem(f"Type the cents after {_separator_name(point, 'the')}, like 12{point}50")
    if places is not None and len(cents) > places:
        raise AmountProblem({0: "Type the amount without cents", 1: "At most one decimal"}.get(
            places, f"At most {'two' if places == 2 else places} decimals"))
    return Decimal(f"{whole}.{cents}" if has_point else whole)


def canonical_amount(amount: Decimal) -> str:
    """The one string form the service takes ("12.50"): ASCII digits and a point, decimals as given."""
    if not amount.is_finite() or amount.is_signed():
        raise ValueError(f"not an amount the service takes: {amount!r}")
    return format(amount, "f")


