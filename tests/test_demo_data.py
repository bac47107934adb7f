"""The demo shop: built by the bulk path, it must obey every ledger rule and hold every kind of event."""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from loyalty_desk.models import Member, PointsTransaction, TierProgression
from loyalty_desk.models.enums import FulfillmentStatus, MembershipStatus, ProgramType
from loyalty_desk.services import LoyaltyService, ValidationError
from loyalty_desk.services.contacts import normalize_email, normalize_phone
from loyalty_desk.demo import USER_ID, build_demo

MEMBERS = 300


@pytest.fixture
def demo(db_url: str, clock) -> Iterator[tuple[LoyaltyService, dict]]:
    stats = build_demo(db_url, members=MEMBERS, clock=clock)
    with LoyaltyService(db_url, clock=clock) as service:
        yield service, stats


def count(svc: LoyaltyService, *where) -> int:
    with svc.db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(PointsTransaction).where(*where))


def test_demo_shop_obeys_every_ledger_rule(demo):
    svc, stats = demo
    assert svc.check_ledger() == []
    assert svc.check_ledger(USER_ID) == []
    assert stats["members"] == MEMBERS
    assert stats["transactions"] == count(svc)


def test_the_demo_shop_has_a_letterhead(demo):
    shop = demo[0].get_shop(USER_ID)
    assert shop.address.splitlines() == ["214 Main Street", "Springfield, IL 62701"]
    assert shop.logo_png is not None and shop.logo_png.startswith(b"\x89PNG\r\n\x1a\n")   # the PNG beside demo/catalog.py


def test_demo_shop_holds_every_kind_of_event(demo, clock):
    svc, _ = demo
    T = PointsTransaction
    programs = svc.get_loyalty_programs(USER_ID)
    assert {p.program_type for p in programs} == {t.value for t in ProgramType}
    tiered = next(p for p in programs if p.program_type == ProgramType.TIERED)
    assert [t.tier_name for t in svc.get_loyalty_tiers(USER_ID, tiered.id)] == ["Bronze", "Silver", "Gold"]
    assert any(p.points_expiration_days for p in programs)
    assert any((p.program_rules or {}).get("pending_days") for p in programs)
    for status in FulfillmentStatus:
        assert svc.get_redemptions(USER_ID, status=status.value, limit=1), f"no {status.value} redemption"
    for kind in ("expiration", "birthday_bonus", "referral", "welcome_bonus", "purchase_return",
                 "redemption_refund", "manual_adjustment"):
        assert count(svc, T.transaction_type == kind), f"no {kind} row"
    assert count(svc, T.status == "pending"), "no points held for the return window"
    assert count(svc, T.status == "failed"), "no hold failed by a return inside the window"
    assert count(svc, T.source == "pending_release"), "no hold released"
    assert count(svc, T.shortfall_points > 0), "no return after the points were spent"
    assert count(svc, T.reference_id.like("%#2")), "no order returned in two parts"
    with svc.db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(TierProgression)
                           .where(TierProgression.previous_tier_id.is_not(None))), "no promotion past the first tier"
        members = conn.execute(select(Member)).all()
    assert sum(m.referred_by is not None for m in members)
    assert {m.membership_status for m in members} >= {MembershipStatus.ACTIVE.value, MembershipStatus.INACTIVE.value}
    assert sum(m.birthday is not None for m in members) > MEMBERS // 2
    for m in members:
        assert m.email is None or normalize_email(m.email) == m.email
        assert m.phone is None or normalize_phone(m.phone, "US") == m.phone
    assert all(m.enrollment_date <= clock.now for m in members)
    # Rewards: some stock was taken, one is tier-exclusive, one has a per-member limit.
    rewards = [r for p in programs for r in svc.get_loyalty_rewards(USER_ID, p.id)]
    assert any(r.quantity_available and r.quantity_remaining < r.quantity_available for r in rewards)
    assert any(r.tier_exclusive_id for r in rewards)
    assert any((r.reward_terms or {}).get("max_per_member") for r in rewards)
    # The dashboard has its history: a snapshot per program per day.
    assert len(svc.get_analytics_snapshots(USER_ID, tiered.id)) > 365
    assert svc.get_loyalty_dashboard_data(USER_ID)["totalMembers"] == MEMBERS


def test_history_is_a_year_up_to_now(demo, clock):
    svc, _ = demo
    T = PointsTransaction
    with svc.db.engine.connect() as conn:
        first, last = conn.execute(select(func.min(T.created_at), func.max(T.created_at))).one()
    assert clock.now - dt.timedelta(days=367) < first < clock.now - dt.timedelta(days=300)
    assert clock.now - dt.timedelta(days=2) < last <= clock.now


def test_the_service_keeps_working_on_the_demo_shop(demo, clock):
    svc, _ = demo
    cafe = next(p for p in svc.get_loyalty_programs(USER_ID) if p.program_type == ProgramType.POINTS)
    member = next(m for m in svc.get_loyalty_members(USER_ID, cafe.id)
                  if m.membership_status == MembershipStatus.ACTIVE and m.phone)
    assert [m.id for m in svc.find_members(USER_ID, member.card_number)] == [member.id]
    assert member.id in [m.id for m in svc.find_members(USER_ID, member.phone)]

    tx = svc.record_purchase(USER_ID, cafe.id, member.id, Decimal("120.00"), "TEST-ORDER-1")
    assert tx.points_amount == 240
    coffee = next(r for r in svc.get_loyalty_rewards(USER_ID, cafe.id) if r.reward_name == "Free coffee")
    redemption = svc.create_redemption(USER_ID, cafe.id, member.id, coffee.id, coffee.points_cost)
    svc.update_redemption_status(USER_ID, redemption.id, "redeemed")
    old_order = next(t for t in svc.get_member_points_history(USER_ID, member.id)
                     if t.reference_type == "order" and t.reference_id != "TEST-ORDER-1" and t.status == "completed")
    svc.reverse_purchase(USER_ID, cafe.id, old_order.reference_id, Decimal("0.50"))
    assert svc.check_ledger() == []

    clock.advance(days=1)
    svc.run_daily_jobs(USER_ID)
    clock.advance(days=200)   # past every expiry date and return window of the demo year
    summary = svc.run_daily_jobs(USER_ID)
    assert summary.lots_expired > 0 and summary.pending_completed > 0
    assert svc.check_ledger() == []


# SQL expressions that show how SQLite stored a value (its storage class, and its text length where fixed).
STORAGE = {
    "loyalty_members": ("typeof(birthday)", "length(birthday)", "typeof(enrollment_date)", "length(enrollment_date)",
                        "typeof(total_spent)", "typeof(member_metadata)"),
    "loyalty_points_transactions": ("typeof(created_at)", "length(created_at)", "typeof(expiration_date)",
                                    "length(expiration_date)", "typeof(amount)"),
    "loyalty_point_lots": ("typeof(expires_at)", "length(expires_at)"),
    "loyalty_member_activity": ("typeof(activity_date)", "length(activity_date)", "typeof(activity_metadata)"),
}


def test_bulk_rows_are_stored_like_service_rows(tmp_path, clock):
    """The bulk path binds values itself. On SQLite, where a column's type does not fix how a value is
    stored, every value must be stored as the ORM stores it: timestamps, money, dates, JSON."""
    url = f"sqlite:///{tmp_path / 'formats.db'}"
    build_demo(url, members=40, clock=clock)
    with LoyaltyService(url, clock=clock) as svc:
        program = next(p for p in svc.get_loyalty_programs(USER_ID) if p.points_expiration_days)
        member = svc.enroll_loyalty_member(USER_ID, program.id, {"customer_name": "Grace Hopper",
                                                                 "birthday": "1990-04-23"})
        svc.record_purchase(USER_ID, program.id, member.id, Decimal("12.34"), "BY-THE-SERVICE")
        with svc.db.engine.connect() as conn:
            for table, storage in STORAGE.items():
                def stored(where: str) -> set[tuple]:
                    sql = f"SELECT DISTINCT {', '.join(storage)} FROM {table} WHERE {where}"  # noqa: B023
                    return set(conn.exec_driver_sql(sql).all())
                assert stored(f"member_id = {member.id}" if table != "loyalty_members" else f"id = {member.id}") \
                    <= stored(f"member_id <> {member.id}" if table != "loyalty_members" else f"id <> {member.id}"), \
                    table


def test_a_second_build_is_refused(db_url, clock):
    build_demo(db_url, members=0, clock=clock)
    with pytest.raises(ValidationError, match="already holds the demo shop"):
        build_demo(db_url, members=0, clock=clock)


def test_same_seed_same_history(tmp_path, clock):
    def history(name: str) -> list[tuple]:
        url = f"sqlite:///{tmp_path / name}"
        build_demo(url, members=60, seed=11, clock=clock)
        T = PointsTransaction
        with LoyaltyService(url, clock=clock) as svc, svc.db.engine.connect() as conn:
            return conn.execute(select(T.member_id, T.transaction_type, T.points_amount, T.created_at, T.amount)
                                .order_by(T.id)).all()

    assert history("a.db") == history("b.db")


def test_a_writer_process_writes_the_same_rows(tmp_path, clock, monkeypatch):
    """Big builds write their rows in a process of their own (demo/writer.py): the file must hold
    exactly what a build written in process holds, row for row, in every table."""
    from loyalty_desk.services import codes

    def files(process: bool) -> dict[str, list[tuple]]:
        numbers = iter(range(1, 10**6))   # the codes are random: the same ones for both builds
        monkeypatch.setattr(codes, "new_card_number", lambda: f"CARD{next(numbers):07d}")
        monkeypatch.setattr(codes, "new_referral_code", lambda name: f"REF{next(numbers):07d}")
        monkeypatch.setattr(codes, "new_reward_code", lambda: f"RW{next(numbers):07d}")
        url = f"sqlite:///{tmp_path / f'writer-{process}.db'}"
        stats = build_demo(url, members=120, clock=clock, writer_process=process)
        assert stats["writer_process"] is process and stats["members"] == 120
        with LoyaltyService(url, clock=clock) as svc, svc.db.engine.connect() as conn:
            names = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name").scalars().all()
            return {name: conn.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY rowid').all() for name in names}

    in_process, by_writer = files(False), files(True)
    assert by_writer["loyalty_members"] and by_writer["loyalty_points_transactions"]
    assert list(by_writer) == list(in_process)
    for name, rows in in_process.items():
        assert by_writer[name] == rows, name


def schema_of(path) -> tuple[set[str], set[tuple]]:
    """The file's tables, and its indexes with the statements that made them. (Not the tables'
    statements: the migrations that rebuild a table list its constraints in no fixed order.)"""
    with closing(sqlite3.connect(path)) as conn:
        return (set(conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_stat%'")),
                set(conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")))


@pytest.mark.parametrize("process", [False, True], ids=["in_process", "writer_process"])
def test_a_new_file_ends_with_the_schema_the_migrations_make(tmp_path, clock, sqlite_template, process):
    """In a new file the big tables' secondary indexes are made after their rows (bulk.defer_indexes):
    the file must end with exactly the schema of a migrated file, every index made by the same statement."""
    path = tmp_path / "demo.db"
    build_demo(f"sqlite:///{path}", members=40, clock=clock, writer_process=process)
    assert schema_of(path) == schema_of(sqlite_template)
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as svc:
        assert svc.check_ledger() == []


def test_a_build_that_fails_leaves_the_indexes(tmp_path, clock, sqlite_template, monkeypatch):
    """A build stopped by an error after some chunks were written still leaves every index in place."""
    from loyalty_desk.demo import build, life

    lived = iter(range(10**6))
    real_live = life.MemberLife.live

    def live(self, script=None):
        if next(lived) == 25:
            raise RuntimeError("the build stops here")
        return real_live(self, script)

    monkeypatch.setattr(build, "CHUNK_MEMBERS", 10)
    monkeypatch.setattr(life.MemberLife, "live", live)
    path = tmp_path / "demo.db"
    with pytest.raises(RuntimeError, match="the build stops here"):
        build_demo(f"sqlite:///{path}", members=40, clock=clock, writer_process=False)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM loyalty_members").fetchone() == (20,)
    assert schema_of(path) == schema_of(sqlite_template)


def test_indexes_are_made_on_a_connection_that_read_the_schema_before_the_drop(tmp_path, sqlite_template):
    """The pool may hand the indexes' transaction a connection that loaded the schema before the
    indexes were dropped on another one (the checkpoint thread's, say): SQLite would check each
    CREATE INDEX against that old schema and refuse with "index … already exists"."""
    from loyalty_desk.db.engine import open_database
    from loyalty_desk.demo.bulk import defer_indexes, make_indexes

    path = tmp_path / "demo.db"
    path.write_bytes(sqlite_template.read_bytes())
    db = open_database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as stale:
            stale.exec_driver_sql("SELECT count(*) FROM loyalty_member_activity").scalar_one()   # schema loaded
            statements = defer_indexes(db)            # on another connection: `stale` is checked out
            assert statements
        # Every connection of the pool in turn, the stale one among them.
        for _ in range(3):
            with db.engine.connect():
                pass
        make_indexes(db, statements)
    finally:
        db.dispose()
    assert schema_of(path) == schema_of(sqlite_template)
