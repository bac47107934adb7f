"""Property-based, stateful test of the ledger (ARCHITECTURE.md, "The ledger", rules 1-10).

A hypothesis RuleBasedStateMachine drives random operations against a
LoyaltyService on a fresh SQLite file per example, with a hand-moved clock:
enrolling, purchases (new orders, replays, conflicting replays) with or without
promotions in force (created and ended as the machine goes), whole and
partial returns, manual adjustments, redemptions, points as money off (new,
on an order, replayed, conflicting; a return giving them back pro rata),
fulfillment moves (valid and
invalid, including cancelling), suspending and reactivating, and moving the
clock by days with or without the daily jobs (pending points complete, lots
expire, birthdays are paid, tiers move).

Four programs cover the rules:
  * "Expiring": points, 2 per dollar, points expire after 30 days, redeeming
    starts at 100 points, a birthday bonus;
  * "Pending": points, 1 per dollar, purchase points pending for 3 days
    (program_rules pending_days), points expire after 30 days;
  * "Tiered": tiered, 10 per dollar, Bronze/Silver/Gold (x1, x1.5, x2) and a
    Gold-only reward;
  * "Stamps": a stamp card, one stamp per purchase of $3.00 or more whatever
    the amount (a return takes it back only once the whole order is back),
    stamps expire after 30 days, five stamps for a coffee.

Operations often happen days after the previous one with no daily job in
between, so each call must settle what fell due by itself.

Every operation predicts its outcome from a small model plus the rows it
reads, and checks it: an expected refusal must be that LoyaltyError subclass
and must write nothing; anything that is not a LoyaltyError fails the test.
After every step the invariants check check_ledger() == [], no negative
balance, one ledger row per recorded order (rule 3), an append-only ledger
(rule 1), oldest-lot-first spending (rule 4), and the redemption and stock
model (rule 7).

The machine found one bug, now fixed; its minimal reproduction is kept as a
regression test at the end of this file.
"""
from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import func, select

from loyalty_desk import models
from loyalty_desk.services import (
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

from .support import (
    SHOP,
    START,
    FakeClock,
    database_state,
    enroll,
    make_program,
    make_tiers,
)

T = TypeVar("T")

# Profiles: "ledger-ci" (the default) is derandomized, so CI runs the same
# examples every time; "ledger-dev" explores new ones and more of them. Pick with
# LOYALTY_LEDGER_PROFILE=ledger-dev. Only this test uses them: the global
# hypothesis profile is left alone.
settings.register_profile(
    "ledger-ci",
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "ledger-dev",
    parent=settings.get_profile("ledger-ci"),
    max_examples=200,
    derandomize=False,
)
PROFILE = os.environ.get("LOYALTY_LEDGER_PROFILE", "ledger-ci")

TRANSITIONS = {
    "pending": {"approved", "redeemed", "cancelled"},
    "approved": {"shipped", "redeemed", "cancelled"},
    "shipped": {"delivered"},
    "delivered": set(),
    "redeemed": set(),
    "cancelled": set(),
}
STATUSES = sorted(TRANSITIONS)
TIER_MULTIPLIER = {None: Decimal(1), "Bronze": Decimal(1), "Silver": Decimal("1.5"), "Gold": Decimal(2)}
TIER_LEVEL = {None: 0, "Bronze": 1, "Silver": 2, "Gold": 3}
# Points as money off: "Expiring" takes them in tens and gives them back on a return; "Pending"
# in any number, and keeps them; "Tiered" has no redemption value.
DISCOUNT_RULES = ({"redeem_points_per_unit": 100, "redeem_points_step": 10, "redeem_restore_on_return": True},
                  {"redeem_points_per_unit": 50})


# --- a seeded template database, made once and copied per example -------------


@dataclass(frozen=True)
class RewardInfo:
    id: int
    program_id: int
    cost: int
    stock: int | None
    gold_only: bool = False


@dataclass(frozen=True)
class Seed:
    path: Path
    expiring: int
    pending: int
    tiered: int
    stamps: int
    rewards: tuple[RewardInfo, ...]
    promotions: tuple[PromotionModel, ...]

    @property
    def programs(self) -> tuple[int, int, int, int]:
        return self.expiring, self.pending, self.tiered, self.stamps


@cache
def seed() -> Seed:
    """Shop, programs, tiers and rewards, written once; each example starts from a copy."""
    folder = Path(tempfile.mkdtemp(prefix="loyalty-stateful-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "seed.db"
    svc = LoyaltyService(f"sqlite:///{path}", clock=FakeClock())
    try:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})

        def program(**fields: Any) -> int:
            return svc.create_loyalty_program(SHOP, fields).id

        expiring = program(program_name="Expiring", program_type="points", points_per_dollar="2",
                           points_expiration_days=30, min_redemption_points=100, birthday_bonus_points=25,
                           program_rules=DISCOUNT_RULES[0])
        pending = program(program_name="Pending", program_type="points", points_per_dollar="1",
                          points_expiration_days=30, program_rules={"pending_days": 3, **DISCOUNT_RULES[1]})
        tiered = program(program_name="Tiered", program_type="tiered", points_per_dollar="10")
        stamps = program(program_name="Stamps", program_type="stamps", points_expiration_days=30,
                         program_rules={"stamp_min_amount": "3.00"})
        gold = next(t for t in make_tiers(svc, tiered) if t.tier_name == "Gold")

        def reward(program_id: int, name: str, cost: int, stock: int | None, gold_only: bool = False) -> RewardInfo:
            data: dict[str, Any] = {"reward_name": name, "reward_type": "free_product", "points_cost": cost,
                                    "quantity_available": stock}
            if gold_only:
                data["tier_exclusive_id"] = gold.id
            return RewardInfo(svc.create_loyalty_reward(SHOP, program_id, data).id, program_id, cost, stock, gold_only)

        rewards = (
            reward(expiring, "Sticker", 50, None),
            reward(expiring, "Mug", 150, 2),
            reward(expiring, "Television", 100_000, None),
            reward(pending, "Coffee", 40, None),
            reward(pending, "Lamp", 120, 1),
            reward(tiered, "Cap", 300, 3),
            reward(tiered, "Lounge pass", 500, None, gold_only=True),
            reward(tiered, "Yacht", 1_000_000, None),
            reward(stamps, "Coffee", 5, None),
            reward(stamps, "Cake", 8, 1),
        )
        # Promotions in force from the start, so that many purchases earn under one (README, "Promotions").
        year = START + dt.timedelta(days=365)
        promotions = (
            promotion(svc, expiring, multiplier="3", days=(1, 3), min_amount="30.00", ends=year),
            promotion(svc, pending, bonus=5, hours=(9, 17), ends=year),
            promotion(svc, tiered, multiplier="1.5", ends=START + dt.timedelta(days=20)),
        )
    finally:
        svc.close()  # the last connection closing checkpoints the WAL into the file
    return Seed(path, expiring, pending, tiered, stamps, rewards, promotions)


def promotion(svc: LoyaltyService, program_id: int, *, ends: dt.datetime, multiplier: str | None = None,
              bonus: int | None = None, days: tuple[int, ...] = (), hours: tuple[int, int] | None = None,
              min_amount: str | None = None) -> PromotionModel:
    made = svc.create_promotion(SHOP, program_id, {
        "name": f"Seeded {program_id}", "multiplier": multiplier, "bonus_points": bonus, "starts_at": START,
        "ends_at": ends, "days_of_week": list(days), "hours": hours, "min_amount": min_amount})
    return PromotionModel(made.id, program_id, Decimal(multiplier) if multiplier else None, bonus, False, START,
                          ends, days, Decimal(min_amount) if min_amount else None, hours)


# --- the model -----------------------------------------------------------------


@dataclass
class MemberModel:
    program_id: int
    status: str = "active"


@dataclass
class OrderModel:
    program_id: int
    member_id: int
    amount: Decimal
    tx_id: int
    returned: Decimal = Decimal(0)


@dataclass
class DiscountModel:
    member_id: int
    points: int
    restored: int = 0


@dataclass
class PromotionModel:
    """A promotion as the model sees it (README, "Promotions"), to predict a purchase's points."""

    id: int
    program_id: int
    multiplier: Decimal | None
    bonus: int | None
    stacks: bool
    starts: dt.datetime
    ends: dt.datetime
    days: tuple[int, ...]
    min_amount: Decimal | None
    hours: tuple[int, int] | None = None
    active: bool = True

    def covers(self, now: dt.datetime, amount: Decimal) -> bool:
        """The shop runs on UTC: the weekday and hour are the clock's."""
        return (self.active and self.starts <= now < self.ends and (not self.days or now.weekday() in self.days)
                and (self.hours is None or self.hours[0] <= now.hour < self.hours[1])
                and (self.min_amount is None or amount >= self.min_amount))

    def points(self, base: Decimal, tier: Decimal) -> int:
        if self.multiplier is None:
            return floor_points(base * tier) + (self.bonus or 0)
        return floor_points(base * (tier * self.multiplier if self.stacks else max(tier, self.multiplier)))


@dataclass
class RedemptionModel:
    member_id: int
    reward: RewardInfo
    status: str = "pending"


amounts = (st.integers(min_value=1, max_value=20_000) | st.integers(min_value=2_000, max_value=20_000)).map(
    lambda cents: Decimal(cents).scaleb(-2))
reasons = st.sampled_from(["Goodwill", "Typo at the till", "Damaged item", "Promo"])
# Stored ledger columns that must never change once written (rule 1); status may move once.
FROZEN_COLUMNS = ("member_id", "program_id", "transaction_type", "points_amount", "points_balance_after",
                  "reference_type", "reference_id", "amount", "related_transaction_id", "pending_points",
                  "pending_until", "shortfall_points", "expiration_date", "created_at")


def floor_points(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.seed = seed()
        self.folder = Path(tempfile.mkdtemp(prefix="loyalty-example-"))
        path = self.folder / "loyalty.db"
        shutil.copyfile(self.seed.path, path)
        self.clock = FakeClock(START)
        self.svc = LoyaltyService(f"sqlite:///{path}", clock=self.clock)
        self.engine = self.svc.db.engine
        self.members: dict[int, MemberModel] = {}
        self.orders: dict[tuple[int, str], OrderModel] = {}
        self.redemptions: dict[int, RedemptionModel] = {}
        self.discounts: dict[tuple[int, str], DiscountModel] = {}
        self.ledger: dict[int, dict[str, Any]] = {}
        self.promotions = {p.id: dataclasses.replace(p) for p in self.seed.promotions}
        self.next_ref = 0

    def teardown(self) -> None:
        self.svc.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers ---------------------------------------------------------

    def call(self, fn: Callable[[], T], expected: type[LoyaltyError] | None, what: str) -> T | None:
        """Run one service call. With `expected`, it must refuse with that class and write nothing;
        without, it must succeed. Anything that is not a LoyaltyError propagates and fails the test."""
        before = database_state(self.svc) if expected is not None else None
        try:
            result = fn()
        except LoyaltyError as exc:
            event(f"{what}: {type(exc).__name__}")
            assert expected is not None, f"{what}: unexpected refusal {type(exc).__name__}: {exc}"
            assert isinstance(exc, expected), f"{what}: expected {expected.__name__}, got {type(exc).__name__}: {exc}"
            assert str(exc), "a refusal must carry a message"
            assert database_state(self.svc) == before, f"{what}: the refused call wrote something"
            return None
        event(f"{what}: ok")
        assert expected is None, f"{what}: expected {expected.__name__}, but it succeeded: {result!r}"
        return result

    def today_cutoff(self) -> dt.datetime:
        """The first instant after the shop's local today (the shop runs on UTC)."""
        return dt.datetime.combine(self.clock.now.date() + dt.timedelta(days=1), dt.time.min, tzinfo=dt.timezone.utc)

    def settled(self, member_id: int) -> tuple[int, int]:
        """(balance, lifetime points) the member will have once settled for today: holds whose
        window has closed complete, and lots due today or earlier expire."""
        T, L = models.PointsTransaction, models.PointLot
        cutoff = self.today_cutoff()
        with self.engine.connect() as conn:
            member = conn.execute(select(models.Member.current_points, models.Member.lifetime_points)
                                  .where(models.Member.id == member_id)).one()
            released = 0
            holds = conn.execute(select(T.id, T.pending_points, T.amount).where(
                T.member_id == member_id, T.status == "pending", T.pending_until < cutoff)).all()
            for hold_id, held, amount in holds:
                returned = conn.execute(select(func.coalesce(func.sum(T.amount), 0)).where(
                    T.related_transaction_id == hold_id, T.transaction_type == "purchase_return")).scalar_one()
                released += held - floor_points(Decimal(held) * Decimal(returned) / Decimal(amount))
            expiring = conn.execute(select(func.coalesce(func.sum(L.points_remaining), 0)).where(
                L.member_id == member_id, L.points_remaining > 0, L.expires_at < cutoff)).scalar_one()
        return member.current_points + released - int(expiring), member.lifetime_points + released

    def member_tier(self, member_id: int) -> str | None:
        return self.svc.get_loyalty_member(SHOP, member_id).tier_name

    def later(self, data: st.DataObject) -> None:
        """Often the customer comes back later, with no daily job in between: whatever is due by then
        (held points whose window closed, lots past their date) must be settled by the call itself."""
        days = data.draw(st.sampled_from([0, 0, 0, 0, 0, 1, 2, 4, 12, 31]), label="days pass first")
        if days:
            self.clock.advance(days=days)

    def pick_member(self, data: st.DataObject) -> int:
        return data.draw(st.sampled_from(sorted(self.members)), label="member")

    def stock_left(self, reward: RewardInfo) -> int | None:
        if reward.stock is None:
            return None
        taken = sum(1 for r in self.redemptions.values() if r.reward == reward and r.status != "cancelled")
        return reward.stock - taken

    def fresh_ref(self) -> str:
        self.next_ref += 1
        return f"ORD-{self.next_ref:04d}"

    def expected_purchase_points(self, program_id: int, member_id: int, amount: Decimal) -> int:
        """The program's own rate, or the best promotion in force: the one that earns most."""
        if program_id == self.seed.expiring:
            base, tier = amount * 2, Decimal(1)
        elif program_id == self.seed.pending:
            base, tier = amount, Decimal(1)
        elif program_id == self.seed.stamps:
            return 1 if amount >= Decimal("3.00") else 0   # one stamp, whatever the amount or promotion
        else:
            base, tier = amount * 10, TIER_MULTIPLIER[self.member_tier(member_id)]
        running = [p for p in self.promotions.values() if p.program_id == program_id
                   and p.covers(self.clock.now, amount)]
        best = max([floor_points(base * tier), *(p.points(base, tier) for p in running)])
        if best > floor_points(base * tier):
            event("purchase under a promotion")
        return best

    # --- rules -----------------------------------------------------------

    @initialize(amounts=st.lists(st.integers(5_000, 30_000).map(lambda cents: Decimal(cents).scaleb(-2)),
                                 min_size=4, max_size=4))
    def first_customers(self, amounts: list[Decimal]) -> None:
        """One member in each program with a first purchase, and two redemptions waiting for fulfillment,
        so that every rule has something to act on from the first step."""
        for program, amount in enumerate(amounts):
            self.enroll(program, None)
            program_id, member_id, ref = self.seed.programs[program], max(self.members), self.fresh_ref()
            tx = self.svc.record_purchase(SHOP, program_id, member_id, amount, ref)
            self.orders[(program_id, ref)] = OrderModel(program_id, member_id, amount, tx.id)
            # At least 100 points in "Expiring" and 500 in "Tiered": enough for the Sticker and a Cap.
            reward = {self.seed.expiring: self.seed.rewards[0], self.seed.tiered: self.seed.rewards[5]}.get(program_id)
            if reward is not None:
                red = self.svc.create_redemption(SHOP, program_id, member_id, reward.id, reward.cost)
                self.redemptions[red.id] = RedemptionModel(member_id, reward)

    @rule(program=st.integers(0, 3), birthday_in=st.none() | st.integers(0, 70))
    def enroll(self, program: int, birthday_in: int | None) -> None:
        program_id = self.seed.programs[program]
        data: dict[str, Any] = {"customer_name": f"Member {len(self.members) + 1} Smith"}
        if birthday_in is not None:
            # A birthday that comes round within the next weeks, so the daily job pays it.
            day = START.date() + dt.timedelta(days=birthday_in)
            data["birthday"] = day.replace(year=1990)
        member = self.call(lambda: self.svc.enroll_loyalty_member(SHOP, program_id, data), None, "enroll")
        assert member is not None
        assert (member.current_points, member.lifetime_points, member.membership_status) == (0, 0, "active")
        self.members[member.id] = MemberModel(program_id)

    @precondition(lambda self: len(self.promotions) < 6)
    @rule(data=st.data(), program=st.integers(0, 2), stacks=st.booleans(),
          multiplier=st.none() | st.sampled_from(["1.5", "2", "3"]), bonus=st.sampled_from([5, 50]),
          days=st.sets(st.integers(0, 6), max_size=3), min_amount=st.none() | st.sampled_from(["20.00", "75.50"]))
    def promote(self, data: st.DataObject, program: int, stacks: bool, multiplier: str | None, bonus: int,
                days: set[int], min_amount: str | None) -> None:
        """A promotion from a few hours ago (or later) to some days ahead: later purchases earn by it."""
        program_id = self.seed.programs[program]
        starts = self.clock.now + dt.timedelta(hours=data.draw(st.integers(-48, 24), label="starts in hours"))
        ends = starts + dt.timedelta(days=data.draw(st.integers(1, 10), label="days long"))
        fields = {"name": f"Promo {len(self.promotions) + 1}", "starts_at": starts, "ends_at": ends,
                  "days_of_week": sorted(days), "min_amount": min_amount, "stacks_with_tier": stacks,
                  **({"multiplier": multiplier} if multiplier is not None else {"bonus_points": bonus})}
        made = self.call(lambda: self.svc.create_promotion(SHOP, program_id, fields), None, "promote")
        assert made is not None
        self.promotions[made.id] = PromotionModel(
            made.id, program_id, Decimal(multiplier) if multiplier is not None else None,
            None if multiplier is not None else bonus, stacks, starts, ends, tuple(sorted(days)),
            Decimal(min_amount) if min_amount is not None else None)

    @precondition(lambda self: len(self.promotions) > len(self.seed.promotions))
    @rule(data=st.data())
    def end_promotion(self, data: st.DataObject) -> None:
        """End one the machine made (the seeded ones run on, so that many purchases meet one)."""
        made = sorted(set(self.promotions) - {p.id for p in self.seed.promotions})
        promotion = self.promotions[data.draw(st.sampled_from(made), label="promotion")]
        ended = self.call(lambda: self.svc.end_promotion(SHOP, promotion.id), None, "end promotion")
        assert ended is not None and not ended.active
        if promotion.active and promotion.starts < self.clock.now < promotion.ends:
            promotion.ends = self.clock.now
        promotion.active = False
        assert ended.ends_at == promotion.ends

    @precondition(lambda self: self.members)
    @rule(data=st.data(), amount=amounts)
    def purchase(self, data: st.DataObject, amount: Decimal) -> None:
        self.later(data)
        member_id = self.pick_member(data)
        model = self.members[member_id]
        same_program = [k for k in self.orders if k[0] == model.program_id]
        kind = data.draw(st.sampled_from(["new", "new", "new", "replay", "conflict"] if same_program else ["new"]),
                         label="kind")
        if kind == "new":
            ref = self.fresh_ref()
            expected = None if model.status == "active" else NotEligible
        else:
            key = data.draw(st.sampled_from(sorted(same_program)), label="order")
            order = self.orders[key]
            ref = key[1]
            if kind == "replay":
                member_id, amount, expected = order.member_id, order.amount, None
            else:
                other_members = [m for m, mm in self.members.items()
                                 if mm.program_id == model.program_id and m != order.member_id]
                if other_members and data.draw(st.booleans(), label="other member"):
                    member_id = data.draw(st.sampled_from(sorted(other_members)), label="conflicting member")
                    amount = order.amount
                else:
                    member_id = order.member_id
                    amount = order.amount + Decimal("0.01")
                expected = DuplicateReference
        program_id = self.members[member_id].program_id
        if kind == "new" and expected is None:
            points = self.expected_purchase_points(program_id, member_id, amount)
            assert self.svc.quote_purchase(SHOP, program_id, member_id, amount) == points
            balance, _ = self.settled(member_id)
        tx = self.call(lambda: self.svc.record_purchase(SHOP, program_id, member_id, amount, ref), expected,
                       f"purchase ({kind})")
        if tx is None:
            return
        if kind == "replay":
            assert tx.id == self.orders[(program_id, ref)].tx_id, "a replayed order must return the original row"
            return
        assert (tx.reference_type, tx.reference_id, tx.amount, tx.member_id) == ("order", ref, amount, member_id)
        if program_id == self.seed.pending and points > 0:
            assert (tx.status, tx.points_amount, tx.pending_points) == ("pending", 0, points)
            assert tx.pending_until == self.clock.now + dt.timedelta(days=3)
            assert tx.points_balance_after == balance
        else:
            assert (tx.status, tx.points_amount, tx.points_balance_after) == ("completed", points, balance + points)
            if program_id != self.seed.tiered and points > 0:
                assert tx.expiration_date == self.clock.now + dt.timedelta(days=30)
        if program_id == self.seed.tiered and points:
            event(f"tiered purchase in {self.member_tier(member_id)}")
        self.orders[(program_id, ref)] = OrderModel(program_id, member_id, amount, tx.id)

    @precondition(lambda self: self.members)
    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        self.later(data)
        if not self.orders or data.draw(st.integers(0, 9), label="unknown order?") == 0:
            program_id = data.draw(st.sampled_from(self.seed.programs), label="program")
            self.call(lambda: self.svc.reverse_purchase(SHOP, program_id, "NO-SUCH-ORDER"), NotFound, "return")
            return
        key = data.draw(st.sampled_from(sorted(self.orders)), label="order")
        order = self.orders[key]
        left = order.amount - order.returned
        how = data.draw(st.sampled_from(["whole", "part", "part", "too much"]), label="how")
        if how == "whole":
            amount, returned = None, left
        elif how == "part":
            cents = data.draw(st.integers(1, max(1, int(left * 100))), label="cents")
            amount = returned = Decimal(cents).scaleb(-2)
        else:
            amount = returned = left + Decimal("0.01")
        expected = ValidationError if left <= 0 or returned > left else None
        T = models.PointsTransaction
        with self.engine.connect() as conn:
            row = conn.execute(select(T.status, T.points_amount, T.pending_points, T.pending_until)
                               .where(T.id == order.tx_id)).one()
        still_held = row.status == "pending" and row.pending_until >= self.today_cutoff()
        earned = row.pending_points if row.pending_points is not None else row.points_amount
        owed = (floor_points(Decimal(earned) * (order.returned + returned) / order.amount)
                - floor_points(Decimal(earned) * order.returned / order.amount))
        balance, lifetime = self.settled(order.member_id)
        discount = self.discounts.get(key) if key[0] == self.seed.expiring else None
        restore = 0
        if expected is None and discount is not None and discount.member_id == order.member_id:
            restore = floor_points(Decimal(discount.points) * (order.returned + returned) / order.amount) \
                - discount.restored
            event(f"return gives back discount points: {'some' if restore else 'none'}")
        balance += restore
        if expected is None and not still_held and lifetime < owed:
            # Points a correction already took away: lifetime points stop at zero (see the regression
            # test at the end of this file).
            event("return: lifetime points stop at zero")
        tx = self.call(lambda: self.svc.reverse_purchase(SHOP, order.program_id, key[1], amount), expected,
                       "return")
        if tx is None:
            return
        assert (tx.transaction_type, tx.amount, tx.related_transaction_id) == ("purchase_return", returned,
                                                                               order.tx_id)
        if still_held:
            assert (tx.points_amount, tx.shortfall_points) == (0, 0)
        else:
            taken = min(owed, balance)
            assert (tx.points_amount, tx.shortfall_points, tx.points_balance_after) == (-taken, owed - taken,
                                                                                       balance - taken)
            member = self.svc.get_loyalty_member(SHOP, order.member_id)
            assert member.lifetime_points == max(0, lifetime - owed), "a return takes back the lifetime points owed"
        order.returned += returned
        if restore:
            assert discount is not None
            discount.restored += restore
        assert self.svc.get_loyalty_member(SHOP, order.member_id).current_points == \
            balance - (0 if still_held else min(owed, balance))

    @precondition(lambda self: self.members)
    @rule(data=st.data(), reason=reasons)
    def adjust(self, data: st.DataObject, reason: str) -> None:
        self.later(data)
        member_id = self.pick_member(data)
        program_id = self.members[member_id].program_id
        balance, _ = self.settled(member_id)
        kind = data.draw(st.sampled_from(["credit", "debit", "debit", "overdraw", "no reason", "zero"]), label="kind")
        expected: type[LoyaltyError] | None = None
        if kind == "credit":
            points = data.draw(st.integers(1, 500), label="points")
        elif kind == "debit":
            points = -data.draw(st.integers(1, max(1, balance)), label="points")
            expected = InsufficientPoints if -points > balance else None
        elif kind == "overdraw":
            points = -(balance + data.draw(st.integers(1, 200), label="over"))
            expected = InsufficientPoints
        elif kind == "no reason":
            points, reason, expected = 10, "  ", ValidationError
        else:
            points, expected = 0, ValidationError
        tx = self.call(lambda: self.svc.add_points_transaction(SHOP, program_id, member_id, {
            "transaction_type": "manual_adjustment", "points_amount": points, "description": reason}),
            expected, f"adjust ({kind})")
        if tx is not None:
            assert (tx.points_amount, tx.points_balance_after, tx.description) == (points, balance + points, reason)

    @precondition(lambda self: self.members)
    @rule(data=st.data())
    def redeem(self, data: st.DataObject) -> None:
        self.later(data)
        member_id = self.pick_member(data)
        model = self.members[member_id]
        own = [r for r in self.seed.rewards if r.program_id == model.program_id]
        others = [r for r in self.seed.rewards if r.program_id != model.program_id]
        balance, _ = self.settled(member_id)
        affordable = [r for r in own if r.cost <= balance and self.stock_left(r) != 0]
        choice = data.draw(st.integers(0, 9), label="which reward")
        if choice == 0:
            reward = data.draw(st.sampled_from(others), label="another program's reward")
        elif choice <= 5 and affordable:
            reward = data.draw(st.sampled_from(affordable), label="affordable reward")
        else:
            reward = data.draw(st.sampled_from(own), label="reward")
        stock = self.stock_left(reward)
        minimum = 100 if model.program_id == self.seed.expiring else 0
        expected: type[LoyaltyError] | None
        if model.status != "active" or reward.program_id != model.program_id:
            expected = NotEligible
        elif stock == 0:
            expected = OutOfStock
        elif reward.gold_only and TIER_LEVEL[self.member_tier(member_id)] < TIER_LEVEL["Gold"]:
            expected = NotEligible
        elif balance < reward.cost:
            expected = InsufficientPoints
        elif balance < minimum:
            expected = NotEligible
        else:
            expected = None
        points = data.draw(st.sampled_from([None, reward.cost]), label="points_redeemed")
        red = self.call(lambda: self.svc.create_redemption(SHOP, model.program_id, member_id, reward.id, points),
                        expected, "redeem")
        if red is None:
            return
        assert (red.points_redeemed, red.fulfillment_status, red.member_id) == (reward.cost, "pending", member_id)
        assert self.svc.get_loyalty_member(SHOP, member_id).current_points == balance - reward.cost
        self.redemptions[red.id] = RedemptionModel(member_id, reward)

    @precondition(lambda self: self.members)
    @rule(data=st.data())
    def discount(self, data: st.DataObject) -> None:
        """Points as money off an order: a new one, one on an order already rung up, a replay, or the
        same order with other points; refused off the step, under the minimum, over the balance, in a
        program without a redemption value, or for a member who may not redeem."""
        self.later(data)
        member_id = self.pick_member(data)
        model = self.members[member_id]
        program_id = model.program_id
        balance, _ = self.settled(member_id)
        taken = [k for k in self.discounts if k[0] == program_id]
        orders = [k for k, o in self.orders.items() if o.member_id == member_id and k not in self.discounts]
        kind = data.draw(st.sampled_from(["new", "order", "order", "order", "replay", "conflict"]),
                         label="discount kind")
        if kind in ("replay", "conflict") and not taken or kind == "order" and not orders:
            kind = "new"
        if kind == "new":
            ref = self.fresh_ref()
        else:
            ref = data.draw(st.sampled_from(sorted(taken if kind in ("replay", "conflict") else orders)),
                            label="order")[1]
        earlier = self.discounts.get((program_id, ref))
        if kind == "replay" and earlier is not None:
            member_id, points = earlier.member_id, earlier.points
        else:
            most = max(10, balance - balance % 10)
            points = data.draw(st.sampled_from([10, 100, 105, 250, most, most, most // 2 - most // 2 % 10 or 10,
                                                balance + 10]), label="points")
        minimum, step = (100, 10) if program_id == self.seed.expiring else (0, 1)
        expected: type[LoyaltyError] | None
        if earlier is not None:
            same = earlier.member_id == member_id and earlier.points == points
            expected = None if same else DuplicateReference
        elif program_id in (self.seed.tiered, self.seed.stamps) or self.members[member_id].status != "active":
            expected = NotEligible          # no redemption value: stamps go on rewards only
        elif points < minimum or points % step:
            expected = ValidationError
        elif points > balance:
            expected = InsufficientPoints
        else:
            expected = None
        result = self.call(lambda: self.svc.redeem_points_for_discount(SHOP, program_id, member_id, points, ref),
                           expected, f"discount ({kind})")
        if result is None:
            return
        per_unit = 100 if program_id == self.seed.expiring else 50
        assert result.discount == Decimal(points) / per_unit and result.points == points
        if earlier is not None:
            assert result.replayed, "the same order's discount again is a replay"
            return
        assert not result.replayed
        assert self.svc.get_loyalty_member(SHOP, member_id).current_points == balance - points
        self.discounts[(program_id, ref)] = DiscountModel(member_id, points)

    @precondition(lambda self: any(TRANSITIONS[r.status] for r in self.redemptions.values()))
    @rule(data=st.data(), tracking=st.sampled_from([None, "TRK-1", "TRK-1", "TRK-1"]))
    def move_redemption(self, data: st.DataObject, tracking: str | None) -> None:
        """A move the workflow allows (shipping without a tracking number is still refused)."""
        self.later(data)
        open_ones = sorted(rid for rid, r in self.redemptions.items() if TRANSITIONS[r.status])
        redemption_id = data.draw(st.sampled_from(open_ones), label="redemption")
        target = data.draw(st.sampled_from(sorted(TRANSITIONS[self.redemptions[redemption_id].status])),
                           label="status")
        self._move(redemption_id, target, tracking)

    @precondition(lambda self: self.redemptions)
    @rule(data=st.data())
    def refuse_invalid_move(self, data: st.DataObject) -> None:
        """Any move the workflow does not allow, final states included: InvalidTransition, nothing written."""
        redemption_id = data.draw(st.sampled_from(sorted(self.redemptions)), label="redemption")
        current = self.redemptions[redemption_id].status
        target = data.draw(st.sampled_from([s for s in STATUSES if s not in TRANSITIONS[current]]), label="status")
        self._move(redemption_id, target, "TRK-1")

    def _move(self, redemption_id: int, target_status: str, tracking: str | None) -> None:
        model = self.redemptions[redemption_id]
        if target_status not in TRANSITIONS[model.status]:
            expected: type[LoyaltyError] | None = InvalidTransition
        elif target_status == "shipped" and tracking is None:
            expected = ValidationError
        else:
            expected = None
        balance, _ = self.settled(model.member_id)
        current = self.svc.get_loyalty_member(SHOP, model.member_id).current_points
        red = self.call(lambda: self.svc.update_redemption_status(SHOP, redemption_id, target_status,
                                                                  tracking_number=tracking),
                        expected, f"{model.status} -> {target_status}")
        if red is None:
            return
        assert red.fulfillment_status == target_status
        after = self.svc.get_loyalty_member(SHOP, model.member_id).current_points
        if target_status == "cancelled":
            assert red.refund_transaction_id is not None
            assert after == balance + model.reward.cost, "cancelling refunds the points"
        else:
            assert after == current, "only cancelling moves points"
        model.status = target_status

    @precondition(lambda self: self.members)
    @rule(data=st.data(), status=st.sampled_from(["active", "active", "suspended", "inactive", "frozen"]))
    def set_membership(self, data: st.DataObject, status: str) -> None:
        member_id = self.pick_member(data)
        expected = ValidationError if status == "frozen" else None
        member = self.call(lambda: self.svc.update_loyalty_member(SHOP, member_id, {"membership_status": status}),
                           expected, f"membership -> {status}")
        if member is not None:
            assert member.membership_status == status
            self.members[member_id].status = status

    @rule(days=st.integers(0, 40), hours=st.integers(0, 23), jobs=st.sampled_from(["run", "run twice", "none"]))
    def time_passes(self, days: int, hours: int, jobs: str) -> None:
        """The clock moves, and the daily jobs run (twice: the second run must do nothing), or do not:
        then due holds and lots are settled when the member is next touched."""
        self.clock.advance(days=days, hours=hours)
        if jobs == "none":
            event("time passes without the jobs")
            return
        summary = self.call(lambda: self.svc.run_daily_jobs(SHOP), None, "daily jobs")
        assert summary is not None
        for name, value in summary.as_dict().items():
            if name != "day" and value:
                event(f"daily jobs: {name}")
        # Every member is settled for today: nothing is left due.
        T, L = models.PointsTransaction, models.PointLot
        cutoff = self.today_cutoff()
        with self.engine.connect() as conn:
            due_holds = conn.execute(select(func.count()).where(T.status == "pending",
                                                                T.pending_until < cutoff)).scalar_one()
            due_lots = conn.execute(select(func.count()).where(L.points_remaining > 0,
                                                               L.expires_at < cutoff)).scalar_one()
        assert (due_holds, due_lots) == (0, 0), "the daily job left pending points or expired lots behind"
        if jobs == "run twice":
            summary = self.call(lambda: self.svc.run_daily_jobs(SHOP), None, "daily jobs again")
            assert summary is not None
            assert (summary.pending_completed, summary.lots_expired, summary.points_expired,
                    summary.birthday_bonuses, summary.promotions, summary.demotions) == (0, 0, 0, 0, 0, 0), \
                f"the daily jobs are not idempotent for a day: {summary}"

    # --- invariants --------------------------------------------------------

    @invariant()
    def ledger_is_healthy(self) -> None:
        problems = self.svc.check_ledger()
        assert problems == [], [str(p) for p in problems]

    @invariant()
    def no_balance_below_zero(self) -> None:
        M = models.Member
        with self.engine.connect() as conn:
            rows = conn.execute(select(M.id, M.current_points, M.lifetime_points)).all()
        assert {r.id for r in rows} == set(self.members)
        for member_id, current, lifetime in rows:
            assert current >= 0 and lifetime >= 0, (member_id, current, lifetime)

    @invariant()
    def each_order_is_in_the_ledger_once(self) -> None:
        T = models.PointsTransaction
        with self.engine.connect() as conn:
            rows = conn.execute(select(T.program_id, T.reference_id, T.member_id, T.amount, func.count())
                                .where(T.reference_type == "order")
                                .group_by(T.program_id, T.reference_id, T.member_id, T.amount)).all()
        found = {(pid, ref): (mid, amount, n) for pid, ref, mid, amount, n in rows}
        wanted = {key: (o.member_id, o.amount, 1) for key, o in self.orders.items()}
        assert found == wanted

    @invariant()
    def ledger_is_append_only(self) -> None:
        T = models.PointsTransaction
        columns = [getattr(T, name) for name in ("id", "status", *FROZEN_COLUMNS)]
        with self.engine.connect() as conn:
            rows = {r.id: r._asdict() for r in conn.execute(select(*columns))}
        for tx_id, old in self.ledger.items():
            assert tx_id in rows, f"ledger row #{tx_id} was deleted"
            new = rows[tx_id]
            changed = {k for k in FROZEN_COLUMNS if old[k] != new[k]}
            assert not changed, f"ledger row #{tx_id} was edited: {changed}"
            if old["status"] != new["status"]:
                assert (old["status"], new["status"]) in {("pending", "completed"), ("pending", "failed")}, \
                    f"ledger row #{tx_id} moved from {old['status']} to {new['status']}"
        self.ledger = rows

    @invariant()
    def spending_takes_the_oldest_lots_first(self) -> None:
        """Rule 4: a redemption or a manual debit takes from the member's oldest open lots; every lot older
        than the newest one it touched was already empty, or is emptied by it."""
        T, L, C = models.PointsTransaction, models.PointLot, models.LotConsumption
        with self.engine.connect() as conn:
            links = conn.execute(select(C.debit_transaction_id, C.lot_id, C.points)).all()
            lots = {lot_id: (member_id, original) for lot_id, member_id, original in
                    conn.execute(select(L.lot_id, L.member_id, L.points_original))}
            spends = dict(conn.execute(select(T.id, T.member_id).where(
                T.transaction_type.in_(["redemption", "manual_adjustment"]), T.points_amount < 0)).all())
        used: dict[tuple[int, int], int] = {}   # (lot, debit) -> points
        for debit_id, lot_id, points in links:
            used[(lot_id, debit_id)] = used.get((lot_id, debit_id), 0) + points
        for debit_id, member_id in spends.items():
            touched = {lot for (lot, debit) in used if debit == debit_id}
            if not touched:
                continue
            newest = max(touched)
            for lot_id, (owner, original) in lots.items():
                if owner != member_id or lot_id >= newest:
                    continue
                spent_by_then = sum(p for (lot, debit), p in used.items() if lot == lot_id and debit <= debit_id)
                assert spent_by_then == original, (
                    f"debit #{debit_id} took lot #{newest} while older lot #{lot_id} still had "
                    f"{original - spent_by_then} points")

    @invariant()
    def redemptions_and_stock_match_the_model(self) -> None:
        R = models.Redemption
        with self.engine.connect() as conn:
            statuses = dict(conn.execute(select(R.id, R.fulfillment_status)).all())
            stock = dict(conn.execute(select(models.Reward.id, models.Reward.quantity_remaining)).all())
        assert statuses == {rid: r.status for rid, r in self.redemptions.items()}
        assert stock == {r.id: self.stock_left(r) for r in self.seed.rewards}


TestLedgerStateMachine = LedgerMachine.TestCase
TestLedgerStateMachine.settings = settings.get_profile(PROFILE)


# --- bugs the machine found, as minimal reproductions --------------------------


def test_return_after_a_negative_adjustment_stops_lifetime_points_at_zero(svc) -> None:
    """Found by the machine: a return whose points a manual debit had already taken away drove
    lifetime_points below zero, and the CHECK constraint refused the return with a generic
    "conflicts with existing data" (fixed in 919764f: lifetime points stop at zero). Rule 6: the
    balance stops at zero and the shortfall is recorded."""
    program = make_program(svc)
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, Decimal("100.00"), "O-1")   # +100, lifetime 100
    svc.add_points_transaction(SHOP, program.id, member.id,
                               {"points_amount": -100, "description": "wrong card"})  # 0, lifetime 0
    tx = svc.reverse_purchase(SHOP, program.id, "O-1")
    assert (tx.points_amount, tx.shortfall_points, tx.points_balance_after) == (0, 100, 0)
    assert svc.get_loyalty_member(SHOP, member.id).lifetime_points == 0
    assert svc.check_ledger() == []
