"""The vocabularies as the tables use them: CHECK constraints built from the domain's enums."""
from __future__ import annotations

from enum import StrEnum

from ..domain.vocabulary import (
    ActivityType,
    FulfillmentStatus,
    MembershipStatus,
    MessageKind,
    MessageStatus,
    ProgramStatus,
    ProgramType,
    PromotionReason,
    RewardType,
    TransactionStatus,
    TransactionType,
)

__all__ = [
    "ProgramType",
    "ProgramStatus",
    "MembershipStatus",
    "TransactionType",
    "TransactionStatus",
    "RewardType",
    "FulfillmentStatus",
    "PromotionReason",
    "ActivityType",
    "MessageKind",
    "MessageStatus",
    "check_in",
    "values",
]


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def check_in(column: str, enum: type[StrEnum]) -> str:
    """SQL for a CHECK constraint that keeps a column inside an enum."""
    quoted = ", ".join(f"'{v}'" for v in values(enum))
    return f"{column} IN ({quoted})"
