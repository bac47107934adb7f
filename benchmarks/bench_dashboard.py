"""Dashboard speed on a big shop, next to the naive full-scan aggregate, in the same run.

    python benchmarks/bench_dashboard.py --members 1000000
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import database, report, timed  # noqa: E402
from loyalty_desk.services import LoyaltyService  # noqa: E402

# What a dashboard costs without rollups or snapshots: every figure from the raw tables.
NAIVE = [
    "SELECT count(*), sum(CASE WHEN last_activity_date >= datetime('now', '-90 days') THEN 1 ELSE 0 END), "
    "sum(current_points) FROM loyalty_members WHERE user_id = :u",
    "SELECT sum(CASE WHEN transaction_type IN ('redemption','redemption_refund') THEN -points_amount ELSE 0 END), "
    "sum(CASE WHEN points_amount > 0 THEN points_amount ELSE 0 END) FROM loyalty_points_transactions "
    "WHERE user_id = :u AND status = 'completed'",
    "SELECT current_tier_id, count(*) FROM loyalty_members WHERE user_id = :u GROUP BY current_tier_id",
    "SELECT count(DISTINCT member_id) FROM loyalty_redemptions WHERE user_id = :u",
    "SELECT sum(points_remaining) FROM loyalty_point_lots WHERE user_id = :u AND points_remaining > 0 "
    "AND expires_at < datetime('now', '+90 days')",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    url = database(args.members)
    with LoyaltyService(url) as svc:
        shop = svc.list_shops()[0].user_id
        with svc.db.engine.connect() as conn:
            members = conn.execute(text("SELECT count(*) FROM loyalty_members")).scalar_one()
            ledger = conn.execute(text("SELECT count(*) FROM loyalty_points_transactions")).scalar_one()
        print(f"{members:,} members, {ledger:,} ledger rows\n")
        svc.run_daily_jobs(shop)  # snapshots up to yesterday, as the app does at start
        svc.get_loyalty_dashboard_data(shop)  # warm the page cache, as a refresh would find it

        def naive() -> None:
            with svc.db.engine.connect() as conn:
                for statement in NAIVE:
                    conn.execute(text(statement), {"u": shop}).all()

        baseline = timed(naive, max(3, args.repeat // 5))
        report("get_loyalty_dashboard_data", timed(lambda: svc.get_loyalty_dashboard_data(shop), args.repeat),
               baseline)
        report("get_points_liability", timed(lambda: svc.get_points_liability(shop), args.repeat), baseline)
        report("naive full-scan aggregate (baseline)", baseline)


if __name__ == "__main__":
    main()
