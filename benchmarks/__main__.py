"""Issue 14's benchmark: each counter and owner operation next to raw `sqlite3` doing the same
work on the same file, measured interleaved in one run, as one table.

    python -m benchmarks --members 100000            # benchmarks/data/demo-100000.db, built once
    python -m benchmarks --members path/to/shop.db   # a database built before (any size)
    python -m benchmarks --members 10000 --backend postgresql --pg-url postgresql://...

The SQLite file is copied to a temporary folder and the copy is measured (and written to), then
deleted: the cached database is never changed. See the README, "Speed".
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks import raw
from benchmarks.common import HERE, database, synced_copy
from benchmarks.ops import Bench, Op, operations
from loyalty_desk.db.engine import resolve_database_url
from loyalty_desk.db.statements import recorded
from loyalty_desk.services import LoyaltyService

WARM_UP = 3          # untimed calls of each side first; the app's also give the statements per call


@dataclass
class Row:
    name: str
    app: list[float]
    statements: float
    raw: list[float] | None


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(op: Op, repeat: int, svc: LoyaltyService) -> Row:
    """Warm both sides up, count the app's statements, then time both on the same picks,
    alternating which goes first so that a load spike hits both alike."""
    if op.raw is not None and op.check is not None:
        op.check()
    counts = []
    for _ in range(WARM_UP):
        pick = op.pick()
        with recorded(svc.db.engine) as seen:
            op.app(pick)
        counts.append(len(seen))
        if op.raw is not None:
            op.raw(pick)
    app: list[float] = []
    baseline: list[float] = []
    for i in range(repeat):
        pick = op.pick()
        sides = [(op.app, app)] + ([(op.raw, baseline)] if op.raw is not None else [])
        for call, samples in (sides if i % 2 == 0 else sides[::-1]):
            started = time.perf_counter()
            call(pick)
            samples.append((time.perf_counter() - started) * 1000)
    return Row(op.name, app, statistics.mean(counts), baseline if op.raw is not None else None)


def ms(value: float) -> str:
    """Milliseconds to three significant digits (0.0312 ms, 1.47 ms, 48.2 ms, 154 ms)."""
    return f"{value:.{max(0, 2 - math.floor(math.log10(value)))}f} ms" if value > 0 else "0 ms"


def table(rows: list[Row]) -> str:
    out = ["| operation | app p50 | app p95 | statements/call | raw p50 | raw p95 | ratio (p50) |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        a50, a95 = statistics.median(r.app), percentile(r.app, 0.95)
        if r.raw:
            b50, b95 = statistics.median(r.raw), percentile(r.raw, 0.95)
            tail = f"{ms(b50)} | {ms(b95)} | {a50 / b50:.1f}x"
        else:
            tail = "n/a | n/a | n/a"
        out.append(f"| {r.name} | {ms(a50)} | {ms(a95)} | {r.statements:.3g} | {tail} |")
    return "\n".join(out)


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(HERE.parent), *args], capture_output=True, text=True).stdout.strip()
    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    return sha + (" with local changes" if git("status", "--porcelain", "--", "loyalty_desk", "benchmarks") else "")


def header(svc: LoyaltyService, backend: str, repeat: int) -> str:
    with svc.db.engine.connect() as conn:
        members = conn.execute(text("SELECT count(*) FROM loyalty_members")).scalar_one()
        ledger = conn.execute(text("SELECT count(*) FROM loyalty_points_transactions")).scalar_one()
    where = "SQLite" if backend == "sqlite" else "PostgreSQL (raw: n/a, sqlite3 only)"
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · commit {commit()} · "
            f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}, "
            f"sqlite3 {sqlite3.sqlite_version} · {where}: {members:,} members, {ledger:,} ledger rows · "
            f"{repeat} iterations each, " + ("app and raw interleaved" if backend == "sqlite" else "app only"))


def sqlite_source(members: str) -> Path:
    if members.isdigit():
        return Path(database(int(members)).removeprefix("sqlite:///"))
    path = Path(members)
    if not path.is_file():
        raise SystemExit(f"--members: no database at {path}")
    return path


@contextmanager
def postgres_copy(members: str, url: str | None) -> Iterator[str]:
    """A copy (CREATE DATABASE ... TEMPLATE) of the PostgreSQL database holding the demo shop,
    built there once when it is empty; the copy is dropped afterwards."""
    from loyalty_desk.demo import build_demo

    if not url:
        raise SystemExit("--backend postgresql needs --pg-url (or LOYALTY_BENCH_PG_URL)")
    if not members.isdigit():
        raise SystemExit("--backend postgresql takes --members N (the demo is built there once)")
    with LoyaltyService(url) as svc:
        empty = not svc.list_shops()
    if empty:
        print(f"building {int(members):,} demo members in PostgreSQL (once)…", file=sys.stderr, flush=True)
        build_demo(url, members=int(members))
    source = make_url(resolve_database_url(url))
    copy = source.set(database=f"{source.database}_bench_{os.getpid()}")
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{copy.database}" TEMPLATE "{source.database}"'))
        yield copy.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{copy.database}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", required=True, help="N demo members (built once), or a database file")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("LOYALTY_BENCH_PG_URL"))
    parser.add_argument("--repeat", type=int, default=200, help="timed iterations of each operation")
    parser.add_argument("--only", help="comma-separated: card, phone, email, name, summary, purchase, reverse, "
                                       "redemption, dashboard, liability, pages")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    wanted = {k.strip() for k in args.only.split(",")} if args.only else None
    with ExitStack() as stack:
        if args.backend == "sqlite":
            source = sqlite_source(args.members)
            scratch = Path(tempfile.mkdtemp(prefix="loyalty-bench-"))
            stack.callback(shutil.rmtree, scratch, ignore_errors=True)
            copy = scratch / source.name
            print(f"copying {source} to {copy}…", file=sys.stderr, flush=True)
            synced_copy(source, copy)
            if Path(f"{source}-wal").exists():
                synced_copy(f"{source}-wal", f"{copy}-wal")
            url, conn = f"sqlite:///{copy}", raw.connect(str(copy))
            stack.callback(conn.close)
        else:
            url, conn = stack.enter_context(postgres_copy(args.members, args.pg_url)), None
        with LoyaltyService(url) as svc:
            bench = Bench(svc, conn, random.Random(args.seed))
            bench.setup()
            top = header(svc, args.backend, args.repeat)
            rows = []
            for op in operations(bench, svc.count_members(bench.shop)):
                if wanted is None or op.key in wanted:
                    print(f"measuring {op.name}…", file=sys.stderr, flush=True)
                    rows.append(measure(op, args.repeat, svc))
    print(top)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
