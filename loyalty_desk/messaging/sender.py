"""Sending what is due in the outbox, shop by shop, over SMTP (README, "Messages").

At least once: messages are claimed a few at a time, each is recorded as sent only after the
server accepted it, and a sender that dies leaves claims the next one takes over (at once on
this computer, whose processes it can see; after the claim's lease from another one).
"""
from __future__ import annotations

import logging
import os
import secrets
import smtplib
import socket
import sys
from collections.abc import Callable
from dataclasses import replace

from ..services import LoyaltyService, dto
from .secrets import KeyringMissing, get_smtp_password
from .smtp import MailServer, connect, connection_problem, email_of, hang_up, verdict

log = logging.getLogger(__name__)
BATCH = 20


def new_claimer() -> str:
    """A name for this sender: the computer, the process, and a random part for this run."""
    return f"{socket.gethostname()[:40]}/{os.getpid()}/{secrets.token_hex(4)}"


def claimer_gone(claimer: str) -> bool:
    """Whether the sender of a claim has died: known only for a process of this computer."""
    host, _, rest = claimer.partition("/")
    pid_text = rest.partition("/")[0]
    if host != socket.gethostname()[:40] or not pid_text.isdigit() or sys.platform == "win32":
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)             # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def send_due_messages(service: LoyaltyService, user_id: str | None = None, *,
                      connect_to: Callable[[MailServer], smtplib.SMTP] = connect,
                      should_stop: Callable[[], bool] | None = None) -> dto.SendReport:
    """Send every due message of one shop (or of every shop with a mail server) and return what
    happened. Safe to run in a worker thread; `should_stop` is asked between messages."""
    shops = [user_id] if user_id is not None else service.shops_with_mail()
    report = dto.SendReport()
    for shop_id in shops:
        report = _add(report, _send_shop(service, shop_id, connect_to, should_stop))
    return report


def _add(a: dto.SendReport, b: dto.SendReport) -> dto.SendReport:
    return dto.SendReport(a.sent + b.sent, a.retrying + b.retrying, a.failed + b.failed, a.problem or b.problem)


def _send_shop(service: LoyaltyService, user_id: str, connect_to: Callable[[MailServer], smtplib.SMTP],
               should_stop: Callable[[], bool] | None) -> dto.SendReport:
    shop = service.get_shop(user_id)
    if not shop.smtp_host or not shop.smtp_from:
        return dto.SendReport(problem=f"Shop {user_id!r}: set the mail server and the sender address first")
    password = None
    note = None
    if shop.smtp_username:
        try:
            password = get_smtp_password(user_id, shop.smtp_username, shop.smtp_host)
        except KeyringMissing as exc:
            note = str(exc)
            log.warning("%s", note)
        if password is None and note is None:
            note = "No password is kept for the mail server: sending without signing in"
    server = MailServer.of(shop, password)
    claimer = new_claimer()
    report = dto.SendReport(problem=note)
    smtp: smtplib.SMTP | None = None
    try:
        while should_stop is None or not should_stop():
            batch = service.claim_due_messages(user_id, claimer=claimer, limit=BATCH, gone=claimer_gone)
            if not batch:
                break
            for index, message in enumerate(batch):
                if should_stop is not None and should_stop():
                    _release(service, user_id, claimer, batch[index:])
                    return report
                if smtp is None:
                    try:
                        smtp = connect_to(server)
                    except (OSError, smtplib.SMTPException) as exc:
                        # Nothing could go: every message taken is tried again later, with the wait growing.
                        problem = connection_problem(exc)
                        log.warning("mail server of shop %r unreachable: %s", user_id, problem)
                        for waiting in batch[index:]:
                            service.record_message_outcome(user_id, waiting.id, claimer=claimer, outcome="retry",
                                                           error=problem)
                        return replace(report, retrying=report.retrying + len(batch) - index, problem=problem)
                outcome, error, lost = _send_one(smtp, message)
                status = service.record_message_outcome(user_id, message.id, claimer=claimer, outcome=outcome,
                                                        error=error, recipient=message.recipient,
                                                        subject=message.subject)
                # Ids and the reply code only: the address, the subject and the server's words (which
                # may quote the address) name the member.
                log.info("message #%d (%s): %s%s", message.id, message.kind, outcome,
                         f" ({error[:3]})" if error and error[:3].isdigit() else "")
                # By the status recorded: the last of the retries gives up, and counts as failed.
                report = replace(report, sent=report.sent + (status == "sent"),
                                 retrying=report.retrying + (status == "pending"),
                                 failed=report.failed + (status == "failed"))
                if lost:
                    hang_up(smtp)
                    smtp = None
    finally:
        if smtp is not None:
            hang_up(smtp)
    return report


def _send_one(smtp: smtplib.SMTP, message: dto.OutgoingMessage) -> tuple[str, str | None, bool]:
    try:
        refused = smtp.send_message(email_of(message))
    except (OSError, smtplib.SMTPException) as exc:
        outcome, error, lost = verdict(exc)
        return outcome, error, lost
    if refused:     # only one recipient: a refusal of it raises above; kept for safety
        return verdict(smtplib.SMTPRecipientsRefused(refused))
    return "sent", None, False


def _release(service: LoyaltyService, user_id: str, claimer: str, messages: list[dto.OutgoingMessage]) -> None:
    for message in messages:
        service.record_message_outcome(user_id, message.id, claimer=claimer, outcome="released")
