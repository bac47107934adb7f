"""A calendar year's reset killed in the middle (SIGKILL inside one of its transactions, one
member per transaction: tests/test_job_chunks.py's kill) is finished by the next run, which ends
in exactly the state of one uninterrupted run."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
import signal
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from loyalty_desk.services import LoyaltyService

from .support import SHOP, START, FakeClock, database_state, enroll, make_program, make_tiers
from .test_job_chunks import _job_killed_at

pytestmark = pytest.mark.processes

MEMBERS = 8
RESET = dt.datetime(2027, 1, 1, 0, 30, tzinfo=dt.UTC)


def _shop(url: str) -> None:
    """Two calendar-year programs (one with a grace) whose members earned tiers in 2026; the job
    last ran on 30 December."""
    clock = FakeClock(START)
    with LoyaltyService(url, clock=clock) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
        for name, rules in (("Year", {"tier_period": "calendar_year"}),
                            ("Grace", {"tier_period": "calendar_year", "tier_grace": True})):
            program = make_program(svc, program_name=name, program_type="tiered", program_rules=rules)
            make_tiers(svc, program.id)
            for i in range(MEMBERS):
                member = enroll(svc, program.id, f"{name} {i}")
                svc.record_purchase(SHOP, program.id, member.id, Decimal(300 * i + 10), f"{name}-{i}")
        clock.set(dt.datetime(2026, 12, 30, 1, tzinfo=dt.UTC))
        svc.run_daily_jobs(SHOP)


def _state(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with LoyaltyService(url, clock=FakeClock(RESET)) as svc:
        assert svc.check_ledger() == []
        return database_state(svc)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple[Any, ...]]]]:
    folder = tmp_path_factory.mktemp("reset")
    before = folder / "before.db"
    _shop(f"sqlite:///{before}")
    whole = folder / "whole.db"
    shutil.copyfile(before, whole)
    with LoyaltyService(f"sqlite:///{whole}", clock=FakeClock(RESET)) as svc:
        summary = svc.run_daily_jobs(SHOP)
        programs = svc.get_loyalty_programs(SHOP)
        tiers = {p.program_name: {m.tier_name for m in svc.get_loyalty_members(SHOP, p.id)} for p in programs}
    # Members above Bronze of the program without a grace (300 x i + 10 >= 500: six of eight) drop.
    assert summary.demotions == MEMBERS - 2
    assert tiers == {"Year": {"Bronze"}, "Grace": {"Bronze", "Silver", "Gold"}}
    return before, _state(f"sqlite:///{whole}")


@pytest.mark.parametrize("chunk", [1, 3, 6])
def test_a_reset_killed_in_the_middle_is_finished_by_the_next_run(prepared, tmp_path, chunk):
    before, whole = prepared
    path = tmp_path / "killed.db"
    shutil.copyfile(before, path)
    url = f"sqlite:///{path}"
    child = multiprocessing.get_context("spawn").Process(target=_job_killed_at, args=(url, chunk, RESET.date(), RESET))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL, "the job should have been killed in the middle"
    with LoyaltyService(url, clock=FakeClock(RESET)) as svc:
        halfway = {m.tier_name for m in svc.get_loyalty_members(SHOP, svc.get_loyalty_programs(SHOP)[0].id)}
        assert halfway != {"Bronze"}, "the kill should have left part of the reset undone"
        svc.run_daily_jobs(SHOP)   # the next run carries on
    assert _state(url) == whole
    with LoyaltyService(url, clock=FakeClock(RESET)) as svc:
        assert svc.run_daily_jobs(SHOP).demotions == 0   # and once done, it is done
