"""The words the engine writes into ledger rows and the activity log, one function each.

These texts are stored with the rows and shown on the member's timeline, so their wording
is part of the data: change one here and every writer (the services and the demo) follows.
Pure Python: no SQLAlchemy, no Qt.
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .ledger_rules import NO_TIER
from .member_rules import ordinal
from .permissions import ActorKind

# --- purchases, returns and pending points -------------------------------------------------


def _promotion(promotion_name: str | None) -> str:
    """The promotion a purchase earned under, after its description (nothing when none)."""
    return f" ({promotion_name})" if promotion_name else ""


def purchase_description(order_ref: str, promotion_name: str | None = None) -> str:
    return f"Purchase {order_ref}{_promotion(promotion_name)}"


def purchase_held_description(order_ref: str, points: int, pending_days: int,
                              promotion_name: str | None = None) -> str:
    return f"Purchase {order_ref}: {points:,} points pending for {pending_days} days{_promotion(promotion_name)}"


def purchase_activity(order_ref: str, currency: str, amount: Decimal) -> str:
    return f"Purchase {order_ref} of {currency} {amount}"


def points_held_activity(points: int) -> str:
    return f"{points:,} points pending until the return window closes"


def points_for_order_activity(points: int, order_ref: str | None, promotion_name: str | None = None) -> str:
    return f"+{points:,} points for order {order_ref}{_promotion(promotion_name)}"


def hold_released_description(order_ref: str | None) -> str:
    return f"Points for order {order_ref} after the return window"


def _void_prefix(void_reason: str | None) -> str:
    """A void says why first."""
    return f"Void: {void_reason}. " if void_reason is not None else ""


def return_of_held_description(currency: str, returned: Decimal, order_ref: str, cancelled: int,
                               void_reason: str | None = None) -> str:
    return (f"{_void_prefix(void_reason)}Return of {currency} {returned} from order {order_ref}: "
            f"{cancelled:,} pending points cancelled")


def return_description(currency: str, returned: Decimal, order_ref: str, shortfall: int,
                       void_reason: str | None = None) -> str:
    note = f"; {shortfall:,} points already spent could not be taken back" if shortfall else ""
    return f"{_void_prefix(void_reason)}Return of {currency} {returned} from order {order_ref}{note}"


def return_activity(currency: str, returned: Decimal, order_ref: str, taken: int | None,
                    void_reason: str | None = None) -> str:
    """`taken` None: a return inside the window, which took no points (the hold shrank)."""
    points = f": -{taken:,} points" if taken is not None else ""
    return f"{_void_prefix(void_reason)}Returned {currency} {returned} of order {order_ref}{points}"


# --- other credits and adjustments ----------------------------------------------------------


def direct_description(transaction_type: str) -> str:
    """The description of a row written through add_transaction without one."""
    return transaction_type.replace("_", " ")


def adjustment_activity(points: int, description: str) -> str:
    return f"{points:+,} points: {description}"


def birthday_description(year: int) -> str:
    return f"Happy birthday {year}!"


def birthday_activity(points: int) -> str:
    return f"+{points:,} birthday bonus"


def welcome_description() -> str:
    return "Welcome bonus"


def welcome_activity(points: int) -> str:
    return f"+{points:,} welcome bonus"


def referral_text(new_member_name: str) -> str:
    """The referrer's ledger row and activity both say whom they referred."""
    return f"Referred {new_member_name}"


# --- expiry ----------------------------------------------------------------------------------


def expiry_description(points: int, lot_id: int) -> str:
    return f"{points:,} points earned in row #{lot_id} expired"


def expiry_activity(points: int) -> str:
    return f"{points:,} points expired"


# --- redemptions -----------------------------------------------------------------------------


def redemption_description(reward_name: str) -> str:
    return f"Redeemed {reward_name}"


def redemption_activity(reward_name: str, points_cost: int) -> str:
    return f"Redeemed {reward_name} for {points_cost:,}"


def refund_description(reward_name: str) -> str:
    return f"Refund for cancelled {reward_name}"


def discount_description(points: int, currency: str, value: Decimal, order_ref: str) -> str:
    return f"{points:,} points as {currency} {value} off order {order_ref}"


def discount_activity(points: int, currency: str, value: Decimal, order_ref: str) -> str:
    return f"Used {points:,} points for {currency} {value} off order {order_ref}"


def discount_restored_description(points: int, order_ref: str) -> str:
    return f"{points:,} points given back for the return of order {order_ref}"


def redemption_moved_activity(reward_name: str, previous: str, new: str) -> str:
    return f"{reward_name}: {previous} -> {new}"


def delivery_changed_activity(reward_name: str, method: str | None) -> str:
    return f"{reward_name}: delivery {method or 'not said'}"


# --- tiers and membership --------------------------------------------------------------------


def tier_name_in_text(tier_name: str | None) -> str:
    """A tier as the activity log names it: mid-sentence, so "no tier" is lower case."""
    return tier_name if tier_name is not None else NO_TIER.lower()


def tier_moved_activity(previous: str, new: str, up: bool) -> str:
    """`previous` and `new` as `tier_name_in_text` gives them."""
    return f"{'Promoted' if up else 'Moved down'} from {previous} to {new}"


def joined_activity(program_name: str) -> str:
    return f"Joined {program_name}"


def imported_activity(program_name: str, file_name: str) -> str:
    return f"Joined {program_name} (imported from {file_name})"


def opening_balance_description(file_name: str, points: int, lifetime: int) -> str:
    """The one ledger row of an imported member: the balance, and lifetime points if they differ."""
    text = f"Opening balance, imported from {file_name}"
    return text if lifetime == points else f"{text} ({lifetime:,} lifetime points)"


def details_changed_activity(fields: Iterable[str]) -> str:
    return "Details changed: " + ", ".join(fields)


def membership_changed_activity(previous: str, new: str) -> str:
    return f"Membership {previous} -> {new}"


def card_replaced_activity() -> str:
    return "Card replaced; the old card no longer works"


# --- a member's data: erase and merge (README, "A member's data") ------------------------------

ERASED_NAME = "Erased member"
ERASED_TEXT = "[erased]"


def erased_activity(reason: str) -> str:
    return f"Personal data erased: {reason}"


def merged_out_text(keep_id: int) -> str:
    """The merged member's rows: where its points and history went."""
    return f"Merged into member #{keep_id}"


def merged_in_text(merged_id: int) -> str:
    """The kept member's rows: whose points and history it took in."""
    return f"Merged in member #{merged_id}"


# --- who did it (README, "Who did what") ------------------------------------------------------


def done_by(actor_kind: str | None, actor_name: str | None, approver_name: str | None = None) -> str:
    """Who did a row, as the member history shows it after the row's own words: "by Ana,
    approved by Marc", "by the system"; empty before staff accounts (nobody is named)."""
    actor = actor_label(actor_kind, actor_name)
    if not actor:
        return ""
    return f"by {actor}, approved by {approver_name}" if approver_name else f"by {actor}"


def actor_label(actor_kind: str | None, actor_name: str | None) -> str:
    """Who wrote a row, as a name: a staff member's, "the system", an API key ("API key 'web
    shop'"; the key's name is `actor_name`), "the web shop" (a signed webhook), or "" before
    staff accounts."""
    if actor_kind == ActorKind.SYSTEM:
        return "the system"
    if actor_kind == ActorKind.API:
        return f"API key {actor_name!r}" if actor_name else "the API"
    if actor_kind == ActorKind.WEBHOOK:
        return "the web shop"
    return actor_name or ""


def visit_milestone_activity(visits: int) -> str:
    return f"{ordinal(visits)} visit"


def lifetime_milestone_activity(points: int) -> str:
    return f"{points:,} lifetime points"


def friend_bonus_description() -> str:
    # No name: the referrer's data may be erased, and this row is the friend's.
    return "Bonus for joining through a referral, on the first purchase"


def lapsed_activity(days: int) -> str:
    return f"Membership inactive after {days:,} days without activity"


def expired_activity(reason: str) -> str:
    return f"Membership expired: {reason}"


def back_activity(since: str) -> str:
    return f"Active again, first visit since {since}"
