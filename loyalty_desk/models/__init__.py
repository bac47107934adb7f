"""ORM tables: the spec's nine, plus shops, earn lots, lot consumptions, retired cards, staff, keys,
web orders and promotions. No Qt, no rules."""
from .analytics import ProgramAnalytics, SnapshotCheckpoint
from .base import Base
from .history import MemberActivity, TierProgression
from .ledger import LotConsumption, PointLot, PointsTransaction
from .member import Member, RetiredCard
from .outbox import MessageTemplate, OutboxMessage, UnsubscribeToken
from .program import Program, Tier
from .promotion import Promotion
from .reward import Redemption, Reward
from .rollups import ExpiryCalendar, ProgramTotals
from .segment import MemberSegment
from .shop import Shop
from .staff import SettingsChange, SignInFailure, Staff, StoredApiKey
from .webhooks import UnmatchedOrder, WebhookSecret

__all__ = [
    "Base",
    "ExpiryCalendar",
    "LotConsumption",
    "Member",
    "MemberActivity",
    "MemberSegment",
    "MessageTemplate",
    "OutboxMessage",
    "PointLot",
    "PointsTransaction",
    "Program",
    "ProgramAnalytics",
    "ProgramTotals",
    "Promotion",
    "Redemption",
    "RetiredCard",
    "Reward",
    "SettingsChange",
    "Shop",
    "SnapshotCheckpoint",
    "SignInFailure",
    "Staff",
    "StoredApiKey",
    "Tier",
    "TierProgression",
    "UnmatchedOrder",
    "UnsubscribeToken",
    "WebhookSecret",
]
