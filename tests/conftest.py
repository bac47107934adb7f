"""Shared fixtures. Every service test runs on SQLite, and on PostgreSQL when
LOYALTY_TEST_PG_URL names a server (CI starts one: see .ci/run)."""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from loyalty_desk.db import open_database
from loyalty_desk.services import LoyaltyService

from .support import SHOP, FakeClock, MemoryKeyring

PG_URL = os.environ.get("LOYALTY_TEST_PG_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, copied for each test (migrating once is faster)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


def _pg_admin_url() -> str:
    assert PG_URL
    return make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    if not PG_URL:
        yield None
        return
    name = f"loyalty_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    open_database(url).dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(backend: str, tmp_path: Path, sqlite_template: Path, pg_template: str | None) -> Iterator[str]:
    if backend == "sqlite":
        path = tmp_path / "loyalty.db"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    name = f"loyalty_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
           pg_template: str | None) -> Iterator[str]:
    yield from fresh_database_url(request.param, tmp_path, sqlite_template, pg_template)


@pytest.fixture(params=[0o022, 0o002], ids=["umask022", "umask002"])
def loose_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process umask of a usual desktop session (022) or a shared-group one (002): files the app
    makes must be private (0600/0700) under either (README, "Privacy")."""
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def svc(db_url: str, clock: FakeClock) -> Iterator[LoyaltyService]:
    service = LoyaltyService(db_url, clock=clock)
    service.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC",
                             "phone_region": "US"})
    yield service
    service.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A keyring of the test's own in place of the OS keyring, put back after the test."""
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)
