"""Shared by the benchmarks: build or reuse a big demo database."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
ROOT = HERE.parent


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


def run_window_child(code: str, url: str, home: Path, *, timeout: float, **env: str) -> dict[str, object]:
    """Run `code` (a desktop child: `python -c code url`) in a fresh process with its own settings
    folders under `home`, and return what it printed on its `READY {json}` line."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"), "PYTHONPATH": str(ROOT),
           # Warm as an installed app is (pip compiles its modules): the bytecode is kept between runs
           # (in the run's folder, not the source tree), even where PYTHONDONTWRITEBYTECODE is set.
           "PYTHONPYCACHEPREFIX": str(home / "pycache"), **env}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, env=env, timeout=timeout)
    line = next((line for line in done.stdout.splitlines() if line.startswith("READY ")), None)
    if line is None:
        raise SystemExit(f"no report (exit {done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(line.removeprefix("READY "))
    return result


def synced_copy(source: Path | str, target: Path | str) -> None:
    """Copy a database file and write the copy to the disk before anything is timed: otherwise the
    first sync of the copy (a checkpoint's, the app's or its raw twin's) writes all of it, and
    the commits measured meanwhile wait behind gigabytes that are no part of their work."""
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
