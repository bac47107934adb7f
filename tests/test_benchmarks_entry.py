"""`python -m benchmarks` (issue 14): one table, every operation beside its raw sqlite3 twin.

Runs the real entry point on a small demo shop. Nothing here is timed: it checks that every row
of the table is there with figures and a ratio (so every raw twin still matches the app, which
the benchmark checks before measuring), and that the database given is left as it was.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty_desk.demo import build_demo

ROOT = Path(__file__).resolve().parent.parent
SORTS = ("name", "card_number", "current_points", "lifetime_points", "total_spent", "last_activity_date")
ROWS = ["find by card", "find by phone", "find by email", "find by name prefix (3 letters)", "counter summary",
        "record_purchase", "reverse_purchase (part of an order)", "create_redemption", "dashboard", "liability",
        *(f"members {page}, by {sort}" for sort in SORTS for page in ("first page", "page 2"))]
MS = r"([\d.]+) ms"
LINE = re.compile(rf"^\| (.+?) \| {MS} \| {MS} \| ([\d.]+) \| {MS} \| {MS} \| ([\d.]+)x \|$")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.processes
def test_the_table_has_every_operation_with_its_raw_baseline(tmp_path: Path) -> None:
    shop = tmp_path / "shop.db"
    build_demo(f"sqlite:///{shop}", members=300)   # 300 members: two pages of 200, so a deep page
    before = _digest(shop)
    run = subprocess.run([sys.executable, "-m", "benchmarks", "--members", str(shop), "--repeat", "3"],
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert re.search(r"commit \w+.*CPUs.*Python 3\.\d+.*sqlite3 3\.\d+.*300 members, [\d,]+ ledger rows", lines[0])
    found = {m.group(1): m.groups()[1:] for m in map(LINE.match, lines) if m}
    assert list(found) == ROWS, run.stdout
    for name, (app50, app95, statements, raw50, raw95, ratio) in found.items():
        assert float(app95) >= float(app50) > 0 and float(raw95) >= float(raw50) > 0, name
        assert float(statements) >= 1, name
        assert float(ratio) > 0, name
    assert _digest(shop) == before, "the benchmark wrote to the database it was given"
