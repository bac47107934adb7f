"""Importing members with their balances: `LoyaltyService.import_members` on a CSV of N rows.

The file has every column a shop brings (customer id, name, email, phone, birthday, points,
lifetime points, a tier for some, enrollment date, consent, notes), all valid. It is imported
into a fresh SQLite file with a tiered program, timed as a whole call (reading, checking every
row, writing members, ledger rows, lots, tier changes and activity in one transaction), then
imported again (every row unchanged). The baseline, in the same run and the same database file:
the same rows read with the csv module and inserted with raw sqlite3 `executemany` into a plain
table in one transaction. The issue's target: 100,000 rows in under 60 s.

    python benchmarks/bench_import.py --rows 100000
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import phonenumbers  # noqa: E402

from loyalty_desk.services import LoyaltyService  # noqa: E402

SHOP = "bench"
HEADER = ["Customer ID", "First Name", "Last Name", "Email", "Phone", "Birthday", "Points", "Lifetime Points",
          "Tier", "Member Since", "Opt-in", "Notes"]
AREAS = ("201", "202", "212", "213", "305", "312", "404", "415", "503", "617", "702", "718", "805", "919")
FIRST = ("Ada", "Grace", "Alan", "Zoë", "Björn", "Chloé", "Dmitri", "Amara", "Kenji", "Lucía", "Noor", "Owen")
LAST = ("Lovelace", "Hopper", "Turing", "Müller", "O'Neil", "García", "Nakamura", "Okafor", "Smith", "Dubois")


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    phones: set[str] = set()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            while True:
                phone = f"({rng.choice(AREAS)}) {rng.randrange(200, 1000)}-{rng.randrange(10000):04d}"
                number = phonenumbers.parse(phone, "US")
                if phone not in phones and phonenumbers.is_valid_number(number):
                    phones.add(phone)
                    break
            points = rng.randrange(0, 5000)
            writer.writerow([
                f"OLD-{i:07d}", rng.choice(FIRST), rng.choice(LAST), f"member{i}@example.com", phone,
                f"{rng.randrange(1940, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", points,
                points + rng.randrange(0, 20000), rng.choice(("", "", "", "Silver", "Gold")),
                f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                rng.choice(("yes", "no", "")), rng.choice(("", "", "prefers email", "VIP"))])


def raw_insert(db_path: Path, csv_path: Path) -> float:
    """The baseline: the same rows, read with csv and inserted by raw sqlite3 into a plain table."""
    started = time.perf_counter()
    with open(csv_path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"CREATE TABLE raw_import ({', '.join(f'c{i} TEXT' for i in range(len(HEADER)))})")
        with conn:
            conn.executemany(f"INSERT INTO raw_import VALUES ({', '.join('?' * len(HEADER))})", rows)
        took = time.perf_counter() - started
        conn.execute("DROP TABLE raw_import")
        conn.commit()
    finally:
        conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv_path, db_path = Path(folder) / "members.csv", Path(folder) / "shop.db"
        write_file(csv_path, args.rows)
        with LoyaltyService(f"sqlite:///{db_path}") as svc:
            svc.save_shop(SHOP, {"shop_name": "Bench", "phone_region": "US", "timezone": "America/New_York"})
            program = svc.create_loyalty_program(SHOP, {"program_name": "Rewards", "program_type": "tiered",
                                                        "points_expiration_days": 365})
            for name, level, low, high in (("Bronze", 1, 0, 4999), ("Silver", 2, 5000, 14999),
                                           ("Gold", 3, 15000, None)):
                svc.create_loyalty_tier(SHOP, program.id, {"tier_name": name, "tier_level": level,
                                                           "min_points_required": low, "max_points_required": high})
            started = time.perf_counter()
            dry = svc.import_members(SHOP, program.id, csv_path, dry_run=True)
            dry_s = time.perf_counter() - started
            started = time.perf_counter()
            report = svc.import_members(SHOP, program.id, csv_path)
            import_s = time.perf_counter() - started
            started = time.perf_counter()
            again = svc.import_members(SHOP, program.id, csv_path)
            again_s = time.perf_counter() - started
            assert report.added == dry.added == args.rows and not report.refused, report.refused[:5]
            assert (again.added, again.updated, again.unchanged) == (0, 0, args.rows)
            problems = svc.check_ledger(SHOP)
            assert problems == [], problems[:5]
        baseline_s = raw_insert(db_path, csv_path)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.rows:,} rows, {report.points_credited:,} opening points; check_ledger clean; "
          f"{os.cpu_count()} CPUs, load average {load}")
    print(f"{'import (one call, written)':<34} {import_s:7.1f} s  ({args.rows / import_s:,.0f} rows/s)"
          f"   | raw sqlite3 insert of the same rows {baseline_s:5.2f} s ({import_s / baseline_s:,.0f}x)")
    print(f"{'dry run (nothing written)':<34} {dry_s:7.1f} s")
    print(f"{'the same file again (all unchanged)':<34} {again_s:7.1f} s")


if __name__ == "__main__":
    main()
