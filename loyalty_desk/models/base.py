"""Declarative base and the column types every table shares."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import JSON, DateTime, Index, MetaData, Numeric, inspect, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Session, make_transient_to_detached
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic batch migrations on SQLite can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC timestamps on every backend.

    SQLite has no time zones, so values are stored as naive UTC and the zone is
    put back on the way out; naive input is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC one is required")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def Money() -> Numeric[Decimal]:
    """Money columns: exact decimals, two places (the currencies we accept)."""
    return Numeric(14, 2, asdecimal=True)


def Rate() -> Numeric[Decimal]:
    """Rates and multipliers (points per dollar, tier multipliers)."""
    return Numeric(10, 4, asdecimal=True)


# JSON everywhere, JSONB on PostgreSQL.
JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def partial_index(name: str, column: str, where: str) -> Index:
    """An index over the rows that match `where` only, on SQLite and PostgreSQL alike (both support it)."""
    return Index(name, column, sqlite_where=text(where), postgresql_where=text(where))


_Row = TypeVar("_Row", bound=Base)


def row_object(cls: type[_Row], values: Mapping[str, Any]) -> _Row:
    """An instance of a mapped class holding a row a prepared INSERT just wrote (every column, its
    id included): outside any session, its values as if loaded. Built as the ORM builds a loaded
    row, without the per-attribute events of the constructor (45 µs for a ledger row, two thirds of
    the INSERT itself). For rows never changed in the call that wrote them: the ledger's, say."""
    obj: _Row = manager_of_class(cls).new_instance()
    obj.__dict__.update(values)
    return obj


def attached_row(session: Session, cls: type[_Row], values: Mapping[str, Any]) -> _Row:
    """A row a prepared SELECT read (db/prepared.py), held by `session` as if its query had loaded
    it: its changes are flushed as usual, and columns left out of `values` load when first read.
    The session's own instance when it holds the row already. Loading through the ORM's query
    costs about 100 µs more, on a row every write reads (the shop's)."""
    mapper = inspect(cls)
    key = mapper.identity_key_from_primary_key(tuple(values[str(column.key)] for column in mapper.primary_key))
    held = session.identity_map.get(key)
    if held is not None:
        return held  # type: ignore[return-value]
    obj = row_object(cls, values)
    make_transient_to_detached(obj)
    session.add(obj)
    return obj
