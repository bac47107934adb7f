"""Issue 11's "done when": a shop set up for France, Germany, the UK, India or the US, from the
defaults its country proposes, takes that country's phone numbers, days, money and dates."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from loyalty_desk.domain.countries import defaults_for
from loyalty_desk.services.contacts import display_phone
from loyalty_desk.views.widgets import formatting as fmt

from ..support import SHOP, enroll, make_program

UTC = dt.UTC

# country, a national phone number as a customer says it, how it is stored, how it is shown,
# 1234.5 in the shop's money, 2 December 2026, an amount typed at the till
COUNTRIES = [
    ("FR", "06 12 34 56 78", "+33612345678", "06 12 34 56 78", "1 234,50 €", "02/12/2026", "12,50"),
    ("DE", "0151 23456789", "+4915123456789", "01512 3456789", "1.234,50 €", "02.12.2026", "12,50"),
    ("GB", "07400 123456", "+447400123456", "07400 123456", "£1,234.50", "02/12/2026", "12.50"),
    ("IN", "098765 43210", "+919876543210", "098765 43210", "₹1,234.50", "02/12/2026", "12.50"),
    ("US", "(415) 555-2671", "+14155552671", "(415) 555-2671", "$1,234.50", "12/2/2026", "12.50"),
]


def plain(text: str) -> str:
    """Narrow and no-break spaces as plain ones (CLDR puts them in French money)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(("country", "said", "stored", "shown", "money", "day", "typed"), COUNTRIES)
def test_a_shop_set_up_for_its_country(gui_svc, clock, qapp, country, said, stored, shown, money, day, typed):
    proposed = defaults_for(country)
    gui_svc.save_shop(SHOP, {"country": country, "phone_region": proposed.phone_region,
                             "timezone": proposed.time_zone, "currency": proposed.currency,
                             "locale": proposed.locale, "paper_size": proposed.paper_size})
    shop = gui_svc.get_shop(SHOP)
    assert shop.paper_size == ("Letter" if country == "US" else "A4")

    # Phone numbers: as the customer says it, stored in full, found again, shown nationally.
    program = make_program(gui_svc, currency=shop.currency, points_expiration_days=7)
    clock.set(dt.datetime(2026, 12, 3, 12, tzinfo=UTC))
    member = enroll(gui_svc, program.id, "Sam Customer", phone=said)
    assert member.phone == stored
    assert [m.id for m in gui_svc.find_members(SHOP, said)] == [member.id]
    assert display_phone(member.phone, shop.phone_region) == shown

    # Days: the lot expires when its day of expiry begins in the shop's zone, not at UTC midnight.
    lot = gui_svc.record_purchase(SHOP, program.id, member.id, "40.00", "T-1")
    zone = ZoneInfo(shop.timezone)
    midnight = dt.datetime.combine(lot.expiration_date.astimezone(zone).date(), dt.time(), zone).astimezone(UTC)
    assert midnight.time() != dt.time() or country == "GB"   # away from UTC, the boundary is not UTC midnight
    before, after = midnight - dt.timedelta(minutes=1), midnight + dt.timedelta(seconds=30)
    gui_svc.run_daily_jobs(SHOP, before)
    assert gui_svc.get_loyalty_member(SHOP, member.id).current_points == 40
    gui_svc.run_daily_jobs(SHOP, after)
    assert gui_svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert gui_svc.check_ledger() == []

    # Money and dates as the country writes them, with the year in full; amounts typed its way.
    fmt.use_shop_formats(shop.locale, shop.timezone)
    assert plain(fmt.money(Decimal("1234.50"), shop.currency)) == money
    assert fmt.date(dt.date(2026, 12, 2)) == day
    assert fmt.read_amount(typed) == Decimal("12.50")
