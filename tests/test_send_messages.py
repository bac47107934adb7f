"""Sending the outbox over a REAL SMTP server: aiosmtpd on a free loopback port (README, "Messages")."""
from __future__ import annotations

import datetime as dt
import email
import ipaddress
import logging
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from email.message import Message
from pathlib import Path
from typing import Any

import keyring
import pytest
from aiosmtpd.controller import Controller

from loyalty_desk.messaging import send_due_messages
from loyalty_desk.messaging.secrets import get_smtp_password
from loyalty_desk.services import LoyaltyService

from .support import SHOP, MemoryKeyring, enroll, make_program

REPO = Path(__file__).resolve().parents[1]


class Inbox:
    """aiosmtpd's handler: keeps what it receives; refuses the addresses in `refuse` with 550, and
    can be slowed down (`delay_s`) so that a sender can be killed in the middle of a batch."""

    def __init__(self) -> None:
        self.received: list[Message] = []
        self.refuse: set[str] = set()
        self.busy = False                   # answer every message with a temporary 451
        self.delay_s = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        if self.busy:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay_s:
            time.sleep(self.delay_s)
        with self.lock:
            self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"

    def ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.received]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    server = Server(free_port())
    server.start()
    yield server
    server.stop()


def mail_shop(svc: LoyaltyService, port: int, **extra: Any) -> None:
    svc.save_shop(SHOP, {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none",
                         "smtp_from": "shop@example.com", "smtp_reply_to": "owner@example.com", **extra})


def test_send_messages_delivers_once_with_the_headers(svc, smtp_server):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    report = send_due_messages(svc, SHOP)
    assert (report.sent, report.retrying, report.failed, report.problem) == (1, 0, 0, None)
    (received,) = smtp_server.inbox.received
    assert received["To"] == "ada@example.com" and received["From"] == "shop@example.com"
    assert received["Subject"] == "Welcome to Rewards, Ada"
    assert received["Reply-To"] == "owner@example.com"
    assert received["List-Unsubscribe"] == "<mailto:owner@example.com?subject=STOP>"
    assert received.get_content_type() == "multipart/alternative"     # the default has an HTML body too
    text, html = (part.get_payload(decode=True).decode() for part in received.get_payload())
    assert "reply STOP" in text and "reply STOP" in html
    assert "<p>Hello Ada,</p>" in html
    (sent,) = svc.get_outbox(SHOP, status="sent")
    assert (sent.member_id, sent.attempts, sent.recipient) == (member.id, 1, "ada@example.com")
    assert received["Message-ID"].startswith(f"<outbox.{sent.id}.") and received["Message-ID"].endswith(
        "@example.com>")
    assert send_due_messages(svc, SHOP).sent == 0          # nothing is sent twice
    assert len(smtp_server.inbox.received) == 1


def test_an_html_template_goes_as_an_alternative(svc, smtp_server):
    mail_shop(svc, smtp_server.port)
    svc.save_message_template(SHOP, "welcome", "Hi {{ member.first_name }}", "Hello {{ member.first_name }}",
                              "<html><body><p>Hello {{ member.first_name }}</p></body></html>")
    enroll(svc, make_program(svc).id, email="ada@example.com")
    send_due_messages(svc, SHOP)
    (received,) = smtp_server.inbox.received
    assert received.get_content_type() == "multipart/alternative"
    html = received.get_payload()[1].get_payload(decode=True).decode()
    assert "<p>Hello Ada</p>" in html and "reply STOP" in html


def test_with_an_unsubscribe_address_each_email_carries_a_one_click_link(svc, smtp_server):
    mail_shop(svc, smtp_server.port, unsubscribe_base_url="https://shop.example.com:8731/")
    svc.save_message_template(SHOP, "welcome", "Hi {{ member.first_name }}", "Hello {{ member.first_name }}",
                              "<html><body><p>Hello {{ member.first_name }}</p></body></html>")
    program = make_program(svc)
    enroll(svc, program.id, "Ada Lovelace", email="ada@example.com")
    enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    assert send_due_messages(svc, SHOP).sent == 2
    links = []
    for received in smtp_server.inbox.received:
        header = " ".join(received["List-Unsubscribe"].split())       # unfolded
        link = header.split(">")[0].lstrip("<")
        assert link.startswith("https://shop.example.com:8731/unsubscribe/") and len(link) > 60
        assert header == f"<{link}>, <mailto:owner@example.com?subject=STOP>"
        assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text, html = (part.get_payload(decode=True).decode() for part in received.get_payload())
        assert f"open this link: {link}" in text and "reply STOP" not in text
        assert f'<a href="{link}">' in html
        links.append(link)
    assert len(set(links)) == 2                               # each member a link of their own
    page = svc.unsubscribe_page(links[1].rpartition("/")[2])
    assert (page.shop_name, page.opted_out) == ("Corner Shop", False)


def test_the_server_down_then_up(svc, clock):
    server = Server(free_port())
    mail_shop(svc, server.port)
    enroll(svc, make_program(svc).id, email="ada@example.com")
    report = send_due_messages(svc, SHOP)
    assert (report.sent, report.retrying) == (0, 1) and "Cannot reach the mail server" in (report.problem or "")
    (waiting,) = svc.get_outbox(SHOP, status="pending")
    assert waiting.attempts == 1 and "Cannot reach" in (waiting.last_error or "")
    server.start()
    try:
        assert send_due_messages(svc, SHOP).sent == 0          # not due yet: it waits a minute
        clock.advance(minutes=1)
        assert send_due_messages(svc, SHOP).sent == 1
        assert len(server.inbox.received) == 1
        (sent,) = svc.get_outbox(SHOP, status="sent")
        assert sent.attempts == 2 and sent.last_error is None
    finally:
        server.stop()


def test_a_550_is_marked_failed_with_the_answer_and_can_be_retried(svc, smtp_server):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc)
    enroll(svc, program.id, email="ada@example.com")
    enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    smtp_server.inbox.refuse.add("ada@example.com")
    report = send_due_messages(svc, SHOP)
    assert (report.sent, report.failed) == (1, 1)
    (failed,) = svc.get_outbox(SHOP, status="failed")
    assert failed.last_error == "550 No such mailbox here" or (failed.last_error or "").startswith("550")
    assert "No such mailbox" in (failed.last_error or "")
    smtp_server.inbox.refuse.clear()
    svc.retry_message(SHOP, failed.id)
    assert send_due_messages(svc, SHOP).sent == 1
    assert sorted(m["To"] for m in smtp_server.inbox.received) == ["ada@example.com", "grace@example.com"]


def test_a_451_is_tried_again_later_and_given_up_after_twelve_tries(svc, smtp_server, clock):
    mail_shop(svc, smtp_server.port)
    enroll(svc, make_program(svc).id, email="ada@example.com")
    smtp_server.inbox.busy = True
    waits = []
    for _ in range(11):
        assert send_due_messages(svc, SHOP).retrying == 1
        (waiting,) = svc.get_outbox(SHOP, status="pending")
        assert (waiting.last_error or "").startswith("451")
        assert send_due_messages(svc, SHOP).retrying == 0           # not due again yet
        due_in = waiting.next_attempt_at - clock.now
        waits.append(int(due_in.total_seconds() // 60))
        clock.advance(seconds=due_in.total_seconds())
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]   # doubling, at most 6 hours apart
    assert send_due_messages(svc, SHOP).failed == 1                 # the twelfth try
    (failed,) = svc.get_outbox(SHOP, status="failed")
    assert failed.attempts == 12 and "12 tries" in (failed.last_error or "") and "451" in (failed.last_error or "")
    assert smtp_server.inbox.received == []


def test_a_birthday_reaches_only_the_member_who_agreed_to_offers(svc, smtp_server, clock):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc, birthday_bonus_points=100, program_rules={"messages": {"welcome": False}})
    birthday = clock.now.date().replace(year=1990)
    enroll(svc, program.id, "Keen Member", email="keen@example.com", birthday=birthday, marketing_consent=True)
    enroll(svc, program.id, "Quiet Member", email="quiet@example.com", birthday=birthday)
    svc.run_daily_jobs(SHOP)
    assert send_due_messages(svc, SHOP).sent == 1
    (received,) = smtp_server.inbox.received
    assert (received["To"], received["Subject"]) == ("keen@example.com", "Happy birthday, Keen")


def test_an_opt_out_after_queueing_is_respected_at_sending(svc, smtp_server):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc)
    member = enroll(svc, program.id, email="ada@example.com")
    enroll(svc, program.id, "Grace Hopper", email="grace@example.com")
    svc.update_loyalty_member(SHOP, member.id, {"email_opt_out": True})
    send_due_messages(svc, SHOP)
    assert [m["To"] for m in smtp_server.inbox.received] == ["grace@example.com"]


def test_an_expiry_reminder_is_sent_once(svc, smtp_server, clock):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc, points_expiration_days=40, program_rules={"messages": {"welcome": False}})
    member = enroll(svc, program.id, email="ada@example.com")
    svc.record_purchase(SHOP, program.id, member.id, "25", "order-1")
    for _ in range(15):
        clock.advance(days=1)
        svc.run_daily_jobs(SHOP)
        send_due_messages(svc, SHOP)
    (received,) = smtp_server.inbox.received
    assert received["Subject"].startswith("25 of your points expire on")


def test_the_log_names_no_member(svc, smtp_server, caplog):
    mail_shop(svc, smtp_server.port)
    program = make_program(svc)
    enroll(svc, program.id, "Zebediah Quuxley", email="zebediah@example.com")
    enroll(svc, program.id, "Refused Quuxley", email="refused@example.com")
    smtp_server.inbox.refuse.add("refused@example.com")
    with caplog.at_level(logging.DEBUG):
        send_due_messages(svc, SHOP)
    # The app's own records (the test SMTP server logs what it receives, as a server would).
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("loyalty_desk")).lower()
    assert "message #" in text
    assert not any(word in text for word in ("zebediah", "quuxley", "@example.com", "refused@"))


def test_smtp_password_set_keeps_it_in_the_keyring_only(db_url, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("the command and the keyring do not depend on the database")
    with LoyaltyService(db_url) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop", "smtp_host": "mail.example.com",
                             "smtp_username": "shop@example.com"})
    # A keyring backend of the test's own, loaded by the command from a module on its path.
    (tmp_path / "memkeyring.py").write_text(
        "import json, os, keyring\nfrom keyring.backend import KeyringBackend\n"
        "class Kept(KeyringBackend):\n    priority = 1\n"
        "    def set_password(self, s, u, p):\n"
        "        open(os.environ['KEPT'], 'w').write(json.dumps([s, u, p]))\n"
        "    def get_password(self, s, u):\n        return None\n"
        "    def delete_password(self, s, u):\n        pass\n", encoding="utf-8")
    kept = tmp_path / "kept.json"
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{tmp_path}", "PYTHON_KEYRING_BACKEND": "memkeyring.Kept",
           "KEPT": str(kept)}
    done = subprocess.run([sys.executable, "-m", "loyalty_desk", "--database-url", db_url, "smtp-password", "set",
                           "--user-id", SHOP], input="s3cret-Pass\n", capture_output=True, text=True, env=env,
                          timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert kept.read_text() == '["loyalty-desk-smtp", "shop-1:shop@example.com@mail.example.com", "s3cret-Pass"]'
    db_file = Path(db_url.removeprefix("sqlite:///"))
    assert b"s3cret-Pass" not in db_file.read_bytes()
    assert "s3cret" not in done.stdout + done.stderr


def test_no_keyring_is_said_clearly_and_mail_goes_without_sign_in(svc, smtp_server):
    before = keyring.get_keyring()
    from keyring.backends import fail
    keyring.set_keyring(fail.Keyring())
    try:
        mail_shop(svc, smtp_server.port, smtp_username="shop@example.com")
        enroll(svc, make_program(svc).id, email="ada@example.com")
        report = send_due_messages(svc, SHOP)
    finally:
        keyring.set_keyring(before)
    assert report.sent == 1 and "No keyring is available" in (report.problem or "")


def test_the_password_comes_from_the_keyring(svc):
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        from loyalty_desk.messaging import set_smtp_password
        set_smtp_password(SHOP, "shop@example.com", "mail.example.com", "pw")
        assert get_smtp_password(SHOP, "shop@example.com", "mail.example.com") == "pw"
        assert get_smtp_password(SHOP, "other@example.com", "mail.example.com") is None
    finally:
        keyring.set_keyring(before)


def test_a_killed_sender_loses_nothing(db_url, clock, smtp_server):
    """SIGKILL `send-messages` in the middle of a batch, run it again: every message arrives at
    least once (the one in flight may arrive twice, with the same Message-ID)."""
    with LoyaltyService(db_url) as svc:
        svc.save_shop(SHOP, {"shop_name": "Corner Shop"})
        mail_shop(svc, smtp_server.port)
        program = make_program(svc)
        for n in range(12):
            enroll(svc, program.id, f"Member {n}", email=f"member{n}@example.com")
        expected = {m.id for m in svc.get_outbox(SHOP)}
    smtp_server.inbox.delay_s = 0.3
    command = [sys.executable, "-m", "loyalty_desk", "--database-url", db_url, "send-messages", "--user-id", SHOP]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(smtp_server.inbox.ids()) < 3 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL
    got_before = len(smtp_server.inbox.ids())
    assert 3 <= got_before < 12
    smtp_server.inbox.delay_s = 0
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    delivered = {int(mid.split(".")[1]) for mid in smtp_server.inbox.ids()}
    assert delivered == expected
    with LoyaltyService(db_url) as svc:
        assert {m.id for m in svc.get_outbox(SHOP, status="sent")} == expected


def self_signed(tmp_path: Path) -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 that nobody vouches for."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                         serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return context


def test_starttls_verifies_the_certificate_unless_self_signed_is_allowed(svc, clock, tmp_path):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=self_signed(tmp_path),
                            require_starttls=True)
    controller.start()
    try:
        mail_shop(svc, port, smtp_security="starttls")
        enroll(svc, make_program(svc).id, email="ada@example.com")
        report = send_due_messages(svc, SHOP)
        assert (report.sent, report.retrying) == (0, 1)
        assert "Secure connection failed" in (report.problem or "") and "CERTIFICATE_VERIFY_FAILED" in (
            report.problem or "")
        assert inbox.received == []
        svc.save_shop(SHOP, {"smtp_allow_self_signed": True})
        clock.advance(minutes=1)
        assert send_due_messages(svc, SHOP).sent == 1
        assert [m["To"] for m in inbox.received] == ["ada@example.com"]
    finally:
        controller.stop()


def test_a_test_email_says_the_servers_answer_in_one_line(smtp_server):
    """Settings ▸ Messages ▸ "Send a test email" (messaging.desk.send_test): the settings as typed."""
    from loyalty_desk.messaging import desk

    typed = {"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_security": "none",
             "smtp_from": "shop@example.com", "shop_name": "Corner Shop"}
    assert desk.send_test(SHOP, typed, "me@example.com") == (True, "250 Message accepted")
    smtp_server.inbox.refuse.add("gone@example.com")
    assert desk.send_test(SHOP, typed, "gone@example.com") == (False, "550 5.1.1 No such mailbox here")
    [received] = smtp_server.inbox.received
    assert received["Subject"] == "Test email from Corner Shop" and received["To"] == "me@example.com"
