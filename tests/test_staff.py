"""Staff accounts, PINs, sign-in and its lock-out, and the shop's staff limits (issue 12)."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlalchemy import text

from loyalty_desk.services import PermissionDenied, SignInLocked, ValidationError
from loyalty_desk.services import staff as staff_service

from .staff_support import PINS, add_staff
from .support import SHOP, database_state


def test_the_first_staff_member_must_be_an_owner(svc):
    with pytest.raises(ValidationError, match="first staff member must be an owner") as err:
        svc.create_staff(SHOP, {"name": "Ana", "role": "cashier", "pin": "3333"})
    assert err.value.field == "role"
    assert svc.list_staff(SHOP) == [] and not svc.has_staff(SHOP)
    olive = svc.create_staff(SHOP, {"name": "Olive", "role": "owner", "pin": "1111"})
    assert svc.has_staff(SHOP)
    assert [s.name for s in svc.list_staff(SHOP, actor=olive.id)] == ["Olive"]


def test_staff_dtos_never_carry_the_pin_and_the_pin_is_stored_as_argon2id(svc):
    olive = svc.create_staff(SHOP, {"name": "Olive", "role": "owner", "pin": "73914"})
    assert {f.name for f in dataclasses.fields(olive)} == {"id", "user_id", "name", "role", "active", "created_at"}
    with svc.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT pin_hash FROM loyalty_staff")).scalar_one()
    assert stored.startswith("$argon2id$") and "73914" not in stored


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "１２３４", 1234, " 1234"])
def test_a_pin_is_4_to_8_digits(svc, pin):
    with pytest.raises(ValidationError, match="4 to 8 digits") as err:
        svc.create_staff(SHOP, {"name": "Olive", "role": "owner", "pin": pin})
    assert err.value.field == "pin"


def test_names_are_unique_per_shop_whatever_their_case(svc):
    ids = add_staff(svc, ("Olive", "Ana"))
    before = database_state(svc)
    with pytest.raises(ValidationError, match="already a staff member called") as err:
        svc.create_staff(SHOP, {"name": "  ANA ", "role": "cashier", "pin": "9999"}, actor=ids["Olive"])
    assert err.value.field == "name"
    with pytest.raises(ValidationError):
        svc.update_staff(SHOP, ids["Olive"], {"name": "ana"}, actor=ids["Olive"])
    assert database_state(svc) == before
    # Another shop may have its own Ana.
    svc.save_shop("shop-2", {"shop_name": "Other"})
    svc.create_staff("shop-2", {"name": "Ana", "role": "owner", "pin": "3333"})


def test_the_last_active_owner_cannot_be_demoted_or_deactivated(svc):
    ids = add_staff(svc, ("Olive", "Marc"))
    olive = ids["Olive"]
    before = database_state(svc)
    for change in ({"role": "manager"}, {"active": False}):
        with pytest.raises(ValidationError, match="last active owner"):
            svc.update_staff(SHOP, olive, change, actor=olive)
    assert database_state(svc) == before
    svc.update_staff(SHOP, ids["Marc"], {"role": "owner"}, actor=olive)
    svc.update_staff(SHOP, olive, {"active": False}, actor=olive)
    marc = svc.sign_in(SHOP, "marc", PINS["Marc"])
    with pytest.raises(ValidationError, match="last active owner"):
        svc.update_staff(SHOP, marc.id, {"role": "cashier"}, actor=marc.id)


def test_sign_in_by_name_in_any_case_or_by_id(svc):
    ids = add_staff(svc, ("Olive", "Ana"))
    assert svc.sign_in(SHOP, "ana", "3333").id == ids["Ana"]
    assert svc.sign_in(SHOP, " ANA ", "3333").role == "cashier"
    assert svc.sign_in(SHOP, ids["Ana"], "3333").name == "Ana"
    assert svc.sign_in_names(SHOP) == [(ids["Ana"], "Ana"), (ids["Olive"], "Olive")]


def test_a_wrong_pin_and_an_unknown_name_are_refused_alike(svc, monkeypatch):
    ids = add_staff(svc, ("Olive", "Ana"))
    checks: list[str] = []
    real = staff_service.HASHER

    class Counting:
        def hash(self, pin):
            return real.hash(pin)

        def verify(self, pin_hash, pin):
            checks.append(pin_hash)
            return real.verify(pin_hash, pin)

    monkeypatch.setattr(staff_service, "HASHER", Counting())
    refusals = []
    for name, pin in (("Ana", "0000"), ("Nobody", "3333"), (ids["Ana"] + 1000, "3333")):
        with pytest.raises(PermissionDenied) as err:
            svc.sign_in(SHOP, name, pin)
        assert type(err.value) is PermissionDenied
        refusals.append(str(err.value))
    assert len(set(refusals)) == 1
    # One argon2 check each: an unknown name is checked against a dummy hash, so it costs the same.
    assert len(checks) == 3 and all(h.startswith("$argon2id$") for h in checks)


def test_an_inactive_staff_member_cannot_sign_in(svc):
    ids = add_staff(svc, ("Olive", "Ana"))
    svc.update_staff(SHOP, ids["Ana"], {"active": False}, actor=ids["Olive"])
    with pytest.raises(PermissionDenied, match="Wrong name or PIN"):
        svc.sign_in(SHOP, "Ana", "3333")
    assert [n for _, n in svc.sign_in_names(SHOP)] == ["Olive"]


def test_a_new_pin_replaces_the_old_one(svc):
    ids = add_staff(svc, ("Olive", "Ana"))
    svc.update_staff(SHOP, ids["Ana"], {"pin": "86420"}, actor=ids["Olive"])
    with pytest.raises(PermissionDenied):
        svc.sign_in(SHOP, "Ana", "3333")
    assert svc.sign_in(SHOP, "Ana", "86420").id == ids["Ana"]


def wrong_pins_refused_without_lock(svc, clock, times: int, minutes_apart: int) -> None:
    for _ in range(times):
        with pytest.raises(PermissionDenied) as err:
            svc.sign_in(SHOP, "Ana", "9999")
        assert not isinstance(err.value, SignInLocked)
        clock.advance(minutes=minutes_apart)


def test_five_wrong_pins_in_15_minutes_lock_the_name_for_5_minutes(svc, clock):
    ids = add_staff(svc, ("Olive", "Ana"))
    wrong_pins_refused_without_lock(svc, clock, 4, 3)
    with pytest.raises(SignInLocked) as locked:
        svc.sign_in(SHOP, "Ana", "9999")
    assert locked.value.until == clock.now + staff_service.LOCK_FOR
    assert "try again after" in str(locked.value)
    # Locked even with the right PIN, by name or id alike (approvals: tests/test_permissions.py).
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(SignInLocked):
        svc.sign_in(SHOP, "ana", PINS["Ana"])
    with pytest.raises(SignInLocked):
        svc.sign_in(SHOP, ids["Ana"], PINS["Ana"])
    # Others are not locked.
    assert svc.sign_in(SHOP, "Olive", PINS["Olive"]).name == "Olive"
    clock.advance(seconds=1)
    assert svc.sign_in(SHOP, "Ana", PINS["Ana"]).name == "Ana"


def test_wrong_pins_spread_over_more_than_15_minutes_do_not_lock(svc, clock):
    add_staff(svc, ("Olive", "Ana"))
    wrong_pins_refused_without_lock(svc, clock, 6, 4)
    assert svc.sign_in(SHOP, "Ana", PINS["Ana"]).name == "Ana"


def test_unknown_names_lock_out_too_so_they_look_like_real_ones(svc):
    add_staff(svc, ("Olive",))
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            svc.sign_in(SHOP, "Mallory", "1234")
    with pytest.raises(SignInLocked):
        svc.sign_in(SHOP, "mallory", "1234")


def test_staff_limits_have_defaults_and_are_checked_like_other_settings(svc):
    shop = svc.get_shop(SHOP)
    assert (shop.approval_threshold_points, shop.cashier_daily_adjustment_cap, shop.return_approval_amount,
            shop.auto_lock_minutes) == (500, 2000, Decimal("100.00"), 5)
    shop = svc.save_shop(SHOP, {"approval_threshold_points": 300, "cashier_daily_adjustment_cap": "1500",
                                "return_approval_amount": "49.90", "auto_lock_minutes": 2})
    assert (shop.approval_threshold_points, shop.cashier_daily_adjustment_cap, shop.return_approval_amount,
            shop.auto_lock_minutes) == (300, 1500, Decimal("49.90"), 2)
    before = database_state(svc)
    for field, value in (("approval_threshold_points", -1), ("cashier_daily_adjustment_cap", 1.5),
                         ("return_approval_amount", "12,50"), ("return_approval_amount", 3.0),
                         ("auto_lock_minutes", 0), ("auto_lock_minutes", 241)):
        with pytest.raises(ValidationError) as err:
            svc.save_shop(SHOP, {"receipt_footer": "changed", field: value})
        assert err.value.field == field
    assert database_state(svc) == before


def test_rows_from_before_migration_0009_read_as_before_staff_accounts(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from loyalty_desk.db.migrate import alembic_config
    from loyalty_desk.services import LoyaltyService

    from .support import enroll, make_program

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with LoyaltyService(url) as svc:
        svc.save_shop(SHOP, {"shop_name": "Old"})
        program = make_program(svc)
        member = enroll(svc, program.id)
        svc.record_purchase(SHOP, program.id, member.id, "25", "OLD-1")
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0008")
    engine.dispose()
    with LoyaltyService(url) as svc:            # migrates to the head again
        (row,) = svc.get_member_points_history(SHOP, member.id)
        assert (row.actor_kind, row.actor_staff_id, row.approver_staff_id, row.actor_name) == (None,) * 4
        assert svc.get_shop(SHOP).approval_threshold_points == 500
        assert svc.list_staff(SHOP) == [] and svc.check_ledger() == []
