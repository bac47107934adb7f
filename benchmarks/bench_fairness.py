"""Registers sharing one database: 1, 2 and 4 writer processes, and one register beside the daily job.

Each writer is its own process with its own LoyaltyService, recording purchases for its own
members (no two writers share a member) as fast as it can for `--seconds`. Printed per run:
total throughput, p50, p95 and worst purchase, and each writer's count (fair registers have
counts within 2x of each other). Then one register records purchases while the daily job runs
for a new day (SQLite), with the job's time and peak RSS.

    python benchmarks/bench_fairness.py                       # SQLite copy of the 100k demo, and PostgreSQL
    python benchmarks/bench_fairness.py --backend sqlite --seconds 10

SQLite works on a copy of benchmarks/data/demo-N.db in /tmp (the original is never opened).
PostgreSQL: a throwaway server from .ci/postgres.sh (loopback only) with a smaller demo
(`--pg-members`), unless `--pg-url` names one. Every process started here is stopped by pid.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, database, synced_copy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG_SCRIPT = ROOT / ".ci" / "postgres.sh"
MEMBERS_PER_WRITER = 300
# With FAIR_SLOW=1 in the environment, each writer lists its purchases slower than this
# (FAIR_SLOW_MS, default 250), with the wall-clock time each began.
SLOW_MS = float(os.environ.get("FAIR_SLOW_MS", "250"))


# --- the processes -----------------------------------------------------------------------------

def _drive(members: list[tuple[int, int]], start_at: float, stop_at: float, stop: Any,
           call: Callable[[int, int, int], None], times: list[float], slow: list[tuple[float, float]]) -> None:
    """One writer's timed loop, shared by the app and its raw twin: wait for the common start,
    then call `call(member_id, program_id, i)` round the members until the stop, adding each
    call's milliseconds to `times` and the slow ones (wall-clock start, milliseconds) to `slow`
    as it goes (so a writer that fails still reports what it did)."""
    i = 0
    while time.time() < start_at:
        time.sleep(0.001)
    while time.time() < stop_at and not stop.is_set():
        member_id, program_id = members[i % len(members)]
        i += 1
        began = time.perf_counter()
        call(member_id, program_id, i)
        times.append((time.perf_counter() - began) * 1000)
        if times[-1] > SLOW_MS:
            slow.append((time.time() - times[-1] / 1000, times[-1]))


def _writer(url: str, members: list[tuple[int, int]], start_at: float, stop_at: float, stop: Any,
            results: Any, name: str) -> None:
    """Record purchases for `members` from `start_at` until `stop_at` (wall clock) or `stop` is set."""
    from loyalty_desk.errors import DatabaseBusy
    from loyalty_desk.services import LoyaltyService

    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    busy = [0]

    def purchase(member_id: int, program_id: int, i: int) -> None:
        try:
            svc.record_purchase(shop, program_id, member_id, f"{(i % 90) + 10}.{i % 100:02d}",
                                f"FAIR-{uuid.uuid4().hex[:16]}")
        except DatabaseBusy:
            busy[0] += 1

    times: list[float] = []
    slow: list[tuple[float, float]] = []
    try:
        _drive(members, start_at, stop_at, stop, purchase, times, slow)
    finally:
        svc.close()
        if os.environ.get("FAIR_SLOW"):
            print(name, " ".join(f"{at:.3f}s:{ms:.0f}ms" for at, ms in slow), flush=True)
        results.put((name, times, busy[0]))


def _raw_writer(url: str, members: list[tuple[int, int]], start_at: float, stop_at: float, stop: Any,
                results: Any, name: str) -> None:
    """The baseline: the driver alone, one short transaction per call (lock the member's row, append a
    row), with the database's own lock waiting (SQLite's busy handler, PostgreSQL's lock queue)."""
    postgres = url.startswith("postgresql")
    if postgres:
        import psycopg
        conn: Any = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
        lock, add = ("SELECT current_points FROM loyalty_members WHERE id = %s FOR UPDATE",
                     "INSERT INTO fair_raw (member_id, program_id, ref) VALUES (%s, %s, %s)")
    else:
        import sqlite3
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        lock, add = ("SELECT current_points FROM loyalty_members WHERE id = ?",
                     "INSERT INTO fair_raw (member_id, program_id, ref) VALUES (?, ?, ?)")

    def purchase(member_id: int, program_id: int, _i: int) -> None:
        conn.execute("BEGIN" if postgres else "BEGIN IMMEDIATE")
        conn.execute(lock, (member_id,))
        conn.execute(add, (member_id, program_id, f"RAW-{uuid.uuid4().hex[:16]}"))
        conn.execute("COMMIT")

    times: list[float] = []
    try:
        _drive(members, start_at, stop_at, stop, purchase, times, [])
    finally:
        conn.close()
        results.put((name, times, 0))


def _job(url: str, day: dt.date, results: Any) -> None:
    """Run the daily job for `day`; report its time and this process's peak RSS."""
    from loyalty_desk.services import LoyaltyService

    svc = LoyaltyService(url)
    shop = svc.list_shops()[0].user_id
    began = time.perf_counter()
    summary = svc.run_daily_jobs(shop, as_of=day)
    took = time.perf_counter() - began
    svc.close()
    results.put(("job", took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, summary))


def _stop(procs: list[Any]) -> None:
    for proc in procs:
        proc.join(timeout=30)
        if proc.is_alive():
            os.kill(proc.pid, 15)
            proc.join(timeout=5)


# --- the runs ----------------------------------------------------------------------------------

def _members(url: str, writers: int) -> list[list[tuple[int, int]]]:
    """Active members of programs anyone can earn in, split so no two writers share one."""
    from sqlalchemy import text

    from loyalty_desk.services import LoyaltyService

    with LoyaltyService(url) as svc, svc.db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT m.id, m.program_id FROM loyalty_members m JOIN loyalty_programs p ON p.id = m.program_id "
            "WHERE m.membership_status = 'active' AND p.status = 'active' ORDER BY m.id LIMIT :n"),
            {"n": writers * MEMBERS_PER_WRITER}).all()
    return [[(r[0], r[1]) for r in rows[k::writers]] for k in range(writers)]


def _stats(times: list[float]) -> str:
    if not times:
        return "no purchase"
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):7.1f} ms  p95 {p95:7.1f} ms  worst {ordered[-1]:7.1f} ms"


def writers_run(url: str, writers: int, seconds: float, label: str, raw: bool = False) -> None:
    ctx = multiprocessing.get_context("spawn")
    results, stop = ctx.Queue(), ctx.Event()
    parts = _members(url, writers)
    start_at = time.time() + (2.0 if raw else 8.0)   # every writer has opened its database by then
    work = _raw_writer if raw else _writer
    procs = [ctx.Process(target=work, args=(url, parts[k], start_at, start_at + seconds, stop, results, f"w{k + 1}"))
             for k in range(writers)]
    for proc in procs:
        proc.start()
    got = [results.get(timeout=seconds + 120) for _ in procs]
    _stop(procs)
    every = [t for _, times, _ in got for t in times]
    counts = sorted((name, len(times), busy) for name, times, busy in got)
    spread = max(c for _, c, _ in counts) / max(1, min(c for _, c, _ in counts))
    label = f"{label} raw" if raw else label
    print(f"{label:<13} {writers} writer(s): {len(every) / seconds:7.1f} ops/s  {_stats(every)}  "
          f"counts {' '.join(f'{n}={c}' + (f'({b} busy)' if b else '') for n, c, b in counts)}  "
          f"max/min {spread:.2f}", flush=True)


def job_run(url: str, day: dt.date, label: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    results, stop = ctx.Queue(), ctx.Event()
    (members,) = _members(url, 1)
    register = ctx.Process(target=_writer, args=(url, members, time.time() + 6.0, time.time() + 3600, stop, results,
                                                 "reg"))
    register.start()
    time.sleep(7.0)   # the register is recording before the job starts
    job = ctx.Process(target=_job, args=(url, day, results))
    job.start()
    done: dict[str, Any] = {}
    item = results.get(timeout=3600)
    done[item[0]] = item
    stop.set()
    item = results.get(timeout=120)
    done[item[0]] = item
    _stop([job, register])
    _, took, rss, summary = done["job"]
    _, times, busy = done["reg"]
    print(f"{label:<13} daily job for {day}: {took:6.1f} s, peak RSS {rss:6.0f} MB "
          f"({summary.pending_completed} holds, {summary.lots_expired} lots, {summary.snapshots_written} snapshots)",
          flush=True)
    print(f"{label:<13} register beside it: {len(times)} purchases  {_stats(times)}"
          + (f"  ({busy} busy)" if busy else ""), flush=True)


def _raw_table(url: str) -> None:
    """The baseline writers' own table, beside the app's."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        key = "SERIAL PRIMARY KEY" if url.startswith("postgresql") else "INTEGER PRIMARY KEY"
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS fair_raw (id {key}, member_id INTEGER, program_id INTEGER, "
                          "ref VARCHAR(40) UNIQUE)"))
    engine.dispose()


def _next_day(url: str) -> dt.date:
    from sqlalchemy import text

    from loyalty_desk.services import LoyaltyService

    with LoyaltyService(url) as svc:
        shop = svc.list_shops()[0].user_id
        with svc.db.engine.connect() as conn:
            last = conn.execute(text("SELECT last_daily_run FROM loyalty_shops WHERE user_id = :shop"),
                                {"shop": shop}).scalar()
    last = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)[:10])
    return last + dt.timedelta(days=1)


def sqlite_copy(members: int, source: Path | None) -> str:
    """A migrated copy of the demo database in /tmp, made once; every run works on a fresh copy of it."""
    from loyalty_desk.services import LoyaltyService

    source = source or Path(database(members).removeprefix("sqlite:///"))
    base = Path(tempfile.gettempdir()) / f"fair-{members}-base.db"
    if not base.exists():
        print(f"copying {source} to {base} and migrating it (once)…", flush=True)
        shutil.copyfile(source, base)
        LoyaltyService(f"sqlite:///{base}").close()
        for old in base.parent.glob(f"{base.stem}.before-*"):
            old.unlink()
    work = base.with_name(f"fair-{members}-run.db")
    for side in work.parent.glob(f"{work.name}*"):
        shutil.rmtree(side) if side.is_dir() else side.unlink()
    synced_copy(base, work)   # its first checkpoint once made a sale wait 250-680 ms
    return f"sqlite:///{work}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--members", type=int, default=100_000, help="SQLite demo size (copied from benchmarks/data)")
    parser.add_argument("--source", type=Path, help="the demo database to copy (default: benchmarks/data/demo-N.db)")
    parser.add_argument("--pg-members", type=int, default=10_000)
    parser.add_argument("--pg-url", help="an existing PostgreSQL database to fill (else a throwaway server)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument("--no-job", action="store_true", help="skip the register beside the daily job")
    args = parser.parse_args()
    counts = [int(n) for n in args.writers.split(",")]
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {args.seconds:.0f} s per run", flush=True)
    if args.backend in ("sqlite", "both"):
        url = sqlite_copy(args.members, args.source)
        _raw_table(url)
        for n in counts:   # the baseline and the app, one after the other for each number of writers
            writers_run(url, n, args.seconds, "sqlite", raw=True)
            writers_run(url, n, args.seconds, "sqlite")
        if not args.no_job:
            url = sqlite_copy(args.members, args.source)
            job_run(url, _next_day(url), "sqlite")
    if args.backend in ("postgresql", "both"):
        server = None
        url = args.pg_url
        if url is None:
            server = Path(tempfile.mkdtemp(prefix="fair-pg-"))
            os.chmod(server, 0o755)
            # A server that syncs its log at each commit, as a shop's does (and as SQLite does here).
            url = subprocess.run([str(PG_SCRIPT), "start", str(server)], check=True, capture_output=True,
                                 env={**os.environ, "PG_FSYNC": "on"},
                                 text=True).stdout.strip().splitlines()[-1]
        try:
            from loyalty_desk.demo import build_demo
            from loyalty_desk.services import LoyaltyService
            with LoyaltyService(url) as svc:
                built = bool(svc.list_shops())
            if not built:   # a database named by --pg-url is filled once
                print(f"building {args.pg_members:,} demo members on PostgreSQL…", flush=True)
                build_demo(url, members=args.pg_members, progress=None)
            _raw_table(url)
            for n in counts:
                writers_run(url, n, args.seconds, "postgres", raw=True)
                writers_run(url, n, args.seconds, "postgres")
        finally:
            if server is not None:
                subprocess.run([str(PG_SCRIPT), "stop", str(server)], check=False)
                shutil.rmtree(server, ignore_errors=True)


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    main()
