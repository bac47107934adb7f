"""The counter's statements keep their indexes whatever SQLite's statistics say (issue 14).

The app refreshes SQLite's statistics on close with `PRAGMA optimize` on a sample of each index
(`analysis_limit`). On a big shop the sample sees one shop and one run of equal values, so it
writes figures such as "401 rows per shop" for every index led by the shop: then each index looks
as good as another, and a return once walked the shop's whole ledger (3.5 s at 100,000 members)
instead of taking its order from the reference's unique index. These are the statistics such a
close wrote on the 100,000-member demo; with them loaded, every statement of the counter's calls
must still search the big tables by a selective index: no full scan, and no walk of a whole shop.
Plans, not timings: nothing here is timed.
"""
from __future__ import annotations

import re
import sqlite3
import uuid

import pytest

from loyalty_desk.db.statements import recorded
from loyalty_desk.services import LoyaltyService

from .support import SHOP, FakeClock, enroll
from .test_statement_budgets import counter

# (table, index, stat) as PRAGMA optimize with analysis_limit = 400 wrote them on the 100k demo.
SAMPLED_STATS = [
    ("loyalty_member_activity", "ix_loyalty_member_activity_api_key", "1552320 401 2"),
    ("loyalty_member_activity", "ix_loyalty_member_activity_member_id", "2438100 58 2"),
    ("loyalty_member_activity", "ix_loyalty_member_activity_type", "2156544 401"),
    ("loyalty_member_activity", "ix_loyalty_member_activity_user_date", "2211120 401 2"),
    ("loyalty_members", "ix_loyalty_members_birthday", "142848 267"),
    ("loyalty_members", "ix_loyalty_members_by_card_number", "96348 401 1 1"),
    ("loyalty_members", "ix_loyalty_members_by_current_points", "144300 401 401 1"),
    ("loyalty_members", "ix_loyalty_members_by_enrollment_date", "102240 401 1 1"),
    ("loyalty_members", "ix_loyalty_members_by_last_activity_date", "108732 401 1 1"),
    ("loyalty_members", "ix_loyalty_members_by_lifetime_points", "116725 401 401 1"),
    ("loyalty_members", "ix_loyalty_members_by_total_spent", "178416 401 401 1"),
    ("loyalty_members", "ix_loyalty_members_customer_id", "89505 2"),
    ("loyalty_members", "ix_loyalty_members_email", "497043 2"),
    ("loyalty_members", "ix_loyalty_members_name_key", "104860 401 45"),
    ("loyalty_members", "ix_loyalty_members_phone", "175764 2"),
    ("loyalty_members", "ix_loyalty_members_program_user", "96354 401 401"),
    ("loyalty_members", "ix_loyalty_members_status", "51480 401"),
    ("loyalty_members", "ix_loyalty_members_surname_key", "97200 401 401"),
    ("loyalty_members", "ix_loyalty_members_user_email", "359114 401 401"),
    ("loyalty_members", "ix_loyalty_members_user_phone", "214248 401 401"),
    ("loyalty_members", "sqlite_autoindex_loyalty_members_1", "76384 1"),
    ("loyalty_members", "sqlite_autoindex_loyalty_members_2", "74044 1"),
    ("loyalty_members", "sqlite_autoindex_loyalty_members_3", "379692 401 401"),
    ("loyalty_members", "sqlite_autoindex_loyalty_members_4", "138400 401 401"),
    ("loyalty_point_lots", "ix_loyalty_point_lots_member", "1231560 23 1"),
    ("loyalty_point_lots", "ix_loyalty_point_lots_open_expiry", "3583020 3"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_actor", "524160 401 1"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_created_at", "522474 1"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_member_id", "1832544 34 1"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_pending", "11155 1"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_related", "1538880 3"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_type", "860966 401"),
    ("loyalty_points_transactions", "ix_loyalty_points_transactions_user_created", "888930 401 1"),
    ("loyalty_points_transactions", "sqlite_autoindex_loyalty_points_transactions_1", "4156500 401 401 401"),
    ("loyalty_redemptions", "ix_loyalty_redemptions_date", "109604 1"),
    ("loyalty_redemptions", "ix_loyalty_redemptions_member_id", "59059 6"),
    ("loyalty_redemptions", "ix_loyalty_redemptions_reward_member", "85440 401 3"),
    ("loyalty_redemptions", "ix_loyalty_redemptions_status", "97110 401"),
    ("loyalty_redemptions", "sqlite_autoindex_loyalty_redemptions_1", "127596 1"),
]
BIG = "loyalty_points_transactions|loyalty_members|loyalty_point_lots|loyalty_member_activity|loyalty_redemptions"
# A full scan of a big table, or a search by an index of a big table that narrows it to one shop
# only (a walk of the whole shop).
SCANS = re.compile(rf"^SCAN (?:{BIG})\b")
SHOP_WALKS = re.compile(rf"USING (?:COVERING )?INDEX (?:ix|sqlite_autoindex)_(?:{BIG})_\w* \(user_id=\?\)")
# Every ledger row of one type, of every shop and day (the type index without its dates).
TYPE_WALKS = re.compile(r"USING (?:COVERING )?INDEX ix_loyalty_points_transactions_type \(transaction_type=\?\)")


def walks(path, sql: str) -> list[str]:
    """The plan's lines that read a big table whole, or a whole shop of it. A shop's walk in the
    order of an index, stopping at a LIMIT (the newest members, a page), reads only what it shows."""
    lines = plan_lines(path, sql)
    ordered = "LIMIT" in sql and not any("TEMP B-TREE" in line for line in lines)
    return [line for line in lines
            if SCANS.search(line) or TYPE_WALKS.search(line) or (SHOP_WALKS.search(line) and not ordered)]


def plan_lines(path, sql: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, [None] * sql.count("?"))]


def counter_shop(path, stats):
    """A counter's shop (tiers, rewards, a member with history) in a file whose statistics are `stats`."""
    clock = FakeClock()
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        program, member, hamper = counter(svc, clock, tiers=3, rewards=4, visits=3)
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")            # makes sqlite_stat1
        load_stats(conn, stats)
    return path, clock, program, member, hamper


def load_stats(conn: sqlite3.Connection, stats: list[tuple[str, str, str]]) -> None:
    conn.execute("DELETE FROM sqlite_stat1")
    conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", stats)


@pytest.fixture
def shop_with_sampled_stats(tmp_path):
    return counter_shop(tmp_path / "shop.db", SAMPLED_STATS)


def test_the_sampled_statistics_are_the_ones_loaded(shop_with_sampled_stats):
    path = shop_with_sampled_stats[0]
    with sqlite3.connect(path) as conn:
        assert sorted(conn.execute("SELECT tbl, idx, stat FROM sqlite_stat1")) == sorted(SAMPLED_STATS)
    # And they do mislead the planner: a join on the reference, as the return's once was, walks the shop.
    naive = ("SELECT t.id FROM loyalty_programs p JOIN loyalty_points_transactions t ON t.program_id = p.id "
             "AND t.reference_type = 'order' AND t.reference_id = ? AND t.user_id = ? WHERE p.id = ?")
    assert walks(path, naive), plan_lines(path, naive)


def test_every_counter_statement_searches_by_a_selective_index(shop_with_sampled_stats):
    path, clock, program, member, hamper = shop_with_sampled_stats
    order = f"O-{uuid.uuid4().hex[:10]}"
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        # A member enrolled before visits were counted: their first sale counts the past ones.
        uncounted = enroll(svc, program.id, "Grace Hopper")
        svc.record_purchase(SHOP, program.id, uncounted.id, "5.00", order + "-G")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE loyalty_members SET visit_count = NULL WHERE id = ?", (uncounted.id,))
        load_stats(conn, SAMPLED_STATS)    # as they were before that close refreshed them
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        calls = {
            "card": lambda: svc.find_members(SHOP, member.card_number),
            "phone": lambda: svc.find_members(SHOP, "(415) 555-2671"),
            "email": lambda: svc.find_members(SHOP, "ADA@example.com"),
            "name": lambda: svc.find_members(SHOP, "Ada"),
            "summary": lambda: svc.get_member_summary(SHOP, member.id),
            "purchase": lambda: svc.record_purchase(SHOP, program.id, member.id, "40.00", order),
            "uncounted visits": lambda: svc.record_purchase(SHOP, program.id, uncounted.id, "5.00", order + "-U"),
            "redemption": lambda: svc.create_redemption(SHOP, program.id, member.id, hamper.id),
            "return": lambda: svc.reverse_purchase(SHOP, program.id, order, "10.00", return_ref=order + "-R"),
            "history": lambda: svc.get_member_points_history(SHOP, member.id),
            "member's redemptions": lambda: svc.get_member_redemptions(SHOP, member.id),
            "member's activity": lambda: svc.get_member_activity(SHOP, member.id),
            "receipt": lambda: svc.get_receipt_lines(SHOP, svc.get_member_points_history(SHOP, member.id)[0].id),
            "dashboard": lambda: svc.get_loyalty_dashboard_data(SHOP),
            "liability": lambda: svc.get_points_liability(SHOP),
        }
        found: dict[str, list[str]] = {}
        for name, call in calls.items():
            with recorded(svc.db.engine) as seen:
                call()
            assert seen, name
            if name == "uncounted visits":
                assert [sql for sql in seen if "count(*)" in sql and "transaction_type" in sql], seen
            for sql in seen:
                if sql.split(None, 1)[0].upper() in ("SELECT", "UPDATE", "DELETE", "INSERT", "WITH"):
                    found.setdefault(name, []).extend(f"{line}  <-  {sql[:80]}" for line in walks(path, sql))
    assert {name: lines for name, lines in found.items() if lines} == {}


@pytest.mark.parametrize("sort", ["name", "card_number", "current_points", "lifetime_points", "total_spent",
                                  "last_activity_date"])
def test_a_members_page_walks_its_sort_index_in_order(shop_with_sampled_stats, sort):
    """A page may walk the shop's members, but in the order of its sort's index, stopping after one
    page: never a scan, never a sort of the whole shop."""
    path, clock, *_ = shop_with_sampled_stats
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        with recorded(svc.db.engine) as seen:
            page = svc.list_members_page(SHOP, sort=sort, limit=1)
            svc.list_members_page(SHOP, sort=sort, limit=1, after=page.next_after)
    selects = [sql for sql in seen if sql.startswith("SELECT")]
    assert len(selects) == 2
    for sql in selects:
        lines = plan_lines(path, sql)
        assert not [line for line in lines if line.startswith("SCAN") or "TEMP B-TREE" in line], lines
        assert any(f"_by_{sort}" in line or (sort == "name" and "_name_key" in line) for line in lines), lines


def test_the_daily_job_finds_and_reads_the_due_by_their_indexes(shop_with_sampled_stats):
    """The job lists the members due by a range of the open holds' and open lots' own indexes, and
    reads a chunk of them, their holds and lots by member: never the shop's whole ledger or lots."""
    path, clock, program, member, _ = shop_with_sampled_stats
    clock.advance(days=400)        # the member's lots have all expired
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        with recorded(svc.db.engine) as seen:
            summary = svc.run_daily_jobs(SHOP, clock.now.date())
        assert summary.lots_expired == 4
    due = [sql for sql in seen if "pending_until <" in sql or "expires_at <" in sql]
    assert len(due) >= 4, due      # the two listings, the chunk's holds and lots
    assert {sql: walks(path, sql) for sql in due if walks(path, sql)} == {}
    # The members found so are read by their ids, never by a walk of an index of the members.
    members = [line for sql in seen if "FROM loyalty_members" in sql and "loyalty_members.id IN (" in sql
               for line in plan_lines(path, sql)]
    assert members and all("PRIMARY KEY" in line for line in members), members
    lists = [plan_lines(path, sql) for sql in due if "IN (" not in sql]
    assert any("ix_loyalty_points_transactions_pending" in " ".join(lines) for lines in lists), lists
    assert any("ix_loyalty_point_lots_open_expiry" in " ".join(lines) for lines in lists), lists


def test_an_index_added_after_the_statistics_is_measured_when_the_shop_opens(tmp_path):
    """Statistics written on close before migration 0023, which added the ledger's type index: with
    figures for every other index and none for it, SQLite took it for the most selective, and the
    count of a member's past sales (made once, for a member enrolled before visits were counted)
    walked every purchase of every shop. Opening the shop measures the index first."""
    before = [row for row in SAMPLED_STATS if row[1] != "ix_loyalty_points_transactions_type"]
    path, clock, *_ = counter_shop(tmp_path / "shop.db", before)
    count = ("SELECT count(*) FROM loyalty_points_transactions WHERE member_id = ? "
             "AND reference_type = 'order' AND transaction_type = 'purchase'")
    assert walks(path, count), plan_lines(path, count)            # as the statistics stood
    with LoyaltyService(f"sqlite:///{path}", clock=clock), sqlite3.connect(path) as conn:
        measured = dict(conn.execute("SELECT idx, stat FROM sqlite_stat1"))
    assert "ix_loyalty_points_transactions_type" in measured
    assert {idx: measured[idx] for _, idx, _ in before} == {idx: stat for _, idx, stat in before}  # kept
    with LoyaltyService(f"sqlite:///{path}", clock=clock), sqlite3.connect(path) as conn:
        assert dict(conn.execute("SELECT idx, stat FROM sqlite_stat1")) == measured     # measured once


def test_a_shop_without_statistics_is_left_without(tmp_path):
    """Where no index has figures, every index is judged alike: opening writes none."""
    path = tmp_path / "shop.db"
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()) as svc:
        counter(svc, FakeClock(), tiers=1, rewards=1, visits=1)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    with LoyaltyService(f"sqlite:///{path}", clock=FakeClock()), sqlite3.connect(path) as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
