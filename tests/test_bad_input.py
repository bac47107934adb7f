"""Bad input of every kind is refused with a typed LoyaltyError and writes nothing.

SERVICE_API.md, "Errors": "Every refusal raises a subclass of LoyaltyError ...
Nothing is written when a call raises. Bad input of any kind is refused this
way, never with a crash or a bare database error."

Every test here runs against one small world (two shops, three programs,
tiers, members in every state, rewards of every kind, redemptions in every
fulfillment state). Building it takes dozens of writes, and cloning a
PostgreSQL database costs about a third of a second, so the world is built
once per backend and module. That is safe because every test asserts that its
calls wrote nothing; and should a call write anyway (a bug), the fixture notices
the changed database after the test and builds a fresh world for the next one.

`database_state()` is taken after every call and compared with the one taken
after the previous call (or after building the world): nothing else touches
the database in between, so that is the state before the call.

Calls that expose a bug are kept, marked xfail(strict=True) with "BUG: ..."; once
the service is fixed they pass, and strictness turns that into a failure until the
mark is removed.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from loyalty_desk.services import (
    DuplicateMember,
    DuplicateReference,
    InsufficientPoints,
    InvalidTransition,
    LoyaltyError,
    LoyaltyService,
    NotEligible,
    NotFound,
    OutOfStock,
    ValidationError,
)

from .conftest import BACKENDS, fresh_database_url
from .support import SHOP, START, FakeClock, database_state, make_tiers

OTHER = "shop-2"
TODAY = START.date()
MISSING = 999_999
DAY = dt.timedelta(days=1)
VE = ValidationError
Call = Callable[[LoyaltyService, "World"], Any]


# --- the world -------------------------------------------------------------


@dataclass
class World:
    svc: LoyaltyService
    backend: str
    p: int = 0                       # "Main": tiered, referrals on
    plain: int = 0                   # "Plain": points, min_redemption_points 200, referrals off
    closed: int = 0                  # "Closed": inactive
    tier: dict[str, int] = field(default_factory=dict)     # Bronze, Silver, Gold of Main; Upper of Plain
    a: int = 0                       # Ada: Silver, many points, orders ORD-1..3
    b: int = 0                       # Grace: Bronze, no points
    s: int = 0                       # Sam: suspended, 300 points
    c: int = 0                       # Carl: member of Plain, 150 points
    m_closed: int = 0                # Cleo: member of Closed, 500 points
    a_points: int = 0
    a_code: str = ""
    c_code: str = ""
    bad_card: str = ""
    reward: dict[str, int] = field(default_factory=dict)
    redemption: dict[str, int] = field(default_factory=dict)   # one of Ada's per fulfillment status
    theirs: dict[str, Any] = field(default_factory=dict)       # rows of the other shop
    pristine: dict[str, Any] = field(default_factory=dict)     # database_state() once built
    # database_state() as last taken. Only this module touches the database, so the state
    # taken after one call is the state before the next: one snapshot per call, not two.
    state: dict[str, Any] = field(default_factory=dict)


def build_world(svc: LoyaltyService, backend: str) -> World:
    w = World(svc, backend)
    for user in (SHOP, OTHER):
        svc.save_shop(user, {"shop_name": user, "currency": "USD", "timezone": "UTC", "phone_region": "US"})

    def program(user: str, name: str, kind: str, **fields: Any) -> int:
        return svc.create_loyalty_program(user, {"program_name": name, "program_type": kind,
                                                 "points_per_dollar": "1", **fields}).id

    def enroll(user: str, program_id: int, name: str, **fields: Any) -> Any:
        return svc.enroll_loyalty_member(user, program_id, {"customer_name": name, **fields})

    def reward(user: str, program_id: int, name: str, cost: int = 10, **fields: Any) -> int:
        return svc.create_loyalty_reward(user, program_id, {"reward_name": name, "reward_type": "free_product",
                                                            "points_cost": cost, **fields}).id

    def adjust(program_id: int, member_id: int, points: int) -> None:
        svc.add_points_transaction(SHOP, program_id, member_id, {"points_amount": points, "description": "opening"})

    w.p = program(SHOP, "Main", "tiered", referral_enabled=True, referral_points_awarded=50)
    w.tier = {t.tier_name: t.id for t in make_tiers(svc, w.p)}
    w.plain = program(SHOP, "Plain", "points", min_redemption_points=200)
    w.tier["Upper"] = svc.create_loyalty_tier(SHOP, w.plain, {"tier_name": "Upper", "tier_level": 5,
                                                              "min_points_required": 1000,
                                                              "max_points_required": 1999}).id
    w.closed = program(SHOP, "Closed", "points")

    ada = enroll(SHOP, w.p, "Ada Lovelace", email="ada@example.com", phone="+1 650 253 0000", birthday="1990-04-23")
    w.a, w.a_code = ada.id, ada.referral_code
    w.bad_card = ada.card_number[:-1] + ("2" if ada.card_number[-1] != "2" else "3")
    w.b = enroll(SHOP, w.p, "Grace Hopper", email="grace@example.com", phone="+1 650 253 0001").id
    w.s = enroll(SHOP, w.p, "Sam Suspended").id
    carl = enroll(SHOP, w.plain, "Carl Plain", email="ada@example.com")  # same email, other program: allowed
    w.c, w.c_code = carl.id, carl.referral_code
    w.m_closed = enroll(SHOP, w.closed, "Cleo Closed").id

    svc.record_purchase(SHOP, w.p, w.a, Decimal("1000.00"), "ORD-1")
    svc.add_points_transaction(SHOP, w.p, w.a, {"transaction_type": "purchase", "points_amount": 25, "source": "pos",
                                                "reference_type": "pos", "reference_id": "R-1"})
    svc.record_purchase(SHOP, w.p, w.a, "20.00", "ORD-2")
    svc.reverse_purchase(SHOP, w.p, "ORD-2")                                   # fully returned
    svc.record_purchase(SHOP, w.p, w.a, "50.00", "ORD-3")
    svc.reverse_purchase(SHOP, w.p, "ORD-3", "10.00", return_ref="RET-1")     # 40.00 left to return
    adjust(w.p, w.s, 300)
    adjust(w.plain, w.c, 150)
    adjust(w.closed, w.m_closed, 500)

    w.reward = {
        "cheap": reward(SHOP, w.p, "Coffee"),
        "big": reward(SHOP, w.p, "Bicycle", 100_000),
        "empty": reward(SHOP, w.p, "Sold out", quantity_available=0),
        "gold": reward(SHOP, w.p, "Gold lounge", tier_exclusive_id=w.tier["Gold"]),
        "once": reward(SHOP, w.p, "Once only", reward_terms={"max_per_member": 1}),
        "future": reward(SHOP, w.p, "Not yet", start_date=TODAY + 10 * DAY),
        "past": reward(SHOP, w.p, "Over", start_date=TODAY - 30 * DAY, end_date=TODAY - DAY),
        "inactive": reward(SHOP, w.p, "Switched off", active=False),
        "plain": reward(SHOP, w.plain, "Plain mug", 100),
        "closed": reward(SHOP, w.closed, "Closed mug"),
    }
    svc.create_redemption(SHOP, w.p, w.a, w.reward["once"])
    paths: dict[str, list[tuple[str, str | None]]] = {
        "pending": [],
        "approved": [("approved", None)],
        "shipped": [("approved", None), ("shipped", "TRK-1")],
        "delivered": [("approved", None), ("shipped", "TRK-1"), ("delivered", None)],
        "redeemed": [("redeemed", None)],
        "cancelled": [("cancelled", None)],
    }
    for status, path in paths.items():
        rid = svc.create_redemption(SHOP, w.p, w.a, w.reward["cheap"]).id
        for step, tracking in path:
            svc.update_redemption_status(SHOP, rid, step, tracking_number=tracking)
        w.redemption[status] = rid
    svc.update_loyalty_member(SHOP, w.s, {"membership_status": "suspended"})
    svc.update_loyalty_program(SHOP, w.closed, {"status": "inactive"})

    q = program(OTHER, "Theirs", "tiered", referral_enabled=True)
    their_tier = svc.create_loyalty_tier(OTHER, q, {"tier_name": "Base", "tier_level": 1, "min_points_required": 0})
    x = enroll(OTHER, q, "Xavier Other", email="xavier@example.com")
    svc.record_purchase(OTHER, q, x.id, "100.00", "ORD-X")
    y = reward(OTHER, q, "Their mug")
    w.theirs = {
        "program": q,
        "tier": their_tier.id,
        "member": x.id,
        "reward": y,
        "redemption": svc.create_redemption(OTHER, q, x.id, y).id,
        "code": x.referral_code,
        "order": "ORD-X",
    }
    w.a_points = svc.get_loyalty_member(SHOP, w.a).current_points
    assert svc.check_ledger() == []
    w.pristine = w.state = database_state(svc)
    return w


class WorldHome:
    """One world per backend; rebuilt only when a (buggy) call has written to it."""

    def __init__(self, backend: str, tmp: Path, sqlite_template: Path, pg_template: str | None) -> None:
        self.backend, self.tmp = backend, tmp
        self.sqlite_template, self.pg_template = sqlite_template, pg_template
        self.world: World | None = None
        self._url: Iterator[str] | None = None
        self._builds = 0

    def get(self) -> World:
        if self.world is None:
            self._builds += 1
            tmp = self.tmp / f"world{self._builds}"
            tmp.mkdir()
            self._url = fresh_database_url(self.backend, tmp, self.sqlite_template, self.pg_template)
            svc = LoyaltyService(next(self._url), clock=FakeClock(START))
            self.world = build_world(svc, self.backend)
        return self.world

    def discard(self) -> None:
        if self.world is not None:
            self.world.svc.close()
            self.world = None
        if self._url is not None:
            self._url.close()   # drops the PostgreSQL database
            self._url = None


@pytest.fixture(scope="module", params=BACKENDS)
def world_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               sqlite_template: Path, pg_template: str | None) -> Iterator[WorldHome]:
    home = WorldHome(request.param, tmp_path_factory.mktemp("bad_input"), sqlite_template, pg_template)
    yield home
    home.discard()


@pytest.fixture
def w(world_home: WorldHome) -> Iterator[World]:
    world = world_home.get()
    yield world
    if world.state != world.pristine:
        world_home.discard()


# --- checking a refusal ----------------------------------------------------


def _names(expected: type | tuple[type, ...]) -> str:
    return " or ".join(e.__name__ for e in (expected if isinstance(expected, tuple) else (expected,)))


def _problem(call: Callable[[], Any], expected: type | tuple[type, ...]) -> tuple[str | None, BaseException | None]:
    """Run `call`; say what is wrong with how it was refused (None: a proper refusal)."""
    try:
        result = call()
    except expected as exc:
        if not str(exc).strip():
            return f"{type(exc).__name__} with an empty message", exc
        if "[SQL:" in str(exc) or "Traceback" in str(exc):
            return f"{type(exc).__name__} leaks database text: {str(exc)[:200]}", exc
        return None, exc
    except Exception as exc:  # noqa: BLE001 - any other exception is the finding
        return (f"raised {type(exc).__module__}.{type(exc).__name__} instead of {_names(expected)}: "
                f"{str(exc)[:200]}"), exc
    return f"was accepted (returned {result!r:.120}) instead of raising {_names(expected)}", None


def _writes(w: World) -> str | None:
    """Compare the database with its state before the call(s): which tables changed."""
    before, w.state = w.state, database_state(w.svc)
    changed = sorted(set(before) ^ set(w.state) | {t for t, rows in w.state.items() if rows != before.get(t)})
    return f"wrote to {', '.join(changed)}" if changed else None


def assert_refused(w: World, call: Callable[[], Any], expected: type | tuple[type, ...]) -> BaseException:
    """`call` raises `expected` with a readable message, and the database is as it was before."""
    problem, caught = _problem(call, expected)
    wrote = _writes(w)
    assert problem is None and wrote is None, "; and ".join(p for p in (problem, wrote) if p)
    assert caught is not None
    return caught


def assert_all_refused(w: World, calls: list[tuple[Any, Callable[[], Any]]],
                       expected: type | tuple[type, ...]) -> None:
    """Every call is refused with `expected`; together they wrote nothing (a refused call cannot
    undo another's write, so one snapshot after them all proves it for each)."""
    problems = [f"  {value!r}: {problem}" for value, call in calls for problem in [_problem(call, expected)[0]]
                if problem]
    wrote = _writes(w)
    if wrote:
        problems.append(f"  and these calls {wrote} (look first at any that was accepted)")
    assert not problems, "refused wrongly:\n" + "\n".join(problems)


def bug(reason: str) -> Any:
    """Marks a case that exposed a bug. All found so far are fixed, so the mark is now a
    plain note; a newly found bug is marked xfail(strict=True) here until it is fixed."""
    return pytest.mark.found_bug(reason)


BUG_AS_INT = bug("validation.as_int crashes with ValueError on strings that pass str.isdigit() but not int() "
                 "('²', '+-5', or more than 4300 digits)")
BUG_ID_RANGE = ("validation.as_id has no upper bound: ids beyond the INTEGER column range crash with "
                "OverflowError (SQLite, >= 2**63) or sqlalchemy DataError (PostgreSQL, >= 2**31)")
BUG_LIMIT = bug("get_redemptions/get_member_activity pass `limit` to SQL unchecked: 'x' crashes with "
                "ValueError, -1 crashes on PostgreSQL (DataError), True/1.5/-1 are accepted")
BUG_NUL = bug("text input is not checked for NUL characters: PostgreSQL raises sqlalchemy DataError, "
              "SQLite stores them")
BUG_JSON_NAN = bug("validation.as_json_dict/as_json_list let NaN/Infinity through (json.dumps allow_nan): "
                   "PostgreSQL JSONB raises sqlalchemy DataError, SQLite stores non-standard JSON")
BUG_TIMEZONE = bug("programs.save_shop accepts any time zone: zone() falls back to dt.timezone.utc, which is "
                   "not the ZoneInfo('UTC') it is compared with")
BUG_DUP_UPDATE = bug("members.update_member assigns the new email/phone before _check_unique_contact, whose "
                     "SELECT autoflushes the UPDATE: the UNIQUE constraint fires first, so the caller gets a "
                     "generic ValidationError quoting the database, not DuplicateMember(existing_member_id)")
BUG_PAGE = bug("list_members_page (queries.members.members_page) does not type-check its filters: an unhashable "
               "sort/status or a non-text search raises TypeError, a malformed `after` raises TypeError/ValueError, "
               "an `after` of the wrong type reaches SQL (PostgreSQL ProgrammingError), descending='no' is accepted")
BUG_MONTHS = bug("get_points_liability does not check `months`: '12' raises TypeError, 10**6 OverflowError, "
                 "0, -1 and 1.5 are accepted")
BUG_SERIES = bug("get_analytics_series does not check `first`/`last`: None raises sqlalchemy ArgumentError, "
                 "text or numbers reach SQL (PostgreSQL ProgrammingError; SQLite silently returns [])")
BUG_AS_OF = bug("run_daily_jobs(as_of=date.max) crashes with OverflowError (end_cutoff adds a day)")


# --- the table: (call, expected error) --------------------------------------

def P(svc: LoyaltyService, w: World, data: dict[str, Any]) -> Any:
    return svc.create_loyalty_program(SHOP, {"program_name": "New", "program_type": "points", **data})


def T(svc: LoyaltyService, w: World, data: dict[str, Any], program: str = "plain") -> Any:
    # Level 9 from 1,000,000 points fits Plain's tiers (Upper, level 5: 1,000-1,999): only `data` can be wrong.
    return svc.create_loyalty_tier(SHOP, getattr(w, program), {"tier_name": "New", "tier_level": 9,
                                                               "min_points_required": 1_000_000, **data})


def E(svc: LoyaltyService, w: World, data: dict[str, Any], program: str = "p") -> Any:
    return svc.enroll_loyalty_member(SHOP, getattr(w, program), {"customer_name": "New Person", **data})


def TX(svc: LoyaltyService, w: World, data: dict[str, Any], member: str = "a", program: str = "p") -> Any:
    return svc.add_points_transaction(SHOP, getattr(w, program), getattr(w, member),
                                      {"points_amount": 5, "description": "goodwill", **data})


def RW(svc: LoyaltyService, w: World, data: dict[str, Any]) -> Any:
    return svc.create_loyalty_reward(SHOP, w.p, {"reward_name": "New", "reward_type": "discount",
                                                 "points_cost": 10, **data})


def redeem(svc: LoyaltyService, w: World, reward: str, member: str = "a", program: str = "p",
           points: Any = None) -> Any:
    return svc.create_redemption(SHOP, getattr(w, program), getattr(w, member), w.reward[reward], points)


def status(svc: LoyaltyService, w: World, current: str, target: Any, **kw: Any) -> Any:
    return svc.update_redemption_status(SHOP, w.redemption[current], target, **kw)


CASES = [
    # shops
    ("shop unknown key", VE, lambda s, w: s.save_shop(SHOP, {"shop_name": "x", "colour": "red"})),
    ("shop currency not 3 letters", VE, lambda s, w: s.save_shop(SHOP, {"currency": "EURO"})),
    ("shop currency with symbol", VE, lambda s, w: s.save_shop(SHOP, {"currency": "U$D"})),
    ("shop unknown phone region", VE, lambda s, w: s.save_shop(SHOP, {"phone_region": "XX"})),
    ("shop name not text", VE, lambda s, w: s.save_shop(SHOP, {"shop_name": 5})),
    ("shop timezone not text", VE, lambda s, w: s.save_shop(SHOP, {"timezone": 5})),
    ("shop unknown timezone", VE, lambda s, w: s.save_shop(SHOP, {"timezone": "Mars/Olympus"}), BUG_TIMEZONE),
    ("new shop without name", VE, lambda s, w: s.save_shop("shop-new", {"currency": "EUR"})),
    ("unknown shop", NotFound, lambda s, w: s.get_shop("nobody")),
    # programs: required fields, unknown keys, enums
    ("program missing name", VE, lambda s, w: s.create_loyalty_program(SHOP, {"program_type": "points"})),
    ("program missing type", VE, lambda s, w: s.create_loyalty_program(SHOP, {"program_name": "X"})),
    ("program name None", VE, lambda s, w: P(s, w, {"program_name": None})),
    ("program name blank", VE, lambda s, w: P(s, w, {"program_name": "   "})),
    ("program name too long", VE, lambda s, w: P(s, w, {"program_name": "x" * 121})),
    ("program name not text", VE, lambda s, w: P(s, w, {"program_name": 7})),
    ("program unknown key", VE, lambda s, w: P(s, w, {"points_per_euro": "1"})),
    ("program non-text key", VE, lambda s, w: P(s, w, {1: "x"})),
    ("program unknown type", VE, lambda s, w: P(s, w, {"program_type": "loyalty"})),
    ("program type int", VE, lambda s, w: P(s, w, {"program_type": 1})),
    ("program type list", VE, lambda s, w: P(s, w, {"program_type": ["points"]})),
    ("program unknown status", VE, lambda s, w: P(s, w, {"status": "paused"})),
    ("program currency 4 letters", VE, lambda s, w: P(s, w, {"currency": "EURO"})),
    ("program point value 3 decimals", VE, lambda s, w: P(s, w, {"point_value": "0.001"})),
    ("program description not text", VE, lambda s, w: P(s, w, {"description": 5})),
    ("program expiration days 0", VE, lambda s, w: P(s, w, {"points_expiration_days": 0})),
    ("program expiration days negative", VE, lambda s, w: P(s, w, {"points_expiration_days": -30})),
    ("program expiration days float", VE, lambda s, w: P(s, w, {"points_expiration_days": 30.0})),
    ("program expiration days bool", VE, lambda s, w: P(s, w, {"points_expiration_days": True})),
    ("program expiration days huge", VE, lambda s, w: P(s, w, {"points_expiration_days": 10 ** 12})),
    ("program min redemption negative", VE, lambda s, w: P(s, w, {"min_redemption_points": -1})),
    ("program min redemption decimal text", VE, lambda s, w: P(s, w, {"min_redemption_points": "1.5"})),
    ("program min redemption '²'", VE, lambda s, w: P(s, w, {"min_redemption_points": "²"}), BUG_AS_INT),
    ("program min redemption '+-5'", VE, lambda s, w: P(s, w, {"min_redemption_points": "+-5"}), BUG_AS_INT),
    ("program min redemption 5000 digits", VE, lambda s, w: P(s, w, {"min_redemption_points": "9" * 5000}),
     BUG_AS_INT),
    ("program tier flag text", VE, lambda s, w: P(s, w, {"tier_system_enabled": "yes"})),
    ("program referral flag int", VE, lambda s, w: P(s, w, {"referral_enabled": 1})),
    ("program referral points negative", VE, lambda s, w: P(s, w, {"referral_points_awarded": -5})),
    ("program birthday points text", VE, lambda s, w: P(s, w, {"birthday_bonus_points": "lots"})),
    # program_rules
    ("rules not a dict", VE, lambda s, w: P(s, w, {"program_rules": "double points"})),
    ("rules a list", VE, lambda s, w: P(s, w, {"program_rules": [("pending_days", 3)]})),
    ("rules unknown key", VE, lambda s, w: P(s, w, {"program_rules": {"double_points_days": 2}})),
    ("rules non-text key", VE, lambda s, w: P(s, w, {"program_rules": {1: 2}})),
    ("rules non-JSON value", VE, lambda s, w: P(s, w, {"program_rules": {"pending_days": object()}})),
    ("rules welcome bonus negative", VE, lambda s, w: P(s, w, {"program_rules": {"welcome_bonus_points": -1}})),
    ("rules pending days over a year", VE, lambda s, w: P(s, w, {"program_rules": {"pending_days": 400}})),
    ("rules pending days bool", VE, lambda s, w: P(s, w, {"program_rules": {"pending_days": True}})),
    ("rules qualification days 0", VE, lambda s, w: P(s, w, {"program_rules": {"tier_qualification_days": 0}})),
    ("rules cash back NaN", VE, lambda s, w: P(s, w, {"program_type": "cash_back",
                                                      "program_rules": {"cash_back_percent": "NaN"}})),
    ("rules cash back float inf", VE, lambda s, w: P(s, w, {"program_type": "cash_back",
                                                            "program_rules": {"cash_back_percent": float("inf")}})),
    ("rules cash back over 100", VE, lambda s, w: P(s, w, {"program_type": "cash_back",
                                                           "program_rules": {"cash_back_percent": "150"}})),
    ("rules cash back 3 decimals", VE, lambda s, w: P(s, w, {"program_type": "cash_back",
                                                             "program_rules": {"cash_back_percent": "1.005"}})),
    ("cash back without percent", VE, lambda s, w: P(s, w, {"program_type": "cash_back"})),
    # program updates
    ("update program unknown key", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"colour": "red"})),
    ("update program unknown status", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"status": "paused"})),
    ("update program unknown type", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_type": "x"})),
    ("update program to cash back without percent", VE,
     lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_type": "cash_back"})),
    ("update program rules unknown key", VE,
     lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_rules": {"double_points_days": 2}})),
    ("update program rules not a dict", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_rules": "x"})),
    ("update program rules pending negative", VE,
     lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_rules": {"pending_days": -1}})),
    ("update program name None", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"program_name": None})),
    ("update program rate float", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"points_per_dollar": 1.5})),
    ("update program rate NaN", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"points_per_dollar": "NaN"})),
    ("update program flag text", VE,
     lambda s, w: s.update_loyalty_program(SHOP, w.p, {"tier_system_enabled": "no"})),
    ("update program expiry 0", VE, lambda s, w: s.update_loyalty_program(SHOP, w.p, {"points_expiration_days": 0})),
    # tiers
    ("tier missing name", VE, lambda s, w: s.create_loyalty_tier(SHOP, w.p, {"tier_level": 9,
                                                                             "min_points_required": 9000})),
    ("tier missing level", VE, lambda s, w: s.create_loyalty_tier(SHOP, w.p, {"tier_name": "X",
                                                                              "min_points_required": 9000})),
    ("tier missing min", VE, lambda s, w: s.create_loyalty_tier(SHOP, w.p, {"tier_name": "X", "tier_level": 9})),
    ("tier unknown key", VE, lambda s, w: T(s, w, {"discount_percent": 5})),
    ("tier overlaps Silver", VE, lambda s, w: T(s, w, {"tier_level": 4, "min_points_required": 1500,
                                                       "max_points_required": 1800}, "p")),
    ("tier overlaps open-ended Gold", VE, lambda s, w: T(s, w, {"tier_level": 4, "min_points_required": 5000}, "p")),
    ("tier covers everything", VE, lambda s, w: T(s, w, {"tier_level": 0, "min_points_required": 0}, "p")),
    ("tier touches Upper's max (inclusive)", VE, lambda s, w: T(s, w, {"tier_level": 6, "min_points_required": 1999,
                                                                       "max_points_required": 2500})),
    ("tier touches Upper's min (inclusive)", VE, lambda s, w: T(s, w, {"tier_level": 4, "min_points_required": 0,
                                                                       "max_points_required": 1000})),
    ("tier level taken", VE, lambda s, w: T(s, w, {"tier_level": 5})),
    ("tier lower level needs more points", VE, lambda s, w: T(s, w, {"tier_level": 4})),
    ("tier higher level needs fewer points", VE, lambda s, w: T(s, w, {"tier_level": 6, "min_points_required": 0,
                                                                       "max_points_required": 99})),
    ("tier max below min", VE, lambda s, w: T(s, w, {"max_points_required": 999_999})),
    ("tier min negative", VE, lambda s, w: T(s, w, {"min_points_required": -1})),
    ("tier level negative", VE, lambda s, w: T(s, w, {"tier_level": -1})),
    ("tier level over 100", VE, lambda s, w: T(s, w, {"tier_level": 101})),
    ("tier level float", VE, lambda s, w: T(s, w, {"tier_level": 4.0})),
    ("tier name blank", VE, lambda s, w: T(s, w, {"tier_name": ""})),
    ("tier name not text", VE, lambda s, w: T(s, w, {"tier_name": 3})),
    ("tier multiplier zero", VE, lambda s, w: T(s, w, {"points_multiplier": "0"})),
    ("tier multiplier negative", VE, lambda s, w: T(s, w, {"points_multiplier": "-1"})),
    ("tier multiplier 5 decimals", VE, lambda s, w: T(s, w, {"points_multiplier": "1.00001"})),
    ("tier birthday multiplier over 10", VE, lambda s, w: T(s, w, {"birthday_bonus_multiplier": "11"})),
    ("tier benefits not a list", VE, lambda s, w: T(s, w, {"benefits": "free coffee"})),
    ("tier exclusive rewards not a list", VE, lambda s, w: T(s, w, {"exclusive_rewards": {"a": 1}})),
    ("tier exclusive rewards NaN", VE, lambda s, w: T(s, w, {"exclusive_rewards": [float("nan")]}), BUG_JSON_NAN),
    ("update tier overlaps next (max inclusive)", VE,
     lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Bronze"], {"max_points_required": 500})),
    ("update tier overlaps previous", VE,
     lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Silver"], {"min_points_required": 499})),
    ("update tier max below min", VE,
     lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Gold"], {"max_points_required": 1999})),
    ("update tier level taken", VE, lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Gold"], {"tier_level": 1})),
    ("update tier unknown key", VE, lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Gold"], {"colour": "gold"})),
    ("update tier min negative", VE,
     lambda s, w: s.update_loyalty_tier(SHOP, w.tier["Bronze"], {"min_points_required": -1})),
    ("delete tier with members", VE, lambda s, w: s.delete_loyalty_tier(SHOP, w.tier["Bronze"])),
    ("delete tier a reward is exclusive to", VE, lambda s, w: s.delete_loyalty_tier(SHOP, w.tier["Gold"])),
    # enrollment
    ("enroll missing name", VE, lambda s, w: s.enroll_loyalty_member(SHOP, w.p, {"email": "new@example.com"})),
    ("enroll name None", VE, lambda s, w: E(s, w, {"customer_name": None})),
    ("enroll name blank", VE, lambda s, w: E(s, w, {"customer_name": "   "})),
    ("enroll name not text", VE, lambda s, w: E(s, w, {"customer_name": 42})),
    ("enroll name too long", VE, lambda s, w: E(s, w, {"customer_name": "x" * 201})),
    ("enroll name with NUL", VE, lambda s, w: E(s, w, {"customer_name": "Ada\x00Lovelace"}), BUG_NUL),
    ("enroll unknown key", VE, lambda s, w: E(s, w, {"nickname": "Addie"})),
    ("enroll with current_points", VE, lambda s, w: E(s, w, {"current_points": 1000})),
    ("enroll invalid email", VE, lambda s, w: E(s, w, {"email": "not-an-email"})),
    ("enroll email without domain dot", VE, lambda s, w: E(s, w, {"email": "ada@localhost"})),
    ("enroll email double at", VE, lambda s, w: E(s, w, {"email": "ada@@example.com"})),
    ("enroll email not text", VE, lambda s, w: E(s, w, {"email": 5})),
    ("enroll phone too short", VE, lambda s, w: E(s, w, {"phone": "12"})),
    ("enroll phone letters", VE, lambda s, w: E(s, w, {"phone": "call me"})),
    ("enroll phone too long", VE, lambda s, w: E(s, w, {"phone": "+1 650 253 00000"})),
    ("enroll phone not text", VE, lambda s, w: E(s, w, {"phone": 6502530002})),
    ("enroll birthday tomorrow", VE, lambda s, w: E(s, w, {"birthday": TODAY + DAY})),
    ("enroll birthday far future", VE, lambda s, w: E(s, w, {"birthday": "2999-01-01"})),
    ("enroll birthday before 1900", VE, lambda s, w: E(s, w, {"birthday": "1899-12-31"})),
    ("enroll birthday not a date", VE, lambda s, w: E(s, w, {"birthday": "April 23rd"})),
    ("enroll birthday impossible", VE, lambda s, w: E(s, w, {"birthday": "1990-02-30"})),
    ("enroll birthday datetime", VE, lambda s, w: E(s, w, {"birthday": dt.datetime(1990, 4, 23, 12, 0)})),
    ("enroll birthday int", VE, lambda s, w: E(s, w, {"birthday": 19900423})),
    ("enroll customer id too long", VE, lambda s, w: E(s, w, {"customer_id": "x" * 65})),
    ("enroll customer id not text", VE, lambda s, w: E(s, w, {"customer_id": 5})),
    ("enroll metadata not a dict", VE, lambda s, w: E(s, w, {"member_metadata": "vip"})),
    ("enroll metadata not JSON", VE, lambda s, w: E(s, w, {"member_metadata": {"since": object()}})),
    ("enroll metadata NaN", VE, lambda s, w: E(s, w, {"member_metadata": {"score": float("nan")}}), BUG_JSON_NAN),
    ("enroll unknown referral code", VE, lambda s, w: E(s, w, {"referred_by_code": "NOPE-22222"})),
    ("enroll referral code not text", VE, lambda s, w: E(s, w, {"referred_by_code": 5})),
    ("enroll referral code of another program", VE, lambda s, w: E(s, w, {"referred_by_code": w.c_code})),
    ("enroll self-referral by email", VE, lambda s, w: E(s, w, {"email": "ADA@example.com",
                                                                "referred_by_code": w.a_code})),
    ("enroll self-referral by phone", VE, lambda s, w: E(s, w, {"phone": "(650) 253-0000",
                                                                "referred_by_code": w.a_code})),
    ("enroll referral where referrals are off", NotEligible,
     lambda s, w: E(s, w, {"referred_by_code": w.c_code}, "plain")),
    ("enroll into inactive program", NotEligible, lambda s, w: E(s, w, {}, "closed")),
    # member updates
    ("update member current_points", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"current_points": 10 ** 6})),
    ("update member current_points with name", VE,
     lambda s, w: s.update_loyalty_member(SHOP, w.a, {"customer_name": "Ada", "current_points": 0})),
    ("update member lifetime_points", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"lifetime_points": 0})),
    ("update member redemption_count", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"redemption_count": 0})),
    ("update member total_spent", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"total_spent": "0"})),
    ("update member unknown key", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"nickname": "Addie"})),
    ("update member unknown status", VE,
     lambda s, w: s.update_loyalty_member(SHOP, w.a, {"membership_status": "banned"})),
    ("update member status None", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"membership_status": None})),
    ("update member invalid email", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"email": "nope"})),
    ("update member invalid phone", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"phone": "12"})),
    ("update member birthday tomorrow", VE,
     lambda s, w: s.update_loyalty_member(SHOP, w.a, {"birthday": (TODAY + DAY).isoformat()})),
    ("update member name blank", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"customer_name": ""})),
    ("update member metadata not a dict", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"member_metadata": 1})),
    ("update member tier id text", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"current_tier_id": "1"})),
    ("update member tier id bool", VE, lambda s, w: s.update_loyalty_member(SHOP, w.a, {"current_tier_id": True})),
    ("update member tier of another program", VE,
     lambda s, w: s.update_loyalty_member(SHOP, w.a, {"current_tier_id": w.tier["Upper"]})),
    ("update member unknown tier", NotFound,
     lambda s, w: s.update_loyalty_member(SHOP, w.a, {"current_tier_id": MISSING})),
    # lookup
    ("find query not text", VE, lambda s, w: s.find_members(SHOP, 5)),
    ("find query None", VE, lambda s, w: s.find_members(SHOP, None)),
    ("find query bytes", VE, lambda s, w: s.find_members(SHOP, b"ada")),
    ("find mistyped card number", VE, lambda s, w: s.find_members(SHOP, w.bad_card)),
    ("find limit 0", VE, lambda s, w: s.find_members(SHOP, "ada", limit=0)),
    ("find limit 201", VE, lambda s, w: s.find_members(SHOP, "ada", limit=201)),
    ("find limit bool", VE, lambda s, w: s.find_members(SHOP, "ada", limit=True)),
    ("find limit text", VE, lambda s, w: s.find_members(SHOP, "ada", limit="5")),
    ("find limit float", VE, lambda s, w: s.find_members(SHOP, "ada", limit=5.0)),
    ("find query with NUL", VE, lambda s, w: s.find_members(SHOP, "ada\x00"), BUG_NUL),
    # points transactions
    ("tx missing points", VE, lambda s, w: s.add_points_transaction(SHOP, w.p, w.a, {"description": "x"})),
    ("tx points None", VE, lambda s, w: TX(s, w, {"points_amount": None})),
    ("tx unknown key", VE, lambda s, w: TX(s, w, {"reason": "goodwill"})),
    ("tx points float", VE, lambda s, w: TX(s, w, {"points_amount": 1.5})),
    ("tx points decimal text", VE, lambda s, w: TX(s, w, {"points_amount": "1.5"})),
    ("tx points Decimal", VE, lambda s, w: TX(s, w, {"points_amount": Decimal("5")})),
    ("tx points text", VE, lambda s, w: TX(s, w, {"points_amount": "five"})),
    ("tx points NaN", VE, lambda s, w: TX(s, w, {"points_amount": "NaN"})),
    ("tx points bool", VE, lambda s, w: TX(s, w, {"points_amount": True})),
    ("tx points list", VE, lambda s, w: TX(s, w, {"points_amount": [5]})),
    ("tx points zero", VE, lambda s, w: TX(s, w, {"points_amount": 0})),
    ("tx points zero text", VE, lambda s, w: TX(s, w, {"points_amount": "0"})),
    ("tx points huge", VE, lambda s, w: TX(s, w, {"points_amount": 10 ** 9})),
    ("tx points '²'", VE, lambda s, w: TX(s, w, {"points_amount": "²"}), BUG_AS_INT),
    ("tx points '+-5'", VE, lambda s, w: TX(s, w, {"points_amount": "+-5"}), BUG_AS_INT),
    ("tx unknown type", VE, lambda s, w: TX(s, w, {"transaction_type": "gift"})),
    ("tx type int", VE, lambda s, w: TX(s, w, {"transaction_type": 3})),
    *[(f"tx type {kind} is not direct", VE, lambda s, w, kind=kind: TX(s, w, {"transaction_type": kind}))
      for kind in ("redemption", "expiration", "welcome_bonus", "purchase_return", "redemption_refund")],
    ("manual adjustment without description", VE,
     lambda s, w: s.add_points_transaction(SHOP, w.p, w.a, {"points_amount": 5})),
    ("manual adjustment with blank description", VE, lambda s, w: TX(s, w, {"points_amount": -5,
                                                                             "description": "   "})),
    ("manual adjustment description not text", VE, lambda s, w: TX(s, w, {"description": 5})),
    ("manual adjustment larger than balance", InsufficientPoints,
     lambda s, w: TX(s, w, {"points_amount": -(w.a_points + 1)})),
    ("manual adjustment on empty balance", InsufficientPoints, lambda s, w: TX(s, w, {"points_amount": -1}, "b")),
    ("purchase-type tx negative", VE, lambda s, w: TX(s, w, {"transaction_type": "purchase", "points_amount": -5})),
    ("tx reference type without id", VE, lambda s, w: TX(s, w, {"reference_type": "pos"})),
    ("tx reference id without type", VE, lambda s, w: TX(s, w, {"reference_id": "R-9"})),
    ("tx reserved reference type", VE, lambda s, w: TX(s, w, {"reference_type": "order", "reference_id": "ORD-9"})),
    ("tx source not text", VE, lambda s, w: TX(s, w, {"source": 5})),
    ("tx source too long", VE, lambda s, w: TX(s, w, {"source": "s" * 33})),
    ("tx replay with other points", DuplicateReference,
     lambda s, w: TX(s, w, {"transaction_type": "purchase", "points_amount": 30, "reference_type": "pos",
                            "reference_id": "R-1"})),
    ("tx replay for other member", DuplicateReference,
     lambda s, w: TX(s, w, {"transaction_type": "purchase", "points_amount": 25, "reference_type": "pos",
                            "reference_id": "R-1"}, "b")),
    ("tx replay with other type", DuplicateReference,
     lambda s, w: TX(s, w, {"points_amount": 25, "reference_type": "pos", "reference_id": "R-1"})),
    ("tx for suspended member", NotEligible, lambda s, w: TX(s, w, {"transaction_type": "purchase"}, "s")),
    ("tx in inactive program", NotEligible,
     lambda s, w: TX(s, w, {"transaction_type": "referral"}, "m_closed", "closed")),
    ("tx member of another program", VE, lambda s, w: TX(s, w, {}, "c")),
    # purchases
    ("purchase order ref None", VE, lambda s, w: s.record_purchase(SHOP, w.p, w.a, "5.00", None)),
    ("purchase order ref blank", VE, lambda s, w: s.record_purchase(SHOP, w.p, w.a, "5.00", "   ")),
    ("purchase order ref int", VE, lambda s, w: s.record_purchase(SHOP, w.p, w.a, "5.00", 1001)),
    ("purchase order ref too long", VE, lambda s, w: s.record_purchase(SHOP, w.p, w.a, "5.00", "O" * 129)),
    ("purchase duplicate ref other amount", DuplicateReference,
     lambda s, w: s.record_purchase(SHOP, w.p, w.a, "999.99", "ORD-1")),
    ("purchase duplicate ref other member", DuplicateReference,
     lambda s, w: s.record_purchase(SHOP, w.p, w.b, "1000.00", "ORD-1")),
    ("purchase duplicate ref of a returned order", DuplicateReference,
     lambda s, w: s.record_purchase(SHOP, w.p, w.a, "20.01", "ORD-2")),
    ("purchase by suspended member", NotEligible, lambda s, w: s.record_purchase(SHOP, w.p, w.s, "5.00", "NEW-1")),
    ("purchase in inactive program", NotEligible,
     lambda s, w: s.record_purchase(SHOP, w.closed, w.m_closed, "5.00", "NEW-1")),
    ("purchase member of another program", VE, lambda s, w: s.record_purchase(SHOP, w.p, w.c, "5.00", "NEW-1")),
    # returns
    ("return order ref None", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, None)),
    ("return order ref int", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, 1)),
    ("return unknown order", NotFound, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-NOPE")),
    ("return more than bought", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-1", "1000.01")),
    ("return more than is left", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-3", "40.01")),
    ("return an order twice (whole)", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-2")),
    ("return an order twice (part)", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-2", "1.00")),
    ("return ref replay with other amount", DuplicateReference,
     lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-3", "20.00", return_ref="RET-1")),
    ("return ref replay for other order", DuplicateReference,
     lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-1", "10.00", return_ref="RET-1")),
    ("return ref not text", VE, lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-1", "1.00", return_ref=5)),
    # rewards
    ("reward missing name", VE, lambda s, w: s.create_loyalty_reward(SHOP, w.p, {"reward_type": "discount",
                                                                                 "points_cost": 10})),
    ("reward missing type", VE, lambda s, w: s.create_loyalty_reward(SHOP, w.p, {"reward_name": "X",
                                                                                 "points_cost": 10})),
    ("reward missing cost", VE, lambda s, w: s.create_loyalty_reward(SHOP, w.p, {"reward_name": "X",
                                                                                 "reward_type": "discount"})),
    ("reward unknown key", VE, lambda s, w: RW(s, w, {"colour": "red"})),
    ("reward unknown type", VE, lambda s, w: RW(s, w, {"reward_type": "voucher"})),
    ("reward cost zero", VE, lambda s, w: RW(s, w, {"points_cost": 0})),
    ("reward cost negative", VE, lambda s, w: RW(s, w, {"points_cost": -10})),
    ("reward cost float", VE, lambda s, w: RW(s, w, {"points_cost": 10.0})),
    ("reward cost text", VE, lambda s, w: RW(s, w, {"points_cost": "ten"})),
    ("reward quantity negative", VE, lambda s, w: RW(s, w, {"quantity_available": -1})),
    ("reward quantity float", VE, lambda s, w: RW(s, w, {"quantity_available": 1.5})),
    ("reward remaining without available", VE, lambda s, w: RW(s, w, {"quantity_remaining": 3})),
    ("reward remaining differs from available", VE, lambda s, w: RW(s, w, {"quantity_available": 5,
                                                                           "quantity_remaining": 4})),
    ("reward ends before it starts", VE, lambda s, w: RW(s, w, {"start_date": TODAY, "end_date": TODAY - DAY})),
    ("reward start date not a date", VE, lambda s, w: RW(s, w, {"start_date": "next week"})),
    ("reward end date impossible", VE, lambda s, w: RW(s, w, {"end_date": "2026-13-01"})),
    ("reward start date datetime", VE, lambda s, w: RW(s, w, {"start_date": START})),
    ("reward tier of another program", VE, lambda s, w: RW(s, w, {"tier_exclusive_id": w.tier["Upper"]})),
    ("reward unknown tier", NotFound, lambda s, w: RW(s, w, {"tier_exclusive_id": MISSING})),
    ("reward tier id text", VE, lambda s, w: RW(s, w, {"tier_exclusive_id": "gold"})),
    ("reward active text", VE, lambda s, w: RW(s, w, {"active": "yes"})),
    ("reward terms not a dict", VE, lambda s, w: RW(s, w, {"reward_terms": "one each"})),
    ("reward terms max per member 0", VE, lambda s, w: RW(s, w, {"reward_terms": {"max_per_member": 0}})),
    ("reward terms max per member text", VE, lambda s, w: RW(s, w, {"reward_terms": {"max_per_member": "one"}})),
    ("reward terms Infinity", VE, lambda s, w: RW(s, w, {"reward_terms": {"value": float("inf")}}), BUG_JSON_NAN),
    ("reward name blank", VE, lambda s, w: RW(s, w, {"reward_name": ""})),
    ("reward image url not text", VE, lambda s, w: RW(s, w, {"reward_image_url": 5})),
    ("update reward unknown key", VE, lambda s, w: s.update_loyalty_reward(SHOP, w.reward["cheap"], {"colour": "r"})),
    ("update reward unknown type", VE,
     lambda s, w: s.update_loyalty_reward(SHOP, w.reward["cheap"], {"reward_type": "voucher"})),
    ("update reward cost zero", VE, lambda s, w: s.update_loyalty_reward(SHOP, w.reward["cheap"], {"points_cost": 0})),
    ("update reward stock below redeemed", VE,
     lambda s, w: s.update_loyalty_reward(SHOP, w.reward["cheap"], {"quantity_available": 3})),
    ("update reward end before start", VE,
     lambda s, w: s.update_loyalty_reward(SHOP, w.reward["past"], {"end_date": TODAY - 31 * DAY})),
    ("update reward tier of another program", VE,
     lambda s, w: s.update_loyalty_reward(SHOP, w.reward["cheap"], {"tier_exclusive_id": w.tier["Upper"]})),
    # redemptions
    ("redeem with too few points", InsufficientPoints, lambda s, w: redeem(s, w, "cheap", "b")),
    ("redeem far too few points", InsufficientPoints, lambda s, w: redeem(s, w, "big")),
    ("redeem out of stock", OutOfStock, lambda s, w: redeem(s, w, "empty")),
    ("redeem tier-exclusive reward", NotEligible, lambda s, w: redeem(s, w, "gold")),
    ("redeem beyond max per member", NotEligible, lambda s, w: redeem(s, w, "once")),
    ("redeem as suspended member", NotEligible, lambda s, w: redeem(s, w, "cheap", "s")),
    ("redeem in inactive program", NotEligible, lambda s, w: redeem(s, w, "closed", "m_closed", "closed")),
    ("redeem before the reward starts", NotEligible, lambda s, w: redeem(s, w, "future")),
    ("redeem after the reward ended", NotEligible, lambda s, w: redeem(s, w, "past")),
    ("redeem inactive reward", NotEligible, lambda s, w: redeem(s, w, "inactive")),
    ("redeem below the program minimum", NotEligible, lambda s, w: redeem(s, w, "plain", "c", "plain")),
    ("redeem another program's reward", (NotEligible, VE), lambda s, w: redeem(s, w, "plain")),
    ("redeem as member of another program", VE, lambda s, w: redeem(s, w, "cheap", "c")),
    ("redeem with the wrong points", VE, lambda s, w: redeem(s, w, "cheap", points=11)),
    ("redeem with zero points", VE, lambda s, w: redeem(s, w, "cheap", points=0)),
    ("redeem with float points", VE, lambda s, w: redeem(s, w, "cheap", points=10.0)),
    ("redeem with bool points", VE, lambda s, w: redeem(s, w, "cheap", points=True)),
    ("redeem with text points", VE, lambda s, w: redeem(s, w, "cheap", points="ten")),
    # fulfillment
    ("status unknown", VE, lambda s, w: status(s, w, "pending", "lost")),
    ("status int", VE, lambda s, w: status(s, w, "pending", 1)),
    ("status None", VE, lambda s, w: status(s, w, "pending", None)),
    ("status blank", VE, lambda s, w: status(s, w, "pending", "")),
    ("status wrong case", VE, lambda s, w: status(s, w, "pending", "APPROVED")),
    ("shipped without tracking number", VE, lambda s, w: status(s, w, "approved", "shipped")),
    ("shipped with blank tracking number", VE,
     lambda s, w: status(s, w, "approved", "shipped", tracking_number="   ")),
    ("tracking number not text", VE, lambda s, w: status(s, w, "approved", "shipped", tracking_number=12345)),
    ("tracking number too long", VE,
     lambda s, w: status(s, w, "approved", "shipped", tracking_number="T" * 65)),
    ("notes not text", VE, lambda s, w: status(s, w, "pending", "approved", notes=["fragile"])),
    ("queue unknown status", VE, lambda s, w: s.get_redemptions(SHOP, status="lost")),
    ("queue limit text", VE, lambda s, w: s.get_redemptions(SHOP, limit="x"), BUG_LIMIT),
    ("queue limit negative", VE, lambda s, w: s.get_redemptions(SHOP, limit=-1), BUG_LIMIT),
    ("queue limit bool", VE, lambda s, w: s.get_redemptions(SHOP, limit=True), BUG_LIMIT),
    ("queue limit float", VE, lambda s, w: s.get_redemptions(SHOP, limit=1.5), BUG_LIMIT),
    ("activity limit text", VE, lambda s, w: s.get_member_activity(SHOP, w.a, limit="x"), BUG_LIMIT),
    ("activity limit negative", VE, lambda s, w: s.get_member_activity(SHOP, w.a, limit=-1), BUG_LIMIT),
    # read models and analytics
    ("page unknown sort", VE, lambda s, w: s.list_members_page(SHOP, sort="shoe_size")),
    ("page unknown status", VE, lambda s, w: s.list_members_page(SHOP, status="banned")),
    ("page limit 0", VE, lambda s, w: s.list_members_page(SHOP, limit=0)),
    ("page limit bool", VE, lambda s, w: s.list_members_page(SHOP, limit=True)),
    ("page limit text", VE, lambda s, w: s.list_members_page(SHOP, limit="50")),
    ("page sort list", VE, lambda s, w: s.list_members_page(SHOP, sort=["name"]), BUG_PAGE),
    ("page status list", VE, lambda s, w: s.list_members_page(SHOP, status=["active"]), BUG_PAGE),
    ("page search not text", VE, lambda s, w: s.list_members_page(SHOP, search=5), BUG_PAGE),
    ("page after not a pair", VE, lambda s, w: s.list_members_page(SHOP, after=5), BUG_PAGE),
    ("page after a triple", VE, lambda s, w: s.list_members_page(SHOP, after=("Ada", 1, 2)), BUG_PAGE),
    ("page after id not a number", VE, lambda s, w: s.list_members_page(SHOP, after=("Ada", "x")), BUG_PAGE),
    ("page after value of the wrong type", VE,
     lambda s, w: s.list_members_page(SHOP, sort="current_points", after=("lots", 1)), BUG_PAGE),
    ("page descending text", VE, lambda s, w: s.list_members_page(SHOP, descending="no"), BUG_PAGE),
    ("liability months 0", VE, lambda s, w: s.get_points_liability(SHOP, months=0), BUG_MONTHS),
    ("liability months negative", VE, lambda s, w: s.get_points_liability(SHOP, months=-1), BUG_MONTHS),
    ("liability months text", VE, lambda s, w: s.get_points_liability(SHOP, months="twelve"), BUG_MONTHS),
    ("liability months float", VE, lambda s, w: s.get_points_liability(SHOP, months=1.5), BUG_MONTHS),
    ("liability months huge", VE, lambda s, w: s.get_points_liability(SHOP, months=10 ** 6), BUG_MONTHS),
    ("series dates None", VE, lambda s, w: s.get_analytics_series(SHOP, None, None), BUG_SERIES),
    ("series dates text", VE, lambda s, w: s.get_analytics_series(SHOP, "2026-01-01", "2026-03-01"), BUG_SERIES),
    ("series dates int", VE, lambda s, w: s.get_analytics_series(SHOP, 20260101, 20260301), BUG_SERIES),
    # jobs and checks
    ("jobs as_of text", VE, lambda s, w: s.run_daily_jobs(SHOP, "2026-03-01")),
    ("jobs as_of naive datetime", VE, lambda s, w: s.run_daily_jobs(SHOP, dt.datetime(2026, 3, 1, 12, 0))),
    ("jobs as_of int", VE, lambda s, w: s.run_daily_jobs(SHOP, 20260301)),
    ("jobs as_of date.max", VE, lambda s, w: s.run_daily_jobs(SHOP, dt.date.max), BUG_AS_OF),
    # user_id that is text but unusable
    ("user id with NUL", VE, lambda s, w: s.create_loyalty_program("shop\x00", {"program_name": "X",
                                                                                  "program_type": "points"}),
     BUG_NUL),
]


def _case(name: str, expected: Any, call: Call, *marks: Any) -> Any:
    return pytest.param(call, expected, id=name, marks=marks)


@pytest.mark.parametrize(("call", "expected"), [_case(*c) for c in CASES])
def test_bad_input_is_refused_and_writes_nothing(w: World, call: Call, expected: Any) -> None:
    assert_refused(w, lambda: call(w.svc, w), expected)


# --- huge ids: beyond any INTEGER column --------------------------------------

# A promotion the calls above would accept (README, "Promotions").
PROMOTION = {"name": "Double days", "multiplier": "2", "starts_at": "2026-03-01", "ends_at": "2026-03-31"}

HUGE_ID_CALLS = {
    "get_loyalty_member": lambda s, w, x: s.get_loyalty_member(SHOP, x),
    "update_loyalty_program": lambda s, w, x: s.update_loyalty_program(SHOP, x, {"program_name": "X"}),
    "create_redemption reward": lambda s, w, x: s.create_redemption(SHOP, w.p, w.a, x),
    "update_redemption_status": lambda s, w, x: s.update_redemption_status(SHOP, x, "approved"),
    "update_loyalty_member tier": lambda s, w, x: s.update_loyalty_member(SHOP, w.a, {"current_tier_id": x}),
}


@pytest.mark.parametrize("size", [31, 63])
@pytest.mark.parametrize("name", list(HUGE_ID_CALLS))
def test_ids_beyond_the_integer_range_are_refused(w: World, request: pytest.FixtureRequest, name: str,
                                                  size: int) -> None:
    # 2**31 overflows PostgreSQL's INTEGER; 2**63 overflows SQLite's and PostgreSQL's.
    assert_refused(w, lambda: HUGE_ID_CALLS[name](w.svc, w, 2 ** size), (NotFound, ValidationError))


# --- wrong types in id, data, amount and user_id positions -------------------

BAD_IDS = [1.0, True, False, "1", None, 0, -1, [1], Decimal(1)]

ID_SLOTS: dict[str, Callable[[LoyaltyService, World, Any], Any]] = {
    "get_loyalty_program": lambda s, w, x: s.get_loyalty_program(SHOP, x),
    "update_loyalty_program": lambda s, w, x: s.update_loyalty_program(SHOP, x, {"program_name": "X"}),
    "get_loyalty_tiers": lambda s, w, x: s.get_loyalty_tiers(SHOP, x),
    "create_loyalty_tier": lambda s, w, x: s.create_loyalty_tier(SHOP, x, {"tier_name": "X", "tier_level": 9,
                                                                          "min_points_required": 10 ** 6}),
    "update_loyalty_tier": lambda s, w, x: s.update_loyalty_tier(SHOP, x, {"tier_name": "X"}),
    "delete_loyalty_tier": lambda s, w, x: s.delete_loyalty_tier(SHOP, x),
    "get_loyalty_members": lambda s, w, x: s.get_loyalty_members(SHOP, x),
    "get_loyalty_member": lambda s, w, x: s.get_loyalty_member(SHOP, x),
    "enroll_loyalty_member": lambda s, w, x: s.enroll_loyalty_member(SHOP, x, {"customer_name": "New"}),
    "update_loyalty_member": lambda s, w, x: s.update_loyalty_member(SHOP, x, {"customer_name": "X"}),
    "replace_member_card": lambda s, w, x: s.replace_member_card(SHOP, x),
    "add_points_transaction program": lambda s, w, x: s.add_points_transaction(
        SHOP, x, w.a, {"points_amount": 5, "description": "x"}),
    "add_points_transaction member": lambda s, w, x: s.add_points_transaction(
        SHOP, w.p, x, {"points_amount": 5, "description": "x"}),
    "get_member_points_history": lambda s, w, x: s.get_member_points_history(SHOP, x),
    "record_purchase program": lambda s, w, x: s.record_purchase(SHOP, x, w.a, "5.00", "NEW-1"),
    "record_purchase member": lambda s, w, x: s.record_purchase(SHOP, w.p, x, "5.00", "NEW-1"),
    "quote_purchase program": lambda s, w, x: s.quote_purchase(SHOP, x, w.a, "5.00"),
    "quote_purchase member": lambda s, w, x: s.quote_purchase(SHOP, w.p, x, "5.00"),
    "quote_purchase_detail program": lambda s, w, x: s.quote_purchase_detail(SHOP, x, w.a, "5.00"),
    "quote_purchase_detail member": lambda s, w, x: s.quote_purchase_detail(SHOP, w.p, x, "5.00"),
    "list_promotions": lambda s, w, x: s.list_promotions(SHOP, x),
    "create_promotion": lambda s, w, x: s.create_promotion(SHOP, x, PROMOTION),
    "update_promotion": lambda s, w, x: s.update_promotion(SHOP, x, {"name": "X"}),
    "end_promotion": lambda s, w, x: s.end_promotion(SHOP, x),
    "promotion_example program": lambda s, w, x: s.promotion_example(SHOP, x, PROMOTION, "20.00"),
    "reverse_purchase program": lambda s, w, x: s.reverse_purchase(SHOP, x, "ORD-1"),
    "get_loyalty_rewards": lambda s, w, x: s.get_loyalty_rewards(SHOP, x),
    "create_loyalty_reward": lambda s, w, x: s.create_loyalty_reward(SHOP, x, {"reward_name": "X",
                                                                              "reward_type": "discount",
                                                                              "points_cost": 5}),
    "update_loyalty_reward": lambda s, w, x: s.update_loyalty_reward(SHOP, x, {"reward_name": "X"}),
    "reward_eligibility": lambda s, w, x: s.reward_eligibility(SHOP, x),
    "create_redemption program": lambda s, w, x: s.create_redemption(SHOP, x, w.a, w.reward["cheap"]),
    "create_redemption member": lambda s, w, x: s.create_redemption(SHOP, w.p, x, w.reward["cheap"]),
    "create_redemption reward": lambda s, w, x: s.create_redemption(SHOP, w.p, w.a, x),
    "get_member_redemptions": lambda s, w, x: s.get_member_redemptions(SHOP, x),
    "update_redemption_status": lambda s, w, x: s.update_redemption_status(SHOP, x, "approved"),
    "get_member_activity": lambda s, w, x: s.get_member_activity(SHOP, x),
    "get_tier_history": lambda s, w, x: s.get_tier_history(SHOP, x),
    "get_member_summary": lambda s, w, x: s.get_member_summary(SHOP, x),
    "get_analytics_snapshots": lambda s, w, x: s.get_analytics_snapshots(SHOP, x),
    # Optional filters, where None means "all".
    "find_members program filter": lambda s, w, x: s.find_members(SHOP, "ada", program_id=x),
    "list_members_page program filter": lambda s, w, x: s.list_members_page(SHOP, program_id=x),
    "list_members_page tier filter": lambda s, w, x: s.list_members_page(SHOP, tier_id=x),
    "count_members program filter": lambda s, w, x: s.count_members(SHOP, program_id=x),
    "get_loyalty_dashboard_data program filter": lambda s, w, x: s.get_loyalty_dashboard_data(SHOP, program_id=x),
    "get_points_liability program filter": lambda s, w, x: s.get_points_liability(SHOP, program_id=x),
    "get_analytics_series program filter": lambda s, w, x: s.get_analytics_series(
        SHOP, TODAY - 30 * DAY, TODAY, program_id=x),
}


def _method_param(name: str, method: str | None = None) -> Any:
    """A parameter that is skipped while the service does not have the method yet."""
    method = method or name.split(" ")[0]
    missing = not hasattr(LoyaltyService, method)
    return pytest.param(name, id=name, marks=[pytest.mark.skipif(missing, reason=f"LoyaltyService.{method} "
                                                                               "is not implemented yet")])


@pytest.mark.parametrize("slot", [_method_param(n) for n in ID_SLOTS])
def test_ids_must_be_positive_whole_numbers(w: World, slot: str) -> None:
    values = [v for v in BAD_IDS if not (v is None and slot.endswith(" filter"))]
    assert_all_refused(w, [(v, lambda v=v: ID_SLOTS[slot](w.svc, w, v)) for v in values], ValidationError)


NOT_DICTS = [None, "program_name=X", ["program_name"], [("program_name", "X")], 5, ("a", "b"), {"a"}]

DATA_SLOTS: dict[str, Callable[[LoyaltyService, World, Any], Any]] = {
    "save_shop": lambda s, w, d: s.save_shop(SHOP, d),
    "create_loyalty_program": lambda s, w, d: s.create_loyalty_program(SHOP, d),
    "update_loyalty_program": lambda s, w, d: s.update_loyalty_program(SHOP, w.p, d),
    "create_loyalty_tier": lambda s, w, d: s.create_loyalty_tier(SHOP, w.p, d),
    "update_loyalty_tier": lambda s, w, d: s.update_loyalty_tier(SHOP, w.tier["Gold"], d),
    "enroll_loyalty_member": lambda s, w, d: s.enroll_loyalty_member(SHOP, w.p, d),
    "update_loyalty_member": lambda s, w, d: s.update_loyalty_member(SHOP, w.a, d),
    "add_points_transaction": lambda s, w, d: s.add_points_transaction(SHOP, w.p, w.a, d),
    "create_loyalty_reward": lambda s, w, d: s.create_loyalty_reward(SHOP, w.p, d),
    "update_loyalty_reward": lambda s, w, d: s.update_loyalty_reward(SHOP, w.reward["cheap"], d),
    "create_promotion": lambda s, w, d: s.create_promotion(SHOP, w.p, d),
    "update_promotion": lambda s, w, d: s.update_promotion(SHOP, 1, d),
    "promotion_example": lambda s, w, d: s.promotion_example(SHOP, w.p, d, "20.00"),
}


@pytest.mark.parametrize("slot", list(DATA_SLOTS))
def test_data_must_be_a_dict(w: World, slot: str) -> None:
    assert_all_refused(w, [(d, lambda d=d: DATA_SLOTS[slot](w.svc, w, d)) for d in NOT_DICTS], ValidationError)


# Money: Decimal or string, more than zero, at most two places, finite, never a float.
BAD_MONEY = [10.5, 10.0, "-5", "0", "0.00", "-0", Decimal("-0.01"), "10.005", Decimal("0.001"), "NaN", "nan",
             "Infinity", "-Infinity", "inf", "sNaN", Decimal("NaN"), Decimal("Infinity"), "abc", "", "  ", None,
             True, [10], {"amount": 10}, "1e7", 10 ** 30]

MONEY_SLOTS: dict[str, Callable[[LoyaltyService, World, Any], Any]] = {
    "record_purchase": lambda s, w, a: s.record_purchase(SHOP, w.p, w.a, a, "NEW-1"),
    "record_purchase replay of ORD-1": lambda s, w, a: s.record_purchase(SHOP, w.p, w.a, a, "ORD-1"),
    "quote_purchase": lambda s, w, a: s.quote_purchase(SHOP, w.p, w.a, a),
    "quote_purchase_detail": lambda s, w, a: s.quote_purchase_detail(SHOP, w.p, w.a, a),
    "promotion_example": lambda s, w, a: s.promotion_example(SHOP, w.p, PROMOTION, a),
    "reverse_purchase": lambda s, w, a: s.reverse_purchase(SHOP, w.p, "ORD-1", a),
    "reverse_purchase with return ref": lambda s, w, a: s.reverse_purchase(SHOP, w.p, "ORD-3", a,
                                                                           return_ref="RET-1"),
}


@pytest.mark.parametrize("slot", list(MONEY_SLOTS))
def test_amounts_must_be_positive_decimals(w: World, slot: str) -> None:
    values = [a for a in BAD_MONEY if not (a is None and slot.startswith("reverse_purchase"))]  # None = all of it
    assert_all_refused(w, [(a, lambda a=a: MONEY_SLOTS[slot](w.svc, w, a)) for a in values], ValidationError)


# Rates and multipliers: Decimal or string, finite, not negative, at most four places.
BAD_RATES = [1.5, "-1", Decimal("-0.0001"), "1.00001", "NaN", "Infinity", "-Infinity", "sNaN",
             Decimal("NaN"), "abc", "", None, True, [1], "1e9"]

RATE_SLOTS: dict[str, Callable[[LoyaltyService, World, Any], Any]] = {
    "points_per_dollar": lambda s, w, v: P(s, w, {"points_per_dollar": v}),
    "update points_per_dollar": lambda s, w, v: s.update_loyalty_program(SHOP, w.p, {"points_per_dollar": v}),
    "point_value": lambda s, w, v: P(s, w, {"point_value": v}),
    "points_multiplier": lambda s, w, v: T(s, w, {"points_multiplier": v}),
    "update points_multiplier": lambda s, w, v: s.update_loyalty_tier(SHOP, w.tier["Gold"],
                                                                      {"points_multiplier": v}),
    "birthday_bonus_multiplier": lambda s, w, v: T(s, w, {"birthday_bonus_multiplier": v}),
}


@pytest.mark.parametrize("slot", list(RATE_SLOTS))
def test_rates_must_be_finite_decimals(w: World, slot: str) -> None:
    assert_all_refused(w, [(v, lambda v=v: RATE_SLOTS[slot](w.svc, w, v)) for v in BAD_RATES], ValidationError)


BAD_USERS = [None, "", "   ", 42, b"shop-1", ["shop-1"], "x" * 65]

USER_CALLS: dict[str, Callable[[LoyaltyService, World, Any], Any]] = {
    "save_shop": lambda s, w, u: s.save_shop(u, {"shop_name": "X"}),
    "get_shop": lambda s, w, u: s.get_shop(u),
    "get_loyalty_programs": lambda s, w, u: s.get_loyalty_programs(u),
    "get_loyalty_program": lambda s, w, u: s.get_loyalty_program(u, w.p),
    "create_loyalty_program": lambda s, w, u: s.create_loyalty_program(u, {"program_name": "X",
                                                                           "program_type": "points"}),
    "update_loyalty_program": lambda s, w, u: s.update_loyalty_program(u, w.p, {"program_name": "X"}),
    "get_loyalty_tiers": lambda s, w, u: s.get_loyalty_tiers(u, w.p),
    "create_loyalty_tier": lambda s, w, u: s.create_loyalty_tier(u, w.plain, {"tier_name": "X", "tier_level": 9,
                                                                             "min_points_required": 10 ** 6}),
    "update_loyalty_tier": lambda s, w, u: s.update_loyalty_tier(u, w.tier["Gold"], {"tier_name": "X"}),
    "delete_loyalty_tier": lambda s, w, u: s.delete_loyalty_tier(u, w.tier["Upper"]),
    "get_loyalty_members": lambda s, w, u: s.get_loyalty_members(u, w.p),
    "get_loyalty_member": lambda s, w, u: s.get_loyalty_member(u, w.a),
    "enroll_loyalty_member": lambda s, w, u: s.enroll_loyalty_member(u, w.p, {"customer_name": "X"}),
    "update_loyalty_member": lambda s, w, u: s.update_loyalty_member(u, w.a, {"customer_name": "X"}),
    "replace_member_card": lambda s, w, u: s.replace_member_card(u, w.a),
    "find_members": lambda s, w, u: s.find_members(u, "ada"),
    "add_points_transaction": lambda s, w, u: s.add_points_transaction(u, w.p, w.a, {"points_amount": 5,
                                                                                     "description": "x"}),
    "get_member_points_history": lambda s, w, u: s.get_member_points_history(u, w.a),
    "record_purchase": lambda s, w, u: s.record_purchase(u, w.p, w.a, "5.00", "NEW-1"),
    "quote_purchase": lambda s, w, u: s.quote_purchase(u, w.p, w.a, "5.00"),
    "quote_purchase_detail": lambda s, w, u: s.quote_purchase_detail(u, w.p, w.a, "5.00"),
    "list_promotions": lambda s, w, u: s.list_promotions(u, w.p),
    "create_promotion": lambda s, w, u: s.create_promotion(u, w.p, PROMOTION),
    "update_promotion": lambda s, w, u: s.update_promotion(u, 1, {"name": "X"}),
    "end_promotion": lambda s, w, u: s.end_promotion(u, 1),
    "promotion_example": lambda s, w, u: s.promotion_example(u, w.p, PROMOTION, "20.00"),
    "reverse_purchase": lambda s, w, u: s.reverse_purchase(u, w.p, "ORD-1", "1.00"),
    "get_loyalty_rewards": lambda s, w, u: s.get_loyalty_rewards(u, w.p),
    "create_loyalty_reward": lambda s, w, u: s.create_loyalty_reward(u, w.p, {"reward_name": "X",
                                                                             "reward_type": "discount",
                                                                             "points_cost": 5}),
    "update_loyalty_reward": lambda s, w, u: s.update_loyalty_reward(u, w.reward["cheap"], {"reward_name": "X"}),
    "reward_eligibility": lambda s, w, u: s.reward_eligibility(u, w.a),
    "create_redemption": lambda s, w, u: s.create_redemption(u, w.p, w.a, w.reward["cheap"]),
    "get_member_redemptions": lambda s, w, u: s.get_member_redemptions(u, w.a),
    "get_redemptions": lambda s, w, u: s.get_redemptions(u),
    "update_redemption_status": lambda s, w, u: s.update_redemption_status(u, w.redemption["pending"], "approved"),
    "get_member_activity": lambda s, w, u: s.get_member_activity(u, w.a),
    "get_tier_history": lambda s, w, u: s.get_tier_history(u, w.a),
    "run_daily_jobs": lambda s, w, u: s.run_daily_jobs(u),
    "check_ledger": lambda s, w, u: s.check_ledger(u),
    "get_loyalty_dashboard_data": lambda s, w, u: s.get_loyalty_dashboard_data(u),
    "list_members_page": lambda s, w, u: s.list_members_page(u),
    "count_members": lambda s, w, u: s.count_members(u),
    "get_member_summary": lambda s, w, u: s.get_member_summary(u, w.a),
    "get_points_liability": lambda s, w, u: s.get_points_liability(u),
    "get_analytics_series": lambda s, w, u: s.get_analytics_series(u, TODAY - 30 * DAY, TODAY),
    "get_analytics_snapshots": lambda s, w, u: s.get_analytics_snapshots(u, w.p),
}


@pytest.mark.parametrize("method", [_method_param(m) for m in USER_CALLS])
def test_user_id_must_be_non_empty_text(w: World, method: str) -> None:
    values = [u for u in BAD_USERS if not (u is None and method == "check_ledger")]  # None = every shop
    assert_all_refused(w, [(u, lambda u=u: USER_CALLS[method](w.svc, w, u)) for u in values], ValidationError)


# --- another shop's rows are reported exactly like missing ones ---------------

FOREIGN: list[tuple[str, str, Callable[[LoyaltyService, World, Any], Any], type]] = [
    # (case, what kind of key, call with the key, expected error)
    ("get_loyalty_program", "program", lambda s, w, x: s.get_loyalty_program(SHOP, x), NotFound),
    ("update_loyalty_program", "program", lambda s, w, x: s.update_loyalty_program(SHOP, x, {"program_name": "X"}),
     NotFound),
    ("get_loyalty_tiers", "program", lambda s, w, x: s.get_loyalty_tiers(SHOP, x), NotFound),
    ("create_loyalty_tier", "program", lambda s, w, x: s.create_loyalty_tier(SHOP, x, {
        "tier_name": "X", "tier_level": 9, "min_points_required": 10 ** 6}), NotFound),
    ("get_loyalty_members", "program", lambda s, w, x: s.get_loyalty_members(SHOP, x), NotFound),
    ("enroll_loyalty_member", "program", lambda s, w, x: s.enroll_loyalty_member(SHOP, x, {"customer_name": "X"}),
     NotFound),
    ("add_points_transaction program", "program", lambda s, w, x: s.add_points_transaction(
        SHOP, x, w.a, {"points_amount": 5, "description": "x"}), NotFound),
    ("record_purchase program", "program", lambda s, w, x: s.record_purchase(SHOP, x, w.a, "5.00", "NEW-1"),
     NotFound),
    ("quote_purchase program", "program", lambda s, w, x: s.quote_purchase(SHOP, x, w.a, "5.00"), NotFound),
    ("quote_purchase_detail program", "program", lambda s, w, x: s.quote_purchase_detail(SHOP, x, w.a, "5.00"),
     NotFound),
    ("list_promotions", "program", lambda s, w, x: s.list_promotions(SHOP, x), NotFound),
    ("create_promotion", "program", lambda s, w, x: s.create_promotion(SHOP, x, PROMOTION), NotFound),
    ("promotion_example", "program", lambda s, w, x: s.promotion_example(SHOP, x, PROMOTION, "20.00"), NotFound),
    ("reverse_purchase program", "program", lambda s, w, x: s.reverse_purchase(SHOP, x, "ORD-X"), NotFound),
    ("get_loyalty_rewards", "program", lambda s, w, x: s.get_loyalty_rewards(SHOP, x), NotFound),
    ("create_loyalty_reward", "program", lambda s, w, x: s.create_loyalty_reward(SHOP, x, {
        "reward_name": "X", "reward_type": "discount", "points_cost": 5}), NotFound),
    ("create_redemption program", "program", lambda s, w, x: s.create_redemption(SHOP, x, w.a, w.reward["cheap"]),
     NotFound),
    ("get_loyalty_member", "member", lambda s, w, x: s.get_loyalty_member(SHOP, x), NotFound),
    ("update_loyalty_member", "member", lambda s, w, x: s.update_loyalty_member(SHOP, x, {"customer_name": "X"}),
     NotFound),
    ("replace_member_card", "member", lambda s, w, x: s.replace_member_card(SHOP, x), NotFound),
    ("get_member_points_history", "member", lambda s, w, x: s.get_member_points_history(SHOP, x), NotFound),
    ("get_member_redemptions", "member", lambda s, w, x: s.get_member_redemptions(SHOP, x), NotFound),
    ("get_member_activity", "member", lambda s, w, x: s.get_member_activity(SHOP, x), NotFound),
    ("get_tier_history", "member", lambda s, w, x: s.get_tier_history(SHOP, x), NotFound),
    ("reward_eligibility", "member", lambda s, w, x: s.reward_eligibility(SHOP, x), NotFound),
    ("get_member_summary", "member", lambda s, w, x: s.get_member_summary(SHOP, x), NotFound),
    ("get_analytics_snapshots", "program", lambda s, w, x: s.get_analytics_snapshots(SHOP, x), NotFound),
    ("add_points_transaction member", "member", lambda s, w, x: s.add_points_transaction(
        SHOP, w.p, x, {"points_amount": 5, "description": "x"}), NotFound),
    ("record_purchase member", "member", lambda s, w, x: s.record_purchase(SHOP, w.p, x, "5.00", "NEW-1"), NotFound),
    ("quote_purchase member", "member", lambda s, w, x: s.quote_purchase(SHOP, w.p, x, "5.00"), NotFound),
    ("create_redemption member", "member", lambda s, w, x: s.create_redemption(SHOP, w.p, x, w.reward["cheap"]),
     NotFound),
    ("update_loyalty_tier", "tier", lambda s, w, x: s.update_loyalty_tier(SHOP, x, {"tier_name": "X"}), NotFound),
    ("delete_loyalty_tier", "tier", lambda s, w, x: s.delete_loyalty_tier(SHOP, x), NotFound),
    ("update_loyalty_member current_tier_id", "tier", lambda s, w, x: s.update_loyalty_member(
        SHOP, w.a, {"current_tier_id": x}), NotFound),
    ("create_loyalty_reward tier_exclusive_id", "tier", lambda s, w, x: s.create_loyalty_reward(SHOP, w.p, {
        "reward_name": "X", "reward_type": "discount", "points_cost": 5, "tier_exclusive_id": x}), NotFound),
    ("update_loyalty_reward tier_exclusive_id", "tier", lambda s, w, x: s.update_loyalty_reward(
        SHOP, w.reward["cheap"], {"tier_exclusive_id": x}), NotFound),
    ("update_loyalty_reward", "reward", lambda s, w, x: s.update_loyalty_reward(SHOP, x, {"reward_name": "X"}),
     NotFound),
    ("create_redemption reward", "reward", lambda s, w, x: s.create_redemption(SHOP, w.p, w.a, x), NotFound),
    ("update_redemption_status", "redemption", lambda s, w, x: s.update_redemption_status(SHOP, x, "approved"),
     NotFound),
    ("reverse_purchase order", "order", lambda s, w, x: s.reverse_purchase(SHOP, w.p, x), NotFound),
    ("enroll_loyalty_member referred_by_code", "code", lambda s, w, x: s.enroll_loyalty_member(SHOP, w.p, {
        "customer_name": "X", "referred_by_code": x}), ValidationError),
]
MISSING_KEY = {"order": "ORD-NOPE", "code": "NOPE-22222"}


@pytest.mark.parametrize(("kind", "call", "expected"), [
    pytest.param(k, c, e, id=n, marks=_method_param(n).marks) for n, k, c, e in FOREIGN])
def test_another_shops_row_is_reported_like_a_missing_one(w: World, kind: str, call: Any, expected: type) -> None:
    theirs = w.theirs[kind]
    missing = MISSING_KEY.get(kind, MISSING)
    foreign_error = assert_refused(w, lambda: call(w.svc, w, theirs), expected)
    missing_error = assert_refused(w, lambda: call(w.svc, w, missing), expected)
    assert type(foreign_error) is type(missing_error)
    shape = str(foreign_error).replace(str(theirs), "<key>")
    assert shape == str(missing_error).replace(str(missing), "<key>"), (str(foreign_error), str(missing_error))
    assert "<key>" in shape, f"the message does not name the key: {foreign_error}"
    assert getattr(foreign_error, "field", None) == getattr(missing_error, "field", None)


FILTERS: dict[str, tuple[str, Callable[[LoyaltyService, World, Any], Any]]] = {
    "list_members_page program": ("program", lambda s, w, x: s.list_members_page(SHOP, program_id=x)),
    "list_members_page tier": ("tier", lambda s, w, x: s.list_members_page(SHOP, tier_id=x)),
    "count_members program": ("program", lambda s, w, x: s.count_members(SHOP, program_id=x)),
    "get_loyalty_dashboard_data program": ("program", lambda s, w, x: s.get_loyalty_dashboard_data(
        SHOP, program_id=x)),
    "get_points_liability program": ("program", lambda s, w, x: s.get_points_liability(SHOP, program_id=x)),
    "get_analytics_series program": ("program", lambda s, w, x: s.get_analytics_series(
        SHOP, TODAY - 30 * DAY, TODAY, program_id=x)),
    "find_members program": ("program", lambda s, w, x: s.find_members(SHOP, "xavier", program_id=x)),
}


@pytest.mark.parametrize("name", [_method_param(n) for n in FILTERS])
def test_a_filter_on_another_shops_row_answers_like_a_missing_one(w: World, name: str) -> None:
    """Optional filters may answer an unknown id with an empty result or NotFound, but never
    differently for another shop's row: that would reveal that the row exists."""
    kind, call = FILTERS[name]

    def outcome(key: Any) -> Any:
        try:
            return "result", call(w.svc, w, key)
        except LoyaltyError as exc:
            return type(exc).__name__, str(exc).replace(str(key), "<key>")

    assert outcome(w.theirs[kind]) == outcome(MISSING)
    w.state, before = database_state(w.svc), w.state
    assert w.state == before


def test_lookup_never_finds_another_shops_member(w: World) -> None:
    for query in ("xavier@example.com", "Xavier", w.theirs["code"]):
        assert w.svc.find_members(SHOP, query) == []
        with pytest.raises(NotFound):  # another shop's program is reported like a missing one
            w.svc.find_members(SHOP, query, program_id=w.theirs["program"])


# --- fulfillment: every move the workflow does not allow ------------------------

STATUSES = ("pending", "approved", "shipped", "delivered", "redeemed", "cancelled")
ALLOWED = {  # SERVICE_API.md, "Fulfillment transitions"
    ("pending", "approved"), ("pending", "redeemed"), ("pending", "cancelled"),
    ("approved", "shipped"), ("approved", "redeemed"), ("approved", "cancelled"),
    ("shipped", "delivered"),
}


@pytest.mark.parametrize(("current", "target"), [(c, t) for c in STATUSES for t in STATUSES
                                                 if (c, t) not in ALLOWED])
def test_invalid_fulfillment_transition(w: World, current: str, target: str) -> None:
    assert_refused(w, lambda: status(w.svc, w, current, target, tracking_number="TRK-2"), InvalidTransition)
    assert w.svc.get_member_redemptions(SHOP, w.a)  # the service still answers after the refusal


# --- duplicates of a member's contact details -----------------------------------

DUPLICATES = [
    ("enroll same email, other case", "a", lambda s, w: E(s, w, {"email": "Ada@Example.COM"})),
    ("enroll same phone, other format", "a", lambda s, w: E(s, w, {"phone": "(650) 253-0000"})),
    ("update to another member's email", "b", lambda s, w: s.update_loyalty_member(SHOP, w.a, {
        "email": "grace@example.com"}), BUG_DUP_UPDATE),
    ("update to another member's phone", "a", lambda s, w: s.update_loyalty_member(SHOP, w.b, {
        "phone": "650-253-0000"}), BUG_DUP_UPDATE),
]


@pytest.mark.parametrize(("owner", "call"), [pytest.param(o, c, id=n, marks=m) for n, o, c, *m in DUPLICATES])
def test_duplicate_contact_names_the_existing_member(w: World, owner: str, call: Call) -> None:
    error = assert_refused(w, lambda: call(w.svc, w), DuplicateMember)
    assert isinstance(error, DuplicateMember)
    assert error.existing_member_id == getattr(w, owner)
    assert error.field in ("email", "phone")


# --- legitimate replays: the original row, nothing written ------------------------

REPLAYS: dict[str, tuple[Call, tuple[str, str]]] = {
    # (the replayed call, the reference of the row it must return)
    "record_purchase same amount": (
        lambda s, w: s.record_purchase(SHOP, w.p, w.a, Decimal("1000.00"), "ORD-1"), ("order", "ORD-1")),
    "record_purchase same amount as text": (
        lambda s, w: s.record_purchase(SHOP, w.p, w.a, "1000", "ORD-1"), ("order", "ORD-1")),
    "add_points_transaction same reference": (
        lambda s, w: s.add_points_transaction(SHOP, w.p, w.a, {
            "transaction_type": "purchase", "points_amount": 25, "source": "pos", "reference_type": "pos",
            "reference_id": "R-1"}), ("pos", "R-1")),
    "reverse_purchase same return ref": (
        lambda s, w: s.reverse_purchase(SHOP, w.p, "ORD-3", "10.00", return_ref="RET-1"), ("return", "RET-1")),
}


@pytest.mark.parametrize("name", list(REPLAYS))
def test_legitimate_replay_returns_the_original_row(w: World, name: str) -> None:
    call, reference = REPLAYS[name]
    original = next(tx for tx in w.svc.get_member_points_history(SHOP, w.a)
                    if (tx.reference_type, tx.reference_id) == reference)
    before = w.state
    replayed = call(w.svc, w)
    w.state = database_state(w.svc)
    assert w.state == before, "a replay wrote to the database"
    assert replayed == original
    assert w.svc.get_loyalty_member(SHOP, w.a).current_points == w.a_points


# --- the table's starting points are valid, so each case fails for its own defect only --


def test_the_tables_base_calls_are_accepted(svc: LoyaltyService) -> None:
    w = build_world(svc, "any")
    assert P(svc, w, {}).program_name == "New"
    assert T(svc, w, {}).tier_level == 9
    assert E(svc, w, {}).customer_name == "New Person"
    assert TX(svc, w, {}).points_amount == 5
    assert RW(svc, w, {}).points_cost == 10
    assert redeem(svc, w, "cheap").points_redeemed == 10
    assert status(svc, w, "pending", "approved").fulfillment_status == "approved"
    assert svc.record_purchase(SHOP, w.p, w.a, "5.00", "NEW-1").points_amount > 0
    assert svc.reverse_purchase(SHOP, w.p, "ORD-3", "40.00").amount == Decimal("40.00")
    assert svc.promotion_example(SHOP, w.p, PROMOTION, "20.00").amount == Decimal("20.00")
    assert svc.create_promotion(SHOP, w.p, PROMOTION).name == "Double days"
    assert svc.check_ledger() == []
