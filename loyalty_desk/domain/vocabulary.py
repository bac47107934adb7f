"""The closed vocabularies of the spec, plus the few values the rules add.

Pure Python (no SQLAlchemy, no Qt), so every layer can use the same names: the models
build their CHECK constraints from them, the services their rules, and the views their
labels (views/widgets/labels.py) instead of retyping "active" or "manual_adjustment".
"""
from __future__ import annotations

from enum import StrEnum


class ProgramType(StrEnum):
    POINTS = "points"
    TIERED = "tiered"
    HYBRID = "hybrid"
    CASH_BACK = "cash_back"


class ProgramStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class MembershipStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    SUSPENDED = "suspended"
    EXPIRED = "expired"


class TransactionType(StrEnum):
    # The spec's six.
    PURCHASE = "purchase"
    REFERRAL = "referral"
    BIRTHDAY_BONUS = "birthday_bonus"
    MANUAL_ADJUSTMENT = "manual_adjustment"
    REDEMPTION = "redemption"
    EXPIRATION = "expiration"
    # Added by the rules (README, "The ledger").
    WELCOME_BONUS = "welcome_bonus"
    PURCHASE_RETURN = "purchase_return"
    REDEMPTION_REFUND = "redemption_refund"
    # A duplicate merged into the member kept: points and lifetime points move (migration 0010).
    MEMBER_MERGE = "member_merge"


class TransactionStatus(StrEnum):
    COMPLETED = "completed"
    PENDING = "pending"
    FAILED = "failed"


class RewardType(StrEnum):
    DISCOUNT = "discount"
    FREE_PRODUCT = "free_product"
    FREE_SHIPPING = "free_shipping"
    EXCLUSIVE_ACCESS = "exclusive_access"
    CASH_BACK = "cash_back"


class FulfillmentStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    REDEEMED = "redeemed"
    CANCELLED = "cancelled"


class DeliveryMethod(StrEnum):
    """How a redeemed reward reaches the member: collected at the shop, posted (to a shipping
    address, which is then required) or sent by email/online."""
    PICKUP = "pickup"
    SHIP = "ship"
    DIGITAL = "digital"


class PromotionReason(StrEnum):
    AUTOMATIC_POINTS = "automatic_points"
    MANUAL_PROMOTION = "manual_promotion"
    SPECIAL_EVENT = "special_event"


class ActivityType(StrEnum):
    # The spec's seven.
    POINTS_EARNED = "points_earned"
    POINTS_REDEEMED = "points_redeemed"
    TIER_PROMOTED = "tier_promoted"
    TIER_DEMOTED = "tier_demoted"
    REFERRAL_MADE = "referral_made"
    PURCHASE_MADE = "purchase_made"
    ENGAGEMENT_MILESTONE = "engagement_milestone"
    # Added so that every event reaches the timeline.
    MEMBER_ENROLLED = "member_enrolled"
    MEMBER_UPDATED = "member_updated"
    STATUS_CHANGED = "status_changed"
    POINTS_ADJUSTED = "points_adjusted"
    POINTS_EXPIRED = "points_expired"
    POINTS_PENDING = "points_pending"
    PURCHASE_RETURNED = "purchase_returned"
    REDEMPTION_UPDATED = "redemption_updated"
    CARD_REPLACED = "card_replaced"


class WebShop(StrEnum):
    """The web shops whose signed webhooks are taken (README, "Web shops")."""

    SHOPIFY = "shopify"
    WOOCOMMERCE = "woocommerce"


class UnmatchedStatus(StrEnum):
    """A web order no member took: waiting for the owner, then resolved (recorded as a member's
    purchase) or dismissed."""

    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class MessageKind(StrEnum):
    """What an email to a member is about (README, "Messages"): one template each."""

    WELCOME = "welcome"
    TIER_CHANGED = "tier_changed"
    POINTS_EXPIRING = "points_expiring"
    BIRTHDAY = "birthday"
    REDEMPTION_UPDATE = "redemption_update"
    REACTIVATION = "reactivation"
    CAMPAIGN = "campaign"              # a one-off email to a segment (README, "Segments")


class MessageStatus(StrEnum):
    PENDING = "pending"      # waiting to be sent (or sent again after a temporary failure)
    SENT = "sent"            # the SMTP server accepted it
    FAILED = "failed"        # refused for good, or given up on; `retry_message` puts it back
