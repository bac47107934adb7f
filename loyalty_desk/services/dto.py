"""Plain, frozen results that stay readable after the session closes.

Each row type is a frozen dataclass with exactly the spec's column names (and
the columns the rules add), generated from the ORM mapping so the two cannot
drift apart. The GUI never touches an ORM object.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, fields, make_dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from .. import models


def _row_class(model: type[models.Base], name: str, extra: tuple[tuple[str, Any], ...] = ()) -> type:
    columns = [(attr.key, Any) for attr in sa_inspect(model).column_attrs]
    extras = [(key, Any, field(default=default)) for key, default in extra]
    cls = make_dataclass(name, [*columns, *extras], frozen=True, slots=True)
    cls.__module__ = __name__
    cls._column_names = tuple(key for key, _ in columns)  # type: ignore[attr-defined]
    return cls


Shop = _row_class(models.Shop, "Shop")
Program = _row_class(models.Program, "Program")
Tier = _row_class(models.Tier, "Tier")
Member = _row_class(models.Member, "Member", (("tier_name", None),))
PointsTransaction = _row_class(models.PointsTransaction, "PointsTransaction")
Reward = _row_class(models.Reward, "Reward")
Redemption = _row_class(models.Redemption, "Redemption", (("reward_name", None), ("member_name", None)))
TierProgression = _row_class(models.TierProgression, "TierProgression")
MemberActivity = _row_class(models.MemberActivity, "MemberActivity")
ProgramAnalytics = _row_class(models.ProgramAnalytics, "ProgramAnalytics")


def to_dto(cls: type, row: object, **extra: Any) -> Any:
    values = {name: copy.deepcopy(getattr(row, name)) for name in cls._column_names}  # type: ignore[attr-defined]
    return cls(**values, **extra)


def member_dto(session: Session, member: models.Member) -> Any:
    """A Member DTO with its tier's name filled in."""
    tier = session.get(models.Tier, member.current_tier_id) if member.current_tier_id else None
    return to_dto(Member, member, tier_name=tier.tier_name if tier else None)


def redemption_dto(session: Session, row: models.Redemption) -> Any:
    """A Redemption DTO with the reward's and the member's names filled in."""
    reward = session.get(models.Reward, row.reward_id)
    member = session.get(models.Member, row.member_id)
    return to_dto(Redemption, row, reward_name=reward.reward_name if reward else None,
                  member_name=member.customer_name if member else None)


# --- the till (issue 9) ------------------------------------------------------

ScanKind = Literal["member", "redemption", "replaced_card", "unknown"]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scanned or typed code is (`LoyaltyService.resolve_code`).

    - ``"member"``: a member's current card; `member` is set.
    - ``"redemption"``: a reward voucher code; `redemption` (with reward and member names),
      `member` (whose voucher it is) and `allowed_next` (the fulfillment statuses it may move to
      now, in workflow order; empty when final) are set.
    - ``"replaced_card"``: a card that was replaced; `member` is the member it belonged to (whose
      current `card_number` is another) and `replaced_on` when it was replaced.
    - ``"unknown"``: nothing of this shop; `message` says why in plain words.
    """

    kind: ScanKind
    code: str                                   # the code as stored (card number, RW-XXXX-XXXX-XXXX), or the text
    member: Member | None = None                # type: ignore[valid-type]
    redemption: Redemption | None = None        # type: ignore[valid-type]
    replaced_on: dt.datetime | None = None      # aware UTC
    allowed_next: tuple[str, ...] = ()
    message: str = ""


@dataclass(frozen=True, slots=True)
class ReturnablePurchase:
    """One of a member's purchases, for the return picker (`LoyaltyService.recent_purchases`)."""

    transaction_id: int
    program_id: int
    member_id: int
    order_ref: str
    transaction_date: dt.datetime               # when it was recorded, aware UTC
    amount: Decimal
    points_earned: int                          # credited, or held while `points_pending`
    points_pending: bool                        # inside the return window: nothing credited yet
    status: str                                 # the purchase row's status: completed, pending or failed
    returned_amount: Decimal                    # returned so far
    left_to_return: Decimal
    voidable: bool                              # recorded today and nothing returned: `void_purchase` allows it


@dataclass(frozen=True, slots=True)
class PurchaseOutcome:
    """A purchase or return and whether the call replayed an earlier one (nothing was written)."""

    transaction: PointsTransaction              # type: ignore[valid-type]
    replayed: bool


@dataclass(frozen=True, slots=True)
class LedgerProblem:
    """One broken ledger rule, as found by check_ledger."""

    rule: str
    message: str
    member_id: int | None = None
    transaction_id: int | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True, slots=True)
class JobSummary:
    """What run_daily_jobs did for one shop and day."""

    day: dt.date
    pending_completed: int = 0
    lots_expired: int = 0
    points_expired: int = 0
    birthday_bonuses: int = 0
    promotions: int = 0
    demotions: int = 0
    snapshots_written: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
