"""The entry points: `build_demo` (a random year) and `replay_script` (a given one)."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import ValidationError
from ..services.clock import Clock, checked_now, local_date, start_of_day, system_clock, zone
from ..services.facade import LoyaltyService
from ..services.snapshots import missing_snapshots, store_snapshots
from .bulk import RunningTotals, defer_indexes, finish, make_indexes
from .catalog import HISTORY_DAYS, PROGRAMS, SETUP_LEAD_DAYS, SHOP, USER_ID, ProgramSpec, build_catalog
from .life import MemberLife
from .people import Person, Planner, ScriptedMember, scripted_people
from .world import Rows, World
from .writer import InlineWriter, ProcessWriter, wants_process

CHUNK_MEMBERS = 5_000         # members replayed and inserted per transaction


def build_demo(database_url: str | None, *, members: int, seed: int = 7,
               progress: Callable[[int, int, str], None] | None = None, clock: Clock | None = None,
               writer_process: bool | None = None) -> dict[str, Any]:
    """Fill a database with the demo shop and `members` members with a year of history up to now.

    `writer_process`: write the rows in a process of their own while the next members are
    simulated (writer.py); None leaves it to the size of the build and the database.

    Returns counts of what was written, and the seconds it took, in all and by phase
    (benchmarks/bench_build.py prints them).
    """
    if isinstance(members, bool) or not isinstance(members, int) or members < 0:
        raise ValidationError("The number of members must be a whole number, zero or more", field="members")
    with fewer_collections():
        return _build(database_url, PROGRAMS, lambda world: [(p, None) for p in Planner(world).people(members)],
                      total=members, seed=seed, progress=progress, clock=clock, writer_process=writer_process)


def replay_script(database_url: str | None, script: Sequence[ScriptedMember], *,
                  programs: Sequence[ProgramSpec] = PROGRAMS, clock: Clock | None = None) -> dict[str, Any]:
    """The demo shop with `programs`, and members whose years follow `script`, by the demo's bulk path."""
    return _build(database_url, programs, lambda world: scripted_people(world, script), total=len(script), seed=0,
                  progress=None, clock=clock, writer_process=False)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The replay makes millions of small objects (rows, books) that live until their chunk is
    written: at Python's default threshold (700 allocations) the cyclic collector runs every few
    rows and walks the young ones again and again. Rarer collections while building, then the
    thresholds as they were (they are the whole process's)."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build(database_url: str | None, programs: Sequence[ProgramSpec],
           plan: Callable[[World], Sequence[tuple[Person, Sequence[tuple[Any, ...]] | None]]], *, total: int, seed: int,
           progress: Callable[[int, int, str], None] | None, clock: Clock | None,
           writer_process: bool | None) -> dict[str, Any]:
    started = time.perf_counter()
    phases: defaultdict[str, float] = defaultdict(float)   # seconds spent in each phase
    clock_in = time.perf_counter
    report = progress or (lambda done, total, stage: None)
    now = checked_now(clock or system_clock)
    tz = zone(SHOP["timezone"])
    today = local_date(now, tz)
    setup_moment = start_of_day(today - dt.timedelta(days=HISTORY_DAYS + SETUP_LEAD_DAYS), tz) + dt.timedelta(hours=9)
    # The owner set the shop up before the first member joined: the service's clock says so.
    with LoyaltyService(database_url, clock=lambda: setup_moment) as svc:
        report(0, total, "setting up the shop")
        catalog = build_catalog(svc, today, programs)
        world = World(svc.db, catalog, random.Random(seed), now)
        report(0, total, "planning members")
        people = plan(world)
        phases["planning"] += clock_in() - started
        members = len(people)
        counts: Counter[str] = Counter()
        totals = RunningTotals(catalog, world.tz)
        if writer_process is None:
            writer_process = wants_process(svc.db.url, members)
        mark = clock_in()
        deferred = defer_indexes(svc.db)   # a new database: its big tables' indexes made after the rows
        phases["indexing"] += clock_in() - mark
        writer = ProcessWriter(svc.db) if writer_process else InlineWriter(svc.db)
        try:
            for start in range(0, members, CHUNK_MEMBERS):
                mark = clock_in()
                world.rows = Rows()
                for person, script in people[start:start + CHUNK_MEMBERS]:
                    world.rows.members.append(MemberLife(world, person).live(script))
                totals.add(world.rows)
                phases["simulating"] += clock_in() - mark
                mark = clock_in()
                writer.write(world.rows, counts)
                phases["inserting"] += clock_in() - mark
                report(min(start + CHUNK_MEMBERS, members), members, "members")
            mark = clock_in()
            writer.commit()
            phases["inserting"] += clock_in() - mark
            mark = clock_in()
            finish(svc.db, world, totals)
            phases["finishing"] += clock_in() - mark
            report(members, members, "indexes and daily snapshots")
            mark = clock_in()
            # With a writer process it makes the indexes while the snapshots are computed here.
            writer.make_indexes(deferred)
            phases["indexing"] += clock_in() - mark
            mark = clock_in()
            # The analytics snapshots are replayed from the ledger by the daily job's own code, as
            # the daily job runs it: computed in a read, written in a short write of their own.
            with svc.uow.read(USER_ID, now=now) as ctx:
                missing = missing_snapshots(ctx, world.today)
            phases["snapshots"] += clock_in() - mark
            mark = clock_in()
            writer.close()
            phases["indexing"] += clock_in() - mark
        except BaseException:
            writer.abort()
            with contextlib.suppress(Exception):   # what was written keeps the schema's indexes, if it can
                make_indexes(svc.db, deferred)
            raise
        mark = clock_in()
        svc.uow.write(USER_ID, lambda ctx: store_snapshots(ctx, missing), now=now)
        phases["snapshots"] += clock_in() - mark
    return {
        "user_id": USER_ID,
        "programs": len(catalog),
        "rewards": sum(len(s.rewards) for s in catalog),
        **{name: counts[name] for name, _ in Rows.TABLES},
        "seconds": round(time.perf_counter() - started, 1),
        "phases": {name: round(seconds, 2) for name, seconds in phases.items()},
        "writer": writer.timings,   # a writer process's own seconds, receiving and writing
        "writer_process": writer_process,
    }

