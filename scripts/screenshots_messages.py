"""Render Settings ▸ Messages…, light and dark: the mail server with a test email's answer, a
template with its live preview for a real member (and one with a mistake on its line), and the
outbox with sent, failed and waiting messages.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_messages.py

Writes docs/screenshots/messages-{server,templates,template-error,outbox}-{light,dark}.png. The
mail goes to a real SMTP server (aiosmtpd) on a loopback port, started and stopped here; the
password goes to an in-memory keyring, never to the user's own.
"""
from __future__ import annotations

import socket
from typing import Any

import keyring
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from PySide6.QtWidgets import QApplication
from screenshots import demo_shop, settle, shoot  # the same demo, settling and file naming as every screenshot

from loyalty_desk.messaging import desk, send_due_messages
from loyalty_desk.views.shell.main_window import MainWindow
from loyalty_desk.views.shell.session import ShopSession
from loyalty_desk.views.shell.theme import apply_scheme
from tests.support import MemoryKeyring  # the tests' in-memory keyring (screenshots puts the repo on the path)

GONE = "j.doe.1998@example.net"            # a mailbox that no longer exists: the server says 550
PASSWORD = "relay password"


class Relay:
    """The shop's mail relay: accepts everything but GONE."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address == GONE:
            return "550 5.1.1 <j.doe.1998@example.net>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 2.0.0 Ok: queued as 4QxY7b2Jd1z"


def sign_in(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    """The relay takes the till's account with the password kept in the keyring."""
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def port() -> int:
    """2525 (a relay's usual test port) when free, else any free one."""
    for wanted in (2525, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", wanted))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise OSError("no free port")


def wait(app: QApplication, done: Any) -> None:
    while not done():
        app.processEvents()


def outbox(svc: Any, shop: str, program_id: int) -> None:
    """Welcomes sent, one refused for good (550), and two enrolled since, waiting for the minute."""
    for name, email in (("Maya Brooks", "maya.brooks@example.com"), ("Tom Okafor", "tom.okafor@example.org"),
                        ("Jane Doe", GONE), ("Lea Martin", "lea.martin@example.com")):
        svc.enroll_loyalty_member(shop, program_id, {"customer_name": name, "email": email})
    send_due_messages(svc, shop)
    for name, email in (("Sam Reyes", "sam.reyes@example.com"), ("Ines Duarte", "ines.duarte@example.com")):
        svc.enroll_loyalty_member(shop, program_id, {"customer_name": name, "email": email})


def main() -> None:
    keyring.set_keyring(MemoryKeyring())
    app, svc, shop = demo_shop(200, 3)
    # A relay on this computer: signing in without TLS is allowed on the loopback only.
    relay = Controller(Relay(), hostname="127.0.0.1", port=port(), authenticator=sign_in, auth_require_tls=False)
    relay.start()
    svc.save_shop(shop, {"smtp_host": "localhost", "smtp_port": relay.port, "smtp_security": "none",
                         "smtp_username": "till@corner.example", "smtp_from": "hello@corner.example",
                         "smtp_reply_to": "owner@corner.example"})
    desk.set_smtp_password(shop, "till@corner.example", "localhost", PASSWORD)
    program = svc.get_loyalty_programs(shop)[0]
    outbox(svc, shop, program.id)
    session = ShopSession(svc, shop)
    session.mail = desk
    window = MainWindow(session, run_jobs=False, send_mail=True)
    window.mail_sender.stop()             # the waiting messages stay waiting for the picture
    window.resize(1280, 820)
    for scheme in ("light", "dark"):
        apply_scheme(app, scheme)
        window.show()
        window.open_messages()
        dialog = window.messages_dialog
        dialog.resize(1040, 720)
        page = dialog.server_page
        page.test_to.setText("owner@corner.example")
        page.send_test()
        wait(app, lambda page=page: page.test_answer.text() != "Sending…")
        shoot(app, dialog, "messages-server", scheme)
        templates = dialog.templates_page
        dialog.pages.setCurrentWidget(templates)
        templates.member.search.setText("Maya Brooks")
        templates.check()
        wait(app, lambda t=templates: "Hello Maya," in t.preview_text.toPlainText())
        shoot(app, dialog, "messages-templates", scheme)
        templates.body_text.setPlainText(templates.body_text.toPlainText().replace(
            "{{ member.card_number }}", "{{ member.card }}", 1))
        templates.check()
        wait(app, lambda t=templates: t.errors.message("body_text") != "")
        shoot(app, dialog, "messages-template-error", scheme)
        templates.body_text.setPlainText(templates.shown.body_text)
        dialog.pages.setCurrentWidget(dialog.outbox_page)
        failed = next(row for row, message in enumerate(dialog.outbox_page.model.rows) if message.status == "failed")
        dialog.outbox_page.table.selectRow(failed)
        settle(app)
        shoot(app, dialog, "messages-outbox", scheme)
        dialog.close()
    window.close()
    relay.stop()
    svc.close()


if __name__ == "__main__":
    main()
