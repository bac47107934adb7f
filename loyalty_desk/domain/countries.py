"""What a shop's country proposes: phone region, time zone, currency, number and date format, paper.

The facts come from the Unicode CLDR through Babel (territory currencies, time
zones, official languages), so that every country works, not a hand-picked five.
The owner can change each proposal; this only fills the form.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies, list_currencies

# CLDR's supplemental paperSize data: these territories use US Letter, the rest A4.
CURRENCY_RULE = "The currency must be an ISO 4217 code such as USD, EUR or INR"
LETTER_TERRITORIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())

# CLDR lists a country's zones alphabetically; where the first is not where most
# people live, the usual choice is named here. The owner picks another if need be.
MAIN_ZONES = {
    "US": "America/New_York", "CA": "America/Toronto", "BR": "America/Sao_Paulo", "AU": "Australia/Sydney",
    "RU": "Europe/Moscow", "MX": "America/Mexico_City", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "ID": "Asia/Jakarta", "AR": "America/Argentina/Buenos_Aires", "CL": "America/Santiago",
    "CN": "Asia/Shanghai", "NZ": "Pacific/Auckland", "EC": "America/Guayaquil", "KZ": "Asia/Almaty",
    "UA": "Europe/Kyiv", "DE": "Europe/Berlin", "CD": "Africa/Kinshasa", "MN": "Asia/Ulaanbaatar",
}


@dataclass(frozen=True, slots=True)
class CountryDefaults:
    country: str            # ISO 3166 alpha-2, upper case
    phone_region: str
    time_zone: str          # IANA name
    time_zones: tuple[str, ...]
    currency: str           # ISO 4217
    locale: str             # a CLDR locale name such as "fr_FR"
    paper_size: str         # "A4" or "Letter"


def country_names(display: str = "en") -> list[tuple[str, str]]:
    """Every country CLDR knows, as (code, name) sorted by name in the display language."""
    names = Locale.parse(display).territories
    return sorted(((str(code), name) for code, name in names.items() if is_country(code)), key=lambda item: item[1])


def is_country(code: object) -> bool:
    return isinstance(code, str) and _is_country(code)


def defaults_for(country: str, today: dt.date | None = None) -> CountryDefaults:
    """The proposals for one country; KeyError for a code that is not a country."""
    code = country.strip().upper()
    if not _is_country(code):
        raise KeyError(country)
    zones = tuple(get_global("territory_zones").get(code, ()))
    zone = MAIN_ZONES.get(code) or (zones[0] if zones else "UTC")
    currencies = get_territory_currencies(code, today or dt.date.today(), tender=True)
    return CountryDefaults(
        country=code, phone_region=code, time_zone=zone, time_zones=tuple(sorted(zones)) or ("UTC",),
        currency=currencies[0] if currencies else "USD", locale=_locale_for(code),
        paper_size=paper_for(code))


def paper_for(country: str) -> str:
    """The paper a country's printers are loaded with."""
    return "Letter" if country.upper() in LETTER_TERRITORIES else "A4"


def is_currency(code: object) -> bool:
    """An ISO 4217 code CLDR knows ("EUR", "INR"), in capitals: a made-up "XYZ" would print as itself."""
    return isinstance(code, str) and code in _currencies()


@cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def is_locale(name: object) -> bool:
    """A locale name CLDR has data for, written with an underscore ("fr_FR", "en_IN")."""
    if not isinstance(name, str) or not name or "-" in name or not localedata.exists(name):
        return False
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _locale_for(code: str) -> str:
    # The app speaks English: where English is an official language, its local
    # variant gives the country's dates and numbers (en_IN, en_CA); elsewhere
    # the country's main language does (fr_FR, de_DE).
    if "en" in get_official_languages(code, de_facto=True) and localedata.exists(f"en_{code}"):
        return f"en_{code}"
    try:
        likely = Locale.parse(f"und_{code}")
    except UnknownLocaleError:      # no people, no language: Antarctica, Bouvet Island...
        return "en_US"
    return str(likely) if likely.territory == code else "en_US"


@cache
def _countries() -> frozenset[str]:
    # Two-letter codes only: the numeric ones are regions ("150" is Europe);
    # ZZ is "unknown", and QO/EU/EZ/UN are groupings, not countries.
    names = Locale.parse("en").territories
    return frozenset(code for code in names if isinstance(code, str) and len(code) == 2 and code.isalpha()
                     and code not in {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})


def _is_country(code: str) -> bool:
    return code in _countries()
