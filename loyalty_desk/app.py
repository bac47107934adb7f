"""Composition root: parse the command line, open the service, start what was asked for."""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .errors import LoyaltyError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-desk", description="Customer loyalty programs for small shops.")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: the file in the user data dir; "
                                               "or set LOYALTY_DESK_DATABASE_URL)")
    parser.add_argument("--user-id", help="the shop account to open")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo-data", help="fill a database with a realistic demo shop")
    demo.add_argument("--members", type=int, default=1000, help="how many members (default 1000)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for a repeatable shop")
    demo.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    jobs = sub.add_parser("run-jobs", help="run the daily jobs now (expiry, birthdays, tiers, snapshots)")
    jobs.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    check = sub.add_parser("check-ledger", help="verify every ledger rule and list any problem")
    check.add_argument("--database-url", dest="sub_database_url", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    url = getattr(args, "sub_database_url", None) or args.database_url
    try:
        if args.command == "demo-data":
            from .services.demo_data import build_demo

            stats = build_demo(url, members=args.members, seed=args.seed, progress=_print_progress)
            print(f"\nDemo shop ready: {stats}")
            return 0
        from .services import LoyaltyService

        with LoyaltyService(url) as svc:
            if args.command == "run-jobs":
                for shop in svc.list_shops():
                    print(shop.user_id, svc.run_daily_jobs(shop.user_id).as_dict())
                return 0
            if args.command == "check-ledger":
                problems = svc.check_ledger(args.user_id)
                for problem in problems:
                    print(problem)
                print("ledger healthy" if not problems else f"{len(problems)} problem(s)")
                return 0 if not problems else 1
            return _start_desktop(svc, args)
    except LoyaltyError as exc:
        print(f"loyalty-desk: {exc}", file=sys.stderr)
        return 2


def _start_desktop(svc: object, args: argparse.Namespace) -> int:
    """Opens the main window once the desktop views are installed; until then, says what is there."""
    try:
        from .views.main_window import run_desktop  # type: ignore[import-not-found]
    except ImportError:
        from .services import LoyaltyService

        assert isinstance(svc, LoyaltyService)
        shops = svc.list_shops()
        print(f"Database: {svc.database_url}")
        print(f"Shops: {', '.join(s.shop_name for s in shops) or 'none yet'}")
        print("The desktop window is not part of this build yet; the engine is ready "
              "(try: loyalty-desk demo-data, loyalty-desk check-ledger).")
        return 0
    return run_desktop(svc, args)


def _print_progress(done: int, total: int, stage: str) -> None:
    print(f"\r{stage}: {done:,}/{total:,}", end="", flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
