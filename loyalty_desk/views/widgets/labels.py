"""What each value of the vocabulary is called on screen: one table per enum, one place.

Every member of each enum has a label (tests/gui/test_labels.py checks it), so a value added
to the vocabulary shows up here as a failing test rather than as a raw "manual_adjustment".
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum

from ...domain.vocabulary import (
    ActivityType,
    DeliveryMethod,
    FulfillmentStatus,
    MembershipStatus,
    ProgramStatus,
    ProgramType,
    RewardType,
    TransactionStatus,
    TransactionType,
)
from ..i18n import language, tr


class Translated(Mapping[str, str]):
    """A table of labels in the language chosen at start: made at the first lookup, not at import
    (the modules are imported before the translation is installed), and again if the language
    changes (tests switch it)."""

    def __init__(self, make: Callable[[], dict[str, str]]) -> None:
        self._make = make
        self._made: tuple[str, dict[str, str]] | None = None   # (language, table): made once per language

    def _table(self) -> dict[str, str]:
        if self._made is None or self._made[0] != language():
            self._made = (language(), self._make())
        return self._made[1]

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


PROGRAM_TYPES: Mapping[str, str] = Translated(lambda: {
    ProgramType.POINTS: tr("Points"),
    ProgramType.TIERED: tr("Tiered"),
    ProgramType.HYBRID: tr("Hybrid (points and tiers)"),
    ProgramType.CASH_BACK: tr("Cash back"),
    ProgramType.STAMPS: tr("Stamp card"),
})
PROGRAM_STATUSES: Mapping[str, str] = Translated(lambda: {ProgramStatus.ACTIVE: tr("Active"),
                                                          ProgramStatus.INACTIVE: tr("Inactive")})
MEMBERSHIP_STATUSES: Mapping[str, str] = Translated(lambda: {
    MembershipStatus.ACTIVE: tr("Active"),
    MembershipStatus.INACTIVE: tr("Inactive"),
    MembershipStatus.SUSPENDED: tr("Suspended"),
    MembershipStatus.EXPIRED: tr("Expired"),
})
REWARD_TYPES: Mapping[str, str] = Translated(lambda: {
    RewardType.DISCOUNT: tr("Discount"),
    RewardType.FREE_PRODUCT: tr("Free product"),
    RewardType.FREE_SHIPPING: tr("Free shipping"),
    RewardType.EXCLUSIVE_ACCESS: tr("Exclusive access"),
    RewardType.CASH_BACK: tr("Cash back"),
})
FULFILLMENT_STATUSES: Mapping[str, str] = Translated(lambda: {
    FulfillmentStatus.PENDING: tr("Pending"),
    FulfillmentStatus.APPROVED: tr("Approved"),
    FulfillmentStatus.SHIPPED: tr("Shipped"),
    FulfillmentStatus.DELIVERED: tr("Delivered"),
    FulfillmentStatus.REDEEMED: tr("Redeemed"),
    FulfillmentStatus.CANCELLED: tr("Cancelled"),
})
TRANSACTION_TYPES: Mapping[str, str] = Translated(lambda: {
    TransactionType.PURCHASE: tr("Purchase"),
    TransactionType.REFERRAL: tr("Referral"),
    TransactionType.BIRTHDAY_BONUS: tr("Birthday bonus"),
    TransactionType.MANUAL_ADJUSTMENT: tr("Adjustment"),
    TransactionType.REDEMPTION: tr("Redemption"),
    TransactionType.EXPIRATION: tr("Expired"),
    TransactionType.WELCOME_BONUS: tr("Welcome bonus"),
    TransactionType.PURCHASE_RETURN: tr("Return"),
    TransactionType.REDEMPTION_REFUND: tr("Redemption refund"),
    TransactionType.MEMBER_MERGE: tr("Merged"),
})

TRANSACTION_STATUSES: Mapping[str, str] = Translated(lambda: {
    TransactionStatus.COMPLETED: tr("Completed"),
    TransactionStatus.PENDING: tr("Pending"),
    TransactionStatus.FAILED: tr("Failed"),
})
ACTIVITY_TYPES: Mapping[str, str] = Translated(lambda: {
    ActivityType.POINTS_EARNED: tr("Points earned"),
    ActivityType.POINTS_REDEEMED: tr("Points redeemed"),
    ActivityType.TIER_PROMOTED: tr("Tier promoted"),
    ActivityType.TIER_DEMOTED: tr("Tier demoted"),
    ActivityType.REFERRAL_MADE: tr("Referral made"),
    ActivityType.PURCHASE_MADE: tr("Purchase made"),
    ActivityType.ENGAGEMENT_MILESTONE: tr("Engagement milestone"),
    ActivityType.MEMBER_ENROLLED: tr("Member enrolled"),
    ActivityType.MEMBER_UPDATED: tr("Member updated"),
    ActivityType.STATUS_CHANGED: tr("Status changed"),
    ActivityType.POINTS_ADJUSTED: tr("Points adjusted"),
    ActivityType.POINTS_EXPIRED: tr("Points expired"),
    ActivityType.POINTS_PENDING: tr("Points pending"),
    ActivityType.PURCHASE_RETURNED: tr("Purchase returned"),
    ActivityType.REDEMPTION_UPDATED: tr("Redemption updated"),
    ActivityType.CARD_REPLACED: tr("Card replaced"),
})
DELIVERY_METHODS: Mapping[str, str] = Translated(lambda: {
    DeliveryMethod.PICKUP: tr("Collected at the shop"),
    DeliveryMethod.SHIP: tr("Posted to an address"),
    DeliveryMethod.DIGITAL: tr("By email or online"),
})

TABLES: dict[type[StrEnum], Mapping[str, str]] = {
    ProgramType: PROGRAM_TYPES,
    ProgramStatus: PROGRAM_STATUSES,
    MembershipStatus: MEMBERSHIP_STATUSES,
    RewardType: REWARD_TYPES,
    FulfillmentStatus: FULFILLMENT_STATUSES,
    TransactionType: TRANSACTION_TYPES,
    DeliveryMethod: DELIVERY_METHODS,
    TransactionStatus: TRANSACTION_STATUSES,
    ActivityType: ACTIVITY_TYPES,
}


def label(table: Mapping[str, str], value: str | None) -> str:
    """The label of a stored value; a value the table does not know is shown readably, never hidden."""
    if value is None:
        return ""
    return str(table.get(value, str(value).replace("_", " ").capitalize()))
