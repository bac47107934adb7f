"""A shop's country proposes its phone region, time zone, currency, formats and paper."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from loyalty_desk.domain.countries import country_names, defaults_for, is_country, is_locale

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(("country", "zone", "currency", "locale", "paper"), [
    ("FR", "Europe/Paris", "EUR", "fr_FR", "A4"),
    ("DE", "Europe/Berlin", "EUR", "de_DE", "A4"),
    ("GB", "Europe/London", "GBP", "en_GB", "A4"),
    ("IN", "Asia/Kolkata", "INR", "en_IN", "A4"),
    ("US", "America/New_York", "USD", "en_US", "Letter"),
    ("CA", "America/Toronto", "CAD", "en_CA", "Letter"),
    ("ES", "Europe/Madrid", "EUR", "es_ES", "A4"),
])
def test_the_five_shops_of_the_issue_and_more(country, zone, currency, locale, paper):
    proposed = defaults_for(country.lower(), TODAY)
    assert (proposed.country, proposed.phone_region) == (country, country)
    assert (proposed.time_zone, proposed.currency, proposed.locale, proposed.paper_size) == (
        zone, currency, locale, paper)
    assert zone in proposed.time_zones


def test_every_country_proposes_a_real_zone_and_locale():
    names = country_names()
    assert len(names) > 240 and ("FR", "France") in names
    assert [name for _, name in names] == sorted(name for _, name in names)
    zones = zoneinfo.available_timezones() | {"UTC"}
    for code, _ in names:
        proposed = defaults_for(code, TODAY)
        assert proposed.time_zone in zones, code
        assert is_locale(proposed.locale), code
        assert len(proposed.currency) == 3, code


@pytest.mark.parametrize("code", ["", "F", "FRA", "150", "ZZ", "EU", 33, None])
def test_what_is_not_a_country(code):
    assert not is_country(code)
    if isinstance(code, str):
        with pytest.raises(KeyError):
            defaults_for(code)


@pytest.mark.parametrize(("name", "known"), [
    ("fr_FR", True), ("en_IN", True), ("de", True), ("fr-FR", False), ("xx_YY", False), ("", False), (None, False),
])
def test_locale_names(name, known):
    assert is_locale(name) is known
