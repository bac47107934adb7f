"""Writing the replayed rows: bulk inserts, the running totals, and what is left for the end."""
from __future__ import annotations

import datetime as dt
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update

from ..db import Database
from ..domain.ledger_rules import held_points_left, row_effect, tier_count_key
from ..models import ExpiryCalendar, ProgramTotals, Shop
from ..models import Reward as RewardRow
from ..models.base import UTCDateTime
from ..services.clock import local_date
from .book import PENDING, T
from .catalog import USER_ID, ProgramSetup
from .world import NUMBERED, Rows, World, table_of

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


class BulkInsert:
    """Core INSERTs handed to the driver's executemany.

    Connection.execute(insert(table), rows) builds and checks a parameter dict
    per row, which at millions of rows costs as much as the database's own work.
    Here each table's INSERT is compiled once for the dialect, and every value
    goes through its column type's own bind processor (the dialect's version of
    the type, as SQLAlchemy does), straight into the form the driver takes.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.plans: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {}
        # A moment is written two or three times (a ledger row, its activity, its lot's expiry):
        # each is bound once. The bound form depends only on the instant, whatever the column.
        self.moments: dict[dt.datetime, Any] = {}

    def __call__(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            sql, convert = self.plans.get(table.name) or self._plan(table)
            self.conn.exec_driver_sql(sql, [convert(row) for row in rows])

    def _plan(self, table: Table) -> tuple[str, Callable[[dict[str, Any]], Any]]:
        dialect = self.conn.dialect
        compiled = insert(table).compile(dialect=dialect)
        positional = compiled.positiontup is not None   # "?" placeholders (SQLite) or named ones (psycopg)
        names = list(compiled.positiontup or [c.key for c in table.columns])
        processors = [(i, self._once_per_moment(p) if isinstance(table.c[name].type, UTCDateTime) else p)
                      for i, name in enumerate(names)
                      if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
        pick = operator.itemgetter(*names)

        def convert(row: dict[str, Any]) -> Any:
            values = list(pick(row))
            for i, process in processors:
                values[i] = process(values[i])
            return tuple(values) if positional else dict(zip(names, values, strict=True))

        self.plans[table.name] = plan = (str(compiled), convert)
        return plan

    def _once_per_moment(self, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
        moments, missing = self.moments, object()

        def bind(value: dt.datetime | None) -> Any:
            if value is None:
                return None
            bound = moments.get(value, missing)
            if bound is missing:
                moments[value] = bound = process(value)
            return bound
        return bind


@contextmanager
def roomy_page_cache(conn: Connection) -> Iterator[None]:
    """SQLite's default page cache (2 MB) thrashes when a bulk load inserts into indexes in random order
    (created_at): give this connection 512 MB while it loads, then put it back before it returns to the pool.
    The only SQLite-specific statement outside the engine module."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql("PRAGMA cache_size = -524288")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


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

