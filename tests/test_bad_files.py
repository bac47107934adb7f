"""Every bad database file is refused clearly and left untouched (README, "Bad files").

Each refusal is a typed error with one plain sentence (exit code 2 on the command line), and the
folder holding the file is the same before and after, file by file and byte by byte: no table
added, no -wal, -shm or backup left beside it. Through the service and through the CLI as a
separate process.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from loyalty_desk.db.migrate import alembic_config
from loyalty_desk.services import (
    DatabaseMissing,
    DatabaseNewer,
    DatabaseReadOnly,
    DatabaseRefused,
    DiskFull,
    LoyaltyService,
)

from .support import SHOP, enroll, make_program

ROOT = Path(__file__).resolve().parents[1]


def listing(folder: Path) -> dict[str, str]:
    """Every entry under `folder`, with each file's SHA-256 (folders as "folder")."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`loyalty-desk ARGS` as a separate process, with its own home (so its data folder is a temporary one)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    env.pop("LOYALTY_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "loyalty_desk", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def assert_cli_refuses(home: Path, url: str, phrase: str, *args: str) -> None:
    """Exit code 2, one line naming the problem, no traceback."""
    done = cli(home, *args, "--database-url", url, "check-ledger")
    assert done.returncode == 2, done.stderr + done.stdout
    assert phrase in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def shop_file(path: Path, members: int = 3) -> Path:
    """A closed Loyalty Desk database with a shop, a program and some members."""
    with LoyaltyService(f"sqlite:///{path}") as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
        program = make_program(svc)
        for i in range(members):
            member = enroll(svc, program.id, f"Member {i}", email=f"m{i}@example.com", phone=f"+1202555{i:04d}")
            svc.record_purchase(SHOP, program.id, member.id, "10", f"ORD-{i}")
    return path


def refused_untouched(files: Path, home: Path, path: Path, error: type[Exception], phrase: str,
                      *, create: bool = True) -> None:
    before = listing(files)
    with pytest.raises(error) as caught:
        LoyaltyService(f"sqlite:///{path}", create=create)
    assert phrase in str(caught.value)
    assert listing(files) == before
    assert_cli_refuses(home, f"sqlite:///{path}", phrase, *(["--create"] if create else []))
    assert listing(files) == before


def run_sql(path: Path, *statements: str) -> Path:
    """Run statements on a SQLite file with a plain sqlite3 connection (as another program would)."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_another_applications_sqlite_file_is_refused_with_no_table_added(files, home):
    path = run_sql(files / "inventory.sqlite", "PRAGMA journal_mode = WAL",
                   "CREATE TABLE stock (sku TEXT PRIMARY KEY, quantity INTEGER)", "INSERT INTO stock VALUES ('A-1', 4)")
    refused_untouched(files, home, path, DatabaseRefused, "belongs to another application")
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["stock"]
    conn.close()


def test_another_alembic_application_is_not_taken_for_a_newer_loyalty_desk(files, home):
    path = run_sql(files / "other.db", "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                   "INSERT INTO alembic_version VALUES ('abc123')", "CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    refused_untouched(files, home, path, DatabaseRefused, "belongs to another application")


def test_a_newer_schema_is_refused_with_no_backup_made(files, home):
    path = run_sql(shop_file(files / "loyalty.db"), "UPDATE alembic_version SET version_num = '0999'")
    refused_untouched(files, home, path, DatabaseNewer, "made by a newer Loyalty Desk; update the app")


@pytest.mark.parametrize("case", ["truncated", "garbage", "text", "folder", "half header"])
def test_damaged_and_non_database_files_are_refused(files, home, case):
    path = files / "loyalty.db"
    if case == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("a folder named like a database")
        phrase = "is a folder"
    elif case == "truncated":
        shop_file(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        phrase = "truncated"
    else:
        content = {"garbage": os.urandom(8192), "text": b"name,points\nAda,10\n" * 200,
                   "half header": b"SQLite format 3\x00" + b"\x00" * 20}[case]
        path.write_bytes(content)
        phrase = "not a usable Loyalty Desk database"
    refused_untouched(files, home, path, DatabaseRefused, phrase)


@pytest.mark.parametrize("case", ["missing", "empty"])
def test_a_missing_or_empty_file_named_explicitly_is_created_only_when_asked(files, home, case):
    path = files / "typo" / "loyalty.db" if case == "missing" else files / "loyalty.db"
    if case == "empty":
        path.write_bytes(b"")
    before = listing(files)
    with pytest.raises(DatabaseMissing) as caught:
        LoyaltyService(f"sqlite:///{path}", create=False)
    assert caught.value.path == str(path)
    assert listing(files) == before
    done = cli(home, "--database-url", f"sqlite:///{path}", "check-ledger")
    assert done.returncode == 2 and ("does not exist" in done.stderr or "empty file" in done.stderr), done.stderr
    assert listing(files) == before
    done = cli(home, "--create", "--database-url", f"sqlite:///{path}", "check-ledger")
    assert done.returncode == 0, done.stderr
    with LoyaltyService(f"sqlite:///{path}", create=False) as svc:
        assert svc.list_shops() == []


def test_the_default_database_is_still_created_on_first_start(home):
    done = cli(home, "check-ledger")
    assert done.returncode == 0, done.stderr
    assert (home / "data" / "loyalty-desk" / "loyalty.db").stat().st_size > 0


# --- read-only files -------------------------------------------------------------------------


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """The file made read-only even for root (who ignores file modes): `chattr +i`."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextlib.contextmanager
def read_only_mount(folder: Path, view: Path) -> Iterator[None]:
    """`folder` seen read-only at `view` (a read-only bind mount: what a write-protected stick is)."""
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True, check=False).returncode:
        pytest.skip("bind mounts are not available here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", str(view)], check=True)


def assert_read_only_service(path: Path) -> None:
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert svc.read_only
        program = svc.get_loyalty_programs(SHOP)[0]
        assert svc.count_members(SHOP) == 3
        assert svc.check_ledger() == []
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            enroll(svc, program.id, "Grace Hopper")
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            svc.save_shop(SHOP, {"shop_name": "Renamed"})


def test_a_read_only_file_opens_read_only_and_refuses_every_write(files, home):
    path = shop_file(files / "loyalty.db")
    before = listing(files)
    with immutable(path):
        assert_read_only_service(path)
        assert listing(files) == before
        done = cli(home, "--database-url", f"sqlite:///{path}", "check-ledger")
        assert done.returncode == 0 and "ledger healthy" in done.stdout, done.stderr
        done = cli(home, "--database-url", f"sqlite:///{path}", "run-jobs")
        assert done.returncode == 2 and "read-only" in done.stderr and "Traceback" not in done.stderr
        assert listing(files) == before


def test_a_database_on_a_read_only_disk_opens_read_only(files, tmp_path):
    shop_file(files / "loyalty.db")
    before = listing(files)
    view = tmp_path / "stick"
    with read_only_mount(files, view):
        assert_read_only_service(view / "loyalty.db")
    assert listing(files) == before


def test_read_only_can_be_asked_for(files):
    path = shop_file(files / "loyalty.db")
    with LoyaltyService(f"sqlite:///{path}", read_only=True) as svc:
        assert svc.read_only
        with pytest.raises(DatabaseReadOnly):
            svc.save_shop(SHOP, {"shop_name": "Renamed"})
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert not svc.read_only
        assert svc.get_shop(SHOP).shop_name == "Corner Shop"


# --- a full disk ------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tiny file system (tmpfs) mounted at `folder`."""
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk of `folder` up to `leave` bytes free."""
    filler = folder / "filler"
    with open(filler, "wb") as out:
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if free <= leave:
                break
            try:
                out.write(b"\0" * min(free - leave, 1 << 16))
                out.flush()
            except OSError:
                break
    return filler


def test_a_full_disk_refuses_the_write_and_loses_nothing(tmp_path):
    with small_disk(tmp_path / "disk", "4M") as disk:
        path = shop_file(disk / "loyalty.db")
        with LoyaltyService(f"sqlite:///{path}") as svc:
            program = svc.get_loyalty_programs(SHOP)[0]
            filler = fill(disk)
            with pytest.raises(DiskFull, match="(?i)the disk is full; nothing was saved"):
                for i in range(200):        # the WAL's first pages may still fit
                    enroll(svc, program.id, f"New {i}", member_metadata={"note": "x" * 4000})
            filler.unlink()
            assert svc.check_ledger() == []
            enroll(svc, program.id, "After the disk was freed")
            count = svc.count_members(SHOP)
        with LoyaltyService(f"sqlite:///{path}") as svc:
            assert svc.count_members(SHOP) == count
            assert svc.check_integrity().ok


def test_a_migration_backup_that_does_not_fit_is_refused_before_migrating(tmp_path):
    with small_disk(tmp_path / "disk", "2M") as disk:
        path = disk / "old.db"
        engine = create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
            command.upgrade(alembic_config(conn), "0001")
            conn.execute(text("INSERT INTO loyalty_shops (user_id, shop_name, currency, timezone, phone_region, "
                              "created_at) VALUES ('s', 'Old Shop', 'USD', 'UTC', 'US', '2026-01-01 00:00:00')"))
        engine.dispose()
        filler = fill(disk, leave=path.stat().st_size // 2)
        before = listing(disk)
        with pytest.raises(DiskFull, match="Nothing was written"):
            LoyaltyService(f"sqlite:///{path}")
        assert listing(disk) == before
        done = cli(tmp_path / "home", "--database-url", f"sqlite:///{path}", "check-ledger")
        assert done.returncode == 2 and "disk is full" in done.stderr.lower()
        assert listing(disk) == before
        filler.unlink()
        with LoyaltyService(f"sqlite:///{path}") as svc:
            assert svc.db.backup_path is not None and svc.get_shop("s").shop_name == "Old Shop"


# --- integrity: never at start-up, in full on demand -------------------------------------------


def damage_an_index(path: Path) -> None:
    """Make the email index disagree with its table (as a crash on a lying disk might): the index is
    declared over another column, so its entries no longer match the rows."""
    run_sql(path, "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_loyalty_members_email ON loyalty_members (phone)' "
            "WHERE name = 'ix_loyalty_members_email'")


def test_index_damage_opens_and_is_reported_then_rebuilt(files, home):
    path = shop_file(files / "loyalty.db")
    damage_an_index(path)
    with LoyaltyService(f"sqlite:///{path}") as svc:      # no full read at start-up
        report = svc.check_integrity()
        assert not report.ok and report.indexes_only
        assert report.damaged_indexes == ("ix_loyalty_members_email",)
    done = cli(home, "--database-url", f"sqlite:///{path}", "check-integrity")
    assert done.returncode == 1 and "--rebuild-indexes" in done.stdout, done.stdout + done.stderr
    done = cli(home, "--database-url", f"sqlite:///{path}", "check-integrity", "--rebuild-indexes")
    assert done.returncode == 0 and "database file sound" in done.stdout, done.stdout + done.stderr
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert svc.check_integrity().ok


def test_a_damaged_data_page_does_not_block_start_up_and_the_full_check_finds_it(files):
    path = shop_file(files / "loyalty.db", members=60)
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'loyalty_member_activity'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8: start + page_size] = b"\xab" * (page_size - 8)     # keep the page header, scribble the rest
    path.write_bytes(bytes(data))
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert svc.get_shop(SHOP).shop_name == "Corner Shop"
        report = svc.check_integrity()
        assert not report.ok and not report.indexes_only


def test_an_unclean_shutdown_is_noticed_on_the_next_open(files):
    path = shop_file(files / "loyalty.db")
    crash = ("import os, sys; from loyalty_desk.services import LoyaltyService; "
             "svc = LoyaltyService(sys.argv[1]); svc.count_members('shop-1'); os._exit(0)")
    subprocess.run([sys.executable, "-c", crash, f"sqlite:///{path}"], check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert svc.unclean_shutdown
        assert svc.check_integrity().ok
    with LoyaltyService(f"sqlite:///{path}") as svc:
        assert not svc.unclean_shutdown
    assert sorted(p.name for p in files.iterdir()) == ["loyalty.db"]


# --- the last untyped refusals found by fuzzing: now ValidationError, with nothing written --------


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


FUZZED = {
    "lone surrogate in a name": lambda s, p, m: enroll(s, p, "Ada\ud800"),
    "lone surrogate in a search": lambda s, p, m: s.find_members(SHOP, "a\udc00"),
    "lone surrogate in a page search": lambda s, p, m: s.list_members_page(SHOP, search="\ud800"),
    "lone surrogate in a reference": lambda s, p, m: s.record_purchase(SHOP, p, m, "5", "R\ud800"),
    "lone surrogate in metadata": lambda s, p, m: enroll(s, p, "Bob", member_metadata={"k": "\udfff"}),
    "lone surrogate in a metadata key": lambda s, p, m: enroll(s, p, "Bob", member_metadata={"\ud800": 1}),
    "NUL in metadata": lambda s, p, m: enroll(s, p, "Bob", member_metadata={"k": ["a\x00b"]}),
    "NUL in a name": lambda s, p, m: enroll(s, p, "Ada\x00"),
    "JSON nested too deep": lambda s, p, m: enroll(s, p, "Bob", member_metadata=_nested(21)),
    "JSON nested thousands deep": lambda s, p, m: enroll(s, p, "Bob", member_metadata=_nested(5000)),
    "cursor id past 64 bits": lambda s, p, m: s.list_members_page(SHOP, after=("Ada", 2**64)),
    "cursor value past 64 bits": lambda s, p, m: s.list_members_page(SHOP, sort="current_points",
                                                                     after=(-(2**70), 1)),
    "limit past 64 bits": lambda s, p, m: s.get_member_activity(SHOP, m, limit=2**64),
    "page size past 64 bits": lambda s, p, m: s.list_members_page(SHOP, limit=2**64),
}


@pytest.mark.parametrize("case", list(FUZZED))
def test_fuzzed_inputs_are_refused_with_a_validation_error(svc, case):
    from loyalty_desk.services import ValidationError

    from .support import database_state

    program = make_program(svc)
    member = enroll(svc, program.id)
    before = database_state(svc)
    with pytest.raises(ValidationError):
        FUZZED[case](svc, program.id, member.id)
    assert database_state(svc) == before


def test_json_as_deep_as_the_limit_is_taken(svc):
    from loyalty_desk.services.validation import MAX_JSON_DEPTH

    member = enroll(svc, make_program(svc).id, member_metadata=_nested(MAX_JSON_DEPTH))
    assert svc.get_loyalty_member(SHOP, member.id).member_metadata == _nested(MAX_JSON_DEPTH)
