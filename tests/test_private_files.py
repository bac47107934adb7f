"""Every file Loyalty Desk makes is its owner's alone (0600, folders 0700), whatever the umask
(README, "Privacy"). Each test runs under a loose umask, 022 and 002, as a desktop session may have."""
from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from loyalty_desk import paths
from loyalty_desk.domain.spreadsheet import write_csv
from loyalty_desk.services import LoyaltyService

from .support import SHOP, enroll, file_mode, make_program


@pytest.fixture
def app_dirs(monkeypatch, tmp_path):
    """The app's platformdirs folders, under a home of the test's own."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(var, str(tmp_path / "home" / sub))
    return tmp_path / "home"


def test_a_new_database_its_wal_and_shm_and_its_new_folders_are_private(tmp_path, loose_umask):
    folder = tmp_path / "shop" / "registers"
    svc = LoyaltyService(f"sqlite:///{folder / 'loyalty.db'}")
    try:
        program = make_program(svc)
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC"})
        enroll(svc, program.id, email="ada@example.com")
        files = {name: folder / f"loyalty.db{name}" for name in ("", "-wal", "-shm")}
        assert all(f.exists() for f in files.values()), "WAL mode keeps a -wal and a -shm beside an open database"
        assert {name: oct(file_mode(f)) for name, f in files.items()} == {name: "0o600" for name in files}
    finally:
        svc.close()
    assert oct(file_mode(folder)) == oct(file_mode(folder.parent)) == "0o700"


def test_a_folder_that_already_existed_keeps_its_file_mode(tmp_path, loose_umask):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    LoyaltyService(f"sqlite:///{shared / 'loyalty.db'}").close()
    assert file_mode(shared) == 0o755
    assert file_mode(shared / "loyalty.db") == 0o600


def test_a_database_left_readable_by_an_older_version_is_tightened_when_opened(tmp_path, loose_umask):
    path = tmp_path / "loyalty.db"
    old_backup = tmp_path / "loyalty.before-0007.20260101T000000Z.db"
    sqlite3.connect(old_backup).close()
    LoyaltyService(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path)     # an older version's file: 0644 from the umask, with a WAL beside it
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("UPDATE loyalty_shops SET shop_name = shop_name")
    conn.commit()
    loose = [path, old_backup, tmp_path / "loyalty.db-wal", tmp_path / "loyalty.db-shm"]
    for f in loose:
        os.chmod(f, 0o644)
    LoyaltyService(f"sqlite:///{path}").close()
    conn.close()
    assert {f.name: oct(file_mode(f)) for f in loose if f.exists()} == {f.name: "0o600" for f in loose if f.exists()}
    assert file_mode(path) == file_mode(old_backup) == 0o600


def test_csv_exports_are_private_new_or_overwritten(tmp_path, loose_umask):
    new, existing = tmp_path / "new.csv", tmp_path / "existing.csv"
    existing.write_text("old\n")
    os.chmod(existing, 0o644)
    for path in (new, existing):
        write_csv(path, ["member", "email"], [["Ada Lovelace", "ada@example.com"]])
        assert file_mode(path) == 0o600, path.name
    assert "ada@example.com" in existing.read_text()


def test_private_file_and_private_dir_tighten_what_exists_and_make_what_is_missing(tmp_path, loose_umask):
    folder = tmp_path / "a" / "b"
    assert paths.private_dir(folder) == folder
    assert file_mode(folder) == file_mode(folder.parent) == 0o700
    os.chmod(folder, 0o755)
    paths.private_dir(folder)
    assert file_mode(folder) == 0o700
    file = folder / "export.pdf"
    file.write_bytes(b"%PDF-1.4 kept")
    os.chmod(file, 0o644)
    paths.private_file(file)
    assert file_mode(file) == 0o600 and file.read_bytes() == b"%PDF-1.4 kept"   # content untouched
    fresh = paths.private_file(folder / "fresh.png")
    assert file_mode(fresh) == 0o600 and fresh.read_bytes() == b""


def test_the_app_s_own_folders_and_files_are_tightened_on_start(app_dirs, loose_umask):
    made = []
    for folder in paths.own_dirs():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o755)
        (folder / "left-by-an-older-version").write_text("x")
        os.chmod(folder / "left-by-an-older-version", 0o644)
        made.append(folder)
    assert all(app_dirs in folder.parents for folder in made)     # never the real home's folders
    from loyalty_desk.app import main

    assert main(["check-ledger", "--create", "--database-url", f"sqlite:///{app_dirs / 'x.db'}"]) == 0
    for folder in made:
        assert file_mode(folder) == 0o700, folder
        assert file_mode(folder / "left-by-an-older-version") == 0o600, folder


def test_the_demo_database_folder_is_private(app_dirs, loose_umask):
    from loyalty_desk.app import demo_database_url

    url = demo_database_url()
    assert url.endswith(str(paths.demo_database_file()))
    assert file_mode(paths.data_dir()) == 0o700


def test_the_log_and_its_rotated_copies_are_private(tmp_path, loose_umask):
    from loyalty_desk.views.shell.crash import PrivateLogFile

    folder = tmp_path / "logs"
    paths.private_dir(folder)
    handler = PrivateLogFile(folder / "loyalty-desk.log", maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("loyalty_desk.test_rotation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(40):
            logger.warning("line %d of a log that rotates every few lines", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    logs = sorted(folder.iterdir())
    assert [f.name for f in logs] == ["loyalty-desk.log", "loyalty-desk.log.1", "loyalty-desk.log.2"]
    assert {f.name: oct(file_mode(f)) for f in logs} == {f.name: "0o600" for f in logs}
    assert file_mode(folder) == 0o700
