"""What each value of the vocabulary is called on screen: one table per enum, one place.

Every member of each enum has a label (tests/gui/test_labels.py checks it), so a value added
to the vocabulary shows up here as a failing test rather than as a raw "manual_adjustment".
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from ...domain.vocabulary import (
    FulfillmentStatus,
    MembershipStatus,
    ProgramStatus,
    ProgramType,
    RewardType,
    TransactionType,
)

PROGRAM_TYPES: dict[str, str] = {
    ProgramType.POINTS: "Points",
    ProgramType.TIERED: "Tiered",
    ProgramType.HYBRID: "Hybrid (points and tiers)",
    ProgramType.CASH_BACK: "Cash back",
}
PROGRAM_STATUSES: dict[str, str] = {ProgramStatus.ACTIVE: "Active", ProgramStatus.INACTIVE: "Inactive"}
MEMBERSHIP_STATUSES: dict[str, str] = {
    MembershipStatus.ACTIVE: "Active",
    MembershipStatus.INACTIVE: "Inactive",
    MembershipStatus.SUSPENDED: "Suspended",
    MembershipStatus.EXPIRED: "Expired",
}
REWARD_TYPES: dict[str, str] = {
    RewardType.DISCOUNT: "Discount",
    RewardType.FREE_PRODUCT: "Free product",
    RewardType.FREE_SHIPPING: "Free shipping",
    RewardType.EXCLUSIVE_ACCESS: "Exclusive access",
    RewardType.CASH_BACK: "Cash back",
}
FULFILLMENT_STATUSES: dict[str, str] = {
    FulfillmentStatus.PENDING: "Pending",
    FulfillmentStatus.APPROVED: "Approved",
    FulfillmentStatus.SHIPPED: "Shipped",
    FulfillmentStatus.DELIVERED: "Delivered",
    FulfillmentStatus.REDEEMED: "Redeemed",
    FulfillmentStatus.CANCELLED: "Cancelled",
}
TRANSACTION_TYPES: dict[str, str] = {
    TransactionType.PURCHASE: "Purchase",
    TransactionType.REFERRAL: "Referral",
    TransactionType.BIRTHDAY_BONUS: "Birthday bonus",
    TransactionType.MANUAL_ADJUSTMENT: "Adjustment",
    TransactionType.REDEMPTION: "Redemption",
    TransactionType.EXPIRATION: "Expired",
    TransactionType.WELCOME_BONUS: "Welcome bonus",
    TransactionType.PURCHASE_RETURN: "Return",
    TransactionType.REDEMPTION_REFUND: "Redemption refund",
    TransactionType.MEMBER_MERGE: "Merged",
}

TABLES: dict[type[StrEnum], dict[str, str]] = {
    ProgramType: PROGRAM_TYPES,
    ProgramStatus: PROGRAM_STATUSES,
    MembershipStatus: MEMBERSHIP_STATUSES,
    RewardType: REWARD_TYPES,
    FulfillmentStatus: FULFILLMENT_STATUSES,
    TransactionType: TRANSACTION_TYPES,
}


def label(table: Mapping[str, str], value: str | None) -> str:
    """The label of a stored value; a value the table does not know is shown readably, never hidden."""
    if value is None:
        return ""
    return str(table.get(value, str(value).replace("_", " ").capitalize()))
