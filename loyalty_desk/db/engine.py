"""Opening a database: URL resolution, SQLite pragmas, integrity check, migration.

This is the one module allowed to know SQLite from PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .. import paths
from ..errors import DatabaseRefused
from .migrate import current_revision, head_revision, upgrade_to_head
from .turns import Turns

log = logging.getLogger(__name__)

ENV_VAR = "LOYALTY_DESK_DATABASE_URL"
BUSY_TIMEOUT_MS = 30_000          # how long a write waits for another register, unless told otherwise
DESKTOP_BUSY_TIMEOUT_S = 10.0     # what the desktop app asks for: fail with a Retry rather than freeze
MAX_BUSY_TIMEOUT_S = 3600.0
# While another register holds the SQLite write lock, a writer tries again after a short random
# pause. SQLite's own busy handler backs off to 100 ms sleeps, so a register that commits and at
# once writes again would almost always win the lock and starve the others.
LOCK_POLL_S = (0.0005, 0.003)
# After a long write (a daily-job batch, or one that had to queue behind another register), a
# writer pauses this long before its next one, so that a register polling for the lock (every
# LOCK_POLL_S at most) gets its turn in between. Short writes in a row are not slowed down.
# SQLite only: PostgreSQL queues lock waiters in order itself.
SQLITE_WRITE_COURTESY_S = 0.004
LONG_WRITE_S = 0.020
# The execution option (set by the unit of work) carrying the monotonic deadline of a write's wait.
DEADLINE_OPTION = "loyalty_deadline"


def default_database_path() -> Path:
    return paths.default_database_file()


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
    # How long a write may wait for the database (another register's lock) before it fails.
    busy_timeout_s: float = BUSY_TIMEOUT_MS / 1000
    # The pause after a long write of this process before its next (SQLITE_WRITE_COURTESY_S).
    write_courtesy_s: float = 0.0
    # Who is waiting for SQLite's write lock (see turns.py); inert elsewhere.
    turns: Turns = field(default_factory=lambda: Turns(None))

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


def check_busy_timeout(value: object) -> float:
    """A wait limit in seconds: a number more than 0 and at most an hour (None: the default)."""
    if value is None:
        return BUSY_TIMEOUT_MS / 1000
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_BUSY_TIMEOUT_S:
        raise ValueError(f"busy_timeout_s must be a number of seconds above 0 and at most {MAX_BUSY_TIMEOUT_S:.0f}")
    return float(value)


def open_database(url: str | None = None, *, busy_timeout_s: float | None = None) -> Database:
    """Check, migrate and open a database. Refuses a damaged one before touching it.

    `busy_timeout_s` bounds how long a statement waits for another connection's lock (SQLite's
    write lock, PostgreSQL's row locks) before failing; None keeps the 30 s default.
    """
    limit = check_busy_timeout(busy_timeout_s)
    url = resolve_database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseRefused(f"Not a database address: {url!r}") from exc
    backup: Path | None = None
    turns = Turns(None)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(parsed.database)
        if path is not None:
            _check_sqlite_file(path)
            _make_private(path)
        turns = Turns(path)
        engine = _sqlite_engine(url, limit, turns)
    elif parsed.get_backend_name() == "postgresql":
        # lock_timeout: a statement waiting for a row lock gives up after the limit.
        engine = create_engine(url, pool_pre_ping=True, future=True, hide_parameters=True,
                               connect_args={"options": f"-c lock_timeout={max(1, round(limit * 1000))}"})
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
        busy_timeout_s=limit,
        write_courtesy_s=SQLITE_WRITE_COURTESY_S if engine.dialect.name == "sqlite" else 0.0,
        turns=turns,
    )


def _sqlite_path(database: str | None) -> Path | None:
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


# Files SQLite and the app keep beside a database: as private as the database itself.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal", "-waiting")


def _check_sqlite_file(path: Path) -> None:
    """`PRAGMA quick_check` on an existing file, read-only, before anything else opens it."""
    paths.make_dirs(path.parent)
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


def _make_private(path: Path) -> None:
    """The database file 0600 before SQLite opens it, created empty when new (SQLite takes an empty
    file for a new database). SQLite gives the -wal, -shm and -journal files it creates the mode of
    the database file (chmod, so whatever the umask); those and the backups left by older versions
    are tightened here."""
    try:
        if path.exists():
            paths.tighten(path)
        else:
            paths.private_file(path)
    except OSError as exc:
        raise DatabaseRefused(f"Cannot create the database file {path}: {exc.strerror or exc}") from exc
    for side in (*(path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES),
                 *path.parent.glob(f"{path.stem}.before-*{path.suffix}")):
        paths.tighten(side)


def _sqlite_engine(url: str, busy_timeout_s: float, turns: Turns) -> Engine:
    busy_ms = max(1, round(busy_timeout_s * 1000))
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
        future=True,
        hide_parameters=True,  # a database error's text must not carry a member's name, email or phone
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event, not the driver, decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {busy_ms}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front, so two registers queue instead
        # of failing with "database is locked" half way through.
        options = conn.get_execution_options()
        if options.get("loyalty_write"):
            deadline = options.get(DEADLINE_OPTION) or time.monotonic() + busy_timeout_s
            _begin_immediate(conn, deadline, busy_ms, turns)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _begin_immediate(conn: Any, deadline: float, busy_ms: int, turns: Turns) -> None:
    """Take the write lock, trying again every few milliseconds (with jitter) until `deadline`.

    SQLite's busy handler is switched off meanwhile: its sleeps grow to 100 ms, so a waiting
    register would nearly always miss the short gap between another register's transactions.
    Out of time, the "database is locked" error is raised as it is, for the unit of work to
    turn into DatabaseBusy.
    """
    raw = conn.connection.driver_connection
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                left = deadline - time.monotonic()
                if not is_lock_timeout(exc) or left <= 0:
                    raise
            turns.waiting()
            time.sleep(min(random.uniform(*LOCK_POLL_S), left))
    finally:
        raw.execute(f"PRAGMA busy_timeout = {busy_ms}")


def is_lock_timeout(exc: BaseException) -> bool:
    """The database gave up waiting for another connection's lock (SQLite busy/locked,
    PostgreSQL lock_timeout)."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a live SQLite file with the online backup API (never a raw file copy)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = paths.private_file(path.with_name(f"{path.stem}.before-{revision}.{stamp}{path.suffix}"))
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

