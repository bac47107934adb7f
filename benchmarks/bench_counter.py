"""Counter speed on a big shop: lookup (card, phone, email, name) and earning.

Prints each figure next to a baseline measured in the same run on the same
database: the same lookup done the naive way, a full scan of the members table.

    python benchmarks/bench_counter.py --members 1000000
"""
from __future__ import annotations

import argparse
import random
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import database, report, timed  # noqa: E402
from loyalty_desk.services import LoyaltyService  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    url = database(args.members)
    rnd = random.Random(1)
    with LoyaltyService(url) as svc:
        shop = svc.list_shops()[0].user_id
        with svc.db.engine.connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM loyalty_members")).scalar_one()
            rows = conn.execute(text("SELECT id, program_id, card_number, phone, email, customer_name "
                                     "FROM loyalty_members WHERE membership_status = 'active' "
                                     "ORDER BY random() LIMIT :n"), {"n": args.repeat}).all()
        ledger = svc.db.engine.connect().execute(text("SELECT count(*) FROM loyalty_points_transactions")).scalar_one()
        print(f"{total:,} members, {ledger:,} ledger rows, SQLite file {url}\n")
        picks = lambda: rnd.choice(rows)  # noqa: E731

        def naive(column: str, value_of: Callable[[Any], str]) -> list[float]:
            with svc.db.engine.connect() as conn:
                return timed(lambda: conn.execute(text(
                    f"SELECT id FROM loyalty_members WHERE lower({column}) LIKE :v"),
                    {"v": value_of(picks()).lower() + "%"}).all(), max(5, args.repeat // 20))

        report("find by card number", timed(lambda: svc.find_members(shop, picks().card_number), args.repeat),
               naive("card_number", lambda r: r.card_number))
        with_phone = [r for r in rows if r.phone]
        report("find by phone", timed(lambda: svc.find_members(shop, rnd.choice(with_phone).phone), args.repeat),
               naive("phone", lambda r: r.phone or ""))
        with_email = [r for r in rows if r.email]
        report("find by email", timed(lambda: svc.find_members(shop, rnd.choice(with_email).email), args.repeat),
               naive("email", lambda r: r.email or ""))
        report("find by name prefix (3 letters)",
               timed(lambda: svc.find_members(shop, picks().customer_name[:3]), args.repeat),
               naive("customer_name", lambda r: r.customer_name[:3]))
        report("member panel summary", timed(lambda: svc.get_member_summary(shop, picks().id), args.repeat))

        def purchase() -> None:
            row = picks()
            svc.record_purchase(shop, row.program_id, row.id, f"{rnd.randint(100, 9999) / 100:.2f}",
                                f"BENCH-{uuid.uuid4().hex[:12]}")

        report("record purchase (one transaction)", timed(purchase, args.repeat))


if __name__ == "__main__":
    main()
