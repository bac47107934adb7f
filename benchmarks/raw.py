"""The raw baselines: stdlib `sqlite3` doing what each service call does, by hand.

Each twin runs the indexed SQL the call needs on the same file and indexes, returns the same
data (as plain tuples: building DTOs is part of what the app costs), and writes the same rows
in one `BEGIN IMMEDIATE` transaction. No ORM and nothing of the app's code, so a change in the
app cannot change its baseline; `checks.py` compares every twin with the app once per run.

A twin does only what the benchmark's data needs (the demo's "points" program: no tiers, no
held purchases, rewards without stock or limits are picked) and refuses anything else with
NotImplementedError rather than quietly doing less.
"""
from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from loyalty_desk.services import dto

# The columns each DTO holds, selected by name (the DTOs name the table's columns).
MEMBER_COLUMNS = [f.name for f in fields(dto.Member) if f.name not in dto.Member.EXTRAS]
PROGRAM_COLUMNS = [f.name for f in fields(dto.Program)]
REWARD_COLUMNS = [f.name for f in fields(dto.Reward)]
MEMBER_SELECT = ", ".join(f"m.{c}" for c in MEMBER_COLUMNS) + ", t.tier_name"
MEMBER_FROM = "loyalty_members m LEFT JOIN loyalty_tiers t ON t.id = m.current_tier_id"
PAGE_SIZE = 200
LOOKUP_LIMIT = 20
PREFIX_TOP = "\U0010ffff"
OPEN_REDEMPTIONS = ("pending", "approved", "shipped")


def connect(path: str) -> sqlite3.Connection:
    """A connection set up as the app sets up its own (db/engine.py): WAL, synchronous=FULL,
    foreign keys on; transactions are begun by hand."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def stamp(moment: dt.datetime) -> str:
    """A UTC moment as the app stores it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def shop_today(conn: sqlite3.Connection, shop: str) -> tuple[ZoneInfo, dt.date]:
    (tz_name,) = conn.execute("SELECT timezone FROM loyalty_shops WHERE user_id = ?", (shop,)).fetchone()
    tz = ZoneInfo(tz_name)
    return tz, dt.datetime.now(tz).date()


def _read(conn: sqlite3.Connection) -> None:
    """Several reads see one snapshot, as the app's read transaction does."""
    conn.execute("BEGIN")


# --- the counter lookup ---------------------------------------------------------------------------


def find_by(conn: sqlite3.Connection, shop: str, column: str, value: str) -> list[tuple[Any, ...]]:
    """A card, phone or email: one equality on its (user_id, column) index."""
    assert column in ("card_number", "phone", "email")
    return conn.execute(f"SELECT {MEMBER_SELECT} FROM {MEMBER_FROM} WHERE m.user_id = ? AND m.{column} = ?",
                        (shop, value)).fetchall()


def find_by_name(conn: sqlite3.Connection, shop: str, key: str) -> list[tuple[Any, ...]]:
    """A name prefix: the first LOOKUP_LIMIT by full name, then by surname (two index ranges)."""
    part = (f"SELECT * FROM (SELECT {MEMBER_SELECT} FROM {MEMBER_FROM} WHERE m.user_id = ? AND m.{{k}} >= ? "
            f"AND m.{{k}} < ? ORDER BY m.{{k}}, m.id LIMIT {LOOKUP_LIMIT})")
    rows = conn.execute(part.format(k="name_key") + " UNION ALL " + part.format(k="surname_key"),
                        (shop, key, key + PREFIX_TOP) * 2).fetchall()
    seen: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        if len(seen) < LOOKUP_LIMIT:
            seen.setdefault(row[0], row)
    return list(seen.values())


# --- the counter's member panel ---------------------------------------------------------------------


def member_summary(conn: sqlite3.Connection, shop: str, member_id: int) -> dict[str, Any]:
    """The figures of get_member_summary: tier and next tier, balance, pending and soon-expiring
    points, affordable rewards and the next one: four SELECTs in one read transaction."""
    now = dt.datetime.now(dt.UTC)
    _read(conn)
    try:
        row = conn.execute(
            f"SELECT {MEMBER_SELECT}, {', '.join('p.' + c for c in PROGRAM_COLUMNS)}, s.timezone, e.points, e.first "
            f"FROM {MEMBER_FROM} JOIN loyalty_programs p ON p.id = m.program_id "
            "JOIN loyalty_shops s ON s.user_id = m.user_id "
            "LEFT JOIN (SELECT sum(points_remaining) AS points, min(expires_at) AS first FROM loyalty_point_lots "
            "           WHERE member_id = ? AND points_remaining > 0 AND expires_at < ?) e "
            "WHERE m.id = ? AND m.user_id = ?", (member_id, stamp(now + dt.timedelta(days=30)), member_id, shop),
        ).fetchone()
        holds = conn.execute(
            "SELECT h.pending_points, h.amount, (SELECT coalesce(sum(r.amount), 0) FROM loyalty_points_transactions r "
            "  WHERE r.related_transaction_id = h.id AND r.transaction_type = 'purchase_return') "
            "FROM loyalty_points_transactions h WHERE h.member_id = ? AND h.status = 'pending'",
            (member_id,)).fetchall()
        member = dict(zip([*MEMBER_COLUMNS, "tier_name"], row, strict=False))
        program = dict(zip(PROGRAM_COLUMNS, row[len(MEMBER_COLUMNS) + 1:], strict=False))
        tz, expiring, first_expiry = ZoneInfo(row[-3]), row[-2], row[-1]
        tiers = conn.execute("SELECT id, tier_name, tier_level, min_points_required FROM loyalty_tiers "
                             "WHERE program_id = ? ORDER BY tier_level", (program["id"],)).fetchall()
        rewards = conn.execute(
            f"SELECT {', '.join('r.' + c for c in REWARD_COLUMNS)}, "
            "CASE WHEN json_extract(r.reward_terms, '$.max_per_member') IS NOT NULL THEN "
            "  (SELECT count(*) FROM loyalty_redemptions x WHERE x.reward_id = r.id AND x.member_id = ? "
            "   AND x.fulfillment_status != 'cancelled') END "
            "FROM loyalty_rewards r WHERE r.program_id = ? AND r.active = 1 ORDER BY r.points_cost, r.id",
            (member_id, program["id"])).fetchall()
    finally:
        conn.execute("COMMIT")
    rules = json.loads(program["program_rules"] or "{}")
    if rules.get("tier_qualification_days"):
        raise NotImplementedError("rolling tier windows")
    if rules.get("tier_period") == "calendar_year":
        raise NotImplementedError("calendar-year tier periods")
    balance = member["current_points"]
    # A hybrid program's tiers follow lifetime spend, in whole units of money (README, "Hybrid").
    on_spend = program["program_type"] == "hybrid"
    qualifying = Decimal(str(member["total_spent"])) if on_spend else member["lifetime_points"]
    upcoming = min((t for t in tiers if t[3] > qualifying), key=lambda t: t[3], default=None) \
        if program["tier_system_enabled"] else None
    level = {t[0]: t[2] for t in tiers}
    today = now.astimezone(tz).date().isoformat()
    affordable = [reward for reward in rewards
                  if _can_redeem(program, member, dict(zip(REWARD_COLUMNS, reward, strict=False)), reward[-1],
                                 level, today)]
    dearer = next((r for r in rewards if r[REWARD_COLUMNS.index("points_cost")] > balance), None)
    cost = REWARD_COLUMNS.index("points_cost")
    return {
        "member": row[:len(MEMBER_COLUMNS) + 1],
        "program": row[len(MEMBER_COLUMNS) + 1:-3],
        "tier_name": member["tier_name"],
        "next_tier_name": upcoming[1] if upcoming else None,
        "points_to_next_tier": int(upcoming[3] - qualifying) if upcoming and not on_spend else None,
        "spend_to_next_tier": upcoming[3] - qualifying if upcoming and on_spend else None,
        "pending_points": sum(held - int(Decimal(held) * Decimal(str(back)) // Decimal(str(amount)))
                              for held, amount, back in holds if held),
        "expiring_points": int(expiring or 0),
        "expiring_on": parse_stamp(first_expiry).astimezone(tz).date() if first_expiry else None,
        "affordable_rewards": [r[REWARD_COLUMNS.index("id")] for r in affordable],
        "next_reward_name": dearer[REWARD_COLUMNS.index("reward_name")] if dearer else None,
        "points_to_next_reward": dearer[cost] - balance if dearer else None,
    }


def _can_redeem(program: dict[str, Any], member: dict[str, Any], reward: dict[str, Any], redeemed: int | None,
                level: dict[int, int], today: str) -> bool:
    """The reward rules the member panel applies (rewards.ineligibility), on raw values."""
    limit = json.loads(reward["reward_terms"] or "{}").get("max_per_member")
    needed = level.get(reward["tier_exclusive_id"]) if reward["tier_exclusive_id"] is not None else None
    balance = member["current_points"]
    return (program["status"] == "active" and member["membership_status"] == "active"
            and not (reward["start_date"] and today < reward["start_date"])
            and not (reward["end_date"] and today > reward["end_date"])
            and not (reward["quantity_remaining"] is not None and reward["quantity_remaining"] <= 0)
            and not (needed is not None and level.get(member["current_tier_id"], -1) < needed)
            and not (limit and (redeemed or 0) >= int(limit))
            and balance >= reward["points_cost"] and balance >= program["min_redemption_points"])


# --- the members table ---------------------------------------------------------------------------------


def members_page(conn: sqlite3.Connection, shop: str, column: str, after: tuple[Any, int] | None
                 ) -> list[tuple[Any, ...]]:
    """One keyset page in (column, id) order: a range on the (user_id, column, id) index."""
    where = "m.user_id = ?"
    args: list[Any] = [shop]
    if after is not None:
        where += f" AND (m.{column}, m.id) > (?, ?)"
        args += list(after)
    return conn.execute(f"SELECT {MEMBER_SELECT} FROM {MEMBER_FROM} WHERE {where} ORDER BY m.{column}, m.id "
                        f"LIMIT {PAGE_SIZE}", args).fetchall()


# --- the owner's screens -----------------------------------------------------------------------------------


def _programs(conn: sqlite3.Connection, shop: str, columns: str) -> tuple[dt.date, list[tuple[Any, ...]], str]:
    """The shop's day, its programs with their running totals, and their ids for an IN list."""
    _tz, today = shop_today(conn, shop)
    programs = conn.execute(f"SELECT p.id, {columns} FROM loyalty_programs p LEFT JOIN loyalty_program_totals t "
                            "ON t.program_id = p.id WHERE p.user_id = ? ORDER BY p.id", (shop,)).fetchall()
    return today, programs, _in([p[0] for p in programs])


def _per_day(conn: sqlite3.Connection, ids: str, columns: str, first: dt.date, last: dt.date) -> dict[str, list[int]]:
    """Daily snapshot figures of these programs from `first` to `last`, added together per day."""
    days: dict[str, list[int]] = {}
    for day, *figures in conn.execute(f"SELECT analytics_date, {columns} FROM loyalty_program_analytics "
                                      f"WHERE program_id IN ({ids}) AND analytics_date >= ? AND analytics_date <= ?",
                                      (first.isoformat(), last.isoformat())):
        days[day] = [a + b for a, b in zip(days.get(day, [0] * len(figures)), figures, strict=True)]
    return days


def _in(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def dashboard(conn: sqlite3.Connection, shop: str) -> dict[str, Any]:
    """The dashboard's figures from the running totals, 30 days of snapshots and a few indexed rows."""
    _read(conn)
    try:
        today, programs, ids = _programs(conn, shop, "p.status, t.members, t.points_outstanding, "
                                                     "t.points_redeemed, t.tier_counts")
        yesterday = today - dt.timedelta(days=1)
        days = _per_day(conn, ids, "total_members, active_members, new_members, redemptions, points_redeemed_today, "
                        "eligible_members, redeeming_members", yesterday - dt.timedelta(days=29), yesterday)
        people = ("SELECT id, customer_name, program_id, current_points, lifetime_points, total_spent, "
                  "enrollment_date, current_tier_id FROM loyalty_members WHERE user_id = ? ")
        recent = conn.execute(people + "ORDER BY enrollment_date DESC, id DESC LIMIT 5", (shop,)).fetchall()
        top = conn.execute(people + "ORDER BY lifetime_points DESC, id DESC LIMIT 10", (shop,)).fetchall()
        rewards = conn.execute(
            "SELECT id, reward_name, program_id, points_cost, start_date, end_date, quantity_remaining "
            f"FROM loyalty_rewards WHERE program_id IN ({ids}) AND active = 1 "
            "AND (start_date > ? OR end_date BETWEEN ? AND ?)",
            (today.isoformat(), today.isoformat(), (today + dt.timedelta(days=30)).isoformat())).fetchall()
        tier_names = dict(conn.execute(f"SELECT id, tier_name FROM loyalty_tiers WHERE program_id IN ({ids})"))
        (pending,) = conn.execute(
            f"SELECT count(*) FROM loyalty_redemptions WHERE program_id IN ({ids}) "
            f"AND fulfillment_status IN {OPEN_REDEMPTIONS}").fetchone()
        refund_rows = _refunds(conn, shop, ids, yesterday - dt.timedelta(days=29), yesterday)
    finally:
        conn.execute("COMMIT")
    latest = days.get(yesterday.isoformat())
    refunded = dict(refund_rows)
    tiers: dict[str, int] = {}
    for p in programs:
        for key, n in json.loads(p[5] or "{}").items():
            name = "No tier" if key == "none" else tier_names.get(int(key), "No tier")
            tiers[name] = tiers.get(name, 0) + n
    starting = sorted((r for r in rewards if r[4] and r[4] > today.isoformat()), key=lambda r: r[4])[:5]
    closing = sorted((r for r in rewards if r[5] and today.isoformat() <= r[5]), key=lambda r: r[5])[:5]
    upcoming = list({r[0]: r for r in starting + closing}.values())[:5]
    return {
        "totalMembers": sum(p[2] or 0 for p in programs),
        "activeMembers": latest[1] if latest else 0,
        "totalPointsOutstanding": sum(p[3] or 0 for p in programs),
        "totalPointsRedeemed": sum(p[4] or 0 for p in programs),
        "recentMembers": [r[0] for r in recent],
        "topMembers": [r[0] for r in top],
        "upcomingRewards": [r[0] for r in upcoming],
        "tierDistribution": {k: v for k, v in tiers.items() if v},
        "trendDays": sorted(days),
        "pendingRedemptions": pending,
        "refundedDays": {day: points for day, points in sorted(refunded.items()) if day in days},
    }


def _refunds(conn: sqlite3.Connection, shop: str, ids: str, first: dt.date, last: dt.date) -> list[tuple[str, int]]:
    """The points cancelled redemptions gave back, per shop day from `first` to `last`: one range
    of the type index a day (which holds every column read), summed by SQLite, in one statement."""
    tz, _today = shop_today(conn, shop)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    starts = [stamp(dt.datetime.combine(day, dt.time(), tz)) for day in days]
    starts.append(stamp(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tz)))
    one_day = ("(SELECT coalesce(sum(points_amount), 0) FROM loyalty_points_transactions WHERE transaction_type = "
               f"'redemption_refund' AND status = 'completed' AND program_id IN ({ids}) AND created_at >= ? "
               "AND created_at < ?)")
    out = []
    for at in range(0, len(days), 400):             # 400 result columns a statement, as the app
        chunk = range(at, min(at + 400, len(days)))
        sums = conn.execute("SELECT " + ", ".join([one_day] * len(chunk)),
                            [bound for i in chunk for bound in (starts[i], starts[i + 1])]).fetchone()
        out += [(days[i].isoformat(), total) for i, total in zip(chunk, sums, strict=True) if total]
    return out


def liability(conn: sqlite3.Connection, shop: str, months: int = 12) -> dict[str, Any]:
    """The liability report: totals, what expires within 30/60/90 days, and month-end snapshots."""
    _read(conn)
    try:
        today, programs, ids = _programs(conn, shop, "p.point_value, t.points_outstanding, t.points_issued, "
                                                     "t.points_redeemed, t.points_expired, t.points_pending")
        horizon = [(today + dt.timedelta(days=d)).isoformat() for d in (30, 60, 90)]
        expiring = conn.execute(
            "SELECT coalesce(sum(CASE WHEN expiry_day < ? THEN points END), 0), "
            "coalesce(sum(CASE WHEN expiry_day < ? THEN points END), 0), coalesce(sum(points), 0) "
            f"FROM loyalty_expiry_calendar WHERE program_id IN ({ids}) AND expiry_day >= ? AND expiry_day < ?",
            (horizon[0], horizon[1], today.isoformat(), horizon[2])).fetchone()
        first_month = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
        days = _per_day(conn, ids, "total_points_issued, total_points_redeemed, total_points_expired",
                        first_month - dt.timedelta(days=1), today)
        refund_rows = _refunds(conn, shop, ids, first_month, today)
    finally:
        conn.execute("COMMIT")
    refunds: dict[str, int] = {}
    for day, points in refund_rows:
        refunds[day[:7]] = refunds.get(day[:7], 0) + points
    outstanding, issued, redeemed, expired = (sum(p[i] or 0 for p in programs) for i in (2, 3, 4, 5))
    days[today.isoformat()] = [issued, redeemed, expired]
    by_month = {day[:7]: figures for day, figures in sorted(days.items())}
    monthly, previous = [], None
    start = first_month.isoformat()[:7]
    for month, current in sorted(by_month.items()):
        if month >= start:
            base = previous or [0, 0, 0]
            made, net, lost = (c - b for c, b in zip(current, base, strict=True))
            # The snapshots' redeemed is net of refunds: gross, with the refunds beside it.
            monthly.append((month, made, net + refunds.get(month, 0), refunds.get(month, 0), lost))
        previous = current
    value = sum((Decimal(p[2] or 0) * Decimal(str(p[1])) for p in programs), Decimal(0))
    return {
        "pointsOutstanding": outstanding,
        "outstandingValue": value.quantize(Decimal("0.01"), ROUND_HALF_UP),
        "expiringNext30Days": expiring[0],
        "expiringNext60Days": expiring[1],
        "expiringNext90Days": expiring[2],
        "pointsPending": sum(p[6] or 0 for p in programs),
        "monthly": monthly,
    }


# --- the counter's writes ------------------------------------------------------------------------------


# A member with their program and shop: what a write checks first.
MEMBER_PROGRAM_SHOP = ("loyalty_members m JOIN loyalty_programs p ON p.id = m.program_id "
                       "JOIN loyalty_shops s ON s.user_id = m.user_id")
# What each write reads first, in one statement: the member, the program and the shop's zone,
# with the order already recorded (a purchase), the reward (a redemption), or the purchase and
# what was returned of it before (a return).
PURCHASE_READ = (
    "SELECT m.program_id, m.membership_status, m.current_points, m.lifetime_points, p.status, "
    "p.program_type, p.points_per_dollar, p.points_expiration_days, p.currency, p.program_rules, s.timezone, "
    "(SELECT id FROM loyalty_points_transactions WHERE program_id = p.id AND reference_type = 'order' "
    f" AND reference_id = ? AND user_id = m.user_id) FROM {MEMBER_PROGRAM_SHOP} "
    "WHERE m.id = ? AND m.user_id = ?")
REDEMPTION_READ = (
    "SELECT m.program_id, m.membership_status, m.current_points, m.redemption_count, p.status, "
    "p.min_redemption_points, r.program_id, r.active, r.points_cost, r.reward_name, r.quantity_remaining, "
    f"r.tier_exclusive_id, r.start_date, r.end_date, r.reward_terms, s.timezone FROM {MEMBER_PROGRAM_SHOP} "
    "JOIN loyalty_rewards r ON r.id = ? WHERE m.id = ? AND m.user_id = ?")
RETURN_READ = (
    "SELECT t.id, t.member_id, t.points_amount, t.pending_points, t.amount, t.status, m.current_points, "
    "m.lifetime_points, p.currency, s.timezone, coalesce(sum(r.amount), 0), count(r.id) "
    "FROM loyalty_points_transactions t JOIN loyalty_members m ON m.id = t.member_id "
    "JOIN loyalty_programs p ON p.id = t.program_id JOIN loyalty_shops s ON s.user_id = t.user_id "
    "LEFT JOIN loyalty_points_transactions r ON r.related_transaction_id = t.id "
    "AND r.transaction_type = 'purchase_return' "
    "WHERE t.program_id = ? AND t.reference_type = 'order' AND t.reference_id = ? AND t.user_id = ? "
    "GROUP BY t.id")
LEDGER_INSERT = (
    "INSERT INTO loyalty_points_transactions (program_id, member_id, user_id, transaction_type, points_amount, "
    "points_balance_after, source, reference_id, reference_type, description, expiration_date, status, created_at, "
    "amount, related_transaction_id, shortfall_points) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?)")
ACTIVITY_INSERT = (
    "INSERT INTO loyalty_member_activity (program_id, member_id, user_id, activity_type, activity_description, "
    "points_involved, activity_metadata, activity_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
CALENDAR_UPSERT = (
    "INSERT INTO loyalty_expiry_calendar (program_id, expiry_day, user_id, points) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (program_id, expiry_day) DO UPDATE SET points = points + excluded.points")


@contextmanager
def _transaction(conn: sqlite3.Connection, finish: str | None) -> Iterator[None]:
    """One write transaction, as the app's: BEGIN IMMEDIATE, and at the end `finish` (COMMIT; None
    leaves it open for the check to read its rows and roll back); rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if finish:
        conn.execute(finish)


def _money(value: Any) -> str:
    return f"{Decimal(str(value)):.2f}"


def _take_from_lots(conn: sqlite3.Connection, shop: str, program_id: int, member_id: int, debit_id: int,
                    points: int, tz: ZoneInfo, first: int | None = None) -> None:
    """Take `points` from the member's open lots, oldest first (lot `first` before all others):
    the lots, the expiry calendar and one consumption row per lot, each an executemany."""
    lots = conn.execute("SELECT lot_id, points_remaining, expires_at FROM loyalty_point_lots "
                        "WHERE member_id = ? AND points_remaining > 0 ORDER BY lot_id = ? DESC, lot_id",
                        (member_id, first or 0)).fetchall()
    takes, left = [], points
    for lot_id, remaining, expires_at in lots:
        if not left:
            break
        take = min(left, remaining)
        takes.append((lot_id, remaining - take, take, expires_at))
        left -= take
    if left:
        raise RuntimeError("the balance and the lots disagree")
    conn.executemany("UPDATE loyalty_point_lots SET points_remaining = ? WHERE lot_id = ?",
                     [(rest, lot_id) for lot_id, rest, _take, _exp in takes])
    # The lots' days are on the calendar already (an upsert would insert the negative row first).
    conn.executemany("UPDATE loyalty_expiry_calendar SET points = points - ? WHERE program_id = ? AND expiry_day = ?",
                     [(take, program_id, parse_stamp(exp).astimezone(tz).date().isoformat())
                      for _lot, _rest, take, exp in takes if exp])
    conn.executemany("INSERT INTO loyalty_lot_consumptions (debit_transaction_id, lot_id, points) VALUES (?, ?, ?)",
                     [(debit_id, lot_id, take) for lot_id, _rest, take, _exp in takes])


def record_purchase(conn: sqlite3.Connection, shop: str, program_id: int, member_id: int, amount: str,
                    order_ref: str, *, finish: str | None = "COMMIT") -> int:
    """The rows of record_purchase in a points program: the ledger row, its lot, the member's
    balances, the running totals, the expiry calendar and two activity rows. `finish` None
    leaves the transaction open (the check reads the rows, then rolls back)."""
    now = dt.datetime.now(dt.UTC)
    with _transaction(conn, finish):
        row = conn.execute(PURCHASE_READ, (order_ref, member_id, shop)).fetchone()
        (in_program, status, balance, lifetime, program_status, kind, rate, expiry_days, currency, rules, tz_name,
         existing) = row
        if in_program != program_id or status != "active" or program_status != "active" or existing is not None:
            raise RuntimeError("not a purchase this twin can record")
        if kind != "points" or json.loads(rules or "{}").get("pending_days"):
            raise NotImplementedError("tiers, cash back or held purchases")
        money = Decimal(amount)
        points = int((money * Decimal(str(rate))).to_integral_value(rounding=ROUND_FLOOR))
        expires = stamp(now + dt.timedelta(days=expiry_days)) if expiry_days is not None and points else None
        created = stamp(now)
        tx = conn.execute(LEDGER_INSERT, (
            program_id, member_id, shop, "purchase", points, balance + points, "purchase", order_ref, "order",
            f"Purchase {order_ref}", expires, created, float(money), None, 0)).lastrowid
        if points:
            conn.execute("INSERT INTO loyalty_point_lots (lot_id, member_id, program_id, user_id, points_original, "
                         "points_remaining, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (tx, member_id, program_id, shop, points, points, expires))
            if expires:
                conn.execute(CALENDAR_UPSERT, (program_id, parse_stamp(expires).astimezone(ZoneInfo(tz_name)).date()
                                               .isoformat(), shop, points))
        conn.execute("UPDATE loyalty_members SET current_points = ?, lifetime_points = ?, "
                     "total_spent = round(total_spent + ?, 2), last_activity_date = ? WHERE id = ?",
                     (balance + points, lifetime + points, float(money), created, member_id))
        conn.execute("UPDATE loyalty_program_totals SET points_issued = points_issued + ?, "
                     "points_outstanding = points_outstanding + ?, spending = spending + ? WHERE program_id = ?",
                     (points, points, float(money), program_id))
        activity = [(program_id, member_id, shop, "purchase_made", f"Purchase {order_ref} of {currency} {money}", 0,
                     json.dumps({"order_ref": order_ref, "amount": str(money)}), created)]
        if points:
            activity.append((program_id, member_id, shop, "points_earned", f"+{points:,} points for order {order_ref}",
                             points, json.dumps({"order_ref": order_ref, "transaction_id": tx}), created))
        conn.executemany(ACTIVITY_INSERT, activity)
        return int(tx or 0)


def create_redemption(conn: sqlite3.Connection, shop: str, program_id: int, member_id: int, reward_id: int, *,
                      finish: str | None = "COMMIT") -> str:
    """The rows of create_redemption for a reward without stock, limit or tier: the debit, what it
    takes from the lots (and the expiry calendar), the member, the running totals, the redemption
    and its activity row. Returns the voucher code."""
    now = dt.datetime.now(dt.UTC)
    with _transaction(conn, finish):
        row = conn.execute(REDEMPTION_READ, (reward_id, member_id, shop)).fetchone()
        (in_program, status, balance, count, program_status, minimum, reward_program, active, cost, name, stock,
         tier_only, start, end, terms, tz_name) = row
        tz = ZoneInfo(tz_name)
        today = now.astimezone(tz).date().isoformat()
        if stock is not None or tier_only is not None or json.loads(terms or "{}").get("max_per_member"):
            raise NotImplementedError("rewards with stock, a tier or a limit")
        if in_program != program_id or reward_program != program_id or status != "active" \
                or program_status != "active" or not active or (start and today < start) or (end and today > end) \
                or balance < cost or balance < minimum:
            raise RuntimeError("not a redemption this twin can make")
        body = "".join(secrets.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(12))
        code = f"RW-{body[:4]}-{body[4:8]}-{body[8:]}"
        created = stamp(now)
        debit = int(conn.execute(LEDGER_INSERT, (
            program_id, member_id, shop, "redemption", -cost, balance - cost, "redemption", code, "redemption",
            f"Redeemed {name}", None, created, None, None, 0)).lastrowid or 0)
        _take_from_lots(conn, shop, program_id, member_id, debit, cost, tz)
        conn.execute("UPDATE loyalty_members SET current_points = ?, redemption_count = ?, last_activity_date = ? "
                     "WHERE id = ?", (balance - cost, count + 1, created, member_id))
        conn.execute("UPDATE loyalty_program_totals SET points_redeemed = points_redeemed + ?, "
                     "points_outstanding = points_outstanding - ? WHERE program_id = ?", (cost, cost, program_id))
        redemption = conn.execute(
            "INSERT INTO loyalty_redemptions (program_id, member_id, reward_id, user_id, points_redeemed, "
            "redemption_date, fulfillment_status, reward_code_generated, debit_transaction_id) "
            "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            (program_id, member_id, reward_id, shop, cost, created, code, debit)).lastrowid
        conn.execute(ACTIVITY_INSERT, (program_id, member_id, shop, "points_redeemed", f"Redeemed {name} for {cost:,}",
                                       -cost, json.dumps({"reward_id": reward_id, "redemption_id": redemption,
                                                          "code": code}), created))
        return code


def reverse_purchase(conn: sqlite3.Connection, shop: str, program_id: int, order_ref: str, amount: str, *,
                     finish: str | None = "COMMIT") -> int:
    """The rows of a partial return of a credited purchase: the return row, the member's
    balances and spending, the running totals, the points taken back from the purchase's own
    lot first (lots, calendar, consumptions) and the activity row."""
    now = dt.datetime.now(dt.UTC)
    with _transaction(conn, finish):
        row = conn.execute(RETURN_READ, (program_id, order_ref, shop)).fetchone()
        purchase, member_id, earned, held, total, status, balance, lifetime, currency, tz_name, before, returns = row
        if held is not None or status != "completed":
            raise NotImplementedError("held purchases")
        total, before, returned = Decimal(str(total)), Decimal(str(before)), Decimal(amount)
        if before + returned > total:
            raise RuntimeError("more than the order left to return")
        owed = int(Decimal(earned) * (before + returned) // total) - int(Decimal(earned) * before // total)
        taken, shortfall = min(owed, balance), owed - min(owed, balance)
        created = stamp(now)
        note = f"; {shortfall:,} points already spent could not be taken back" if shortfall else ""
        tx = int(conn.execute(LEDGER_INSERT, (
            program_id, member_id, shop, "purchase_return", -taken, balance - taken, "return",
            f"{order_ref}#{returns + 1}", "order_return", f"Return of {currency} {_money(returned)} from order "
            f"{order_ref}{note}", None, created, float(returned), purchase, shortfall)).lastrowid or 0)
        conn.execute("UPDATE loyalty_members SET current_points = ?, lifetime_points = ?, "
                     "total_spent = max(0, round(total_spent - ?, 2)) WHERE id = ?",
                     (balance - taken, max(0, lifetime - taken - shortfall), float(returned), member_id))
        conn.execute("UPDATE loyalty_program_totals SET points_outstanding = points_outstanding - ?, "
                     "spending = spending - ? WHERE program_id = ?", (taken, float(returned), program_id))
        if taken:
            _take_from_lots(conn, shop, program_id, member_id, tx, taken, ZoneInfo(tz_name), first=purchase)
        conn.execute(ACTIVITY_INSERT, (
            program_id, member_id, shop, "purchase_returned",
            f"Returned {currency} {_money(returned)} of order {order_ref}: -{taken:,} points", -taken,
            json.dumps({"order_ref": order_ref, "amount": _money(returned), "shortfall_points": shortfall}), created))
        return tx
