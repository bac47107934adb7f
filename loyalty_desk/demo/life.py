"""One member's year, replayed in time order: the counter's and the nightly job's events."""
from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from ..domain import ledger_messages as msg
from ..domain.ledger_rules import (
    birthday_points,
    expiry_for,
    points_earned,
    return_cut,
    spent_after_return,
    take_back,
)
from ..models.enums import MembershipStatus
from ..services.earning import purchase_points
from ..services.jobs import birthday_keys
from ..services.members import birthday_key
from .book import ACTIVE, FAILED, PENDING, PROGRAM_ACTIVE, A, Order, T
from .catalog import CURRENCY
from .people import Person
from .redeeming import Redeeming
from .world import ONE_DAY, World

FIRST_VISIT_BUYS = 0.7        # share of members who buy something as they join
RETURN_SHARE = 0.05           # of purchases
PARTIAL_RETURN_SHARE = 0.45   # of returns
SECOND_RETURN_SHARE = 0.3     # of partial returns, followed later by the rest
CHURN_SHARE = 0.03            # members who leave (inactive or suspended) during the year
ADJUSTED_SHARE = 0.02         # members whose balance the owner corrects once
NEVER_REDEEM_SHARE = 0.25     # members who collect points but never spend them
GOODWILL = ("Goodwill: order arrived late", "Goodwill: espresso machine was down",
            "Correction: points missed at the register")
CORRECTIONS = ("Correction: purchase scanned twice", "Correction: staff test transaction")

# A script's steps: (moment, step, *args) -> the MemberLife method that replays it.
SCRIPT_STEPS = {
    "purchase": "purchase",        # amount, order ref
    "return": "give_back",         # order ref, amount (None: whatever is left)
    "redeem": "redeem_scripted",   # reward name, fulfillment path [(moment, status, tracking, notes)]
    "adjust": "adjust_by",         # points, reason
    "status": "leave",             # new membership status
}


class MemberLife(Redeeming):
    """One member's year, replayed in time order.

    Each step mirrors the service operation named in its docstring, row for row.
    """

    def __init__(self, world: World, person: Person) -> None:
        super().__init__(world, person)
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
    # --- events of the year (one service operation each) -----------------------

    def enroll(self, now: dt.datetime) -> None:
        """members.enroll (the referrer's award is replayed in the referrer's year)."""
        self.log(now, A.MEMBER_ENROLLED, msg.joined_activity(self.program.program_name),
                 referred_by=self.p.referrer.id if self.p.referrer else None)
        self.evaluate_tier(now)
        welcome = int((self.program.program_rules or {}).get("welcome_bonus_points") or 0)
        if welcome:
            self.post(now, T.WELCOME_BONUS, welcome, source="enrollment", description=msg.welcome_description(),
                      reference=("welcome", str(self.p.id)), expires_at=expiry_for(self.program, now))
            self.log(now, A.POINTS_EARNED, msg.welcome_activity(welcome), points=welcome)
            self.evaluate_tier(now)

    def referral_award(self, now: dt.datetime, friend: Person) -> None:
        """members._award_referral, when `friend` joined with this member's code."""
        points = self.program.referral_points_awarded
        can_earn = self.status == ACTIVE
        if points and can_earn:
            self.post(now, T.REFERRAL, points, source="referral", description=msg.referral_text(friend.name),
                      reference=("referral", str(friend.id)), expires_at=expiry_for(self.program, now))
            self.evaluate_tier(now)
        self.log(now, A.REFERRAL_MADE, msg.referral_text(friend.name), points=points if can_earn else 0,
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
        pending_days = self.setup.pending_days
        self.spent += amount
        self.last_activity = now
        if pending_days and points > 0:
            until = now + dt.timedelta(days=pending_days)
            row = self.post(now, T.PURCHASE, 0, source="purchase",
                            description=msg.purchase_held_description(ref, points, pending_days),
                            reference=("order", ref), amount=amount, status=PENDING, pending_points=points,
                            pending_until=until)
            self.holds.append(row)
            self.note_due(until)
            self.log(now, A.PURCHASE_MADE, msg.purchase_activity(ref, CURRENCY, amount), order_ref=ref,
                     amount=str(amount), points_pending=points)
            self.log(now, A.POINTS_PENDING, msg.points_held_activity(points),
                     pending_points=points, order_ref=ref)
        else:
            row = self.post(now, T.PURCHASE, points, source="purchase", description=msg.purchase_description(ref),
                            reference=("order", ref), amount=amount, expires_at=expiry_for(self.program, now))
            self.log(now, A.PURCHASE_MADE, msg.purchase_activity(ref, CURRENCY, amount), order_ref=ref,
                     amount=str(amount))
            if points:
                self.log(now, A.POINTS_EARNED, msg.points_for_order_activity(points, ref), points=points, order_ref=ref,
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
        self.spent = spent_after_return(self.spent, returned)   # before the tier's evaluation, as _spend_less
        if purchase["status"] == PENDING:
            self.cancel_held_points(now, order, ref, returned, after, reference)
        else:
            self.take_back_points(now, order, ref, returned, after, reference)
        order.returned = after
        order.returns += 1

    def cancel_held_points(self, now: dt.datetime, order: Order, ref: str, returned: Decimal, after: Decimal,
                           reference: tuple[str, str]) -> None:
        """A return inside the window: nothing was credited, so the hold shrinks or fails."""
        purchase = order.row
        total, held = purchase["amount"], purchase["pending_points"] or 0
        cut = return_cut(held, total, order.returned, after)
        if after == total:
            purchase["status"] = FAILED
            self.holds.remove(purchase)
        self.post(now, T.PURCHASE_RETURN, 0, source="return",
                  description=msg.return_of_held_description(CURRENCY, returned, ref, cut),
                  reference=reference, amount=returned, related=purchase["id"])
        self.log(now, A.PURCHASE_RETURNED, msg.return_activity(CURRENCY, returned, ref, None), order_ref=ref,
                 amount=str(returned), pending_points_cancelled=cut)

    def take_back_points(self, now: dt.datetime, order: Order, ref: str, returned: Decimal, after: Decimal,
                         reference: tuple[str, str]) -> None:
        """A return after the points were credited: as many as are left, the rest recorded as shortfall."""
        purchase = order.row
        total = purchase["amount"]
        earned = points_earned(purchase["pending_points"], purchase["points_amount"])
        taken, shortfall = take_back(return_cut(earned, total, order.returned, after), self.points)
        self.post(now, T.PURCHASE_RETURN, -taken, source="return",
                  description=msg.return_description(CURRENCY, returned, ref, shortfall), reference=reference,
                  amount=returned, related=purchase["id"], shortfall=shortfall,
                  spend_first=[purchase["id"], *order.releases])
        self.log(now, A.PURCHASE_RETURNED, msg.return_activity(CURRENCY, returned, ref, taken),
                 points=-taken, order_ref=ref, amount=str(returned), shortfall_points=shortfall)
        self.evaluate_tier(now)


    def birthday_bonus(self, now: dt.datetime, day: dt.date) -> None:
        """jobs._birthdays, for one member on `day`: the daily job, so the system's doing."""
        with self.as_system():
            self._birthday_bonus(now, day)

    def _birthday_bonus(self, now: dt.datetime, day: dt.date) -> None:
        program = self.program
        if self.status != ACTIVE or program.status != PROGRAM_ACTIVE or program.birthday_bonus_points <= 0:
            return
        multiplier = Decimal(self.tier.birthday_bonus_multiplier) if self.tier else Decimal(1)
        points = birthday_points(program.birthday_bonus_points, multiplier)
        if points <= 0:
            return
        self.post(now, T.BIRTHDAY_BONUS, points, source="birthday", description=msg.birthday_description(day.year),
                  reference=("birthday", f"{self.p.id}:{day.year}"), expires_at=expiry_for(program, now))
        self.log(now, A.POINTS_EARNED, msg.birthday_activity(points), points=points, year=day.year,
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
        self.log(now, A.POINTS_ADJUSTED, msg.adjustment_activity(points, reason), points=points,
                 transaction_id=row["id"], reason=reason)
        self.evaluate_tier(now)

    def leave(self, now: dt.datetime, status: str) -> None:
        """members.update_member with a new membership status."""
        self.log(now, A.STATUS_CHANGED, msg.membership_changed_activity(self.status, status), previous=self.status,
                 new=status)
        self.status = status
