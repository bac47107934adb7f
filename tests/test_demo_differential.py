"""The demo's bulk replay and the service write the same rows for the same year.

One scripted year of a few members (purchases, partial and full returns, a return after the
points were spent, held points released and failed, redemptions moved through fulfillment and
one cancelled, expiry, birthdays, a welcome bonus, referrals, manual adjustments, promotions and
demotions, a member who leaves) runs twice:

(a) through the public LoyaltyService, the test clock moved to each event, with the daily job
    run just after every local midnight;
(b) through the demo's replay (`replay_script`), which writes its rows in bulk.

Every ledger, lot, lot-consumption, redemption, activity and tier-progression row, each member
row, the program totals, the expiry calendar and the reward stock must be the same, ids aside:
ids are replaced by what they point at (a member by name, a ledger row by its member and its
place in that member's ledger, a voucher code by its order).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from loyalty_desk.models import (
    ExpiryCalendar,
    LotConsumption,
    Member,
    MemberActivity,
    PointLot,
    PointsTransaction,
    ProgramTotals,
    Redemption,
    Reward,
    Shop,
    TierProgression,
)
from loyalty_desk.services import LoyaltyService
from loyalty_desk.services.clock import local_date, start_of_day, zone
from loyalty_desk.demo import SHOP, USER_ID, ProgramSpec, RewardSpec, ScriptedMember, build_catalog, replay_script
from loyalty_desk.demo.catalog import HISTORY_DAYS, SETUP_LEAD_DAYS

from .support import FakeClock

TZ = zone(SHOP["timezone"])
NOW = dt.datetime(2026, 3, 2, 20, 30, tzinfo=dt.UTC)    # 15:30 in the shop
TODAY = local_date(NOW, TZ)
DAY0 = TODAY - dt.timedelta(days=120)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of the shop's local day `day` of the script, in UTC."""
    return dt.datetime.combine(DAY0 + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=TZ).astimezone(dt.UTC)


def tier(name: str, level: int, low: int, high: int | None, multiplier: str, birthday: str) -> dict[str, Any]:
    return {"tier_name": name, "tier_level": level, "min_points_required": low, "max_points_required": high,
            "points_multiplier": multiplier, "birthday_bonus_multiplier": birthday}


def reward(name: str, cost: int, **fields: Any) -> dict[str, Any]:
    return {"reward_name": name, "reward_type": "free_product", "points_cost": cost, **fields}


PROGRAMS = (
    ProgramSpec(
        data={"program_name": "Corner Plus", "program_type": "tiered", "points_per_dollar": "1",
              "points_expiration_days": 30, "min_redemption_points": 50, "referral_enabled": True,
              "referral_points_awarded": 100, "birthday_bonus_points": 40,
              "program_rules": {"welcome_bonus_points": 25}},
        share=0.5, visits_per_month=1, basket_cents=1000, order_prefix="A",
        tiers=(tier("Bronze", 1, 0, 199, "1", "1"), tier("Silver", 2, 200, 599, "1.5", "2"),
               tier("Gold", 3, 600, None, "2", "3")),
        rewards=(RewardSpec(reward("Coffee", 60)), RewardSpec(reward("Mug", 150, quantity_available=2)),
                 RewardSpec(reward("Lounge", 100), tier="Gold"),
                 RewardSpec(reward("Tote", 200, reward_terms={"max_per_member": 1}), style="ship")),
    ),
    ProgramSpec(
        data={"program_name": "Corner Club", "program_type": "tiered", "points_per_dollar": "1",
              "points_expiration_days": 45, "min_redemption_points": 100, "birthday_bonus_points": 60,
              "program_rules": {"pending_days": 7}},
        share=0.5, visits_per_month=1, basket_cents=1000, order_prefix="B",
        tiers=(tier("Bronze", 1, 0, 299, "1", "1"), tier("Silver", 2, 300, None, "2", "2")),
        rewards=(RewardSpec(reward("Free delivery", 100)),),
    ),
)

D = Decimal
SCRIPT = (
    ScriptedMember(
        "Alice Martin", "Corner Plus", at(0, 10), email="alice@example.com", phone="(212) 555-0101",
        birthday=dt.date(1990, *(DAY0 + dt.timedelta(days=50)).timetuple()[1:3]), metadata={"source": "counter"},
        events=(
            (at(0, 10, 5), "purchase", D("120.00"), "A-1"),
            (at(3, 11), "purchase", D("100.00"), "A-2"),                      # promoted to Silver
            (at(5, 12), "return", "A-1", D("30.00")),                         # partial return
            (at(8, 13), "redeem", "Coffee", ((at(8, 13, 5), "redeemed", None, None),)),
            (at(10, 14), "redeem", "Mug", ((at(11, 9), "approved", None, None),
                                           (at(12, 10), "cancelled", None, "Customer changed their mind"))),
            (at(20, 15), "purchase", D("300.00"), "A-3"),                     # promoted to Gold
            (at(25, 16), "adjust", 50, "Goodwill: order arrived late"),
            (at(32, 10), "redeem", "Lounge", ((at(32, 10, 2), "redeemed", None, None),)),
            (at(35, 11), "redeem", "Tote", ((at(36, 9), "approved", None, None),
                                            (at(37, 9), "shipped", "1Z999AA10123456784", None),
                                            (at(40, 15), "delivered", None, None))),
            (at(36, 12), "redeem", "Mug", ()),                                # left pending
            (at(45, 12), "return", "A-3", None),                              # shortfall, demoted
            (at(55, 17), "adjust", -20, "Correction: staff test transaction"),
            (at(70, 10), "purchase", D("45.50"), "A-5"),
        ),
    ),
    ScriptedMember(
        "Bob Okafor", "Corner Plus", at(15, 9), referred_by="Alice Martin", email="bob@example.net",
        events=(
            (at(16, 10), "purchase", D("40.00"), "A-4"),
            (at(60, 11), "status", "inactive"),
        ),
    ),
    ScriptedMember(
        "Carol Chen", "Corner Plus", at(65, 12), referred_by="Bob Okafor",   # Bob has left: no award
        birthday=dt.date(1985, *(DAY0 + dt.timedelta(days=80)).timetuple()[1:3]),
        events=((at(66, 13), "purchase", D("70.00"), "A-6"),),
    ),
    ScriptedMember(
        "Dana Novak", "Corner Club", at(2, 9, 30), phone="(718) 555-0199",
        birthday=dt.date(1979, *(DAY0 + dt.timedelta(days=90)).timetuple()[1:3]),
        events=(
            (at(2, 9, 40), "purchase", D("80.00"), "B-1"),                    # held for 7 days
            (at(4, 10), "return", "B-1", D("20.00")),                         # the hold shrinks
            (at(12, 10), "purchase", D("50.00"), "B-2"),
            (at(14, 10), "return", "B-2", None),                              # the hold fails
            (at(20, 10), "purchase", D("250.00"), "B-3"),                     # released day 27: Silver
            (at(30, 10), "redeem", "Free delivery", ()),
            (at(31, 10), "redeem", "Free delivery", ((at(33, 10), "approved", None, None),
                                                     (at(34, 10), "cancelled", None, "Wrong size ordered"))),
            (at(40, 10), "return", "B-3", D("100.00")),                       # demoted
            (at(41, 10), "redeem", "Free delivery", ((at(41, 10, 5), "redeemed", None, None),)),
            (at(44, 10), "return", "B-3", None),                              # shortfall
            (at(60, 10), "purchase", D("400.00"), "B-4"),
            (at(118, 10), "purchase", D("30.00"), "B-6"),                     # still held at the end
            (at(119, 10), "return", "B-6", D("10.00")),
        ),
    ),
)


# --- (a) the same script through the service ---------------------------------------------


def setup_moment() -> dt.datetime:
    return start_of_day(TODAY - dt.timedelta(days=HISTORY_DAYS + SETUP_LEAD_DAYS), TZ) + dt.timedelta(hours=9)


def run_through_service(url: str, script: Sequence[ScriptedMember]) -> None:
    clock = FakeClock(setup_moment())
    with LoyaltyService(url, clock=clock) as svc:
        catalog = build_catalog(svc, TODAY, PROGRAMS)
        program_ids = {s.program.program_name: s.program.id for s in catalog}
        rewards = {(s.program.program_name, r.reward_name): r.id for s in catalog for r, _ in s.rewards}
        members: dict[str, Any] = {}
        redemptions: dict[tuple[str, int], int] = {}
        steps: list[tuple[dt.datetime, int, Callable[[], object]]] = []

        def step(moment: dt.datetime, action: Callable[[], object]) -> None:
            steps.append((moment, len(steps), action))

        def enroll(m: ScriptedMember) -> None:
            data: dict[str, Any] = {"customer_name": m.name, "email": m.email, "phone": m.phone,
                                    "birthday": m.birthday, "member_metadata": m.metadata}
            if m.referred_by:
                data["referred_by_code"] = members[m.referred_by].referral_code
            members[m.name] = svc.enroll_loyalty_member(USER_ID, program_ids[m.program], data)

        for m in script:
            pid = program_ids[m.program]
            step(m.joined, lambda m=m: enroll(m))
            for n, (moment, kind, *args) in enumerate(m.events):
                step(moment, lambda m=m, pid=pid, n=n, kind=kind, args=args:
                     operate(svc, m, pid, n, kind, args, members, rewards, redemptions))
                if kind == "redeem":
                    for later, status, tracking, notes in args[1]:
                        step(later, lambda m=m, n=n, status=status, tracking=tracking, notes=notes:
                             svc.update_redemption_status(USER_ID, redemptions[m.name, n], status,
                                                          tracking_number=tracking, notes=notes))
        day = local_date(min(m.joined for m in script), TZ)
        while day <= TODAY:
            step(start_of_day(day, TZ), lambda day=day: svc.run_daily_jobs(USER_ID, as_of=day))
            day += dt.timedelta(days=1)
        # A job runs at midnight, before anything else that day; then events in time order.
        for moment, _, action in sorted(steps, key=lambda s: (s[0], s[1])):
            clock.set(moment)
            action()


def operate(svc: LoyaltyService, m: ScriptedMember, pid: int, n: int, kind: str, args: list[Any],
            members: dict[str, Any], rewards: dict[tuple[str, str], int],
            redemptions: dict[tuple[str, int], int]) -> None:
    mid = members[m.name].id
    if kind == "purchase":
        svc.record_purchase(USER_ID, pid, mid, args[0], args[1])
    elif kind == "return":
        svc.reverse_purchase(USER_ID, pid, args[0], args[1])
    elif kind == "redeem":
        redemptions[m.name, n] = svc.create_redemption(USER_ID, pid, mid, rewards[m.program, args[0]]).id
    elif kind == "adjust":
        svc.add_points_transaction(USER_ID, pid, mid, {"transaction_type": "manual_adjustment",
                                                       "points_amount": args[0], "description": args[1]})
    elif kind == "status":
        svc.update_loyalty_member(USER_ID, mid, {"membership_status": args[0]})
    else:
        raise AssertionError(kind)


# --- what both databases hold, ids replaced by what they point at -----------------------------


def _rows(conn: Any, model: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(model.__table__))]


def canonical(url: str) -> dict[str, Any]:
    with LoyaltyService(url) as svc, svc.db.engine.connect() as conn:
        problems = svc.check_ledger()
        members = _rows(conn, Member)
        name = {m["id"]: m["customer_name"] for m in members}
        ledger = sorted(_rows(conn, PointsTransaction), key=lambda t: t["id"])
        seq: defaultdict[str, int] = defaultdict(int)
        tx: dict[int, str] = {}
        for t in ledger:
            tx[t["id"]] = f"{name[t['member_id']]}#{seq[name[t['member_id']]]}"
            seq[name[t["member_id"]]] += 1
        claims = sorted(_rows(conn, Redemption), key=lambda r: (name[r["member_id"]], r["id"]))
        code = {r["reward_code_generated"]: f"code{i}" for i, r in enumerate(claims)}
        claim = {r["id"]: f"{name[r['member_id']]}:{code[r['reward_code_generated']]}" for r in claims}
        member_ref = {str(i): n for i, n in name.items()}
        tx_ref = {str(i): k for i, k in tx.items()}

        def reference(kind: str | None, ref: str | None) -> str | None:
            if kind in ("welcome", "referral"):
                return member_ref[ref or ""]
            if kind == "birthday":
                who, year = (ref or "").split(":")
                return f"{member_ref[who]}:{year}"
            if kind in ("pending_release", "expiration"):
                return tx_ref[ref or ""]
            if kind in ("redemption", "refund"):
                return code[ref or ""]
            return ref

        def rows_of(entries: list[dict[str, Any]], owner: str, order: str) -> list[dict[str, Any]]:
            return [e for _, e in sorted(((name[e[owner]], e[order]), e) for e in entries)] if entries else []

        links = {"transaction_id": tx, "released_from": tx, "lot_id": tx, "redemption_id": claim,
                 "referred_by": name, "referred_member_id": name}
        activities = []
        for a in sorted(_rows(conn, MemberActivity), key=lambda a: (name[a["member_id"]], a["id"])):
            meta = {k: links[k][v] if k in links and v is not None else code[v] if k == "code" else v
                    for k, v in a["activity_metadata"].items()}
            activities.append({**_without(a, "id", "member_id"), "member": name[a["member_id"]],
                               "activity_metadata": meta})
        return {
            "problems": problems,
            "members": sorted(({**_without(m, "id", "card_number", "referral_code"),
                                "referred_by": name.get(m["referred_by"])} for m in members),
                               key=lambda m: m["customer_name"]),
            "ledger": [{**_without(t, "id", "member_id"), "key": tx[t["id"]],
                        "related_transaction_id": tx.get(t["related_transaction_id"]),
                        "reference_id": reference(t["reference_type"], t["reference_id"]),
                        "description": re.sub(r"row #(\d+)", lambda g: f"row {tx[int(g[1])]}", t["description"])}
                       for t in sorted(ledger, key=lambda t: (name[t["member_id"]], t["id"]))],
            "lots": sorted(({**_without(lot, "lot_id", "member_id"), "lot": tx[lot["lot_id"]]}
                            for lot in _rows(conn, PointLot)), key=lambda lot: lot["lot"]),
            "consumptions": sorted((tx[c["debit_transaction_id"]], tx[c["lot_id"]], c["points"])
                                   for c in _rows(conn, LotConsumption)),
            "redemptions": [{**_without(r, "id", "member_id", "reward_code_generated"), "claim": claim[r["id"]],
                             "debit_transaction_id": tx[r["debit_transaction_id"]],
                             "refund_transaction_id": tx.get(r["refund_transaction_id"])} for r in claims],
            "progressions": [{**_without(p, "id", "member_id"), "member": name[p["member_id"]]}
                             for p in rows_of(_rows(conn, TierProgression), "member_id", "id")],
            "activities": activities,
            "totals": sorted(_rows(conn, ProgramTotals), key=lambda t: t["program_id"]),
            "calendar": sorted((c["program_id"], c["expiry_day"], c["points"])
                               for c in _rows(conn, ExpiryCalendar) if c["points"]),
            "stock": sorted((r["reward_name"], r["quantity_remaining"]) for r in _rows(conn, Reward)),
            "last_daily_run": [s["last_daily_run"] for s in _rows(conn, Shop)],
        }


def _without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def second_url(tmp_path, sqlite_template, pg_template, request) -> Any:
    from .conftest import fresh_database_url
    backend = request.node.callspec.params["db_url"]
    folder = tmp_path / "demo"
    folder.mkdir()
    yield from fresh_database_url(backend, folder, sqlite_template, pg_template)


def assert_same(service: dict[str, Any], demo: dict[str, Any]) -> None:
    assert service["problems"] == [] and demo["problems"] == []
    for table in service:
        a, b = service[table], demo[table]
        if isinstance(a, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                assert x == y, f"{table}[{i}] differs:\n service: {x}\n demo:    {y}"
        assert a == b, f"{table} differs"


def test_the_demo_replay_writes_what_the_service_writes(db_url, second_url):
    run_through_service(db_url, SCRIPT)
    replay_script(second_url, SCRIPT, programs=PROGRAMS, clock=lambda: NOW)
    service, demo = canonical(db_url), canonical(second_url)
    # The script reaches every kind of row, so a rule the demo breaks has something to break.
    kinds = {(t["transaction_type"], t["status"], t["shortfall_points"] > 0) for t in service["ledger"]}
    assert kinds >= {("purchase", "pending", False), ("purchase", "failed", False), ("expiration", "completed", False),
                     ("purchase_return", "completed", True), ("redemption_refund", "completed", False),
                     ("birthday_bonus", "completed", False), ("referral", "completed", False),
                     ("welcome_bonus", "completed", False), ("manual_adjustment", "completed", False)}
    moves = {(a["activity_type"]) for a in service["activities"]}
    assert {"tier_promoted", "tier_demoted", "status_changed", "referral_made", "redemption_updated"} <= moves
    assert_same(service, demo)
