"""Opening a database: URL resolution, SQLite pragmas, integrity check, migration.

This is the one module allowed to know SQLite from PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseRefused
from .migrate import current_revision, head_revision, upgrade_to_head

log = logging.getLogger(__name__)

APP_NAME = "loyalty-desk"
ENV_VAR = "LOYALTY_DESK_DATABASE_URL"
BUSY_TIMEOUT_MS = 30_000


def default_database_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "loyalty.db"


def resolve_database_url(url: str | None = None) -> str:
    """The URL given, else the environment variable, else the default SQLite file."""
    url = url or os.environ.get(ENV_VAR) or f"sqlite:///{default_database_path()}"
    # Plain postgresql:// URLs get the psycopg 3 driver.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass
class Database:
    """An open, migrated database: the engine plus session factories for reads and writes."""

    url: str
    engine: Engine
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        if self.dialect == "sqlite":
            # SQLite's advice for long-lived files: refresh the planner's statistics when closing,
            # so big tables keep using their indexes well.
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except OperationalError:
                log.warning("PRAGMA optimize did not run", exc_info=True)
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    """Check, migrate and open a database. Refuses a damaged one before touching it."""
    url = resolve_database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseRefused(f"Not a database address: {url!r}") from exc
    backup: Path | None = None
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(parsed.database)
        if path is not None:
            _check_sqlite_file(path)
        engine = _sqlite_engine(url)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, future=True)
    else:
        raise DatabaseRefused(f"Unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
        head = head_revision()
        if current is not None and current != head:
            if parsed.get_backend_name() == "sqlite" and (path := _sqlite_path(parsed.database)):
                backup = backup_sqlite(path, current)
            log.info("migrating %s from %s to %s", url, current, head)
        if current != head:
            with engine.begin() as conn:
                upgrade_to_head(conn)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseRefused(f"Cannot open the database: {exc.orig}") from exc
    except DatabaseRefused:
        engine.dispose()
        raise
    write_engine = engine.execution_options(loyalty_write=True)
    return Database(
        url=url,
        engine=engine,
        read_sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(write_engine, expire_on_commit=False),
        backup_path=backup,
    )


def _sqlite_path(database: str | None) -> Path | None:
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def _check_sqlite_file(path: Path) -> None:
    """`PRAGMA quick_check` on an existing file, read-only, before anything else opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is not a usable Loyalty Desk database ({exc}). It was not opened.") from exc
    if rows != [("ok",)]:
        first = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseRefused(
            f"{path} failed its integrity check ({first}). It was not opened: restore a backup."
        )


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        future=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event, not the driver, decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front, so two registers queue instead
        # of failing with "database is locked" half way through.
        if conn.get_execution_options().get("loyalty_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a live SQLite file with the online backup API (never a raw file copy)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-{revision}.{stamp}{path.suffix}")
    src = sqlite3.connect(str(path))
    dst = sqlite3.connect(str(target))
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    log.info("backed up %s to %s before migrating", path, target)
    return target


@contextmanager
def raw_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(path))
    try:
        yield conn
    finally:
        conn.close()
