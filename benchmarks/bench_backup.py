"""Backup speed on a big shop, beside a raw sqlite3 backup (same API) and a plain file copy, in the same run.

    python benchmarks/bench_backup.py --members 100000

Works on a copy of the demo database (benchmarks/data/, built once; never changed in place):
`loyalty-desk backup` = the online backup + `integrity_check` + `check_ledger` on the copy; the copy
is also timed alone. Copies go beside the source and are removed after each run.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, database  # noqa: E402
from loyalty_desk.db import sqlite_files  # noqa: E402
from loyalty_desk.services import LoyaltyService  # noqa: E402


def seconds(fn: Callable[[], object], repeat: int, cleanup: Callable[[], object]) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
        cleanup()
    return out


def line(name: str, samples: list[float], note: str = "") -> None:
    print(f"{name:<58} median {statistics.median(samples):8.1f} s   (runs: "
          f"{', '.join(f'{s:.1f}' for s in samples)}){note}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--source", help="a demo database to copy from (default: benchmarks/data/demo-N.db)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    work = DATA / "bench-backup"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "shop.db"
    if not db.exists():
        source = Path(args.source) if args.source else Path(database(args.members).removeprefix("sqlite:///"))
        print(f"copying {source} ({source.stat().st_size / 1e9:.2f} GB) to {db} (once)…", flush=True)
        shutil.copyfile(source, db)     # the source is closed: a file copy is a faithful one here
    out = work / "backup.db"

    def remove() -> None:
        out.unlink(missing_ok=True)

    with LoyaltyService(f"sqlite:///{db}") as svc:     # migrates the copy once, if it is older
        members = sum(svc.count_members(shop.user_id) for shop in svc.list_shops())
        size = db.stat().st_size
        print(f"{members:,} members, {size / 1e9:.2f} GB, SQLite {sqlite3.sqlite_version}", flush=True)
        full = seconds(lambda: svc.backup(out), args.repeat, remove)

        def copy_only() -> None:
            with svc.db.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                sqlite_files.copy_database(raw, out)
        copy = seconds(copy_only, args.repeat, remove)

    def raw_backup() -> None:
        src, dst = sqlite3.connect(db), sqlite3.connect(out)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    raw = seconds(raw_backup, args.repeat, remove)
    plain = seconds(lambda: shutil.copyfile(db, out), args.repeat, remove)

    line("loyalty-desk backup (copy, fsync, integrity + ledger check)", full)
    line("  the copy alone (online backup, fsync, rename)", copy)
    print(f"  so verifying the copy (integrity_check + check_ledger) took about "
          f"{statistics.median(full) - statistics.median(copy):.1f} s", flush=True)
    line("baseline: raw sqlite3 Connection.backup, same file", raw)
    line("baseline: plain file copy (shutil.copyfile, no fsync)", plain)


if __name__ == "__main__":
    main()
