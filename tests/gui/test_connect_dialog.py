"""File ▸ Connect to shop server…: checked as a person types, tried off the GUI thread against a real
PostgreSQL server, remembered, and the app starts again on it; File ▸ Use this computer only goes back."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from loyalty_desk import shop_server
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.widgets.forms import Confirm

from ..conftest import PG_URL

pytestmark = pytest.mark.gui
needs_pg = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL server (LOYALTY_TEST_PG_URL; CI starts one)")


@pytest.fixture
def window(session, qtbot, monkeypatch):
    restarts: list[str] = []
    monkeypatch.setattr(MainWindow, "start_again", lambda self: restarts.append("again"))
    win = MainWindow(session, run_jobs=False)
    win.restarts = restarts  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    window.findChild(type(window.local_action), "connectServerAction").trigger()
    dialog = window.connect_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def fill(dialog, host: str, port: str, database: str, user: str) -> None:  # type: ignore[no-untyped-def]
    for edit, value in ((dialog.host, host), (dialog.port, port), (dialog.database, database), (dialog.user, user)):
        edit.setText(value)


def test_a_missing_host_or_a_bad_port_is_said_next_to_it_and_nothing_is_tried(window, qtbot):
    dialog = open_dialog(window, qtbot)
    fill(dialog, "", "5432", "loyalty", "till")
    dialog.connect_button.click()
    assert dialog.errors.message("host") == "Type the server's name or address." and not dialog.trying
    fill(dialog, "shop-server", "70000", "loyalty", "till")
    dialog.test_button.click()
    assert "1 to 65535" in dialog.errors.message("port") and not dialog.trying
    assert shop_server.remembered() is None and window.restarts == []


@pytest.fixture
def empty_database():
    assert PG_URL
    admin = create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"loyalty_gui_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL), name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@needs_pg
def test_an_unknown_database_is_said_under_its_field(window, qtbot, empty_database):
    url, _name = empty_database
    dialog = open_dialog(window, qtbot)
    fill(dialog, url.host, str(url.port), "no_such_database", url.username)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.trying, timeout=15_000)
    assert dialog.errors.message("database").startswith("The database “no_such_database” does not exist")
    assert shop_server.remembered() is None


@needs_pg
def test_an_empty_database_is_set_up_after_a_yes_remembered_and_the_app_starts_again(window, qtbot, empty_database,
                                                                                      monkeypatch):
    url, name = empty_database
    asked: list[str] = []
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, parent, title, body: asked.append(body) or True))
    dialog = open_dialog(window, qtbot)
    fill(dialog, url.host, str(url.port), name, url.username)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "empty" in dialog.status.text(), timeout=15_000)
    assert asked == [] and window.restarts == []                       # a test changes nothing
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: window.restarts == ["again"], timeout=15_000)
    assert asked and f"“{name}”" in asked[0] and "is empty" in asked[0]
    assert shop_server.remembered() == shop_server.ServerAddress(url.host, url.port, name, url.username, "")
    window.local_action.setVisible(True)
    window.local_action.trigger()                                     # File ▸ Use this computer only
    assert shop_server.remembered() is None and window.restarts == ["again", "again"]


@pytest.mark.parametrize("answer", ["local", "quit"])
def test_at_start_a_refusing_server_offers_this_computers_database(tmp_path, monkeypatch, answer):
    from loyalty_desk import app
    from loyalty_desk.views.shell import setup_dialogs

    closed = shop_server.ServerAddress("127.0.0.1", 1, "loyalty", "till")
    shop_server.remember(closed)
    offered: list[tuple[str, str]] = []
    monkeypatch.setattr(setup_dialogs, "ask_server_refused", lambda where, why: offered.append((where, why)) or answer)
    started: list[str] = []
    monkeypatch.setattr(app, "_start_desktop", lambda svc, args: started.append(svc.database_label) or 0)
    monkeypatch.delenv("LOYALTY_DESK_DATABASE_URL", raising=False)
    code = app.main([])
    assert offered == [("127.0.0.1:1", "No server at 127.0.0.1:1: is PostgreSQL running there, on that port?")]
    if answer == "local":
        assert code == 0 and shop_server.remembered() is None
        assert started == [str(tmp_path / "data" / "loyalty-desk" / "loyalty.db")]
    else:
        assert code == 2 and started == [] and shop_server.remembered() == closed
