"""Two registers at once: real OS processes racing on one database (ledger rules 3 and 7).

Each race starts two worker processes with the "spawn" start method. Every
worker opens its own LoyaltyService on the database URL it is given, then, for
each round, waits on a shared barrier and makes one service call, so that the
two calls of a round start together and overlap. Results come back through a
queue as plain tuples (outcome, exception class name, message), never as
pickled exception objects. Several independent rounds run in the same pair of
processes, which raises the chance of a real overlap without paying for a new
process per round.

Runs on SQLite (a file database: BEGIN IMMEDIATE queues the writers) and on
PostgreSQL when LOYALTY_TEST_PG_URL names a server (row locks and guarded
updates), through the `db_url` fixture of conftest.py.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue as queue_module
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from loyalty_desk import models
from loyalty_desk.services import LoyaltyError, LoyaltyService, redemptions
from loyalty_desk.services.uow import Ctx

from .support import SHOP, FakeClock, enroll, make_program

pytestmark = pytest.mark.processes

ROUNDS = 4
WORKER_START_TIMEOUT = 60.0   # spawn + imports + opening the database, per worker
BARRIER_TIMEOUT = 30.0        # how long one worker waits for the other at a round's start
CALL_TIMEOUT = 45.0           # a service call that takes longer than this is a hang


# --- the worker (runs in a spawned child process) ----------------------------

# One call to make in a round: (round number, LoyaltyService method name, positional args).
Call = tuple[int, str, tuple[Any, ...]]


def _race_worker(url: str, now: dt.datetime, calls: Sequence[Call], barrier: Any, results: Any) -> None:
    """Open a service, then for each round wait for the other register and make one call."""
    try:
        svc = LoyaltyService(url, clock=FakeClock(now))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put(("setup", os.getpid(), "crash", type(exc).__name__, traceback.format_exc(), None, 0.0, 0.0))
        barrier.abort()
        return
    try:
        for round_no, method, args in calls:
            try:
                barrier.wait(timeout=BARRIER_TIMEOUT)
            except threading.BrokenBarrierError:
                results.put((round_no, os.getpid(), "crash", "BrokenBarrierError",
                             "the other worker never reached the barrier", None, 0.0, 0.0))
                return
            started = time.monotonic()
            try:
                value = getattr(svc, method)(*args)
                outcome = ("ok", None, "", getattr(value, "id", None))
            except LoyaltyError as exc:
                outcome = ("refused", type(exc).__name__, str(exc), None)
            except BaseException as exc:  # noqa: BLE001 - anything but a LoyaltyError is a bug
                outcome = ("crash", type(exc).__name__, traceback.format_exc(), None)
            finished = time.monotonic()
            results.put((round_no, os.getpid(), *outcome, started, finished))
    finally:
        svc.close()


# --- the parent side ---------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    round_no: int
    pid: int
    kind: str            # "ok", "refused" (a LoyaltyError) or "crash" (anything else)
    error: str | None    # exception class name
    message: str
    value: Any           # the returned object's id, for "ok"
    started: float       # time.monotonic() in the worker; CLOCK_MONOTONIC is system-wide on Linux
    finished: float


def race(url: str, now: dt.datetime, calls_per_worker: Sequence[Sequence[Call]]) -> dict[int, list[Outcome]]:
    """Run the workers' calls round by round and return every round's outcomes.

    Fails the test clearly if a worker cannot start, crashes, or hangs.
    """
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(calls_per_worker))
    results = ctx.Queue()
    procs = [ctx.Process(target=_race_worker, args=(url, now, list(calls), barrier, results), daemon=True,
                         name=f"register-{i}") for i, calls in enumerate(calls_per_worker)]
    for proc in procs:
        proc.start()
    expected = sum(len(calls) for calls in calls_per_worker)
    rounds = max(len(calls) for calls in calls_per_worker)
    deadline = time.monotonic() + WORKER_START_TIMEOUT + rounds * CALL_TIMEOUT
    got: list[Outcome] = []
    failure: str | None = None
    try:
        while len(got) < expected:
            left = deadline - time.monotonic()
            if left <= 0:
                failure = (f"timed out: {len(got)} of {expected} results after "
                           f"{WORKER_START_TIMEOUT + rounds * CALL_TIMEOUT:.0f}s; a worker hangs "
                           f"(alive: {[p.name for p in procs if p.is_alive()]})")
                break
            try:
                item = results.get(timeout=min(left, 1.0))
            except queue_module.Empty:
                dead = [p for p in procs if not p.is_alive() and p.exitcode not in (0, None)]
                if dead:
                    failure = f"worker {dead[0].name} died with exit code {dead[0].exitcode}"
                    break
                continue
            out = Outcome(*item)
            if out.kind == "crash" or out.round_no == "setup":
                failure = f"worker pid {out.pid} round {out.round_no}: {out.error}\n{out.message}"
                break
            got.append(out)
    finally:
        for proc in procs:
            proc.join(timeout=10 if failure is None else 1)
        hung = [p for p in procs if p.is_alive()]
        for proc in hung:
            proc.terminate()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)
        results.close()
    if failure is not None:
        pytest.fail(failure)
    if hung:
        pytest.fail(f"worker(s) {[p.name for p in hung]} did not exit after their last call")
    for proc in procs:
        assert proc.exitcode == 0, f"{proc.name} exited with {proc.exitcode}"
    by_round: dict[int, list[Outcome]] = {}
    for out in got:
        by_round.setdefault(out.round_no, []).append(out)
    overlapped = sum(1 for outs in by_round.values() if len(outs) == 2
                     and max(o.started for o in outs) < min(o.finished for o in outs))
    # Shown with -s or on failure: how many rounds truly ran at the same time.
    print(f"race on {url.split(':', 1)[0]}: {overlapped} of {len(by_round)} rounds overlapped")
    return by_round


def kinds(outcomes: list[Outcome]) -> list[tuple[str, str | None]]:
    return sorted((o.kind, o.error) for o in outcomes)


# --- fixtures and helpers ----------------------------------------------------


@pytest.fixture
def service(db_url: str) -> Iterator[tuple[LoyaltyService, FakeClock, str]]:
    clock = FakeClock()
    svc = LoyaltyService(db_url, clock=clock)
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    yield svc, clock, db_url
    svc.close()


def give_points(svc: LoyaltyService, program_id: int, member_id: int, points: int) -> None:
    svc.add_points_transaction(SHOP, program_id, member_id, {"points_amount": points, "description": "opening balance"})


def balance(svc: LoyaltyService, member_id: int) -> int:
    return svc.get_loyalty_member(SHOP, member_id).current_points


def ledger_rows(svc: LoyaltyService, program_id: int, reference_type: str, reference_id: str) -> int:
    T = models.PointsTransaction
    with svc.db.engine.connect() as conn:
        return conn.execute(select(func.count()).where(
            T.program_id == program_id, T.reference_type == reference_type, T.reference_id == reference_id)).scalar_one()


def reward(svc: LoyaltyService, program_id: int, name: str, cost: int, stock: int | None) -> Any:
    return svc.create_loyalty_reward(SHOP, program_id, {
        "reward_name": name, "reward_type": "free_product", "points_cost": cost, "quantity_available": stock})


def stock_left(svc: LoyaltyService, program_id: int, reward_id: int) -> int | None:
    return next(r.quantity_remaining for r in svc.get_loyalty_rewards(SHOP, program_id) if r.id == reward_id)


# --- the races ---------------------------------------------------------------


def test_last_unit_of_a_reward_goes_to_exactly_one_register(service):
    """(a) Two members, enough points each, one unit left: one wins, the other hears OutOfStock."""
    svc, clock, url = service
    program = make_program(svc)
    plan = []
    for r in range(ROUNDS):
        prize = reward(svc, program.id, f"Last mug {r}", 100, stock=1)
        a, b = enroll(svc, program.id, f"Ada Round{r}"), enroll(svc, program.id, f"Bob Round{r}")
        give_points(svc, program.id, a.id, 150)
        give_points(svc, program.id, b.id, 150)
        plan.append((prize, a, b))
    by_round = race(url, clock.now, [
        [(r, "create_redemption", (SHOP, program.id, a.id, prize.id, 100)) for r, (prize, a, b) in enumerate(plan)],
        [(r, "create_redemption", (SHOP, program.id, b.id, prize.id, 100)) for r, (prize, a, b) in enumerate(plan)],
    ])
    for r, (prize, a, b) in enumerate(plan):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "OutOfStock")], by_round[r]
        assert stock_left(svc, program.id, prize.id) == 0
        assert sorted([balance(svc, a.id), balance(svc, b.id)]) == [50, 150]
        assert len(svc.get_member_redemptions(SHOP, a.id)) + len(svc.get_member_redemptions(SHOP, b.id)) == 1
    assert svc.check_ledger() == []


def test_one_balance_two_redemptions_only_one_is_paid(service):
    """(b) Same member at two registers, points for one redemption only: one wins, one InsufficientPoints."""
    svc, clock, url = service
    program = make_program(svc)
    prize = reward(svc, program.id, "Coffee", 100, stock=None)
    limited = reward(svc, program.id, "Tote", 100, stock=10)
    plan = []
    for r in range(ROUNDS):
        member = enroll(svc, program.id, f"Cleo Round{r}")
        give_points(svc, program.id, member.id, 150)
        plan.append(member)
    # Odd rounds race on a limited reward, so the stock must also come back right.
    pick = [prize if r % 2 == 0 else limited for r in range(ROUNDS)]
    calls = [(r, "create_redemption", (SHOP, program.id, m.id, pick[r].id, 100)) for r, m in enumerate(plan)]
    by_round = race(url, clock.now, [calls, calls])
    for r, member in enumerate(plan):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "InsufficientPoints")], by_round[r]
        assert balance(svc, member.id) == 50
        assert len(svc.get_member_redemptions(SHOP, member.id)) == 1
    assert stock_left(svc, program.id, limited.id) == 10 - ROUNDS // 2
    assert svc.check_ledger() == []


def test_redemption_and_manual_debit_race_on_one_balance(service):
    """Two debit paths on one balance (redeem at one register, a manual debit at the other): one wins."""
    svc, clock, url = service
    program = make_program(svc)
    prize = reward(svc, program.id, "Scarf", 100, stock=None)
    members = []
    for r in range(ROUNDS):
        member = enroll(svc, program.id, f"Dora Round{r}")
        give_points(svc, program.id, member.id, 150)
        members.append(member)
    by_round = race(url, clock.now, [
        [(r, "create_redemption", (SHOP, program.id, m.id, prize.id, 100)) for r, m in enumerate(members)],
        [(r, "add_points_transaction", (SHOP, program.id, m.id, {"points_amount": -100, "description": "correction"}))
         for r, m in enumerate(members)],
    ])
    for r, member in enumerate(members):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "InsufficientPoints")], by_round[r]
        assert balance(svc, member.id) == 50
    assert svc.check_ledger() == []


def discount_program(svc: LoyaltyService, name: str) -> tuple[Any, list[Any]]:
    """A program taking 100 points as 1.00 off, and a member with 1,500 points for each round."""
    program = make_program(svc, program_rules={"redeem_points_per_unit": 100})
    members = [enroll(svc, program.id, f"{name} Round{r}") for r in range(ROUNDS)]
    for member in members:
        give_points(svc, program.id, member.id, 1500)
    return program, members


def test_one_balance_two_discounts_only_one_is_taken(service):
    """Points as money off on two orders at two registers, points for one only: one wins, one InsufficientPoints."""
    svc, clock, url = service
    program, members = discount_program(svc, "Edna")
    by_round = race(url, clock.now, [
        [(r, "redeem_points_for_discount", (SHOP, program.id, m.id, 1000, f"DA-{r}")) for r, m in enumerate(members)],
        [(r, "redeem_points_for_discount", (SHOP, program.id, m.id, 1000, f"DB-{r}")) for r, m in enumerate(members)],
    ])
    for r, member in enumerate(members):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "InsufficientPoints")], by_round[r]
        assert balance(svc, member.id) == 500
        assert ledger_rows(svc, program.id, "discount", f"DA-{r}") + \
            ledger_rows(svc, program.id, "discount", f"DB-{r}") == 1
    assert svc.check_ledger() == []


def test_one_discount_sent_twice_at_once_is_taken_once(service):
    """The same order's discount from two registers at once: both hear the same discount, one debit."""
    svc, clock, url = service
    program, members = discount_program(svc, "Fay")
    calls = [(r, "redeem_points_for_discount", (SHOP, program.id, m.id, 600, f"DD-{r}")) for r, m in enumerate(members)]
    by_round = race(url, clock.now, [calls, calls])
    for r, member in enumerate(members):
        assert kinds(by_round[r]) == [("ok", None), ("ok", None)], by_round[r]
        assert balance(svc, member.id) == 900
        assert ledger_rows(svc, program.id, "discount", f"DD-{r}") == 1
    assert svc.check_ledger() == []


def test_same_order_twice_at_once_is_recorded_once(service):
    """(c) The same order_ref, member and amount sent by two registers: one row, both get its id."""
    svc, clock, url = service
    program = make_program(svc, points_per_dollar="2")
    members = [enroll(svc, program.id, f"Eve Round{r}") for r in range(ROUNDS)]
    calls = [(r, "record_purchase", (SHOP, program.id, m.id, Decimal("12.34"), f"RACE-{r}"))
             for r, m in enumerate(members)]
    by_round = race(url, clock.now, [calls, calls])
    for r, member in enumerate(members):
        outs = by_round[r]
        assert kinds(outs) == [("ok", None), ("ok", None)], outs
        assert outs[0].value == outs[1].value, "a replay must return the original row"
        assert ledger_rows(svc, program.id, "order", f"RACE-{r}") == 1
        assert balance(svc, member.id) == 24
        assert svc.get_loyalty_member(SHOP, member.id).total_spent == Decimal("12.34")
    assert svc.check_ledger() == []


def test_same_order_ref_for_two_members_at_once(service):
    """(c') The same order_ref for two different members at once: one row; the other is a DuplicateReference."""
    svc, clock, url = service
    program = make_program(svc)
    plan = [(enroll(svc, program.id, f"Fay Round{r}"), enroll(svc, program.id, f"Gus Round{r}"))
            for r in range(ROUNDS)]
    by_round = race(url, clock.now, [
        [(r, "record_purchase", (SHOP, program.id, a.id, Decimal("10.00"), f"DUP-{r}")) for r, (a, b) in enumerate(plan)],
        [(r, "record_purchase", (SHOP, program.id, b.id, Decimal("10.00"), f"DUP-{r}")) for r, (a, b) in enumerate(plan)],
    ])
    for r, (a, b) in enumerate(plan):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "DuplicateReference")], by_round[r]
        assert ledger_rows(svc, program.id, "order", f"DUP-{r}") == 1
        assert sorted([balance(svc, a.id), balance(svc, b.id)]) == [0, 10]
    assert svc.check_ledger() == []


def test_cancelling_one_redemption_twice_at_once_refunds_once(service):
    """Two registers cancel the same redemption: one refund, one restock, one InvalidTransition."""
    svc, clock, url = service
    program = make_program(svc)
    prize = reward(svc, program.id, "Cap", 100, stock=5)
    plan = []
    for r in range(ROUNDS):
        member = enroll(svc, program.id, f"Hal Round{r}")
        give_points(svc, program.id, member.id, 100)
        plan.append((member, svc.create_redemption(SHOP, program.id, member.id, prize.id, 100)))
    calls = [(r, "update_redemption_status", (SHOP, red.id, "cancelled")) for r, (m, red) in enumerate(plan)]
    by_round = race(url, clock.now, [calls, calls])
    for r, (member, red) in enumerate(plan):
        assert kinds(by_round[r]) == [("ok", None), ("refused", "InvalidTransition")], by_round[r]
        assert balance(svc, member.id) == 100
        assert ledger_rows(svc, program.id, "refund", red.reward_code_generated) == 1
    assert stock_left(svc, program.id, prize.id) == 5
    assert svc.check_ledger() == []


def test_returning_one_order_twice_at_once_takes_back_once(service):
    """Two registers take back the whole of one order: the points go once; the other is refused."""
    svc, clock, url = service
    program = make_program(svc)
    members = []
    for r in range(ROUNDS):
        member = enroll(svc, program.id, f"Ivy Round{r}")
        svc.record_purchase(SHOP, program.id, member.id, Decimal("40.00"), f"RET-{r}")
        give_points(svc, program.id, member.id, 10)
        members.append(member)
    calls = [(r, "reverse_purchase", (SHOP, program.id, f"RET-{r}")) for r in range(ROUNDS)]
    by_round = race(url, clock.now, [calls, calls])
    for r, member in enumerate(members):
        outs = by_round[r]
        assert kinds(outs) == [("ok", None), ("refused", "ValidationError")], outs
        assert any("fully returned" in o.message for o in outs), outs
        assert balance(svc, member.id) == 10
        assert ledger_rows(svc, program.id, "order_return", f"RET-{r}#1") == 1
        assert ledger_rows(svc, program.id, "order_return", f"RET-{r}#2") == 0
    assert svc.check_ledger() == []


# --- a pinned interleaving: register A's debit is open when register B reads --------


def _one_call_worker(url: str, now: dt.datetime, method: str, args: tuple[Any, ...], ready: Any, results: Any) -> None:
    """Open a service, say so, then make one call (which may queue behind register A)."""
    try:
        svc = LoyaltyService(url, clock=FakeClock(now))
    except BaseException as exc:  # noqa: BLE001
        results.put(("crash", type(exc).__name__, traceback.format_exc(), None))
        ready.set()
        return
    try:
        ready.set()
        value = getattr(svc, method)(*args)
        results.put(("ok", None, "", getattr(value, "id", None)))
    except LoyaltyError as exc:
        results.put(("refused", type(exc).__name__, str(exc), None))
    except BaseException as exc:  # noqa: BLE001
        results.put(("crash", type(exc).__name__, traceback.format_exc(), None))
    finally:
        svc.close()


def _waiting_on_a_lock(svc: LoyaltyService) -> bool:
    """True when another backend of this PostgreSQL database waits for a lock."""
    with svc.db.engine.connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'").scalar())


# Once a bug (PostgreSQL only): the referral credit was computed from a referrer row loaded before
# the lock, undoing a redemption committed meanwhile. lock_member now re-reads the row under the lock.


@pytest.mark.parametrize("second", ["purchase", "credit", "debit", "redemption", "referral"])
def test_a_second_register_never_works_on_a_stale_balance(service, second):
    """Register A has debited the member (a redemption) but not yet committed when register B acts on the
    same member. Whatever B does, it must see A's debit once A commits: the interleaving is pinned, not
    left to chance. A runs in this process, through the service's own redemption code with the commit
    held back; B is a separate process, started while A's transaction is open."""
    svc, clock, url = service
    postgres = url.startswith("postgresql")
    program = make_program(svc, referral_enabled=True, referral_points_awarded=50)
    member = enroll(svc, program.id, "Rita Referrer")
    give_points(svc, program.id, member.id, 150)
    prize = reward(svc, program.id, "Mug", 100, stock=None)
    call, outcome, final = {
        "purchase": (("record_purchase", (SHOP, program.id, member.id, Decimal("30.00"), "B-1")), ("ok", None), 80),
        "credit": (("add_points_transaction", (SHOP, program.id, member.id,
                                               {"points_amount": 30, "description": "goodwill"})), ("ok", None), 80),
        "debit": (("add_points_transaction", (SHOP, program.id, member.id,
                                              {"points_amount": -60, "description": "correction"})),
                  ("refused", "InsufficientPoints"), 50),
        "redemption": (("create_redemption", (SHOP, program.id, member.id, prize.id, 100)),
                       ("refused", "InsufficientPoints"), 50),
        "referral": (("enroll_loyalty_member", (SHOP, program.id, {"customer_name": "Nina New",
                                                                    "referred_by_code": member.referral_code})),
                     ("ok", None), 100),
    }[second]
    ctx = multiprocessing.get_context("spawn")
    ready, results = ctx.Event(), ctx.Queue()
    proc = ctx.Process(target=_one_call_worker, args=(url, clock.now, *call, ready, results), daemon=True)
    session = svc.db.write_sessions()
    try:
        try:
            redemptions.create_redemption(Ctx(session, SHOP, clock()), program.id, member.id, prize.id, None)
            session.flush()   # register A: debit written, locks held, not committed
            proc.start()
            assert ready.wait(WORKER_START_TIMEOUT), "register B did not start"
            # Let B run up to the point where it queues behind A (PostgreSQL: a lock wait we can see;
            # SQLite: B waits in BEGIN IMMEDIATE, which no view shows, so give it a moment).
            deadline = time.monotonic() + (20 if postgres else 0.5)
            while time.monotonic() < deadline and results.empty():
                if postgres and _waiting_on_a_lock(svc):
                    break
                time.sleep(0.05)
            session.commit()
        finally:
            session.close()
        try:
            kind, error, message, _ = results.get(timeout=CALL_TIMEOUT)
        except queue_module.Empty:
            pytest.fail(f"register B hangs: no answer {CALL_TIMEOUT:.0f}s after register A committed")
    finally:
        if proc.pid is not None:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout=5)
    assert kind != "crash", f"register B crashed: {error}\n{message}"
    assert (kind, error) == outcome, message
    assert balance(svc, member.id) == final
    assert svc.check_ledger() == []
