"""Exports through the command line, as a subprocess (issue 13, parts 2 and 4): members, the
ledger and redemptions as CSV, one member's data as JSON, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty_desk.dataio import export
from loyalty_desk.services import LoyaltyService

from .staff_support import PINS, add_staff
from .support import SHOP, enroll, file_mode, make_program, make_tiers

ROOT = Path(__file__).resolve().parents[1]


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "loyalty_desk", "--database-url", url, *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def shop(svc: LoyaltyService):
    program = make_program(svc, program_type="tiered")
    make_tiers(svc, program.id)
    ada = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", phone="+1 202 555 0143",
                 birthday="1990-12-10", customer_id="CRM-1",
                 member_metadata={"marketing_consent": True, "notes": "=HYPERLINK(\"http://x\")"})
    eve = enroll(svc, program.id, "=cmd|' /C calc'!A0")
    svc.record_purchase(SHOP, program.id, ada.id, "600", "O-1")
    svc.record_purchase(SHOP, program.id, eve.id, "12.50", "O-2")
    reward = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                          "points_cost": 100})
    svc.create_redemption(SHOP, program.id, ada.id, reward.id)
    other = make_program(svc, program_name="Coffee card")
    enroll(svc, other.id, "Grace Hopper")
    return program, other, svc.get_loyalty_member(SHOP, ada.id), svc.get_loyalty_member(SHOP, eve.id)


def test_members_export_has_the_import_columns_and_is_private_and_formula_safe(svc, db_url, shop, tmp_path):
    program, _, ada, eve = shop
    out = tmp_path / "members.csv"
    done = cli(db_url, "export", "members", "--user-id", SHOP, "--program-id", str(program.id), "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 members written" in done.stdout
    assert file_mode(out) == 0o600
    with open(out, encoding="utf-8") as handle:
        assert handle.readline().strip() == ",".join(export.MEMBER_COLUMNS)
    rows = read_csv(out)
    assert rows[0] == {
        "customer_id": "CRM-1", "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+12025550143",
        "birthday": "1990-12-10", "points": str(ada.current_points), "lifetime_points": str(ada.lifetime_points),
        "tier": "Silver", "enrollment_date": ada.enrollment_date.isoformat(), "card_number": ada.card_number,
        "marketing_consent": "yes", "email_opt_out": "no", "notes": "'=HYPERLINK(\"http://x\")"}
    assert rows[1]["name"] == "'=cmd|' /C calc'!A0" and rows[1]["points"] == str(eve.current_points)


def test_without_a_program_every_member_of_the_shop_is_exported(svc, db_url, shop, tmp_path):
    out = tmp_path / "all.csv"
    assert cli(db_url, "export", "members", "--user-id", SHOP, "--output", str(out)).returncode == 0
    assert [r["name"] for r in read_csv(out)] == ["Ada Lovelace", "'=cmd|' /C calc'!A0", "Grace Hopper"]


def test_transactions_and_redemptions_exports(svc, db_url, shop, tmp_path):
    program, _, ada, _ = shop
    ledger, redemptions = tmp_path / "ledger.csv", tmp_path / "redemptions.csv"
    assert cli(db_url, "export", "transactions", "--user-id", SHOP, "--program-id", str(program.id),
               "--output", str(ledger)).returncode == 0
    rows = read_csv(ledger)
    assert [(r["member_id"], r["transaction_type"], r["points_amount"]) for r in rows] == [
        (str(ada.id), "purchase", "600"), (str(shop[3].id), "purchase", "12"), (str(ada.id), "redemption", "-100")]
    assert rows[2]["points_amount"] == "-100"                  # a plain negative number is left as it is
    assert cli(db_url, "export", "redemptions", "--user-id", SHOP, "--output", str(redemptions)).returncode == 0
    (redemption,) = read_csv(redemptions)
    assert (redemption["member_name"], redemption["reward_name"], redemption["points_redeemed"]) == \
        ("Ada Lovelace", "Mug", "100")
    assert file_mode(ledger) == file_mode(redemptions) == 0o600


def test_member_data_command_writes_the_members_json(svc, db_url, shop, tmp_path):
    _, _, ada, _ = shop
    out = tmp_path / "ada.json"
    done = cli(db_url, "member-data", "--user-id", SHOP, "--member-id", str(ada.id), "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert file_mode(out) == 0o600
    written = json.loads(out.read_text(encoding="utf-8"))
    expected = svc.export_member_data(SHOP, ada.id)
    assert {k: v for k, v in written.items() if k != "exported_at"} == \
        {k: v for k, v in expected.items() if k != "exported_at"}


def test_refusals_exit_2_with_one_line_and_make_no_file(svc, db_url, shop, tmp_path):
    out = tmp_path / "never.csv"
    for args in (("export", "members", "--user-id", SHOP, "--program-id", "999", "--output", str(out)),
                 ("export", "members", "--output", str(out)),
                 ("member-data", "--user-id", SHOP, "--member-id", "999", "--output", str(out))):
        done = cli(db_url, *args)
        assert done.returncode == 2, args
        assert done.stderr.startswith("loyalty-desk: ") and "Traceback" not in done.stderr
        assert not out.exists()


def _refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("loyalty-desk: ") and message in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr      # one line, no traceback


def test_once_the_shop_has_staff_a_whole_file_export_needs_an_owner_and_the_pin(svc, db_url, shop, tmp_path):
    staff = add_staff(svc)
    out = tmp_path / "members.csv"
    export_as = ("export", "members", "--user-id", SHOP, "--output", str(out))
    _refused(cli(db_url, *export_as), "--actor")
    # The owner's id is not enough: the audit's cashier typed `--actor 1` and got the file.
    _refused(cli(db_url, *export_as, "--actor", str(staff["Olive"]), "--pin-from-stdin", stdin="0000\n"),
             "Wrong name or PIN")
    _refused(cli(db_url, *export_as, "--actor", "Ana", "--pin-from-stdin", stdin=PINS["Ana"] + "\n"),
             "A cashier cannot")
    _refused(cli(db_url, *export_as, "--actor", str(staff["Marc"]), "--pin-from-stdin", stdin=PINS["Marc"] + "\n"),
             "A manager cannot")
    assert not out.exists()
    done = cli(db_url, *export_as, "--actor", "olive", "--pin-from-stdin", stdin=PINS["Olive"] + "\n")
    assert done.returncode == 0, done.stderr
    assert len(read_csv(out)) == 3


def test_once_the_shop_has_staff_a_members_data_needs_a_manager_and_the_pin(svc, db_url, shop, tmp_path):
    _, _, ada, _ = shop
    staff = add_staff(svc)
    out = tmp_path / "ada.json"
    member_data = ("member-data", "--user-id", SHOP, "--member-id", str(ada.id), "--output", str(out))
    _refused(cli(db_url, *member_data), "--actor")
    _refused(cli(db_url, *member_data, "--actor", str(staff["Marc"]), "--pin-from-stdin", stdin="9999\n"),
             "Wrong name or PIN")
    _refused(cli(db_url, *member_data, "--actor", "Ana", "--pin-from-stdin", stdin=PINS["Ana"] + "\n"),
             "A cashier cannot")
    assert not out.exists()
    done = cli(db_url, *member_data, "--actor", "Marc", "--pin-from-stdin", stdin=PINS["Marc"] + "\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["profile"]["id"] == ada.id


def test_the_export_reads_a_page_at_a_time(svc, monkeypatch, tmp_path):
    program = make_program(svc)
    names = [f"Member {i}" for i in range(7)]
    for name in names:
        enroll(svc, program.id, name)
    pages: list[int] = []
    read = svc.export_members_page

    def counted(*args, **kwargs):
        page = read(*args, **kwargs)
        pages.append(len(page))
        return page

    monkeypatch.setattr(export, "PAGE", 3)
    monkeypatch.setattr(svc, "export_members_page", counted)
    assert export.export_csv(svc, SHOP, "members", tmp_path / "m.csv") == 7
    assert pages == [3, 3, 1]
    assert [r["name"] for r in read_csv(tmp_path / "m.csv")] == names


def test_an_exported_members_file_imports_into_an_empty_shop_as_the_same_members(svc, db_url, shop, tmp_path):
    # Names and notes a spreadsheet would run are written with an apostrophe, and come back without it.
    program = make_program(svc, program_name="Tiered too", program_type="tiered")
    make_tiers(svc, program.id)
    for name, spent, notes in (("Ada Lovelace", "2500", "-5% staff"), ("Linus T", "700", "'quoted' on purpose"),
                               ("=SUM(A1) & Co", "40", "@home")):
        member = enroll(svc, program.id, name, email=f"{name[:3].lower()}@example.com",
                        member_metadata={"notes": notes})
        svc.record_purchase(SHOP, program.id, member.id, spent, f"RT-{name}")
    out = tmp_path / "members.csv"
    assert cli(db_url, "export", "members", "--user-id", SHOP, "--program-id", str(program.id),
               "--output", str(out)).returncode == 0
    with LoyaltyService(f"sqlite:///{tmp_path / 'empty.db'}") as empty:   # card numbers are unique per database
        empty.save_shop(SHOP, {"shop_name": "New shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
        target = empty.create_loyalty_program(SHOP, {"program_name": "Rewards", "program_type": "tiered",
                                                     "points_per_dollar": "1"})
        for tier in svc.get_loyalty_tiers(SHOP, program.id):
            empty.create_loyalty_tier(SHOP, target.id, {
                "tier_name": tier.tier_name, "tier_level": tier.tier_level,
                "min_points_required": tier.min_points_required, "max_points_required": tier.max_points_required})
        report = empty.import_members(SHOP, target.id, str(out))
        assert report.refused == () and report.added == 3
        assert "'=SUM(A1) & Co" in out.read_text(encoding="utf-8")         # the file itself is formula safe

        def members(service: LoyaltyService, program_id: int) -> list[tuple]:
            return sorted((m.customer_name, m.email, m.phone, m.birthday, m.current_points, m.lifetime_points,
                           m.tier_name, m.card_number, (m.member_metadata or {}).get("notes"))
                          for m in service.get_loyalty_members(SHOP, program_id))

        assert members(empty, target.id) == members(svc, program.id)
        assert empty.check_ledger(SHOP) == []


def test_once_the_shop_has_staff_an_api_key_needs_the_owner_and_the_pin(svc, db_url, shop):
    staff = add_staff(svc)
    create = ("api-key", "create", "--user-id", SHOP, "--scope", "write", "--name", "web shop")
    _refused(cli(db_url, *create), "--actor")
    # The owner's id alone made a write key before: a cashier could type it.
    _refused(cli(db_url, *create, "--actor", str(staff["Olive"]), "--pin-from-stdin", stdin="0000\n"),
             "Wrong name or PIN")
    _refused(cli(db_url, *create, "--actor", "Ana", "--pin-from-stdin", stdin=PINS["Ana"] + "\n"), "A cashier cannot")
    assert svc.list_api_keys(SHOP, actor=staff["Olive"]) == []
    done = cli(db_url, *create, "--actor", "Olive", "--pin-from-stdin", stdin=PINS["Olive"] + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("ld_")
    (key,) = svc.list_api_keys(SHOP, actor=staff["Olive"])
    listed = cli(db_url, "api-key", "list", "--user-id", SHOP, "--actor", "Olive", "--pin-from-stdin",
                 stdin=PINS["Olive"] + "\n")
    assert listed.returncode == 0 and f"#{key.id}" in listed.stdout
