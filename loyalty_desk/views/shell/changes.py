"""What a write changed, and who wrote it: the payload of `ShopSession.changed`.

Every write announces one `Changes`; every screen (a `Tab`) decides from it whether it has
anything to reload, as Anki's `OpChanges` does. Qt-free, so it is easy to test and to build.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

# The kinds of data a write can change. A screen names the kinds it shows.
MEMBERS = "members"            # member records: enrolment, names, contact, status, card
LEDGER = "ledger"              # points: purchases, returns, adjustments, expiry, tier moves
PROGRAMS = "programs"          # programs and their tiers
REWARDS = "rewards"            # the reward catalog
REDEMPTIONS = "redemptions"    # redemptions and their fulfilment
SHOP = "shop"                  # the shop's own settings
STAFF = "staff"                # staff accounts: names, roles, PINs, who may sign in
KINDS = (MEMBERS, LEDGER, PROGRAMS, REWARDS, REDEMPTIONS, SHOP, STAFF)


@dataclass(frozen=True, slots=True)
class Changes:
    members: bool = False
    ledger: bool = False
    programs: bool = False
    rewards: bool = False
    redemptions: bool = False
    shop: bool = False
    staff: bool = False
    # The widget that wrote (so it can skip reloading what it already shows), or None.
    initiator: object | None = None

    @classmethod
    def everything(cls, initiator: object | None = None) -> Changes:
        """A refresh asked for by the user, or a batch (daily jobs) that may touch anything."""
        return cls(**dict.fromkeys(KINDS, True), initiator=initiator)

    def by(self, initiator: object | None) -> Changes:
        return replace(self, initiator=initiator)

    def kinds(self) -> frozenset[str]:
        return frozenset(f.name for f in fields(self) if f.name in KINDS and getattr(self, f.name))

    def touches(self, kinds: frozenset[str] | tuple[str, ...]) -> bool:
        return not self.kinds().isdisjoint(kinds)


# What each kind of write changes, named once so every writer says the same.
MEMBER_RECORD = Changes(members=True)
ENROLMENT = Changes(members=True, ledger=True)          # a welcome bonus may post points
POINTS = Changes(ledger=True)                           # balances, lots, tier moves
REDEMPTION = Changes(ledger=True, redemptions=True, rewards=True)  # points, a voucher, the stock
FULFILMENT = REDEMPTION                                 # a cancellation refunds points and stock
CATALOG = Changes(rewards=True)
PROGRAM = Changes(programs=True)

__all__ = ["CATALOG", "ENROLMENT", "FULFILMENT", "KINDS", "LEDGER", "MEMBERS", "MEMBER_RECORD", "POINTS", "PROGRAM",
           "PROGRAMS", "REDEMPTION", "REDEMPTIONS", "REWARDS", "SHOP", "Changes"]
