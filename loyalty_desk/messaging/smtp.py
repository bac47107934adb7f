"""One SMTP connection (smtplib), the email of an outbox message, and what a failure means."""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from ..domain.messages import SMTP_DEFAULT_PORTS
from ..services import dto

TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class MailServer:
    host: str
    port: int
    security: str                    # "none", "starttls" or "tls"
    username: str | None
    password: str | None
    allow_self_signed: bool
    timeout_s: float = TIMEOUT_S

    @classmethod
    def of(cls, shop: dto.Shop, password: str | None) -> MailServer:
        return cls.from_settings({"smtp_host": shop.smtp_host, "smtp_port": shop.smtp_port,
                                  "smtp_security": shop.smtp_security, "smtp_username": shop.smtp_username,
                                  "smtp_allow_self_signed": shop.smtp_allow_self_signed}, password)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], password: str | None) -> MailServer:
        """The server of the smtp_* settings as `save_shop` takes them (a shop's, or a form's as typed)."""
        assert settings["smtp_host"] is not None
        security = settings.get("smtp_security") or "starttls"
        return cls(settings["smtp_host"], settings.get("smtp_port") or SMTP_DEFAULT_PORTS[security], security,
                   settings.get("smtp_username"), password, bool(settings.get("smtp_allow_self_signed")))


def tls_context(server: MailServer) -> ssl.SSLContext:
    """Certificates verified against the system's authorities, unless the shop allows a self-signed one."""
    context = ssl.create_default_context()
    if server.allow_self_signed:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def connect(server: MailServer) -> smtplib.SMTP:
    """An open, greeted (and signed-in, when there is a password) connection."""
    smtp: smtplib.SMTP
    if server.security == "tls":
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout_s, context=tls_context(server))
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout_s)
    try:
        smtp.ehlo()
        if server.security == "starttls":
            smtp.starttls(context=tls_context(server))
            smtp.ehlo()
        if server.username and server.password:
            smtp.login(server.username, server.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def hang_up(smtp: smtplib.SMTP) -> None:
    """QUIT, or just close a connection that is already lost."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def email_of(message: dto.OutgoingMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = message.sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = formatdate(localtime=False)
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email["List-Unsubscribe"] = message.list_unsubscribe
    if message.list_unsubscribe_post:
        email["List-Unsubscribe-Post"] = message.list_unsubscribe_post     # one click (RFC 8058)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def send_test_email(server: MailServer, sender: str, to: str, reply_to: str | None, shop_name: str) -> tuple[bool, str]:
    """Settings ▸ Messages ▸ "Send a test email": one short email to `to`. Returns (delivered, one
    line: the server's answer to the message, or what went wrong)."""
    email = EmailMessage()
    email["From"], email["To"] = sender, to
    email["Subject"] = f"Test email from {shop_name}"
    email["Message-ID"] = make_msgid("loyalty-desk-test")
    email["Date"] = formatdate(localtime=False)
    if reply_to:
        email["Reply-To"] = reply_to
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(f"This is a test email from Loyalty Desk: the mail server settings of {shop_name} work.\n")
    try:
        smtp = connect(server)
    except (OSError, smtplib.SMTPException) as exc:
        return False, connection_problem(exc)
    try:
        # mail, rcpt and data one by one (not sendmail): the server's answer to the data is the line shown.
        code, answer = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, answer, sender)
        code, answer = smtp.rcpt(to)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({to: (code, answer)})
        code, answer = smtp.data(email.as_bytes())
        if code != 250:
            raise smtplib.SMTPDataError(code, answer)
    except (OSError, smtplib.SMTPException) as exc:
        return False, verdict(exc)[1]
    finally:
        hang_up(smtp)
    return True, f"{code} {_text(answer)}"


def verdict(exc: BaseException) -> tuple[str, str, bool]:
    """What a failure to send one message means: ("retry" | "failed", the server's answer, whether
    the connection is done for). A 5xx answer or a refused address is final; a 4xx answer, a lost
    connection or a time-out is temporary."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, answer = next(iter(exc.recipients.values()))
        return ("failed" if code >= 500 else "retry"), f"{code} {_text(answer)}", False
    if isinstance(exc, smtplib.SMTPResponseException):
        return ("failed" if exc.smtp_code >= 500 else "retry"), f"{exc.smtp_code} {_text(exc.smtp_error)}", \
            exc.smtp_code == 421
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        # An address the server cannot carry (non-ASCII, without SMTPUTF8): no retry will help.
        return "failed", f"The mail server cannot send this: {exc}", False
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "retry", f"The mail server closed the connection: {exc}", True
    if isinstance(exc, TimeoutError):
        return "retry", "The mail server did not answer in time", True
    if isinstance(exc, ssl.SSLError):
        return "retry", f"Secure connection failed: {exc.reason or exc}", True
    if isinstance(exc, OSError):
        return "retry", f"Cannot reach the mail server: {exc.strerror or exc}", True
    return "retry", f"{type(exc).__name__}: {exc}", True


def connection_problem(exc: BaseException) -> str:
    """Why no connection could be made (a refused connection, a time-out, a refused sign-in...)."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"The mail server refused the sign-in: {exc.smtp_code} {_text(exc.smtp_error)}"
    return verdict(exc)[1]


def _text(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)

