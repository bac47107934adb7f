"""The snapshot replay's state, and its checkpoint form (README, "Analytics").

The replay (services/snapshots.py) advances one program's state event by event: running totals
and counters for the program, and each member's lifetime points, redemptions held, last active
day and tier in flat arrays. At the end of a written day the state is saved as one compressed
blob (a JSON header with the counters, then the arrays' bytes), so the next day's run resumes
from it instead of reading the whole history again.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..domain.ledger_rules import (
    NO_TIER,
    REDEEMING_TYPES,
    RowEffect,
    lifetime_after,
    qualifying_delta,
    row_effect,
    unmakes_redemption,
)
from ..models import Program
from ..models.enums import TransactionStatus, TransactionType

ACTIVE_WINDOW_DAYS = 90
CENTS = Decimal("0.01")
# The checkpoint's layout: a blob of another format (or from a machine of the other byte order)
# is not read, and the replay starts from the beginning.
FORMAT = 1


class Members:
    """Each member's state (lifetime points, redemptions held, last active day, tier) in flat arrays
    indexed by member id, from the program's lowest id on: a few bytes a member, where an object
    per member costs a couple of hundred. A member first seen is all zeros (no tier)."""

    def __init__(self, low: int, high: int) -> None:
        size = max(0, high - low + 1)
        self.low, self.size = low, size
        self.extra: dict[int, int] = {}    # ids outside the range, each with a slot at the end
        self.seen = bytearray(size)
        self.lifetime = array("q", bytes(8 * size))
        self.redemptions = array("i", bytes(4 * size))
        self.last_active = array("i", bytes(4 * size))   # a date's ordinal; 0: never
        self.tier = array("i", bytes(4 * size))          # index into tier names; 0: none
        self.count = 0

    def slot(self, member_id: int) -> int:
        i = member_id - self.low
        if 0 <= i < self.size:
            return i
        if member_id not in self.extra:
            self.extra[member_id] = len(self.seen)
            self.seen.append(0)
            for column in (self.lifetime, self.redemptions, self.last_active, self.tier):
                column.append(0)
        return self.extra[member_id]

    def get(self, member_id: int) -> int:
        """The member's slot; counted as a member from the first time seen."""
        i = self.slot(member_id)
        if not self.seen[i]:
            self.seen[i] = 1
            self.count += 1
        return i

    def reset(self, i: int) -> None:
        self.lifetime[i] = self.redemptions[i] = self.last_active[i] = self.tier[i] = 0

    def columns(self) -> tuple[bytearray, array[int], array[int], array[int], array[int]]:
        return self.seen, self.lifetime, self.redemptions, self.last_active, self.tier

    def grown(self, low: int, high: int) -> Members:
        """The same members in arrays that cover ids `low`..`high` as well (members enrolled since
        a checkpoint get their place in the range instead of a slot at the end, one by one)."""
        if self.size and low >= self.low and high < self.low + self.size:
            return self
        low = min(low, self.low) if self.size else low
        high = max(high, self.low + self.size - 1)
        grown = Members(low, high)
        if self.size:   # the range, as a block
            offset = self.low - low
            for old, new in zip(self.columns(), grown.columns(), strict=True):
                new[offset:offset + self.size] = old[:self.size]
        for member_id, i in self.extra.items():
            j = grown.slot(member_id)
            for old, new in zip(self.columns(), grown.columns(), strict=True):
                new[j] = old[i]
        grown.count = self.count
        return grown


@dataclass(slots=True)
class Sums:
    """The running sum of row effects (RowEffect's fields): added to in place, because a
    program's replay adds one per ledger row and a new frozen sum per row costs the demo's build."""

    outstanding: int = 0
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    spending: Decimal = Decimal(0)

    def add(self, effect: RowEffect) -> None:
        self.outstanding += effect.outstanding
        self.issued += effect.issued
        self.redeemed += effect.redeemed
        self.expired += effect.expired
        if effect.spending:
            self.spending += effect.spending

    def take(self, effect: RowEffect) -> None:
        """Take back an effect added before (a row whose status changed since)."""
        self.outstanding -= effect.outstanding
        self.issued -= effect.issued
        self.redeemed -= effect.redeemed
        self.expired -= effect.expired
        self.spending -= effect.spending


@dataclass
class ProgramState:
    """Running totals for one program, advanced event by event."""

    threshold: int
    members: Members
    totals: Sums = field(default_factory=Sums)     # the sum of every row's effect so far
    redemptions_today: int = 0
    redeemed_today: int = 0
    eligible: int = 0
    redeemers: int = 0
    last_active_days: Counter[int] = field(default_factory=Counter)   # by the day's ordinal
    tiers: Counter[str] = field(default_factory=Counter)
    tier_names: list[str] = field(default_factory=lambda: [NO_TIER])
    tier_index: dict[str, int] = field(default_factory=lambda: {NO_TIER: 0})
    # Ledger rows replayed while pending: their status may change later (a hold released or
    # failed), and a run that resumes from this state takes that into account (`settle_late`).
    pending: array[int] = field(default_factory=lambda: array("q"))

    def enroll(self, member_id: int) -> None:
        self.members.reset(self.members.get(member_id))
        self.tiers[NO_TIER] += 1
        if self.threshold <= 0:
            self.eligible += 1

    def touch(self, i: int, day: dt.date) -> None:
        members = self.members
        if members.last_active[i]:
            self.last_active_days[members.last_active[i]] -= 1
        members.last_active[i] = day.toordinal()
        self.last_active_days[members.last_active[i]] += 1

    def ledger_row(self, member_id: int, kind: str, status: str, points: int, shortfall: int,
                   amount: Decimal | None, day: dt.date, qualifying: int | None = None,
                   reference_type: str | None = None) -> None:
        effect = row_effect(kind, status, points, amount, shortfall, qualifying)
        self.totals.add(effect)
        if status != TransactionStatus.COMPLETED:
            return
        members = self.members
        i = members.get(member_id)
        self.redeemed_today += effect.redeemed
        before = members.lifetime[i]
        members.lifetime[i] = after = lifetime_after(before, kind, points, shortfall, qualifying)
        if (before >= self.threshold) != (after >= self.threshold):
            self.eligible += 1 if after >= self.threshold else -1
        if kind == TransactionType.PURCHASE and amount is not None:
            self.touch(i, day)
        elif kind in REDEEMING_TYPES:
            if kind != TransactionType.REDEMPTION and not unmakes_redemption(kind, reference_type):
                return   # points a return gave back of a discount: the discount still stands
            if kind == TransactionType.REDEMPTION:
                self.redemptions_today += 1  # made that day; a later cancellation does not unmake the visit
            had = members.redemptions[i] > 0
            members.redemptions[i] += 1 if kind == TransactionType.REDEMPTION else -1
            if had != (members.redemptions[i] > 0):
                self.redeemers += 1 if members.redemptions[i] > 0 else -1
            if kind == TransactionType.REDEMPTION:
                self.touch(i, day)

    def settle_late(self, member_id: int, kind: str, status: str, points: int, shortfall: int,
                    amount: Decimal | None, day: dt.date, qualifying: int | None = None) -> bool:
        """A row replayed as pending on `day` has `status` now: the state becomes what replaying it
        with that status would have left. Exact for a purchase's hold (no points of its own: it
        changes the totals and the member's last active day, which only ever moves forward);
        False for a row whose effect on a member depends on the order (the replay starts over)."""
        if status == TransactionStatus.COMPLETED and (
                kind in REDEEMING_TYPES or qualifying_delta(kind, points, shortfall, qualifying)):
            return False
        self.totals.take(row_effect(kind, TransactionStatus.PENDING, points, amount, shortfall, qualifying))
        self.totals.add(row_effect(kind, status, points, amount, shortfall, qualifying))
        if status == TransactionStatus.COMPLETED:
            i = self.members.get(member_id)
            later = self.members.last_active[i] < day.toordinal()
            if kind == TransactionType.PURCHASE and amount is not None and later:
                self.touch(i, day)
        return True

    def tier_change(self, member_id: int, new_tier: str) -> None:
        i = self.members.get(member_id)
        self.tiers[self.tier_names[self.members.tier[i]]] -= 1
        self.tiers[new_tier] += 1
        if new_tier not in self.tier_index:
            self.tier_index[new_tier] = len(self.tier_names)
            self.tier_names.append(new_tier)
        self.members.tier[i] = self.tier_index[new_tier]

    def snapshot(self, program: Program, day: dt.date, new_members: int) -> dict[str, Any]:
        """The day's row, as the columns of a ProgramAnalytics."""
        total, totals = self.members.count, self.totals
        window_start = (day - dt.timedelta(days=ACTIVE_WINDOW_DAYS - 1)).toordinal()
        active = sum(n for d, n in self.last_active_days.items() if d >= window_start)
        churned = self.last_active_days.get(window_start - 1, 0)
        return dict(
            program_id=program.id,
            user_id=program.user_id,
            analytics_date=day,
            total_members=total,
            active_members=active,
            total_points_issued=totals.issued,
            total_points_redeemed=totals.redeemed,
            total_points_outstanding=totals.outstanding,
            average_member_points=_ratio(totals.outstanding, total),
            redemption_rate=_ratio(self.redeemers * 100, self.eligible),
            tier_distribution={name: n for name, n in sorted(self.tiers.items()) if n > 0},
            new_members=new_members,
            churned_members=churned,
            total_spending=totals.spending.quantize(CENTS),
            average_spending_per_member=_ratio(totals.spending, total),
            eligible_members=self.eligible,
            redeeming_members=self.redeemers,
            redemptions=self.redemptions_today,
            points_redeemed_today=self.redeemed_today,
            total_points_expired=totals.expired,
        )

    def dump(self, fingerprint: dict[str, Any]) -> bytes:
        """The state between two days, as a checkpoint's blob. `fingerprint`: what the replay
        read besides the history (rules, tier names, time zone); a blob is only resumed from
        under the same."""
        members, totals = self.members, self.totals
        header = json.dumps({
            "format": FORMAT, "byteorder": sys.byteorder, "fingerprint": fingerprint,
            "low": members.low, "size": members.size, "slots": len(members.seen), "count": members.count,
            "extra": sorted(members.extra.items()),
            "totals": [totals.outstanding, totals.issued, totals.redeemed, totals.expired, str(totals.spending)],
            "eligible": self.eligible, "redeemers": self.redeemers,
            "last_active_days": sorted((d, n) for d, n in self.last_active_days.items() if n),
            "tiers": sorted((name, n) for name, n in self.tiers.items() if n),
            "tier_names": self.tier_names, "pending": len(self.pending),
        }, separators=(",", ":")).encode()
        # Compressed part by part from the arrays' own memory: no copy of the whole state is made.
        packer = zlib.compressobj(1)
        parts: list[Any] = [len(header).to_bytes(4, "big"), header, *members.columns(), self.pending]
        return b"".join([*(packer.compress(memoryview(part)) for part in parts), packer.flush()])

    @classmethod
    def load(cls, blob: bytes, fingerprint: dict[str, Any]) -> ProgramState | None:
        """The state a checkpoint's blob holds; None if it cannot be read or was made under other
        rules (the replay then starts from the beginning)."""
        try:
            data = zlib.decompress(blob)
            length = int.from_bytes(data[:4], "big")
            head = json.loads(data[4:4 + length])
        except (zlib.error, ValueError):
            return None
        if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("byteorder") != sys.byteorder \
                or head.get("fingerprint") != fingerprint:
            return None
        members = Members(0, -1)
        members.low, members.size, members.count = head["low"], head["size"], head["count"]
        members.extra = {member_id: i for member_id, i in head["extra"]}
        slots, offset, view = head["slots"], 4 + length, memoryview(data)
        columns: list[Any] = [bytearray(), array("q"), array("i"), array("i"), array("i")]
        for column in columns:
            width = column.itemsize if isinstance(column, array) else 1
            chunk = view[offset:offset + width * slots]
            column.frombytes(chunk) if isinstance(column, array) else column.extend(chunk)
            offset += width * slots
        pending = array("q")
        pending.frombytes(view[offset:offset + 8 * head["pending"]])
        if len(pending) != head["pending"] or any(len(column) != slots for column in columns):
            return None
        members.seen, members.lifetime, members.redemptions, members.last_active, members.tier = columns
        outstanding, issued, redeemed, expired, spending = head["totals"]
        names = list(head["tier_names"])
        return cls(threshold=fingerprint["threshold"], members=members,
                   totals=Sums(outstanding, issued, redeemed, expired, Decimal(spending)),
                   eligible=head["eligible"], redeemers=head["redeemers"],
                   last_active_days=Counter({d: n for d, n in head["last_active_days"]}),
                   tiers=Counter({name: n for name, n in head["tiers"]}),
                   tier_names=names, tier_index={name: i for i, name in enumerate(names)}, pending=pending)


def _ratio(numerator: Decimal | int, denominator: int) -> Decimal:
    if denominator == 0:
        return Decimal("0.00")
    return (Decimal(numerator) / denominator).quantize(CENTS, rounding=ROUND_HALF_UP)
