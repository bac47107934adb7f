"""Writing many rows fast, for the demo shop's builder and the members import.

`BulkInsert` hands Core INSERTs to the driver's executemany; `reserve_ids` hands out primary
keys before the rows are written, so parents and children are built in one pass.
"""
from __future__ import annotations

import datetime as dt
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
        plan = self.plans.get(table.name) or self._plan(table)
        bind = plan.bind
        return plan.sql, [bind(row) for row in rows]

    def _plan(self, table: Table) -> _Plan:
        dialect = self.dialect
        compiled = insert(table).compile(dialect=dialect)
        positional = compiled.positiontup is not None   # "?" placeholders (SQLite) or named ones (psycopg)
        names = list(compiled.positiontup or [c.key for c in table.columns])
        scope: dict[str, Any] = {}
        values = []
        for i, name in enumerate(names):
            process: Callable[[Any], Any] | None = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None and isinstance(table.c[name].type, UTCDateTime):
                process = self._once_per_moment(process)
            if process is None:
                values.append(f"row[{name!r}]")
            else:
                scope[f"process_{i}"] = process
                values.append(f"process_{i}(row[{name!r}])")
        # One function per table, written out column by column: reading and binding a row this way
        # costs a third less than picking its values into a tuple and binding them in a loop.
        shape = ("({},)" if positional else "{{{}}}").format(
            ", ".join(value if positional else f"{name!r}: {value}" for name, value in zip(names, values, strict=True)))
        exec(f"def bind(row):\n    return {shape}\n", scope)   # noqa: S102 - the names are the schema's columns
        self.plans[table.name] = plan = _Plan(str(compiled), scope["bind"])
        return plan

    def _once_per_moment(self, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
        moments = self.moments
        fast = _iso_text if _writes_iso_text(process) else process

        def bind(value: dt.datetime | None) -> Any:
            if value is None:
                return None
            bound = moments.get(value)
            if bound is None:
                moments[value] = bound = fast(value) if value.tzinfo is dt.UTC else process(value)
            return bound
        return bind


def _iso_text(moment: dt.datetime) -> str:
    """A UTC moment as SQLite's DATETIME stores it ("2026-03-04 05:06:07.000000"), by the C isoformat."""
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def _writes_iso_text(process: Callable[[Any], Any]) -> bool:
    """Whether a moment column's bind processor stores what `_iso_text` gives (SQLite's default
    storage format), checked on moments with and without a fraction of a second."""
    probes = (dt.datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=dt.UTC), dt.datetime(999, 1, 2, tzinfo=dt.UTC))
    try:
        return all(process(p) == _iso_text(p) for p in probes)
    except (TypeError, ValueError):
        return False


class _Plan(NamedTuple):
    sql: str
    bind: Callable[[dict[str, Any]], Any]


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
