"""Backups, restores and the full integrity check: the database-specific half (SQLite's online
backup API, pg_dump), below services/backups.py which adds the ledger check and the folder's rules.
"""
from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from .. import paths
from ..errors import BackupFailed, DatabaseInUse, DatabaseNewer, DatabaseRefused, DiskFull
from . import sqlite_files
from .engine import Database, is_lock_timeout

# How long a restore waits for the other registers' connections to go before refusing.
RESTORE_WAIT_S = 0.5
# An integrity_check line naming a damaged index: REINDEX rebuilds it from the table.
_INDEX_PROBLEM = re.compile(r"(?:missing from|entries in|entry in) index (\S+)")
PG_TOOLS = "/usr/lib/postgresql/*/bin"


def backup_sqlite(db: Database, target: Path, verify: Callable[[Path], None]) -> Path:
    """An online backup of the open database into `target` (see sqlite_files.copy_database)."""
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return sqlite_files.copy_database(raw, target, what="the backup", verify=verify)


def integrity_problems(db: Database) -> list[str]:
    """The full integrity check (every page and index entry); empty when sound. PostgreSQL checks
    its own pages as it reads them, so there this is empty."""
    if db.dialect != "sqlite":
        return []
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return sqlite_files.integrity_problems(raw)


def damaged_indexes(problems: list[str]) -> tuple[str, ...] | None:
    """The indexes named when every problem is a damaged index (REINDEX repairs them), else None."""
    found = [_INDEX_PROBLEM.search(p) for p in problems]
    if not problems or any(m is None for m in found):
        return None
    return tuple(sorted({m.group(1) for m in found if m is not None}))


def rebuild_indexes(db: Database) -> None:
    """REINDEX, under the write lock like any write (SQLite only: PostgreSQL's are its own)."""
    if db.dialect != "sqlite":
        return
    with db.engine.execution_options(loyalty_write=True).begin() as conn:
        conn.exec_driver_sql("REINDEX")


# --- PostgreSQL: pg_dump -----------------------------------------------------------------


def pg_tool(name: str) -> str:
    """A PostgreSQL client program: on the PATH, else the newest in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"{PG_TOOLS}/{name}"), key=lambda p: int(Path(p).parts[-3]) if
                        Path(p).parts[-3].isdigit() else 0)
    if candidates:
        return candidates[-1]
    raise BackupFailed(f"Backing up a PostgreSQL database needs {name}, which is not installed: install the "
                       "PostgreSQL client programs (on Debian or Ubuntu: sudo apt install postgresql-client).")


def _pg_connection(url: str) -> tuple[str, dict[str, str]]:
    """libpq's URL (without the driver name or the password) and the environment carrying the password,
    so it is never on a command line."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return plain, env


def backup_postgresql(url: str, target: Path) -> Path:
    """`pg_dump --format=custom` into `target`, all or nothing (a temporary name, synced, renamed),
    checked by reading its table of contents back with `pg_restore --list`."""
    dump, restore = pg_tool("pg_dump"), pg_tool("pg_restore")
    conninfo, env = _pg_connection(url)
    folder = paths.make_dirs(target.parent)
    temp = folder / f".{target.name}.{os.getpid()}.partial"
    try:
        paths.private_file(temp)
        done = subprocess.run([dump, "--format=custom", "--no-owner", f"--file={temp}", f"--dbname={conninfo}"],
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            _pg_failed(done.stderr, folder)
        listing = subprocess.run([restore, "--list", str(temp)], capture_output=True, text=True, check=False)
        if listing.returncode != 0 or "TABLE DATA public alembic_version" not in listing.stdout:
            raise BackupFailed("The PostgreSQL backup could not be read back, so it was not kept.")
        sqlite_files.sync_file(temp)
        os.replace(temp, target)
        sqlite_files.sync_folder(folder)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and sqlite_files.is_disk_full(exc):
            raise DiskFull(f"The disk is full: the backup did not fit in {folder}. Nothing was saved.") from exc
        raise
    return target


def _pg_failed(stderr: str, folder: Path) -> None:
    if "no space left" in stderr.lower():
        raise DiskFull(f"The disk is full: the backup did not fit in {folder}. Nothing was saved.")
    first = next((line for line in stderr.splitlines() if line.strip()), "no message")
    raise BackupFailed(f"pg_dump failed: {first[:300]}")


# --- restoring a SQLite file ---------------------------------------------------------------


def check_backup_file(backup: Path) -> str | None:
    """Refuse a file that is not a sound Loyalty Desk backup, or one from a newer version (read-only,
    nothing left beside it); its schema revision otherwise."""
    if not backup.is_file():
        raise BackupFailed(f"{backup} is not a file: nothing was restored.")
    try:
        state = sqlite_files.inspect_file(backup, create=False)
        with sqlite_files.peek(backup) as conn:
            problems = sqlite_files.integrity_problems(conn, limit=3)
    except DatabaseRefused as exc:
        if isinstance(exc, DatabaseNewer):
            raise DatabaseNewer(f"{backup} was made by a newer Loyalty Desk; update the app. "
                            "Nothing was restored.") from exc
        raise BackupFailed(f"{backup} is not a Loyalty Desk backup. Nothing was restored.") from exc
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(f"{backup} is damaged ({exc}). Nothing was restored.") from exc
    if problems:
        raise BackupFailed(f"{backup} is damaged ({problems[0]}). Nothing was restored.")
    return state.revision


def restore_sqlite(database: Path, backup: Path, now: dt.datetime) -> Path | None:
    """Replace the database at `database` by the backup, keeping the current one beside it as a dated
    copy (returned; None when there was no database). Refused with DatabaseInUse while any other
    connection has the file open, with everything left as it was.

    How "open elsewhere" is known: a connection count is not visible in SQLite, but leaving WAL mode
    needs every other connection closed, so `journal_mode = DELETE` under `locking_mode = EXCLUSIVE`
    fails at once while another register (even an idle one) has the file open. Once it succeeded,
    this connection keeps the exclusive lock until the copy is in, so no register can open the
    file half-way. The backup is written into the live file through SQLite's backup API, as one
    transaction of the rollback journal: a crash in the middle leaves the old database."""
    check_backup_file(backup)
    if database.is_dir():
        raise DatabaseRefused(f"{database} is a folder, not a database file. Nothing was restored.")
    if not database.exists() or database.stat().st_size == 0:
        with sqlite_files.peek(backup) as src:
            sqlite_files.copy_database(src, database, what="the restored database")
        return None
    kept = database.with_name(f"{database.stem}.before-restore.{now:%Y%m%dT%H%M%SZ}{database.suffix}")
    conn = sqlite3.connect(database, timeout=RESTORE_WAIT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise DatabaseInUse(_IN_USE)
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")          # the exclusive lock stays (locking_mode), with no transaction open
        sqlite_files.copy_database(conn, kept, what="the copy of the current database")
        with sqlite_files.peek(backup) as src:
            sqlite_files.check_space(database.parent, sqlite_files.database_size(src), "the restored database")
            src.backup(conn)
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        _undo_mode(conn)
        if is_lock_timeout(exc):
            raise DatabaseInUse(_IN_USE) from exc
        if sqlite_files.is_disk_full(exc):
            raise DiskFull("The disk is full: the backup was not restored, and the database is as it was.") from exc
        raise DatabaseRefused(f"{database} could not be replaced ({exc}). Nothing was restored.") from exc
    except sqlite3.DatabaseError:
        # Not a database, or too damaged to read: no register can be using it, and it cannot be
        # copied page by page, so it is set aside whole.
        conn.close()
        return _set_aside(database, backup, kept)
    except BaseException:
        _undo_mode(conn)
        raise
    finally:
        conn.close()
    return kept


def _set_aside(database: Path, backup: Path, kept: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    with sqlite_files.peek(backup) as src:
        sqlite_files.copy_database(src, database, what="the restored database")
    return kept


_IN_USE = ("Another register has the database open: close Loyalty Desk everywhere it uses this database, "
           "then restore again. Nothing was changed.")


def _undo_mode(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error:
        pass    # still in use elsewhere, so still in WAL mode
