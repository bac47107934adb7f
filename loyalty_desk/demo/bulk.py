"""Writing the replayed rows: bulk inserts, the running totals, and what is left for the end."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from ..db import Database
from ..domain.ledger_rules import held_points_left, row_effect, tier_count_key
from ..models import ExpiryCalendar, ProgramTotals, Shop
from ..models import Reward as RewardRow
from ..services.bulk import BulkInsert, roomy_page_cache, table_of
from ..services.clock import local_date
from .book import PENDING, T
from .catalog import USER_ID, ProgramSetup
from .world import NUMBERED, Rows, World

INSERT_BATCH = 20_000         # rows per executemany call


class RunningTotals:
    """loyalty_program_totals and loyalty_expiry_calendar, tallied from the rows written.

    The service keeps them on every write (rollups.on_*). rollups.rebuild would
    recompute them from the ledger, but it values each pending hold with a query
    that scans the ledger; tallying here is linear, and check_ledger still
    compares the result with the ledger (rollups.computed_totals).
    """

    def __init__(self, catalog: list[ProgramSetup], tz: dt.tzinfo) -> None:
        self.tz = tz
        self.totals: dict[int, dict[str, Any]] = {s.program.id: {
            "members": 0, "points_issued": 0, "points_redeemed": 0, "points_expired": 0, "points_outstanding": 0,
            "points_pending": 0, "spending": Decimal(0), "tier_counts": Counter()} for s in catalog}
        self.calendar: Counter[tuple[int, dt.date]] = Counter()

    def add(self, rows: Rows) -> None:
        returned: defaultdict[int, Decimal] = defaultdict(Decimal)   # amount returned per purchase row
        for tx in rows.transactions:
            totals = self.totals[tx["program_id"]]
            effect = row_effect(tx["transaction_type"], tx["status"], tx["points_amount"], tx["amount"],
                                tx["shortfall_points"])
            totals["points_outstanding"] += effect.outstanding
            totals["points_issued"] += effect.issued
            totals["points_redeemed"] += effect.redeemed
            totals["points_expired"] += effect.expired
            totals["spending"] += effect.spending
            if tx["transaction_type"] == T.PURCHASE_RETURN and tx["amount"] is not None:
                returned[tx["related_transaction_id"]] += tx["amount"]
        for tx in rows.transactions:
            if tx["status"] == PENDING:   # what each hold will credit (pending.hold_value)
                self.totals[tx["program_id"]]["points_pending"] += held_points_left(
                    tx["pending_points"], tx["amount"], returned[tx["id"]])
        for member in rows.members:
            totals = self.totals[member["program_id"]]
            totals["members"] += 1
            totals["tier_counts"][tier_count_key(member["current_tier_id"])] += 1
        for lot in rows.lots:
            if lot["points_remaining"] and lot["expires_at"] is not None:
                self.calendar[lot["program_id"], local_date(lot["expires_at"], self.tz)] += lot["points_remaining"]

    def write(self, conn: Connection) -> None:
        table = table_of(ProgramTotals)
        for program_id, totals in self.totals.items():
            values = {**totals, "spending": totals["spending"].quantize(Decimal("0.01")),
                      "tier_counts": {key: n for key, n in sorted(totals["tier_counts"].items()) if n}}
            conn.execute(update(table).where(table.c.program_id == program_id).values(values))
        days = [{"program_id": program_id, "expiry_day": day, "user_id": USER_ID, "points": points}
                for (program_id, day), points in sorted(self.calendar.items()) if points]
        if days:
            conn.execute(insert(table_of(ExpiryCalendar)), days)


# --- writing ------------------------------------------------------------------------


def write_rows(db: Database, rows: Rows, counts: Counter[str]) -> None:
    """One chunk of members and their history, in one transaction, parents before children."""
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        load = BulkInsert(conn)
        with roomy_page_cache(conn):
            for name, table, batch in rows.tables():
                for start in range(0, len(batch), INSERT_BATCH):
                    load(table, batch[start:start + INSERT_BATCH])
                counts[name] += len(batch)


def defer_indexes(db: Database) -> list[str]:
    """In a new SQLite database, drop the secondary indexes of the tables the replay fills, and
    return the statements that make them again (`make_indexes`), in the order they were made.

    One CREATE INDEX over the loaded rows costs far less than keeping each B-tree in order row by
    row (the ledger's date indexes take the rows out of time order). New means those tables are
    all empty: a database already holding rows keeps its indexes. The statements are the schema's
    own text, so the file ends with the very schema the migrations made. On PostgreSQL, nothing."""
    if db.dialect != "sqlite":
        return []
    tables = [model.__tablename__ for _, model in Rows.TABLES]
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        if any(conn.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() for table in tables):
            return []
        marks = ", ".join("?" * len(tables))
        indexes = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY rowid", tuple(tables)).all()
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


def make_indexes(db: Database, statements: list[str]) -> None:
    """The indexes `defer_indexes` dropped, made over the loaded rows, all in one transaction."""
    if not statements:
        return
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        with roomy_page_cache(conn):
            create_indexes(conn, statements)


def create_indexes(conn: Connection, statements: list[str]) -> None:
    """Run `defer_indexes`' statements in the connection's write transaction.

    The schema is read first: SQLite checks a CREATE INDEX's name against the schema the connection
    last loaded, and a pooled connection that loaded it before the indexes were dropped (on another
    connection) would refuse with "index … already exists". Any read of the file in the
    transaction makes SQLite load the schema again when another connection changed it."""
    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
    for sql in statements:
        conn.exec_driver_sql(sql)


def finish(db: Database, world: World, totals: RunningTotals) -> None:
    """What the replay leaves for the end: reward stock, the last job run, running totals, id sequences."""
    with db.write_sessions() as session, session.begin():
        conn = session.connection()
        rewards = table_of(RewardRow)
        for reward_id, remaining in world.stock.remaining().items():
            conn.execute(update(rewards).where(rewards.c.id == reward_id).values(quantity_remaining=remaining))
        shops = table_of(Shop)
        conn.execute(update(shops).where(shops.c.user_id == USER_ID).values(last_daily_run=world.today))
        totals.write(conn)
        if conn.dialect.name == "postgresql":
            # The ids were given explicitly, so the serial sequences never moved.
            for model in NUMBERED.values():
                conn.execute(select(func.setval(func.pg_get_serial_sequence(model.__tablename__, "id"),
                                                select(func.max(model.id)).scalar_subquery())))

