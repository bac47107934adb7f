"""Shop settings: every field checked before any is stored, and the time zone drawing every day boundary."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from loyalty_desk.db.migrate import alembic_config
from loyalty_desk.services import LoyaltyService, ValidationError

from .support import SHOP, database_state, enroll, make_program

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PARIS = {"shop_name": "Boulangerie", "country": "FR", "currency": "EUR", "timezone": "Europe/Paris",
         "phone_region": "FR", "locale": "fr_FR", "paper_size": "A4"}
UTC = dt.UTC


def test_every_setting_is_stored_and_read_back(svc):
    svc.save_shop(SHOP, {**PARIS, "address": "3 rue de la Paix\n75002 Paris", "receipt_footer": "Merci !",
                         "logo_png": PNG})
    shop = svc.get_shop(SHOP)
    assert (shop.country, shop.locale, shop.paper_size, shop.currency) == ("FR", "fr_FR", "A4", "EUR")
    assert shop.address == "3 rue de la Paix\n75002 Paris" and shop.receipt_footer == "Merci !"
    assert shop.logo_png == PNG
    assert shop.timezone == "Europe/Paris"          # no programs yet: in force at once
    assert shop.next_timezone is None and shop.timezone_changes_at is None
    svc.save_shop(SHOP, {"logo_png": None, "address": "", "country": None, "locale": None})
    shop = svc.get_shop(SHOP)
    assert (shop.logo_png, shop.address, shop.country, shop.locale) == (None, "", None, None)


@pytest.mark.parametrize(("field", "value"), [
    ("timezone", "Europe/Pariss"),
    ("timezone", 5),
    ("phone_region", "XX"),
    ("country", "France"),
    ("country", "ZZ"),
    ("locale", "fr-FR"),
    ("locale", "xx_YY"),
    ("paper_size", "A5"),
    ("paper_size", "a4"),
    ("currency", "EURO"),
    ("currency", "XYZ"),                         # three letters, but no currency
    ("receipt_footer", "x" * 301),
    ("address", "a\x00b"),
    ("logo_png", b"GIF89a...."),
    ("logo_png", "not bytes"),
    ("logo_png", PNG + b"\x00" * (512 * 1024)),
    ("shop_name", ""),
])
def test_a_bad_value_is_refused_on_its_field_and_nothing_is_written(svc, field, value):
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        # A good value beside the bad one is not stored either.
        svc.save_shop(SHOP, {"address": "1 High Street", field: value})
    assert refused.value.field == field
    assert database_state(svc) == before


def test_an_unknown_setting_is_refused(svc):
    with pytest.raises(ValidationError):
        svc.save_shop(SHOP, {"favourite_colour": "blue"})


def test_a_paris_shop_takes_french_numbers_and_expires_points_at_paris_midnight(svc, clock):
    svc.save_shop(SHOP, PARIS)
    program = make_program(svc, currency="EUR", points_expiration_days=7)
    clock.set(dt.datetime(2026, 12, 3, 10, tzinfo=UTC))
    member = enroll(svc, program.id, "Amélie Poulain", phone="06 12 34 56 78")
    assert member.phone == "+33612345678"
    assert svc.find_members(SHOP, "06 12 34 56 78")[0].id == member.id
    tx = svc.record_purchase(SHOP, program.id, member.id, "40.00", "T-1")
    assert tx.expiration_date == dt.datetime(2026, 12, 10, 10, tzinfo=UTC)
    # Dec 10 begins at 23:00 UTC on Dec 9 in Paris (UTC+1): the job run then expires the lot.
    svc.run_daily_jobs(SHOP, dt.datetime(2026, 12, 9, 22, 59, tzinfo=UTC))
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 40
    svc.run_daily_jobs(SHOP, dt.datetime(2026, 12, 9, 23, 0, 30, tzinfo=UTC))
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert svc.check_ledger() == []


def _birthday_rows(svc: LoyaltyService, member_id: int) -> list[Any]:
    return [t for t in svc.get_member_points_history(SHOP, member_id) if t.transaction_type == "birthday_bonus"]


@pytest.mark.parametrize(("first", "second"), [("Europe/Paris", "America/New_York"),
                                               ("America/New_York", "Europe/Paris")])
def test_a_new_time_zone_waits_for_the_end_of_the_day_and_never_runs_a_day_twice(svc, clock, first, second):
    svc.save_shop(SHOP, {"timezone": first})
    program = make_program(svc, birthday_bonus_points=50, points_expiration_days=30)
    clock.set(dt.datetime(2026, 12, 1, 12, tzinfo=UTC))
    ada = enroll(svc, program.id, birthday="1990-12-03")
    svc.record_purchase(SHOP, program.id, ada.id, "20", "T-1")
    # Noon UTC on Dec 3: the change is asked for in the middle of the shop's day.
    clock.set(dt.datetime(2026, 12, 3, 12, tzinfo=UTC))
    svc.run_daily_jobs(SHOP)
    assert len(_birthday_rows(svc, ada.id)) == 1
    svc.save_shop(SHOP, {"timezone": second})
    shop = svc.get_shop(SHOP)
    midnight = dt.datetime(2026, 12, 4, tzinfo=ZoneInfo(first)).astimezone(UTC)    # the old zone's next midnight
    assert (shop.timezone, shop.next_timezone, shop.timezone_changes_at) == (first, second, midnight)
    # Until then the day is the old zone's, and the app's next job run is at its midnight.
    assert svc.shop_today(SHOP) == dt.date(2026, 12, 3) and svc.next_day_start(SHOP) == midnight
    # Walk the clock hour by hour over two days, running the job as the app does.
    for hour in range(48):
        clock.set(dt.datetime(2026, 12, 3, 12, tzinfo=UTC) + dt.timedelta(hours=hour))
        svc.run_daily_jobs(SHOP)
    shop = svc.get_shop(SHOP)
    assert (shop.timezone, shop.next_timezone, shop.timezone_changes_at) == (second, None, None)
    assert len(_birthday_rows(svc, ada.id)) == 1
    assert svc.check_ledger() == []
    days = sorted(s.analytics_date for s in svc.get_analytics_snapshots(SHOP, program.id))
    assert days == [days[0] + dt.timedelta(days=n) for n in range(len(days))], "a day skipped or taken twice"
    assert days[-1] >= dt.date(2026, 12, 4)


def test_going_back_to_the_zone_in_force_cancels_the_wait(svc, clock):
    svc.save_shop(SHOP, {"timezone": "Europe/Paris"})
    make_program(svc)
    svc.save_shop(SHOP, {"timezone": "Asia/Kolkata"})
    assert svc.get_shop(SHOP).next_timezone == "Asia/Kolkata"
    svc.save_shop(SHOP, {"timezone": "Europe/Paris"})
    shop = svc.get_shop(SHOP)
    assert (shop.timezone, shop.next_timezone, shop.timezone_changes_at) == ("Europe/Paris", None, None)


def test_points_expire_at_local_midnight_across_a_dst_change(svc, clock):
    # Europe/Paris moves to summer time at 02:00 on 28 March 2027: that day has 23 hours.
    svc.save_shop(SHOP, PARIS)
    program = make_program(svc, currency="EUR", points_expiration_days=1)
    clock.set(dt.datetime(2027, 3, 27, 12, tzinfo=UTC))           # 13:00 in Paris, winter time
    ada = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, ada.id, "10", "T-1")     # expires 12:00 UTC on the 28th
    svc.run_daily_jobs(SHOP, dt.datetime(2027, 3, 27, 22, 59, tzinfo=UTC))   # 23:59 on the 27th in Paris
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 10
    svc.run_daily_jobs(SHOP, dt.datetime(2027, 3, 27, 23, 0, 30, tzinfo=UTC))  # just after midnight, the 28th
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 0
    assert svc.check_ledger() == []


def test_the_migration_gives_existing_us_shops_letter_paper(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0007")
        for user, region in (("us-shop", "US"), ("fr-shop", "FR")):
            conn.execute(text("INSERT INTO loyalty_shops (user_id, shop_name, currency, timezone, phone_region, "
                              "created_at) VALUES (:u, 'Shop', 'USD', 'UTC', :r, '2026-01-01 00:00:00')"),
                         {"u": user, "r": region})
    engine.dispose()
    with LoyaltyService(url) as svc:
        assert svc.get_shop("us-shop").paper_size == "Letter"
        assert svc.get_shop("fr-shop").paper_size == "A4"
        assert svc.get_shop("fr-shop").address == "" and svc.get_shop("fr-shop").locale is None


def test_a_new_shop_prints_on_its_countrys_paper(svc):
    svc.save_shop("us-shop", {"shop_name": "Diner", "phone_region": "US"})
    svc.save_shop("fr-shop", {"shop_name": "Café", "country": "FR", "phone_region": "FR"})
    svc.save_shop("ca-shop", {"shop_name": "Dépanneur", "country": "CA", "paper_size": "A4"})
    assert [svc.get_shop(u).paper_size for u in ("us-shop", "fr-shop", "ca-shop")] == ["Letter", "A4", "A4"]


def test_the_new_zone_counts_from_its_moment_and_the_first_write_stores_it(svc, clock):
    svc.save_shop(SHOP, {"timezone": "Europe/Paris"})
    program = make_program(svc, points_expiration_days=30)
    clock.set(dt.datetime(2026, 12, 3, 12, tzinfo=UTC))
    ada = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, ada.id, "20", "T-1")
    svc.save_shop(SHOP, {"timezone": "Asia/Tokyo"})
    clock.set(dt.datetime(2026, 12, 3, 23, 30, tzinfo=UTC))     # 00:30 in Paris, 08:30 in Tokyo, on the 4th
    assert svc.shop_today(SHOP) == dt.date(2026, 12, 4)
    assert svc.get_shop(SHOP).next_timezone == "Asia/Tokyo"   # no write yet: nothing stored
    assert svc.check_ledger() == []
    svc.record_purchase(SHOP, program.id, ada.id, "5", "T-2")
    shop = svc.get_shop(SHOP)
    assert (shop.timezone, shop.next_timezone) == ("Asia/Tokyo", None)
    assert svc.check_ledger() == []


@pytest.mark.parametrize(("first", "second", "asked"), [
    # Paris springs forward at 01:00 UTC on 28 March 2027; the change is asked the day before, and
    # Paris's midnight (23:00 UTC on the 27th) is 19:00 of the 27th again in New York.
    ("Europe/Paris", "America/New_York", dt.datetime(2027, 3, 27, 12, tzinfo=UTC)),
    # New York springs forward at 07:00 UTC on 14 March 2027; the change is asked the day before, and
    # New York's midnight (05:00 UTC on the 14th) is already 06:00 of the 14th in Paris.
    ("America/New_York", "Europe/Paris", dt.datetime(2027, 3, 13, 12, tzinfo=UTC)),
])
def test_a_time_zone_change_across_a_dst_switch_pays_one_bonus_and_snapshots_each_day_once(
        svc, clock, first, second, asked):
    svc.save_shop(SHOP, {"timezone": first})
    program = make_program(svc, birthday_bonus_points=50, points_expiration_days=1)
    clock.set(asked - dt.timedelta(days=2))
    day_before, day_of, day_after = (asked + dt.timedelta(days=n) for n in (0, 1, 2))
    born = {when: enroll(svc, program.id, f"Born {when:%d}", birthday=f"1990-{when:%m-%d}")
            for when in (day_before, day_of, day_after)}
    for member in born.values():
        svc.record_purchase(SHOP, program.id, member.id, "20", f"T-{member.id}")   # expire within the walk
    clock.set(asked)
    svc.run_daily_jobs(SHOP)
    svc.save_shop(SHOP, {"timezone": second})
    assert svc.get_shop(SHOP).next_timezone == second
    for hour in range(96):      # four days, hour by hour, the job run as the app runs it
        clock.set(asked + dt.timedelta(hours=hour))
        svc.run_daily_jobs(SHOP)
    shop = svc.get_shop(SHOP)
    assert (shop.timezone, shop.next_timezone, shop.timezone_changes_at) == (second, None, None)
    for member in born.values():
        assert len(_birthday_rows(svc, member.id)) == 1, member.customer_name
        assert svc.get_loyalty_member(SHOP, member.id).current_points == 0     # bonus and purchase expired once
    assert svc.check_ledger() == []
    days = sorted(s.analytics_date for s in svc.get_analytics_snapshots(SHOP, program.id))
    assert len(days) == len(set(days)), "a day's snapshot taken twice"
    assert days == [days[0] + dt.timedelta(days=n) for n in range(len(days))], "a day skipped"
    assert days[-1] >= (asked + dt.timedelta(days=3)).date()
