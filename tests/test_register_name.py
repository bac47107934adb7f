"""Each register has a name: kept on its computer (register.json), recorded on every row its writes make,
and shown in the audit log beside the person."""
from __future__ import annotations

import socket
from decimal import Decimal

import pytest

from loyalty_desk import shop_server
from loyalty_desk.services import ValidationError

from .support import SHOP, enroll, make_program


def test_rows_written_by_a_named_register_carry_its_name_and_others_do_not(svc):
    program = make_program(svc)
    before = enroll(svc, program.id, "Ada Lovelace")
    svc.register_name = "  Till 2 "
    assert svc.register_name == "Till 2"
    grace = enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    svc.record_purchase(SHOP, program.id, grace.id, Decimal("12.50"), "R-1")
    svc.register_name = None
    svc.record_purchase(SHOP, program.id, before.id, Decimal("5.00"), "R-2")
    by_ref = {t.reference_id: t.register_name for m in (before, grace)
              for t in svc.get_member_points_history(SHOP, m.id) if t.transaction_type == "purchase"}
    assert by_ref == {"R-1": "Till 2", "R-2": None}
    activity = {a.member_id: a.register_name for a in svc.get_member_activity(SHOP, grace.id)
                if a.activity_type == "member_enrolled"}
    assert activity == {grace.id: "Till 2"}
    entries = {(e.action, e.member_name): e.register_name for e in svc.get_audit_log(SHOP)}
    assert entries[("purchase", "Grace Hopper")] == "Till 2" and entries[("purchase", "Ada Lovelace")] is None


@pytest.mark.parametrize("bad", ["x" * 41, 7, "Till\x00"])
def test_a_bad_register_name_is_refused_and_the_old_one_kept(svc, bad):
    svc.register_name = "Till 1"
    with pytest.raises(ValidationError) as refused:
        svc.register_name = bad
    assert refused.value.field == "register_name" and svc.register_name == "Till 1"


def test_the_name_is_the_computers_until_one_is_chosen_and_outlives_the_server_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert shop_server.register_name() == socket.gethostname()[:40]
    shop_server.set_register_name("Front till")
    shop_server.remember(shop_server.ServerAddress("shop-server", 5432, "loyalty", "till"))
    shop_server.forget()
    assert shop_server.register_name() == "Front till" and shop_server.remembered() is None
    shop_server.set_register_name("   ")
    assert shop_server.register_name() == socket.gethostname()[:40]
