"""Enrollment, member changes, cards and the counter lookup."""
import datetime as dt
import string
import sys

import pytest

from loyalty_desk.db.statements import captured
from loyalty_desk.services import DuplicateMember, ValidationError
from loyalty_desk.services.codes import is_valid_card_number, new_referral_code

from .support import SHOP, enroll, make_program


@pytest.fixture
def people(svc):
    program = make_program(svc, referral_enabled=True)
    ada = enroll(svc, program.id, "Ada Lovelace", email="Ada@Example.com", phone="(415) 555-2671")
    zoe = enroll(svc, program.id, "Zoë Müller", phone="+44 7911 123456", birthday=dt.date(1990, 5, 17))
    bob = enroll(svc, program.id, "Bob Smith")
    return program, ada, zoe, bob


def names(members):
    return [m.customer_name for m in members]


def test_enrollment_normalises_contacts_and_issues_codes(svc, people):
    _, ada, zoe, _ = people
    assert (ada.email, ada.phone, zoe.phone) == ("ada@example.com", "+14155552671", "+447911123456")
    assert is_valid_card_number(ada.card_number) and ada.card_number != ada.referral_code
    assert ada.referral_code.startswith("ADAL-")
    assert ada.enrollment_date is not None and ada.membership_status == "active"


@pytest.mark.parametrize(("query", "expected"), [
    ("415-555-2671", ["Ada Lovelace"]),
    ("+1 415 555 2671", ["Ada Lovelace"]),
    ("ada@example.COM", ["Ada Lovelace"]),
    ("ad", ["Ada Lovelace"]),
    ("zoe", ["Zoë Müller"]),
    ("MUL", ["Zoë Müller"]),
    ("smi", ["Bob Smith"]),
    ("b", ["Bob Smith"]),
    ("nobody", []),
    ("   ", []),
])
def test_lookup(svc, people, query, expected):
    assert names(svc.find_members(SHOP, query)) == expected


def test_lookup_by_card_and_referral_code(svc, people):
    _, ada, zoe, _ = people
    spaced = f"{zoe.card_number[:5]} {zoe.card_number[5:].lower()}"
    assert names(svc.find_members(SHOP, spaced)) == ["Zoë Müller"]
    assert names(svc.find_members(SHOP, ada.referral_code.lower())) == ["Ada Lovelace"]


def test_only_a_query_with_letters_can_be_a_referral_code():
    """The lookup asks for a referral code only when the query has letters (a typed phone number
    does not): every code has one, and nothing but a letter upper-cases to one."""
    for name in ("", "123", "李小龍", "Ada Lovelace", "-- 42 --"):
        assert any("A" <= ch <= "Z" for ch in new_referral_code(name).split("-")[0]), name
    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if not c.isalpha() and any(ch in string.ascii_letters for ch in c.upper())]


def test_mistyped_card_number_is_caught_by_the_check_character(svc, people):
    _, ada, _, _ = people
    wrong = ada.card_number[:-1] + ("2" if ada.card_number[-1] != "2" else "3")
    with pytest.raises(ValidationError, match="check the last character"):
        svc.find_members(SHOP, wrong)


def test_lookup_never_crosses_shops(svc, people):
    other = svc.create_loyalty_program("shop-2", {"program_name": "Other", "program_type": "points"})
    svc.enroll_loyalty_member("shop-2", other.id, {"customer_name": "Ada Other"})
    assert names(svc.find_members(SHOP, "ada")) == ["Ada Lovelace"]
    assert names(svc.find_members("shop-2", "ada")) == ["Ada Other"]


def test_best_match_first_and_limit(svc, people):
    program, *_ = people
    for i in range(5):
        enroll(svc, program.id, f"Adam Number{i}")
    assert names(svc.find_members(SHOP, "ada", limit=3)) == ["Ada Lovelace", "Adam Number0", "Adam Number1"]


def test_lookup_uses_indexes_not_scans(svc, people):
    if svc.db.dialect != "sqlite":
        pytest.skip("the query plan check reads SQLite's EXPLAIN QUERY PLAN")
    _, ada, _, _ = people
    with captured(svc.db.engine) as seen:
        for query in ("ada", "415 555 2671", "ada@example.com", ada.card_number, ada.referral_code):
            svc.find_members(SHOP, query)
    statements = [(statement, parameters) for statement, parameters in seen
                  if "loyalty_members" in statement and statement.lstrip().upper().startswith("SELECT")]
    assert len(statements) == 5  # one statement a lookup, every branch in it
    # Each branch must use an index on the very column it looks for: an index on the shop alone
    # would "search" too, but read every member of the shop.
    wanted = {"loyalty_members.card_number =": "card_number", "loyalty_members.referral_code =": "referral_code",
              "loyalty_members.email =": "email", "loyalty_members.phone =": "phone",
              "loyalty_members.name_key >=": "name_key", "loyalty_members.surname_key >=": "surname_key"}
    with svc.db.engine.connect() as conn:
        for statement, parameters in statements:
            plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            assert "SCAN loyalty_members" not in plan, plan
            columns = [col for marker, col in wanted.items() if marker in statement]
            assert columns, statement
            for column in columns:
                assert f"{column}=" in plan.replace(" ", "") or f"{column}>" in plan.replace(" ", ""), (column, plan)


def test_duplicate_email_or_phone_offers_the_existing_member(svc, people):
    program, ada, _, _ = people
    with pytest.raises(DuplicateMember) as caught:
        enroll(svc, program.id, "Someone", email="ADA@example.com")
    assert caught.value.existing_member_id == ada.id and caught.value.field == "email"
    with pytest.raises(DuplicateMember) as caught:
        enroll(svc, program.id, "Someone", phone="415.555.2671")
    assert caught.value.existing_member_id == ada.id and caught.value.field == "phone"


def test_one_customer_id_is_one_member_of_a_program(svc, people):
    # The till system's customer number identifies the person (an import matches by it).
    program, ada, grace, _ = people
    svc.update_loyalty_member(SHOP, ada.id, {"customer_id": "POS-1"})
    with pytest.raises(DuplicateMember, match="already uses this customer id") as caught:
        enroll(svc, program.id, "Someone", customer_id="POS-1")
    assert caught.value.existing_member_id == ada.id and caught.value.field == "customer_id"
    with pytest.raises(DuplicateMember):
        svc.update_loyalty_member(SHOP, grace.id, {"customer_id": "POS-1"})
    assert svc.get_loyalty_member(SHOP, grace.id).customer_id != "POS-1"
    svc.update_loyalty_member(SHOP, ada.id, {"customer_id": "POS-1"})      # her own number again: fine
    other = make_program(svc, program_name="Coffee card")
    assert enroll(svc, other.id, "Ada in another program", customer_id="POS-1").customer_id == "POS-1"


def test_update_member_logs_changes(svc, people):
    _, ada, _, _ = people
    updated = svc.update_loyalty_member(SHOP, ada.id, {"customer_name": "Ada King", "membership_status": "suspended"})
    assert (updated.customer_name, updated.membership_status) == ("Ada King", "suspended")
    kinds = [a.activity_type for a in svc.get_member_activity(SHOP, ada.id)]
    assert kinds[:2] == ["status_changed", "member_updated"]
    assert names(svc.find_members(SHOP, "king")) == ["Ada King"]


def test_replacing_a_card_invalidates_the_old_number(svc, people):
    _, ada, _, _ = people
    new = svc.replace_member_card(SHOP, ada.id)
    assert new.card_number != ada.card_number and is_valid_card_number(new.card_number)
    assert svc.find_members(SHOP, ada.card_number) == []
    assert names(svc.find_members(SHOP, new.card_number)) == ["Ada Lovelace"]
    assert svc.get_member_activity(SHOP, ada.id)[0].activity_type == "card_replaced"


def test_adjustment_needs_a_reason_and_is_logged(svc, people):
    program, ada, _, _ = people
    with pytest.raises(ValidationError, match="description"):
        svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 10})
    with pytest.raises(ValidationError, match="description"):
        svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 10, "description": "   "})
    tx = svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 10, "description": "Goodwill"})
    assert (tx.transaction_type, tx.description, tx.source) == ("manual_adjustment", "Goodwill", "manual")
    activity = svc.get_member_activity(SHOP, ada.id)[0]
    assert activity.activity_type == "points_adjusted" and activity.activity_metadata["reason"] == "Goodwill"
    minus = svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": -4, "description": "Typo"})
    assert minus.points_balance_after == 6


def test_returned_objects_are_detached_and_frozen(svc, people):
    _, ada, _, _ = people
    with pytest.raises(AttributeError):
        ada.current_points = 5  # type: ignore[misc]
    ada.member_metadata["x"] = 1
    assert svc.get_loyalty_member(SHOP, ada.id).member_metadata == {}


def test_a_phone_shaped_like_a_card_number_finds_its_member(svc):
    from loyalty_desk.services.codes import looks_like_card_number

    program = make_program(svc)
    phone = "646-234-5678"
    assert looks_like_card_number(phone) and not is_valid_card_number(phone)
    ada = enroll(svc, program.id, "Ada Lovelace", phone=phone)
    assert [m.id for m in svc.find_members(SHOP, "646 234 5678")] == [ada.id]
    # A card-shaped text that matches nobody and fails its check symbol is still called mistyped.
    stranger = next(f"7K3QX{n:05d}".replace("0", "9").replace("1", "8") for n in range(10000)
                    if not is_valid_card_number(f"7K3QX{n:05d}".replace("0", "9").replace("1", "8")))
    with pytest.raises(ValidationError, match="mistyped"):
        svc.find_members(SHOP, stranger)


def test_the_summary_names_the_next_reward_and_how_far_it_is(svc):
    program = make_program(svc)
    ada = enroll(svc, program.id)
    svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 120, "description": "setup"})
    for name, cost, active in (("Mug", 100, True), ("Tote", 300, True), ("Hat", 150, False), ("Bag", 500, True)):
        reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": name, "reward_type": "free_product",
                                                               "points_cost": cost})
        if not active:
            svc.update_loyalty_reward(SHOP, reward.id, {"active": False})
    summary = svc.get_member_summary(SHOP, ada.id)
    assert (summary.next_reward_name, summary.points_to_next_reward) == ("Tote", 180)  # Hat is not offered
    svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 500, "description": "more"})
    summary = svc.get_member_summary(SHOP, ada.id)
    assert (summary.next_reward_name, summary.points_to_next_reward) == (None, None)  # every reward is in reach


def test_members_enrolled_since_a_day_of_the_shops_calendar(svc, clock):
    import datetime as dt

    svc.save_shop(SHOP, {"timezone": "America/New_York"})
    program = make_program(svc)
    clock.set(dt.datetime(2026, 3, 10, 3, 30, tzinfo=dt.UTC))   # 9 March, 23:30 in New York
    late = enroll(svc, program.id, "Late Evening")
    clock.set(dt.datetime(2026, 3, 10, 5, 30, tzinfo=dt.UTC))   # 10 March, 01:30 in New York
    early = [enroll(svc, program.id, f"Early {i}") for i in range(5)]
    seen, after = [], None
    while True:
        page = svc.list_members_page(SHOP, sort="enrollment_date", enrolled_since=dt.date(2026, 3, 10), limit=2,
                                     after=after)
        seen += [m.id for m in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == [m.id for m in early] and late.id not in seen
    with pytest.raises(ValidationError) as refused:
        svc.list_members_page(SHOP, enrolled_since="2026-03-10")
    assert refused.value.field == "enrolled_since"


@pytest.mark.parametrize("sort", ["name", "card_number", "current_points", "lifetime_points", "total_spent",
                                  "last_activity_date", "enrollment_date"])
@pytest.mark.parametrize("descending", [False, True])
def test_paging_visits_every_member_once_in_order_for_every_sort(svc, clock, sort, descending):
    program = make_program(svc)
    # Ties on every sort key (same names, points, days), so the cursor's id part decides.
    for i in range(7):
        member = enroll(svc, program.id, ["Ann Lee", "Bob Roe", "Ann Lee"][i % 3])
        if i % 2:
            svc.record_purchase(SHOP, program.id, member.id, "10.00", f"P{i}")
        clock.advance(hours=i % 2)
    everyone = svc.list_members_page(SHOP, sort=sort, descending=descending, limit=100).rows
    seen, after = [], None
    while True:
        page = svc.list_members_page(SHOP, sort=sort, descending=descending, after=after, limit=2)
        seen += [m.id for m in page.rows]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == [m.id for m in everyone] and len(set(seen)) == 7
    key = {"name": "name_key"}.get(sort, sort)
    values = [getattr(m, key) for m in everyone]
    assert values == sorted(values, reverse=descending)
