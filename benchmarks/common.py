"""Shared by the benchmarks: build or reuse a big demo database, and time things."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"


def database(members: int) -> str:
    """A demo database of `members` members, built once and reused (benchmarks/data/ is not committed)."""
    from loyalty_desk.demo import build_demo

    DATA.mkdir(exist_ok=True)
    path = DATA / f"demo-{members}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"building {members:,} demo members in {path} (once; later runs reuse it)…", flush=True)
        started = time.perf_counter()
        build_demo(url, members=members, progress=None)
        print(f"built in {time.perf_counter() - started:,.0f} s", flush=True)
    return url


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall times in milliseconds of `repeat` calls."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def report(name: str, samples: list[float], baseline: list[float] | None = None) -> None:
    p50 = statistics.median(samples)
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
    line = f"{name:<38} p50 {p50:9.2f} ms   p95 {p95:9.2f} ms"
    if baseline:
        b50 = statistics.median(baseline)
        line += f"   | baseline p50 {b50:9.2f} ms  ({b50 / p50:,.0f}x slower)"
    print(line, flush=True)
