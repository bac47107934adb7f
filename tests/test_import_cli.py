"""`loyalty-desk import members FILE.csv` as a user runs it: a separate process, its output and exit code."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty_desk.services import LoyaltyService

from .staff_support import PINS, add_staff
from .support import SHOP, database_state, make_program

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Name,Email,Points\nAda Lovelace,ada@example.com,100\nGrace Hopper,grace@example.com,50\n"
BAD = GOOD + "Bad Row,bad@example.com,-3\n=HYPERLINK(\"x\"),,12.5\n"


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "loyalty_desk", "import", "members", *args, "--database-url", url],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def shop(svc: LoyaltyService) -> tuple[LoyaltyService, str]:
    program = make_program(svc)
    return svc, str(program.id)


def members(svc: LoyaltyService) -> set[str]:
    return {m.customer_name for p in svc.get_loyalty_programs(SHOP) for m in svc.get_loyalty_members(SHOP, p.id)}


def test_a_good_file_imports_and_exits_0(shop, db_url, tmp_path: Path):
    svc, program = shop
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    (tmp_path / "members.errors.csv").write_text("row,column,message\n2,x,old\n", encoding="utf-8")
    done = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program)
    assert done.returncode == 0, done.stderr
    assert "added 2, updated 0, unchanged 0, refused 0 rows" in done.stdout and "Imported" in done.stdout
    assert members(svc) == {"Ada Lovelace", "Grace Hopper"}
    assert not (tmp_path / "members.errors.csv").exists()       # the old one no longer says anything true
    again = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program)
    assert again.returncode == 0 and "unchanged 2" in again.stdout and "Nothing to change" in again.stdout
    assert svc.check_ledger(SHOP) == []


def test_refused_rows_go_to_the_errors_file_and_exit_1(shop, db_url, tmp_path: Path):
    svc, program = shop
    path = tmp_path / "members.csv"
    path.write_text(BAD, encoding="utf-8")
    before = database_state(svc)
    done = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program)
    assert done.returncode == 1, done.stderr
    assert "Nothing imported" in done.stdout and "Traceback" not in done.stderr
    assert database_state(svc) == before
    with open(tmp_path / "members.errors.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "column", "message"]
    assert [(r[0], r[1]) for r in rows[1:]] == [("4", "Points"), ("5", "Points")]

    skipped = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program, "--skip-bad-rows")
    assert skipped.returncode == 1 and "Imported: 2 added (150 opening points)" in skipped.stdout
    assert members(svc) == {"Ada Lovelace", "Grace Hopper"}
    assert svc.check_ledger(SHOP) == []


def test_a_dry_run_writes_nothing(shop, db_url, tmp_path: Path):
    svc, program = shop
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = database_state(svc)
    done = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program, "--dry-run")
    assert done.returncode == 0 and "added 2" in done.stdout and "Dry run: nothing was written." in done.stdout
    assert database_state(svc) == before


@pytest.mark.parametrize(("content", "message"), [
    (None, "There is no file at"),
    (b"", "The file is empty"),
    (b"Name,Email\n", "header but no members"),
    (b"Email,Phone\na@example.com,\n", "no column for the member's name"),
    ("Name\nAda\n".encode("utf-16"), "NUL bytes"),
])
def test_a_bad_file_exits_2_with_one_sentence(shop, db_url, tmp_path: Path, content, message):
    svc, program = shop
    path = tmp_path / "members.csv"
    if content is not None:
        path.write_bytes(content)
    before = database_state(svc)
    done = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert database_state(svc) == before and not (tmp_path / "members.errors.csv").exists()


def test_in_a_shop_with_staff_the_owner_signs_in_and_a_cashier_is_refused(shop, db_url, tmp_path: Path):
    svc, program = shop
    staff = add_staff(svc)
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = database_state(svc)
    nobody = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program)
    assert nobody.returncode == 2 and "--actor" in nobody.stderr
    cashier = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program, "--actor", "Ana",
                  "--pin-from-stdin", stdin=PINS["Ana"] + "\n")
    assert cashier.returncode == 2 and "A cashier cannot import members" in cashier.stderr
    wrong = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program, "--actor", str(staff["Olive"]),
                "--pin-from-stdin", stdin="0000\n")
    assert wrong.returncode == 2 and "Wrong name or PIN" in wrong.stderr
    assert {t: r for t, r in database_state(svc).items() if t != "loyalty_sign_in_failures"} == \
        {t: r for t, r in before.items() if t != "loyalty_sign_in_failures"}
    owner = cli(db_url, str(path), "--user-id", SHOP, "--program-id", program, "--actor", "olive",
                "--pin-from-stdin", stdin=PINS["Olive"] + "\n")
    assert owner.returncode == 0, owner.stderr
    ada = next(m for m in svc.get_loyalty_members(SHOP, int(program)) if m.customer_name == "Ada Lovelace")
    (row,) = svc.get_member_points_history(SHOP, ada.id)
    assert (row.actor_kind, row.actor_staff_id) == ("staff", staff["Olive"])
