"""Keys of the HTTP API through the service (README, "HTTP API"): shown once, stored as a hash,
one shop's each, read or write; the key is the actor of every row it writes; the enrollment
rate limit. The HTTP side is in tests/api/."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

from loyalty_desk.domain.ledger_messages import done_by
from loyalty_desk.services import (
    InvalidApiKey,
    LoyaltyService,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationError,
)

from .staff_support import add_staff
from .support import SHOP, database_state, enroll, make_program


def test_a_key_is_shown_once_and_only_its_hash_is_stored(svc: LoyaltyService) -> None:
    key, secret = svc.create_api_key(SHOP, {"name": "web shop", "scope": "write"})
    assert secret.startswith("ld_") and len(secret) >= 3 + 43
    assert (key.name, key.scope, key.user_id, key.active) == ("web shop", "write", SHOP, True)
    assert secret.startswith(key.key_prefix) and len(key.key_prefix) < 12
    with svc.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT key_hash FROM loyalty_api_keys")).scalar_one()
        everything = repr(database_state(svc))
    assert stored == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in everything
    assert svc.authenticate_api_key(secret).id == key.id
    assert svc.list_api_keys(SHOP)[0].last_used_at is not None      # noted (at most once a minute)
    other, other_secret = svc.create_api_key(SHOP, {"scope": "read"})
    assert other_secret != secret and other.name == "read key"


@pytest.mark.parametrize("data", [{}, {"scope": "admin"}, {"scope": "read", "colour": "red"}, [],
                                  {"scope": "read", "name": "x" * 61}])
def test_bad_key_data_is_refused_and_writes_nothing(svc: LoyaltyService, data: object) -> None:
    before = database_state(svc)
    with pytest.raises(ValidationError):
        svc.create_api_key(SHOP, data)  # type: ignore[arg-type]
    assert database_state(svc) == before


@pytest.mark.parametrize("secret", [None, "", "   ", "ld_nope", 42])
def test_a_missing_or_unknown_key_is_refused(svc: LoyaltyService, secret: object) -> None:
    with pytest.raises(InvalidApiKey):
        svc.authenticate_api_key(secret)


def test_a_revoked_key_is_refused_at_once_and_stays_listed(svc: LoyaltyService) -> None:
    program = make_program(svc)
    member = enroll(svc, program.id)
    key, secret = svc.create_api_key(SHOP, {"name": "till", "scope": "write"})
    live = svc.authenticate_api_key(secret)
    revoked = svc.revoke_api_key(SHOP, key.id)
    assert not revoked.active and svc.revoke_api_key(SHOP, key.id) == revoked
    with pytest.raises(InvalidApiKey):
        svc.authenticate_api_key(secret)
    before = database_state(svc)
    with pytest.raises(InvalidApiKey):      # a key authenticated just before it was revoked
        svc.record_purchase(SHOP, program.id, member.id, "10", "O-1", actor=live)
    assert database_state(svc) == before
    assert [k.id for k in svc.list_api_keys(SHOP)] == [key.id]


def test_a_key_is_its_own_shops_only(svc: LoyaltyService) -> None:
    svc.save_shop("shop-2", {"shop_name": "Elsewhere"})
    theirs = make_program(svc)
    member = enroll(svc, theirs.id)
    key, secret = svc.create_api_key("shop-2", {"scope": "write"})
    other = svc.authenticate_api_key(secret)
    assert other.user_id == "shop-2"
    with pytest.raises(NotFound):
        svc.revoke_api_key(SHOP, key.id)
    assert svc.list_api_keys(SHOP) == []
    before = database_state(svc)
    with pytest.raises(InvalidApiKey):      # shop-2's key acting in shop-1
        svc.record_purchase(SHOP, theirs.id, member.id, "10", "O-1", actor=other)
    assert database_state(svc) == before


def test_a_read_key_cannot_write(svc: LoyaltyService) -> None:
    program = make_program(svc)
    member = enroll(svc, program.id)
    _, secret = svc.create_api_key(SHOP, {"scope": "read"})
    key = svc.authenticate_api_key(secret)
    before = database_state(svc)
    with pytest.raises(PermissionDenied, match="read API key cannot record purchases"):
        svc.record_purchase(SHOP, program.id, member.id, "10", "O-1", actor=key)
    with pytest.raises(PermissionDenied):
        svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Grace"}, actor=key)
    assert database_state(svc) == before


def test_a_write_key_does_the_counters_writes_and_nothing_of_the_back_office(svc: LoyaltyService) -> None:
    program = make_program(svc)
    _, secret = svc.create_api_key(SHOP, {"scope": "write"})
    key = svc.authenticate_api_key(secret)
    for refused in (lambda: svc.create_api_key(SHOP, {"scope": "write"}, actor=key),
                    lambda: svc.create_loyalty_program(SHOP, {"program_name": "X", "program_type": "points"},
                                                       actor=key),
                    lambda: svc.save_shop(SHOP, {"api_enrollments_per_minute": 1000}, actor=key)):
        with pytest.raises(PermissionDenied, match="write API key cannot"):
            refused()
    member = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Grace Hopper"}, actor=key)
    assert svc.record_purchase(SHOP, program.id, member.id, "10", "O-1", actor=key).points_amount == 10


def test_a_write_key_changes_a_members_consent_and_opt_out_and_nothing_else(svc: LoyaltyService) -> None:
    program = make_program(svc)
    member = enroll(svc, program.id, email="grace@example.com")
    _, secret = svc.create_api_key(SHOP, {"scope": "write"})
    key = svc.authenticate_api_key(secret)
    before = database_state(svc)
    for fields in ({"customer_name": "Someone Else"}, {"email": "other@example.com"},
                   {"email_opt_out": True, "phone": "+14155550123"}, {"membership_status": "suspended"}):
        with pytest.raises(PermissionDenied, match="only a member's marketing consent and email opt-out"):
            svc.update_loyalty_member(SHOP, member.id, fields, actor=key)
    assert database_state(svc) == before
    changed = svc.update_loyalty_member(SHOP, member.id, {"marketing_consent": True, "email_opt_out": True},
                                        actor=key)
    assert (changed.marketing_consent, changed.marketing_consent_source, changed.email_opt_out) == (True, "api", True)


def test_the_key_is_the_actor_of_every_row_it_writes_even_where_the_shop_has_staff(svc: LoyaltyService) -> None:
    program = make_program(svc, referral_enabled=True, referral_points_awarded=250)
    referrer = enroll(svc, program.id, "Ada Lovelace")
    staff = add_staff(svc)
    key, secret = svc.create_api_key(SHOP, {"name": "web shop", "scope": "write"}, actor=staff["Olive"])
    actor = svc.authenticate_api_key(secret)
    member = svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Grace Hopper",
                                                          "referred_by_code": referrer.referral_code}, actor=actor)
    svc.record_purchase(SHOP, program.id, member.id, "20", "O-1", actor=actor)
    with svc.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT actor_kind, actor_staff_id, actor_api_key_id FROM loyalty_points_transactions"
                                 " WHERE member_id = :m"), {"m": member.id}).all()
    assert rows and set(rows) == {("api", None, key.id)}
    history = svc.get_member_points_history(SHOP, member.id)
    assert {done_by(t.actor_kind, t.actor_name) for t in history} == {"by API key 'web shop'"}
    activity = svc.get_member_activity(SHOP, member.id)
    assert {(a.actor_kind, a.actor_api_key_id, a.actor_name) for a in activity} == {("api", key.id, "web shop")}
    log = svc.get_audit_log(SHOP, actor=staff["Olive"])
    purchase = next(e for e in log if e.action == "purchase")
    assert (purchase.actor_kind, purchase.actor_api_key_id, purchase.actor_name) == ("api", key.id, "web shop")
    assert any(e.action == "api_key_created" for e in log)
    # Rows written before keys existed, or by staff, name nobody's key.
    assert all(t.actor_api_key_id is None for t in svc.get_member_points_history(SHOP, referrer.id)
               if t.actor_kind != "api")


def test_enrollments_are_rate_limited_per_key(svc: LoyaltyService, clock) -> None:
    program = make_program(svc)
    svc.save_shop(SHOP, {"api_enrollments_per_minute": 3})
    keys = [svc.authenticate_api_key(svc.create_api_key(SHOP, {"scope": "write"})[1]) for _ in range(2)]
    for n in range(3):
        svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": f"Member {n}"}, actor=keys[0])
        clock.advance(seconds=10)
    before = database_state(svc)
    with pytest.raises(RateLimited) as refused:
        svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "One too many"}, actor=keys[0])
    assert refused.value.retry_after == 30     # the first of the three leaves the window in 30 s
    assert database_state(svc) == before
    svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Other key"}, actor=keys[1])
    svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "At the desk"})   # no key: no limit
    clock.advance(seconds=31)
    svc.enroll_loyalty_member(SHOP, program.id, {"customer_name": "Later"}, actor=keys[0])


@pytest.mark.parametrize("value", [0, -1, "many", 1.5, None, 10_001])
def test_the_rate_setting_is_checked(svc: LoyaltyService, value: object) -> None:
    with pytest.raises(ValidationError):
        svc.save_shop(SHOP, {"api_enrollments_per_minute": value})
    assert svc.get_shop(SHOP).api_enrollments_per_minute == 30
