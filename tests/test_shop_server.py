"""A register on the shop's PostgreSQL server: trying an address (one sentence per refusal, what the
database holds), remembering the choice with the password in the keyring, and starting on it."""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from alembic import command
from keyring.backends import fail
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from loyalty_desk import shop_server
from loyalty_desk.db.migrate import alembic_config
from loyalty_desk.services import DatabaseNewer, DatabaseRefused, LoyaltyService
from loyalty_desk.services.server_connection import ServerAddress, ServerRefused, ServerState, probe_server

from .conftest import PG_URL

ROOT = Path(__file__).resolve().parents[1]
needs_pg = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL server (LOYALTY_TEST_PG_URL; CI starts one)")


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "config"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_the_choice_is_kept_without_its_password_which_goes_to_the_keyring(config_home, memory_keyring):
    address = ServerAddress("shop-server", 5433, "loyalty", "till2", "s3cret")
    assert shop_server.remember(address) is True
    saved = shop_server.choice_file()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "s3cret" not in saved.read_text() and json.loads(saved.read_text())["server"]["user"] == "till2"
    assert memory_keyring.saved == {("loyalty-desk", "till2@shop-server:5433/loyalty"): "s3cret"}
    assert shop_server.remembered() == address
    shop_server.forget()
    assert shop_server.remembered() is None


def test_without_a_keyring_the_password_is_not_remembered_anywhere(config_home, no_keyring):
    address = ServerAddress("shop-server", 5432, "loyalty", "till2", "s3cret")
    assert shop_server.remember(address) is False
    assert shop_server.remembered() == ServerAddress("shop-server", 5432, "loyalty", "till2", "")
    assert not any("s3cret" in p.read_text() for p in config_home.rglob("*") if p.is_file())


def test_an_unreadable_choice_is_this_computers_database(config_home):
    shop_server.choice_file().parent.mkdir(parents=True)
    shop_server.choice_file().write_text("{not json")
    assert shop_server.remembered() is None


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def pg() -> Iterator[tuple[ServerAddress, str]]:
    """The test server's address, and an admin URL to make databases on it."""
    assert PG_URL
    url = make_url(PG_URL)
    yield (ServerAddress(url.host or "127.0.0.1", url.port or 5432, "unused", url.username or "postgres",
                         url.password or ""), url.set(database="postgres").render_as_string(hide_password=False))


@pytest.fixture
def new_database(pg) -> Iterator[str]:
    """An empty database on the test server: its name."""
    _address, admin_url = pg
    name = f"loyalty_reg_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@needs_pg
@pytest.mark.parametrize(("change", "field", "sentence"), [
    ({"database": "no_such_db"}, "database", "The database “no_such_db” does not exist on"),
    ({"user": "ghost"}, "user", "The user “ghost” does not exist on"),
    ({"port": "closed"}, "port", "No server at 127.0.0.1:"),
    ({"host": "no-such-host.invalid"}, "host", "No computer called “no-such-host.invalid” was found"),
])
def test_each_refusal_is_one_sentence_about_its_field(pg, change, field, sentence):
    address, _admin = pg
    fields = {**address.__dict__, "database": "postgres", **change}
    if fields["port"] == "closed":
        fields["port"] = closed_port()
    with pytest.raises(ServerRefused) as refused:
        probe_server(ServerAddress(**fields))
    assert str(refused.value).startswith(sentence) and refused.value.field == field
    assert "\n" not in str(refused.value) and "psycopg" not in str(refused.value)


@needs_pg
def test_empty_older_current_foreign_and_newer_databases(pg, new_database):
    base, _admin = pg
    address = ServerAddress(base.host, base.port, new_database, base.user, base.password)
    assert probe_server(address) is ServerState.EMPTY
    engine = create_engine(address.url())
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0010")
    assert probe_server(address) is ServerState.OLDER
    LoyaltyService(address.url()).close()                       # what Connect does after the yes
    assert probe_server(address) is ServerState.READY
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseNewer):
        probe_server(address)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("CREATE TABLE orders (id integer)"))
    with pytest.raises(DatabaseRefused, match="another application"):
        probe_server(address)
    engine.dispose()


@pytest.fixture(scope="module")
def password_server() -> Iterator[ServerAddress]:
    """A throwaway server that asks for a password over TCP, as a shop's server does."""
    if not Path("/usr/lib/postgresql/15/bin/initdb").exists() or shutil.which("runuser") is None:
        pytest.skip("needs PostgreSQL 15's binaries (CI installs them)")
    # Not under pytest's 0700 folder: the server runs as the postgres user, who must reach its files.
    folder = Path(tempfile.mkdtemp(prefix="loyalty-pw-pg."))
    folder.chmod(0o755)
    started = subprocess.run([str(ROOT / ".ci" / "postgres.sh"), "start", str(folder)], capture_output=True,
                             text=True, env={**os.environ, "PG_PASSWORD": "right-one"}, timeout=120)
    assert started.returncode == 0, started.stderr
    url = make_url(started.stdout.strip())
    try:
        yield ServerAddress("127.0.0.1", url.port or 0, "loyalty_test", "postgres", "right-one")
    finally:
        subprocess.run([str(ROOT / ".ci" / "postgres.sh"), "stop", str(folder)], timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_wrong_or_missing_password_is_said_and_the_right_one_connects(password_server):
    wrong = ServerAddress(**{**password_server.__dict__, "password": "wrong"})
    with pytest.raises(ServerRefused, match="The password was refused for the user “postgres”") as refused:
        probe_server(wrong)
    assert refused.value.field == "password"
    with pytest.raises(ServerRefused, match="asks for a password"):
        probe_server(ServerAddress(**{**password_server.__dict__, "password": ""}))
    assert probe_server(password_server) is ServerState.EMPTY


@needs_pg
def test_the_cli_runs_on_the_remembered_server_and_makes_no_local_file(pg, new_database, tmp_path):
    base, _admin = pg
    address = ServerAddress(base.host, base.port, new_database, base.user, base.password)
    with LoyaltyService(address.url()) as svc:
        svc.save_shop("server-shop", {"shop_name": "On the server", "currency": "USD"})
    env = {k: v for k, v in os.environ.items() if k != "LOYALTY_DESK_DATABASE_URL"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    config = tmp_path / "config" / "loyalty-desk"
    config.mkdir(parents=True)
    (config / "register.json").write_text(json.dumps({"name": "Till 2", "server": {
        "host": address.host, "port": address.port, "database": address.database, "user": address.user}}))
    done = subprocess.run([sys.executable, "-m", "loyalty_desk", "run-jobs"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("server-shop ")
    assert not (tmp_path / "data" / "loyalty-desk" / "loyalty.db").exists()
