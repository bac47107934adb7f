"""Redeeming rewards and moving redemptions through fulfillment, in a member's replay."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import ledger_messages as msg
from ..domain.ledger_rules import refund_expiry
from ..models.enums import FulfillmentStatus
from ..services.redemptions import FINAL, TRANSITIONS
from .book import ACTIVE, PROGRAM_ACTIVE, USER_ID, A, F, MemberBook, T
from .world import FOREVER

CANCEL_NOTES = ("Customer changed their mind", "Wrong size ordered", "Customer asked for another reward")


@dataclass(eq=False)
class Claim:
    """A redemption on its way through fulfillment."""

    row: dict[str, Any]
    reward: Any
    refund_expiry: dt.datetime | None


class Redeeming(MemberBook):
    """redemptions.create_redemption and update_status, for one member."""

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
                          description=msg.redemption_description(reward.reward_name), reference=("redemption", code),
                          taken=taken)
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
        self.log(now, A.POINTS_REDEEMED, msg.redemption_activity(reward.reward_name, reward.points_cost),
                 points=-reward.points_cost, reward_id=reward.id, redemption_id=row["id"], code=code)
        claim = Claim(row, reward, refund_expiry([lot["expires_at"] for lot in taken]))
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
                               description=msg.refund_description(reward.reward_name),
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
        self.log(now, A.REDEMPTION_UPDATED, msg.redemption_moved_activity(reward.reward_name, current, target),
                 points=row["points_redeemed"] if cancelled else 0, redemption_id=row["id"], previous=current,
                 new=target, tracking_number=tracking)
