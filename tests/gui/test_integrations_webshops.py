"""Settings ▸ Integrations… ▸ Web shops: the webhook addresses (a signed Shopify order posted to
the one shown, on the server started from the dialog), the secrets replaced write-only, the
enrol and program settings, and the unmatched orders resolved to a member found in the picker,
or dismissed."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QSettings, Qt

from loyalty_desk.views.integrations.dialog import IntegrationsDialog
from loyalty_desk.views.integrations.server import LocalServer, State
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.widgets.forms import Confirm

from ..support import SHOP, enroll, make_program
from ..web_shops import SHOPIFY_SECRET, body_of, shopify_order, sign
from .test_integrations import START_MS, free_port, type_port


@pytest.fixture
def shop(gui_svc):  # type: ignore[no-untyped-def]
    program = make_program(gui_svc)
    return {"program": program, "jon": enroll(gui_svc, program.id, "Jon Snow", email="jon.snow@example.com")}


@pytest.fixture
def dialog(qtbot, session: ShopSession, tmp_path: Path, shop):  # type: ignore[no-untyped-def]
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    server = LocalServer(lambda: session.svc.database_url, session.svc.clock)
    opened = IntegrationsDialog(session, server, store)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    opened.pages.setCurrentWidget(opened.web_page)
    yield opened
    if server.alive and server.process is not None:
        server.process.kill()
        server.process.waitForFinished(10_000)


def replace_secret(qtbot, page, provider: str, secret: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.replace_buttons[provider], Qt.MouseButton.LeftButton)
    secret_dialog = page.secret_dialog
    qtbot.waitExposed(secret_dialog)
    assert not secret_dialog.save_button.isEnabled()        # nothing typed: nothing to save
    qtbot.keyClicks(secret_dialog.secret, secret)
    assert secret_dialog.secret.echoMode() == secret_dialog.secret.EchoMode.Password
    qtbot.keyClick(secret_dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.secret_state[provider].text() == "set")


def test_secrets_are_replaced_write_only_and_the_settings_saved(qtbot, dialog, gui_svc, shop):
    page = dialog.web_page
    assert page.secret_state["shopify"].text().startswith("not set")
    replace_secret(qtbot, page, "shopify", SHOPIFY_SECRET)
    stored = gui_svc.get_shop(SHOP)
    assert stored.shopify_webhook_secret_set and not stored.woocommerce_webhook_secret_set
    assert SHOPIFY_SECRET not in " ".join(label.text() for label in page.findChildren(type(page.outcome)))
    page.auto_enroll.setFocus()
    qtbot.keyClick(page.auto_enroll, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: gui_svc.get_shop(SHOP).webhook_auto_enroll)
    page.program.setCurrentIndex(page.program.findData(shop["program"].id))
    page.program.activated.emit(page.program.currentIndex())
    qtbot.waitUntil(lambda: gui_svc.get_shop(SHOP).webhook_program_id == shop["program"].id)


def test_a_signed_order_posted_to_the_address_shown_waits_and_is_resolved_or_dismissed(qtbot, dialog, gui_svc,
                                                                                          shop, monkeypatch):
    page = dialog.web_page
    replace_secret(qtbot, page, "shopify", SHOPIFY_SECRET)
    dialog.pages.setCurrentWidget(dialog.server_page)
    type_port(qtbot, dialog, free_port())
    qtbot.mouseClick(dialog.server_page.start_button, Qt.MouseButton.LeftButton)
    server = dialog.server_page.server
    qtbot.waitUntil(lambda: server.state != State.STARTING, timeout=START_MS)
    assert server.state == State.RUNNING
    dialog.pages.setCurrentWidget(page)
    address = page.urls["/webhooks/shopify/orders-paid"].text()
    assert address.startswith(server.url) and address.endswith(f"?userId={SHOP}")
    for order_id, email in ((1001, "stranger@example.com"), (1002, "nobody@example.com")):
        body = body_of(shopify_order(order_id, email=email))
        answer = httpx.post(address, content=body, timeout=60, headers={
            "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": sign(SHOPIFY_SECRET, body),
            "X-Shopify-Webhook-Id": f"delivery-{order_id}"})
        assert answer.status_code < 300, answer.text
    page.reload()
    assert page.model.rowCount() == 2
    orders = {page.model.index(row, 2).data(): row for row in range(2)}
    assert set(orders) == {"1001", "1002"}

    # Resolve 1001 to Jon, found in the picker by name.
    page.table.selectRow(orders["1001"])
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    picker = page.picker
    qtbot.waitExposed(picker)
    assert picker.search.text() == "stranger@example.com" and picker.results.count() == 0
    assert not picker.ok_button.isEnabled()
    picker.search.selectAll()
    qtbot.keyClicks(picker.search, "Jon")
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)        # the member found first: theirs
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "recorded" in page.outcome.text()
    history = gui_svc.get_member_points_history(SHOP, shop["jon"].id)
    assert [tx.reference_id for tx in history if tx.reference_id] == ["shopify:1001"]
    assert gui_svc.list_unmatched_orders(SHOP, status="resolved")[0].member_id == shop["jon"].id

    # Dismiss 1002: cancelled first (nothing written), then confirmed.
    select = page.model.index(0, 2).data()
    assert select == "1002"
    page.table.selectRow(0)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *_args: False))
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    assert len(gui_svc.list_unmatched_orders(SHOP)) == 1
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *_args: True))
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert gui_svc.list_unmatched_orders(SHOP) == []
    assert [o.order_ref for o in gui_svc.list_unmatched_orders(SHOP, status="dismissed")] == ["shopify:1002"]
    assert not page.resolve_button.isEnabled() and not page.dismiss_button.isEnabled()
