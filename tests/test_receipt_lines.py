"""Receipt lines for a till (`get_receipt_lines`, issue 16): what a transaction earned or used and
where the member stands, in the shop's formats; another shop's transaction is not found."""
from __future__ import annotations

import pytest

from loyalty_desk.services import LoyaltyService, NotFound

from .support import SHOP, enroll, make_program, make_tiers


def _silver_member(svc: LoyaltyService, **program: object):  # type: ignore[no-untyped-def]
    """A tiered program (Bronze, Silver x1.5, Gold at 2,000) and a member with 1,000 points (Silver)."""
    prog = make_program(svc, program_type="tiered", **program)
    make_tiers(svc, prog.id)
    member = enroll(svc, prog.id)
    svc.add_points_transaction(SHOP, prog.id, member.id, {"points_amount": 1000, "description": "opening"})
    return prog, member


def test_a_sale_says_what_it_earned_the_balance_and_the_next_tier(svc):
    prog, member = _silver_member(svc)
    tx = svc.record_purchase(SHOP, prog.id, member.id, "12", "POS-1")
    assert svc.get_receipt_lines(SHOP, tx.id) == ["Points earned: 18", "Balance: 1,018", "982 points to Gold"]


def test_a_redemption_says_the_points_used(svc):
    prog, member = _silver_member(svc)
    reward = svc.create_loyalty_reward(SHOP, prog.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                       "points_cost": 200})
    svc.create_redemption(SHOP, prog.id, member.id, reward.id)
    spent = svc.get_member_points_history(SHOP, member.id, limit=1)[0]
    assert spent.transaction_type == "redemption"
    assert svc.get_receipt_lines(SHOP, spent.id)[:2] == ["Points used: 200", "Balance: 800"]


def test_points_expiring_soon_are_named_with_their_day(svc):
    prog, member = _silver_member(svc, points_expiration_days=20)
    tx = svc.record_purchase(SHOP, prog.id, member.id, "12", "POS-1")
    lines = svc.get_receipt_lines(SHOP, tx.id)
    assert lines[-1] == "1,018 points expire on Mar 22, 2026"


def test_numbers_follow_the_shop_locale(svc):
    svc.save_shop(SHOP, {"locale": "de_DE"})
    prog, member = _silver_member(svc)
    tx = svc.record_purchase(SHOP, prog.id, member.id, "12", "POS-1")
    assert svc.get_receipt_lines(SHOP, tx.id)[1] == "Balance: 1.018"


def test_an_unknown_or_another_shops_transaction_is_not_found(svc):
    prog, member = _silver_member(svc)
    tx = svc.record_purchase(SHOP, prog.id, member.id, "12", "POS-1")
    svc.save_shop("shop-2", {"shop_name": "Other"})
    with pytest.raises(NotFound) as other:
        svc.get_receipt_lines("shop-2", tx.id)
    with pytest.raises(NotFound) as missing:
        svc.get_receipt_lines("shop-2", tx.id + 999)
    assert str(other.value) == str(missing.value).replace(str(tx.id + 999), str(tx.id))


def test_points_held_for_the_return_window_say_when_they_come(svc):
    prog = make_program(svc, program_rules={"pending_days": 3})
    member = enroll(svc, prog.id)
    tx = svc.record_purchase(SHOP, prog.id, member.id, "12", "POS-1")
    assert svc.get_receipt_lines(SHOP, tx.id)[:2] == ["Points pending: 12 (from Mar 5, 2026)", "Balance: 0"]


def test_a_return_says_the_points_taken_back(svc):
    prog, member = _silver_member(svc)
    svc.record_purchase(SHOP, prog.id, member.id, "100", "POS-1")
    back = svc.reverse_purchase(SHOP, prog.id, "POS-1", "40", return_ref="RET-1")
    assert svc.get_receipt_lines(SHOP, back.id)[0] == f"Points taken back: {-back.points_amount}"


def test_a_cash_back_receipt_speaks_money_and_a_stamp_card_stamps(svc):
    cash = make_program(svc, program_name="Cash Back Card", program_type="cash_back",
                        program_rules={"cash_back_percent": "2.5"}, points_expiration_days=20)
    member = enroll(svc, cash.id)
    sale = svc.record_purchase(SHOP, cash.id, member.id, "100.00", "C-1")
    assert svc.get_receipt_lines(SHOP, sale.id) == [
        "Cash back earned: $2.50", "Balance: $2.50", "$2.50 of cash back expires on Mar 22, 2026"]
    card = make_program(svc, program_name="Coffee card", program_type="stamps")
    regular = enroll(svc, card.id, "Grace Hopper")
    visit = svc.record_purchase(SHOP, card.id, regular.id, "4.20", "S-1")
    assert svc.get_receipt_lines(SHOP, visit.id) == ["Stamps earned: 1", "Balance: 1"]
