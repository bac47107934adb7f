"""Render Settings ▸ Integrations…, light and dark: the server running with its request log (a
till's and a web shop's requests, a refused key among them), and the keys with a new one shown once.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_integrations.py

Writes docs/screenshots/integrations-{server,keys,webshops}-{light,dark}.png. It starts the real
server on a free loopback port over the demo shop, posts signed web shop orders to it (two of
strangers, which wait for the owner), and stops it (SIGTERM) before it ends.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket

from screenshots import demo_shop, settle, shoot  # the same demo, settling and file naming as every screenshot
from screenshots_staff import shoot_stacked

import httpx
from PySide6.QtWidgets import QApplication

from loyalty_desk.views.integrations.server import State
from loyalty_desk.views.shell.main_window import MainWindow, settings
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(app: QApplication, done: object) -> None:
    while not done():  # type: ignore[operator]
        app.processEvents()


def traffic(app: QApplication, base: str, till: str, shop_key: str, member: object) -> None:
    """What a till and a web shop send in a minute: reads, a purchase, its replay, a refused key."""
    till_auth, shop_auth = {"Authorization": f"Bearer {till}"}, {"Authorization": f"Bearer {shop_key}"}
    with httpx.Client(base_url=f"{base}/api/loyalty", timeout=60) as client:
        client.get("/health")
        client.get("/members", params={"q": member.card_number}, headers=till_auth)  # type: ignore[attr-defined]
        body = {"member_id": member.id, "amount": "24.90", "order_ref": "POS-2291"}  # type: ignore[attr-defined]
        client.post("/purchases", json=body, headers=till_auth)
        client.post("/purchases", json=body, headers=till_auth)          # a retry: the same row, 200
        client.get(f"/members/{member.id}", headers=shop_auth)  # type: ignore[attr-defined]
        client.post("/purchases", json={**body, "amount": 24.9}, headers=till_auth)    # a float: 422
        client.get("/dashboard", headers={"Authorization": "Bearer ld_wrong"})        # 401
        client.get(f"/members/{member.id}/transactions", params={"limit": 20}, headers=shop_auth)  # type: ignore[attr-defined]
    settle(app, 50)


SECRETS = {"shopify": "shpss_screenshot_secret", "woocommerce": "wc screenshot secret"}


def web_orders(app: QApplication, base: str, shop: str, currency: str) -> None:
    """Two paid web orders of customers the shop does not know, signed as each web shop signs."""
    for provider, path, header, payload in (
            ("shopify", "/webhooks/shopify/orders-paid", "X-Shopify-Hmac-Sha256",
             {"id": 5510231, "email": "grace.h@example.com", "currency": currency, "subtotal_price": "64.00",
              "customer": {"first_name": "Grace", "last_name": "Hopper"}}),
            ("woocommerce", "/webhooks/woocommerce/orders", "X-WC-Webhook-Signature",
             {"id": 812, "status": "completed", "currency": currency, "line_items": [{"total": "18.50"}],
              "billing": {"first_name": "Alan", "last_name": "Kay", "email": "alan.k@example.com"}})):
        body = json.dumps(payload).encode()
        signature = base64.b64encode(hmac.new(SECRETS[provider].encode(), body, hashlib.sha256).digest()).decode()
        httpx.post(f"{base}{path}", params={"userId": shop}, content=body, timeout=60,
                   headers={"Content-Type": "application/json", header: signature})
    settle(app, 50)


def main() -> None:
    app, svc, shop = demo_shop(200, 3)
    session = ShopSession(svc, shop)
    member = svc.list_members_page(shop, sort="current_points", descending=True, limit=1).rows[0]
    settings().setValue("integrations/port", free_port())
    window = MainWindow(session, run_jobs=False)
    window.resize(1280, 820)
    server = window.local_server()
    for scheme in ("light", "dark"):
        apply_scheme(app, scheme)
        window.show()
        window.open_integrations()
        dialog = window.integrations_dialog
        page = dialog.server_page
        if not server.alive:
            page.start()
            wait(app, lambda: server.state != State.STARTING)
            _, till = svc.create_api_key(shop, {"name": "Till 2", "scope": "write"})
            _, web = svc.create_api_key(shop, {"name": "Web shop", "scope": "read"})
            old, _ = svc.create_api_key(shop, {"name": "Old till", "scope": "write"})
            svc.revoke_api_key(shop, old.id)
            traffic(app, server.url, till, web, member)
            svc.save_shop(shop, {"webhook_program_id": member.program_id,
                                 **{f"{provider}_webhook_secret": secret for provider, secret in SECRETS.items()}})
            web_orders(app, server.url, shop, svc.get_shop(shop).currency)
        dialog.resize(860, 640)
        shoot(app, dialog, "integrations-server", scheme)
        dialog.pages.setCurrentWidget(dialog.keys_page)
        dialog.keys_page.reload()
        dialog.keys_page.name.setText("Kiosk" if scheme == "light" else "Self-checkout")
        dialog.keys_page.create_key()
        wait(app, lambda: dialog.keys_page.new_key is not None and dialog.keys_page.new_key.isVisible())
        shoot_stacked(app, [dialog, dialog.keys_page.new_key], "integrations-keys", scheme)
        dialog.keys_page.new_key.accept()
        dialog.pages.setCurrentWidget(dialog.web_page)
        dialog.web_page.reload()
        shoot(app, dialog, "integrations-webshops", scheme)
        dialog.close()
    server.stop()
    wait(app, lambda: not server.alive)
    window.close()
    svc.close()


if __name__ == "__main__":
    main()
