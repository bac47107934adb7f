"""The service side of a till a cashier can trust (issue 9).

Replaced cards are remembered; a scan resolves to a member, a voucher, a replaced card or
nothing; the redemptions queue searches by code or member; the return picker lists a
member's purchases with what is left to return; today's sale can be voided (a reversal in
the ledger, through the return path, exactly once); a replayed purchase says so; and a
write waiting on another register's lock gives up with DatabaseBusy instead of freezing.

Runs on SQLite, and on PostgreSQL when LOYALTY_TEST_PG_URL names a server.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import time
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from loyalty_desk import models
from loyalty_desk.db.migrate import alembic_config, head_revision
from loyalty_desk.services import (
    DESKTOP_BUSY_TIMEOUT_S,
    DatabaseBusy,
    DuplicateReference,
    LoyaltyService,
    NotEligible,
    NotFound,
    PurchaseOutcome,
    ReturnablePurchase,
    ScanResult,
    ValidationError,
)
from loyalty_desk.services.codes import format_card_number, is_valid_card_number

from .support import SHOP, FakeClock, database_state, enroll, make_program

OTHER = "shop-2"
BAD_TEXT = [None, 12, 1.5, b"RW-AAAA-BBBB-CCCC", ["x"], "RW-AAAA\x00-BBBB", "ab\x00c"]


# --- fixtures and helpers ----------------------------------------------------


@pytest.fixture
def till(svc):
    program = make_program(svc, points_per_dollar="3")
    ada = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", phone="(415) 555-2671")
    bob = enroll(svc, program.id, "Bob Smith")
    return program, ada, bob


@pytest.fixture
def theirs(svc):
    """Another shop in the same database, with a member, a purchase, a redemption and a replaced card."""
    program = svc.create_loyalty_program(OTHER, {"program_name": "Theirs", "program_type": "points",
                                                 "points_per_dollar": "5"})
    xavier = svc.enroll_loyalty_member(OTHER, program.id, {"customer_name": "Ada Other", "phone": "(415) 555-9999"})
    svc.record_purchase(OTHER, program.id, xavier.id, "100.00", "THEIR-1")
    mug = svc.create_loyalty_reward(OTHER, program.id, {"reward_name": "Their mug", "reward_type": "free_product",
                                                        "points_cost": 100})
    redemption = svc.create_redemption(OTHER, program.id, xavier.id, mug.id, 100)
    old_card = xavier.card_number
    xavier = svc.replace_member_card(OTHER, xavier.id)
    return program, xavier, redemption, old_card


def reward(svc, program_id, name="Coffee", cost=100):
    return svc.create_loyalty_reward(SHOP, program_id, {"reward_name": name, "reward_type": "free_product",
                                                        "points_cost": cost})


def give(svc, program_id, member_id, points):
    svc.add_points_transaction(SHOP, program_id, member_id, {"points_amount": points, "description": "setup"})


def spelled(code: str) -> list[str]:
    """The ways a scanner or a person might type a reward code."""
    bare = code.replace("-", "")
    return [code, code.lower(), bare, bare.lower(), code.replace("-", " "), f"  {code}  ",
            f"RW {bare[2:6]}-{bare[6:10]} {bare[10:]}", f"rw-{bare[2:].lower()}"]


def retired_rows(svc) -> list[tuple[Any, ...]]:
    R = models.RetiredCard
    with svc.db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(R.user_id, R.member_id, R.card_number).order_by(R.id))]


# --- 1. replaced cards are remembered -----------------------------------------


def test_replacing_a_card_keeps_the_old_number_in_the_same_write(svc, till, clock):
    _, ada, _ = till
    first = ada.card_number
    clock.advance(days=3)
    second = svc.replace_member_card(SHOP, ada.id).card_number
    replaced_first = clock.now
    clock.advance(days=40)
    third = svc.replace_member_card(SHOP, ada.id).card_number
    assert len({first, second, third}) == 3 and all(is_valid_card_number(c) for c in (second, third))
    assert retired_rows(svc) == [(SHOP, ada.id, first), (SHOP, ada.id, second)]
    old = svc.resolve_code(SHOP, first)
    assert (old.kind, old.code, old.member.id, old.member.card_number, old.replaced_on) == (
        "replaced_card", first, ada.id, third, replaced_first)
    assert "replaced on 2026-03-05" in old.message
    assert svc.resolve_code(SHOP, second).replaced_on == clock.now
    assert svc.resolve_code(SHOP, third).kind == "member"
    # The old number still works as a card nowhere: the counter lookup does not find it.
    assert svc.find_members(SHOP, first) == []
    assert svc.check_ledger() == []


def test_a_refused_replacement_remembers_nothing(svc, till):
    _, ada, _ = till
    before = database_state(svc)
    with pytest.raises(NotFound):
        svc.replace_member_card(SHOP, 999_999)
    with pytest.raises(NotFound):
        svc.replace_member_card(OTHER, ada.id)
    with pytest.raises(ValidationError):
        svc.replace_member_card(SHOP, str(ada.id))
    assert database_state(svc) == before


def test_migration_0007_adds_the_table_to_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0006")
    engine.dispose()
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        program = make_program(svc)
        member = enroll(svc, program.id)
        svc.replace_member_card(SHOP, member.id)
        assert retired_rows(svc) == [(SHOP, member.id, member.card_number)]
        with svc.db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()  # 0007 and every later one


# --- 2. resolve_code ----------------------------------------------------------


def test_a_card_resolves_to_its_member_however_it_is_typed(svc, till):
    _, ada, _ = till
    for typed in (ada.card_number, ada.card_number.lower(), format_card_number(ada.card_number),
                  f" {ada.card_number[:5]}-{ada.card_number[5:].lower()} "):
        found = svc.resolve_code(SHOP, typed)
        assert isinstance(found, ScanResult)
        assert (found.kind, found.code, found.member.id, found.member.customer_name) == (
            "member", ada.card_number, ada.id, "Ada Lovelace")
        assert found.redemption is None and found.replaced_on is None and found.allowed_next == ()


def test_a_member_result_carries_the_tier_name(svc):
    program = make_program(svc, program_type="tiered")
    svc.create_loyalty_tier(SHOP, program.id, {"tier_name": "Bronze", "tier_level": 1, "min_points_required": 0})
    member = enroll(svc, program.id)
    assert svc.resolve_code(SHOP, member.card_number).member.tier_name == "Bronze"


def test_a_voucher_code_resolves_to_its_redemption_however_it_is_typed(svc, till):
    program, ada, _ = till
    give(svc, program.id, ada.id, 500)
    item = reward(svc, program.id, "Tote bag", 200)
    red = svc.create_redemption(SHOP, program.id, ada.id, item.id, 200)
    for typed in spelled(red.reward_code_generated):
        found = svc.resolve_code(SHOP, typed)
        assert (found.kind, found.code) == ("redemption", red.reward_code_generated), typed
        assert (found.redemption.id, found.redemption.reward_name, found.redemption.member_name) == (
            red.id, "Tote bag", "Ada Lovelace")
        assert found.member.id == ada.id and found.member.current_points == 300
        assert found.allowed_next == ("approved", "redeemed", "cancelled")


def test_allowed_next_follows_the_fulfillment_workflow(svc, till):
    program, ada, _ = till
    give(svc, program.id, ada.id, 500)
    item = reward(svc, program.id)
    shipped = svc.create_redemption(SHOP, program.id, ada.id, item.id, 100)
    svc.update_redemption_status(SHOP, shipped.id, "approved")
    assert svc.resolve_code(SHOP, shipped.reward_code_generated).allowed_next == ("shipped", "redeemed", "cancelled")
    svc.update_redemption_status(SHOP, shipped.id, "shipped", tracking_number="TRK1")
    assert svc.resolve_code(SHOP, shipped.reward_code_generated).allowed_next == ("delivered",)
    done = svc.create_redemption(SHOP, program.id, ada.id, item.id, 100)
    svc.update_redemption_status(SHOP, done.id, "redeemed")
    found = svc.resolve_code(SHOP, done.reward_code_generated)
    assert (found.kind, found.redemption.fulfillment_status, found.allowed_next) == ("redemption", "redeemed", ())
    # The same workflow the facade publishes.
    transitions = svc.fulfillment_transitions()
    assert set(svc.resolve_code(SHOP, shipped.reward_code_generated).allowed_next) == transitions["shipped"]


def test_unknown_codes(svc, till):
    _, ada, _ = till
    wrong_check = ada.card_number[:-1] + ("2" if ada.card_number[-1] != "2" else "3")
    cases = {
        "RW-2345-6789-ABCD": "No voucher RW-2345-6789-ABCD",
        wrong_check: "mistyped",
        "Ada": "Not a card number or a voucher code",
        "RW-0000-0000-0000": "Not a card number",   # 0 is not in the code alphabet: not a code at all
        "RW-2345-6789-ABC": "Not a card number",    # one symbol short
        "x" * 5000: "Not a card number",
    }
    for typed, message in cases.items():
        found = svc.resolve_code(SHOP, typed)
        assert (found.kind, found.member, found.redemption) == ("unknown", None, None), typed
        assert message in found.message, (typed, found.message)


def test_a_card_number_that_nobody_has_is_unknown(svc, till):
    _, ada, _ = till
    svc.replace_member_card(SHOP, ada.id)
    # A well-formed card number with a valid check symbol, held by no member and no retired card.
    from loyalty_desk.services.codes import new_card_number
    taken = {ada.card_number, svc.get_loyalty_member(SHOP, ada.id).card_number}
    free = next(c for c in iter(new_card_number, None) if c not in taken)
    found = svc.resolve_code(SHOP, free)
    assert (found.kind, found.code) == ("unknown", free) and "No member has the card" in found.message


def test_another_shops_codes_are_unknown(svc, till, theirs):
    _, xavier, redemption, old_card = theirs
    for code in (xavier.card_number, old_card, redemption.reward_code_generated):
        assert svc.resolve_code(SHOP, code).kind == "unknown", code
    assert svc.resolve_code(OTHER, xavier.card_number).kind == "member"
    assert svc.resolve_code(OTHER, old_card).kind == "replaced_card"
    assert svc.resolve_code(OTHER, redemption.reward_code_generated).kind == "redemption"


@pytest.mark.parametrize("bad", [*BAD_TEXT, "", "   "])
def test_resolve_code_refuses_bad_input(svc, till, bad):
    with pytest.raises(ValidationError) as refused:
        svc.resolve_code(SHOP, bad)
    assert refused.value.field == "query"


def test_bad_shop_account_is_refused(svc, till):
    for user in (None, "", 3, "x" * 65):
        with pytest.raises(ValidationError):
            svc.resolve_code(user, "RW-2345-6789-ABCD")
        with pytest.raises(ValidationError):
            svc.search_redemptions(user, "ada")


def test_code_lookups_use_indexes(svc, till):
    if svc.db.dialect != "sqlite":
        pytest.skip("the query plan check reads SQLite's EXPLAIN QUERY PLAN")
    program, ada, _ = till
    give(svc, program.id, ada.id, 500)
    red = svc.create_redemption(SHOP, program.id, ada.id, reward(svc, program.id).id, 100)
    old = ada.card_number
    svc.replace_member_card(SHOP, ada.id)
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "WHERE" in statement:
            statements.append((statement, parameters))

    event.listen(svc.db.engine, "before_cursor_execute", capture)
    try:
        assert svc.resolve_code(SHOP, red.reward_code_generated.lower()).kind == "redemption"
        assert svc.resolve_code(SHOP, old).kind == "replaced_card"
        assert [r.id for r in svc.search_redemptions(SHOP, red.reward_code_generated)] == [red.id]
    finally:
        event.remove(svc.db.engine, "before_cursor_execute", capture)
    checked = {"reward_code_generated": 0, "loyalty_retired_cards.card_number": 0}
    with svc.db.engine.connect() as conn:
        for statement, parameters in statements:
            plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            assert "SCAN" not in plan, (statement, plan)
            for marker in checked:
                if f"{marker} =" in statement:
                    checked[marker] += 1
                    column = marker.rsplit(".", 1)[-1]
                    assert f"({column}=?)" in plan.replace(" ", "").replace("USINGINDEX", ""), plan
    assert all(checked.values()), checked


# --- 3. search_redemptions ------------------------------------------------------


@pytest.fixture
def queue(svc, till, clock):
    program, ada, bob = till
    give(svc, program.id, ada.id, 1000)
    give(svc, program.id, bob.id, 1000)
    item = reward(svc, program.id, "Coffee", 100)
    made = []
    for who in (ada, bob, ada, ada):
        clock.advance(hours=1)
        made.append(svc.create_redemption(SHOP, program.id, who.id, item.id, 100))
    return program, ada, bob, made


def ids(rows):
    return [r.id for r in rows]


def test_search_by_code_finds_exactly_that_redemption(svc, queue):
    *_, made = queue
    for typed in spelled(made[1].reward_code_generated):
        found = svc.search_redemptions(SHOP, typed)
        assert ids(found) == [made[1].id], typed
        assert (found[0].reward_name, found[0].member_name) == ("Coffee", "Bob Smith")


def test_search_by_member_newest_first(svc, queue):
    _, ada, bob, made = queue
    adas = [made[3].id, made[2].id, made[0].id]
    for query in ("ada", "Lovel", "ada@example.com", "415 555 2671", ada.card_number.lower(), ada.referral_code):
        assert ids(svc.search_redemptions(SHOP, query)) == adas, query
    assert ids(svc.search_redemptions(SHOP, "bob")) == [made[1].id]
    assert ids(svc.search_redemptions(SHOP, "smith")) == [made[1].id]
    assert ids(svc.search_redemptions(SHOP, "nobody")) == []
    assert ids(svc.search_redemptions(SHOP, "RW-2345-6789-ABCD")) == []
    assert ids(svc.search_redemptions(SHOP, "   ")) == []
    assert ids(svc.search_redemptions(SHOP, "ada", limit=2)) == adas[:2]


def test_search_by_a_replaced_card_finds_the_members_redemptions(svc, queue):
    _, ada, _, made = queue
    svc.replace_member_card(SHOP, ada.id)
    assert ids(svc.search_redemptions(SHOP, ada.card_number)) == [made[3].id, made[2].id, made[0].id]


def test_search_filtered_by_status(svc, queue):
    _, _, _, made = queue
    svc.update_redemption_status(SHOP, made[2].id, "redeemed")
    svc.update_redemption_status(SHOP, made[0].id, "cancelled")
    assert ids(svc.search_redemptions(SHOP, "ada", status="pending")) == [made[3].id]
    assert ids(svc.search_redemptions(SHOP, "ada", status="redeemed")) == [made[2].id]
    assert ids(svc.search_redemptions(SHOP, made[0].reward_code_generated, status="pending")) == []
    assert ids(svc.search_redemptions(SHOP, made[0].reward_code_generated, status="cancelled")) == [made[0].id]
    assert svc.check_ledger() == []


def test_search_never_crosses_shops(svc, queue, theirs):
    _, _, redemption, old_card = theirs
    assert ids(svc.search_redemptions(SHOP, redemption.reward_code_generated)) == []
    assert ids(svc.search_redemptions(SHOP, old_card)) == []
    # "Ada Other" is a member of the other shop: a name search here finds only this shop's Ada.
    assert {r.member_name for r in svc.search_redemptions(SHOP, "ada")} == {"Ada Lovelace"}
    assert ids(svc.search_redemptions(OTHER, "ada")) == [redemption.id]
    assert ids(svc.search_redemptions(OTHER, old_card)) == [redemption.id]


def test_search_refuses_bad_input(svc, queue):
    _, ada, _, _ = queue
    for bad in BAD_TEXT:
        with pytest.raises(ValidationError) as refused:
            svc.search_redemptions(SHOP, bad)
        assert refused.value.field == "query"
    with pytest.raises(ValidationError) as refused:
        svc.search_redemptions(SHOP, "ada", status="lost")
    assert refused.value.field == "status"
    for limit in (0, -1, 501, "5", True, 2.0):
        with pytest.raises(ValidationError) as refused:
            svc.search_redemptions(SHOP, "ada", limit=limit)
        assert refused.value.field == "limit"
    wrong_check = ada.card_number[:-1] + ("2" if ada.card_number[-1] != "2" else "3")
    with pytest.raises(ValidationError, match="check the last character"):
        svc.search_redemptions(SHOP, wrong_check)


# --- 4. recent_purchases --------------------------------------------------------


def test_recent_purchases_show_what_is_left_to_return(svc, till, clock):
    program, ada, bob = till
    svc.record_purchase(SHOP, program.id, ada.id, "100.00", "A-1")        # 300 points
    clock.advance(hours=2)
    svc.record_purchase(SHOP, program.id, ada.id, "40.00", "A-2")         # 120 points
    clock.advance(hours=2)
    svc.record_purchase(SHOP, program.id, ada.id, "12.50", "A-3")         # 37 points
    svc.record_purchase(SHOP, program.id, bob.id, "9.99", "B-1")
    give(svc, program.id, ada.id, 5)                                     # not a sale: not listed
    svc.reverse_purchase(SHOP, program.id, "A-1", "33.33")
    svc.reverse_purchase(SHOP, program.id, "A-1", "10.00", return_ref="RET-9")
    svc.reverse_purchase(SHOP, program.id, "A-2")
    rows = svc.recent_purchases(SHOP, ada.id)
    assert all(isinstance(r, ReturnablePurchase) for r in rows)
    assert [(r.order_ref, r.amount, r.points_earned, r.returned_amount, r.left_to_return, r.voidable)
            for r in rows] == [
        ("A-3", Decimal("12.50"), 37, Decimal("0.00"), Decimal("12.50"), True),
        ("A-2", Decimal("40.00"), 120, Decimal("40.00"), Decimal("0.00"), False),
        ("A-1", Decimal("100.00"), 300, Decimal("43.33"), Decimal("56.67"), False),
    ]
    first = rows[-1]
    assert (first.program_id, first.member_id, first.status, first.points_pending) == (
        program.id, ada.id, "completed", False)
    assert first.transaction_date == clock.now - dt.timedelta(hours=4)
    assert [r.order_ref for r in svc.recent_purchases(SHOP, ada.id, limit=2)] == ["A-3", "A-2"]
    assert [r.order_ref for r in svc.recent_purchases(SHOP, bob.id)] == ["B-1"]
    # "Left to return" is exactly what reverse_purchase allows.
    with pytest.raises(ValidationError, match="Only USD 56.67"):
        svc.reverse_purchase(SHOP, program.id, "A-1", "56.68")
    svc.reverse_purchase(SHOP, program.id, "A-1", first.left_to_return)
    assert svc.recent_purchases(SHOP, ada.id)[-1].left_to_return == Decimal("0.00")
    assert svc.check_ledger() == []


def test_recent_purchases_show_held_points(svc, clock):
    program = make_program(svc, points_per_dollar="2", program_rules={"pending_days": 3})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "50.00", "P-1")
    row = svc.recent_purchases(SHOP, member.id)[0]
    assert (row.points_earned, row.points_pending, row.status) == (100, True, "pending")
    clock.advance(days=4)
    svc.run_daily_jobs(SHOP)
    row = svc.recent_purchases(SHOP, member.id)[0]
    assert (row.order_ref, row.points_earned, row.points_pending, row.status, row.voidable) == (
        "P-1", 100, False, "completed", False)
    assert len(svc.recent_purchases(SHOP, member.id)) == 1  # the release row is not another sale
    assert svc.check_ledger() == []


def test_recent_purchases_refuse_bad_input(svc, till, theirs):
    _, xavier, _, _ = theirs
    with pytest.raises(NotFound):
        svc.recent_purchases(SHOP, 999_999)
    with pytest.raises(NotFound):
        svc.recent_purchases(SHOP, xavier.id)
    for bad in ("1", None, 1.0, True, 0, -3):
        with pytest.raises(ValidationError):
            svc.recent_purchases(SHOP, bad)
    _, ada, _ = till
    for limit in (0, 201, "20", None):
        with pytest.raises(ValidationError) as refused:
            svc.recent_purchases(SHOP, ada.id, limit=limit)
        assert refused.value.field == "limit"


# --- 5. void --------------------------------------------------------------------


def test_void_reverses_todays_sale_in_the_ledger(svc, till, clock):
    program, ada, _ = till
    sale = svc.record_purchase(SHOP, program.id, ada.id, "100.00", "V-1")
    clock.advance(minutes=2)
    void = svc.void_purchase(SHOP, program.id, "V-1", "rang up twice")
    assert (void.transaction_type, void.source, void.points_amount, void.amount, void.related_transaction_id) == (
        "purchase_return", "void", -300, Decimal("100.00"), sale.id)
    assert (void.reference_type, void.reference_id) == ("void", "V-1")
    assert void.description.startswith("Void: rang up twice.")
    member = svc.get_loyalty_member(SHOP, ada.id)
    assert (member.current_points, member.lifetime_points, member.total_spent) == (0, 0, Decimal("0.00"))
    # Never a delete: the sale row is still there, and the void row follows it.
    history = svc.get_member_points_history(SHOP, ada.id)
    assert [h.id for h in history[:2]] == [void.id, sale.id]
    activity = svc.get_member_activity(SHOP, ada.id)[0]
    assert activity.activity_type == "purchase_returned" and activity.activity_description.startswith("Void:")
    assert activity.activity_metadata["void"] is True
    assert activity.activity_metadata["reason"] == "rang up twice"
    assert activity.activity_metadata["transaction_id"] == void.id
    row = svc.recent_purchases(SHOP, ada.id)[0]
    assert (row.returned_amount, row.left_to_return, row.voidable) == (Decimal("100.00"), Decimal("0.00"), False)
    assert svc.check_ledger(SHOP) == [] and svc.check_ledger() == []


def test_voiding_twice_replays_the_first_void(svc, till, clock):
    program, ada, _ = till
    svc.record_purchase(SHOP, program.id, ada.id, "20.00", "V-2")
    first = svc.void_purchase(SHOP, program.id, "V-2", "wrong member")
    before = database_state(svc)
    clock.advance(minutes=5)
    again = svc.void_purchase(SHOP, program.id, "V-2", "wrong member")
    assert again == first
    assert svc.void_purchase(SHOP, program.id, " V-2 ", "another reason").id == first.id
    assert database_state(svc) == before
    # The sale cannot be returned again, nor recorded again: its order reference stays a replay.
    with pytest.raises(ValidationError, match="fully returned"):
        svc.reverse_purchase(SHOP, program.id, "V-2")
    again_sale = svc.record_purchase_outcome(SHOP, program.id, ada.id, "20.00", "V-2")
    assert again_sale.replayed is True
    assert database_state(svc) == before
    assert svc.check_ledger() == []


def test_void_needs_a_reason(svc, till):
    program, ada, _ = till
    svc.record_purchase(SHOP, program.id, ada.id, "20.00", "V-3")
    before = database_state(svc)
    for reason in (None, "", "   ", 42, b"oops", "bad\x00reason", "x" * 201):
        with pytest.raises(ValidationError) as refused:
            svc.void_purchase(SHOP, program.id, "V-3", reason)
        assert refused.value.field == "reason", reason
    assert database_state(svc) == before


def test_only_todays_sales_without_a_return_can_be_voided(svc, till, clock):
    program, ada, _ = till
    svc.record_purchase(SHOP, program.id, ada.id, "30.00", "OLD")
    clock.advance(days=1)
    svc.record_purchase(SHOP, program.id, ada.id, "30.00", "PART")
    svc.reverse_purchase(SHOP, program.id, "PART", "5.00")
    before = database_state(svc)
    with pytest.raises(NotEligible, match="Only today's sales can be voided; use Return") as refused:
        svc.void_purchase(SHOP, program.id, "OLD", "late")
    assert refused.value.field == "order_ref"
    with pytest.raises(NotEligible, match="already has a return"):
        svc.void_purchase(SHOP, program.id, "PART", "changed mind")
    assert database_state(svc) == before
    assert [r.voidable for r in svc.recent_purchases(SHOP, ada.id)] == [False, False]
    # A Return still works for both.
    svc.reverse_purchase(SHOP, program.id, "OLD")
    svc.reverse_purchase(SHOP, program.id, "PART")
    assert svc.check_ledger() == []


def test_today_is_the_shops_local_day(svc, till, clock):
    program, ada, _ = till
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "America/New_York",
                         "phone_region": "US"})
    # 23:30 in New York is the next day in UTC; 00:30 the next morning is another local day.
    clock.set(dt.datetime(2026, 3, 3, 4, 30, tzinfo=dt.timezone.utc))   # 2 March, 23:30 local
    svc.record_purchase(SHOP, program.id, ada.id, "10.00", "LATE")
    clock.set(dt.datetime(2026, 3, 3, 5, 30, tzinfo=dt.timezone.utc))   # 3 March, 00:30 local
    assert svc.recent_purchases(SHOP, ada.id)[0].voidable is False
    with pytest.raises(NotEligible, match="Only today's"):
        svc.void_purchase(SHOP, program.id, "LATE", "too late")
    # 00:10 and 23:50 local are the same shop day, although their UTC dates differ.
    clock.set(dt.datetime(2026, 3, 3, 5, 10, tzinfo=dt.timezone.utc))   # 3 March, 00:10 local
    svc.record_purchase(SHOP, program.id, ada.id, "10.00", "EARLY")
    clock.set(dt.datetime(2026, 3, 4, 4, 50, tzinfo=dt.timezone.utc))   # 3 March, 23:50 local
    assert svc.recent_purchases(SHOP, ada.id)[0].voidable is True
    assert svc.void_purchase(SHOP, program.id, "EARLY", "mistake").source == "void"
    assert svc.check_ledger() == []


def test_void_of_a_held_purchase_fails_the_hold(svc, clock):
    program = make_program(svc, points_per_dollar="2", program_rules={"pending_days": 3})
    member = enroll(svc, program.id)
    svc.record_purchase(SHOP, program.id, member.id, "50.00", "H-1")
    void = svc.void_purchase(SHOP, program.id, "H-1", "card declined")
    assert (void.points_amount, void.source, void.amount) == (0, "void", Decimal("50.00"))
    assert "100 pending points cancelled" in void.description
    assert svc.recent_purchases(SHOP, member.id)[0].status == "failed"
    clock.advance(days=4)
    svc.run_daily_jobs(SHOP)
    assert svc.get_loyalty_member(SHOP, member.id).current_points == 0
    assert svc.check_ledger() == []


def test_void_after_the_points_were_spent_records_the_shortfall(svc, till):
    program, ada, _ = till
    svc.record_purchase(SHOP, program.id, ada.id, "100.00", "S-1")  # 300 points
    svc.create_redemption(SHOP, program.id, ada.id, reward(svc, program.id, "Bag", 250).id, 250)
    void = svc.void_purchase(SHOP, program.id, "S-1", "wrong card")
    assert (void.points_amount, void.shortfall_points, void.points_balance_after) == (-50, 250, 0)
    assert "could not be taken back" in void.description
    assert svc.get_member_activity(SHOP, ada.id)[0].activity_metadata["shortfall_points"] == 250
    assert svc.check_ledger() == []


def test_void_refuses_unknown_or_foreign_sales(svc, till, theirs):
    program, _, _ = till
    their_program, *_ = theirs
    before = database_state(svc)
    with pytest.raises(NotFound):
        svc.void_purchase(SHOP, program.id, "NOPE", "why")
    with pytest.raises(NotFound):
        svc.void_purchase(SHOP, program.id, "THEIR-1", "why")           # another shop's order
    with pytest.raises(NotFound):
        svc.void_purchase(SHOP, their_program.id, "THEIR-1", "why")     # another shop's program
    for bad in (None, 3, "", "a\x00b"):
        with pytest.raises(ValidationError):
            svc.void_purchase(SHOP, program.id, bad, "why")
    for bad in ("1", None, 0):
        with pytest.raises(ValidationError):
            svc.void_purchase(SHOP, bad, "NOPE", "why")
    assert database_state(svc) == before


def test_integrations_cannot_use_the_void_reference_type(svc, till):
    program, ada, _ = till
    with pytest.raises(ValidationError, match="reserved") as refused:
        svc.add_points_transaction(SHOP, program.id, ada.id, {"points_amount": 5, "transaction_type": "purchase",
                                                              "reference_type": "void", "reference_id": "X"})
    assert refused.value.field == "reference_type"


# --- 6. replays are told apart ------------------------------------------------


def test_record_purchase_outcome_tells_a_replay(svc, till, clock):
    program, ada, _ = till
    first = svc.record_purchase_outcome(SHOP, program.id, ada.id, "12.50", "ORD-7")
    assert isinstance(first, PurchaseOutcome)
    assert (first.replayed, first.transaction.points_amount, first.transaction.created_at) == (False, 37, clock.now)
    recorded_at = clock.now
    clock.advance(minutes=3)
    before = database_state(svc)
    again = svc.record_purchase_outcome(SHOP, program.id, ada.id, Decimal("12.50"), "ORD-7")
    assert (again.replayed, again.transaction) == (True, first.transaction)
    assert again.transaction.created_at == recorded_at        # "Already recorded at TIME"
    assert svc.record_purchase(SHOP, program.id, ada.id, "12.50", "ORD-7") == first.transaction
    assert database_state(svc) == before
    with pytest.raises(DuplicateReference):
        svc.record_purchase_outcome(SHOP, program.id, ada.id, "12.51", "ORD-7")
    assert svc.get_loyalty_member(SHOP, ada.id).current_points == 37


def test_reverse_purchase_outcome_tells_a_replay_and_the_shortfall(svc, till):
    program, ada, _ = till
    svc.record_purchase(SHOP, program.id, ada.id, "100.00", "R-1")
    svc.create_redemption(SHOP, program.id, ada.id, reward(svc, program.id, "Bag", 280).id, 280)
    first = svc.reverse_purchase_outcome(SHOP, program.id, "R-1", "50.00", return_ref="RET-1")
    assert (first.replayed, first.transaction.points_amount, first.transaction.shortfall_points) == (False, -20, 130)
    again = svc.reverse_purchase_outcome(SHOP, program.id, "R-1", "50.00", return_ref="RET-1")
    assert (again.replayed, again.transaction) == (True, first.transaction)
    assert svc.reverse_purchase(SHOP, program.id, "R-1", return_ref="RET-1") == first.transaction
    plain = svc.reverse_purchase_outcome(SHOP, program.id, "R-1", "10.00")
    assert plain.replayed is False and plain.transaction.id != first.transaction.id
    assert svc.check_ledger() == []


# --- 7. a bounded wait for another register -------------------------------------


def test_busy_timeout_is_configurable_and_checked(db_url):
    with LoyaltyService(db_url, clock=FakeClock()) as svc:
        assert svc.busy_timeout_s == 30.0
    with LoyaltyService(db_url, clock=FakeClock(), busy_timeout_s=DESKTOP_BUSY_TIMEOUT_S) as svc:
        assert svc.busy_timeout_s == DESKTOP_BUSY_TIMEOUT_S == 10.0
        if svc.db.dialect == "sqlite":
            with svc.db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        else:
            with svc.db.engine.connect() as conn:
                assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "10s"
    for bad in (0, -1, "10", True, 3601, float("nan"), float("inf")):
        with pytest.raises(ValidationError) as refused:
            LoyaltyService(db_url, busy_timeout_s=bad)
        assert refused.value.field == "busy_timeout_s"


def _plain_pg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _hold_lock(url: str, member_id: int, locked: Any, release: Any, hold_s: float) -> None:
    """Another register: takes the write lock (SQLite) or the member's row lock (PostgreSQL)
    and keeps it until told, or for `hold_s` seconds at most."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(make_url(url).database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        import psycopg
        conn = psycopg.connect(_plain_pg_url(url))
        conn.execute("SELECT id FROM loyalty_members WHERE id = %s FOR UPDATE", (member_id,))
    locked.set()
    release.wait(hold_s)
    conn.rollback()
    conn.close()


def _start_holder(url: str, member_id: int, hold_s: float) -> tuple[Any, Any]:
    ctx = multiprocessing.get_context("spawn")
    locked, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_lock, args=(url, member_id, locked, release, hold_s), daemon=True)
    proc.start()
    assert locked.wait(60), "the lock holder did not start"
    return proc, release


def _rows(svc, order_ref: str) -> int:
    T = models.PointsTransaction
    with svc.db.engine.connect() as conn:
        return conn.execute(select(func.count()).where(T.reference_type == "order",
                                                       T.reference_id == order_ref)).scalar_one()


@contextmanager
def _shop_with_ada(db_url: str, clock, *, busy_timeout_s: float):  # type: ignore[no-untyped-def]
    """A service with its own lock wait, a shop, a program and Ada enrolled."""
    with LoyaltyService(db_url, clock=clock, busy_timeout_s=busy_timeout_s) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
        program = make_program(svc)
        yield svc, program, enroll(svc, program.id)


@pytest.mark.processes
def test_a_write_held_up_too_long_fails_with_database_busy_and_writes_nothing(db_url, clock):
    with _shop_with_ada(db_url, clock, busy_timeout_s=1.0) as (svc, program, ada):
        before = database_state(svc)
        proc, release = _start_holder(db_url, ada.id, hold_s=120)
        try:
            started = time.monotonic()
            with pytest.raises(DatabaseBusy, match="another register is saving") as refused:
                svc.record_purchase(SHOP, program.id, ada.id, "25.00", "BUSY-1")
            waited = time.monotonic() - started
            assert isinstance(refused.value.__cause__, Exception)
            # Not the old 30 s x 4 attempts: a generous bound, not a timing target.
            assert waited < 20, waited
            # Reads still answer while the other register holds the lock.
            assert svc.get_loyalty_member(SHOP, ada.id).current_points == 0
        finally:
            release.set()
            proc.join(30)
        assert proc.exitcode == 0
        assert database_state(svc) == before and _rows(svc, "BUSY-1") == 0
        # The cashier presses Retry: recorded once, and a second retry is a replay.
        first = svc.record_purchase_outcome(SHOP, program.id, ada.id, "25.00", "BUSY-1")
        again = svc.record_purchase_outcome(SHOP, program.id, ada.id, "25.00", "BUSY-1")
        assert (first.replayed, again.replayed, again.transaction.id) == (False, True, first.transaction.id)
        assert _rows(svc, "BUSY-1") == 1
        assert svc.get_loyalty_member(SHOP, ada.id).current_points == 25
        assert svc.check_ledger() == []


@pytest.mark.processes
def test_a_write_waits_for_a_short_lock_and_then_goes_through(db_url, clock):
    with _shop_with_ada(db_url, clock, busy_timeout_s=60.0) as (svc, program, ada):
        proc, release = _start_holder(db_url, ada.id, hold_s=0.5)   # lets go by itself
        try:
            tx = svc.record_purchase(SHOP, program.id, ada.id, "7.00", "WAIT-1")
        finally:
            release.set()
            proc.join(30)
        assert proc.exitcode == 0
        assert tx.points_amount == 7 and _rows(svc, "WAIT-1") == 1
        assert svc.check_ledger() == []
