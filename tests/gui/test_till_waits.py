"""The window never freezes: a counter write waits in a worker while another register holds the database."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from loyalty_desk.services import LoyaltyService
from loyalty_desk.views.counter.counter import CounterBar
from loyalty_desk.views.shell.session import ShopSession

from ..support import SHOP, enroll, make_program


def _open(tmp_path: Path, sqlite_template: Path, clock, limit: float):  # type: ignore[no-untyped-def]
    path = tmp_path / "till.db"
    shutil.copyfile(sqlite_template, path)
    svc = LoyaltyService(f"sqlite:///{path}", clock=clock, busy_timeout_s=limit)
    svc.save_shop(SHOP, {"shop_name": "Corner Shop", "currency": "USD", "timezone": "UTC", "phone_region": "US"})
    program = make_program(svc, points_per_dollar="1")
    ada = enroll(svc, program.id, "Ada Lovelace")
    return path, svc, ada


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another register (or the daily job) in the middle of a write."""
    other = sqlite3.connect(str(path), isolation_level=None, timeout=5)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.fixture
def till(qtbot, qapp, tmp_path, sqlite_template, clock, request):  # type: ignore[no-untyped-def]
    path, svc, ada = _open(tmp_path, sqlite_template, clock, request.param)
    bar = CounterBar(ShopSession(svc, SHOP))
    qtbot.addWidget(bar)
    bar.show()
    bar.open_member(ada.id)
    yield path, svc, ada, bar
    svc.close()


def _purchases(svc: LoyaltyService, member_id: int) -> list:  # type: ignore[type-arg]
    return [t for t in svc.get_member_points_history(SHOP, member_id) if t.transaction_type == "purchase"]


@pytest.mark.parametrize("till", [30.0], indirect=True)
def test_a_purchase_waits_without_freezing_and_is_recorded_once_when_the_lock_goes(till, qtbot):  # type: ignore[no-untyped-def]
    path, svc, ada, bar = till
    dialog = bar.record_purchase()
    qtbot.keyClicks(dialog.amount, "12.50")
    qtbot.keyClicks(dialog.order_ref, "LOCKED-1")
    other = _hold_write_lock(path)
    try:
        qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.wait_label.isVisible(), timeout=3000)
        assert "another register is saving" in dialog.wait_label.text()
        assert dialog.busy and not dialog.ok_button.isEnabled()
        # The GUI thread is free: keys typed meanwhile land, and a second Enter records nothing twice.
        qtbot.keyClicks(bar.lookup, "Ada")
        qtbot.keyClick(dialog.order_ref, Qt.Key.Key_Return)
        assert bar.lookup.text() == "Ada"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot be taken back half way: stays open
        assert dialog.isVisible()
    finally:
        other.close()  # rolls the other register's transaction back
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert [(t.reference_id, t.points_amount) for t in _purchases(svc, ada.id)] == [("LOCKED-1", 12)]
    qtbot.waitUntil(lambda: bar.panel.balance_label.text() == "12 points")
    assert svc.check_ledger(SHOP) == []


@pytest.mark.parametrize("till", [0.5], indirect=True)
def test_past_the_limit_nothing_is_written_and_retry_records_the_sale_once(till, qtbot):  # type: ignore[no-untyped-def]
    path, svc, ada, bar = till
    dialog = bar.record_purchase()
    qtbot.keyClicks(dialog.amount, "40")
    other = _hold_write_lock(path)
    try:
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.retry_button.isVisible(), timeout=10000)
        assert "busy" in dialog.errors.message() and "Nothing was saved" in dialog.errors.message()
        assert _purchases(svc, ada.id) == []
    finally:
        other.close()
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    recorded = _purchases(svc, ada.id)
    assert len(recorded) == 1 and recorded[0].reference_id == dialog.generated_ref and recorded[0].points_amount == 40
