"""The daily job on new days: time and peak RSS of each run, on a copy of a demo database.

    python benchmarks/bench_daily_job.py --source /path/to/demo-100000.db --days 2

Copies the database to a fresh folder under `--folder` (default: the system's temporary folder;
give one with room: the 1M demo is 16 GB) and works on the copy (the original is never opened),
then runs the daily job for the day after the shop's last run, then the day after that, and so
on: each run in a fresh process (its peak RSS is the job's alone), one after the other, printing
the time of each step. The analytics snapshots resume from the checkpoint the database keeps (a
demo build writes one); without one, the first run replays the whole ledger and leaves one. `--code DIR` runs the job with the package found in DIR (another
worktree's code, for a before/after on the same copy).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import synced_copy  # noqa: E402

# Run in a fresh process: the job for one day, its time, peak RSS and summary as one JSON line.
_JOB = """
import datetime as dt, json, resource, sys, time
from sqlalchemy import text
from loyalty_desk.services import LoyaltyService, jobs
url = sys.argv[1]
spent = [0.0]
computed = jobs.missing_snapshots

def timed(*args):   # the snapshots' share of the job: the replay's read
    began = time.perf_counter()
    try:
        return computed(*args)
    finally:
        spent[0] += time.perf_counter() - began

jobs.missing_snapshots = timed
# Each step's time (its reads and its chunks' work; not the commits between chunks).
steps = {}

def clock(module, name, step):
    inner = getattr(module, name)
    def timed_step(*args, **kwargs):
        began = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            steps[step] = steps.get(step, 0.0) + time.perf_counter() - began
    setattr(module, name, timed_step)

for name, step in (("_due_members", "list due"), ("_settle_one", "settle"), ("_birthday_members", "list birthdays"),
                   ("_birthday", "birthdays"), ("_expiring_lots", "list reminders"), ("_remind_expiry", "reminders"),
                   ("_inactive_members", "list inactive"), ("_reactivate", "reactivations"),
                   ("_tier_moves", "list tier moves"), ("_retier_one", "tiers"),
                   ("store_snapshots", "store snapshots")):
    clock(jobs, name, step)
clock(jobs.lifecycle, "due", "list lifecycle")
clock(jobs.lifecycle, "move", "lifecycle")
svc = LoyaltyService(url)
shop = svc.list_shops()[0].user_id
with svc.db.engine.connect() as conn:
    last = conn.execute(text("SELECT last_daily_run FROM loyalty_shops WHERE user_id = :shop"), {"shop": shop}).scalar()
last = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)[:10])
day = last + dt.timedelta(days=1)
began = time.perf_counter()
summary = svc.run_daily_jobs(shop, as_of=day)
took = time.perf_counter() - began
svc.close()
import loyalty_desk
print(json.dumps({"code": loyalty_desk.__file__, "day": day.isoformat(), "seconds": took,
                  "snapshots": summary.snapshots_written, "replay_seconds": spent[0],
                  "steps": {step: round(took, 2) for step, took in steps.items()}, "summary": repr(summary),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="the demo database to copy")
    parser.add_argument("--days", type=int, default=2, help="new days to run the job for, one after the other")
    parser.add_argument("--code", type=Path, default=ROOT, help="the directory whose loyalty_desk runs the job")
    parser.add_argument("--folder", type=Path, default=None,
                        help="where the copy goes (a fresh folder in it; default: the temporary folder)")
    parser.add_argument("--keep", action="store_true", help="leave the copy behind (its path is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="daily-job-", dir=args.folder)) / args.source.name
    synced_copy(args.source, work)   # else the job's first checkpoint writes the whole copy
    args.code = args.code.resolve()
    env = {**os.environ, "PYTHONPATH": str(args.code)}
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; code {args.code}; copy {work}", flush=True)
    try:
        for run in range(args.days):
            # Run from the code's own directory: `python -c` puts the working directory first.
            out = subprocess.run([sys.executable, "-c", _JOB, f"sqlite:///{work}"], env=env, check=True,
                                 cwd=args.code, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            result = json.loads(out)
            assert result["code"].startswith(str(args.code)), result["code"]
            print(f"run {run + 1}: daily job for {result['day']}: {result['seconds']:6.1f} s, "
                  f"peak RSS {result['rss_mb']:5.0f} MB, {result['snapshots']} snapshots written "
                  f"(computed in {result['replay_seconds']:.1f} s); "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
            print(f"  steps: {result['steps']}\n  {result['summary']}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work.parent)
    print(f"at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", flush=True)


if __name__ == "__main__":
    main()
