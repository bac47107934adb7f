"""Opening a database: URL resolution, SQLite pragmas, integrity check, migration.

This module and its helpers beside it (sqlite_files.py, backups.py) are the only ones that know
SQLite from PostgreSQL.
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
from urllib.parse import unquote

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from .. import paths
from ..errors import DatabaseReadOnly, DatabaseRefused, DatabaseUnreachable, DiskFull, LoyaltyError
from . import sqlite_files
from .checkpoints import Checkpointer
from .kept_connections import KEEP, KeptConnections
from .migrate import current_revision, head_revision, upgrade_to_head
from .turns import Ticket, Turns

log = logging.getLogger(__name__)

ENV_VAR = "LOYALTY_DESK_DATABASE_URL"
BUSY_TIMEOUT_MS = 30_000          # how long a write waits for another register, unless told otherwise
DESKTOP_BUSY_TIMEOUT_S = 10.0     # what the desktop app asks for: fail with a Retry rather than freeze
MAX_BUSY_TIMEOUT_S = 3600.0
# While another register holds the SQLite write lock, a writer tries again after a short random
# pause (SQLite's own busy handler backs off to 100 ms sleeps and would miss the short gap between
# two registers' transactions); waiters queue, first come first served (turns.py).
LOCK_POLL_S = (0.0005, 0.002)
# Rows of each index PRAGMA optimize samples when it analyses (SQLite's advice: a few hundred).
ANALYSIS_LIMIT = 400
# A database error's text must not carry a member's name, email or phone.
HIDE_PARAMETERS = True
# The execution option (set by the unit of work) carrying the monotonic deadline of a write's wait.
DEADLINE_OPTION = "loyalty_deadline"
# How long the checkpoint thread waits its turn for the write lock before trying again later.
FOLD_WAIT_S = 2.0
# A log that grew (a long read kept SQLite from starting it again) is cut back to this when it does.
WAL_SIZE_LIMIT = 64 * 1024 * 1024


def default_database_path() -> Path:
    return paths.default_database_file()


def resolve_database_url(url: str | None = None) -> str:
    """The URL given, else the environment variable, else the default SQLite file."""
    url = url or os.environ.get(ENV_VAR) or f"sqlite:///{default_database_path()}"
    # Plain postgresql:// URLs get the psycopg 3 driver.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def describe_url(url: str) -> str:
    """A database as a person reads it: a file's path, or a server's database, host and user; never a password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return "a temporary database in memory"
        return parsed.database
    where = parsed.host or "this computer"
    if parsed.port:
        where += f":{parsed.port}"
    user = f" (user {parsed.username})" if parsed.username else ""
    return f"PostgreSQL database “{parsed.database}” on {where}{user}"


@dataclass
class Database:
    """An open, migrated database: the engine plus session factories for reads and writes."""

    url: str
    engine: Engine
    read_engine: Engine          # the engine with the reads' isolation
    read_sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None
    # How long a write may wait for the database (another register's lock) before it fails.
    busy_timeout_s: float = BUSY_TIMEOUT_MS / 1000
    # The queue for SQLite's write lock (see turns.py); inert elsewhere.
    turns: Turns = field(default_factory=lambda: Turns(None))
    # The SQLite file (None on PostgreSQL or in memory).
    path: Path | None = None
    # Opened read-only (a read-only file, folder or disk, or asked for): every write is refused.
    read_only: bool = False
    # The last process that had this file open on this computer did not close it (a crash, a
    # power cut): the app should run the full integrity check (sqlite_files.Sessions).
    unclean_shutdown: bool = False
    sessions: sqlite_files.Sessions | None = None
    # Each thread's read connection, kept between its reads on SQLite (kept_connections.py).
    reads: KeptConnections = field(init=False)
    # Folds a SQLite file's write-ahead log shortly after writes, off their path (checkpoints.py).
    checkpoints: Checkpointer | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.reads = KeptConnections(self.read_engine, keep=KEEP if self.read_engine.dialect.name == "sqlite" else 0)
        if self.path is not None and not self.read_only:
            checkpoints = self.checkpoints = Checkpointer(self.engine, write_options=_fold_options,
                                                          is_busy=is_lock_timeout)
            event.listen(self.engine, "commit", lambda _conn: checkpoints.wrote())

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.reads.close()
        if self.checkpoints is not None:
            self.checkpoints.close()
        if self.dialect == "sqlite" and not self.read_only:
            # SQLite's advice for long-lived files: refresh the planner's statistics when closing,
            # so big tables keep using their indexes well.
            # As a write, in turn with the registers (a read upgraded to a write fails at once when
            # another register wrote meanwhile), and on a sample of each index: an unbounded ANALYZE
            # of a big file holds the write lock for seconds, while the other registers wait.
            try:
                with self.engine.execution_options(loyalty_write=True).begin() as conn:
                    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
                    conn.exec_driver_sql("PRAGMA optimize")
            except OperationalError:
                log.warning("PRAGMA optimize did not run", exc_info=True)
        self.engine.dispose()
        if self.sessions is not None:
            self.sessions.stop()


def measure_new_indexes(engine: Engine) -> None:
    """Give SQLite statistics for every index that has none, once the others have some.

    With figures for its older indexes (written by `PRAGMA optimize` on close) and none for one a
    migration added, SQLite takes the new index for the most selective of all: after 0023 a count of
    one member's purchases walked every purchase of the shop by the type index (a second per sale
    at 100,000 members). A database with no statistics at all is left as it is: there every index
    is judged alike. Sampled as on close (`analysis_limit`), so a big file is not read whole."""
    with engine.connect() as conn:
        if not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
            return
        unmeasured = conn.exec_driver_sql(
            "SELECT i.name, i.tbl_name FROM sqlite_master i WHERE i.type = 'index' "
            "AND i.tbl_name IN (SELECT tbl FROM sqlite_stat1) "
            "AND i.name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)").all()
        # An empty table's indexes get no figures: measuring them would write at every start.
        missing = [name for name, table in unmeasured
                   if conn.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first()]
    if not missing:
        return
    try:
        with engine.execution_options(loyalty_write=True).begin() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            for name in missing:
                conn.exec_driver_sql(f'ANALYZE "{name}"')
    except OperationalError:
        # Another register holds the write lock: the next start measures them.
        log.warning("the new indexes were not measured", exc_info=True)


def check_busy_timeout(value: object) -> float:
    """A wait limit in seconds: a number more than 0 and at most an hour (None: the default)."""
    if value is None:
        return BUSY_TIMEOUT_MS / 1000
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_BUSY_TIMEOUT_S:
        raise ValueError(f"busy_timeout_s must be a number of seconds above 0 and at most {MAX_BUSY_TIMEOUT_S:.0f}")
    return float(value)


def open_database(url: str | None = None, *, busy_timeout_s: float | None = None, create: bool = True,
                  read_only: bool = False) -> Database:
    """Check, migrate and open a database. Refuses a damaged, foreign or newer one before touching it.

    `busy_timeout_s` bounds how long a statement waits for another connection's lock (SQLite's
    write lock, PostgreSQL's row locks) before failing; None keeps the 30 s default.
    `create`: a missing or empty SQLite file becomes a new database; when false it is refused
    with DatabaseMissing (the CLI without --create, the desktop before it asks). `read_only`
    opens without writing anything (a file that cannot be written is opened so anyway).
    Nothing at start-up reads the whole file: `integrity_problems` does, in the background.
    """
    limit = check_busy_timeout(busy_timeout_s)
    url = resolve_database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseRefused(f"Not a database address: {url!r}") from exc
    backup: Path | None = None
    turns = Turns(None)
    path: Path | None = None
    unwritable: Path | None = None
    sessions: sqlite_files.Sessions | None = None
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(parsed.database)
        if path is not None:
            if parsed.query.get("mode") == "ro":
                read_only = True
            state = sqlite_files.inspect_file(path, create=create and not read_only)
            read_only = read_only or state.read_only
            if state.read_only:
                unwritable = path
            elif not read_only:
                paths.make_dirs(path.parent)
                _make_private(path)
        turns = Turns(None if read_only else path)
        # A file nobody can write cannot change under us: read it as immutable (no -shm made).
        engine = _sqlite_engine(url, limit, turns, read_only=read_only, unwritable=unwritable,
                                immutable=unwritable is not None and not sqlite_files.has_wal(unwritable))
    elif parsed.get_backend_name() == "postgresql":
        # lock_timeout: a statement waiting for a row lock gives up after the limit.
        engine = create_engine(url, pool_pre_ping=True, future=True, hide_parameters=HIDE_PARAMETERS,
                               connect_args={"options": f"-c lock_timeout={max(1, round(limit * 1000))}"})
    else:
        raise DatabaseRefused(f"Unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
            if parsed.get_backend_name() == "postgresql":
                _check_server_schema(conn, parsed.render_as_string(hide_password=True), current)
        head = head_revision()
        if current != head and read_only:
            raise DatabaseReadOnly(f"{path or url} is read-only and needs an update by this version of "
                                   "Loyalty Desk: make it writable, or open a copy. Nothing was changed.")
        if current is not None and current != head:
            if path is not None:
                backup = backup_sqlite(path, current)
            log.info("migrating %s from %s to %s", describe_url(url), current, head)  # never the password
        if current != head:
            with engine.begin() as conn:
                upgrade_to_head(conn)
        if path is not None and not read_only:
            measure_new_indexes(engine)
        if path is not None and not read_only:
            sessions = sqlite_files.Sessions(path)
    except OperationalError as exc:
        engine.dispose()
        if sqlite_files.is_disk_full(exc):
            raise DiskFull("The disk is full: the database could not be updated. Nothing was changed.") from exc
        if parsed.get_backend_name() == "postgresql":
            import psycopg  # only here: a shop on SQLite never loads it

            from .server_probe import refusal

            if isinstance(exc.orig, psycopg.OperationalError):   # the sentences of the connect dialog
                raise refusal(exc.orig, parsed.host, parsed.port, parsed.database, parsed.username) from exc
        raise DatabaseRefused(f"Cannot open the database: {exc.orig}") from exc
    except LoyaltyError:
        engine.dispose()
        raise
    write_engine = engine.execution_options(loyalty_write=True)
    # A read of several statements (the member panel) must see one state of the shop: SQLite's
    # read transaction is a snapshot; PostgreSQL's default (READ COMMITTED) is not. A read-only
    # transaction never fails to serialize, so REPEATABLE READ costs a read nothing.
    read_engine = engine if parsed.get_backend_name() == "sqlite" else \
        engine.execution_options(isolation_level="REPEATABLE READ")
    return Database(
        url=url,
        engine=engine,
        read_engine=read_engine,
        read_sessions=sessionmaker(read_engine, expire_on_commit=False),
        write_sessions=sessionmaker(write_engine, expire_on_commit=False),
        backup_path=backup,
        busy_timeout_s=limit,
        turns=turns,
        path=path,
        read_only=read_only,
        unclean_shutdown=sessions.start() if sessions is not None else False,
        sessions=sessions,
    )


def sqlite_file_of(url: str) -> Path | None:
    """The file a SQLite URL names (None: PostgreSQL, or a database in memory)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseRefused(f"Not a database address: {url!r}") from exc
    return _sqlite_path(parsed.database) if parsed.get_backend_name() == "sqlite" else None


def _check_server_schema(conn: Connection, where: str, revision: str | None) -> None:
    """A PostgreSQL database of another application, or of a newer Loyalty Desk, is refused."""
    tables = set(inspect(conn).get_table_names())
    sqlite_files.check_schema(where, tables, revision)


def _sqlite_path(database: str | None) -> Path | None:
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    if database.startswith("file:"):
        return Path(unquote(database[len("file:"):]))
    return Path(database)


# Files SQLite and the app keep beside a database: as private as the database itself.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal", "-turns", "-sessions")


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


def _sqlite_engine(url: str, busy_timeout_s: float, turns: Turns, *, read_only: bool = False,
                   unwritable: Path | None = None, immutable: bool = False) -> Engine:
    """The engine of a SQLite file. `read_only`: every connection is `query_only`, and the journal
    mode is left as it is. A file that cannot be written (`unwritable`) is opened with `mode=ro`,
    and immutable when no -wal holds newer pages: nothing, not even a -shm, is made beside it. A
    writable file asked for read-only keeps a normal connection, which (unlike `mode=ro`) removes
    the -wal and -shm it made when it closes."""
    busy_ms = max(1, round(busy_timeout_s * 1000))
    if unwritable is None:
        engine = create_engine(url, connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
                               future=True, hide_parameters=HIDE_PARAMETERS)
    else:
        target = sqlite_files.uri(unwritable, read_only=True, immutable=immutable)
        # "sqlite://" names no file (the creator opens it), so the pool is chosen as for a file.
        engine = create_engine("sqlite://", poolclass=QueuePool, future=True, hide_parameters=HIDE_PARAMETERS,
                               creator=lambda: sqlite3.connect(target, uri=True, timeout=busy_timeout_s,
                                                               check_same_thread=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event, not the driver, decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {busy_ms}")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            # No commit folds the log into the file: the database's checkpoint thread does
            # (checkpoints.py), so a register never pays for pages another process wrote.
            cur.execute("PRAGMA wal_autocheckpoint = 0")
            cur.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        else:
            cur.execute("PRAGMA query_only = ON")
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
        elif not conn.connection.driver_connection.in_transaction:  # prepared.py may have begun it
            conn.exec_driver_sql("BEGIN")

    return engine


def _fold_options() -> dict[str, Any]:
    return {"loyalty_write": True, DEADLINE_OPTION: time.monotonic() + FOLD_WAIT_S}


def _begin_immediate(conn: Any, deadline: float, busy_ms: int, turns: Turns) -> None:
    """Take the write lock in turn (turns.py), trying every few milliseconds until `deadline`.

    SQLite's busy handler is switched off meanwhile: its sleeps grow to 100 ms, so a waiting
    register would nearly always miss the short gap between another register's transactions.
    Out of time, "database is locked" is raised, for the unit of work to turn into DatabaseBusy.
    """
    raw = conn.connection.driver_connection
    raw.execute("PRAGMA busy_timeout = 0")
    ticket: Ticket | None = None
    try:
        while True:
            if turns.my_turn(ticket):
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                    return
                except OperationalError as exc:
                    if not is_lock_timeout(exc):
                        raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))
            if ticket is None:
                ticket = turns.join()
            else:
                turns.keep(ticket)
            time.sleep(min(random.uniform(*LOCK_POLL_S), left))
    finally:
        if ticket is not None:
            turns.leave(ticket)
        raw.execute(f"PRAGMA busy_timeout = {busy_ms}")


def is_lock_timeout(exc: BaseException) -> bool:
    """The database gave up waiting for another connection's lock (SQLite busy/locked,
    PostgreSQL lock_timeout)."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


def storage_refusal(exc: BaseException) -> LoyaltyError | None:
    """The typed refusal for a write the storage itself turned down: a full disk (SQLite's
    SQLITE_FULL, PostgreSQL's disk_full) or a read-only file or server; else None."""
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None)
    text = str(orig).lower()
    if state in ("53100", "53200") or sqlite_files.is_disk_full(exc):
        return DiskFull()
    if state == "25006" or "readonly database" in text or "read-only file system" in text:
        return DatabaseReadOnly()
    return None


_NO_ANSWER = ("connection refused", "could not connect", "server closed the connection", "connection to server",
              "timeout expired", "no route to host", "could not translate host name", "network is unreachable",
              "connection timed out", "consuming input failed", "the connection is lost")


def unreachable(exc: BaseException, url: str, *, committing: bool = False) -> DatabaseUnreachable | None:
    """The typed refusal when a database server stopped answering (not when it answered with an error)."""
    if make_url(url).get_backend_name() != "postgresql":
        return None
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) and not getattr(exc, "connection_invalidated", False):
        return None     # the server answered, with a refusal of its own
    if not getattr(exc, "connection_invalidated", False) and not any(s in str(orig).lower() for s in _NO_ANSWER):
        return None
    where = describe_url(url)
    if committing:
        return DatabaseUnreachable(
            f"The shop server stopped answering while saving ({where}): the change may or may not have been "
            "saved. Look at the member's history before trying again; a sale or return with its reference "
            "is recorded once.", maybe_saved=True)
    return DatabaseUnreachable(f"The shop server does not answer ({where}): nothing was saved. Check the network "
                               "and the server, then try again.")


def backup_sqlite(path: Path, revision: str) -> Path:
    """The copy kept before migrating: SQLite's online backup API (never a raw file copy), refused
    with DiskFull before migrating when it does not fit, and never left half-written."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-{revision}.{stamp}{path.suffix}")
    src = sqlite3.connect(str(path))
    try:
        sqlite_files.copy_database(src, target, what="the copy kept before updating the database")
    finally:
        src.close()
    log.info("backed up %s to %s before migrating", path, target)
    return target
