"""Shared by the benchmarks: build or reuse a big demo database."""
from __future__ import annotations

import time
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
