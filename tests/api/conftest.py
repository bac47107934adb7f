"""The real HTTP server, started with uvicorn in a subprocess on a free loopback port, over a
database set up through the service; one server per test module, stopped by its pid. On SQLite,
and on PostgreSQL too when LOYALTY_TEST_PG_URL names a server (tests/conftest.py)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from loyalty_desk.services import LoyaltyService

from ..conftest import BACKENDS, fresh_database_url
from ..support import SHOP, database_state, enroll, make_program, make_tiers

ROOT = Path(__file__).resolve().parents[2]
OTHER = "shop-2"
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    svc: LoyaltyService
    db_url: str
    keys: dict[str, str] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)
    log: Path | None = None

    def client(self, key: str | None = "write", **options: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[key]}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, **options)

    def state(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table but the keys' (whose `last_used_at` a request may note)."""
        return {t: rows for t, rows in database_state(self.svc).items() if t != "loyalty_api_keys"}

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            os.kill(self.process.pid, sig)
        return self.process.wait(timeout=60)


def start_server(db_url: str, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "loyalty_desk", "serve", "--port", str(port),
                                    "--database-url", db_url], cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise AssertionError(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/api/loyalty/health", timeout=2).status_code == 200:
                return url, process
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the server did not answer within {START_TIMEOUT_S} s:\n{log.read_text()}")
        time.sleep(0.1)


def populate(svc: LoyaltyService) -> tuple[dict[str, str], dict[str, Any]]:
    """Two shops: ours with a tiered program, members and rewards; another with its own of each."""
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD"})
    program = make_program(svc, program_type="tiered", referral_enabled=True, referral_points_awarded=250,
                           points_expiration_days=365)
    make_tiers(svc, program.id)
    ada = enroll(svc, program.id, "Ada Lovelace", email="ada@example.com", phone="+14155550123")
    svc.record_purchase(SHOP, program.id, ada.id, "600", "SEED-1")
    mug = svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                       "points_cost": 100})
    keys: dict[str, str] = {}
    for name, scope in (("write", "write"), ("read", "read"), ("revoked", "write")):
        key, keys[name] = svc.create_api_key(SHOP, {"name": f"{name} key", "scope": scope})
        if name == "revoked":
            svc.revoke_api_key(SHOP, key.id)
    keys_ids = {k.name: k.id for k in svc.list_api_keys(SHOP)}
    svc.save_shop(OTHER, {"shop_name": "Elsewhere"})
    theirs = svc.create_loyalty_program(OTHER, {"program_name": "Theirs", "program_type": "points",
                                                "points_per_dollar": "1"})
    bob = svc.enroll_loyalty_member(OTHER, theirs.id, {"customer_name": "Bob Secret",
                                                       "email": "bob@elsewhere.example.com"})
    svc.record_purchase(OTHER, theirs.id, bob.id, "50", "THEIR-1")
    their_reward = svc.create_loyalty_reward(OTHER, theirs.id, {"reward_name": "Hat", "reward_type": "free_product",
                                                                "points_cost": 10})
    _, keys["other"] = svc.create_api_key(OTHER, {"name": "their key", "scope": "write"})
    return keys, {"program": program, "ada": ada, "mug": mug, "their_program": theirs, "bob": bob,
                  "their_reward": their_reward, "key_ids": keys_ids}


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
           pg_template: str | None) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("api")
    urls = fresh_database_url(request.param, folder, sqlite_template, pg_template)
    db_url = next(urls)
    svc = LoyaltyService(db_url)
    try:
        keys, ids = populate(svc)
        url, process = start_server(db_url, folder / "server.log")
        running = Server(url, process, svc, db_url, keys, ids, folder / "server.log")
        try:
            yield running
        finally:
            running.stop()
    finally:
        svc.close()
        for _ in urls:      # drops the PostgreSQL database
            pass
