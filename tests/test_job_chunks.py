"""The daily job works in short transactions: a register gets in between its chunks, and a job
killed at any point (SIGKILL, in the middle of a transaction) is finished by the next run with
exactly the state an uninterrupted run leaves."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import signal
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from loyalty_desk.services import LoyaltyService, jobs

from .support import SHOP, START, FakeClock, database_state, enroll, make_program, make_tiers

pytestmark = pytest.mark.processes

MEMBERS = 12
DAY = START.date() + dt.timedelta(days=40)   # the job's day: holds, expiry, a birthday, tier moves due


def _shop(url: str) -> None:
    """A tiered shop whose next daily job has every kind of work: holds to complete, lots to expire,
    birthdays, demotions (rolling qualification) and snapshots to backfill."""
    clock = FakeClock(START)
    with LoyaltyService(url, clock=clock) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
        program = make_program(svc, program_type="tiered", points_expiration_days=30, birthday_bonus_points=25,
                               program_rules={"pending_days": 35, "tier_qualification_days": 30})
        make_tiers(svc, program.id)
        club = make_program(svc, program_name="Club", program_type="tiered", points_expiration_days=20,
                            program_rules={"tier_qualification_days": 30})
        make_tiers(svc, club.id)
        for i in range(MEMBERS):
            member = enroll(svc, program.id, f"Member {i}", birthday=DAY.replace(year=1990) if i % 3 == 0 else None)
            other = enroll(svc, club.id, f"Club {i}")
            svc.record_purchase(SHOP, program.id, member.id, Decimal(300 + 100 * i), f"T-{i}")
            svc.record_purchase(SHOP, club.id, other.id, Decimal(400 + 200 * i), f"C-{i}")
            clock.advance(hours=7)
        svc.run_daily_jobs(SHOP, START.date() + dt.timedelta(days=3))   # snapshots so far; nothing due yet


def _state(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with LoyaltyService(url, clock=FakeClock(START)) as svc:
        assert svc.check_ledger() == []
        state = database_state(svc)
    # Rows keep the moment they were written at (the job's own instant), never the wall clock.
    return {table: rows for table, rows in state.items() if table not in ("alembic_version",)}


def _job_killed_at(url: str, chunk: int, day: dt.date = DAY, now: dt.datetime = START) -> None:
    """Child process: run the job for `day` at `now`, and SIGKILL this process inside the `chunk`-th
    transaction, after its work and before its commit (0: in the snapshots' write)."""
    jobs.CHUNK_S = 0.0   # one item per transaction, so the kill can land in any of them
    done = [0]
    step = jobs._chunk

    def chunk_then_die(ctx: Any, **kw: Any) -> Any:
        out = step(ctx, **kw)
        done[0] += 1
        if done[0] == chunk:
            ctx.session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return out

    store = jobs.store_snapshots

    def store_then_die(ctx: Any, rows: Any) -> int:
        written = store(ctx, rows)
        os.kill(os.getpid(), signal.SIGKILL)
        return written

    jobs._chunk = chunk_then_die   # type: ignore[assignment]
    if chunk == 0:
        jobs.store_snapshots = store_then_die   # type: ignore[assignment]
    with LoyaltyService(url, clock=FakeClock(now)) as svc:
        svc.run_daily_jobs(SHOP, day)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple[Any, ...]]]]:
    """The shop before its job, and the state one uninterrupted run leaves."""
    folder = tmp_path_factory.mktemp("job")
    before = folder / "before.db"
    _shop(f"sqlite:///{before}")
    whole = folder / "whole.db"
    shutil.copyfile(before, whole)
    with LoyaltyService(f"sqlite:///{whole}", clock=FakeClock(START)) as svc:
        summary = svc.run_daily_jobs(SHOP, DAY)
    assert summary.pending_completed and summary.lots_expired and summary.birthday_bonuses and summary.demotions
    return before, _state(f"sqlite:///{whole}")


@pytest.mark.parametrize("chunk", [1, 5, 13, 25, 31, 0])
def test_a_job_killed_in_the_middle_of_a_transaction_is_finished_by_the_next_run(prepared, tmp_path, chunk):
    before, whole = prepared
    path = tmp_path / "killed.db"
    shutil.copyfile(before, path)
    url = f"sqlite:///{path}"
    child = multiprocessing.get_context("spawn").Process(target=_job_killed_at, args=(url, chunk))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL, "the job should have been killed in the middle"
    with LoyaltyService(url, clock=FakeClock(START)) as svc:
        svc.run_daily_jobs(SHOP, DAY)   # the next run carries on
    assert _state(url) == whole


def test_a_register_records_a_sale_between_two_chunks_of_the_job(tmp_path, monkeypatch):
    """The register's sale starts while the job's first chunk holds the write lock; it is saved
    before the job's next chunk starts, not after the whole job."""
    path = tmp_path / "shop.db"
    _shop(f"sqlite:///{path}")
    url = f"sqlite:///{path}"
    monkeypatch.setattr(jobs, "CHUNK_S", 0.0)   # one member per transaction
    register = LoyaltyService(url, clock=FakeClock(START))
    member = register.get_loyalty_member(SHOP, 1)
    sold = threading.Event()
    steps: list[bool] = []

    def sale() -> None:
        register.record_purchase(SHOP, member.program_id, member.id, Decimal("5.00"), "BETWEEN")
        sold.set()

    settle = jobs._settle_one

    def settle_and_watch(ctx: Any, member_id: int, day: dt.date, **rest: Any) -> Any:
        steps.append(sold.is_set())
        if len(steps) == 1:   # inside the first chunk: the register asks for the lock and queues
            seller = threading.Thread(target=sale, daemon=True)
            seller.start()
            # The register's own ticket (named by its thread), not the log-folding thread's, which
            # also queues for the lock after a write.
            folder = path.with_name(path.name + "-turns")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (
                    folder.is_dir() and any(p.name.endswith(f"-{seller.ident}") for p in folder.iterdir())):
                time.sleep(0.01)
        return settle(ctx, member_id, day, **rest)

    monkeypatch.setattr(jobs, "_settle_one", settle_and_watch)
    try:
        with LoyaltyService(url, clock=FakeClock(START)) as svc:
            svc.run_daily_jobs(SHOP, DAY)
        assert sold.wait(30)
    finally:
        register.close()
    assert len(steps) > 2
    assert steps[:2] == [False, True]   # sold after the first chunk, before the second


def test_a_job_killed_while_writing_its_snapshots_and_their_checkpoints_is_finished_by_the_next_run(tmp_path):
    """Acting on the job's day (its rows dated after the checkpoint the shop's first run left), the
    run leaves new checkpoints with its rows, in one transaction: killed in it, the next run ends
    where an uninterrupted one does, checkpoints included."""
    now = dt.datetime.combine(DAY, dt.time(9), tzinfo=dt.UTC)
    before = tmp_path / "before.db"
    _shop(f"sqlite:///{before}")
    whole = tmp_path / "whole.db"
    shutil.copyfile(before, whole)
    with LoyaltyService(f"sqlite:///{whole}", clock=FakeClock(now)) as svc:
        svc.run_daily_jobs(SHOP, DAY)
    expected = _state(f"sqlite:///{whole}")
    days = {str(row[2]) for row in expected["loyalty_snapshot_checkpoints"]}   # the raw rows' dates
    assert days == {(DAY - dt.timedelta(days=1)).isoformat()}, "the run should have left its own checkpoints"
    killed = tmp_path / "killed.db"
    shutil.copyfile(before, killed)
    url = f"sqlite:///{killed}"
    child = multiprocessing.get_context("spawn").Process(target=_job_killed_at, args=(url, 0, DAY, now))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL, "the job should have been killed in the middle"
    with LoyaltyService(url, clock=FakeClock(now)) as svc:
        svc.run_daily_jobs(SHOP, DAY)
    assert _state(url) == expected
