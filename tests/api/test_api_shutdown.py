"""SIGTERM stops the server cleanly: a request in flight finishes and is answered, then the
process exits 0 (uvicorn's graceful shutdown). The request is held in flight by a write lock the
test takes on the database, so it is still running when the signal comes."""
from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from ..support import SHOP
from .conftest import Server

API = "/api/loyalty"


@contextmanager
def write_lock(db_url: str) -> Iterator[None]:
    """Hold the database's write lock (SQLite) or the ledger's (PostgreSQL) until the block ends."""
    if db_url.startswith("sqlite"):
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn, conn.begin() as tx:
            conn.execute(text("LOCK TABLE loyalty_points_transactions IN EXCLUSIVE MODE"))
            yield
            tx.rollback()
    finally:
        engine.dispose()


def waiting_for_the_lock(db_url: str) -> bool:
    """Whether a writer is queued behind the test's lock: its ticket in SQLite's turns folder
    (db/turns.py), or a PostgreSQL backend waiting on a lock. Seen there, the request is surely
    in flight, however slowly a loaded machine got it there (a socket accepted, or a fixed sleep,
    said less: under load the request was once not yet read when SIGTERM came)."""
    if db_url.startswith("sqlite"):
        turns = Path(db_url.removeprefix("sqlite:///") + "-turns")
        return turns.is_dir() and any(turns.iterdir())
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).scalar())
    finally:
        engine.dispose()


def test_sigterm_lets_the_request_in_flight_finish(server: Server) -> None:
    ada = server.ids["ada"]
    answer: dict[str, Any] = {}

    def post() -> None:
        with server.client() as client:
            answer["response"] = client.post(f"{API}/purchases", json={"member_id": ada.id, "amount": "30.00",
                                                                       "order_ref": "IN-FLIGHT"})

    with write_lock(server.db_url):
        sender = threading.Thread(target=post)
        sender.start()
        deadline = time.monotonic() + 60
        while not waiting_for_the_lock(server.db_url):     # the purchase is in the database, waiting
            assert time.monotonic() < deadline, "the request never reached the database"
            time.sleep(0.05)
        os.kill(server.process.pid, signal.SIGTERM)
        time.sleep(0.3)
        assert server.process.poll() is None, "the server quit with a request in flight"
    sender.join(timeout=60)
    assert server.process.wait(timeout=60) == 0
    response = answer["response"]
    assert response.status_code == 201, response.text
    rows = [t for t in server.svc.get_member_points_history(SHOP, ada.id) if t.reference_id == "IN-FLIGHT"]
    assert [t.id for t in rows] == [response.json()["data"]["id"]]
    try:
        refused = httpx.get(f"{server.url}{API}/health", timeout=2)
    except httpx.TransportError:
        refused = None
    assert refused is None, "the server still answers after SIGTERM"
