"""Demo data: a realistic shop with a year of history (`loyalty-desk demo-data`).

The shop, its programs, tiers and rewards are set up through LoyaltyService,
as an owner would. Members and their history are far too many for one service
call per event (100,000 members make millions of ledger rows, and each call is
a transaction with its own fsync), so they take a bulk path that obeys the same
rules:

1. Plan every member first (enrollment time, contact details, referrer), so
   that the one event that crosses members, a referral award, is known before
   the referrer's year is replayed.
2. Replay each member's year in memory, in time order. Each step writes the
   rows that the service operation of the same name writes, and computes
   points with the service's own rule functions (earning, tiers, ledger,
   pending, jobs, codes, contacts).
3. Insert the rows with SQLAlchemy Core executemany, one transaction per chunk
   of members. Primary keys are allocated here, so links (lots, consumptions,
   refunds) need no round trip.
4. Write what the service keeps beside the ledger: reward stock, the
   dashboard's running totals and expiry calendar, the last daily job run, and
   the daily analytics snapshots (by the daily job's own code).

`check_ledger()` on the result is the proof that both paths follow the rules:
it checks balances, lots, redemptions, tiers and the running totals against
the ledger rows.

The daily job is taken to have run just after every local midnight, as
`run_daily_jobs(user_id, as_of=day)` does for a past day. Card numbers and
reward codes come from the `secrets`-based generators of `codes`, so they
differ between runs; everything else follows the seed.
"""
from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import operator
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update

from ..db import Database
from ..errors import ValidationError
from ..models import (
    Base,
    ExpiryCalendar,
    LotConsumption,
    Member,
    MemberActivity,
    PointLot,
    PointsTransaction,
    ProgramTotals,
    Redemption,
    Shop,
    TierProgression,
)
from ..models import Reward as RewardRow
from ..models.enums import (
    ActivityType,
    FulfillmentStatus,
    MembershipStatus,
    ProgramStatus,
    PromotionReason,
    TransactionStatus,
    TransactionType,
)
from . import codes
from .clock import (
    Clock,
    checked_now,
    end_cutoff,
    local_date,
    start_of_day,
    system_clock,
    zone,
)
from .contacts import clean_name, fold, name_keys, normalize_email, normalize_phone
from .earning import purchase_points
from .facade import LoyaltyService
from .jobs import birthday_keys
from .ledger import EARNING_TYPES, expiry_for, lifetime_after
from .members import birthday_key
from .pending import points_taken_back
from .redemptions import FINAL, TRANSITIONS
from .rollups import NO_TIER
from .snapshots import write_snapshots
from .tier_rules import tier_for_points
from .tiers import qualification_days

USER_ID = "demo-shop"
SHOP = {"shop_name": "Maple & Main General Store", "currency": "USD", "timezone": "America/New_York",
        "phone_region": "US"}
CURRENCY = SHOP["currency"]  # every demo program uses the shop's currency

HISTORY_DAYS = 365
SETUP_LEAD_DAYS = 14          # the programs exist two weeks before the first member joins
OPEN_HOUR, CLOSE_HOUR = 8, 20  # shop hours, local time: every counter event falls inside them
GROWTH = 1.5                  # sign-ups per day grow 2.5-fold over the year
CHUNK_MEMBERS = 5_000         # members replayed and inserted per transaction
INSERT_BATCH = 20_000         # rows per executemany call

FIRST_VISIT_BUYS = 0.7        # share of members who buy something as they join
REFERRED_SHARE = 0.12         # of members of programs that take referrals
RETURN_SHARE = 0.05           # of purchases
PARTIAL_RETURN_SHARE = 0.45   # of returns
SECOND_RETURN_SHARE = 0.3     # of partial returns, followed later by the rest
CHURN_SHARE = 0.03            # members who leave (inactive or suspended) during the year
ADJUSTED_SHARE = 0.02         # members whose balance the owner corrects once
NEVER_REDEEM_SHARE = 0.25     # members who collect points but never spend them

ONE_DAY = dt.timedelta(days=1)
FOREVER = dt.datetime.max.replace(tzinfo=dt.UTC)


def _plain(enum: type[StrEnum]) -> SimpleNamespace:
    """An enum's values as plain strings: enum attribute lookups are slow in the replay's inner loop."""
    return SimpleNamespace(**{member.name: member.value for member in enum})


T = _plain(TransactionType)
A = _plain(ActivityType)
F = _plain(FulfillmentStatus)
ACTIVE = MembershipStatus.ACTIVE.value
PROGRAM_ACTIVE = ProgramStatus.ACTIVE.value
COMPLETED, PENDING, FAILED = (TransactionStatus.COMPLETED.value, TransactionStatus.PENDING.value,
                              TransactionStatus.FAILED.value)
AUTOMATIC = PromotionReason.AUTOMATIC_POINTS.value


# --- the catalog: what the owner sets up ---------------------------------------


@dataclass(frozen=True)
class RewardSpec:
    data: dict[str, Any]
    style: str = "counter"                 # "counter": handed over in the shop; "ship": sent by post
    tier: str | None = None                # tier name, for a tier-exclusive reward
    window: tuple[int, int] | None = None  # (start, end) in days from today, for a seasonal reward


@dataclass(frozen=True)
class ProgramSpec:
    data: dict[str, Any]
    share: float               # of all members
    visits_per_month: float    # of a typical member
    basket_cents: int          # median purchase
    order_prefix: str
    tiers: tuple[dict[str, Any], ...] = ()
    rewards: tuple[RewardSpec, ...] = ()


def _tier(name: str, level: int, low: int, high: int | None, multiplier: str, birthday: str) -> dict[str, Any]:
    return {"tier_name": name, "tier_level": level, "min_points_required": low, "max_points_required": high,
            "points_multiplier": multiplier, "birthday_bonus_multiplier": birthday,
            "benefits": [f"{multiplier}x points", f"{birthday}x birthday bonus"]}


def _reward(name: str, kind: str, cost: int, **fields: Any) -> dict[str, Any]:
    return {"reward_name": name, "reward_type": kind, "points_cost": cost, **fields}


PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        data={"program_name": "Daily Grind Points", "program_type": "points",
              "description": "Two points per dollar at the coffee bar.", "points_per_dollar": "2",
              "points_expiration_days": 180, "min_redemption_points": 80, "referral_enabled": True,
              "referral_points_awarded": 100, "birthday_bonus_points": 50,
              "program_rules": {"welcome_bonus_points": 50}},
        share=0.40, visits_per_month=2.0, basket_cents=900, order_prefix="CAFE",
        rewards=(
            RewardSpec(_reward("Pastry of the day", "free_product", 90)),
            RewardSpec(_reward("Free coffee", "free_product", 120)),
            RewardSpec(_reward("15% off your next order", "discount", 250)),
            RewardSpec(_reward("Bag of house beans, mailed", "free_product", 280), style="ship"),
            RewardSpec(_reward("Canvas tote bag", "free_product", 450, quantity_available=40), style="ship"),
            RewardSpec(_reward("Latte art class", "exclusive_access", 900, quantity_available=12,
                               reward_terms={"max_per_member": 1})),
            RewardSpec(_reward("Old loyalty mug (retired)", "free_product", 300, active=False)),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Maple VIP Club", "program_type": "tiered",
              "description": "Online and in-store; points are held 14 days for returns.", "points_per_dollar": "1",
              "min_redemption_points": 150, "referral_enabled": True, "referral_points_awarded": 150,
              "birthday_bonus_points": 100, "program_rules": {"pending_days": 14}},
        share=0.25, visits_per_month=0.9, basket_cents=4500, order_prefix="WEB",
        tiers=(_tier("Bronze", 1, 0, 499, "1", "1"), _tier("Silver", 2, 500, 1499, "1.5", "2"),
               _tier("Gold", 3, 1500, None, "2", "3")),
        rewards=(
            RewardSpec(_reward("Free shipping", "free_shipping", 150)),
            RewardSpec(_reward("$10 off", "discount", 300)),
            RewardSpec(_reward("Scented candle", "free_product", 250), style="ship"),
            RewardSpec(_reward("Limited edition mug", "free_product", 400, quantity_available=150,
                               reward_terms={"max_per_member": 1}), style="ship"),
            RewardSpec(_reward("Gold members' evening", "exclusive_access", 700), tier="Gold"),
            RewardSpec(_reward("Winter hamper", "free_product", 1000), style="ship", window=(-150, -90)),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Plus Rewards", "program_type": "hybrid",
              "description": "Points with tier multipliers for the home goods aisle.", "points_per_dollar": "1.5",
              "points_expiration_days": 270, "min_redemption_points": 200, "birthday_bonus_points": 75},
        share=0.20, visits_per_month=1.2, basket_cents=2800, order_prefix="HOME",
        tiers=(_tier("Classic", 1, 0, 499, "1", "1"), _tier("Plus", 2, 500, 1499, "1.25", "1.5"),
               _tier("Premier", 3, 1500, None, "1.5", "2")),
        rewards=(
            RewardSpec(_reward("Free delivery", "free_shipping", 200)),
            RewardSpec(_reward("Linen tea towels", "free_product", 350), style="ship"),
            RewardSpec(_reward("Early access to sales", "exclusive_access", 400), tier="Plus"),
            RewardSpec(_reward("$20 gift card", "discount", 1200, reward_terms={"max_per_member": 2}),
                       style="ship"),
        ),
    ),
    ProgramSpec(
        data={"program_name": "Cash Back Card", "program_type": "cash_back",
              "description": "2.5% back on everything, as store credit.", "min_redemption_points": 500,
              "referral_enabled": True, "referral_points_awarded": 250,
              "program_rules": {"cash_back_percent": "2.5"}},
        share=0.15, visits_per_month=1.5, basket_cents=6000, order_prefix="POS",
        rewards=(
            RewardSpec(_reward("$5 store credit", "cash_back", 500)),
            RewardSpec(_reward("$10 store credit", "cash_back", 1000)),
            RewardSpec(_reward("$25 store credit", "cash_back", 2500)),
        ),
    ),
)

FIRST_NAMES = (
    "Ada", "Alan", "Amara", "Anaïs", "Andrés", "Aoife", "Ben", "Björn", "Carlos", "Chloé", "Chen", "Dmitri", "Elena",
    "Emma", "Fatima", "Felix", "Grace", "Hannah", "Hiroshi", "Ibrahim", "Isabel", "Jack", "James", "José", "Julia",
    "Kwame", "Laura", "Leila", "Liam", "Lucas", "Łukasz", "Maria", "Mateo", "Mia", "Nadia", "Noah", "Olivia", "Omar",
    "Priya", "Rafael", "Renée", "Rosa", "Sam", "Sara", "Siobhán", "Sofia", "Søren", "Thomas", "Wei", "Yusuf",
    "Zoë", "Zara",
)
LAST_NAMES = (
    "Adeyemi", "Andersen", "Brown", "Chen", "Costa", "Davis", "Dubois", "Fischer", "García", "García López",
    "Hernández", "Ibáñez", "Jensen", "Johnson", "Kim", "Kowalski", "Lee", "Martin", "Miller", "Moreau", "Müller",
    "Nguyen", "Novak", "Núñez", "O'Brien", "Okafor", "Ødegaard", "Patel", "Petrov", "Rossi", "Santos", "Schmidt",
    "Silva", "Smith", "Tanaka", "Taylor", "Thompson", "Walker", "Williams", "Wilson", "Yamamoto", "Zhang",
)
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")   # reserved for examples: nobody's real inbox
# New York area codes; every number is in the 555 exchange and checked with phonenumbers.
AREA_CODES = ("201", "203", "212", "315", "347", "516", "518", "551", "585", "607", "631", "646", "716", "718",
              "732", "845", "848", "856", "862", "908", "914", "917", "929", "973")
GOODWILL = ("Goodwill: order arrived late", "Goodwill: espresso machine was down",
            "Correction: points missed at the register")
CORRECTIONS = ("Correction: purchase scanned twice", "Correction: staff test transaction")
CANCEL_NOTES = ("Customer changed their mind", "Wrong size ordered", "Customer asked for another reward")


@dataclass
class ProgramSetup:
    """A program as the database returns it, with its tiers, rewards and demo behaviour."""

    spec: ProgramSpec
    program: Any
    tiers: list[Any]
    rewards: list[tuple[Any, str]]   # (reward, fulfillment style)


def build_catalog(svc: LoyaltyService, today: dt.date,
                  programs: Sequence[ProgramSpec] = PROGRAMS) -> list[ProgramSetup]:
    """The shop, programs, tiers and rewards, through the service like an owner's clicks."""
    if svc.get_loyalty_programs(USER_ID):
        raise ValidationError(f"This database already holds the demo shop {USER_ID!r}: use a fresh database")
    svc.save_shop(USER_ID, SHOP)
    setups = []
    for spec in programs:
        program = svc.create_loyalty_program(USER_ID, spec.data)
        tier_ids = {t["tier_name"]: svc.create_loyalty_tier(USER_ID, program.id, t).id for t in spec.tiers}
        styles = {}
        for reward in spec.rewards:
            data = dict(reward.data)
            if reward.tier:
                data["tier_exclusive_id"] = tier_ids[reward.tier]
            if reward.window:
                data["start_date"], data["end_date"] = (today + dt.timedelta(days=d) for d in reward.window)
            styles[svc.create_loyalty_reward(USER_ID, program.id, data).id] = reward.style
        # Read back, so the simulation sees exactly the values the service reads.
        program = svc.get_loyalty_program(USER_ID, program.id)
        if qualification_days(program) is not None:
            raise ValueError("demo programs measure tiers by lifetime points; rolling windows are not simulated")
        rewards = [(r, styles[r.id]) for r in svc.get_loyalty_rewards(USER_ID, program.id)]
        setups.append(ProgramSetup(spec, program, svc.get_loyalty_tiers(USER_ID, program.id), rewards))
    return setups


# --- shared state of one build -----------------------------------------------------


def _table(model: type[Base]) -> Table:
    """A model's table (typed only as a FromClause, since a mapping may also sit on a join)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# The tables whose ids are handed out here (PostgreSQL's sequences are moved past them at the end).
NUMBERED: dict[str, type[Member | PointsTransaction | LotConsumption | Redemption | TierProgression | MemberActivity]]
NUMBERED = {"member": Member, "transaction": PointsTransaction, "consumption": LotConsumption,
            "redemption": Redemption, "progression": TierProgression, "activity": MemberActivity}


class Ids:
    """Primary keys handed out here, after the highest already in the database."""

    member: Iterator[int]
    transaction: Iterator[int]
    consumption: Iterator[int]
    redemption: Iterator[int]
    progression: Iterator[int]
    activity: Iterator[int]

    def __init__(self, db: Database) -> None:
        with db.read_sessions() as session:
            for name, model in NUMBERED.items():
                setattr(self, name, itertools.count((session.scalar(select(func.max(model.id))) or 0) + 1))


class CodeBook:
    """Card numbers and codes from the service's generators, kept unique across the whole database."""

    def __init__(self, db: Database) -> None:
        with db.read_sessions() as session:
            self.cards = set(session.scalars(select(Member.card_number)))
            self.referrals = set(session.scalars(select(Member.referral_code)))
            self.rewards = set(session.scalars(select(Redemption.reward_code_generated)))

    @staticmethod
    def _fresh(make: Callable[[], str], used: set[str]) -> str:
        while (code := make()) in used:
            pass
        used.add(code)
        return code

    def card(self) -> str:
        return self._fresh(codes.new_card_number, self.cards)

    def referral(self, name: str) -> str:
        return self._fresh(lambda: codes.new_referral_code(name), self.referrals)

    def reward(self) -> str:
        return self._fresh(codes.new_reward_code, self.rewards)


class StockBook:
    """Units of limited rewards, across all members.

    Members are replayed one after another, not in time order. So a unit is
    taken only if stock suffices at every moment it is held: a member replayed
    later must not take, in March, the unit another member took in May.
    """

    def __init__(self, rewards: Sequence[Any]) -> None:
        self.available = {r.id: r.quantity_available for r in rewards if r.quantity_available is not None}
        self.held: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {rid: [] for rid in self.available}
        self.kept: Counter[int] = Counter()   # units never given back

    def take(self, reward_id: int, start: dt.datetime, end: dt.datetime) -> bool:
        """Hold a unit from `start` until `end` (FOREVER unless cancelled), if there is one."""
        limit = self.available.get(reward_id)
        if limit is None:
            return True
        if end == FOREVER and self.kept[reward_id] >= limit:
            return False
        held = self.held[reward_id]
        # Units out only grow at a start, so checking each start inside the new hold suffices.
        for moment in [start, *(s for s, _ in held if start < s < end)]:
            if sum(1 for s, e in held if s <= moment < e) >= limit:
                return False
        held.append((start, end))
        self.kept[reward_id] += end == FOREVER
        return True

    def remaining(self) -> dict[int, int]:
        return {rid: limit - self.kept[rid] for rid, limit in self.available.items()}


@dataclass
class Rows:
    """The rows of one chunk of members, by table, in insertion order (parents first)."""

    members: list[dict[str, Any]] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    lots: list[dict[str, Any]] = field(default_factory=list)
    consumptions: list[dict[str, Any]] = field(default_factory=list)
    redemptions: list[dict[str, Any]] = field(default_factory=list)
    progressions: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)

    TABLES = (("members", Member), ("transactions", PointsTransaction), ("lots", PointLot),
              ("consumptions", LotConsumption), ("redemptions", Redemption), ("progressions", TierProgression),
              ("activities", MemberActivity))

    def tables(self) -> Iterator[tuple[str, Any, list[dict[str, Any]]]]:
        for name, model in self.TABLES:
            yield name, model.__table__, getattr(self, name)


class World:
    """What every member's replay shares: time, randomness, ids, codes, stock, the rows being built."""

    def __init__(self, db: Database, catalog: list[ProgramSetup], rng: random.Random, now: dt.datetime) -> None:
        self.catalog = catalog
        self.rng = rng
        self.now = now
        self.tz = zone(SHOP["timezone"])
        self.today = local_date(now, self.tz)
        self.first_day = self.today - dt.timedelta(days=HISTORY_DAYS)
        self.ids = Ids(db)
        self.codes = CodeBook(db)
        self.stock = StockBook([r for setup in catalog for r, _ in setup.rewards])
        self.rows = Rows()
        self.order_numbers = itertools.count(1)
        self._jobs: dict[dt.date, tuple[dt.datetime, dt.datetime]] = {}

    def day_of(self, moment: dt.datetime) -> dt.date:
        return local_date(moment, self.tz)

    def job_run(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """When the daily job for `day` ran (local midnight), and its cutoff (the next midnight)."""
        run = self._jobs.get(day)
        if run is None:
            run = self._jobs[day] = (start_of_day(day, self.tz), end_cutoff(day, self.tz))
        return run

    def shop_moment(self, day: dt.date) -> dt.datetime:
        """A random moment of shop hours on a local day, in UTC."""
        opening = dt.datetime.combine(day, dt.time(OPEN_HOUR), tzinfo=self.tz)
        seconds = self.rng.randrange((CLOSE_HOUR - OPEN_HOUR) * 3600)
        return (opening + dt.timedelta(seconds=seconds)).astimezone(dt.UTC)

    def join_moment(self) -> dt.datetime:
        """When a member joined: sign-ups per day grow linearly over the year (inverse of its CDF)."""
        span = (self.today - self.first_day).days + 1
        while True:
            u = self.rng.random()
            x = (math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH
            moment = self.shop_moment(self.first_day + dt.timedelta(days=min(int(x * span), span - 1)))
            if moment <= self.now:
                return moment

    def shop_moment_between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
        """A random moment of shop hours after `start` and no later than `end`, if the day drawn has one."""
        if end <= start:
            return None
        first = self.day_of(start)
        moment = self.shop_moment(first + dt.timedelta(days=self.rng.randrange((self.day_of(end) - first).days + 1)))
        return moment if start < moment <= end else None

    def amount(self, median_cents: int) -> Decimal:
        """A purchase amount in dollars and cents: log-normal around the program's median basket."""
        cents = int(median_cents * math.exp(self.rng.gauss(0, 0.6)))
        return Decimal(min(max(cents, 100), 200_000)).scaleb(-2)


# --- members, planned before anyone's year is replayed -----------------------------


@dataclass(eq=False)
class Person:
    """A member as planned: who they are and when they join; their year is replayed later."""

    id: int
    setup: ProgramSetup
    joined: dt.datetime
    name: str
    email: str | None
    phone: str | None
    birthday: dt.date | None
    customer_id: str | None
    metadata: dict[str, Any]
    card: str
    referral_code: str
    referrer: Person | None
    referrals: list[Person] = field(default_factory=list)   # members who joined on this person's code


class Planner:
    """Who joins when, in which program, with what details, and on whose referral code."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        self.joined_by_program: dict[int, list[Person]] = {s.program.id: [] for s in world.catalog}

    def people(self, count: int) -> list[Person]:
        weights = [s.spec.share for s in self.w.catalog]
        people = []
        for joined in sorted(self.w.join_moment() for _ in range(count)):
            setup = self.rng.choices(self.w.catalog, weights)[0]
            person = self.person(setup, joined)
            if person.referrer is not None:
                person.referrer.referrals.append(person)
            self.joined_by_program[setup.program.id].append(person)
            people.append(person)
        return people

    def person(self, setup: ProgramSetup, joined: dt.datetime) -> Person:
        rng = self.rng
        name = clean_name(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
        return Person(
            id=next(self.w.ids.member), setup=setup, joined=joined, name=name,
            email=self.email(name) if rng.random() < 0.85 else None,
            phone=self.phone() if rng.random() < 0.7 else None,
            birthday=self.birthday() if rng.random() < 0.9 else None,
            customer_id=f"POS-{rng.randrange(1_000_000):06d}" if rng.random() < 0.3 else None,
            metadata={"source": rng.choice(("counter", "online", "event")), "marketing_opt_in": rng.random() < 0.6},
            card=self.w.codes.card(), referral_code=self.w.codes.referral(name),
            referrer=self.referrer(setup, joined),
        )

    def email(self, name: str) -> str:
        words = ["".join(ch for ch in word if "a" <= ch <= "z") for word in fold(name).split()]
        local = ".".join(w for w in words if w) or "member"
        while True:
            suffix = str(self.rng.randrange(1, 10_000)) if self.rng.random() < 0.8 else ""
            email = normalize_email(f"{local}{suffix}@{self.rng.choice(EMAIL_DOMAINS)}")
            if email is not None and email not in self.emails:
                self.emails.add(email)
                return email

    def phone(self) -> str | None:
        for _ in range(50):
            # Any exchange, not just 555: a million members would use up the 555 numbers.
            typed = f"({self.rng.choice(AREA_CODES)}) {self.rng.randrange(201, 1000)}-{self.rng.randrange(10_000):04d}"
            try:
                phone = normalize_phone(typed, SHOP["phone_region"])
            except ValidationError:
                continue
            if phone is not None and phone not in self.phones:
                self.phones.add(phone)
                return phone
        return None

    def birthday(self) -> dt.date:
        year = self.w.today.year - self.rng.randint(18, 80)
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def referrer(self, setup: ProgramSetup, joined: dt.datetime) -> Person | None:
        earlier = self.joined_by_program[setup.program.id]
        if not setup.program.referral_enabled or not earlier or self.rng.random() >= REFERRED_SHARE:
            return None
        referrer = self.rng.choice(earlier)
        return referrer if referrer.joined < joined else None


# --- one member's year ----------------------------------------------------------------


@dataclass(eq=False)
class Order:
    """A purchase the member may still bring back."""

    row: dict[str, Any]
    returned: Decimal = Decimal(0)
    returns: int = 0
    releases: list[int] = field(default_factory=list)   # rows that credited its held points


@dataclass(eq=False)
class Claim:
    """A redemption on its way through fulfillment."""

    row: dict[str, Any]
    reward: Any
    refund_expiry: dt.datetime | None


# A script's steps: (moment, step, *args) -> the MemberLife method that replays it.
SCRIPT_STEPS = {
    "purchase": "purchase",        # amount, order ref
    "return": "give_back",         # order ref, amount (None: whatever is left)
    "redeem": "redeem_scripted",   # reward name, fulfillment path [(moment, status, tracking, notes)]
    "adjust": "adjust_by",         # points, reason
    "status": "leave",             # new membership status
}


class MemberLife:
    """One member's year, replayed in time order.

    Each step mirrors the service operation named in its docstring, row for
    row; `post`, `consume` and `settle` mirror services/ledger.py.
    """

    def __init__(self, world: World, person: Person) -> None:
        self.w = world
        self.rng = world.rng
        self.rows = world.rows
        self.p = person
        self.setup = person.setup
        self.program = person.setup.program
        self.tier: Any = None
        self.points = self.lifetime = self.redemption_count = 0
        self.spent = Decimal("0.00")
        self.status = ACTIVE
        self.last_activity = person.joined
        self.open_lots: list[dict[str, Any]] = []   # lot rows with points left, oldest first
        self.holds: list[dict[str, Any]] = []       # pending purchase rows, oldest first
        self.due: dt.datetime | None = None         # no lot expires and no hold ends before this
        self.last_job_day = world.day_of(person.joined)
        self.orders: dict[str, Order] = {}
        self.redeemed: Counter[int] = Counter()     # standing redemptions per reward
        self.queue: list[tuple[dt.datetime, int, Callable[..., None], tuple[Any, ...]]] = []
        self.sequence = itertools.count()
        # Habits: how often they come, what they spend, how keen they are to redeem.
        rng, spec = world.rng, person.setup.spec
        self.visits_per_day = spec.visits_per_month / 30 * math.exp(rng.gauss(-0.32, 0.8))
        self.basket_cents = int(spec.basket_cents * math.exp(rng.gauss(0, 0.3)))
        self.redeem_rate = 0.0 if rng.random() < NEVER_REDEEM_SHARE else rng.uniform(0.2, 0.7)

    # --- the replay --------------------------------------------------------

    def live(self, script: Sequence[tuple[Any, ...]] | None = None) -> dict[str, Any]:
        """Replay the year: a random one, or the events of `script` (see `replay_script`)."""
        if script is None:
            self.plan_year()
        else:
            self.plan_script(script)
        while self.queue:
            moment, _, step, args = heapq.heappop(self.queue)
            self.run_jobs_through(self.w.day_of(moment))
            step(moment, *args)
        self.run_jobs_through(self.w.today)
        return self.member_row()

    def at(self, moment: dt.datetime, step: Callable[..., None], *args: Any) -> None:
        if moment <= self.w.now:
            heapq.heappush(self.queue, (moment, next(self.sequence), step, args))

    def plan_fixed(self) -> None:
        """The events every member's year has: joining, birthdays, and friends joining on their code."""
        self.at(self.p.joined, self.enroll)
        for day in self.birthdays():
            self.at(self.w.job_run(day)[0], self.birthday_bonus, day)
        for friend in self.p.referrals:
            self.at(friend.joined, self.referral_award, friend)

    def plan_script(self, script: Sequence[tuple[Any, ...]]) -> None:
        """A given year: (moment, step, *args) with step one of SCRIPT_STEPS."""
        self.plan_fixed()
        for moment, step, *args in script:
            self.at(moment, getattr(self, SCRIPT_STEPS[step]), *args)

    def plan_year(self) -> None:
        """Put the year's own events in the queue; each may add later ones (returns, fulfillment)."""
        rng, p = self.rng, self.p
        self.plan_fixed()
        leaves = self.w.shop_moment_between(p.joined + dt.timedelta(days=30), self.w.now) \
            if rng.random() < CHURN_SHARE else None
        until = leaves or self.w.now
        for moment in self.visit_moments(until):
            self.at(moment, self.shop_visit)
        if leaves:
            status = MembershipStatus.SUSPENDED if rng.random() < 0.2 else MembershipStatus.INACTIVE
            self.at(leaves, self.leave, status.value)
        if rng.random() < ADJUSTED_SHARE and (adjusted := self.w.shop_moment_between(p.joined, until)):
            self.at(adjusted, self.adjust, rng.random() < 0.7)

    def visit_moments(self, until: dt.datetime) -> Iterator[dt.datetime]:
        if self.rng.random() < FIRST_VISIT_BUYS:
            yield self.p.joined + dt.timedelta(seconds=self.rng.randrange(60, 600))
        first = self.w.day_of(self.p.joined)
        days = 0.0
        while True:
            days += self.rng.expovariate(self.visits_per_day)
            moment = self.w.shop_moment(first + dt.timedelta(days=math.ceil(days)))
            if moment > until:
                return
            yield moment

    def birthdays(self) -> Iterator[dt.date]:
        """The days the birthday job pays this member: after joining, up to today."""
        key = birthday_key(self.p)
        if key is None:
            return
        first = self.w.day_of(self.p.joined) + ONE_DAY   # that day's job ran before they joined
        for year in range(first.year, self.w.today.year + 1):
            try:
                day = dt.date(year, key // 100, key % 100)
            except ValueError:       # 29 February in a common year
                day = dt.date(year, 2, 28)
            assert key in birthday_keys(day)
            if first <= day <= self.w.today:
                yield day

    def run_jobs_through(self, day: dt.date) -> None:
        """Apply the nightly job runs up to `day` that had anything due for this member."""
        while self.due is not None:
            job_day = max(self.last_job_day + ONE_DAY, self.w.day_of(self.due))
            if job_day > day:
                break
            self.settle(*self.w.job_run(job_day))
            self.last_job_day = job_day
        self.last_job_day = max(self.last_job_day, day)

    # --- events of the year (one service operation each) -----------------------

    def enroll(self, now: dt.datetime) -> None:
        """members.enroll (the referrer's award is replayed in the referrer's year)."""
        self.log(now, A.MEMBER_ENROLLED, f"Joined {self.program.program_name}",
                 referred_by=self.p.referrer.id if self.p.referrer else None)
        self.evaluate_tier(now)
        welcome = int((self.program.program_rules or {}).get("welcome_bonus_points") or 0)
        if welcome:
            self.post(now, T.WELCOME_BONUS, welcome, source="enrollment", description="Welcome bonus",
                      reference=("welcome", str(self.p.id)), expires_at=expiry_for(self.program, now))
            self.log(now, A.POINTS_EARNED, f"+{welcome:,} welcome bonus", points=welcome)
            self.evaluate_tier(now)

    def referral_award(self, now: dt.datetime, friend: Person) -> None:
        """members._award_referral, when `friend` joined with this member's code."""
        points = self.program.referral_points_awarded
        can_earn = self.status == ACTIVE
        if points and can_earn:
            self.post(now, T.REFERRAL, points, source="referral", description=f"Referred {friend.name}",
                      reference=("referral", str(friend.id)), expires_at=expiry_for(self.program, now))
            self.evaluate_tier(now)
        self.log(now, A.REFERRAL_MADE, f"Referred {friend.name}", points=points if can_earn else 0,
                 referred_member_id=friend.id)

    def shop_visit(self, now: dt.datetime) -> None:
        """A purchase at the counter, perhaps followed by a return and a redemption."""
        if self.status != ACTIVE:
            return
        ref = self.purchase(now, self.w.amount(self.basket_cents))
        if self.rng.random() < RETURN_SHARE:
            self.plan_return(now, ref)
        if self.rng.random() < self.redeem_rate:
            self.at(now + dt.timedelta(seconds=self.rng.randrange(30, 300)), self.redeem_something)

    def purchase(self, now: dt.datetime, amount: Decimal, ref: str | None = None) -> str:
        """purchases.record_purchase"""
        ref = ref or f"{self.setup.spec.order_prefix}-{next(self.w.order_numbers):08d}"
        self.settle_now(now)
        points = purchase_points(self.program, self.tier, amount)
        pending_days = int((self.program.program_rules or {}).get("pending_days") or 0)
        self.spent += amount
        self.last_activity = now
        if pending_days and points > 0:
            until = now + dt.timedelta(days=pending_days)
            row = self.post(now, T.PURCHASE, 0, source="purchase",
                            description=f"Purchase {ref}: {points:,} points pending for {pending_days} days",
                            reference=("order", ref), amount=amount, status=PENDING, pending_points=points,
                            pending_until=until)
            self.holds.append(row)
            self.note_due(until)
            self.log(now, A.PURCHASE_MADE, f"Purchase {ref} of {CURRENCY} {amount}", order_ref=ref, amount=str(amount),
                     points_pending=points)
            self.log(now, A.POINTS_PENDING, f"{points:,} points pending until the return window closes",
                     pending_points=points, order_ref=ref)
        else:
            row = self.post(now, T.PURCHASE, points, source="purchase", description=f"Purchase {ref}",
                            reference=("order", ref), amount=amount, expires_at=expiry_for(self.program, now))
            self.log(now, A.PURCHASE_MADE, f"Purchase {ref} of {CURRENCY} {amount}", order_ref=ref, amount=str(amount))
            if points:
                self.log(now, A.POINTS_EARNED, f"+{points:,} points for order {ref}", points=points, order_ref=ref,
                         transaction_id=row["id"])
            self.evaluate_tier(now)
        self.orders[ref] = Order(row)
        return ref

    def plan_return(self, bought: dt.datetime, ref: str) -> None:
        first = bought + dt.timedelta(hours=self.rng.uniform(2, 30 * 24))
        if self.rng.random() >= PARTIAL_RETURN_SHARE:
            self.at(first, self.give_back, ref, None)
            return
        cents = int(self.orders[ref].row["amount"] * 100)
        if cents < 2:
            return
        self.at(first, self.give_back, ref, Decimal(self.rng.randint(1, cents - 1)).scaleb(-2))
        if self.rng.random() < SECOND_RETURN_SHARE:
            self.at(first + dt.timedelta(days=self.rng.uniform(1, 10)), self.give_back, ref, None)

    def give_back(self, now: dt.datetime, ref: str, amount: Decimal | None) -> None:
        """purchases.reverse_purchase: `amount` None returns whatever is left."""
        order = self.orders[ref]
        purchase = order.row
        self.settle_now(now)
        total, before = purchase["amount"], order.returned
        left = total - before
        if left <= 0 or (amount is not None and amount > left):
            return   # the service would refuse; the customer has nothing more to bring back
        returned = left if amount is None else amount
        after = before + returned
        reference = ("order_return", f"{ref}#{order.returns + 1}")
        if purchase["status"] == PENDING:
            self.cancel_held_points(now, order, ref, returned, after, reference)
        else:
            self.take_back_points(now, order, ref, returned, after, reference)
        order.returned = after
        order.returns += 1
        self.spent = max(Decimal(0), self.spent - returned)

    def cancel_held_points(self, now: dt.datetime, order: Order, ref: str, returned: Decimal, after: Decimal,
                           reference: tuple[str, str]) -> None:
        """A return inside the window: nothing was credited, so the hold shrinks or fails."""
        purchase = order.row
        total, held = purchase["amount"], purchase["pending_points"] or 0
        cut = points_taken_back(held, total, after) - points_taken_back(held, total, order.returned)
        if after == total:
            purchase["status"] = FAILED
            self.holds.remove(purchase)
        self.post(now, T.PURCHASE_RETURN, 0, source="return",
                  description=f"Return of {CURRENCY} {returned} from order {ref}: {cut:,} pending points cancelled",
                  reference=reference, amount=returned, related=purchase["id"])
        self.log(now, A.PURCHASE_RETURNED, f"Returned {CURRENCY} {returned} of order {ref}", order_ref=ref,
                 amount=str(returned), pending_points_cancelled=cut)

    def take_back_points(self, now: dt.datetime, order: Order, ref: str, returned: Decimal, after: Decimal,
                         reference: tuple[str, str]) -> None:
        """A return after the points were credited: as many as are left, the rest recorded as shortfall."""
        purchase = order.row
        total = purchase["amount"]
        earned = purchase["pending_points"] if purchase["pending_points"] is not None else purchase["points_amount"]
        owed = points_taken_back(earned, total, after) - points_taken_back(earned, total, order.returned)
        taken = min(owed, self.points)
        shortfall = owed - taken
        note = f"; {shortfall:,} points already spent could not be taken back" if shortfall else ""
        self.post(now, T.PURCHASE_RETURN, -taken, source="return",
                  description=f"Return of {CURRENCY} {returned} from order {ref}{note}", reference=reference,
                  amount=returned, related=purchase["id"], shortfall=shortfall,
                  spend_first=[purchase["id"], *order.releases])
        self.log(now, A.PURCHASE_RETURNED, f"Returned {CURRENCY} {returned} of order {ref}: -{taken:,} points",
                 points=-taken, order_ref=ref, amount=str(returned), shortfall_points=shortfall)
        self.evaluate_tier(now)

    def redeem_something(self, now: dt.datetime) -> None:
        """The member picks a reward they may redeem now; limited ones only while stock lasts."""
        if self.status != ACTIVE:
            return
        self.settle_now(now)   # create_redemption settles before it checks the balance
        today = self.w.day_of(now)
        choices = [(reward, style) for reward, style in self.setup.rewards if self.may_redeem(reward, today)]
        while choices:
            reward, style = choice = self.rng.choice(choices)
            path = self.fulfillment_path(style, now)
            # A cancellation that has not happened yet keeps the unit out for good.
            given_back = [moment for moment, status, *_ in path if status == F.CANCELLED and moment <= self.w.now]
            if self.w.stock.take(reward.id, now, given_back[0] if given_back else FOREVER):
                self.redeem(now, reward, path)
                return
            choices.remove(choice)

    def redeem_scripted(self, now: dt.datetime, reward_name: str, path: Sequence[tuple[Any, ...]]) -> None:
        """A scripted redemption of the reward named, then its fulfillment moves `path`."""
        self.settle_now(now)
        reward = next(r for r, _ in self.setup.rewards if r.reward_name == reward_name)
        if not self.may_redeem(reward, self.w.day_of(now)):
            raise AssertionError(f"the script redeems {reward_name!r}, which member #{self.p.id} may not")
        given_back = [moment for moment, status, *_ in path if status == F.CANCELLED]
        if not self.w.stock.take(reward.id, now, given_back[0] if given_back else FOREVER):
            raise AssertionError(f"the script redeems {reward_name!r}, which is out of stock")
        self.redeem(now, reward, list(path))

    def may_redeem(self, reward: Any, today: dt.date) -> bool:
        """rewards.ineligibility, except stock (the StockBook's part)."""
        if self.program.status != PROGRAM_ACTIVE or self.status != ACTIVE or not reward.active:
            return False
        if (reward.start_date and today < reward.start_date) or (reward.end_date and today > reward.end_date):
            return False
        if reward.tier_exclusive_id is not None:
            needed = next(t for t in self.setup.tiers if t.id == reward.tier_exclusive_id)
            if self.tier is None or self.tier.tier_level < needed.tier_level:
                return False
        limit = (reward.reward_terms or {}).get("max_per_member")
        if limit and self.redeemed[reward.id] >= int(limit):
            return False
        return self.points >= self.program.min_redemption_points and self.points >= reward.points_cost

    def redeem(self, now: dt.datetime, reward: Any, path: list[tuple[Any, ...]]) -> None:
        """redemptions.create_redemption"""
        code = self.w.codes.reward()
        taken: list[dict[str, Any]] = []
        debit = self.post(now, T.REDEMPTION, -reward.points_cost, source="redemption",
                          description=f"Redeemed {reward.reward_name}", reference=("redemption", code), taken=taken)
        row = {
            "id": next(self.w.ids.redemption), "program_id": self.program.id, "member_id": self.p.id,
            "reward_id": reward.id, "user_id": USER_ID, "points_redeemed": reward.points_cost,
            "redemption_date": now, "fulfillment_status": F.PENDING, "fulfillment_date": None,
            "reward_code_generated": code, "delivery_method": None, "shipping_address": None,
            "tracking_number": None, "redemption_notes": None, "debit_transaction_id": debit["id"],
            "refund_transaction_id": None,
        }
        self.rows.redemptions.append(row)
        self.redemption_count += 1
        self.last_activity = now
        self.redeemed[reward.id] += 1
        self.log(now, A.POINTS_REDEEMED, f"Redeemed {reward.reward_name} for {reward.points_cost:,}",
                 points=-reward.points_cost, reward_id=reward.id, redemption_id=row["id"], code=code)
        # Refunded points keep the latest expiry of the lots they came from (redemptions._refund_expiry).
        expiries = [lot["expires_at"] for lot in taken]
        claim = Claim(row, reward, None if not expiries or None in expiries else max(expiries))
        for moment, status, tracking, notes in path:
            self.at(moment, self.fulfil, claim, status, tracking, notes)

    def fulfillment_path(self, style: str, start: dt.datetime) -> list[tuple[dt.datetime, str, str | None, str | None]]:
        """The owner's later moves of a redemption: some are cancelled, a few are left waiting."""
        rng = self.rng

        def later(moment: dt.datetime, low: float, high: float) -> dt.datetime:
            return moment + dt.timedelta(hours=rng.uniform(low, high))

        roll = rng.random()
        if roll < 0.06:
            return [(later(start, 1, 72), F.CANCELLED, None, rng.choice(CANCEL_NOTES))]
        if roll < 0.10:
            return []   # never picked up: stays pending
        approved = later(start, 2, 48)
        if style == "counter":
            if roll < 0.25:
                return [(approved, F.APPROVED, None, None),
                        (later(approved, 24, 240), F.REDEEMED, None, "Collected at the counter")]
            return [(start + dt.timedelta(seconds=rng.randrange(60, 300)), F.REDEEMED, None, None)]
        steps: list[tuple[dt.datetime, str, str | None, str | None]] = [(approved, F.APPROVED, None, None)]
        if roll < 0.15:
            return steps + [(later(approved, 2, 72), F.CANCELLED, None, rng.choice(CANCEL_NOTES))]
        if roll < 0.22:
            return steps   # approved, waiting to be packed
        shipped = later(approved, 12, 96)
        steps.append((shipped, F.SHIPPED, f"1Z{rng.randrange(16 ** 14):014X}", None))
        if roll < 0.35:
            return steps   # delivery never confirmed
        return steps + [(later(shipped, 48, 168), F.DELIVERED, None, None)]

    def fulfil(self, now: dt.datetime, claim: Claim, target: str, tracking: str | None, notes: str | None) -> None:
        """redemptions.update_status"""
        row, reward = claim.row, claim.reward
        current = row["fulfillment_status"]
        assert FulfillmentStatus(target) in TRANSITIONS[FulfillmentStatus(current)], (current, target)
        cancelled = target == F.CANCELLED
        if cancelled:
            self.settle_now(now)
            refund = self.post(now, T.REDEMPTION_REFUND, row["points_redeemed"], source="redemption",
                               description=f"Refund for cancelled {reward.reward_name}",
                               reference=("refund", row["reward_code_generated"]),
                               related=row["debit_transaction_id"], expires_at=claim.refund_expiry)
            row["refund_transaction_id"] = refund["id"]
            self.redemption_count = max(0, self.redemption_count - 1)
            self.redeemed[reward.id] -= 1
        row["fulfillment_status"] = target
        if tracking is not None:
            row["tracking_number"] = tracking
        if notes is not None:
            row["redemption_notes"] = notes
        if FulfillmentStatus(target) in FINAL:
            row["fulfillment_date"] = now
        self.log(now, A.REDEMPTION_UPDATED, f"{reward.reward_name}: {current} -> {target}",
                 points=row["points_redeemed"] if cancelled else 0, redemption_id=row["id"], previous=current,
                 new=target, tracking_number=tracking)

    def birthday_bonus(self, now: dt.datetime, day: dt.date) -> None:
        """jobs._birthdays, for one member on `day`."""
        program = self.program
        if self.status != ACTIVE or program.status != PROGRAM_ACTIVE or program.birthday_bonus_points <= 0:
            return
        multiplier = Decimal(self.tier.birthday_bonus_multiplier) if self.tier else Decimal(1)
        points = int((program.birthday_bonus_points * multiplier).to_integral_value(rounding=ROUND_FLOOR))
        if points <= 0:
            return
        self.post(now, T.BIRTHDAY_BONUS, points, source="birthday", description=f"Happy birthday {day.year}!",
                  reference=("birthday", f"{self.p.id}:{day.year}"), expires_at=expiry_for(program, now))
        self.log(now, A.POINTS_EARNED, f"+{points:,} birthday bonus", points=points, year=day.year,
                 multiplier=str(multiplier))
        self.evaluate_tier(now)

    def adjust(self, now: dt.datetime, goodwill: bool) -> None:
        """purchases.add_transaction with a manual adjustment and its reason."""
        if self.status != ACTIVE:
            return
        self.settle_now(now)
        if goodwill:
            points, reason = self.rng.choice((25, 50, 100, 200)), self.rng.choice(GOODWILL)
        else:
            points = -min(self.rng.choice((20, 50, 100)), self.points)   # the service refuses more than the balance
            reason = self.rng.choice(CORRECTIONS)
            if not points:
                return
        self.adjust_by(now, points, reason)

    def adjust_by(self, now: dt.datetime, points: int, reason: str) -> None:
        """purchases.add_transaction: a manual adjustment of `points` with its reason."""
        self.settle_now(now)
        row = self.post(now, T.MANUAL_ADJUSTMENT, points, source="manual", description=reason,
                        expires_at=expiry_for(self.program, now) if points > 0 else None)
        self.log(now, A.POINTS_ADJUSTED, f"{points:+,} points: {reason}", points=points, transaction_id=row["id"],
                 reason=reason)
        self.evaluate_tier(now)

    def leave(self, now: dt.datetime, status: str) -> None:
        """members.update_member with a new membership status."""
        self.log(now, A.STATUS_CHANGED, f"Membership {self.status} -> {status}", previous=self.status, new=status)
        self.status = status

    # --- the ledger (services/ledger.py) ---------------------------------------

    def post(self, now: dt.datetime, kind: str, points: int, *, source: str, description: str,
             reference: tuple[str, str] | None = None, amount: Decimal | None = None, related: int | None = None,
             expires_at: dt.datetime | None = None, status: str = COMPLETED, pending_points: int | None = None,
             pending_until: dt.datetime | None = None, shortfall: int = 0, spend_first: Sequence[int] = (),
             spend_only: int | None = None, taken: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """ledger.post: append a row with its running balance, open a lot or consume lots."""
        counts = status == COMPLETED
        balance = self.points + (points if counts else 0)
        if balance < 0:
            raise AssertionError(f"member #{self.p.id} would go below zero: the replay broke a rule")
        row = {
            "id": next(self.w.ids.transaction), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "transaction_type": kind, "points_amount": points,
            "points_balance_after": balance, "source": source,
            "reference_type": reference[0] if reference else None, "reference_id": reference[1] if reference else None,
            "description": description, "expiration_date": expires_at if counts and points > 0 else None,
            "status": status, "created_at": now, "amount": amount, "related_transaction_id": related,
            "pending_points": pending_points, "pending_until": pending_until, "shortfall_points": shortfall,
        }
        self.rows.transactions.append(row)
        if counts:
            self.points = balance
            self.lifetime = lifetime_after(self.lifetime, kind, points, shortfall)
            if points > 0:
                lot = {"lot_id": row["id"], "member_id": self.p.id, "program_id": self.program.id, "user_id": USER_ID,
                       "points_original": points, "points_remaining": points, "expires_at": expires_at}
                self.rows.lots.append(lot)
                self.open_lots.append(lot)
                self.note_due(expires_at)
            elif points < 0:
                self.consume(row["id"], -points, spend_first, spend_only, taken)
        return row

    def consume(self, debit_id: int, points: int, spend_first: Sequence[int], spend_only: int | None,
                taken: list[dict[str, Any]] | None) -> None:
        """ledger._consume: oldest lots first (or the lots named first), each link recorded."""
        lots = [lot for lot in self.open_lots if spend_only is None or lot["lot_id"] == spend_only]
        if spend_first:
            preferred = {lot_id: i for i, lot_id in enumerate(spend_first)}
            lots.sort(key=lambda lot: (preferred.get(lot["lot_id"], len(preferred)), lot["lot_id"]))
        left = points
        for lot in lots:
            if not left:
                break
            take = min(left, lot["points_remaining"])
            lot["points_remaining"] -= take
            left -= take
            self.rows.consumptions.append({"id": next(self.w.ids.consumption), "debit_transaction_id": debit_id,
                                           "lot_id": lot["lot_id"], "points": take})
            if taken is not None:
                taken.append(lot)
        if left:
            raise AssertionError(f"member #{self.p.id}: lots and balance disagree, the replay broke a rule")
        self.open_lots = [lot for lot in self.open_lots if lot["points_remaining"]]

    def note_due(self, moment: dt.datetime | None) -> None:
        if moment is not None and (self.due is None or moment < self.due):
            self.due = moment

    def settle_now(self, now: dt.datetime) -> None:
        """ledger.settle_member as a counter operation calls it: for anything due by the end of today."""
        if self.due is not None:
            cutoff = self.w.job_run(self.w.day_of(now))[1]
            if self.due < cutoff:
                self.settle(now, cutoff)

    def settle(self, now: dt.datetime, cutoff: dt.datetime) -> None:
        """ledger.settle_member: complete holds whose window closed, then expire lots past their date."""
        for hold in [h for h in self.holds if h["pending_until"] < cutoff]:
            self.release(now, hold)
        for lot in [lot for lot in self.open_lots if lot["expires_at"] is not None and lot["expires_at"] < cutoff]:
            self.expire(now, lot)
        moments = [lot["expires_at"] for lot in self.open_lots if lot["expires_at"] is not None]
        self.due = min(moments + [h["pending_until"] for h in self.holds], default=None)

    def release(self, now: dt.datetime, hold: dict[str, Any]) -> None:
        """pending.release_hold"""
        ref = hold["reference_id"]
        order = self.orders[ref]
        held = hold["pending_points"] or 0
        points = held - points_taken_back(held, hold["amount"], order.returned)
        hold["status"] = COMPLETED
        self.holds.remove(hold)
        if points > 0:
            row = self.post(now, T.PURCHASE, points, source="pending_release",
                            description=f"Points for order {ref} after the return window",
                            reference=("pending_release", str(hold["id"])), related=hold["id"],
                            expires_at=expiry_for(self.program, now))
            order.releases.append(row["id"])
            self.log(now, A.POINTS_EARNED, f"+{points:,} points for order {ref}", points=points, order_ref=ref,
                     released_from=hold["id"])
            self.evaluate_tier(now)

    def expire(self, now: dt.datetime, lot: dict[str, Any]) -> None:
        """The expiry half of ledger.settle_member, for one lot."""
        points, lot_id = lot["points_remaining"], lot["lot_id"]
        self.post(now, T.EXPIRATION, -points, source="expiry",
                  description=f"{points:,} points earned in row #{lot_id} expired",
                  reference=("expiration", str(lot_id)), related=lot_id, spend_only=lot_id)
        self.log(now, A.POINTS_EXPIRED, f"{points:,} points expired", points=-points, lot_id=lot_id,
                 expired_on=lot["expires_at"].isoformat())

    # --- tiers and the activity log -----------------------------------------

    def evaluate_tier(self, now: dt.datetime) -> None:
        """tiers.evaluate_tier for a program measured by lifetime points (either direction)."""
        if not self.program.tier_system_enabled or not self.setup.tiers:
            return
        target = tier_for_points(self.setup.tiers, self.lifetime)
        if (target.id if target else None) != (self.tier.id if self.tier else None):
            self.apply_tier(now, target)

    def apply_tier(self, now: dt.datetime, target: Any) -> None:
        """tiers.apply_tier"""
        current = self.tier
        up = (target.tier_level if target else -1) > (current.tier_level if current else -1)
        self.rows.progressions.append({
            "id": next(self.w.ids.progression), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "previous_tier_id": current.id if current else None,
            "new_tier_id": target.id if target else None, "promotion_reason": AUTOMATIC, "promotion_date": now,
        })
        self.tier = target
        old_name = current.tier_name if current else "no tier"
        new_name = target.tier_name if target else "no tier"
        self.log(now, A.TIER_PROMOTED if up else A.TIER_DEMOTED,
                 f"{'Promoted' if up else 'Moved down'} from {old_name} to {new_name}",
                 previous_tier=old_name, new_tier=new_name, reason=AUTOMATIC)

    def log(self, now: dt.datetime, kind: str, description: str, *, points: int = 0, **metadata: Any) -> None:
        """activity.log_activity"""
        self.rows.activities.append({
            "id": next(self.w.ids.activity), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "activity_type": kind, "activity_description": description,
            "points_involved": points, "activity_metadata": metadata, "activity_date": now,
        })

    def member_row(self) -> dict[str, Any]:
        p = self.p
        name_key, surname_key = name_keys(p.name)
        return {
            "id": p.id, "program_id": self.program.id, "user_id": USER_ID, "customer_id": p.customer_id,
            "customer_name": p.name, "email": p.email, "phone": p.phone,
            "current_tier_id": self.tier.id if self.tier else None, "current_points": self.points,
            "lifetime_points": self.lifetime, "redemption_count": self.redemption_count, "total_spent": self.spent,
            "membership_status": self.status, "enrollment_date": p.joined, "last_activity_date": self.last_activity,
            "referral_code": p.referral_code, "referred_by": p.referrer.id if p.referrer else None,
            "member_metadata": p.metadata, "birthday": p.birthday, "card_number": p.card,
            "birthday_key": birthday_key(p), "name_key": name_key, "surname_key": surname_key,
        }


# --- the dashboard's running totals (services/rollups.py) ---------------------------------


class RunningTotals:
    """loyalty_program_totals and loyalty_expiry_calendar, tallied from the rows written.

    The service keeps them on every write (rollups.on_*). rollups.rebuild would
    recompute them from the ledger, but it values each pending hold with a query
    that scans the ledger; tallying here is linear, and check_ledger still
    compares the result with the ledger (rollups.computed_totals).
    """

    def __init__(self, catalog: list[ProgramSetup], tz: dt.tzinfo) -> None:
        self.tz = tz
        self.totals: dict[int, dict[str, Any]] = {s.program.id: {
            "members": 0, "points_issued": 0, "points_redeemed": 0, "points_expired": 0, "points_outstanding": 0,
            "points_pending": 0, "spending": Decimal(0), "tier_counts": Counter()} for s in catalog}
        self.calendar: Counter[tuple[int, dt.date]] = Counter()

    def add(self, rows: Rows) -> None:
        returned: defaultdict[int, Decimal] = defaultdict(Decimal)   # amount returned per purchase row
        for tx in rows.transactions:
            totals, kind, points = self.totals[tx["program_id"]], tx["transaction_type"], tx["points_amount"]
            if tx["status"] == COMPLETED:
                totals["points_outstanding"] += points
                if kind in EARNING_TYPES and points > 0:
                    totals["points_issued"] += points
                elif kind in (T.REDEMPTION, T.REDEMPTION_REFUND):
                    totals["points_redeemed"] -= points
                elif kind == T.EXPIRATION:
                    totals["points_expired"] -= points
            if tx["amount"] is not None and kind == T.PURCHASE:
                totals["spending"] += tx["amount"]
            elif tx["amount"] is not None and kind == T.PURCHASE_RETURN:
                totals["spending"] -= tx["amount"]
                returned[tx["related_transaction_id"]] += tx["amount"]
        for tx in rows.transactions:
            if tx["status"] == PENDING:   # what each hold will credit (pending.hold_value)
                held = tx["pending_points"]
                self.totals[tx["program_id"]]["points_pending"] += held - points_taken_back(
                    held, tx["amount"], returned[tx["id"]])
        for member in rows.members:
            totals = self.totals[member["program_id"]]
            totals["members"] += 1
            totals["tier_counts"][str(member["current_tier_id"]) if member["current_tier_id"] else NO_TIER] += 1
        for lot in rows.lots:
            if lot["points_remaining"] and lot["expires_at"] is not None:
                self.calendar[lot["program_id"], local_date(lot["expires_at"], self.tz)] += lot["points_remaining"]

    def write(self, conn: Connection) -> None:
        table = _table(ProgramTotals)
        for program_id, totals in self.totals.items():
            values = {**totals, "spending": totals["spending"].quantize(Decimal("0.01")),
                      "tier_counts": {key: n for key, n in sorted(totals["tier_counts"].items()) if n}}
            conn.execute(update(table).where(table.c.program_id == program_id).values(values))
        days = [{"program_id": program_id, "expiry_day": day, "user_id": USER_ID, "points": points}
                for (program_id, day), points in sorted(self.calendar.items()) if points]
        if days:
            conn.execute(insert(_table(ExpiryCalendar)), days)


# --- writing ------------------------------------------------------------------------


class BulkInsert:
    """Core INSERTs handed to the driver's executemany.

    Connection.execute(insert(table), rows) builds and checks a parameter dict
    per row, which at millions of rows costs as much as the database's own work.
    Here each table's INSERT is compiled once for the dialect, and every value
    goes through its column type's own bind processor (the dialect's version of
    the type, as SQLAlchemy does), straight into the form the driver takes.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.plans: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {}

    def __call__(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            sql, convert = self.plans.get(table.name) or self._plan(table)
            self.conn.exec_driver_sql(sql, [convert(row) for row in rows])

    def _plan(self, table: Table) -> tuple[str, Callable[[dict[str, Any]], Any]]:
        dialect = self.conn.dialect
        compiled = insert(table).compile(dialect=dialect)
        positional = compiled.positiontup is not None   # "?" placeholders (SQLite) or named ones (psycopg)
        names = list(compiled.positiontup or [c.key for c in table.columns])
        processors = [(i, p) for i, name in enumerate(names)
                      if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
        pick = operator.itemgetter(*names)

        def convert(row: dict[str, Any]) -> Any:
            values = list(pick(row))
            for i, process in processors:
                values[i] = process(values[i])
            return tuple(values) if positional else dict(zip(names, values, strict=True))

        self.plans[table.name] = plan = (str(compiled), convert)
        return plan


@contextmanager
def roomy_page_cache(conn: Connection) -> Iterator[None]:
    """SQLite's default page cache (2 MB) thrashes when a bulk load inserts into indexes in random order
    (created_at): give this connection 512 MB while it loads, then put it back before it returns to the pool.
    The only SQLite-specific statement outside the engine module."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql("PRAGMA cache_size = -524288")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def write_rows(db: Database, rows: Rows, counts: Counter[str]) -> None:
    """One chunk of members and their history, in one transaction, parents before children."""
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        load = BulkInsert(conn)
        with roomy_page_cache(conn):
            for name, table, batch in rows.tables():
                for start in range(0, len(batch), INSERT_BATCH):
                    load(table, batch[start:start + INSERT_BATCH])
                counts[name] += len(batch)


def finish(db: Database, world: World, totals: RunningTotals) -> None:
    """What the replay leaves for the end: reward stock, the last job run, running totals, id sequences."""
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        rewards = _table(RewardRow)
        for reward_id, remaining in world.stock.remaining().items():
            conn.execute(update(rewards).where(rewards.c.id == reward_id).values(quantity_remaining=remaining))
        shops = _table(Shop)
        conn.execute(update(shops).where(shops.c.user_id == USER_ID).values(last_daily_run=world.today))
        totals.write(conn)
        if conn.dialect.name == "postgresql":
            # The ids were given explicitly, so the serial sequences never moved.
            for model in NUMBERED.values():
                conn.execute(select(func.setval(func.pg_get_serial_sequence(model.__tablename__, "id"),
                                                select(func.max(model.id)).scalar_subquery())))


# --- the entry point --------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptedMember:
    """A member whose year is given rather than drawn (for the differential test against the service)."""

    name: str
    program: str                      # program name
    joined: dt.datetime
    events: tuple[tuple[Any, ...], ...] = ()   # (moment, step, *args), steps as in SCRIPT_STEPS
    email: str | None = None
    phone: str | None = None
    birthday: dt.date | None = None
    referred_by: str | None = None    # the name of a member scripted before this one
    metadata: dict[str, Any] = field(default_factory=dict)


def build_demo(database_url: str | None, *, members: int, seed: int = 7,
               progress: Callable[[int, int, str], None] | None = None, clock: Clock | None = None) -> dict[str, Any]:
    """Fill a database with the demo shop and `members` members with a year of history up to now.

    Returns counts of what was written, and the seconds it took.
    """
    if isinstance(members, bool) or not isinstance(members, int) or members < 0:
        raise ValidationError("The number of members must be a whole number, zero or more", field="members")
    return _build(database_url, PROGRAMS, lambda world: [(p, None) for p in Planner(world).people(members)],
                  total=members, seed=seed, progress=progress, clock=clock)


def replay_script(database_url: str | None, script: Sequence[ScriptedMember], *,
                  programs: Sequence[ProgramSpec] = PROGRAMS, clock: Clock | None = None) -> dict[str, Any]:
    """The demo shop with `programs`, and members whose years follow `script`, by the demo's bulk path."""
    def people(world: World) -> list[tuple[Person, Sequence[tuple[Any, ...]] | None]]:
        setups = {s.program.program_name: s for s in world.catalog}
        by_name: dict[str, Person] = {}
        for m in sorted(script, key=lambda m: m.joined):
            referrer = by_name[m.referred_by] if m.referred_by else None
            person = Person(id=next(world.ids.member), setup=setups[m.program], joined=m.joined,
                            name=clean_name(m.name), email=normalize_email(m.email),
                            phone=normalize_phone(m.phone, SHOP["phone_region"]), birthday=m.birthday,
                            customer_id=None, metadata=dict(m.metadata), card=world.codes.card(),
                            referral_code=world.codes.referral(m.name), referrer=referrer)
            if referrer is not None:
                referrer.referrals.append(person)
            by_name[m.name] = person
        events = {m.name: m.events for m in script}
        return [(p, events[name]) for name, p in by_name.items()]
    return _build(database_url, programs, people, total=len(script), seed=0, progress=None, clock=clock)


def _build(database_url: str | None, programs: Sequence[ProgramSpec],
           plan: Callable[[World], list[tuple[Person, Sequence[tuple[Any, ...]] | None]]], *, total: int, seed: int,
           progress: Callable[[int, int, str], None] | None, clock: Clock | None) -> dict[str, Any]:
    started = time.perf_counter()
    report = progress or (lambda done, total, stage: None)
    now = checked_now(clock or system_clock)
    tz = zone(SHOP["timezone"])
    today = local_date(now, tz)
    setup_moment = start_of_day(today - dt.timedelta(days=HISTORY_DAYS + SETUP_LEAD_DAYS), tz) + dt.timedelta(hours=9)
    # The owner set the shop up before the first member joined: the service's clock says so.
    with LoyaltyService(database_url, clock=lambda: setup_moment) as svc:
        report(0, total, "setting up the shop")
        catalog = build_catalog(svc, today, programs)
        world = World(svc.db, catalog, random.Random(seed), now)
        report(0, total, "planning members")
        people = plan(world)
        members = len(people)
        counts: Counter[str] = Counter()
        totals = RunningTotals(catalog, world.tz)
        for start in range(0, members, CHUNK_MEMBERS):
            world.rows = Rows()
            for person, script in people[start:start + CHUNK_MEMBERS]:
                world.rows.members.append(MemberLife(world, person).live(script))
            write_rows(svc.db, world.rows, counts)
            totals.add(world.rows)
            report(min(start + CHUNK_MEMBERS, members), members, "members")
        finish(svc.db, world, totals)
        report(members, members, "daily snapshots")
        # The analytics snapshots are replayed from the ledger by the daily job's own code.
        svc.uow.write(USER_ID, lambda ctx: write_snapshots(ctx, world.today), now=now)
    return {
        "user_id": USER_ID,
        "programs": len(catalog),
        "rewards": sum(len(s.rewards) for s in catalog),
        **{name: counts[name] for name, _ in Rows.TABLES},
        "seconds": round(time.perf_counter() - started, 1),
    }
