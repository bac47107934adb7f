"""What every member's replay shares: time, randomness, ids, codes, reward stock and the rows being built."""
from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from ..db import Database
from ..models import (
    LotConsumption,
    Member,
    MemberActivity,
    PointLot,
    PointsTransaction,
    Redemption,
    TierProgression,
)
from ..services.bulk import CodeBook
from ..services.clock import end_cutoff, local_date, start_of_day, zone
from .catalog import HISTORY_DAYS, SHOP, ProgramSetup

OPEN_HOUR, CLOSE_HOUR = 8, 20  # shop hours, local time: every counter event falls inside them
GROWTH = 1.5                  # sign-ups per day grow 2.5-fold over the year

ONE_DAY = dt.timedelta(days=1)
FOREVER = dt.datetime.max.replace(tzinfo=dt.UTC)


# The tables whose ids are handed out here (PostgreSQL's sequences are moved past them at the end).
NUMBERED: dict[str, type[Member | PointsTransaction | LotConsumption | Redemption | TierProgression | MemberActivity]]
NUMBERED = {"member": Member, "transaction": PointsTransaction, "consumption": LotConsumption,
            "redemption": Redemption, "progression": TierProgression, "activity": MemberActivity}


class Ids:
    """Primary keys handed out here, after the highest already in the database."""

    member: Iterator[int]
    transaction: Iterator[int]
    consumption: Iterator[int]
    redemption: Iterator[int]
    progression: Iterator[int]
    activity: Iterator[int]

    def __init__(self, db: Database) -> None:
        with db.read_sessions() as session:
            for name, model in NUMBERED.items():
                setattr(self, name, itertools.count((session.scalar(select(func.max(model.id))) or 0) + 1))


class StockBook:
    """Units of limited rewards, across all members.

    Members are replayed one after another, not in time order. So a unit is
    taken only if stock suffices at every moment it is held: a member replayed
    later must not take, in March, the unit another member took in May.
    """

    def __init__(self, rewards: Sequence[Any]) -> None:
        self.available = {r.id: r.quantity_available for r in rewards if r.quantity_available is not None}
        self.held: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {rid: [] for rid in self.available}
        self.kept: Counter[int] = Counter()   # units never given back

    def take(self, reward_id: int, start: dt.datetime, end: dt.datetime) -> bool:
        """Hold a unit from `start` until `end` (FOREVER unless cancelled), if there is one."""
        limit = self.available.get(reward_id)
        if limit is None:
            return True
        if end == FOREVER and self.kept[reward_id] >= limit:
            return False
        held = self.held[reward_id]
        # Units out only grow at a start, so checking each start inside the new hold suffices.
        for moment in [start, *(s for s, _ in held if start < s < end)]:
            if sum(1 for s, e in held if s <= moment < e) >= limit:
                return False
        held.append((start, end))
        self.kept[reward_id] += end == FOREVER
        return True

    def remaining(self) -> dict[int, int]:
        return {rid: limit - self.kept[rid] for rid, limit in self.available.items()}


@dataclass
class Rows:
    """The rows of one chunk of members, by table, in insertion order (parents first)."""

    members: list[dict[str, Any]] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    lots: list[dict[str, Any]] = field(default_factory=list)
    consumptions: list[dict[str, Any]] = field(default_factory=list)
    redemptions: list[dict[str, Any]] = field(default_factory=list)
    progressions: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)

    TABLES = (("members", Member), ("transactions", PointsTransaction), ("lots", PointLot),
              ("consumptions", LotConsumption), ("redemptions", Redemption), ("progressions", TierProgression),
              ("activities", MemberActivity))

    def tables(self) -> Iterator[tuple[str, Any, list[dict[str, Any]]]]:
        for name, model in self.TABLES:
            yield name, model.__table__, getattr(self, name)


class World:
    """What every member's replay shares: time, randomness, ids, codes, stock, the rows being built."""

    def __init__(self, db: Database, catalog: list[ProgramSetup], rng: random.Random, now: dt.datetime) -> None:
        self.catalog = catalog
        self.rng = rng
        self.now = now
        self.tz = zone(SHOP["timezone"])
        self.today = local_date(now, self.tz)
        self.first_day = self.today - dt.timedelta(days=HISTORY_DAYS)
        self.ids = Ids(db)
        with db.read_sessions() as session:
            self.codes = CodeBook(session)
        self.stock = StockBook([r for setup in catalog for r, _ in setup.rewards])
        self.rows = Rows()
        self.order_numbers = itertools.count(1)
        self._jobs: dict[dt.date, tuple[dt.datetime, dt.datetime]] = {}
        self._last_moment: dt.datetime | None = None
        self._last_day = self.today

    def day_of(self, moment: dt.datetime) -> dt.date:
        # A step asks for the day of its moment, then of the same moment again as it settles the
        # member (and of the member's next due moment before each step): the last answer is kept.
        if moment is not self._last_moment:
            self._last_moment, self._last_day = moment, local_date(moment, self.tz)
        return self._last_day

    def job_run(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """When the daily job for `day` ran (local midnight), and its cutoff (the next midnight)."""
        run = self._jobs.get(day)
        if run is None:
            run = self._jobs[day] = (start_of_day(day, self.tz), end_cutoff(day, self.tz))
        return run

    def shop_moment(self, day: dt.date) -> dt.datetime:
        """A random moment of shop hours on a local day, in UTC."""
        opening = dt.datetime.combine(day, dt.time(OPEN_HOUR), tzinfo=self.tz)
        seconds = self.rng.randrange((CLOSE_HOUR - OPEN_HOUR) * 3600)
        return (opening + dt.timedelta(seconds=seconds)).astimezone(dt.UTC)

    def join_moment(self) -> dt.datetime:
        """When a member joined: sign-ups per day grow linearly over the year (inverse of its CDF)."""
        span = (self.today - self.first_day).days + 1
        while True:
            u = self.rng.random()
            x = (math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH
            moment = self.shop_moment(self.first_day + dt.timedelta(days=min(int(x * span), span - 1)))
            if moment <= self.now:
                return moment

    def shop_moment_between(self, start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
        """A random moment of shop hours after `start` and no later than `end`, if the day drawn has one."""
        if end <= start:
            return None
        first = self.day_of(start)
        moment = self.shop_moment(first + dt.timedelta(days=self.rng.randrange((self.day_of(end) - first).days + 1)))
        return moment if start < moment <= end else None

    def amount(self, median_cents: int) -> Decimal:
        """A purchase amount in dollars and cents: log-normal around the program's median basket."""
        cents = int(median_cents * math.exp(self.rng.gauss(0, 0.6)))
        return Decimal(min(max(cents, 100), 200_000)).scaleb(-2)

