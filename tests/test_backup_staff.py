"""Backups and restores are the owner's once a shop has staff (issue 12): through the service, and
through the CLI as a process with `--actor` and the PIN. The automatic daily copy acts as the
system; a restore by a person leaves a row in the restored database's audit log."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty_desk.services import LoyaltyService, PermissionDenied, restore_backup

from .staff_support import PINS, add_staff
from .support import SHOP, database_state
from .test_bad_files import ROOT, shop_file


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    env.pop("LOYALTY_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "loyalty_desk", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=300, check=False)


def refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("loyalty-desk: ") and message in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def unstaffed(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    return shop_file(folder / "loyalty.db")


@pytest.fixture
def staffed(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = unstaffed(tmp_path)
    with LoyaltyService(url_of(path)) as svc:
        staff = add_staff(svc)
    return path, staff


def test_a_backup_in_a_shop_with_staff_is_the_owners(staffed, tmp_path):
    path, staff = staffed
    out = tmp_path / "copy.db"
    with LoyaltyService(url_of(path)) as svc:
        for actor, message in ((None, "Sign in first"), (staff["Ana"], "A cashier cannot"),
                               (staff["Marc"], "A manager cannot")):
            with pytest.raises(PermissionDenied, match=message):
                svc.backup(out, user_id=SHOP, actor=actor)
            assert not out.exists()
        assert Path(svc.backup(out, user_id=SHOP, actor=staff["Olive"]).path) == out
        # The automatic daily copy acts as the system; a person naming themselves is checked.
        assert svc.backup_to_folder(tmp_path / "daily").backup.path
        with pytest.raises(PermissionDenied, match="A cashier cannot"):
            svc.backup_to_folder(tmp_path / "daily", user_id=SHOP, actor=staff["Ana"])


def test_a_restore_by_a_person_is_the_owners_and_the_restored_log_names_who_and_which_file(staffed, tmp_path):
    path, staff = staffed
    with LoyaltyService(url_of(path)) as svc:
        backup = Path(svc.backup(tmp_path / "monday.db", user_id=SHOP, actor=staff["Olive"]).path)
        svc.save_shop(SHOP, {"receipt_footer": "Changed after the backup"}, actor=staff["Olive"])
        before = database_state(svc)
    for actor, message in ((None, "Sign in first"), (staff["Ana"], "A cashier cannot"),
                           (staff["Marc"], "A manager cannot"), (999, "Unknown or inactive")):
        with pytest.raises(PermissionDenied, match=message):
            restore_backup(url_of(path), backup, actor=actor)
        with LoyaltyService(url_of(path)) as svc:
            assert database_state(svc) == before
    moment = dt.datetime(2026, 12, 3, 23, 0, tzinfo=dt.UTC)
    restore_backup(url_of(path), backup, moment, actor=staff["Olive"])
    with LoyaltyService(url_of(path)) as svc:
        assert svc.get_shop(SHOP).receipt_footer != "Changed after the backup"
        (entry,) = svc.get_audit_log(SHOP, action="database_restored", actor=staff["Olive"])
    assert (entry.time, entry.actor_kind, entry.actor_staff_id, entry.actor_name) == \
        (moment, "staff", staff["Olive"], "Olive")
    assert "monday.db" in entry.description


def test_a_restore_names_the_person_even_when_the_backup_predates_their_account(tmp_path):
    path = unstaffed(tmp_path)
    with LoyaltyService(url_of(path)) as svc:
        backup = Path(svc.backup(tmp_path / "before-staff.db").path)
        olive = add_staff(svc, ("Olive",))["Olive"]
    restore_backup(url_of(path), backup, actor=olive)
    with LoyaltyService(url_of(path)) as svc:
        assert not svc.has_staff(SHOP)          # the backup's shop had no staff: open to all again
        (entry,) = svc.get_audit_log(SHOP, action="database_restored")
    assert entry.actor_kind == "staff" and "Olive" in entry.description and "before-staff.db" in entry.description


def test_a_shop_without_staff_backs_up_and_restores_as_before(tmp_path):
    path = unstaffed(tmp_path)
    with LoyaltyService(url_of(path)) as svc:
        backup = Path(svc.backup(tmp_path / "b.db").path)
    assert restore_backup(url_of(path), backup).kept_copy is not None


def test_the_cli_backs_up_and_restores_as_the_owner_with_the_pin(staffed, tmp_path):
    path, staff = staffed
    home, out = tmp_path / "home", tmp_path / "cli-copy.db"
    url = ("--database-url", url_of(path))
    refused(cli(home, *url, "backup", "--output", str(out)), "--actor")
    refused(cli(home, *url, "backup", "--output", str(out), "--user-id", SHOP, "--actor", str(staff["Olive"]),
                "--pin-from-stdin", stdin="0000\n"), "Wrong name or PIN")
    refused(cli(home, *url, "backup", "--output", str(out), "--user-id", SHOP, "--actor", "Ana",
                "--pin-from-stdin", stdin=PINS["Ana"] + "\n"), "A cashier cannot")
    assert not out.exists()
    done = cli(home, *url, "backup", "--output", str(out), "--user-id", SHOP, "--actor", "Olive",
               "--pin-from-stdin", stdin=PINS["Olive"] + "\n")
    assert done.returncode == 0 and done.stdout.strip() == str(out), done.stderr
    with LoyaltyService(url_of(path)) as svc:
        svc.save_shop(SHOP, {"receipt_footer": "After"}, actor=staff["Olive"])
        before = database_state(svc)
    refused(cli(home, *url, "restore", str(out)), "--actor")
    refused(cli(home, *url, "restore", str(out), "--user-id", SHOP, "--actor", "Marc", "--pin-from-stdin",
                stdin=PINS["Marc"] + "\n"), "A manager cannot")
    with LoyaltyService(url_of(path)) as svc:
        assert {t: r for t, r in database_state(svc).items() if t != "loyalty_sign_in_failures"} == \
            {t: r for t, r in before.items() if t != "loyalty_sign_in_failures"}
    done = cli(home, *url, "restore", str(out), "--user-id", SHOP, "--actor", "olive", "--pin-from-stdin",
               stdin=PINS["Olive"] + "\n")
    assert done.returncode == 0, done.stderr
    with LoyaltyService(url_of(path)) as svc:
        assert svc.get_shop(SHOP).receipt_footer != "After"
        (entry,) = svc.get_audit_log(SHOP, action="database_restored", actor=staff["Olive"])
    assert entry.actor_name == "Olive" and "cli-copy.db" in entry.description
