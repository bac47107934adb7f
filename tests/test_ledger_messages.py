"""The stored wording of ledger descriptions and activity texts (domain/ledger_messages.py).

These texts are data: rows written before a change must read the same as rows written after,
so each is pinned here word for word."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loyalty_desk.domain import ledger_messages as m

CASES = [
    (m.purchase_description("A-1"), "Purchase A-1"),
    (m.purchase_held_description("A-1", 1200, 14), "Purchase A-1: 1,200 points pending for 14 days"),
    (m.purchase_activity("A-1", "USD", Decimal("12.50")), "Purchase A-1 of USD 12.50"),
    (m.points_held_activity(1200), "1,200 points pending until the return window closes"),
    (m.points_for_order_activity(1200, "A-1"), "+1,200 points for order A-1"),
    (m.hold_released_description("A-1"), "Points for order A-1 after the return window"),
    (m.return_of_held_description("USD", Decimal("5.00"), "A-1", 1500),
     "Return of USD 5.00 from order A-1: 1,500 pending points cancelled"),
    (m.return_of_held_description("USD", Decimal("5.00"), "A-1", 5, "rung twice"),
     "Void: rung twice. Return of USD 5.00 from order A-1: 5 pending points cancelled"),
    (m.return_description("USD", Decimal("5.00"), "A-1", 0), "Return of USD 5.00 from order A-1"),
    (m.return_description("USD", Decimal("5.00"), "A-1", 2500),
     "Return of USD 5.00 from order A-1; 2,500 points already spent could not be taken back"),
    (m.return_description("USD", Decimal("5.00"), "A-1", 0, "wrong member"),
     "Void: wrong member. Return of USD 5.00 from order A-1"),
    (m.return_activity("USD", Decimal("5.00"), "A-1", 1000), "Returned USD 5.00 of order A-1: -1,000 points"),
    (m.return_activity("USD", Decimal("5.00"), "A-1", 0), "Returned USD 5.00 of order A-1: -0 points"),
    (m.return_activity("USD", Decimal("5.00"), "A-1", None), "Returned USD 5.00 of order A-1"),
    (m.return_activity("USD", Decimal("5.00"), "A-1", None, "typo"), "Void: typo. Returned USD 5.00 of order A-1"),
    (m.direct_description("birthday_bonus"), "birthday bonus"),
    (m.adjustment_activity(1500, "Goodwill"), "+1,500 points: Goodwill"),
    (m.adjustment_activity(-20, "Correction"), "-20 points: Correction"),
    (m.birthday_description(2026), "Happy birthday 2026!"),
    (m.birthday_activity(1000), "+1,000 birthday bonus"),
    (m.welcome_description(), "Welcome bonus"),
    (m.welcome_activity(50), "+50 welcome bonus"),
    (m.referral_text("Ada"), "Referred Ada"),
    (m.expiry_description(1500, 42), "1,500 points earned in row #42 expired"),
    (m.expiry_activity(1500), "1,500 points expired"),
    (m.redemption_description("Free coffee"), "Redeemed Free coffee"),
    (m.redemption_activity("Free coffee", 1500), "Redeemed Free coffee for 1,500"),
    (m.refund_description("Free coffee"), "Refund for cancelled Free coffee"),
    (m.redemption_moved_activity("Free coffee", "pending", "cancelled"), "Free coffee: pending -> cancelled"),
    (m.tier_moved_activity(m.tier_name_in_text(None), m.tier_name_in_text("Bronze"), True),
     "Promoted from no tier to Bronze"),
    (m.tier_moved_activity("Gold", "Silver", False), "Moved down from Gold to Silver"),
    (m.joined_activity("Coffee Club"), "Joined Coffee Club"),
    (m.details_changed_activity({"email": "x", "phone": "y"}), "Details changed: email, phone"),
    (m.membership_changed_activity("active", "suspended"), "Membership active -> suspended"),
    (m.card_replaced_activity(), "Card replaced; the old card no longer works"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[expected for _, expected in CASES])
def test_wording(text: str, expected: str) -> None:
    assert text == expected
