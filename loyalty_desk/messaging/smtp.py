"""One SMTP connection (smtplib), the email of an outbox message, and what a failure means."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from ..services import dto

TIMEOUT_S = 30
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}


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
        assert shop.smtp_host is not None
        return cls(shop.smtp_host, shop.smtp_port or DEFAULT_PORTS[shop.smtp_security], shop.smtp_security,
                   shop.smtp_username, password, shop.smtp_allow_self_signed)


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

