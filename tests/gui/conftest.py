"""GUI fixtures: a real service on a fresh SQLite file, the open shop, and the light scheme.

GUI tests run on SQLite only: the widgets talk to the same service API that the
service suite already runs on PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme
from loyalty_desk.views.widgets.formatting import use_default_locale, use_shop_formats

from ..support import SHOP, FakeClock, enroll, make_program, make_tiers


@pytest.fixture
def gui_svc(tmp_path: Path, sqlite_template: Path, clock: FakeClock) -> Iterator[LoyaltyService]:
    path = tmp_path / "gui.db"
    shutil.copyfile(sqlite_template, path)
    svc = LoyaltyService(f"sqlite:///{path}", clock=clock)
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    yield svc
    svc.close()


@pytest.fixture
def session(gui_svc: LoyaltyService, qapp) -> ShopSession:  # type: ignore[no-untyped-def]
    apply_scheme(qapp, "light")
    use_default_locale()
    return ShopSession(gui_svc, SHOP)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings and the log file of tests out of the user's real folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(autouse=True)
def _default_formats() -> Iterator[None]:
    """A test that opened a shop with a locale (fr_FR) leaves the process-wide QLocale as it found it."""
    yield
    use_shop_formats(None, None)


@pytest.fixture(autouse=True)
def _close_leftover_windows(qapp):  # type: ignore[no-untyped-def]
    """Dialogs opened with open() outlive the test's widgets; close them so the next test starts clean."""
    yield
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    qapp.processEvents()


@pytest.fixture
def main_window(session, qtbot):  # type: ignore[no-untyped-def]
    """The whole window on the test's shop, shown and active, without the daily jobs."""
    from loyalty_desk.views.shell.main_window import MainWindow

    window = MainWindow(session, run_jobs=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def history(gui_svc, clock):  # type: ignore[no-untyped-def]
    """Ten days of a small tiered shop, then the jobs, so snapshots exist."""
    program = make_program(gui_svc, program_type="tiered", points_expiration_days=5)
    make_tiers(gui_svc, program.id)
    reward = gui_svc.create_loyalty_reward(SHOP, program.id, {"reward_name": "Mug", "reward_type": "free_product",
                                                              "points_cost": 20})
    members = []
    for day in range(10):
        clock.set(dt.datetime(2026, 3, 1 + day, 12, tzinfo=dt.UTC))
        members.append(enroll(gui_svc, program.id, f"Member {day}"))
        for i, member in enumerate(members):
            gui_svc.record_purchase(SHOP, program.id, member.id, str(30 + 90 * i), f"O-{day}-{i}")
        if day % 3 == 2:
            gui_svc.create_redemption(SHOP, program.id, members[0].id, reward.id, 20)
        gui_svc.run_daily_jobs(SHOP)
    clock.set(dt.datetime(2026, 3, 11, 8, tzinfo=dt.UTC))
    gui_svc.run_daily_jobs(SHOP)
    return program


@pytest.fixture
def german(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The app's words in German for the test (View ▸ Language ▸ Deutsch), English again after it."""
    from loyalty_desk.views import i18n

    assert i18n.install("de")
    yield
    i18n.install("en")
