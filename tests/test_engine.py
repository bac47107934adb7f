"""Opening databases: pragmas, integrity check, migrations and the backup before them."""
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from loyalty_desk.db import open_database
from loyalty_desk.db.engine import resolve_database_url
from loyalty_desk.db import migrate
from loyalty_desk.db.migrate import alembic_config, head_revision
from loyalty_desk.models import Base
from loyalty_desk.services import DatabaseRefused, LoyaltyService

from .support import SHOP, enroll, file_mode, make_program


def test_new_database_is_created_by_the_migrations_and_stamped(db_url):
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
            assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    Base.metadata) == []
    finally:
        db.dispose()


def test_the_revision_list_is_the_migration_scripts(tmp_path):
    # Opening a database compares against migrate.REVISIONS (no Alembic at start-up): it must be
    # exactly the scripts' chain, so a new migration cannot be forgotten in it.
    assert migrate.REVISIONS == migrate.script_revisions()
    assert migrate.head_revision() == migrate.script_revisions()[-1]


def test_an_up_to_date_database_opens_without_importing_alembic(db_url, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("the SQLite file is enough to show it")
    path = tmp_path / "shop.db"
    LoyaltyService(f"sqlite:///{path}").close()               # created (and migrated) here
    probe = ("import sys; from loyalty_desk.services import LoyaltyService; "
             f"LoyaltyService({f'sqlite:///{path}'!r}).close(); print(sorted(m for m in sys.modules if m == 'alembic'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_sqlite_connections_use_the_safe_pragmas(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'p.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    db.dispose()


def test_sqlite_writes_begin_immediate(tmp_path):
    """A write session takes the write lock at BEGIN: a second writer waits, it does not fail half way."""
    db = open_database(f"sqlite:///{tmp_path / 'w.db'}")
    statements = []
    from sqlalchemy import event

    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with db.write_sessions() as session:
        session.execute(text("SELECT 1"))
        session.commit()
    with db.read_sessions() as session:
        session.execute(text("SELECT 1"))
    assert "BEGIN IMMEDIATE" in statements
    assert statements.count("BEGIN") == 1  # the read is a plain deferred BEGIN
    db.dispose()


def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="not a usable"):
        LoyaltyService(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert not (tmp_path / "broken.db-wal").exists()


def test_a_damaged_page_fails_quick_check(tmp_path):
    path = tmp_path / "damaged.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,) for _ in range(400)])
    conn.execute("CREATE INDEX ix_t ON t (x)")
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3 + 100, page * 3 + 600):  # scribble over an interior page
        data[offset] = 0xAB
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused):
        open_database(f"sqlite:///{path}")


def test_existing_file_is_backed_up_before_it_is_migrated(tmp_path, loose_umask):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(text("INSERT INTO loyalty_shops (user_id, shop_name, currency, timezone, phone_region, "
                          "created_at) VALUES ('s', 'Old Shop', 'USD', 'UTC', 'US', '2026-01-01 00:00:00')"))
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    try:
        assert db.backup_path is not None and db.backup_path.exists()
        assert file_mode(db.backup_path) == 0o600      # private, whatever the umask (README, "Privacy")
        assert not list(tmp_path.glob("*-journal"))
        backup = sqlite3.connect(db.backup_path)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT shop_name FROM loyalty_shops").fetchone() == ("Old Shop",)
        backup.close()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    finally:
        db.dispose()
    # Opening an up-to-date file makes no further backup.
    again = open_database(f"sqlite:///{path}")
    assert again.backup_path is None
    again.dispose()


def test_database_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("LOYALTY_DESK_DATABASE_URL", raising=False)
    assert resolve_database_url(None).endswith("loyalty.db")
    assert resolve_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("LOYALTY_DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unsupported_or_malformed_urls_are_refused():
    with pytest.raises(DatabaseRefused):
        open_database("mysql://nobody@nowhere/db")
    with pytest.raises(DatabaseRefused):
        open_database("::not a url::")


def test_timestamps_come_back_aware_utc(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    tx = svc.record_purchase(SHOP, program.id, member.id, "5", "X")
    for moment in (member.enrollment_date, tx.created_at, program.created_at):
        assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0


def test_service_is_usable_from_another_thread(svc):
    program = make_program(svc)
    member = enroll(svc, program.id)
    results = []
    worker = threading.Thread(target=lambda: results.append(svc.get_loyalty_member(SHOP, member.id).customer_name))
    worker.start()
    worker.join(10)
    assert results == ["Ada Lovelace"]
