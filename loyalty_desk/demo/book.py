"""One member's books during the replay: balance, lots, holds, tier and the rows they write.

`post` and `consume` keep the books with domain/member_book.py, as services/ledger.py does;
`settle` (which holds and lots are due) mirrors services/settlement.py in memory. The
differential test (tests/test_demo_differential.py) holds them to the service, row for row.
"""
from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from ..domain import ledger_messages as msg
from ..domain.ledger_rules import expiry_for, held_points_left
from ..domain.member_book import consumption, posting
from ..domain.permissions import ActorKind
from ..domain.tier_rules import tier_for_points
from ..models.enums import (
    ActivityType,
    FulfillmentStatus,
    MembershipStatus,
    ProgramStatus,
    PromotionReason,
    TransactionStatus,
    TransactionType,
)
from ..services.contacts import name_keys
from ..services.members import birthday_key
from .catalog import USER_ID
from .people import Person
from .world import ONE_DAY, World


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
SPEND = PromotionReason.AUTOMATIC_SPEND.value


@dataclass(eq=False)
class Order:
    """A purchase the member may still bring back."""

    row: dict[str, Any]
    returned: Decimal = Decimal(0)
    returns: int = 0
    releases: list[int] = field(default_factory=list)   # rows that credited its held points


class MemberBook:
    """A member's state as the replay moves through their year, and the calendar of what comes next."""

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
        self._due_seen: dt.datetime | None = None   # the due moment whose day `_due_day` is
        self._due_day = person.joined.date()
        self.last_job_day = world.day_of(person.joined)
        self.orders: dict[str, Order] = {}
        self.redeemed: Counter[int] = Counter()     # standing redemptions per reward
        self.queue: list[tuple[dt.datetime, int, Callable[..., None], tuple[Any, ...]]] = []
        self.sequence = itertools.count()
        # Who the rows are written by (services/uow.Acting): nobody in a shop without staff, the
        # system while settling what the calendar made due (settlement.settle_member, the jobs).
        self.actor_kind: str | None = None

    @contextmanager
    def as_system(self) -> Iterator[None]:
        """uow.Ctx.acting_as(SYSTEM)"""
        before, self.actor_kind = self.actor_kind, ActorKind.SYSTEM.value
        try:
            yield
        finally:
            self.actor_kind = before

    def acted(self) -> dict[str, Any]:
        """uow.Ctx.acted"""
        return {"actor_kind": self.actor_kind, "actor_staff_id": None, "approver_staff_id": None,
                "actor_api_key_id": None, "register_name": None}

    def at(self, moment: dt.datetime, step: Callable[..., None], *args: Any) -> None:
        """Put a step in the calendar (a moment after the end of the history never comes)."""
        if moment <= self.w.now:
            heapq.heappush(self.queue, (moment, next(self.sequence), step, args))

    def run_jobs_through(self, day: dt.date) -> None:
        """Apply the nightly job runs up to `day` that had anything due for this member."""
        while self.due is not None:
            if self.due is not self._due_seen:   # the due moment's day, again only once it changes
                self._due_seen, self._due_day = self.due, self.w.day_of(self.due)
            job_day = max(self.last_job_day + ONE_DAY, self._due_day)
            if job_day > day:
                break
            self.settle(*self.w.job_run(job_day))
            self.last_job_day = job_day
        self.last_job_day = max(self.last_job_day, day)

    # --- the ledger (services/ledger.py) ---------------------------------------

    def post(self, now: dt.datetime, kind: str, points: int, *, source: str, description: str,
             reference: tuple[str, str] | None = None, amount: Decimal | None = None, related: int | None = None,
             expires_at: dt.datetime | None = None, status: str = COMPLETED, pending_points: int | None = None,
             pending_until: dt.datetime | None = None, shortfall: int = 0, spend_first: Sequence[int] = (),
             spend_only: int | None = None, taken: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """ledger.post: append a row with its running balance, open a lot or consume lots."""
        books = posting(self.points, self.lifetime, kind, points, status, shortfall=shortfall, expires_at=expires_at)
        if books.balance < 0:
            raise AssertionError(f"member #{self.p.id} would go below zero: the replay broke a rule")
        row = {
            "id": next(self.w.ids.transaction), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "transaction_type": kind, "points_amount": points,
            "points_balance_after": books.balance, "source": source,
            "reference_type": reference[0] if reference else None, "reference_id": reference[1] if reference else None,
            "description": description, "expiration_date": books.expiration_date,
            "status": status, "created_at": now, "amount": amount, "related_transaction_id": related,
            "pending_points": pending_points, "pending_until": pending_until, "shortfall_points": shortfall,
            "qualifying_points": None, **self.acted(),
        }
        self.rows.transactions.append(row)
        if books.completed:
            self.points, self.lifetime = books.balance, books.lifetime
        if books.opens_lot:
            lot = {"lot_id": row["id"], "member_id": self.p.id, "program_id": self.program.id, "user_id": USER_ID,
                   "points_original": points, "points_remaining": points, "expires_at": expires_at}
            self.rows.lots.append(lot)
            self.open_lots.append(lot)
            self.note_due(expires_at)
        elif books.debit:
            self.consume(row["id"], books.debit, spend_first, spend_only, taken)
        return row

    def consume(self, debit_id: int, points: int, spend_first: Sequence[int], spend_only: int | None,
                taken: list[dict[str, Any]] | None) -> None:
        """ledger._consume: the lots `consumption` picks, each link recorded."""
        lots = self.open_lots
        takes, left = consumption([(lot["lot_id"], lot["points_remaining"]) for lot in lots], points, spend_first,
                                  spend_only)
        if left:
            raise AssertionError(f"member #{self.p.id}: lots and balance disagree, the replay broke a rule")
        for i, take in takes:
            lot = lots[i]
            lot["points_remaining"] -= take
            self.rows.consumptions.append({"id": next(self.w.ids.consumption), "debit_transaction_id": debit_id,
                                           "lot_id": lot["lot_id"], "points": take})
            if taken is not None:
                taken.append(lot)
        self.open_lots = [lot for lot in lots if lot["points_remaining"]]

    def note_due(self, moment: dt.datetime | None) -> None:
        if moment is not None and (self.due is None or moment < self.due):
            self.due = moment

    def settle_now(self, now: dt.datetime) -> None:
        """settlement.settle_member as a counter operation calls it: for anything due by the end of today."""
        if self.due is not None:
            cutoff = self.w.job_run(self.w.day_of(now))[1]
            if self.due < cutoff:
                self.settle(now, cutoff)

    def settle(self, now: dt.datetime, cutoff: dt.datetime) -> None:
        """settlement.settle_member: complete holds whose window closed, then expire lots past their date."""
        with self.as_system():
            self._settle(now, cutoff)

    def _settle(self, now: dt.datetime, cutoff: dt.datetime) -> None:
        for hold in [h for h in self.holds if h["pending_until"] < cutoff]:
            self.release(now, hold)
        for lot in [lot for lot in self.open_lots if lot["expires_at"] is not None and lot["expires_at"] < cutoff]:
            self.expire(now, lot)
        moments = [lot["expires_at"] for lot in self.open_lots if lot["expires_at"] is not None]
        self.due = min(moments + [h["pending_until"] for h in self.holds], default=None)

    def release(self, now: dt.datetime, hold: dict[str, Any]) -> None:
        """settlement.release_hold"""
        ref = hold["reference_id"]
        order = self.orders[ref]
        held = hold["pending_points"] or 0
        points = held_points_left(held, hold["amount"], order.returned)
        hold["status"] = COMPLETED
        self.holds.remove(hold)
        if points > 0:
            row = self.post(now, T.PURCHASE, points, source="pending_release",
                            description=msg.hold_released_description(ref),
                            reference=("pending_release", str(hold["id"])), related=hold["id"],
                            expires_at=expiry_for(self.program, now))
            order.releases.append(row["id"])
            self.log(now, A.POINTS_EARNED, msg.points_for_order_activity(points, ref), points=points, order_ref=ref,
                     released_from=hold["id"])
            self.evaluate_tier(now)

    def expire(self, now: dt.datetime, lot: dict[str, Any]) -> None:
        """The expiry half of settlement.settle_member, for one lot."""
        points, lot_id = lot["points_remaining"], lot["lot_id"]
        self.post(now, T.EXPIRATION, -points, source="expiry",
                  description=msg.expiry_description(points, lot_id),
                  reference=("expiration", str(lot_id)), related=lot_id, spend_only=lot_id)
        self.log(now, A.POINTS_EXPIRED, msg.expiry_activity(points), points=-points, lot_id=lot_id,
                 expired_on=lot["expires_at"].isoformat())

    # --- tiers and the activity log -----------------------------------------

    def evaluate_tier(self, now: dt.datetime) -> None:
        """tiers.evaluate_tier for a program measured over a member's lifetime (either direction):
        by points, or by spend in a hybrid program."""
        if not self.program.tier_system_enabled or not self.setup.tiers:
            return
        target = tier_for_points(self.setup.tiers, self.spent if self.setup.on_spend else self.lifetime)
        if (target.id if target else None) != (self.tier.id if self.tier else None):
            self.apply_tier(now, target)

    def apply_tier(self, now: dt.datetime, target: Any) -> None:
        """tiers.apply_tier"""
        current = self.tier
        up = (target.tier_level if target else -1) > (current.tier_level if current else -1)
        reason = SPEND if self.setup.on_spend else AUTOMATIC
        self.rows.progressions.append({
            "id": next(self.w.ids.progression), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "previous_tier_id": current.id if current else None,
            "new_tier_id": target.id if target else None, "promotion_reason": reason, "promotion_date": now,
            **self.acted(),
        })
        self.tier = target
        old_name = msg.tier_name_in_text(current.tier_name if current else None)
        new_name = msg.tier_name_in_text(target.tier_name if target else None)
        self.log(now, A.TIER_PROMOTED if up else A.TIER_DEMOTED, msg.tier_moved_activity(old_name, new_name, up),
                 previous_tier=old_name, new_tier=new_name, reason=reason)

    def log(self, now: dt.datetime, kind: str, description: str, *, points: int = 0, **metadata: Any) -> None:
        """activity.log_activity"""
        self.rows.activities.append({
            "id": next(self.w.ids.activity), "program_id": self.program.id, "member_id": self.p.id,
            "user_id": USER_ID, "activity_type": kind, "activity_description": description,
            "points_involved": points, "activity_metadata": metadata, "activity_date": now, **self.acted(),
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
            "erased_at": None, "merged_into_id": None,
            "marketing_consent": False, "marketing_consent_at": None, "marketing_consent_source": None,
            "email_opt_out": False,
            # As the service keeps them for a member enrolled with it: every sale counted, and no
            # milestone reached (the demo's programs set none).
            "visit_count": len(self.orders), "lifetime_milestone": 0, "lapsed_at": None,
        }

