"""The daily job writes a new day's snapshot from the checkpoint the day before left, and gets
exactly what the full replay of the ledger gets (the definition): a differential over random
histories, day by day, with returns, holds, redemptions and cancellations, expiries, tier moves,
enrolments and quiet days; and a checkpoint that no longer holds (a row dated back, a tier
renamed, other rules) is replayed past, still right."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from loyalty_desk.services import LoyaltyError, LoyaltyService, snapshots

from .support import SHOP, START, FakeClock, enroll, make_program, make_tiers

ZONE = ZoneInfo("America/New_York")
DAYS = 16


@pytest.fixture
def second_url(tmp_path, sqlite_template, pg_template, request) -> Iterator[str]:
    from .conftest import fresh_database_url
    folder = tmp_path / "second"
    folder.mkdir()
    yield from fresh_database_url(request.node.callspec.params["db_url"], folder, sqlite_template, pg_template)


@pytest.fixture
def resumes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each program's replay, whether it resumed from a checkpoint (else: from the beginning)."""
    seen: list[bool] = []
    resumed = snapshots._resumed

    def watch(*args: Any) -> Any:
        start = resumed(*args)
        seen.append(start is not None)
        return start

    monkeypatch.setattr(snapshots, "_resumed", watch)
    return seen


def at(clock: FakeClock, day: dt.date, hour: int, minute: int = 0) -> None:
    clock.set(dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE).astimezone(dt.UTC))


def forget_checkpoints(svc: LoyaltyService) -> None:
    """The full replay, as a database without checkpoints runs it."""
    with svc.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM loyalty_snapshot_checkpoints"))


def snapshot_rows(svc: LoyaltyService) -> dict[int, list[dict[str, Any]]]:
    return {p.id: [{k: v for k, v in dataclasses.asdict(s).items() if k != "id"}
                   for s in svc.get_analytics_snapshots(SHOP, p.id)] for p in svc.get_loyalty_programs(SHOP)}


@dataclasses.dataclass
class Shop:
    """The shop a script builds: a tiered program with holds (a return window), expiry and a
    rolling tier period, and a plain program without holds."""

    svc: LoyaltyService
    clock: FakeClock
    programs: list[Any] = dataclasses.field(default_factory=list)
    members: dict[int, list[int]] = dataclasses.field(default_factory=dict)
    rewards: dict[int, int] = dataclasses.field(default_factory=dict)
    orders: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    redemptions: list[int] = dataclasses.field(default_factory=list)


def open_shop(url: str, clock: FakeClock) -> Shop:
    svc = LoyaltyService(url, clock=clock)
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "America/New_York",
                         "phone_region": "US"})
    shop = Shop(svc, clock)
    held = make_program(svc, program_type="tiered", points_expiration_days=6, min_redemption_points=40,
                        program_rules={"pending_days": 3, "tier_qualification_days": 8})
    make_tiers(svc, held.id)
    plain = make_program(svc, program_name="Club", points_expiration_days=5, min_redemption_points=30)
    for program in (held, plain):
        shop.programs.append(program)
        shop.members[program.id] = []
        shop.rewards[program.id] = svc.create_loyalty_reward(SHOP, program.id, {
            "reward_name": "Tote", "reward_type": "free_product", "points_cost": 25}).id
    return shop


def act(shop: Shop, rng: random.Random, n: int) -> None:
    """One random thing done at the counter (refusals are part of the history too)."""
    svc = shop.svc
    program = rng.choice(shop.programs)
    people = shop.members[program.id]
    kinds = ["enroll", "buy", "return", "redeem", "cancel"]
    kind = rng.choices(kinds, weights=[3, 6, 2, 3, 1])[0] if people else "enroll"
    try:
        if kind == "enroll":
            people.append(enroll(svc, program.id, f"Member {program.id}-{len(people)}").id)
        elif kind == "buy":
            ref = f"O-{n}"
            svc.record_purchase(SHOP, program.id, rng.choice(people), Decimal(rng.randint(5, 400)), ref)
            shop.orders.append((program.id, ref))
        elif kind == "return" and shop.orders:
            program_id, ref = rng.choice(shop.orders)
            svc.reverse_purchase(SHOP, program_id, ref, None if rng.random() < 0.4 else Decimal(rng.randint(1, 30)))
        elif kind == "redeem":
            shop.redemptions.append(svc.create_redemption(SHOP, program.id, rng.choice(people),
                                                          shop.rewards[program.id], 25).id)
        elif kind == "cancel" and shop.redemptions:
            svc.update_redemption_status(SHOP, shop.redemptions.pop(rng.randrange(len(shop.redemptions))),
                                         "cancelled")
    except LoyaltyError:
        pass


def live(url: str, seed: int, before_job: Callable[[LoyaltyService], None],
         backdate: Callable[[Shop, int], None] | None = None) -> LoyaltyService:
    """DAYS days of a shop from `seed`: a few things at the counter at random times (or nothing),
    then the daily job the next morning, at a random hour (some within SETTLE of midnight, when
    the checkpoint is the day before's)."""
    rng = random.Random(seed)
    clock = FakeClock(START)
    at(clock, START.date(), 7)
    shop = open_shop(url, clock)
    n = 0
    for i in range(DAYS):
        day = START.date() + dt.timedelta(days=i)
        if rng.random() > 0.2:
            for minutes in sorted(rng.sample(range(8 * 60, 23 * 60), rng.randint(1, 7))):
                at(clock, day, minutes // 60, minutes % 60)
                act(shop, rng, n)
                n += 1
        if backdate is not None:
            backdate(shop, i)
        at(clock, day + dt.timedelta(days=1), *rng.choice([(0, 5), (0, 30), (3, 0), (7, 45)]))
        before_job(shop.svc)
        shop.svc.run_daily_jobs(SHOP)
    return shop.svc


@pytest.mark.parametrize("seed", [1, 2, 4])
def test_resuming_day_by_day_writes_what_the_full_replay_writes(db_url, second_url, seed, resumes):
    resumed = live(db_url, seed, lambda svc: None)
    assert resumes.count(True) >= DAYS, "most days should have resumed from a checkpoint"
    full = live(second_url, seed, forget_checkpoints)
    try:
        mine, theirs = snapshot_rows(resumed), snapshot_rows(full)
        assert all(len(rows) == DAYS for rows in mine.values())
        assert mine == theirs
        # Every kind of event was replayed: spending, redemptions, expiry, tiers.
        for rows in mine.values():
            assert rows[-1]["total_spending"] > 0 and rows[-1]["total_points_expired"] > 0
            assert sum(row["redemptions"] for row in rows) > 0
        assert any(len(row["tier_distribution"]) > 1 for rows in mine.values() for row in rows)
        # And one full replay of the whole history at the end, for the program without holds (a
        # hold's status changes in place, so its earlier days are figures of their time).
        plain = resumed.get_loyalty_programs(SHOP)[1]
        with full.db.engine.begin() as conn:
            conn.execute(text("DELETE FROM loyalty_program_analytics WHERE program_id = :p"), {"p": plain.id})
        forget_checkpoints(full)
        assert full.run_daily_jobs(SHOP).snapshots_written == DAYS
        assert snapshot_rows(full)[plain.id] == mine[plain.id]
        assert resumed.check_ledger() == []
    finally:
        resumed.close()
        full.close()


def _dated_back(shop: Shop, i: int) -> None:
    """On the 9th day: a sale and an enrolment with the clock set back three days, before the
    checkpoint's end (a server clock wrong for a while)."""
    if i != 8:
        return
    now = shop.clock.now
    shop.clock.set(now - dt.timedelta(days=3))
    program = shop.programs[1]
    shop.members[program.id].append(enroll(shop.svc, program.id, "Late Larry").id)
    shop.svc.record_purchase(SHOP, program.id, shop.members[program.id][-1], Decimal("77.00"), "BACKDATED")
    shop.clock.set(now)


def _imported(shop: Shop, i: int) -> None:
    """On the 9th day: members imported from an old system, enrolled (by their file) days ago."""
    if i == 8:
        since = (shop.clock.now - dt.timedelta(days=4)).date().isoformat()
        shop.svc.import_members(SHOP, shop.programs[1].id,
                                f"Name,Points,Member since\nIrene Import,50,{since}\nOtto Old,0,{since}\n".encode())


def _renamed(shop: Shop, i: int) -> None:
    if i == 8:
        tier = shop.svc.get_loyalty_tiers(SHOP, shop.programs[0].id)[1]
        shop.svc.update_loyalty_tier(SHOP, tier.id, {"tier_name": "Platinum"})


def _new_threshold(shop: Shop, i: int) -> None:
    if i == 8:
        shop.svc.update_loyalty_program(SHOP, shop.programs[0].id, {"min_redemption_points": 150})


def _unreadable(shop: Shop, i: int) -> None:
    if i == 8:
        with shop.svc.db.engine.begin() as conn:
            conn.execute(text("UPDATE loyalty_snapshot_checkpoints SET state = :junk"), {"junk": b"not a checkpoint"})


TOUCHED = {_dated_back: [True, False], _imported: [True, False], _renamed: [False, True],
           _new_threshold: [False, True], _unreadable: [False, False]}


@pytest.mark.parametrize("change", list(TOUCHED), ids=["dated-back", "imported", "renamed", "threshold", "unreadable"])
def test_a_checkpoint_that_no_longer_holds_is_replayed_past(db_url, second_url, change, resumes):
    resumed = live(db_url, 4, lambda svc: None, change)
    # Each run replays both programs: the run after the change replays the programs it touched
    # from the beginning, and the runs after it resume again.
    by_day = [resumes[2 * d:2 * d + 2] for d in range(DAYS)]
    assert by_day[8] == TOUCHED[change]
    assert by_day[10] == [True, True]
    full = live(second_url, 4, forget_checkpoints, change)
    try:
        assert snapshot_rows(resumed) == snapshot_rows(full)
    finally:
        resumed.close()
        full.close()


# The history a resumed day may read: rows above an id, a range of dates, rows by their ids.
HISTORY = re.compile(r"^(?:SCAN|SEARCH) (loyalty_points_transactions|loyalty_tier_progression)\b")
BOUNDED = re.compile(r"USING INTEGER PRIMARY KEY \(rowid[>=]\?\)"
                     r"|USING INDEX ix_\w+ \((?:created_at|promotion_date)>\? AND (?:created_at|promotion_date)<\?\)")


def test_a_resumed_day_reads_that_day_not_the_history(tmp_path, monkeypatch):
    """Under the statistics a big shop's close writes (tests/test_query_plans.py), every statement of
    a resumed day's snapshots reads the ledger and the tier moves by a bounded range of ids or
    dates: never the program's history by its program index, never a scan."""
    from loyalty_desk.db.statements import recorded
    from loyalty_desk.services import jobs

    from .test_query_plans import SAMPLED_STATS, plan_lines

    path = tmp_path / "shop.db"
    svc = live(f"sqlite:///{path}", 1, lambda svc: None)
    svc.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1")
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", SAMPLED_STATS)
    statements: list[str] = []
    computed = jobs.missing_snapshots

    def watched(ctx: Any, day: dt.date) -> Any:
        with recorded(ctx.session.get_bind()) as seen:
            missing = computed(ctx, day)
        statements.extend(seen)
        return missing

    monkeypatch.setattr(jobs, "missing_snapshots", watched)
    clock = FakeClock(START)
    at(clock, START.date() + dt.timedelta(days=DAYS + 1), 9)
    with LoyaltyService(f"sqlite:///{path}", clock=clock) as later:
        assert later.run_daily_jobs(SHOP).snapshots_written == 2
    assert any("created_at >= " in sql for sql in statements), "the day should have been resumed"
    reads = [(line, sql) for sql in statements if sql.startswith("SELECT") for line in plan_lines(path, sql)]
    assert [line for line, _ in reads if HISTORY.search(line)], "the day's rows are read"
    assert [f"{line}  <-  {sql[:90]}" for line, sql in reads if HISTORY.search(line) and not BOUNDED.search(line)
            and not line.endswith(("loyalty_points_transactions", "loyalty_tier_progression"))] == []
