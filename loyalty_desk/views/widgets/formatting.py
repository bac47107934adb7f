"""Money, points and dates for people: the shop's locale, in the shop's time zone.

The shop's locale is the app's default QLocale, and its time zone is kept here, so every
screen formats alike without passing the shop around (`use_shop_formats`, called by the session).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import UnknownLocaleError
from babel.numbers import get_currency_symbol
from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from ...services.earning import currency_places
from ..i18n import tr

_shop_zone: QTimeZone | None = None  # None: the computer's own zone (a shop without settings)


def locale() -> QLocale:
    return QLocale()


def use_shop_formats(locale_name: str | None, zone_name: str | None) -> None:
    """Format as the shop asks: its locale (else the system's) and its time zone (else the computer's)."""
    global _shop_zone
    if locale_name:
        QLocale.setDefault(QLocale(locale_name))
    else:
        use_default_locale()
    zone = QTimeZone(zone_name.encode()) if zone_name else None
    _shop_zone = zone if zone is not None and zone.isValid() else None


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


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "CHF": "CHF ",
            "INR": "₹", "SEK": "kr ", "NOK": "kr ", "DKK": "kr "}


def _symbol(currency: str) -> str:
    """The sign before or after an amount; a code alone is followed by a space ("CHF 12.50")."""
    code = currency.upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    try:
        sign = get_currency_symbol(code, locale().name())
    except (UnknownLocaleError, ValueError):
        sign = code
    return sign if sign != code else code + " "


def per_unit(currency: str) -> str:
    """One unit of money, for labels: "€1", "$1", "₹1", "CHF 1"."""
    return f"{_symbol(currency)}1"


def points(value: int | None) -> str:
    return "" if value is None else locale().toString(int(value))


def signed_points(value: int) -> str:
    return ("+" if value > 0 else "") + points(value)


def day_of(value: QDate) -> dt.date:
    """A QDate from a date field, as the service's date."""
    return dt.date(value.year(), value.month(), value.day())


def four_digit_year(pattern: str) -> str:
    """A QLocale date pattern with the year in full: "12/2/26" could be any of three dates."""
    return re.sub(r"y+", "yyyy", pattern)


def date_format() -> str:
    """The locale's short date, with a 4-digit year: for dates shown and for date edits."""
    return four_digit_year(locale().dateFormat(QLocale.FormatType.ShortFormat))


def date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return locale().toString(QDate(value.year, value.month, value.day), date_format())


def date_time(value: dt.datetime | None) -> str:
    """An aware UTC timestamp shown in the shop's time zone (the computer's when the shop has none)."""
    if value is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _shop_zone or QTimeZone.systemTimeZone())
    pattern = four_digit_year(locale().dateTimeFormat(QLocale.FormatType.ShortFormat))
    return locale().toString(moment, pattern)


def local_day(value: dt.datetime) -> dt.date:
    """The shop's day (the computer's when the shop has none) an aware UTC moment falls on."""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _shop_zone or QTimeZone.systemTimeZone())
    return day_of(moment.date())


def today() -> QDate:
    """Today on the shop's clock (the computer's when the shop has none): a date field's default."""
    return QDateTime.currentDateTime().toTimeZone(_shop_zone or QTimeZone.systemTimeZone()).date()


def time_of_day(value: dt.datetime, *, seconds: bool = False) -> str:
    """The time of an aware UTC moment on the shop's clock, as its locale writes times ("2:09 PM";
    with `seconds`, "2:09:31 PM", as a log wants)."""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), _shop_zone or QTimeZone.systemTimeZone())
    pattern = locale().timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return locale().toString(moment.time(), pattern)


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

THOUSANDS = "Type the amount without thousands separators"   # English; said through _words


class AmountProblem(ValueError):
    """Why a typed amount was refused, in words for the person at the till."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _by_separator(point: str, with_point: str, with_comma: str, with_other: str) -> str:
    """The sentence for the locale's decimal separator (a point, a comma, or another sign), filled in."""
    return {".": with_point, ",": with_comma}.get(point, with_other).format(point=point)


def _words(noun: str) -> dict[str, str]:
    """What read_amount says about an amount or a rate: whole sentences, so that a translation can
    decline the noun (another noun is put in place of "amount" in the English)."""
    if noun == "rate":
        return {"enter": tr("Enter the rate"), "negative": tr("The rate cannot be negative"),
                "ascii": tr("Type the rate with the digits 0 to 9 only"),
                "digits": tr("Type the rate with digits only"),
                "thousands": tr("Type the rate without thousands separators")}
    words = {"enter": tr("Enter the amount"), "negative": tr("Use Return for a refund"),
             "ascii": tr("Type the amount with the digits 0 to 9 only"),
             "digits": tr("Type the amount with digits only"),
             "thousands": tr("Type the amount without thousands separators")}
    if noun != "amount":
        words = {key: f"The {noun} cannot be negative" if key == "negative" else text.replace("amount", noun)
                 for key, text in words.items()}
    return words


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
    words = _words(noun)
    thousands = words["thousands"]
    if not typed:
        raise AmountProblem(words["enter"])
    if typed.lstrip(_BIDI_MARKS)[:1] in _MINUS_SIGNS:
        raise AmountProblem(words["negative"])
    for ch in typed:
        if ch in "0123456789" or ch == point or ch in _POINT_MARKS or ch in groups:
            continue
        # Letters, exponents, signs and digits of other scripts ("１２", "٣"): Decimal() and
        # str.isdigit() accept the latter, so only the ten ASCII digits count here.
        raise AmountProblem(words["ascii"] if ch.isdigit() else words["digits"])
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
        if places is not None:
            raise AmountProblem(_by_separator(point, tr("Use a point for the cents, like 12{point}50"),
                                              tr("Use a comma for the cents, like 12{point}50"),
                                              tr("Use “{point}” for the cents, like 12{point}50")))
        raise AmountProblem(_by_separator(point, tr("Use a point for the decimals, like 1{point}5"),
                                          tr("Use a comma for the decimals, like 1{point}5"),
                                          tr("Use “{point}” for the decimals, like 1{point}5")))
    if typed.count(point) > 1:
        raise AmountProblem(thousands)  # "1.234.567" in en_US is German grouping, not a number
    whole, has_point, cents = typed.partition(point)
    if has_point and not whole:
        raise AmountProblem(_by_separator(point, tr("Type a 0 before the point, like 0{point}50"),
                                          tr("Type a 0 before the comma, like 0{point}50"),
                                          tr("Type a 0 before “{point}”, like 0{point}50")))
    if has_point and not cents:
        raise AmountProblem(_by_separator(point, tr("Type the cents after the point, like 12{point}50"),
                                          tr("Type the cents after the comma, like 12{point}50"),
                                          tr("Type the cents after “{point}”, like 12{point}50")))
    if places is not None and len(cents) > places:
        raise AmountProblem({0: tr("Type the amount without cents"), 1: tr("At most one decimal"),
                             2: tr("At most two decimals")}.get(places, tr("At most {n} decimals").format(n=places)))
    return Decimal(f"{whole}.{cents}" if has_point else whole)


def canonical_amount(amount: Decimal) -> str:
    """The one string form the service takes ("12.50"): ASCII digits and a point, decimals as given."""
    if not amount.is_finite() or amount.is_signed():
        raise ValueError(f"not an amount the service takes: {amount!r}")
    return format(amount, "f")


