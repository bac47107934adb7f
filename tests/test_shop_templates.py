"""A new shop from a template is written whole or not at all."""
from __future__ import annotations

import pytest

from loyalty_desk.services import PermissionDenied, ValidationError

from .staff_support import add_staff
from .support import database_state


def test_a_tiered_shop_comes_with_its_program_and_three_tiers(svc):
    shop = svc.create_shop_from_template({"shop_name": "Bean There", "currency": "EUR"}, "tiered")
    assert (shop.user_id, shop.currency) == ("bean-there", "EUR")
    [program] = svc.get_loyalty_programs("bean-there")
    assert (program.program_name, program.program_type, program.currency) == ("Bean There Rewards", "tiered", "EUR")
    tiers = svc.get_loyalty_tiers("bean-there", program.id)
    assert [(t.tier_name, t.min_points_required, t.max_points_required) for t in tiers] == [
        ("Bronze", 0, 499), ("Silver", 500, 1999), ("Gold", 2000, None)]


@pytest.mark.parametrize("shop_data, template, field", [
    ({"shop_name": "Nope", "currency": "EURO"}, "tiered", "currency"),     # refused after nothing was kept
    ({"shop_name": "Nope", "currency": "USD"}, "punch_cards", "program_type"),
    ({"shop_name": "  ", "currency": "USD"}, "points", "shop_name"),
    ({"shop_name": "Taken", "currency": "USD"}, "points", "shop_name"),  # made just before
])
def test_a_refused_template_leaves_nothing_behind(svc, shop_data, template, field):
    svc.create_shop_from_template({"shop_name": "Taken", "currency": "USD"}, "points")
    before = database_state(svc)
    with pytest.raises(ValidationError) as refused:
        svc.create_shop_from_template(shop_data, template)
    assert refused.value.field == field
    assert database_state(svc) == before


def test_a_new_shop_is_nobodys_yet_but_a_person_who_names_themselves_is_checked(svc):
    staff = add_staff(svc, ("Olive", "Ana"))
    before = database_state(svc)
    for actor, message in ((staff["Ana"], "A cashier cannot"), (999_999, "Unknown or inactive")):
        with pytest.raises(PermissionDenied, match=message):
            svc.create_shop_from_template({"shop_name": "Branch", "currency": "USD"}, "points", actor=actor)
    assert database_state(svc) == before
    shop = svc.create_shop_from_template({"shop_name": "Branch", "currency": "USD"}, "points", actor=staff["Olive"])
    assert shop.user_id == "branch" and not svc.has_staff("branch")
    # The first-run dialog, where nobody is signed in: a shop without staff, as any write to one.
    assert svc.create_shop_from_template({"shop_name": "Kiosk", "currency": "USD"}, "points").user_id == "kiosk"
