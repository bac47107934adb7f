"""Writing many rows fast, for the demo shop's builder and the members import.

`BulkInsert` hands Core INSERTs to the driver's executemany; `reserve_ids` hands out primary
keys before the rows are written, so parents and children are built in one pass.
"""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect, Table, func, insert, select
from sqlalchemy.orm import Session

from ..models import Base, Member, Redemption, RetiredCard
from ..models.base import UTCDateTime
from . import codes


def table_of(model: type[Base]) -> Table:
    """A model's table (typed only as a FromClause, since a mapping may also sit on a join)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def reserve_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """`count` primary keys for rows about to be inserted with explicit ids. On PostgreSQL they
    come from the table's sequence (other registers keep taking ids from it meanwhile); on SQLite
    the write transaction holds the lock, so the ids after the highest are free."""
    if not count:
        return []
    if conn.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        return list(conn.scalars(select(func.nextval(sequence)).select_from(func.generate_series(1, count))))
    first = (conn.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


class BulkRows:
    """Rows made ready for the driver's executemany: each table's INSERT compiled once for the dialect.

    Connection.execute(insert(table), rows) builds and checks a parameter dict
    per row, which at millions of rows costs as much as the database's own work.
    Here every value goes through its column type's own bind processor (the
    dialect's version of the type, as SQLAlchemy does), straight into the form
    the driver takes. It needs only the dialect, so the demo makes its rows
    ready in one process and writes them in another (demo/writer.py).
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.plans: dict[str, _Plan] = {}
        # A moment is written two or three times (a ledger row, its activity, its lot's expiry):
        # each is bound once. The bound form depends only on the instant, whatever the column.
        self.moments: dict[dt.datetime, Any] = {}

    def __call__(self, table: Table, rows: Sequence[dict[str, Any]]) -> tuple[str, list[Any]]:
        """The INSERT's SQL and the rows' parameters, in the driver's form."""
        return self.bound(table, self.picked(table, rows))

    def picked(self, table: Table, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Each row's values in the order of the table's INSERT, not yet bound."""
        pick = (self.plans.get(table.name) or self._plan(table)).pick
        return [pick(row) for row in rows]

    def bound(self, table: Table, picked: Sequence[tuple[Any, ...]]) -> tuple[str, list[Any]]:
        """The INSERT's SQL and the parameters of rows given by `picked`."""
        plan = self.plans.get(table.name) or self._plan(table)
        return plan.sql, [plan.bind(values) for values in picked]

    def _plan(self, table: Table) -> _Plan:
        dialect = self.dialect
        compiled = insert(table).compile(dialect=dialect)
        positional = compiled.positiontup is not None   # "?" placeholders (SQLite) or named ones (psycopg)
        names = list(compiled.positiontup or [c.key for c in table.columns])
        processors = [(i, self._once_per_moment(p) if isinstance(table.c[name].type, UTCDateTime) else p)
                      for i, name in enumerate(names)
                      if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
        getter = operator.itemgetter(*names)

        def pick(row: dict[str, Any]) -> tuple[Any, ...]:
            values = getter(row)
            return values if isinstance(values, tuple) else (values,)

        def bind(picked: tuple[Any, ...]) -> Any:
            values = list(picked)
            for i, process in processors:
                values[i] = process(values[i])
            return tuple(values) if positional else dict(zip(names, values, strict=True))

        self.plans[table.name] = plan = _Plan(str(compiled), pick, bind)
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


class _Plan(NamedTuple):
    sql: str
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    bind: Callable[[tuple[Any, ...]], Any]


class BulkInsert:
    """Core INSERTs handed to the driver's executemany, the rows made ready by `BulkRows`."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.ready = BulkRows(conn.dialect)

    def __call__(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self.conn.exec_driver_sql(*self.ready(table, rows))


ROOMY_CACHE_KIB = 524_288    # 512 MB


@contextmanager
def roomy_page_cache(conn: Connection) -> Iterator[None]:
    """SQLite's default page cache (2 MB) thrashes when a bulk load inserts into indexes in random order
    (created_at): give this connection 512 MB while it loads, then put it back before it returns to the pool.
    With `keep_roomy_page_cache`, the only SQLite-specific statements outside the engine module."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    keep_roomy_page_cache(conn)
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def keep_roomy_page_cache(conn: Connection) -> None:
    """The same 512 MB for a connection that loads chunk after chunk and is closed after (the demo's
    writer process): put back after each chunk, the cache would shrink and be read again for the next."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{ROOMY_CACHE_KIB}")


class CodeBook:
    """Card numbers and codes from the service's generators, kept unique across the whole database
    (a card number never repeats a replaced card's either)."""

    def __init__(self, session: Session) -> None:
        self.cards = set(session.scalars(select(Member.card_number)))
        self.cards.update(session.scalars(select(RetiredCard.card_number)))
        self.referrals = set(session.scalars(select(Member.referral_code)))
        self.rewards = set(session.scalars(select(Redemption.reward_code_generated)))

    @staticmethod
    def _fresh(make: Callable[[], str], used: set[str]) -> str:
        while (code := make()) in used:
            pass
        used.add(code)
        return code

    def card(self) -> str:
        return self._fresh(codes.new_card_number, self.cards)

    def referral(self, name: str) -> str:
        return self._fresh(lambda: codes.new_referral_code(name), self.referrals)

    def reward(self) -> str:
        return self._fresh(codes.new_reward_code, self.rewards)
