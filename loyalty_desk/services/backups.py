"""Backups and restores (README, "Backup and restore"): a verified backup, the automatic one into a
folder with its retention (7 daily and 4 weekly copies), the last backup of a folder, and restoring.

Where the automatic backups go is a setting of the computer, not of the shop's database: callers
pass the folder. The database-specific work (SQLite's backup API, pg_dump) is in db/backups.py.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..db import Database, open_database
from ..db import backups as db_backups
from ..db.engine import resolve_database_url, sqlite_file_of
from ..domain.permissions import Permission
from ..errors import BackupFailed, DatabaseRefused, ValidationError
from ..models import Staff
from . import audit, dto, staff
from .changes import record_change
from .clock import system_clock
from .uow import Acting, Ctx, UnitOfWork
from .validation import check_clean

KEEP_DAILY = 7
KEEP_WEEKLY = 4
# loyalty-desk-2026-12-03.db: the automatic copy of a day; loyalty-desk-20261203-141500.db: one made
# by hand (never removed by the retention).
NAME = re.compile(r"^loyalty-desk-(?:(?P<day>\d{4}-\d{2}-\d{2})|(?P<stamp>\d{8}-\d{6}))\.(?:db|dump)$")


def as_path(value: object, field: str) -> Path:
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ValidationError(f"The {field} must be a file or folder path", field=field)
    return Path(check_clean(str(value), field)).expanduser()


def _suffix(db: Database) -> str:
    return ".db" if db.dialect == "sqlite" else ".dump"


def default_backup_path(db: Database, now: dt.datetime) -> Path:
    """Where `loyalty-desk backup` puts a copy when no --output is given: the data folder's backups/."""
    return paths.data_dir() / "backups" / f"loyalty-desk-{now:%Y%m%d-%H%M%S}{_suffix(db)}"


def make_backup(db: Database, output: object, now: dt.datetime) -> dto.BackupFile:
    """A verified backup at `output` (a file, or a folder to put it in; None: the default place)."""
    target = default_backup_path(db, now) if output is None else as_path(output, "output")
    if target.is_dir():
        target = target / default_backup_path(db, now).name
    if db.dialect == "sqlite":
        db_backups.backup_sqlite(db, target, verify_copy)
        kind = "sqlite"
    else:
        db_backups.backup_postgresql(db.url, target)
        kind = "pg_dump"
    return dto.BackupFile(str(target), target.stat().st_size, now, kind)  # type: ignore[arg-type]


def verify_copy(path: Path) -> None:
    """A fresh copy passes the full integrity check and the ledger check, or it is not kept."""
    copy = open_database(f"sqlite:///{path}", read_only=True)
    try:
        damage = db_backups.integrity_problems(copy)
        if damage:
            raise BackupFailed(f"The copy failed its integrity check ({damage[0]}), so it was not kept.")
        with UnitOfWork(copy, system_clock).read("") as ctx:
            problems = audit.check_ledger(ctx, None)
    finally:
        copy.dispose()
    if problems:
        raise BackupFailed(f"The copy's ledger check found {len(problems)} problem(s), so it was not kept "
                           f"(run `loyalty-desk check-ledger`): {problems[0]}")


def backup_to_folder(db: Database, folder: object, now: dt.datetime) -> dto.FolderBackup:
    """The daily automatic backup: today's copy (replacing an earlier one of the same day), then the
    retention. Only files named as this app names its automatic copies are ever removed."""
    where = paths.make_dirs(as_path(folder, "folder"))
    made = make_backup(db, where / f"loyalty-desk-{now.astimezone():%Y-%m-%d}{_suffix(db)}", now)
    return dto.FolderBackup(made, tuple(str(p) for p in prune(where)))


def prune(folder: Path) -> list[Path]:
    """Keep the newest 7 days' copies and, before them, the newest copy of each of the 4 latest
    weeks (ISO weeks); remove the other automatic copies. Returns what was removed."""
    dated = sorted(((dt.date.fromisoformat(m["day"]), p) for p in folder.iterdir()
                    if (m := NAME.match(p.name)) and m["day"]), reverse=True)
    keep = {p for _, p in dated[:KEEP_DAILY]}
    weeks: list[tuple[int, int]] = []
    for day, path in dated[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(path)
    removed = [p for _, p in dated if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def last_backup(folder: object) -> dto.BackupFile | None:
    """The newest backup in a folder (automatic or by hand), by when it was written; None when there is none."""
    where = as_path(folder, "folder")
    if not where.is_dir():
        return None
    found = [(p.stat().st_mtime, p) for p in where.iterdir() if NAME.match(p.name) and p.is_file()]
    if not found:
        return None
    mtime, path = max(found)
    return dto.BackupFile(str(path), path.stat().st_size, dt.datetime.fromtimestamp(mtime, dt.UTC),
                          "sqlite" if path.suffix == ".db" else "pg_dump")


def restore_backup(database_url: str | None, backup: object, now: dt.datetime | None = None, *,
                   user_id: str | None = None, actor: int | None = None) -> dto.RestoreResult:
    """Replace a SQLite database by a backup (db/backups.restore_sqlite says how it is kept safe). Call
    it with no LoyaltyService open on that database: it refuses while any register has it open.

    Once any shop of the current database has staff, a restore is an owner's (`actor=`, of the shop
    `user_id` when given; staff.database_acting), checked before anything is touched. A restore by a
    person leaves a "database_restored" row in the restored database's audit log, naming who
    restored which file (their name is written in it too: the backup may predate their account)."""
    source = as_path(backup, "backup")
    url = resolve_database_url(database_url)
    database = sqlite_file_of(url)
    if database is None:
        raise BackupFailed("Only a SQLite database is restored here. A PostgreSQL backup is restored with "
                           "pg_restore: pg_restore --clean --if-exists --no-owner --dbname URL FILE")
    moment = now or dt.datetime.now(dt.UTC)
    restorer = _restorer(url, database, actor, user_id)
    kept = db_backups.restore_sqlite(database, source, moment)
    if restorer is not None:
        _record_restore(url, restorer, source, moment)
    return dto.RestoreResult(str(source), str(database), None if kept is None else str(kept))


@dataclass(frozen=True, slots=True)
class _Restorer:
    user_id: str
    acting: Acting
    name: str | None
    name_key: str | None


def _restorer(url: str, database: Path, actor: object, user_id: str | None) -> _Restorer | None:
    """Who restores, checked in the database about to be replaced (None: nobody named, no shop)."""
    if not database.exists() or database.stat().st_size == 0:
        return None if user_id is None else _Restorer(user_id, Acting(), None, None)
    try:
        current = open_database(url, create=False)
    except DatabaseRefused:
        return None         # damaged or foreign: no staff can be read in it, and restoring is the cure
    try:
        with UnitOfWork(current, system_clock).read(user_id or "") as ctx:
            acting = staff.database_acting(ctx, Permission.BACKUP_RESTORE, actor, user_id)
            row = ctx.session.get(Staff, acting.staff_id) if acting.staff_id is not None else None
    finally:
        current.dispose()
    if row is not None:
        return _Restorer(row.user_id, acting, row.name, row.name_key)
    return None if user_id is None else _Restorer(user_id, acting, None, None)


def _record_restore(url: str, restorer: _Restorer, source: Path, moment: dt.datetime) -> None:
    """The audit row in the restored database. The restorer's id counts there only when it is the
    same person (the same name in the same shop); otherwise the row names them in words."""
    restored = open_database(url)
    try:
        def record(ctx: Ctx) -> None:
            acting = restorer.acting
            if acting.staff_id is not None:
                there = ctx.session.get(Staff, acting.staff_id)
                if there is None or there.user_id != restorer.user_id or there.name_key != restorer.name_key:
                    acting = Acting(acting.kind)
            with ctx.acting_as(acting):
                record_change(ctx, "database", source.name[-64:], "restored",
                              note=f"by {restorer.name}" if restorer.name else None)

        UnitOfWork(restored, lambda: moment).write(restorer.user_id, record)
    finally:
        restored.dispose()
