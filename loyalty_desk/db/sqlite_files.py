"""SQLite files on disk: what a file is before anything opens it for writing, copies made with the
online backup API, and the markers that tell a crash from a clean shutdown.

Everything here reads a file it did not make without changing it: a file is first looked at
with `immutable=1` (no lock, no -wal or -shm made beside it) or, when a -wal shows another
connection may be writing, with `mode=ro` (the side files exist already). A refusal therefore
leaves the file byte-for-byte as it was, with nothing new beside it.
"""
from __future__ import annotations

import errno
import os
import shutil
import socket
import sqlite3
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import paths
from ..errors import DatabaseMissing, DatabaseNewer, DatabaseRefused, DiskFull
from .migrate import known_revisions

MAGIC = b"SQLite format 3\x00"
# The table every Loyalty Desk schema has had since its first revision.
OWN_TABLE = "loyalty_shops"
# Room left free beside a copy (SQLite's own journal, the file system's bookkeeping).
SPACE_MARGIN = 1 << 20
NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


@dataclass(frozen=True, slots=True)
class FileState:
    """What an existing (or missing) database file is, found without changing it."""

    new: bool                 # missing, empty, or a database without any table: a new database goes there
    read_only: bool           # the file (or its folder) cannot be written: open it read-only
    revision: str | None      # its schema revision (None: none yet)


def uri(path: Path, *, read_only: bool, immutable: bool = False) -> str:
    mode = "?mode=ro" + ("&immutable=1" if immutable else "") if read_only else ""
    return f"file:{quote(str(path.absolute()))}{mode}"


def has_wal(path: Path) -> bool:
    """A -wal beside the file holds (or held) writes not yet in the file: a connection is open, or one crashed."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


@contextmanager
def peek(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that leaves nothing beside the file (see the module's note)."""
    conn = sqlite3.connect(uri(path, read_only=True, immutable=not has_wal(path)), uri=True, timeout=5)
    try:
        yield conn
    finally:
        conn.close()


def schema_of(conn: sqlite3.Connection) -> tuple[set[str], str | None]:
    """The tables of a database and its Alembic revision (None: no version table, or an empty one)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    revision = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    return tables, revision


def check_schema(where: str, tables: set[str], revision: str | None, *, what: str = "database") -> bool:
    """Refuse another application's database or a newer Loyalty Desk's; True when it has no table
    at all (a new database). Shared by SQLite files, PostgreSQL databases and backups."""
    own = {t for t in tables if t != "alembic_version" and not t.startswith("sqlite_")}
    if not own and revision is None:
        return True
    if revision is not None and revision in known_revisions():
        return False
    if revision is not None and OWN_TABLE in own:
        raise DatabaseNewer(f"{where} was made by a newer Loyalty Desk; update the app. It was not changed.")
    raise DatabaseRefused(f"{where} is not a Loyalty Desk {what}: it belongs to another application. "
                          "It was not changed.")


def inspect_file(path: Path, *, create: bool) -> FileState:
    """Check a database file before the engine opens it: refuse a folder, a non-database, a truncated
    file, another application's database or a newer Loyalty Desk's; a missing or empty one is only
    taken when `create` is true (DatabaseMissing otherwise). Reads the header and the schema, never
    the whole file (that is `integrity_problems`, run in the background)."""
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a database file. Nothing was changed.")
    size = path.stat().st_size if path.exists() else None
    if not size:
        if not create:
            state = "does not exist" if size is None else "is an empty file"
            raise DatabaseMissing(f"{path} {state}: no database was created there.", path=str(path))
        return FileState(new=True, read_only=False, revision=None)
    read_only = not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    _check_header(path, size)
    try:
        with peek(path) as conn:
            tables, revision = schema_of(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is not a usable Loyalty Desk database ({exc}). It was not opened.") from exc
    if check_schema(str(path), tables, revision):
        if not create:
            raise DatabaseMissing(f"{path} holds no data yet: no database was created there.", path=str(path))
        return FileState(new=True, read_only=read_only, revision=None)
    return FileState(new=False, read_only=read_only, revision=revision)


def _check_header(path: Path, size: int) -> None:
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"{path} cannot be read ({exc.strerror or exc}). It was not opened.") from exc
    if len(header) < 100 or not header.startswith(MAGIC):
        raise DatabaseRefused(f"{path} is not a usable Loyalty Desk database: it is not a database file. "
                              "It was not opened.")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages, counter, valid_for = (struct.unpack(">I", header[i:i + 4])[0] for i in (28, 24, 92))
    # The page count in the header is trusted when it was written by the last change (SQLite's
    # rule); with a -wal holding newer pages the file may legitimately lag, so it is not judged then.
    if counter == valid_for and not has_wal(path) and (size % page_size or size < pages * page_size):
        raise DatabaseRefused(f"{path} is truncated (it is {size:,} bytes; its header says "
                              f"{pages * page_size:,}). It was not opened: restore a backup.")


def database_size(conn: sqlite3.Connection) -> int:
    """Bytes a copy of this database takes (its pages in use)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * conn.execute("PRAGMA page_size").fetchone()[0])


def check_space(folder: Path, needed: int, what: str) -> None:
    """DiskFull before anything is written when `folder`'s disk cannot take `needed` bytes."""
    free = shutil.disk_usage(folder).free
    if free < needed + SPACE_MARGIN:
        raise DiskFull(f"The disk is full: {what} needs {_mb(needed + SPACE_MARGIN)} and {_mb(free)} are free "
                       f"in {folder}. Nothing was written.")


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in NO_SPACE:
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return "database or disk is full" in text


def copy_database(source: sqlite3.Connection, target: Path, *, what: str = "the copy",
                  verify: Callable[[Path], None] | None = None) -> Path:
    """Copy a live database with SQLite's online backup API into `target`, all or nothing.

    One backup step, so the copy is one consistent read of the source while other connections go
    on writing (WAL). Written under a temporary name in the target's folder, synced to disk, then
    renamed: a failure (a full disk) leaves no partial file. The copy is a single file (no WAL) and
    private (0600). `verify` checks the finished copy (under its temporary name) before the rename,
    and refuses it by raising."""
    folder = paths.make_dirs(target.parent)
    check_space(folder, database_size(source), what)
    temp = folder / f".{target.name}.{os.getpid()}.partial"
    try:
        paths.private_file(temp)
        dst = sqlite3.connect(temp)
        try:
            source.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        if verify is not None:
            verify(temp)
        sync_file(temp)
        os.replace(temp, target)
        sync_folder(folder)
    except BaseException as exc:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)) and is_disk_full(exc):
            raise DiskFull(f"The disk is full: {what} did not fit in {folder}. Nothing was saved.") from exc
        raise
    return target


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder and needs nothing)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_problems(conn: sqlite3.Connection, *, limit: int = 100) -> list[str]:
    """`PRAGMA integrity_check`: every page, row and index entry (slow on a big file). Empty when sound."""
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]       # damage bad enough to stop the check itself
    return [] if rows == [("ok",)] else [str(r[0]) for r in rows]


class Sessions:
    """Who has the database open on this computer, to tell a crash from a clean shutdown.

    Each process that opens the file for writing leaves a marker (an empty file named after the
    host and its process id) in a folder beside it, `loyalty.db-sessions`, and removes it when it
    closes. A marker of this host whose process no longer runs was left by a process that crashed
    or lost power: the next open says so (`unclean`), and the app then runs the full integrity
    check in the background. Markers of other hosts (a file on a shared folder) are left alone.
    """

    def __init__(self, database: Path) -> None:
        self.folder = database.with_name(database.name + "-sessions")
        self.host = socket.gethostname().replace(os.sep, "_")
        self.mine = self.folder / f"{self.host}.{os.getpid()}"
        self.started = False

    def start(self) -> bool:
        """Leave this process's marker; True when a crashed session's marker was found (and cleared)."""
        unclean = False
        try:
            for marker in self.folder.iterdir() if self.folder.is_dir() else ():
                host, _, pid = marker.name.rpartition(".")
                if host == self.host and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                    unclean = True
                    marker.unlink(missing_ok=True)
            paths.make_dirs(self.folder)
            paths.private_file(self.mine)
            self.started = True
        except OSError:
            pass        # a read-only folder: no markers, and no crash detection
        return unclean

    def stop(self) -> None:
        if not self.started:
            return
        self.started = False
        self.mine.unlink(missing_ok=True)
        try:
            self.folder.rmdir()     # the last one out; fails harmlessly while others are open
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True     # no harmless way to ask on Windows: no crash detection there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
