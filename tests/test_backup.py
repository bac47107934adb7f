"""Backups and restores (README, "Backup and restore"): through the service and the CLI as a process.

A backup is one consistent copy made while other processes write, verified before it is kept,
private, and never left half-written; a restore refuses anything but a sound Loyalty Desk backup
of this version or older, and refuses while another register has the database open.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty_desk.db import backups as db_backups
from loyalty_desk.services import (
    BackupFailed,
    DatabaseInUse,
    DatabaseNewer,
    DiskFull,
    LoyaltyService,
    last_backup,
    restore_backup,
)
from loyalty_desk.services.backups import KEEP_DAILY, KEEP_WEEKLY

from .conftest import PG_URL
from .support import SHOP, FakeClock, enroll, file_mode, make_program
from .test_bad_files import ROOT, cli, listing, run_sql, shop_file, small_disk


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def members_in(path: Path) -> int:
    with LoyaltyService(url_of(path), read_only=True) as svc:
        return svc.count_members(SHOP)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    return shop_file(folder / "loyalty.db")


def test_a_backup_is_a_verified_private_copy(shop, tmp_path, loose_umask):
    with LoyaltyService(url_of(shop)) as svc:
        made = svc.backup(tmp_path / "out" / "copy.db")
    path = Path(made.path)
    assert made.kind == "sqlite" and made.size_bytes == path.stat().st_size
    assert file_mode(path) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["copy.db"]      # no temporary file, no -journal
    assert members_in(path) == 3
    with LoyaltyService(url_of(path), read_only=True) as copy:
        assert copy.check_ledger() == [] and copy.check_integrity().ok


def test_the_cli_prints_the_path_and_defaults_to_the_data_folder(shop, tmp_path):
    home = tmp_path / "home"
    done = cli(home, "--database-url", url_of(shop), "backup")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.parent == home / "data" / "loyalty-desk" / "backups" and path.name.startswith("loyalty-desk-")
    assert members_in(path) == 3
    out = tmp_path / "chosen"
    out.mkdir()
    done = cli(home, "--database-url", url_of(shop), "backup", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == out


WRITER = """
import sys
from loyalty_desk.services import LoyaltyService
svc = LoyaltyService(sys.argv[1])
program = svc.get_loyalty_programs("shop-1")[0]
print("ready", flush=True)
for i in range(int(sys.argv[2])):
    member = svc.enroll_loyalty_member("shop-1", program.id, {"customer_name": f"Writer {i}"})
    svc.record_purchase("shop-1", program.id, member.id, "12.50", f"W-{i}")
svc.close()
"""


@pytest.mark.processes
def test_a_backup_taken_while_another_process_writes_is_consistent(shop, tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url_of(shop), "150"], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        counts = []
        with LoyaltyService(url_of(shop)) as svc:
            for i in range(4):
                made = svc.backup(tmp_path / f"during-{i}.db")       # each one verified: integrity + ledger
                counts.append(members_in(Path(made.path)))
    finally:
        assert writer.wait(timeout=300) == 0
    assert counts == sorted(counts) and 3 <= counts[0] and counts[-1] <= 153
    assert members_in(shop) == 153


def test_a_backup_that_does_not_fit_leaves_no_file(shop, tmp_path):
    with small_disk(tmp_path / "stick", "160k") as stick:
        with LoyaltyService(url_of(shop)) as svc, pytest.raises(DiskFull, match="disk is full"):
            svc.backup(stick / "copy.db")
        assert listing(stick) == {}
        done = cli(tmp_path / "home", "--database-url", url_of(shop), "backup", "--output", str(stick / "c.db"))
        assert done.returncode == 2 and "disk is full" in done.stderr and "Traceback" not in done.stderr
        assert listing(stick) == {}


def test_a_copy_that_fails_its_ledger_check_is_not_kept(shop, tmp_path):
    run_sql(shop, "UPDATE loyalty_members SET current_points = current_points + 5 WHERE id = 1")
    with LoyaltyService(url_of(shop)) as svc, pytest.raises(BackupFailed, match="ledger check"):
        svc.backup(tmp_path / "out" / "copy.db")
    assert listing(tmp_path / "out") == {}


def test_automatic_backups_keep_seven_daily_and_four_weekly_copies(shop, tmp_path):
    folder = tmp_path / "usb"
    clock = FakeClock(dt.datetime(2026, 1, 1, 22, 0, tzinfo=dt.UTC))
    assert last_backup(folder) is None
    (folder / "notes").mkdir(parents=True)
    (folder / "notes.txt").write_text("not ours")
    with LoyaltyService(url_of(shop), clock=clock) as svc:
        for _ in range(45):
            run = svc.backup_to_folder(folder)
            clock.advance(days=1)
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("loyalty-desk-"))
    days = [dt.date.fromisoformat(n[len("loyalty-desk-"):-3]) for n in names]
    assert len(names) == KEEP_DAILY + KEEP_WEEKLY
    assert days[-KEEP_DAILY:] == [dt.date(2026, 2, 14) - dt.timedelta(days=i) for i in range(KEEP_DAILY)][::-1]
    weeks = {d.isocalendar()[:2] for d in days[:-KEEP_DAILY]}
    assert len(weeks) == KEEP_WEEKLY
    assert (folder / "notes.txt").exists() and (folder / "notes").is_dir()
    assert run.removed and all(not Path(p).exists() for p in run.removed)
    newest = last_backup(folder)
    assert newest is not None and Path(newest.path).name == "loyalty-desk-2026-02-14.db"


# --- restore ----------------------------------------------------------------------------------


def test_restore_replaces_the_database_and_keeps_the_current_one(shop, tmp_path, loose_umask):
    with LoyaltyService(url_of(shop)) as svc:
        backup = Path(svc.backup(tmp_path / "b.db").path)
        program = svc.get_loyalty_programs(SHOP)[0]
        enroll(svc, program.id, "Enrolled after the backup")
    restored = restore_backup(url_of(shop), backup, dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC))
    assert restored.kept_copy is not None
    assert Path(restored.kept_copy).name == "loyalty.before-restore.20260501T120000Z.db"
    assert members_in(shop) == 3 and members_in(Path(restored.kept_copy)) == 4
    assert file_mode(shop) == file_mode(Path(restored.kept_copy)) == 0o600
    assert sorted(p.name for p in shop.parent.iterdir()) == ["loyalty.before-restore.20260501T120000Z.db",
                                                             "loyalty.db"]
    with LoyaltyService(url_of(shop)) as svc:
        assert svc.check_ledger() == [] and svc.check_integrity().ok
        enroll(svc, svc.get_loyalty_programs(SHOP)[0].id, "Life goes on")


def test_the_cli_restores_and_says_where_the_old_database_is(shop, tmp_path):
    with LoyaltyService(url_of(shop)) as svc:
        backup = svc.backup(tmp_path / "b.db").path
    done = cli(tmp_path / "home", "--database-url", url_of(shop), "restore", backup)
    assert done.returncode == 0, done.stderr
    assert "kept at" in done.stdout and "before-restore" in done.stdout


def test_restore_over_a_file_that_is_no_longer_a_database_sets_it_aside(shop, tmp_path):
    with LoyaltyService(url_of(shop)) as svc:
        backup = svc.backup(tmp_path / "b.db").path
    damaged = os.urandom(4096) * 8
    shop.write_bytes(damaged)
    restored = restore_backup(url_of(shop), backup)
    assert restored.kept_copy is not None and Path(restored.kept_copy).read_bytes() == damaged
    assert members_in(shop) == 3


def test_restore_into_a_missing_database_copies_the_backup(shop, tmp_path):
    with LoyaltyService(url_of(shop)) as svc:
        backup = svc.backup(tmp_path / "b.db").path
    target = tmp_path / "new" / "loyalty.db"
    assert restore_backup(url_of(target), backup).kept_copy is None
    assert members_in(target) == 3


def make_refused(kind: str, tmp_path: Path, shop: Path) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "text":
        path.write_text("name,points\nAda,10\n")
    elif kind == "foreign":
        run_sql(path, "CREATE TABLE stock (sku TEXT)")
    elif kind == "newer":
        with LoyaltyService(url_of(shop)) as svc:
            svc.backup(path)
        run_sql(path, "UPDATE alembic_version SET version_num = '0999'")
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize(("kind", "error", "phrase"), [
    ("text", BackupFailed, "not a Loyalty Desk backup"),
    ("foreign", BackupFailed, "not a Loyalty Desk backup"),
    ("newer", DatabaseNewer, "newer Loyalty Desk; update the app"),
    ("folder", BackupFailed, "not a file"),
    ("missing", BackupFailed, "not a file"),
])
def test_restore_refuses_what_is_not_a_backup_of_this_version(shop, tmp_path, kind, error, phrase):
    bad = make_refused(kind, tmp_path, shop)
    before, bad_before = listing(shop.parent), listing(tmp_path)
    with pytest.raises(error, match=phrase):
        restore_backup(url_of(shop), bad)
    done = cli(tmp_path / "home", "--database-url", url_of(shop), "restore", str(bad))
    assert done.returncode == 2 and phrase in done.stderr and "Traceback" not in done.stderr
    assert listing(shop.parent) == before
    assert {k: v for k, v in listing(tmp_path).items() if not k.startswith("home")} == \
        {k: v for k, v in bad_before.items() if not k.startswith("home")}


HOLDER = """
import sys
from loyalty_desk.services import LoyaltyService
svc = LoyaltyService(sys.argv[1])
svc.count_members("shop-1")
print("open", flush=True)
sys.stdin.readline()
svc.close()
"""


@pytest.mark.processes
def test_restore_refuses_while_another_register_has_the_database_open(shop, tmp_path):
    with LoyaltyService(url_of(shop)) as svc:
        backup = svc.backup(tmp_path / "b.db").path
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, url_of(shop)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = listing(shop.parent)
        with pytest.raises(DatabaseInUse, match="Another register has the database open"):
            restore_backup(url_of(shop), backup)
        done = cli(tmp_path / "home", "--database-url", url_of(shop), "restore", backup)
        assert done.returncode == 2 and "Another register" in done.stderr
        assert listing(shop.parent) == before
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=60) == 0
    with LoyaltyService(url_of(shop)) as svc:
        program = svc.get_loyalty_programs(SHOP)[0]
        enroll(svc, program.id, "Still writable")
    assert restore_backup(url_of(shop), backup).kept_copy is not None
    assert members_in(shop) == 3


# --- PostgreSQL: pg_dump ------------------------------------------------------------------


@pytest.mark.skipif(not PG_URL, reason="needs LOYALTY_TEST_PG_URL (a PostgreSQL server)")
def test_a_postgresql_backup_uses_pg_dump(tmp_path, sqlite_template, pg_template):
    from .conftest import fresh_database_url

    for url in fresh_database_url("postgresql", tmp_path, sqlite_template, pg_template):
        with LoyaltyService(url) as svc:
            svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC",
                                 "phone_region": "US"})
            enroll(svc, make_program(svc).id)
            made = svc.backup(tmp_path / "pg.dump")
        assert made.kind == "pg_dump" and file_mode(Path(made.path)) == 0o600
        listed = subprocess.run([db_backups.pg_tool("pg_restore"), "--list", made.path], capture_output=True,
                                text=True, check=True).stdout
        assert "TABLE DATA public loyalty_members" in listed
        assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".dump") == ["pg.dump"]


def test_without_pg_dump_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(db_backups, "PG_TOOLS", "/nonexistent/*/bin")
    with pytest.raises(BackupFailed, match="apt install postgresql-client"):
        db_backups.pg_tool("pg_dump")
