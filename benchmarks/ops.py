"""The operations of issue 14's table: each service call, its raw twin (raw.py), how an
iteration picks its input, and the check, run once, that the twin returns or writes what the
app does."""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, select, text

from benchmarks import raw
from loyalty_desk.models import Member, PointLot
from loyalty_desk.services import LoyaltyService, dto
from loyalty_desk.services.clock import end_cutoff, local_date, zone
from loyalty_desk.services.contacts import display_phone

# The sorts the Members tab offers (views/members/members_model.py, COLUMNS) and their columns.
PAGE_SORTS = {"name": "name_key", "card_number": "card_number", "current_points": "current_points",
              "lifetime_points": "lifetime_points", "total_spent": "total_spent",
              "last_activity_date": "last_activity_date"}
DEEP_PAGE = 5000
SAMPLE = 2000
RETURNED = "1.00"


@dataclass
class Op:
    key: str                                   # what --only names
    name: str                                  # the table's row
    pick: Callable[[], Any]                    # the input of one iteration, shared by app and raw
    app: Callable[[Any], object]
    raw: Callable[[Any], object] | None
    check: Callable[[], None] | None = None    # the twin matches the app (run once, before timing)


@dataclass
class Bench:
    """What every operation needs: the service, the raw connection (None on PostgreSQL) and the picks."""

    svc: LoyaltyService
    conn: sqlite3.Connection | None
    rnd: random.Random
    shop: str = ""
    members: list[Any] = field(default_factory=list)      # random active members of any program
    earners: list[int] = field(default_factory=list)      # active members of the points program
    program: int = 0                                      # the demo's "points" program: the writes' program
    reward: int = 0                                       # its cheapest reward without stock or limit
    orders: list[tuple[str, str]] = field(default_factory=list)   # (app's, raw's) purchases, to return
    serial: int = 0
    run: str = ""                                         # this run's order references start with it

    def setup(self) -> None:
        self.shop = self.svc.list_shops()[0].user_id
        with self.svc.db.engine.connect() as conn:
            self.members = list(conn.execute(text(
                "SELECT id, program_id, card_number, phone, email, name_key FROM loyalty_members "
                "WHERE user_id = :u AND membership_status = 'active' ORDER BY random() LIMIT :n"),
                {"u": self.shop, "n": SAMPLE}))
        points = [p for p in self.svc.get_loyalty_programs(self.shop)
                  if p.program_type == "points" and not p.program_rules.get("pending_days")]
        if not points:
            raise SystemExit("the database has no points program without held purchases to write to")
        self.program = points[0].id
        self.reward = min((r for r in self.svc.get_loyalty_rewards(self.shop, self.program)
                           if r.active and r.quantity_remaining is None and r.tier_exclusive_id is None
                           and not r.reward_terms.get("max_per_member") and r.start_date is None
                           and r.end_date is None), key=lambda r: r.points_cost).id
        # Members with nothing due by the end of the shop's day: the app settles a due lot before a
        # write (as the daily job would have by then), which the twins do not do. A copy whose jobs
        # last ran on an earlier day has some.
        shop = self.svc.list_shops()[0]
        tz = zone(shop.timezone)
        cutoff = end_cutoff(local_date(dt.datetime.now(dt.UTC), tz), tz)
        due = select(PointLot.lot_id).where(PointLot.member_id == Member.id, PointLot.points_remaining > 0,
                                            PointLot.expires_at < cutoff)
        with self.svc.db.engine.connect() as conn:
            self.earners = list(conn.scalars(
                select(Member.id).where(Member.program_id == self.program, Member.membership_status == "active",
                                        ~exists(due)).order_by(func.random()).limit(SAMPLE)))
        self.run = f"BENCH-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{self.rnd.randrange(10**6):06d}"

    def member(self, having: str | None = None) -> Any:
        while True:
            m = self.rnd.choice(self.members)
            if having is None or getattr(m, having):
                return m

    def order_refs(self) -> tuple[str, str]:
        self.serial += 1
        return f"{self.run}-A{self.serial}", f"{self.run}-R{self.serial}"

    def rich_member(self, cost: int) -> int:
        """A member of the points program who can pay for two rewards (the app's and the raw's)."""
        with self.svc.db.engine.connect() as conn:
            for _ in range(1000):
                mid = self.rnd.choice(self.earners)
                if conn.execute(text("SELECT current_points FROM loyalty_members WHERE id = :m"),
                                {"m": mid}).scalar_one() >= 2 * cost:
                    return mid
        raise SystemExit("no member of the points program can pay for two rewards")


# --- comparing a twin with the app -------------------------------------------------------------------------


def same(app: Any, stored: Any) -> bool:
    """An app value (Python types) and the raw stored value it came from."""
    if isinstance(app, dt.datetime):
        return raw.stamp(app) == stored
    if isinstance(app, dt.date):
        return app.isoformat() == stored
    if isinstance(app, Decimal):
        return stored is not None and abs(app - Decimal(str(stored))) < Decimal("0.005")
    if isinstance(app, dict):
        return app == json.loads(stored or "{}")
    if isinstance(app, bool):
        return app == bool(stored)
    return bool(app == stored)


def expect(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"the raw twin drifted from the app: {what}")


def check_rows(what: str, dtos: list[Any], rows: list[tuple[Any, ...]], columns: list[str]) -> None:
    expect([d.id for d in dtos] == [r[0] for r in rows], f"{what}: other rows")
    for d, r in zip(dtos, rows, strict=True):
        for name, value in zip(columns, r, strict=False):
            expect(same(getattr(d, name), value), f"{what}: {name} {getattr(d, name)!r} != {value!r}")


MEMBER_AND_TIER = [*raw.MEMBER_COLUMNS, "tier_name"]
CODE = re.compile(r"RW-\w{4}-\w{4}-\w{4}")
WRITTEN = ("loyalty_points_transactions", "loyalty_point_lots", "loyalty_lot_consumptions", "loyalty_member_activity",
           "loyalty_redemptions")
# Columns that differ between two calls writing the same rows: ids, moments and voucher codes.
VARYING = {"id", "lot_id", "debit_transaction_id", "created_at", "activity_date", "expiration_date", "expires_at",
           "redemption_date", "transaction_id", "redemption_id"}


def _state(conn: sqlite3.Connection, program_id: int, member_id: int) -> dict[str, Any]:
    conn.row_factory = sqlite3.Row
    try:
        out: dict[str, Any] = {table: conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
                               for table in WRITTEN}
        out["member"] = dict(conn.execute("SELECT current_points, lifetime_points, total_spent, redemption_count "
                                          "FROM loyalty_members WHERE id = ?", (member_id,)).fetchone())
        out["totals"] = dict(conn.execute("SELECT members, points_issued, points_redeemed, points_expired, "
                                          "points_outstanding, points_pending, spending FROM loyalty_program_totals "
                                          "WHERE program_id = ?", (program_id,)).fetchone())
        out["calendar"] = conn.execute("SELECT coalesce(sum(points), 0) FROM loyalty_expiry_calendar "
                                       "WHERE program_id = ?", (program_id,)).fetchone()[0]
        out["lots"] = conn.execute("SELECT coalesce(sum(points_remaining), 0) FROM loyalty_point_lots "
                                   "WHERE member_id = ?", (member_id,)).fetchone()[0]
        return out
    finally:
        conn.row_factory = None


def _uncoded(value: Any) -> Any:
    """Voucher codes are random: any one stands for another."""
    return CODE.sub("<code>", value) if isinstance(value, str) else value


def _written(conn: sqlite3.Connection, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The rows a call inserted (varying columns left out) and how much it moved each figure."""
    conn.row_factory = sqlite3.Row
    try:
        out: dict[str, Any] = {}
        for table in WRITTEN:
            rows = []
            for row in conn.execute(f"SELECT * FROM {table} WHERE rowid > ? ORDER BY rowid", (before[table],)):
                item = {k: _uncoded(v) for k, v in dict(row).items() if k not in VARYING}
                if item.get("activity_metadata"):
                    metadata = json.loads(item["activity_metadata"])
                    item["activity_metadata"] = {k: _uncoded(v) for k, v in metadata.items() if k not in VARYING}
                rows.append(item)
            out[table] = rows
    finally:
        conn.row_factory = None
    for part in ("member", "totals"):
        out[part] = {k: round(after[part][k] - before[part][k], 2) for k in after[part]}
    out["calendar"] = after["calendar"] - before["calendar"]
    out["lots"] = after["lots"] - before["lots"]
    return out


def check_write(b: Bench, what: str, member_id: int, app: Callable[[], object],
                twin: Callable[[str | None], object]) -> None:
    """The twin, its transaction rolled back, then the app on the same state: the same rows."""
    assert b.conn is not None
    before = _state(b.conn, b.program, member_id)
    twin(None)
    mine = _written(b.conn, before, _state(b.conn, b.program, member_id))
    b.conn.execute("ROLLBACK")
    before = _state(b.conn, b.program, member_id)
    app()
    theirs = _written(b.conn, before, _state(b.conn, b.program, member_id))
    for part in theirs:
        expect(mine[part] == theirs[part], f"{what} wrote other {part}:\n  app {theirs[part]}\n  raw {mine[part]}")


def typed_forms(shown: str) -> list[str]:
    """Ways a cashier types a number shown as `shown`: as shown, digits only, or its groups
    separated by spaces, dashes or dots."""
    groups = re.findall(r"\+?\d+", shown)
    return [shown, "".join(groups), " ".join(groups), "-".join(groups), ".".join(groups)]


# --- the operations --------------------------------------------------------------------------------------------


def operations(b: Bench, members_total: int) -> list[Op]:
    svc, shop, conn = b.svc, b.shop, b.conn
    ops: list[Op] = []

    def lookup(key: str, name: str, column: str, having: str | None) -> None:
        def pick() -> str:
            return str(getattr(b.member(having), column))

        def check() -> None:
            value = pick()
            assert conn is not None
            check_rows(name, svc.find_members(shop, value), raw.find_by(conn, shop, column, value), MEMBER_AND_TIER)

        ops.append(Op(key, name, pick, lambda v: svc.find_members(shop, v),
                      (lambda v: raw.find_by(conn, shop, column, v)) if conn else None, check))

    # A cashier types a phone number as it is read out in the shop's region, in one of the ways people
    # write it ("(415) 555-2671", "415 555 2671", "4155552671"); the raw twin queries the stored E.164 form
    # (the query's physical limit: reading what was typed is the app's work).
    # Written out once, before timing: formatting them between timed calls (phonenumbers' objects) would
    # hand the app's calls the garbage collector's work, which the card's pick does not.
    region = svc.get_shop(shop).phone_region
    typings = {m.phone: typed_forms(display_phone(m.phone, region)) for m in b.members if m.phone}

    def phone_pick() -> tuple[str, str]:
        stored = str(b.member("phone").phone)
        return b.rnd.choice(typings[stored]), stored

    def phone_check() -> None:
        assert conn is not None
        for _ in range(20):
            typed, stored = phone_pick()
            check_rows("find by phone", svc.find_members(shop, typed), raw.find_by(conn, shop, "phone", stored),
                       MEMBER_AND_TIER)

    lookup("card", "find by card", "card_number", None)
    ops.append(Op("phone", "find by phone", phone_pick, lambda p: svc.find_members(shop, p[0]),
                  (lambda p: raw.find_by(conn, shop, "phone", p[1])) if conn else None, phone_check))
    lookup("email", "find by email", "email", "email")

    def name_pick() -> str:
        return str(b.member().name_key[:3])

    def name_check() -> None:
        assert conn is not None
        for _ in range(5):
            key = name_pick()
            check_rows("find by name", svc.find_members(shop, key), raw.find_by_name(conn, shop, key), MEMBER_AND_TIER)

    ops.append(Op("name", "find by name prefix (3 letters)", name_pick, lambda k: svc.find_members(shop, k),
                  (lambda k: raw.find_by_name(conn, shop, k)) if conn else None, name_check))

    def summary_check() -> None:
        assert conn is not None
        for _ in range(20):
            mid = b.member().id
            app, mine = svc.get_member_summary(shop, mid), raw.member_summary(conn, shop, mid)
            check_rows("summary member", [app.member], [mine["member"]], MEMBER_AND_TIER)
            check_rows("summary program", [app.program], [mine["program"]], raw.PROGRAM_COLUMNS)
            figures = {k: getattr(app, k) for k in mine if k not in ("member", "program")}
            figures["affordable_rewards"] = [r.id for r in app.affordable_rewards]
            expect(figures == {k: v for k, v in mine.items() if k not in ("member", "program")},
                   f"summary of member {mid}: app {figures}, raw {mine}")

    ops.append(Op("summary", "counter summary", lambda: b.member().id, lambda m: svc.get_member_summary(shop, m),
                  (lambda m: raw.member_summary(conn, shop, m)) if conn else None, summary_check))

    def purchase_pick() -> tuple[int, str, str, str]:
        app_ref, raw_ref = b.order_refs()
        b.orders.append((app_ref, raw_ref))
        return b.rnd.choice(b.earners), f"{b.rnd.randint(200, 9999) / 100:.2f}", app_ref, raw_ref

    def purchase_app(p: tuple[int, str, str, str]) -> object:
        return svc.record_purchase(shop, b.program, p[0], p[1], p[2])

    def purchase_raw(p: tuple[int, str, str, str], finish: str | None = "COMMIT") -> object:
        assert conn is not None
        return raw.record_purchase(conn, shop, b.program, p[0], p[1], p[3], finish=finish)

    def purchase_check() -> None:
        p = purchase_pick()
        check_write(b, "record_purchase", p[0], lambda: purchase_app(p),
                    lambda finish: purchase_raw((p[0], p[1], p[2], p[2]), finish))
        purchase_raw(p)

    ops.append(Op("purchase", "record_purchase", purchase_pick, purchase_app, purchase_raw if conn else None,
                  purchase_check))

    def reverse_pick() -> tuple[str, str]:
        while not b.orders:   # --only reverse: make the purchases to return first (not timed)
            p = purchase_pick()
            purchase_app(p)
            if conn:
                purchase_raw(p)
        return b.orders.pop()

    def reverse_raw(refs: tuple[str, str], finish: str | None = "COMMIT") -> object:
        assert conn is not None
        return raw.reverse_purchase(conn, shop, b.program, refs[1], RETURNED, finish=finish)

    def reverse_check() -> None:
        refs = reverse_pick()
        check_write(b, "reverse_purchase", _order_member(b, refs[0]),
                    lambda: svc.reverse_purchase(shop, b.program, refs[0], RETURNED),
                    lambda finish: reverse_raw((refs[0], refs[0]), finish))
        reverse_raw(refs)

    ops.append(Op("reverse", "reverse_purchase (part of an order)", reverse_pick,
                  lambda refs: svc.reverse_purchase(shop, b.program, refs[0], RETURNED),
                  reverse_raw if conn else None, reverse_check))

    cost = next(r.points_cost for r in svc.get_loyalty_rewards(shop, b.program) if r.id == b.reward)

    def redeem_raw(mid: int, finish: str | None = "COMMIT") -> object:
        assert conn is not None
        return raw.create_redemption(conn, shop, b.program, mid, b.reward, finish=finish)

    def redeem_check() -> None:
        mid = b.rich_member(cost)
        check_write(b, "create_redemption", mid, lambda: svc.create_redemption(shop, b.program, mid, b.reward),
                    lambda finish: redeem_raw(mid, finish))

    ops.append(Op("redemption", "create_redemption", lambda: b.rich_member(cost),
                  lambda m: svc.create_redemption(shop, b.program, m, b.reward), redeem_raw if conn else None,
                  redeem_check))

    def dashboard_check() -> None:
        assert conn is not None
        app, mine = svc.get_loyalty_dashboard_data(shop), raw.dashboard(conn, shop)
        figures = {k: app[k] for k in ("totalMembers", "activeMembers", "totalPointsOutstanding",
                                       "totalPointsRedeemed", "tierDistribution", "pendingRedemptions")}
        figures |= {k: [m["id"] for m in app[k]] for k in ("recentMembers", "topMembers", "upcomingRewards")}
        figures["trendDays"] = [d["date"] for d in app["membershipTrendLastMonth"]]
        figures["refundedDays"] = {d["date"]: d["pointsRefunded"] for d in app["redemptionTrendLastMonth"]
                                   if d["pointsRefunded"]}
        expect(figures == mine, f"dashboard: app {figures}, raw {mine}")

    ops.append(Op("dashboard", "dashboard", lambda: None, lambda _: svc.get_loyalty_dashboard_data(shop),
                  (lambda _: raw.dashboard(conn, shop)) if conn else None, dashboard_check))

    def liability_check() -> None:
        assert conn is not None
        app, mine = svc.get_points_liability(shop), raw.liability(conn, shop)
        figures = {k: app[k] for k in mine if k != "monthly"}
        figures["monthly"] = [(m["month"], m["issued"], m["redeemed"], m["refunded"], m["expired"])
                              for m in app["monthly"]]
        expect(figures == mine, f"liability: app {figures}, raw {mine}")

    ops.append(Op("liability", "liability", lambda: None, lambda _: svc.get_points_liability(shop),
                  (lambda _: raw.liability(conn, shop)) if conn else None, liability_check))

    # Page 5,000 of a million members; the last page of a smaller shop.
    deep = min(DEEP_PAGE, -(-members_total // raw.PAGE_SIZE))
    for sort, column in PAGE_SORTS.items():
        for page in sorted({1, deep}):
            ops.append(_page_op(b, sort, column, page))
    return ops


def _order_member(b: Bench, ref: str) -> int:
    with b.svc.db.engine.connect() as conn:
        return int(conn.execute(text("SELECT member_id FROM loyalty_points_transactions WHERE program_id = :p "
                                     "AND reference_type = 'order' AND reference_id = :r"),
                                {"p": b.program, "r": ref}).scalar_one())


def _page_op(b: Bench, sort: str, column: str, page: int) -> Op:
    """A page of the Members tab: the first, or one deep down, reached by its keyset cursor (the
    last row of the page before, found once here) as the tab reaches it after scrolling."""
    svc, shop, conn = b.svc, b.shop, b.conn
    app_after: tuple[dto.SortValue, int] | None = None
    raw_after: tuple[Any, int] | None = None
    if page > 1:
        with svc.db.engine.connect() as c:
            value, last = c.execute(text(f"SELECT {column}, id FROM loyalty_members WHERE user_id = :u "
                                         f"ORDER BY {column}, id LIMIT 1 OFFSET :n"),
                                    {"u": shop, "n": (page - 1) * raw.PAGE_SIZE - 1}).one()
        member = svc.get_loyalty_member(shop, last)
        app_after, raw_after = (getattr(member, column), last), (value, last)

    def app(_: object) -> object:
        return svc.list_members_page(shop, sort=sort, after=app_after, limit=raw.PAGE_SIZE)

    def check() -> None:
        assert conn is not None
        got = svc.list_members_page(shop, sort=sort, after=app_after, limit=raw.PAGE_SIZE)
        check_rows(f"members page {page} by {sort}", got.rows, raw.members_page(conn, shop, column, raw_after),
                   MEMBER_AND_TIER)

    where = "first page" if page == 1 else f"page {page:,}"
    return Op("pages", f"members {where}, by {sort}", lambda: None, app,
              (lambda _: raw.members_page(conn, shop, column, raw_after)) if conn else None, check)
