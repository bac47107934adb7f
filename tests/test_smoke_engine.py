from decimal import Decimal

from .support import SHOP, enroll, make_program


def test_purchase_round_trip(svc):
    program = make_program(svc, points_per_dollar="2")
    member = enroll(svc, program.id)
    tx = svc.record_purchase(SHOP, program.id, member.id, Decimal("12.50"), "ORD-1")
    assert tx.points_amount == 25
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 25
    assert svc.check_ledger() == []
