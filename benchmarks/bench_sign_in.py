"""Sign-in time: one `LoyaltyService.sign_in` with the right PIN, a wrong PIN and an unknown name.

Each is a whole service call (the staff lookup, the lock-out check, the argon2id check, and for
a refusal the failure row's own transaction) on a fresh SQLite file, so the figure is what a
person at the till waits for. The issue's target: under 300 ms.

    python benchmarks/bench_sign_in.py --repeat 30
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loyalty_desk.services import LoyaltyService, PermissionDenied  # noqa: E402
from loyalty_desk.services.staff import HASHER  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    moment = [dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)]

    def clock() -> dt.datetime:
        # Twenty minutes between calls: wrong PINs never add up to a lock-out here.
        moment[0] += dt.timedelta(minutes=20)
        return moment[0]

    with tempfile.TemporaryDirectory() as folder, LoyaltyService(f"sqlite:///{folder}/s.db", clock=clock) as svc:
        svc.save_shop("bench", {"shop_name": "Bench"})
        svc.create_staff("bench", {"name": "Olive", "role": "owner", "pin": "482916"})
        print(f"argon2id: time_cost={HASHER.time_cost}, memory_cost={HASHER.memory_cost} KiB, "
              f"parallelism={HASHER.parallelism}")
        for label, name, pin in (("right PIN", "Olive", "482916"), ("wrong PIN", "Olive", "000000"),
                                 ("unknown name", "Nobody", "482916")):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                try:
                    svc.sign_in("bench", name, pin)
                except PermissionDenied:
                    pass
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            print(f"{label:>13}: p50 {statistics.median(times):6.1f} ms, "
                  f"p95 {times[int(len(times) * 0.95) - 1]:6.1f} ms, max {times[-1]:6.1f} ms")


if __name__ == "__main__":
    main()
